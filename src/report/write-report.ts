/**
 * `writeRunReport`: load a run directory, build its figures and tables, and write the standalone
 * HTML report (atomically, via a temporary file and a rename). The IO wrapper of the report.
 */
import { writeTextAtomic } from '../io/jsonl.js';
import { join, resolve } from 'node:path';
import { buildRunFigures } from '../viz/run-figures.js';
import { loadRunData, type LoadRunDataOptions } from './run-data.js';
import { reportContentOf, renderReportHtml } from './html-report.js';
import { buildSummaryTables } from './summary-tables.js';

/** Options of `writeRunReport`. */
export interface WriteRunReportOptions extends LoadRunDataOptions {
  /** Output file; default `<runDir>/report.html` (`report-round-K.html` for rounds above 0). */
  out?: string;
}

/** What `writeRunReport` wrote. */
export interface WrittenReport {
  file: string;
  round: number;
  figures: number;
  /** Figures with data (the others show "no data"). */
  figuresWithData: number;
  bytes: number;
}

/** Write the HTML report of `runDir`; returns where and what. */
export async function writeRunReport(runDir: string, options: WriteRunReportOptions = {}): Promise<WrittenReport> {
  const data = await loadRunData(runDir, options);
  const figures = buildRunFigures(data);
  const content = reportContentOf(data, figures, buildSummaryTables(data));
  const html = renderReportHtml(content);
  const all = [...figures, ...(content.audit?.figures ?? [])];
  const file = resolve(options.out ?? join(runDir, data.round > 0 ? `report-round-${data.round}.html` : 'report.html'));
  writeTextAtomic(file, html);
  return { file, round: data.round, figures: all.length, figuresWithData: all.filter((f) => f.data.length > 0).length, bytes: Buffer.byteLength(html) };
}
