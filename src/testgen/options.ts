/**
 * Options of the offline (EvalPlus-style) test generator, with their defaults in one place, and
 * the shapes of what it returns. No logic beyond resolving defaults.
 */
import type { TestCase } from '../records.js';

/** Options of `generateTests`; every field is optional on input (see `defaultOfflineTestgenOptions`). */
export interface OfflineTestgenOptions {
  /** Run seed; each problem derives its own seed from it and its id. */
  seed: number;
  /**
   * Budget of tests kept per problem (efficiency tests come on top). A candidate runs all of its
   * problem's tests in one process, so a larger budget costs little; see `selection`.
   */
  maxTests: number;
  /**
   * How the kept tests are chosen from the usable inputs: `mutant-cover` = greedy cover of the
   * reference's mutants killed (each next test kills the most mutants not yet killed; ties go to a
   * new output, then generation order), the rest of the budget filled as `examples-first` does;
   * `examples-first` = seed inputs, then inputs with outputs not yet covered, then generation order.
   */
  selection: 'mutant-cover' | 'examples-first';
  /** Mutants of the reference made and run on the usable inputs for `mutant-cover`. */
  selectionMutants: number;
  /**
   * Efficiency tests per problem (0 = none): seed inputs grown (larger ints, longer lists and
   * strings) while the reference stays under `efficiencyBudgetMs`, each judged with a time limit of
   * max(`efficiencyFloorMs`, `efficiencyFactor` x the reference's time), as EvalPlus does.
   */
  efficiencyTests: number;
  /** Largest reference time (ms) on a grown input for it to become an efficiency test. */
  efficiencyBudgetMs: number;
  /** Time limit of an efficiency test as a multiple of the reference's time (EvalPlus: 4). */
  efficiencyFactor: number;
  /** Floor of an efficiency test's time limit (ms), so load on the machine cannot fail a fast program. */
  efficiencyFloorMs: number;
  /**
   * Compare outputs as EvalPlus does for the problem (src/testgen/comparison-oracle.ts: set
   * equality for some MBPP+ tasks, |poly(x)| <= atol for HumanEval/32, ...); false = always equality.
   */
  evalplusOracles: boolean;
  /** Candidate inputs generated per problem (seeds included) before running the reference. */
  candidates: number;
  /** Most type-aware mutations stacked to make one candidate input from a seed. */
  maxMutationSteps: number;
  /** Largest list/str/dict/set a mutation may grow an input to. */
  maxCollectionSize: number;
  /** Absolute tolerance put on tests whose expected value contains a float (EvalPlus-style `atol`). */
  atol: number;
  /** Per-input time limit (ms) for the reference run; slower inputs are dropped as `reference-timeout`. */
  testTimeoutMs: number;
  /** Inputs per engine job when running the reference (one process per chunk). */
  inputsPerJob: number;
  /**
   * Candidates past this many may shrink strings and containers below the seeds' lengths (down to
   * empty). Null = never. Used for the mutation scorer's pool, not for kept tests.
   */
  relaxAfter: number | null;
  /** Use the literal calls written in the problem's text as seeds (`>>> f(x)`, `f(x) == y`, `f(x) ➞ y`, `f(x) -> y`). */
  docstringSeeds: boolean;
  /** A problem with no seed at all gets two made from its signature's annotations (`s: str` -> 'abc'). */
  typedSeeds: boolean;
  /**
   * Most boundary inputs per problem (edge values of each argument's type: empty, 0, +-1, negative,
   * large, one element, duplicates, sorted, reversed, long, bool / None where the type allows), placed
   * right after the seeds. 0 = none.
   */
  boundaryInputs: number;
  /**
   * Drop inputs breaking a contract inferred from the seeds and the text (non-negative, positive,
   * non-empty, same length, index in range, alphabet, sorted, distinct) as `contract-violation`.
   */
  inferContracts: boolean;
}

export const defaultOfflineTestgenOptions: OfflineTestgenOptions = {
  seed: 1,
  maxTests: 64,
  selection: 'mutant-cover',
  selectionMutants: 16,
  efficiencyTests: 3,
  efficiencyBudgetMs: 50,
  efficiencyFactor: 4,
  efficiencyFloorMs: 1000,
  evalplusOracles: true,
  candidates: 60,
  maxMutationSteps: 3,
  maxCollectionSize: 32,
  atol: 1e-6,
  testTimeoutMs: 1000,
  inputsPerJob: 100,
  relaxAfter: null,
  docstringSeeds: true,
  typedSeeds: true,
  boundaryInputs: 24,
  inferContracts: true,
};

/** Fill in the defaults. */
export function resolveOfflineTestgenOptions(options: Partial<OfflineTestgenOptions> = {}): OfflineTestgenOptions {
  const merged = { ...defaultOfflineTestgenOptions };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Why a candidate input did not become a test. */
export type DropReason =
  | 'no-seed-inputs' // the problem has no example or benchmark call with literal arguments
  | 'no-reference' // the problem has no reference solution (or no entry point) to act as oracle
  | 'unreadable-example' // an example's arguments are not a literal list (names, calls...): not used as a seed
  | 'reference-error' // the reference raised on this input (detail: exception type)
  | 'reference-timeout' // the reference did not finish within `testTimeoutMs`
  | 'reference-crash' // the reference process died or the reference does not compile
  | 'unrepresentable-output' // the reference's output has no literal repr (object, nan, inf...)
  | 'contract-violation' // breaks a contract inferred from the seeds and the text (detail: which, e.g. "non-negative a0")
  | 'duplicate' // same arguments as an earlier input
  | 'over-cap'; // beyond `maxTests`

/** One candidate input that was not kept, with the reason. */
export interface DroppedInput {
  problemId: string;
  /** Python expression of the argument list ('' for problem-level reasons). */
  args: string;
  /** How the input was made (seed / mutation chain). */
  mutation: string;
  reason: DropReason;
  /** Exception type, message or other detail. */
  detail?: string;
}

/** What `generateTests` returns for one problem. */
export interface OfflineTestgenResult {
  problemId: string;
  /** The kept tests: `call` specs with the reference's output as `expected`. */
  tests: TestCase[];
  /** Every input that was not kept, with its reason. */
  dropped: DroppedInput[];
  /** Count of dropped inputs per reason. */
  droppedCounts: Partial<Record<DropReason, number>>;
  /** Every input with a usable reference output, before the cap (kept tests included): the mutation scorer's pool. */
  pool: TestCase[];
  /** Total time (ms) the reference took over the pool inputs (to size time limits of other programs on them). */
  referenceMs: number;
}
