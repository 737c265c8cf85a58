/**
 * The test generator's prompt for one problem, from the templates data/prompts/testgen.*.md:
 * the instruction, the number of tests, and the signature to keep when the problem fixes one.
 * Does not send anything (see llm-testgen.ts).
 */
import type { ChatMessage } from '../llm/cache.js';
import { renderChat } from '../llm/prompts.js';
import type { Problem } from '../records.js';

/** What the test-generation prompt needs. */
export interface TestgenPromptOptions {
  /** Tests to ask for. */
  numTests: number;
  /** Folder overriding data/prompts/. */
  promptDir?: string;
}

/** The paragraph fixing the entry point (empty when the problem leaves it to the model). */
export function testgenSignatureSection(problem: Pick<Problem, 'signature' | 'entryPoint'>): string {
  if (problem.signature) {
    return `\nThe entry-point function must have exactly this signature (same name and parameters); the tests call it:\n\n\`\`\`python\n${problem.signature.trim()}\n\`\`\`\n`;
  }
  if (problem.entryPoint) return `\nThe entry-point function must be named \`${problem.entryPoint}\`; the tests call it.\n`;
  return '';
}

/** System + user messages asking for analysis, signature, reference and tests. */
export function buildTestgenMessages(problem: Pick<Problem, 'instruction' | 'signature' | 'entryPoint'>, options: TestgenPromptOptions): ChatMessage[] {
  return renderChat(
    'testgen',
    {
      instruction: problem.instruction.trim(),
      num_tests: options.numTests,
      signature_section: testgenSignatureSection(problem),
      entry_point: problem.entryPoint ?? '',
    },
    options.promptDir,
  );
}
