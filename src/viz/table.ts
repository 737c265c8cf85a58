/**
 * A plain table (title, columns, rows) and its HTML rendering: used for the report's summary
 * tables and for DataFrame display in notebooks. Cells are escaped; long cells are truncated.
 */
import { escapeHtml } from './html.js';

/** A cell value as shown in a table. */
export type TableCell = string | number | boolean | null | undefined;

/** A titled table. */
export interface Table {
  key: string;
  title: string;
  columns: string[];
  rows: TableCell[][];
  /** Shown under the table, e.g. "showing 20 of 1,234 rows". */
  caption?: string;
}

/** Options of `tableHtml`. */
export interface TableHtmlOptions {
  /** Cells longer than this are cut with an ellipsis (default 160). */
  maxCellChars?: number;
  /** Render the title as a heading (default true). */
  showTitle?: boolean;
}

function formatCell(value: TableCell, maxChars: number): string {
  if (value === null || value === undefined) return '<span style="color:#999">null</span>';
  let text = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(value);
  if (text.length > maxChars) text = text.slice(0, maxChars - 1) + '…';
  const escaped = escapeHtml(text);
  return text.includes('\n') ? `<pre style="margin:0;white-space:pre-wrap;text-align:left">${escaped}</pre>` : escaped;
}

/** A table as an HTML <table class="plum-table">. */
export function tableHtml(table: Table, options: TableHtmlOptions = {}): string {
  const max = options.maxCellChars ?? 160;
  const head = table.columns.map((c) => `<th style="text-align:left;border-bottom:1px solid #999;padding:2px 8px">${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td style="text-align:${typeof cell === 'number' ? 'right' : 'left'};padding:2px 8px;vertical-align:top;border-bottom:1px solid #eee">${formatCell(cell, max)}</td>`).join('')}</tr>`)
    .join('');
  const title = options.showTitle === false ? '' : `<h4 style="margin:12px 0 4px">${escapeHtml(table.title)}</h4>`;
  const caption = table.caption ? `<div style="color:#555;font-size:12px">${escapeHtml(table.caption)}</div>` : '';
  return `<div class="plum-table-wrap" data-key="${escapeHtml(table.key)}">${title}<table class="plum-table" style="border-collapse:collapse;font-size:13px;font-family:sans-serif"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${caption}</div>`;
}
