/**
 * The printed form of a round comparison: a table of rounds (samples, pass rates, solved, pairs),
 * the transitions between consecutive rounds with the problems newly solved and lost, and
 * optionally the per-problem pass rates. Plain text; no colours, no IO.
 */
import type { RoundComparison } from './compare-rounds.js';

function pct(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(1)}%`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Options of the printed comparison. */
export interface FormatRoundsOptions {
  /** Also list each problem's pass rate per round. Default false. */
  perProblem?: boolean;
  /** At most this many problem ids listed per newly-solved / lost line. Default 10. */
  maxIds?: number;
}

/** The comparison as text. */
export function formatRoundComparison(cmp: RoundComparison, options: FormatRoundsOptions = {}): string {
  const maxIds = options.maxIds ?? 10;
  if (cmp.rounds.length === 0) return 'no round with labels in this run directory';
  const out: string[] = [];
  out.push(
    table(
      ['round', 'problems', 'samples', 'chosen', 'rejected', 'mean pass rate', 'solved', 'mixed', 'DPO pairs', 'KTO'],
      cmp.rounds.map((r) => [
        String(r.round),
        String(r.problems),
        String(r.samples),
        String(r.chosen),
        String(r.rejected),
        pct(r.meanPassRate),
        String(r.solved),
        String(r.mixed),
        r.pairs === null ? '-' : String(r.pairs),
        r.kto === null ? '-' : String(r.kto),
      ]),
    ),
  );
  const ids = (list: string[]) => (list.length === 0 ? '' : `: ${list.slice(0, maxIds).join(', ')}${list.length > maxIds ? `, ... (+${list.length - maxIds})` : ''}`);
  for (const t of cmp.transitions) {
    out.push('');
    out.push(`round ${t.from} -> ${t.to}: mean pass-rate change ${t.meanDelta === null ? '-' : `${t.meanDelta >= 0 ? '+' : ''}${(100 * t.meanDelta).toFixed(1)} pts`}, ${t.improved} improved, ${t.worsened} worsened`);
    out.push(`  newly solved ${t.newlySolved.length}${ids(t.newlySolved)}`);
    out.push(`  lost ${t.lost.length}${ids(t.lost)}`);
  }
  if (options.perProblem) {
    out.push('');
    out.push(
      table(
        ['problem', ...cmp.rounds.map((r) => `round ${r.round}`)],
        cmp.problems.map((p) => [p.problemId, ...cmp.rounds.map((r) => pct(p.passRates[r.round] ?? null))]),
      ),
    );
  }
  return out.join('\n');
}
