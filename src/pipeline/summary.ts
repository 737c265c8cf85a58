/**
 * The end-of-run summary printed by `plum run` and the stage commands: a table of the stages
 * (what happened, how long, what they counted), the statistics summary when the stats stage has
 * one, and where the files are. Formatting only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatStatsSummary } from '../stats/format-stats.js';
import type { PlumRunStats } from '../stats/stats-types.js';
import type { PipelineReport } from './run-pipeline.js';

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** A plain-text table with left-aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The summary of a pipeline run; `statsSummary` is the stats stage's printed table, if any. */
export function formatRunSummary(report: PipelineReport, statsSummary?: string): string {
  const rows = report.stages.map((s) => [s.key, s.action, s.action === 'up-to-date' ? '-' : formatMs(s.durationMs), formatCounts(s.counts)]);
  const parts = [formatTable(['stage', 'action', 'time', 'counts'], rows)];
  if (statsSummary) parts.push(statsSummary.trimEnd());
  const round = report.paths.round(report.round);
  const show = (file: string) => {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
  };
  const files: [string, string][] = [
    ['run directory', report.paths.dir],
    ['DPO pairs', round.dpo],
    ['KTO examples', round.kto],
    ['statistics', round.stats],
    ['TRL export', round.exportDir],
  ];
  parts.push(formatTable(['', 'where'], files.filter(([, f]) => existsSync(f)).map(([what, f]) => [what, show(f)])));
  return parts.join('\n\n') + '\n';
}

/** The printed statistics summary of a stats.json (undefined when there is none). */
export function readStatsSummary(statsFile: string): string | undefined {
  if (!existsSync(statsFile)) return undefined;
  try {
    return formatStatsSummary(JSON.parse(readFileSync(statsFile, 'utf8')) as PlumRunStats);
  } catch {
    return undefined;
  }
}
