/**
 * Running a problem's reference solution on candidate inputs through the execution engine, to get
 * the expected outputs (`call` tests without `expected` report `repr(output)`). Inputs are sent in
 * chunks (one sandboxed process per chunk); inputs left without an outcome because their job ended
 * early (a timeout or crash of another input) are retried in a fresh job, so one bad input never
 * costs the others. Does not judge or keep anything: see generate-tests.ts.
 */
import type { Problem, TestOutcome } from '../records.js';
import type { Job } from '../execution/types.js';
import { collectResults, type JobRunner } from './engine-port.js';

/** What to run: one problem's reference on some argument lists. */
export interface ReferenceRequest {
  problem: Problem;
  /** Python expressions of argument lists. */
  inputs: string[];
}

/** Per-input outcome (by index into `inputs`); `undefined` only if the engine never reported it. */
export type ReferenceOutcomes = (TestOutcome | undefined)[];

export interface ReferenceRunOptions {
  testTimeoutMs: number;
  inputsPerJob: number;
  /** Rounds of re-running inputs whose job ended before they ran. */
  retries?: number;
}

/** Run every request's reference on its inputs; one outcome list per request, in order. */
export async function runReferenceOnInputs(
  requests: ReferenceRequest[],
  engine: JobRunner,
  options: ReferenceRunOptions,
): Promise<ReferenceOutcomes[]> {
  const outcomes: ReferenceOutcomes[] = requests.map((r) => new Array(r.inputs.length).fill(undefined));
  let pending: { req: number; input: number }[] = requests.flatMap((r, req) =>
    r.problem.reference && r.problem.entryPoint ? r.inputs.map((_, input) => ({ req, input })) : [],
  );
  const rounds = 1 + (options.retries ?? 2);
  for (let round = 0; round < rounds && pending.length > 0; round += 1) {
    const jobs: Job[] = [];
    const members = new Map<string, { req: number; input: number }[]>();
    // Group by problem, then chunk; after the first round, inputs run one job each (isolation).
    const size = round === 0 ? Math.max(1, options.inputsPerJob) : 1;
    const byReq = new Map<number, number[]>();
    for (const p of pending) byReq.set(p.req, [...(byReq.get(p.req) ?? []), p.input]);
    for (const [req, inputs] of byReq) {
      const problem = requests[req].problem;
      for (let start = 0; start < inputs.length; start += size) {
        const chunk = inputs.slice(start, start + size);
        const id = `ref:${problem.id}:${round}:${start}`;
        members.set(id, chunk.map((input) => ({ req, input })));
        jobs.push({
          id,
          program: problem.reference as string,
          tests: chunk.map((input) => ({
            id: `in${input}`,
            kind: 'call' as const,
            entryPoint: problem.entryPoint as string,
            args: requests[req].inputs[input],
          })),
          // every input gets its own verdict: an input the reference loops on is dropped alone
          limits: { testTimeoutMs: options.testTimeoutMs, maxTimeouts: chunk.length },
        });
      }
    }
    const results = await collectResults(engine, jobs);
    const next: { req: number; input: number }[] = [];
    for (const result of results) {
      const chunk = members.get(result.jobId) ?? [];
      const byTest = new Map(result.tests.map((t) => [t.testId, t]));
      for (const { req, input } of chunk) {
        const outcome = byTest.get(`in${input}`);
        if (outcome) outcomes[req][input] = outcome;
        else if (result.verdict === 'syntax_error') {
          outcomes[req][input] = { testId: `in${input}`, verdict: 'syntax_error', durationMs: 0, message: 'reference does not compile' };
        } else next.push({ req, input });
      }
    }
    pending = next;
  }
  return outcomes;
}
