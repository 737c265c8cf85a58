/**
 * The prompt a training pair is built on: the problem's instruction, plus the entry-point
 * signature as a hint when the instruction does not already contain it. The LLM sampler may pass
 * its own prompt builder so that training prompts equal sampling prompts (on-policy).
 */
import type { Problem } from '../records.js';

export interface PromptOptions {
  /** Append the signature when the instruction lacks it. Default true. */
  signatureHint?: boolean;
}

/** The user message of a training example for `problem`. */
export function buildTrainingPrompt(problem: Pick<Problem, 'instruction' | 'signature'>, options: PromptOptions = {}): string {
  const hint = options.signatureHint ?? true;
  const signature = problem.signature?.trim();
  if (!hint || !signature || problem.instruction.includes(signature)) return problem.instruction;
  return `${problem.instruction.trimEnd()}\n\nYour solution should define:\n\`\`\`python\n${signature}\n\`\`\``;
}
