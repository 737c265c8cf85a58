/**
 * Efficiency tests (EvalPlus practice, and the PLUM need: an exponential `fib` must not be chosen).
 * Usable inputs of a problem are grown rung by rung (python/grow_inputs.py: larger ints, longer
 * lists and strings, within caps near benchmark sizes); the reference runs on each rung, and a
 * ladder stops at the first rung it cannot do within `efficiencyBudgetMs`. The largest rung it did
 * becomes a `call` test with the reference's output as expected and its own time limit,
 * max(`efficiencyFloorMs`, `efficiencyFactor` x the reference's time bound `efficiencyBudgetMs`)
 * (EvalPlus: 4 x the reference's time, floor 4 s; evalplus/evaluate.py, evalplus/config.py). The
 * bound rather than the measured time keeps the written test the same on every run. The time limit is wall-clock: the floor and a rerun of a timed-out sample
 * (execute stage, `execute.confirmTimeouts`) keep a loaded machine from failing a fast program.
 * Which rung is chosen depends on the machine's speed (not on the seed): near the budget a rerun
 * may pick a neighbouring rung. Writes no files.
 */
import { join } from 'node:path';
import type { Problem, TestCase, TestOutcome } from '../records.js';
import { packageRoot } from '../paths.js';
import { runPythonTool } from '../execution/python-tool.js';
import { shortHash } from '../io/hash.js';
import type { JobRunner } from './engine-port.js';
import { runReferenceOnInputs } from './reference-outputs.js';
import { canonicaliseOutputs } from './canonical-outputs.js';
import { expectedOutputText, generatedTestRule } from './comparison-oracle.js';
import type { OfflineTestgenOptions } from './options.js';
import { referenceCallTest } from './reference-call-test.js';

/** The generator name of efficiency tests (provenance), which is how they are recognised. */
export const EFFICIENCY_GENERATOR = 'offline-efficiency';
/** Rungs per ladder (growth ratio 4: scale up to 4^12). */
const RUNGS = 12;
const RATIO = 4;
/** Ladders per problem, from its first usable inputs. */
const MAX_LADDERS = 12;
/** Longest argument text of a rung, and longest expected text of an efficiency test. */
const MAX_ARGS_CHARS = 40_000;
const MAX_EXPECTED_CHARS = 4_000;
/**
 * A `large` rung (some int past 100 x its seed value) becomes a test only when the reference's
 * output is short and the reference itself works for it (is_prime or factorize on a big prime: yes;
 * a closed-form sum_to_n: no, as a loop to n is what benchmarks accept there); the ladder still
 * climbs past a rung that is not kept.
 */
const MAX_LARGE_OUTPUT_CHARS = 64;
const MIN_LARGE_REFERENCE_MS = 2;

/** One problem's request: its usable inputs (argument lists, seeds first). */
export interface EfficiencyRequest {
  problem: Problem;
  inputs: string[];
  /** Per-problem seed, written into provenance. */
  seed: number;
}

interface Rung {
  args: string;
  scale: number;
  /** Some int grew past 100 x its seed value (kept only when the reference's output is short). */
  large: boolean;
}

/** Both runs must pass; the time is the faster one's. */
function fasterOf(a: TestOutcome | undefined, b: TestOutcome | undefined): TestOutcome | undefined {
  if (a?.verdict !== 'pass' || b?.verdict !== 'pass') return a?.verdict !== 'pass' ? a : b;
  return b.durationMs < a.durationMs ? { ...a, durationMs: b.durationMs } : a;
}

/** True for a test made by this module. */
export function isEfficiencyTest(test: Pick<TestCase, 'provenance'>): boolean {
  return test.provenance.generator === EFFICIENCY_GENERATOR;
}

/** Efficiency tests of many problems (one list per request, in order). */
export async function buildEfficiencyTests(
  requests: EfficiencyRequest[],
  engine: JobRunner,
  opts: Pick<OfflineTestgenOptions, 'efficiencyTests' | 'efficiencyBudgetMs' | 'efficiencyFactor' | 'efficiencyFloorMs' | 'atol' | 'evalplusOracles'>,
): Promise<TestCase[][]> {
  if (opts.efficiencyTests <= 0 || requests.length === 0) return requests.map(() => []);
  const script = join(packageRoot(), 'src', 'testgen', 'python', 'grow_inputs.py');
  const grown = await runPythonTool<{ results: { id: string; ladders: Rung[][] }[] }>(
    script,
    { problems: requests.map((r) => ({ id: r.problem.id, inputs: r.inputs.slice(0, 12), rungs: RUNGS, ratio: RATIO, maxChars: MAX_ARGS_CHARS, maxLadders: MAX_LADDERS })) },
    { timeoutMs: 300_000 },
  );
  const ladders = grown.results.map((r) => r.ladders);
  // best[req][ladder]: the largest rung the reference did within budget, with its outcome.
  const best: ({ rung: Rung; outcome: TestOutcome } | undefined)[][] = ladders.map((ls) => ls.map(() => undefined));
  let active = ladders.map((ls) => ls.map((_, i) => i));
  for (let step = 0; step < RUNGS && active.some((a) => a.length > 0); step += 1) {
    // Each rung runs twice and the faster time counts: load on the machine only ever adds time.
    const twice = await runReferenceOnInputs(
      requests.map((r, req) => ({ problem: r.problem, inputs: active[req].flatMap((l) => [ladders[req][l][step].args, ladders[req][l][step].args]) })),
      engine,
      { testTimeoutMs: Math.max(4 * opts.efficiencyBudgetMs, 250), inputsPerJob: 50, retries: 0 },
    );
    const outcomes = twice.map((list) => list.flatMap((o, i) => (i % 2 === 1 ? [] : [fasterOf(o, list[i + 1])])));
    active = active.map((list, req) =>
      list.filter((l, i) => {
        const o = outcomes[req][i];
        const rung = ladders[req][l][step];
        const limit = rung.large ? MAX_LARGE_OUTPUT_CHARS : MAX_EXPECTED_CHARS;
        const ok = o?.verdict === 'pass' && o.output !== undefined && o.output.length <= limit && o.durationMs <= opts.efficiencyBudgetMs;
        if (ok && (!rung.large || o.durationMs >= MIN_LARGE_REFERENCE_MS)) best[req][l] = { rung, outcome: o };
        return ok && step + 1 < ladders[req][l].length;
      }),
    );
  }
  // Largest inputs first (by the length of their text: bigger numbers, longer lists; not by measured
  // time, so noise does not reorder them), then ladder order; distinct arguments, up to efficiencyTests.
  const picks = best.map((list) => {
    const seen = new Set<string>();
    return list
      .filter((b): b is { rung: Rung; outcome: TestOutcome } => !!b)
      .sort((a, b) => b.rung.args.length - a.rung.args.length)
      .filter((b) => !seen.has(b.rung.args) && !!seen.add(b.rung.args))
      .slice(0, opts.efficiencyTests);
  });
  const rules = requests.map((r) => generatedTestRule(r.problem, opts));
  const texts = picks.flatMap((list, req) => list.map((p) => expectedOutputText(rules[req], p.outcome.output as string)));
  const canon = await canonicaliseOutputs(texts);
  let cursor = 0;
  return picks.map((list, req) => {
    const { problem, seed } = requests[req];
    const rule = rules[req];
    const tests: TestCase[] = [];
    for (const pick of list) {
      const c = canon[cursor++];
      if (!c.ok) continue;
      const id = `${problem.id}::eff-${shortHash({ problemId: problem.id, args: pick.rung.args })}`;
      // The reference took at most the budget here: the limit is factor x that bound (not the measured
      // time, so that a rerun writes the same test), with the floor.
      const timeoutMs = Math.ceil(Math.max(opts.efficiencyFloorMs, opts.efficiencyFactor * opts.efficiencyBudgetMs));
      tests.push(
        referenceCallTest(problem, {
          id,
          args: pick.rung.args,
          output: c,
          rule,
          atol: opts.atol,
          timeoutMs,
          provenance: {
            generator: EFFICIENCY_GENERATOR,
            seed,
            mutation: `grow(x${pick.rung.scale}); reference <= ${opts.efficiencyBudgetMs} ms; limit ${timeoutMs} ms`,
          },
        }),
      );
    }
    return tests;
  });
}
