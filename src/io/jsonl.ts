/**
 * The one JSONL reader and the writers of plum.
 * - `readJsonl` streams records and validates each against a zod schema; a bad line is a
 *   SchemaError naming file, line and field.
 * - `openAppendLog` is the crash-safe writer of long stages: one `write()` per record, a torn last
 *   line (from `kill -9`) is cut off on reopen, and the keys already written are returned so a rerun
 *   skips them.
 * - `writeJsonlAtomic` (records) and `writeTextAtomic` (any text: JSON, HTML, YAML) write a whole
 *   file through a temporary file and a rename: readers see the old file or the new one, never half of it.
 */
import { existsSync, writeFileSync, openSync, closeSync, writeSync, fsyncSync, ftruncateSync, readSync, fstatSync, renameSync, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import { SchemaError } from '../errors.js';

/** One parsed line with its 1-based line number. */
export interface JsonlLine<T> {
  line: number;
  value: T;
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; problem: string } {
  return { field: issue.path.map(String).join('.'), problem: issue.message };
}

/** Parse one JSONL line against a schema, or throw a SchemaError naming file:line:field. */
export function parseJsonlLine<S extends z.ZodType>(text: string, schema: S, file: string, line: number): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SchemaError(file, line, '', `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error.issues[0]);
    throw new SchemaError(file, line, field, problem, { cause: parsed.error });
  }
  return parsed.data;
}

/** Options of `readJsonl`. */
export interface ReadJsonlOptions {
  /** Rewrites each line's text before parsing (e.g. Python's NaN/Infinity tokens, see src/problems/python-json.ts). */
  transformLine?: (text: string) => string;
}

/**
 * Stream a JSONL file (optionally .gz) record by record. Blank lines and a leading byte-order mark
 * are skipped; CRLF line ends are accepted. With a schema,
 * each record is validated; without one, values are returned as parsed.
 */
export async function* readJsonl<S extends z.ZodType>(file: string, schema?: S, options: ReadJsonlOptions = {}): AsyncGenerator<JsonlLine<z.output<S>>> {
  const handle = await open(file, 'r'); // a missing or unreadable file rejects here, not as a stray stream error
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR', path: file, syscall: 'read' });
  }
  const input = handle.createReadStream();
  let streamError: unknown;
  const gunzip = file.endsWith('.gz') ? createGunzip() : undefined;
  const lines = createInterface({ input: gunzip ? input.pipe(gunzip) : input, crlfDelay: Infinity });
  for (const s of [input, ...(gunzip ? [gunzip] : []), lines] as NodeJS.EventEmitter[]) {
    s.on('error', (err: unknown) => {
      streamError ??= err;
      lines.close();
    });
  }
  let n = 0;
  try {
    for await (const raw of lines) {
      n += 1;
      const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // a UTF-8 byte-order mark
      if (!line.trim()) continue;
      const text = options.transformLine ? options.transformLine(line) : line;
      if (schema) yield { line: n, value: parseJsonlLine(text, schema, file, n) };
      else {
        try {
          yield { line: n, value: JSON.parse(text) };
        } catch (err) {
          throw new SchemaError(file, n, '', `not valid JSON (${(err as Error).message})`, { cause: err });
        }
      }
    }
    if (streamError) {
      const code = (streamError as NodeJS.ErrnoException).code ?? '';
      if (code.startsWith('Z_')) throw new SchemaError(file, n + 1, '', `not a readable gzip file (${(streamError as Error).message})`, { cause: streamError });
      throw streamError;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Read a whole JSONL file into an array of values (validated when a schema is given). */
export async function readJsonlAll<S extends z.ZodType>(file: string, schema?: S): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for await (const { value } of readJsonl(file, schema)) out.push(value);
  return out;
}

/** Write a whole text file atomically (temporary file, rename): readers see the old file or the new one. */
export function writeTextAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Write all records to `file` atomically (temporary file, fsync, rename). */
export async function writeJsonlAtomic(file: string, records: Iterable<unknown> | AsyncIterable<unknown>): Promise<number> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w');
  let count = 0;
  let buffer = '';
  try {
    for await (const record of records as AsyncIterable<unknown>) {
      buffer += JSON.stringify(record) + '\n';
      count += 1;
      if (buffer.length > 1 << 20) {
        await handle.write(buffer);
        buffer = '';
      }
    }
    if (buffer) await handle.write(buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
  renameSync(tmp, file);
  return count;
}

/** An append-only JSONL log that survives `kill -9`. */
export interface AppendLog<T> {
  /** Keys of the records already in the file when it was opened, plus those appended since. */
  readonly keys: Set<string>;
  /** The records that were already in the file when it was opened (validated). */
  readonly existing: T[];
  /** Append one record (one write call, so a crash leaves at most one torn line). Skips known keys. */
  append(record: T): boolean;
  /** Flush to disk and close. */
  close(): void;
}

/**
 * Open (or create) an append log. A torn last line from a crash is cut off; earlier lines are
 * validated with `schema` and their keys collected with `keyOf`.
 */
export async function openAppendLog<S extends z.ZodType>(
  file: string,
  schema: S,
  keyOf: (record: z.output<S>) => string,
): Promise<AppendLog<z.output<S>>> {
  mkdirSync(dirname(file), { recursive: true });
  const keys = new Set<string>();
  const existing: z.output<S>[] = [];
  if (existsSync(file)) {
    cutTornTail(file);
    for await (const { value } of readJsonl(file, schema)) {
      const key = keyOf(value);
      if (keys.has(key)) continue;
      keys.add(key);
      existing.push(value);
    }
  }
  const fd = openSync(file, 'a');
  let closed = false;
  return {
    keys,
    existing,
    append(record) {
      const key = keyOf(record);
      if (keys.has(key)) return false;
      writeSync(fd, JSON.stringify(record) + '\n');
      keys.add(key);
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}

/** Remove a last line that has no terminating newline (a write torn by a crash). */
function cutTornTail(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return;
    const chunk = Buffer.alloc(Math.min(size, 1 << 16));
    let end = size;
    // Walk back to the last newline.
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const idx = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (idx >= 0) {
        const keep = start + idx + 1;
        if (keep !== size) ftruncateSync(fd, keep);
        return;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
}
