/**
 * Comparing the rounds of a run: per round, how many samples passed, the mean per-problem pass
 * rate, problems solved (at least one chosen sample) and pairs built; per problem, its pass rate in
 * each round; between consecutive rounds, the problems newly solved and those lost. The pure core
 * works on label counts; `compareRounds(runDir)` streams each `round-<K>/06-labels.jsonl` and
 * counts `07-dpo.jsonl` / `08-kto.jsonl`. Printing is format-rounds.ts.
 */
import { ConfigError } from '../errors.js';
import { existsSync, readdirSync } from 'node:fs';
import { readJsonl } from '../io/jsonl.js';
import { runPaths } from '../io/run-dir.js';
import { Label } from '../records.js';

/** Label counts of one problem in one round. */
export interface ProblemCounts {
  chosen: number;
  rejected: number;
  excluded: number;
}

/** What one round contributes to the comparison. */
export interface RoundInput {
  round: number;
  /** problemId -> label counts. */
  problems: Map<string, ProblemCounts>;
  /** DPO pairs built in the round (null when the file does not exist). */
  pairs: number | null;
  /** KTO examples built in the round (null when the file does not exist). */
  kto: number | null;
}

/** One round's totals. */
export interface RoundSummary {
  round: number;
  problems: number;
  samples: number;
  chosen: number;
  rejected: number;
  excluded: number;
  /** Mean over problems of chosen / (chosen + rejected); null without labelled samples. */
  meanPassRate: number | null;
  /** Problems with at least one chosen sample. */
  solved: number;
  /** Problems with both chosen and rejected samples (the ones that can yield pairs). */
  mixed: number;
  pairs: number | null;
  kto: number | null;
}

/** A problem's pass rate per round (null: not sampled in that round, or only excluded samples). */
export interface ProblemRounds {
  problemId: string;
  passRates: Record<number, number | null>;
}

/** What changed from one round to the next. */
export interface RoundTransition {
  from: number;
  to: number;
  /** Solved in `to` but not in `from` (sampled in both). */
  newlySolved: string[];
  /** Solved in `from` but not in `to` (sampled in both). */
  lost: string[];
  /** Problems sampled in both whose pass rate went up / down. */
  improved: number;
  worsened: number;
  /** Mean change of pass rate over problems sampled in both. */
  meanDelta: number | null;
}

export interface RoundComparison {
  rounds: RoundSummary[];
  problems: ProblemRounds[];
  transitions: RoundTransition[];
}

function passRate(c: ProblemCounts | undefined): number | null {
  if (!c || c.chosen + c.rejected === 0) return null;
  return c.chosen / (c.chosen + c.rejected);
}

/** The comparison of rounds given their label counts (rounds sorted by number). */
export function compareRoundInputs(inputs: RoundInput[]): RoundComparison {
  const sorted = [...inputs].sort((a, b) => a.round - b.round);
  const rounds: RoundSummary[] = sorted.map((r) => {
    let chosen = 0;
    let rejected = 0;
    let excluded = 0;
    let solved = 0;
    let mixed = 0;
    const rates: number[] = [];
    for (const c of r.problems.values()) {
      chosen += c.chosen;
      rejected += c.rejected;
      excluded += c.excluded;
      if (c.chosen > 0) solved += 1;
      if (c.chosen > 0 && c.rejected > 0) mixed += 1;
      const rate = passRate(c);
      if (rate !== null) rates.push(rate);
    }
    return {
      round: r.round,
      problems: r.problems.size,
      samples: chosen + rejected + excluded,
      chosen,
      rejected,
      excluded,
      meanPassRate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
      solved,
      mixed,
      pairs: r.pairs,
      kto: r.kto,
    };
  });
  const ids = [...new Set(sorted.flatMap((r) => [...r.problems.keys()]))].sort();
  const problems = ids.map((problemId) => ({
    problemId,
    passRates: Object.fromEntries(sorted.map((r) => [r.round, passRate(r.problems.get(problemId))])),
  }));
  const transitions: RoundTransition[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1];
    const b = sorted[i];
    const t: RoundTransition = { from: a.round, to: b.round, newlySolved: [], lost: [], improved: 0, worsened: 0, meanDelta: null };
    const deltas: number[] = [];
    for (const id of ids) {
      const ca = a.problems.get(id);
      const cb = b.problems.get(id);
      if (!ca || !cb) continue;
      if (cb.chosen > 0 && ca.chosen === 0) t.newlySolved.push(id);
      if (ca.chosen > 0 && cb.chosen === 0) t.lost.push(id);
      const ra = passRate(ca);
      const rb = passRate(cb);
      if (ra === null || rb === null) continue;
      deltas.push(rb - ra);
      if (rb > ra) t.improved += 1;
      else if (rb < ra) t.worsened += 1;
    }
    t.meanDelta = deltas.length ? deltas.reduce((x, y) => x + y, 0) / deltas.length : null;
    transitions.push(t);
  }
  return { rounds, problems, transitions };
}

/** Round numbers present in a run directory (folders `round-<K>` with a labels file). */
export function listRoundsWithLabels(runDir: string): number[] {
  if (!existsSync(runDir)) return [];
  return readdirSync(runDir)
    .map((name) => /^round-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[1]))
    .filter((k) => existsSync(runPaths(runDir).round(k).labels))
    .sort((a, b) => a - b);
}

async function countLines(file: string): Promise<number | null> {
  if (!existsSync(file)) return null;
  let n = 0;
  for await (const _line of readJsonl(file)) n += 1;
  return n;
}

/** Read one round's labels (streamed) and pair counts. */
export async function readRoundInput(runDir: string, round: number): Promise<RoundInput> {
  const paths = runPaths(runDir).round(round);
  const problems = new Map<string, ProblemCounts>();
  for await (const { value } of readJsonl(paths.labels, Label)) {
    let c = problems.get(value.problemId);
    if (!c) problems.set(value.problemId, (c = { chosen: 0, rejected: 0, excluded: 0 }));
    c[value.label] += 1;
  }
  return { round, problems, pairs: await countLines(paths.dpo), kto: await countLines(paths.kto) };
}

/** Compare the rounds of a run directory (all rounds with labels, or those given). */
export async function compareRounds(runDir: string, options: { rounds?: number[] } = {}): Promise<RoundComparison> {
  if (!existsSync(runDir)) throw new ConfigError(`run directory ${runDir} does not exist`);
  const labelled = listRoundsWithLabels(runDir);
  const missing = (options.rounds ?? []).filter((k) => !labelled.includes(k));
  if (missing.length) {
    throw new ConfigError(`${runDir}: round ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not labelled (labelled rounds: ${labelled.join(', ') || 'none'})`);
  }
  const rounds = options.rounds ?? labelled;
  const inputs: RoundInput[] = [];
  for (const k of rounds) inputs.push(await readRoundInput(runDir, k));
  return compareRoundInputs(inputs);
}
