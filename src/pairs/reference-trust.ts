/**
 * Reference trust (CodeT-style dual agreement): when many distinct candidates agree with each other
 * on a kept test and disagree with the reference there, while passing most other tests, the reference (the oracle of every offline
 * test) is suspect, and so are the problem's labels. A candidate's output on a failed `call` test
 * is read from the engine's failure message ("got <repr>"); truncated outputs, errors and timeouts
 * cast no vote. Only the single most agreed wrong output of a problem is reported. Pure: the label
 * stage feeds executions in, one at a time, and writes the records.
 */
import type { Execution, ReferenceSuspect, TestCase } from '../records.js';

/** When a problem is suspect. */
export interface ReferenceTrustOptions {
  /** Fewest distinct candidates agreeing on one output other than the reference's. */
  minAgree: number;
  /** Their least share among the candidates that returned an output on that test. */
  minShare: number;
  /**
   * Least share of the kept tests a candidate must pass for its output to vote against the
   * reference: where the reference is wrong on some inputs, good candidates still pass the rest,
   * while a broken one (returning [] everywhere, say) fails most tests and proves nothing.
   */
  minPassShare: number;
}

export const defaultReferenceTrustOptions: ReferenceTrustOptions = { minAgree: 3, minShare: 0.5, minPassShare: 0.75 };

interface TestVotes {
  reference: number;
  /** Candidates that returned another output but fail too many tests to vote. */
  others: number;
  outputs: Map<string, number>;
}

/** The candidate's output from a failed call test's message, unless truncated. */
function outputOf(message: string | undefined): string | undefined {
  // reprlib elides long values with '...'; '<...>' stands for values with no short repr
  if (!message || !message.startsWith('got ') || message.includes('...') || message.startsWith('got <')) return undefined;
  return message.slice(4);
}

/** Accumulates votes per problem and test; `suspects()` returns one record per suspect problem. */
export function createReferenceTrust(options: Partial<ReferenceTrustOptions> = {}) {
  const o = { ...defaultReferenceTrustOptions, ...options };
  const votes = new Map<string, Map<string, TestVotes>>();
  const seen = new Set<string>();
  return {
    /** Count one execution's votes; `codeKey` identifies distinct programs (duplicates vote once). */
    add(execution: Execution, keptTestIds: ReadonlySet<string>, codeKey: string = execution.sampleId): void {
      const key = `${execution.problemId}\u0000${codeKey}`;
      if (seen.has(key)) return;
      seen.add(key);
      let byTest = votes.get(execution.problemId);
      if (!byTest) votes.set(execution.problemId, (byTest = new Map()));
      const kept = execution.tests.filter((t) => keptTestIds.has(t.testId));
      const passShare = kept.filter((t) => t.verdict === 'pass').length / Math.max(1, keptTestIds.size);
      for (const t of kept) {
        const out = t.verdict === 'fail' ? outputOf(t.message) : undefined;
        if (t.verdict !== 'pass' && out === undefined) continue;
        let v = byTest.get(t.testId);
        if (!v) byTest.set(t.testId, (v = { reference: 0, others: 0, outputs: new Map() }));
        if (t.verdict === 'pass') v.reference += 1;
        else if (passShare < o.minPassShare) v.others += 1;
        else v.outputs.set(out as string, (v.outputs.get(out as string) ?? 0) + 1);
      }
    },
    /** The suspect problems, with the evidence of their most agreed test. */
    suspects(round: number, testOf: (testId: string) => TestCase | undefined, excluded: boolean): ReferenceSuspect[] {
      const out: ReferenceSuspect[] = [];
      for (const [problemId, byTest] of votes) {
        let best: ReferenceSuspect | undefined;
        for (const [testId, v] of byTest) {
          const voters = v.reference + v.others + [...v.outputs.values()].reduce((a, b) => a + b, 0);
          for (const [output, agree] of v.outputs) {
            if (agree < o.minAgree || agree < o.minShare * voters || agree <= v.reference) continue;
            if (best && agree <= best.agree) continue;
            const spec = testOf(testId)?.spec;
            const call = spec?.kind === 'call' ? spec : undefined;
            best = {
              problemId, round, testId,
              ...(call ? { args: call.args } : {}),
              ...(call?.expected !== undefined ? { referenceOutput: call.expected } : {}),
              majorityOutput: output, agree, referenceAgree: v.reference, voters, excluded,
            };
          }
        }
        if (best) out.push(best);
      }
      return out.sort((a, b) => a.problemId.localeCompare(b.problemId));
    },
  };
}
