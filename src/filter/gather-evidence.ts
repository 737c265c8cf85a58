/**
 * Gathering the filter's evidence for one problem: the reference solution run over all its tests
 * `repeats` times through the execution engine, plus a static analysis of the tests. Tests that a
 * run left without an outcome or with a crash (which another test may have caused) are run again
 * one per job, so one bad test cannot take the others down with it.
 * Repeats defeat the engine's verdict cache and in-batch de-duplication by a trailing comment
 * (`# plum: repeat N`), which changes the cache key but not the program.
 */
import type { Job, JobResult, RunOptions } from '../execution/types.js';
import type { FilterEvidence, Problem, TestCase, TestOutcome, TestSpec } from '../records.js';
import { analyseTests } from './analyse-tests.js';

/**
 * The part of the execution engine evidence gathering needs: an `Engine` from `createEngine`
 * (`run`), or anything with `runJobs(jobs)` (the generators' JobRunner). Results in any order.
 */
export type EvidenceEngine =
  | { run(jobs: Job[], options?: RunOptions): AsyncIterable<JobResult> }
  | { runJobs(jobs: Job[]): AsyncIterable<JobResult> | Promise<Iterable<JobResult>> };

export interface GatherEvidenceOptions {
  /** How many times the reference runs over the tests (2+ lets the flaky heuristic judge). Default 2. */
  repeats?: number;
  /** Per-test time limit for the reference (ms); default: the engine's. */
  testTimeoutMs?: number;
  /** Skip the Python static analysis (heuristics fall back to text normal forms). Default false. */
  skipAnalysis?: boolean;
}

async function collect(engine: EvidenceEngine, jobs: Job[]): Promise<Map<string, JobResult>> {
  const byId = new Map<string, JobResult>();
  const resolved = await ('run' in engine ? engine.run(jobs) : engine.runJobs(jobs));
  for await (const r of resolved as AsyncIterable<JobResult>) byId.set(r.jobId, r);
  return byId;
}

function specOf(test: TestCase): TestSpec {
  return { ...test.spec, id: test.id };
}

/** Run the reference of `problem` over `tests` and analyse the tests. */
export async function gatherEvidence(problem: Problem, tests: readonly TestCase[], engine: EvidenceEngine, options: GatherEvidenceOptions = {}): Promise<FilterEvidence> {
  const repeats = Math.max(1, options.repeats ?? 2);
  const analysis = options.skipAnalysis ? [] : await analyseTests(tests, problem.entryPoint);
  if (problem.reference === null || tests.length === 0) {
    return { problemId: problem.id, hasReference: problem.reference !== null, runs: [], analysis };
  }
  // Consistency is judged test by test: a test on which the reference loops must not stop the rest.
  const limits = { maxTimeouts: Math.max(1, tests.length), ...(options.testTimeoutMs === undefined ? {} : { testTimeoutMs: options.testTimeoutMs }) };
  const programOf = (repeat: number) => (repeat === 0 ? problem.reference! : `${problem.reference}\n# plum: repeat ${repeat}\n`);
  const jobs: Job[] = [];
  for (let r = 0; r < repeats; r += 1) {
    jobs.push({ id: `${problem.id}#ref${r}`, language: 'python', program: programOf(r), tests: tests.map(specOf), limits });
  }
  const results = await collect(engine, jobs);
  const runs: FilterEvidence['runs'] = [];
  const retries: Job[] = [];
  for (let r = 0; r < repeats; r += 1) {
    const result = results.get(`${problem.id}#ref${r}`);
    // a crash may be another test's doing (it took the process down): those run again alone
    const outcomes: TestOutcome[] = result ? result.tests.filter((o) => tests.length === 1 || o.verdict !== 'crash') : [];
    runs.push({ verdict: result?.verdict ?? 'crash', durationMs: result?.durationMs ?? 0, tests: outcomes });
    const seen = new Set(outcomes.map((o) => o.testId));
    for (const test of tests) {
      if (!seen.has(test.id)) retries.push({ id: `${problem.id}#ref${r}#${test.id}`, language: 'python', program: programOf(r), tests: [specOf(test)], limits });
    }
  }
  if (retries.length > 0) {
    const again = await collect(engine, retries);
    for (let r = 0; r < repeats; r += 1) {
      for (const test of tests) {
        const retry = again.get(`${problem.id}#ref${r}#${test.id}`);
        if (!retry) continue;
        const outcome = retry.tests.find((o) => o.testId === test.id) ?? { testId: test.id, verdict: retry.verdict === 'pass' ? 'crash' : retry.verdict, durationMs: retry.durationMs, message: 'job ended before the test reported' };
        runs[r].tests.push(outcome);
      }
    }
  }
  return { problemId: problem.id, hasReference: true, runs, analysis };
}
