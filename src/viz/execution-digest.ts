/**
 * A streaming summary of execution records: verdict counts (per test and per sample), error
 * types, and the slowest tests, kept in bounded memory so a report over a large run never holds
 * every execution. Add records one by one (`addExecution`) or digest an array (`digestExecutions`).
 */
import type { Execution } from '../records.js';

/** The execution fields the digest reads. */
export type ExecutionLike = Pick<Execution, 'sampleId' | 'problemId' | 'verdict' | 'tests' | 'durationMs'> & Partial<Pick<Execution, 'cached'>>;

/** One slow test, for the slowest-tests chart and table. */
export interface SlowTest {
  sampleId: string;
  problemId: string;
  testId: string;
  verdict: string;
  durationMs: number;
}

/** The summary of a set of executions. */
export interface ExecutionDigest {
  /** Executions (samples) seen. */
  executions: number;
  /** Of which served from the execution cache. */
  cached: number;
  /** Job-level verdict counts (one per sample). */
  sampleVerdicts: Record<string, number>;
  /** Per-test verdict counts. */
  testVerdicts: Record<string, number>;
  /** Exception class (or signal) names of `error`/`crash` test outcomes. */
  errorTypes: Record<string, number>;
  /** The slowest test outcomes, slowest first (at most `keepSlowest`). */
  slowest: SlowTest[];
  /** Total sandbox time of all executions, ms. */
  totalMs: number;
  keepSlowest: number;
}

/** An empty digest keeping the `keepSlowest` slowest tests. */
export function newExecutionDigest(keepSlowest = 15): ExecutionDigest {
  return { executions: 0, cached: 0, sampleVerdicts: {}, testVerdicts: {}, errorTypes: {}, slowest: [], totalMs: 0, keepSlowest };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Fold one execution into the digest (mutates and returns it). */
export function addExecution(digest: ExecutionDigest, e: ExecutionLike): ExecutionDigest {
  digest.executions += 1;
  if (e.cached) digest.cached += 1;
  digest.totalMs += e.durationMs;
  bump(digest.sampleVerdicts, e.verdict);
  for (const t of e.tests) {
    bump(digest.testVerdicts, t.verdict);
    if ((t.verdict === 'error' || t.verdict === 'crash') && t.errorType) bump(digest.errorTypes, t.errorType);
    const slow = digest.slowest;
    if (slow.length < digest.keepSlowest || t.durationMs > slow[slow.length - 1].durationMs) {
      slow.push({ sampleId: e.sampleId, problemId: e.problemId, testId: t.testId, verdict: t.verdict, durationMs: t.durationMs });
      slow.sort((a, b) => b.durationMs - a.durationMs);
      if (slow.length > digest.keepSlowest) slow.pop();
    }
  }
  return digest;
}

/** Digest a collection of executions. */
export function digestExecutions(executions: Iterable<ExecutionLike>, keepSlowest = 15): ExecutionDigest {
  const digest = newExecutionDigest(keepSlowest);
  for (const e of executions) addExecution(digest, e);
  return digest;
}
