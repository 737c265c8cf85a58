/**
 * Selection of kept tests by mutant cover: mutants of the reference (src/mutation: operator swaps,
 * off-by-one, boundaries, dropped statements...) run on every usable input, and tests are taken
 * greedily, each next one killing the most mutants no kept test kills yet (ties: a new expected
 * output, then generation order). A mutant the usable inputs cannot kill is left out (it may be
 * equivalent). The tests that kill nothing new are left to the caller's fallback order. Runs the
 * mutants through the engine; writes no files. Deterministic up to mutants that time out.
 */
import type { Problem, TestCase } from '../records.js';
import type { Job } from '../execution/types.js';
import { wasNotRun } from '../execution/job-result.js';
import { mutateReferences } from '../mutation/mutate-reference.js';
import { collectResults, type JobRunner } from './engine-port.js';
import { expectedOf } from './reference-call-test.js';

/** What to cover for one problem. */
export interface CoverRequest {
  problem: Problem;
  /** The usable tests (reference output as expected). */
  pool: TestCase[];
  /** Per-problem seed for the mutation operators. */
  seed: number;
  /** Reference time (ms) over the pool, to bound a looping mutant's job. */
  referenceMs: number;
}

/** Per-test time limit (ms) for mutants; a slower mutant input counts as killed. */
const MUTANT_TEST_TIMEOUT_MS = 500;

/** For each request, the test ids in greedy cover order (only tests that kill something new). */
export async function mutantCoverOrder(requests: CoverRequest[], engine: JobRunner, mutants: number): Promise<string[][]> {
  if (requests.length === 0) return [];
  const made = await mutateReferences(
    requests.map((r) => ({
      id: r.problem.id,
      reference: r.problem.reference as string,
      entryPoint: r.problem.entryPoint,
      k: mutants,
      seed: r.seed,
      correctShare: 0,
      shareConcentration: null,
      brokenShare: 0,
    })),
  );
  const jobs: Job[] = [];
  requests.forEach((r, req) => {
    const seen = new Set<string>();
    (made[req]?.candidates ?? []).forEach((m, i) => {
      if (m.correct || m.broken || seen.has(m.code)) return;
      seen.add(m.code);
      jobs.push({
        id: `cover:${req}:${i}`,
        program: m.code,
        tests: r.pool.map((t) => t.spec),
        limits: { testTimeoutMs: MUTANT_TEST_TIMEOUT_MS, maxTimeouts: 1, jobTimeoutMs: Math.ceil(4 * r.referenceMs) + 3000 },
      });
    });
  });
  // kills[req]: test id -> mutants it kills
  const kills = requests.map(() => new Map<string, Set<string>>());
  for (const result of await collectResults(engine, jobs)) {
    const req = Number(result.jobId.split(':')[1]);
    for (const t of result.tests) {
      if (t.verdict === 'pass' || wasNotRun(t) || t.verdict === 'syntax_error') continue;
      const set = kills[req].get(t.testId) ?? new Set<string>();
      set.add(result.jobId);
      kills[req].set(t.testId, set);
    }
  }
  return requests.map((r, req) => greedyCover(r.pool, kills[req]));
}

/** Greedy set cover: test ids, each killing the most mutants not yet killed; ties to a new output, then pool order. */
export function greedyCover(pool: TestCase[], kills: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const killed = new Set<string>();
  const outputs = new Set<string>();
  const left = pool.filter((t) => (kills.get(t.id)?.size ?? 0) > 0);
  while (left.length > 0) {
    let bestAt = -1;
    let bestGain = 0;
    let bestNew = false;
    left.forEach((t, i) => {
      let gain = 0;
      for (const m of kills.get(t.id) ?? []) if (!killed.has(m)) gain += 1;
      const isNew = !outputs.has(expectedOf(t));
      if (gain > bestGain || (gain === bestGain && gain > 0 && isNew && !bestNew)) {
        bestAt = i;
        bestGain = gain;
        bestNew = isNew;
      }
    });
    if (bestAt < 0) break;
    const [t] = left.splice(bestAt, 1);
    order.push(t.id);
    outputs.add(expectedOf(t));
    for (const m of kills.get(t.id) ?? []) killed.add(m);
  }
  return order;
}
