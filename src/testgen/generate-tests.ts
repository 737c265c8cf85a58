/**
 * The offline test generator (EvalPlus-style): seed inputs from the problem's example calls,
 * type-aware mutations of them, the reference solution as the oracle of expected outputs.
 * Inputs on which the reference raises, times out or crashes, or whose output has no literal form,
 * are dropped with their reason; the rest become `call` tests with the reference's output as
 * `expected` (and `atol` when floats are involved, and EvalPlus's oracle where it has one:
 * comparison-oracle.ts), within a budget per problem (chosen by mutant cover when it binds:
 * mutant-cover.ts), plus efficiency tests on grown inputs with a time limit (efficiency-tests.ts).
 *
 * Why `call` specs and not asserts: the expected value is data compared by the engine with one
 * semantics (exact, or EvalPlus-style tolerance on floats), the candidate cannot interfere with the
 * comparison, and a failure reports the candidate's actual output. `display` keeps the readable
 * `assert f(...) == ...` form for people and for LLM prompts.
 *
 * Deterministic: each problem's seed derives from the run seed and the problem id, so order and
 * interruption never change the result. Does not write files (the pipeline stage does).
 */
import type { Problem, TestCase, TestOutcome } from '../records.js';
import { hashOf, shortHash } from '../io/hash.js';
import type { JobRunner } from './engine-port.js';
import { deriveSeed } from './derive-seed.js';
import { generateCandidateInputs, type CandidateInputs } from './candidate-inputs.js';
import { canonicaliseOutputs, type CanonicalOutput } from './canonical-outputs.js';
import { runReferenceOnInputs } from './reference-outputs.js';
import { expectedOutputText, generatedTestRule, type ComparisonRule } from './comparison-oracle.js';
import { mutantCoverOrder } from './mutant-cover.js';
import { buildEfficiencyTests } from './efficiency-tests.js';
import { expectedOf, referenceCallTest } from './reference-call-test.js';
import {
  resolveOfflineTestgenOptions,
  type DropReason,
  type DroppedInput,
  type OfflineTestgenOptions,
  type OfflineTestgenResult,
} from './options.js';

/** The generator name written into provenance. */
export const OFFLINE_TESTGEN_GENERATOR = 'offline-mutation';

/** Called after each stage of a batch (inputs generated, reference run, tests built). */
export type TestgenProgress = (event: { phase: 'inputs' | 'reference' | 'tests'; problems: number; inputs: number }) => void;

/** Test id: stable for (problem, arguments), so the same input gets the same id in every run and pool. */
export function offlineTestId(problemId: string, args: string): string {
  return `${problemId}::off-${shortHash({ problemId, args })}`;
}

/** Generate tests for one problem. See `generateTestsBatch` (prefer it for many problems: one Python process). */
export async function generateTests(
  problem: Problem,
  options: Partial<OfflineTestgenOptions>,
  engine: JobRunner,
): Promise<OfflineTestgenResult> {
  const [result] = await generateTestsBatch([problem], options, engine);
  return result;
}

/** Generate tests for many problems; one result per problem, in order. */
export async function generateTestsBatch(
  problems: Problem[],
  options: Partial<OfflineTestgenOptions> = {},
  engine: JobRunner,
  onProgress?: TestgenProgress,
): Promise<OfflineTestgenResult[]> {
  const opts = resolveOfflineTestgenOptions(options);
  const usable = problems.filter((p) => p.reference && p.entryPoint);
  const candidates = await generateCandidateInputs(
    usable.map((problem) => ({
      problem,
      seed: deriveSeed(opts.seed, problem.id, 'testgen'),
      candidates: opts.candidates,
      maxSteps: opts.maxMutationSteps,
      maxSize: opts.maxCollectionSize,
      relaxAfter: opts.relaxAfter,
      features: opts,
    })),
  );
  const byId = new Map(candidates.map((c) => [c.problemId, c]));
  onProgress?.({ phase: 'inputs', problems: usable.length, inputs: candidates.reduce((n, c) => n + c.inputs.length, 0) });

  const outcomes = await runReferenceOnInputs(
    usable.map((problem) => ({ problem, inputs: (byId.get(problem.id)?.inputs ?? []).map((i) => i.args) })),
    engine,
    { testTimeoutMs: opts.testTimeoutMs, inputsPerJob: opts.inputsPerJob },
  );
  const outcomesById = new Map(usable.map((p, i) => [p.id, outcomes[i]]));
  onProgress?.({ phase: 'reference', problems: usable.length, inputs: outcomes.reduce((n, o) => n + o.length, 0) });

  // Canonicalise every passing output in one Python call (as the problem's comparison expects it).
  const ruleOf = (problem: Problem): ComparisonRule => generatedTestRule(problem, opts);
  const texts: string[] = [];
  outcomes.forEach((list, i) => {
    for (const o of list) if (o?.verdict === 'pass' && o.output !== undefined) texts.push(expectedOutputText(ruleOf(usable[i]), o.output));
  });
  const canon = await canonicaliseOutputs(texts);
  let cursor = 0;

  const results = problems.map((problem) => {
    if (!problem.reference || !problem.entryPoint) {
      return problemLevelDrop(problem, 'no-reference', problem.reference ? 'no entry point' : 'no reference solution');
    }
    const cand = byId.get(problem.id) as CandidateInputs;
    const outs = outcomesById.get(problem.id) ?? [];
    const canonFor = outs.map((o) => (o?.verdict === 'pass' && o.output !== undefined ? canon[cursor++] : undefined));
    return buildResult(problem, cand, outs, canonFor, opts, ruleOf(problem));
  });
  await refineSelection(problems, results, opts, engine);
  onProgress?.({ phase: 'tests', problems: problems.length, inputs: results.reduce((n, r) => n + r.tests.length, 0) });
  return results;
}

function problemLevelDrop(problem: Problem, reason: DropReason, detail: string): OfflineTestgenResult {
  return {
    problemId: problem.id,
    tests: [],
    dropped: [{ problemId: problem.id, args: '', mutation: '', reason, detail }],
    droppedCounts: { [reason]: 1 },
    pool: [],
    referenceMs: 0,
  };
}

function dropReasonOf(verdict: string): DropReason {
  if (verdict === 'timeout') return 'reference-timeout';
  if (verdict === 'error' || verdict === 'fail') return 'reference-error';
  return 'reference-crash';
}

/**
 * The steps after the examples-first result: with `selection: 'mutant-cover'`, problems with more
 * usable inputs than the budget keep the greedy cover of killed mutants first; then efficiency
 * tests are added on top of the budget. Changes `results` in place.
 */
async function refineSelection(problems: Problem[], results: OfflineTestgenResult[], opts: OfflineTestgenOptions, engine: JobRunner): Promise<void> {
  const seedOf = (p: Problem) => deriveSeed(opts.seed, p.id, 'testgen');
  if (opts.selection === 'mutant-cover') {
    const over = problems.flatMap((problem, i) => (results[i].pool.length > opts.maxTests ? [{ problem, i }] : []));
    const orders = await mutantCoverOrder(
      over.map(({ problem, i }) => ({ problem, pool: results[i].pool, seed: seedOf(problem), referenceMs: results[i].referenceMs })),
      engine,
      opts.selectionMutants,
    );
    over.forEach(({ i }, n) => {
      results[i] = keepUnderCap(results[i], orders[n], opts.maxTests);
    });
  }
  if (opts.efficiencyTests > 0) {
    const withPool = problems.flatMap((problem, i) => (results[i].pool.length > 0 ? [{ problem, i }] : []));
    const efficiency = await buildEfficiencyTests(
      withPool.map(({ problem, i }) => ({ problem, inputs: orderedInputs(results[i]), seed: seedOf(problem) })),
      engine,
      opts,
    );
    withPool.forEach(({ i }, n) => {
      const kept = new Set(results[i].tests.map((t) => t.id));
      results[i].tests.push(...efficiency[n].filter((t) => !kept.has(t.id)));
    });
  }
}

/** Whether a test's input was designed (a seed or a boundary input), not made by random mutation. */
function isDesignedInput(t: TestCase): boolean {
  return !(t.provenance.mutation ?? '').includes('>');
}

/** A problem's usable argument lists, designed inputs first (the efficiency tests grow them). */
function orderedInputs(result: OfflineTestgenResult): string[] {
  const argsOf = (t: TestCase) => (t.spec as { args: string }).args;
  return [...result.pool.filter(isDesignedInput).map(argsOf), ...result.pool.filter((t) => !isDesignedInput(t)).map(argsOf)];
}

/** The result with its kept tests chosen under the cap, `priority` ids first (over-cap drops and counts recomputed). */
function keepUnderCap(result: OfflineTestgenResult, priority: string[], maxTests: number): OfflineTestgenResult {
  const keep = selectTests(result.pool, maxTests, priority);
  const dropped = result.dropped.filter((d) => d.reason !== 'over-cap');
  for (const t of result.pool) {
    if (!keep.has(t.id)) dropped.push({ problemId: result.problemId, args: (t.spec as { args: string }).args, mutation: t.provenance.mutation ?? '', reason: 'over-cap' });
  }
  const droppedCounts: Partial<Record<DropReason, number>> = {};
  for (const d of dropped) droppedCounts[d.reason] = (droppedCounts[d.reason] ?? 0) + 1;
  return { ...result, tests: result.pool.filter((t) => keep.has(t.id)), dropped, droppedCounts };
}

function buildResult(
  problem: Problem,
  cand: CandidateInputs,
  outs: (TestOutcome | undefined)[],
  canonFor: (CanonicalOutput | undefined)[],
  opts: OfflineTestgenOptions,
  rule: ComparisonRule = {},
): OfflineTestgenResult {
  if (cand.seeds === 0) {
    const detail = cand.unparsable.length
      ? `no example call with literal arguments (${cand.unparsable.length} unreadable: ${cand.unparsable[0].reason})`
      : 'the problem has no example calls';
    return problemLevelDrop(problem, 'no-seed-inputs', detail);
  }
  const dropped: DroppedInput[] = cand.unparsable.map((u) => ({
    problemId: problem.id,
    args: u.args,
    mutation: 'example',
    reason: 'unreadable-example' as const,
    detail: u.reason,
  }));
  for (const v of cand.violations) {
    dropped.push({ problemId: problem.id, args: v.args, mutation: v.mutation, reason: 'contract-violation', detail: v.contract });
  }
  const pool: TestCase[] = [];
  let referenceMs = 0;
  const seed = deriveSeed(opts.seed, problem.id, 'testgen');
  const hashes = { reference: hashOf(problem.reference as string), problem: problem.contentHash };
  cand.inputs.forEach((input, i) => {
    const outcome = outs[i];
    const base = { problemId: problem.id, args: input.args, mutation: input.mutation };
    if (!outcome) {
      dropped.push({ ...base, reason: 'reference-crash', detail: 'no outcome reported by the engine' });
      return;
    }
    if (outcome.verdict !== 'pass') {
      const detail = [outcome.errorType, outcome.message].filter(Boolean).join(': ') || outcome.verdict;
      dropped.push({ ...base, reason: dropReasonOf(outcome.verdict), detail });
      return;
    }
    const c = canonFor[i];
    if (!c || !c.ok) {
      dropped.push({ ...base, reason: 'unrepresentable-output', detail: c && !c.ok ? c.reason : 'no output reported' });
      return;
    }
    referenceMs += outcome.durationMs;
    const id = offlineTestId(problem.id, input.args);
    pool.push(
      referenceCallTest(problem, {
        id,
        args: input.args,
        output: c,
        rule,
        atol: opts.atol,
        provenance: { generator: OFFLINE_TESTGEN_GENERATOR, seed, mutation: input.mutation, hashes },
      }),
    );
  });
  return keepUnderCap({ problemId: problem.id, tests: [], dropped, droppedCounts: {}, pool, referenceMs }, [], opts.maxTests);
}

/**
 * Which tests to keep under the cap: the `priority` ids first (e.g. the mutant cover), then seed
 * inputs, then inputs whose expected output no kept test has yet (coverage of behaviours), then the
 * rest, each in generation order.
 */
export function selectTests(pool: TestCase[], maxTests: number, priority: readonly string[] = []): Set<string> {
  const keep = new Set<string>();
  const outputs = new Set<string>();
  const take = (t: TestCase) => {
    if (keep.size >= maxTests || keep.has(t.id)) return;
    keep.add(t.id);
    outputs.add(expectedOf(t));
  };
  const byId = new Map(pool.map((t) => [t.id, t]));
  for (const id of priority) if (byId.has(id)) take(byId.get(id) as TestCase);
  for (const t of pool) if (isDesignedInput(t)) take(t);
  for (const t of pool) if (!outputs.has(expectedOf(t))) take(t);
  for (const t of pool) take(t);
  return keep;
}
