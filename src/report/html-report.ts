/**
 * The standalone HTML report of a run: one page with the summary tables, every figure and the raw
 * stats.json, with plotly.js inlined so it opens offline (about 5 MB). Pure: `renderRunReport`
 * returns the page; writing it is ./write-report.ts.
 */
import type { Figure } from '../viz/figure.js';
import { escapeHtml, figureHtml, plotlyBundleScript } from '../viz/html.js';
import type { RunData } from '../viz/run-figures.js';
import { auditFigures } from '../viz/audit-charts.js';
import { auditTables } from './audit-tables.js';
import { tableHtml, type Table } from '../viz/table.js';

/** The parts of a report page. */
export interface ReportContent {
  title: string;
  /** One line under the title (run directory, round, date). */
  subtitle: string;
  tables: Table[];
  figures: Figure[];
  stats?: Record<string, unknown>;
  /** The "Label audit" section (`plum audit` ran on this round). */
  audit?: { tables: Table[]; figures: Figure[] };
}

/** The report page as one HTML string. */
export function renderReportHtml(content: ReportContent): string {
  const [summary, ...otherTables] = content.tables;
  const figures = content.figures.map((f) => `<section class="plum-section">${figureHtml(f, { id: `fig-${f.key}` })}</section>`).join('\n');
  const tables = otherTables.filter((t) => t.rows.length > 0).map((t) => `<section class="plum-section">${tableHtml(t)}</section>`).join('\n');
  const audit = content.audit
    ? `<h2>Label audit</h2>\n${content.audit.tables.map((t) => `<section class="plum-section">${tableHtml(t)}</section>`).join('\n')}\n${content.audit.figures.map((f) => `<section class="plum-section">${figureHtml(f, { id: `fig-${f.key}` })}</section>`).join('\n')}`
    : '';
  const stats = content.stats
    ? `<details><summary>stats.json</summary><pre style="font-size:12px">${escapeHtml(JSON.stringify(content.stats, null, 2))}</pre></details>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(content.title)}</title>
<style>
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1100px; padding: 0 16px; color: #222; }
h1 { margin-bottom: 0; } .plum-subtitle { color: #555; margin-top: 4px; }
.plum-section { margin: 18px 0; } .plum-figure-empty { color: #777; border: 1px dashed #ccc; padding: 8px 12px; }
</style>
${plotlyBundleScript()}
</head>
<body>
<h1>${escapeHtml(content.title)}</h1>
<p class="plum-subtitle">${escapeHtml(content.subtitle)}</p>
${summary ? `<section class="plum-section">${tableHtml(summary)}</section>` : ''}
${audit}
<h2>Figures</h2>
${figures}
<h2>Tables</h2>
${tables}
${stats}
</body>
</html>
`;
}

/** Report content for a loaded run (with its label audit when the round has one). */
export function reportContentOf(data: RunData, figures: Figure[], tables: Table[]): ReportContent {
  return {
    ...(data.audit ? { audit: { tables: auditTables(data.audit), figures: auditFigures(data.audit) } } : {}),
    title: `plum run report: ${data.runDir.split('/').filter(Boolean).at(-1) ?? data.runDir}`,
    subtitle: `${data.runDir} · round ${data.round} · generated ${new Date().toISOString()}`,
    tables,
    figures,
    stats: data.stats,
  };
}
