/**
 * The policy's prompt for one problem, from data/prompts/policy.*.md: the instruction plus the
 * entry-point signature the tests call, so a correct solution is not rejected for a naming
 * mismatch. The same messages are the prompt of the DPO/KTO records built from the samples
 * (on-policy: training sees what the policy saw). Sends nothing.
 */
import type { ChatMessage } from '../llm/cache.js';
import { renderChat } from '../llm/prompts.js';
import type { Problem } from '../records.js';

/** The paragraph naming the function the tests call (empty when the problem has no entry point). */
export function policySignatureSection(problem: Pick<Problem, 'signature' | 'entryPoint' | 'instruction'>): string {
  const signature = problem.signature?.trim();
  if (signature) {
    return `\nYour solution must define this function (the tests call it by this name and signature):\n\n\`\`\`python\n${signature}\n\`\`\`\n`;
  }
  if (problem.entryPoint) return `\nYour solution must define a function named \`${problem.entryPoint}\` (the tests call it by this name).\n`;
  return '';
}

/** System + user messages of the policy for `problem`. */
export function buildPolicyMessages(problem: Pick<Problem, 'instruction' | 'signature' | 'entryPoint'>, promptDir?: string): ChatMessage[] {
  return renderChat(
    'policy',
    {
      instruction: problem.instruction.trim(),
      signature_section: policySignatureSection(problem),
      signature: problem.signature?.trim() ?? '',
      entry_point: problem.entryPoint ?? '',
    },
    promptDir,
  );
}

/** The user message alone (the `prompt` of a training record, when the system message is left out). */
export function buildPolicyPrompt(problem: Pick<Problem, 'instruction' | 'signature' | 'entryPoint'>, promptDir?: string): string {
  const messages = buildPolicyMessages(problem, promptDir);
  return messages[messages.length - 1].content;
}
