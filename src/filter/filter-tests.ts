/**
 * The filter's pure core: apply heuristics to one problem's tests and record every heuristic's say
 * on every test. A test is kept iff every heuristic keeps it. Per-test heuristics run first and
 * independently; suite heuristics then run in order, each seeing the tests still kept.
 * Does not gather evidence (gather-evidence.ts) nor read or write files.
 */
import { PlumError } from '../errors.js';
import type { FilterDecision, FilterEvidence, HeuristicDecision, Problem, TestCase } from '../records.js';
import { builtinHeuristics } from './builtin-heuristics.js';
import type { FilterOptions, Heuristic, Judgement } from './types.js';

function runHeuristic(heuristic: Heuristic, problem: Problem, tests: readonly TestCase[], evidence: FilterEvidence, keptSoFar: ReadonlySet<string>): Judgement[] {
  let judgements: Judgement[];
  try {
    judgements = heuristic.judge({ problem, tests, evidence, keptSoFar });
  } catch (err) {
    throw new PlumError(`filter heuristic "${heuristic.name}" failed on problem ${problem.id}: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(judgements) || judgements.length !== tests.length) {
    throw new PlumError(
      `filter heuristic "${heuristic.name}" returned ${Array.isArray(judgements) ? judgements.length : typeof judgements} judgements for ${tests.length} tests of problem ${problem.id}`,
    );
  }
  judgements.forEach((j, i) => {
    if (!j || typeof j.keep !== 'boolean' || typeof j.reason !== 'string') {
      throw new PlumError(`filter heuristic "${heuristic.name}" gave test ${tests[i].id} a judgement without boolean keep and string reason`);
    }
  });
  return judgements;
}

function toDecision(heuristic: string, j: Judgement): HeuristicDecision {
  return j.detail === undefined ? { heuristic, keep: j.keep, reason: j.reason } : { heuristic, keep: j.keep, reason: j.reason, detail: j.detail };
}

/** Decide which of one problem's tests to keep. Returns one FilterDecision per test, in order. */
export function filterTests(problem: Problem, tests: readonly TestCase[], evidence: FilterEvidence, options: FilterOptions = {}): FilterDecision[] {
  const heuristics = options.heuristics ?? builtinHeuristics(options);
  const names = new Set<string>();
  for (const h of heuristics) {
    if (names.has(h.name)) throw new PlumError(`two filter heuristics are named "${h.name}"; names must be unique`);
    names.add(h.name);
  }
  for (const t of tests) {
    if (t.problemId !== problem.id) throw new PlumError(`test ${t.id} belongs to problem ${t.problemId}, not ${problem.id}`);
  }
  const perTest: HeuristicDecision[][] = tests.map(() => []);
  const empty = new Set<string>();
  for (const h of heuristics.filter((x) => (x.phase ?? 'test') === 'test')) {
    runHeuristic(h, problem, tests, evidence, empty).forEach((j, i) => perTest[i].push(toDecision(h.name, j)));
  }
  const kept = new Set(tests.filter((_, i) => perTest[i].every((d) => d.keep)).map((t) => t.id));
  for (const h of heuristics.filter((x) => x.phase === 'suite')) {
    const judgements = runHeuristic(h, problem, tests, evidence, new Set(kept));
    judgements.forEach((j, i) => {
      perTest[i].push(toDecision(h.name, j));
      if (!j.keep) kept.delete(tests[i].id);
    });
  }
  return tests.map((t, i) => ({ testId: t.id, problemId: problem.id, kept: kept.has(t.id), decisions: perTest[i] }));
}

/** The tests `decisions` kept, in their original order. */
export function keptTests(tests: readonly TestCase[], decisions: readonly FilterDecision[]): TestCase[] {
  const kept = new Set(decisions.filter((d) => d.kept).map((d) => d.testId));
  return tests.filter((t) => kept.has(t.id));
}
