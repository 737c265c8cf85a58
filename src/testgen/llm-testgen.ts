/**
 * LLM test generation for one problem (the stage core; the pipeline wrapper writes the records):
 * ask the test generator for an analysis, a signature, a reference solution and N tests; split the
 * answer with Python's parser into one assert test per TestCase (raw assert kept in `raw`); fill
 * the problem's entry point, signature and reference when the instruction had none. An answer that
 * cannot be used, or a request that failed after its retries, gives a ProblemSkip with the reason;
 * an endpoint that cannot work at all (bad key, unknown model) throws. Does not run any code: the
 * consistency filter (src/filter) checks the tests against the reference afterwards.
 */
import type { LlmClient } from '../llm/client.js';
import { samplingOf, type LlmTestgenConfig } from '../llm/config.js';
import { LlmRequestError } from '../llm/errors.js';
import { hashProblemContent } from '../problems/make-problem.js';
import type { LlmAnswer, Problem, ProblemSkip, TestCase } from '../records.js';
import { parseTestgenAnswer } from './llm-parse.js';
import { buildTestgenMessages } from './llm-prompt.js';

/** The generator name written into provenance. */
export const LLM_TESTGEN_GENERATOR = 'llm';

/** Options of LLM test generation (defaults in DEFAULT_LLM_TESTGEN_OPTIONS). */
export interface LlmTestgenOptions {
  /** Tests to ask for. */
  numTests: number;
  /** Keep at most this many parsed tests (in answer order); undefined = all. */
  maxTests?: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
  stop?: string[];
  /** Folder overriding data/prompts/. */
  promptDir?: string;
  /** Usage-ledger stage name. */
  stage: string;
  /**
   * Keep the problem's own reference when it has one and an entry point (the model's reference is
   * then only used when the problem has none). Default true.
   */
  preferProblemReference: boolean;
}

export const DEFAULT_LLM_TESTGEN_OPTIONS: LlmTestgenOptions = {
  numTests: 10,
  temperature: 0.2,
  topP: 1,
  maxTokens: 2048,
  stage: 'testgen',
  preferProblemReference: true,
};

/** Options from the `llm.testgen` config section. */
export function testgenOptionsFromConfig(config: LlmTestgenConfig, overrides: Partial<LlmTestgenOptions> = {}): LlmTestgenOptions {
  return {
    ...DEFAULT_LLM_TESTGEN_OPTIONS,
    numTests: config.numTests,
    ...samplingOf(config),
    ...overrides,
  };
}

/** The outcome for one problem: tests, or a skip with its reason; the raw answer either way. */
export interface LlmTestgenResult {
  problemId: string;
  /** The problem with entry point, signature and reference filled from the answer when it had none. */
  problem: Problem;
  /** True when `problem` differs from the input (the caller should store the new version). */
  problemChanged: boolean;
  tests: TestCase[];
  skip?: ProblemSkip;
  /** The raw answer (absent when the request failed). */
  answer?: LlmAnswer;
}

/** Test id: stable across reruns (the cached answer parses the same way). */
export function llmTestId(problemId: string, index: number): string {
  return `${problemId}::llm-${index}`;
}

const REASON_TEXT: Record<string, string> = {
  no_code: 'the answer contains no code',
  unparseable: 'no code block of the answer parses as Python',
  no_entry_point: 'the answer defines no function to test',
  no_reference: 'the answer has no reference solution defining the entry point',
  no_tests: 'the answer has no assert statement',
};

/** Generate tests for one problem with the test-generator client. */
export async function generateTestsWithLlm(problem: Problem, client: LlmClient, options: Partial<LlmTestgenOptions> = {}): Promise<LlmTestgenResult> {
  const opts: LlmTestgenOptions = { ...DEFAULT_LLM_TESTGEN_OPTIONS, ...options };
  const messages = buildTestgenMessages(problem, { numTests: opts.numTests, promptDir: opts.promptDir });
  const skip = (reason: string, detail?: string): ProblemSkip => ({ problemId: problem.id, stage: 'testgen', reason, ...(detail ? { detail } : {}) });

  let completion;
  try {
    [completion] = await client.complete(
      { messages, temperature: opts.temperature, topP: opts.topP, maxTokens: opts.maxTokens, seed: opts.seed, stop: opts.stop },
      { n: 1, stage: opts.stage },
    );
  } catch (error) {
    if (error instanceof LlmRequestError && !error.fatal) {
      return { problemId: problem.id, problem, problemChanged: false, tests: [], skip: skip('llm_request_failed', error.message) };
    }
    throw error;
  }

  const parsed = await parseTestgenAnswer(completion.text, problem.entryPoint);
  const truncated = completion.finishReason === 'length';
  const notes = [...parsed.notes, ...(truncated ? ['answer cut at the token limit (finish_reason "length")'] : [])];
  const answer: LlmAnswer = {
    problemId: problem.id,
    stage: 'testgen',
    index: 0,
    model: client.model,
    text: completion.text,
    finishReason: completion.finishReason,
    usage: completion.usage,
    cacheKey: completion.key,
    notes,
  };

  const keepOwn = opts.preferProblemReference && problem.reference && problem.entryPoint;
  const reference = keepOwn ? problem.reference : (parsed.reference ?? problem.reference);
  const entryPoint = problem.entryPoint ?? parsed.entryPoint;
  const signature = problem.signature ?? (entryPoint === parsed.entryPoint ? parsed.signature : null);
  const updated: Problem = { ...problem, entryPoint, signature, reference };
  const problemChanged = updated.entryPoint !== problem.entryPoint || updated.signature !== problem.signature || updated.reference !== problem.reference;
  if (problemChanged) updated.contentHash = hashProblemContent(updated);

  const blocking = parsed.reason === 'no_reference' && reference ? null : parsed.reason;
  if (blocking || !entryPoint || !reference || parsed.tests.length === 0) {
    const reason = blocking ?? (!entryPoint ? 'no_entry_point' : !reference ? 'no_reference' : 'no_tests');
    const detail = [REASON_TEXT[reason], truncated ? 'the answer was cut at the token limit: raise llm.testgen.maxTokens' : '', ...parsed.notes]
      .filter(Boolean)
      .join('; ');
    return { problemId: problem.id, problem, problemChanged: false, tests: [], skip: skip(reason, detail), answer };
  }

  const chosen = opts.maxTests !== undefined ? parsed.tests.slice(0, opts.maxTests) : parsed.tests;
  const hashes = { answer: completion.key, problem: updated.contentHash };
  const tests: TestCase[] = chosen.map((t, i) => {
    const id = llmTestId(problem.id, i);
    return {
      id,
      problemId: problem.id,
      spec: { id, kind: 'assert', code: t.code },
      provenance: { generator: LLM_TESTGEN_GENERATOR, model: client.model, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), hashes },
      raw: t.raw,
    };
  });
  return { problemId: problem.id, problem: updated, problemChanged, tests, answer };
}
