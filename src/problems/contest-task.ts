/**
 * What the LeetCode-style benchmarks (`leetcode`, `leetcodedataset`, `lcb`) have in common once
 * loaded: the prompt material a generator needs (statement, starter code, entry point, the text a
 * completion is appended to), the grouping fields of the breakdowns, and the benchmark's tests as
 * cases that can run one by one. Each loader (leetcode-contest.ts, leetcodedataset.ts,
 * livecodebench.ts) fills it from its own file format; src/eval/ turns it into jobs.
 */

/** One test case of a task, as the benchmark gives it. */
export interface ContestCase {
  /** What the case feeds the program, for failure reports: call arguments or stdin. */
  input: string;
  /** The expected value or stdout, as the benchmark writes it. */
  expected: string;
}

/** The fields every contest-style task has. */
export interface ContestTask {
  /** Unique within the file. */
  taskId: string;
  /** The problem statement as the benchmark words it for a chat model (its instruction prompt). */
  instruction: string;
  /** `class Solution: def f(self, ...):` as given to the model; '' for stdin/stdout problems. */
  starterCode: string;
  /** What a `completion` is appended to (a full `solution` is used as is, after the benchmark's own preamble). */
  prompt: string;
  /** The method the tests call (e.g. "minimumPushes"); null for stdin/stdout problems. */
  entryPoint: string | null;
  /** "Easy" | "Medium" | "Hard" when the file says. */
  difficulty?: string;
  /** Contest or release date, YYYY-MM-DD, when the file says. */
  date?: string;
  /** The cases, in the benchmark's order. */
  cases: ContestCase[];
  /** Where it was read from: `file:line` (or `file#index` for a JSON array). */
  source: string;
}

/** The month of a YYYY-MM-DD date ("2024-08"). */
export function monthOf(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : undefined;
}
