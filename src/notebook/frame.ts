/**
 * Stage records as nodejs-polars DataFrames for grouping and aggregation in notebooks: nested
 * objects become dotted columns (`provenance.generator`), arrays become JSON text (or, with
 * `explode`, one row per element, e.g. one row per test outcome of an execution). Column types are
 * chosen explicitly (Int64, Float64, Bool, Utf8) so nulls and mixed values never break inference.
 * Also renders a DataFrame as an HTML table. (danfojs-node cannot be installed here; see README.)
 */
import pl from 'nodejs-polars';
import type { z } from 'zod';
import { readJsonl } from '../io/jsonl.js';
import type { Table, TableCell } from '../viz/table.js';
import { tableHtml } from '../viz/table.js';
import { showHtml } from './display.js';

/** Options of `recordsToFrame` and `loadFrame`. */
export interface FrameOptions {
  /**
   * An array field to explode: one row per element, its fields prefixed with the field name
   * (`tests.verdict`), the parent's other fields repeated. E.g. `tests` of executions,
   * `decisions` of filter decisions, `killed` of mutation scores.
   */
  explode?: string;
  /** Keep only these (flattened) columns, in this order. */
  columns?: string[];
  /** Read at most this many records (loadFrame). */
  limit?: number;
}

type Flat = Record<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flatten one record: nested objects -> dotted keys, arrays -> JSON text. */
export function flattenRecord(record: Record<string, unknown>, prefix = '', out: Flat = {}): Flat {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) flattenRecord(value, name, out);
    else if (Array.isArray(value)) out[name] = JSON.stringify(value);
    else out[name] = value;
  }
  return out;
}

function explodeRecord(record: Record<string, unknown>, field: string): Flat[] {
  const { [field]: items, ...rest } = record;
  const parent = flattenRecord(rest);
  if (!Array.isArray(items) || items.length === 0) return [{ ...parent }];
  return items.map((item) => ({ ...parent, ...(isPlainObject(item) ? flattenRecord(item, field) : { [field]: item }) }));
}

function seriesOf(name: string, values: unknown[]): pl.Series {
  const present = values.filter((v) => v !== null && v !== undefined);
  const nulled = values.map((v) => (v === undefined ? null : v));
  if (present.length && present.every((v) => typeof v === 'boolean')) return pl.Series(name, nulled, pl.Bool);
  if (present.length && present.every((v) => typeof v === 'number')) {
    return present.every((v) => Number.isInteger(v)) ? pl.Series(name, nulled, pl.Int64) : pl.Series(name, nulled, pl.Float64);
  }
  return pl.Series(name, nulled.map((v) => (v === null || typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))), pl.Utf8);
}

/** Records (any stage) as a DataFrame; see `FrameOptions`. */
export function recordsToFrame(records: Iterable<object>, options: FrameOptions = {}): pl.DataFrame {
  const rows: Flat[] = [];
  for (const r of records) {
    const rec = r as Record<string, unknown>;
    if (options.explode) rows.push(...explodeRecord(rec, options.explode));
    else rows.push(flattenRecord(rec));
  }
  const names: string[] = options.columns ?? [];
  if (!options.columns) {
    const seen = new Set<string>();
    for (const row of rows) for (const k of Object.keys(row)) if (!seen.has(k)) (seen.add(k), names.push(k));
  }
  return pl.DataFrame(names.map((n) => seriesOf(n, rows.map((row) => row[n]))));
}

/** Read a stage's JSONL file (validated when a schema is given) into a DataFrame. */
export async function loadFrame(file: string, options: FrameOptions & { schema?: z.ZodType } = {}): Promise<pl.DataFrame> {
  const records: object[] = [];
  for await (const { value } of readJsonl(file, options.schema)) {
    records.push(value as object);
    if (options.limit !== undefined && records.length >= options.limit) break;
  }
  return recordsToFrame(records, options);
}

/** A DataFrame's first rows as a Table (for HTML display). */
export function frameToTable(df: pl.DataFrame, options: { maxRows?: number; title?: string } = {}): Table {
  const maxRows = options.maxRows ?? 20;
  const head = df.head(maxRows).toRecords() as Record<string, unknown>[];
  const cell = (v: unknown): TableCell => (v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v) ? (v as TableCell) : JSON.stringify(v));
  return {
    key: 'frame',
    title: options.title ?? '',
    columns: df.columns,
    rows: head.map((r) => df.columns.map((c) => cell(r[c]))),
    caption: `${df.height.toLocaleString('en-US')} rows × ${df.width} columns${df.height > maxRows ? ` (showing ${maxRows})` : ''}`,
  };
}

/** A DataFrame as an HTML table (first `maxRows` rows, long cells cut). */
export function frameHtml(df: pl.DataFrame, options: { maxRows?: number; title?: string; maxCellChars?: number } = {}): string {
  return tableHtml(frameToTable(df, options), { showTitle: Boolean(options.title), maxCellChars: options.maxCellChars });
}

/** Show a DataFrame in the notebook as an HTML table. */
export function showFrame(df: pl.DataFrame, options: { maxRows?: number; title?: string; maxCellChars?: number } = {}): void {
  showHtml(frameHtml(df, options));
}
