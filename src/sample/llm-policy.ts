/**
 * On-policy sampling for one problem (the stage core; the pipeline wrapper writes the records):
 * n candidate solutions from the round's policy, each a Sample keeping the raw text, the extracted
 * program (the fenced block defining the entry point when there are several), the finish reason
 * and the token usage; a sample without the entry point is flagged (`missingEntryPoint`) and stays
 * a sample: it is labelled rejected with its own failure kind. A request that failed after its
 * retries gives a ProblemSkip; an endpoint that cannot work at all throws. Runs no code.
 */
import { hashOf } from '../io/hash.js';
import type { LlmClient } from '../llm/client.js';
import { samplingOf, type LlmPolicyConfig } from '../llm/config.js';
import { LlmRequestError } from '../llm/errors.js';
import { extractProgram } from '../llm/extract-code.js';
import type { Problem, ProblemSkip, Sample } from '../records.js';
import { buildPolicyMessages } from './llm-prompt.js';

/** The generator name written into provenance. */
export const LLM_POLICY_GENERATOR = 'llm-policy';

/** Options of policy sampling (defaults in DEFAULT_POLICY_SAMPLING_OPTIONS). */
export interface PolicySamplingOptions {
  /** Samples per problem. */
  samples: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
  stop?: string[];
  /** Round the samples belong to (also keeps rounds' caches apart). */
  round: number;
  /** Folder overriding data/prompts/. */
  promptDir?: string;
  /** Usage-ledger stage name; default `policy-round-<round>`. */
  stage?: string;
}

export const DEFAULT_POLICY_SAMPLING_OPTIONS: PolicySamplingOptions = {
  samples: 8,
  temperature: 0.8,
  topP: 0.95,
  maxTokens: 1024,
  round: 1,
};

/** Options from a policy config (e.g. `policyForRound(config.llm, K)`). */
export function policyOptionsFromConfig(config: LlmPolicyConfig, round: number, overrides: Partial<PolicySamplingOptions> = {}): PolicySamplingOptions {
  return {
    ...DEFAULT_POLICY_SAMPLING_OPTIONS,
    samples: config.samples,
    ...samplingOf(config),
    round,
    ...overrides,
  };
}

/** Sample id: stable for (problem, round, index). */
export function llmSampleId(problemId: string, round: number, index: number): string {
  return `${problemId}::r${round}::s${index}`;
}

/** The samples of one problem, or a skip when the policy could not be asked. */
export interface PolicySamplingResult {
  problemId: string;
  samples: Sample[];
  skip?: ProblemSkip;
}

/** Sample `options.samples` candidates for `problem` from the policy client. */
export async function samplePolicy(problem: Problem, client: LlmClient, options: Partial<PolicySamplingOptions> = {}): Promise<PolicySamplingResult> {
  const opts: PolicySamplingOptions = { ...DEFAULT_POLICY_SAMPLING_OPTIONS, ...options };
  const messages = buildPolicyMessages(problem, opts.promptDir);
  let completions;
  try {
    completions = await client.complete(
      {
        messages,
        temperature: opts.temperature,
        topP: opts.topP,
        maxTokens: opts.maxTokens,
        seed: opts.seed,
        stop: opts.stop,
        cacheSalt: `round-${opts.round}`,
      },
      { n: opts.samples, stage: opts.stage ?? `policy-round-${opts.round}` },
    );
  } catch (error) {
    if (error instanceof LlmRequestError && !error.fatal) {
      return { problemId: problem.id, samples: [], skip: { problemId: problem.id, stage: 'sample', reason: 'llm_request_failed', detail: error.message } };
    }
    throw error;
  }
  const samples = completions.map((c): Sample => {
    const program = extractProgram(c.text, problem.entryPoint);
    return {
      id: llmSampleId(problem.id, opts.round, c.index),
      problemId: problem.id,
      round: opts.round,
      index: c.index,
      code: program.code,
      raw: c.text,
      finishReason: c.finishReason,
      usage: c.usage,
      missingEntryPoint: problem.entryPoint ? !program.definesEntryPoint : program.code === '',
      provenance: {
        generator: LLM_POLICY_GENERATOR,
        model: client.model,
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        hashes: { request: c.key, problem: problem.contentHash },
      },
      codeHash: hashOf(program.code),
    };
  });
  return { problemId: problem.id, samples };
}
