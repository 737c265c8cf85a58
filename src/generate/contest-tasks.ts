/**
 * The LeetCode-style benchmarks (`leetcode`: DeepSeek-Coder's contest set, `leetcodedataset`,
 * `lcb`: LiveCodeBench) as generation tasks. Their loaders (src/problems/leetcode-contest.ts,
 * leetcodedataset.ts, livecodebench.ts) give a ContestTask; this maps its fields onto the prompt
 * builders' shape, so each benchmark gets its own published prompt:
 * - leetcode: `instruction` is DeepSeek's `prompt_sft` (sent as is), `prompt` its completion prompt;
 * - leetcodedataset: `instruction` is the row's `query`, which is LiveCodeBench's prompt already
 *   (system message + question + starter code: sent as one user message, as the dataset ships it);
 * - lcb: `instruction` is the question; LiveCodeBench's chat prompt is built around it, with the
 *   starter code for functional problems and the stdin format otherwise.
 * The shape is declared here structurally so this file does not depend on the loaders. Pure.
 */
import type { GenerationTask, PromptFamily } from './prompts.js';

/** The contest datasets and their prompt family. */
export const CONTEST_PROMPT_FAMILY = { leetcode: 'leetcode', leetcodedataset: 'lcb', lcb: 'lcb' } as const satisfies Record<string, PromptFamily>;
export type ContestGenerateDataset = keyof typeof CONTEST_PROMPT_FAMILY;

/** The fields of a loaded contest task that prompts need (src/problems/contest-task.ts ContestTask). */
export interface ContestTaskLike {
  taskId: string;
  /** The statement as the benchmark words it for a chat model. */
  instruction: string;
  /** `class Solution: ...` given to the model; '' for stdin/stdout problems. */
  starterCode: string;
  /** What a completion is appended to. */
  prompt: string;
  /** The method the tests call; null for stdin/stdout problems. */
  entryPoint: string | null;
}

/** LiveCodeBench's question inside a LeetCodeDataset `query` (between "### Question:" and "### Format:"). */
export function questionOfQuery(query: string): string {
  const m = /### Question:\n([\s\S]*?)\n\n### Format:/.exec(query);
  return m ? m[1] : query;
}

/** The generation task of a contest task. */
export function generationTaskOfContest(dataset: ContestGenerateDataset, task: ContestTaskLike): GenerationTask {
  const functional = task.starterCode.trim() !== '';
  // The tests instantiate `Solution`; the block defining it is the answer's code.
  const entryPoint = functional && /\bclass Solution\b/.test(task.starterCode) ? 'Solution' : (task.entryPoint ?? undefined);
  const base = { taskId: task.taskId, starterCode: functional ? task.starterCode : undefined, entryPoint, stdin: !functional };
  if (dataset === 'leetcode') return { ...base, prompt: task.instruction, chatPrompt: task.instruction, completionPrompt: task.prompt };
  if (dataset === 'leetcodedataset') return { ...base, prompt: questionOfQuery(task.instruction), chatPrompt: task.instruction };
  return { ...base, prompt: task.instruction };
}
