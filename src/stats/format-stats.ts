/**
 * The printed summary of run statistics: plain-text tables with aligned columns, one per section
 * present. Pure (returns a string).
 */
import type { Distribution } from './distribution.js';
import type { PlumRunStats } from './stats-types.js';

/** Render rows as aligned columns; numbers are right-aligned, text left-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '-' : String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const describe = (d: Distribution) =>
  d.count === 0 ? 'n=0' : `n=${d.count} mean=${formatNumber(d.mean!)} p10=${formatNumber(d.p10!)} median=${formatNumber(d.median!)} p90=${formatNumber(d.p90!)} max=${formatNumber(d.max!)}`;
const sortedEntries = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** The whole summary. */
export function formatStatsSummary(stats: PlumRunStats): string {
  const parts: string[] = [`plum run statistics${stats.round !== undefined ? ` (round ${stats.round})` : ''}, ${stats.createdAt}`];
  if (stats.filter) {
    const f = stats.filter;
    parts.push(
      `\nTests: ${f.testsGenerated} generated, ${f.testsKept} kept (${pct(f.testsKept, f.testsGenerated)}) over ${f.problems} problems; ${f.problemsWithoutTests} problems left without tests`,
      `  kept per problem: ${describe(f.keptPerProblem)}`,
    );
    const rows: (string | number)[][] = [];
    for (const [name, h] of Object.entries(f.heuristics)) {
      const drops = sortedEntries(h.dropReasons).map(([r, n]) => `${r} (${n})`);
      rows.push([name, h.kept, h.dropped, h.droppedOnlyHere, drops.join('; ') || '-']);
    }
    parts.push(formatTable(['heuristic', 'kept', 'dropped', 'only here', 'drop reasons'], rows));
  }
  if (stats.labels) {
    const l = stats.labels;
    parts.push(
      `\nSamples: ${l.samples} labelled: ${l.chosen} chosen (${pct(l.chosen, l.samples)}), ${l.rejected} rejected, ${l.excluded} excluded`,
      formatTable(['failure kind', 'samples', 'share'], sortedEntries(l.failureKinds).map(([k, n]) => [k, n, pct(n, l.rejected + l.excluded)])),
    );
    const errors = sortedEntries(l.errorTypes).slice(0, 10);
    if (errors.length) parts.push(formatTable(['error type', 'samples'], errors));
    const excluded = sortedEntries(l.excludedReasons);
    if (excluded.length) parts.push(formatTable(['excluded because', 'samples'], excluded));
  }
  if (stats.passRate) {
    const p = stats.passRate;
    parts.push(
      `\nPass rate per problem: ${describe(p.perProblem)}`,
      `  ${p.problemsMixed} mixed, ${p.problemsAllPass} all-pass, ${p.problemsAllFail} all-fail, ${p.problemsNoneLabelled} none labelled`,
      formatTable(['pass rate', 'problems'], p.perProblem.histogram.map((b) => [`${(b.from * 100).toFixed(0)}-${(b.to * 100).toFixed(0)}%`, b.count])),
    );
  }
  if (stats.pairs) {
    const q = stats.pairs;
    parts.push(
      `\nDPO pairs: ${q.dpoPairs} (strategy ${q.strategy ?? '-'}) from ${q.problemsWithPairs} problems; no pairs: ${q.problemsAllPass} all-pass, ${q.problemsAllFail} all-fail, ${q.problemsNoneLabelled} none labelled`,
      `  pairs per problem: ${describe(q.perProblem)}; ${q.duplicateSamples} duplicate samples dropped, ${q.conflictingCode} conflicting codes`,
    );
  }
  if (stats.kto) {
    const k = stats.kto;
    parts.push(
      `\nKTO examples: ${k.examples} (${k.desirable} desirable, ${k.undesirable} undesirable); weights desirable=${k.weights.desirableWeight} undesirable=${k.weights.undesirableWeight}` +
        (Number.isFinite(k.weights.ratio) ? ` (ratio ${k.weights.ratio.toFixed(2)})` : '') +
        (k.weights.note ? `; ${k.weights.note}` : ''),
    );
  }
  if (stats.mutation) {
    const m = stats.mutation;
    parts.push(`\nMutation scores: ${describe(m.scores)}; ${m.weak} weak suites (< ${m.weakBelow}), ${m.unscored} unscored`);
  }
  return parts.join('\n');
}
