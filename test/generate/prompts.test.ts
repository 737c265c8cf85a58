// The prompt builders of `plum generate` on fixture tasks of every benchmark shape, and against the
// published data: LeetCodeDataset's `query` field is LiveCodeBench's prompt, DeepSeek's LeetCode rows
// carry their own chat and completion prompts, MBPP+ and HumanEval+ load as generation tasks.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildGenerationRequest,
  codeFromAnswer,
  completionPromptOf,
  completionStops,
  EVALPLUS_INSTRUCTION_PREFIX,
  LCB_SYSTEM_MESSAGE,
  lcbInstruction,
  type GenerationTask,
} from '../../src/generate/prompts.js';
import { loadGenerationTasks } from '../../src/generate/tasks.js';
import { dataPath, describeWithData } from '../support/shared-data.js';

const humaneval: GenerationTask = { taskId: 'HumanEval/0', prompt: 'def add(a, b):\n    """Add."""\n\n\n', entryPoint: 'add' };
const leetcodeFunctional: GenerationTask = {
  taskId: 'two-sum',
  prompt: 'Given nums and target, return the indices of the two numbers that add up to target.',
  starterCode: 'class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        ',
  entryPoint: 'Solution().twoSum',
};
const lcbStdin: GenerationTask = { taskId: 'abc001_a', prompt: 'Read N and print N + 1.', stdin: true };

describe('prompt builders', () => {
  it('completion style: the prompt stripped plus a newline, with EvalPlus\'s stops per dataset', () => {
    const request = buildGenerationRequest(humaneval, 'humaneval', 'completion');
    expect(request).toEqual({ kind: 'text', prompt: 'def add(a, b):\n    """Add."""\n', stop: completionStops('humaneval') });
    expect(completionStops('humaneval')).toEqual(['<|endoftext|>', '<|endofmask|>', '</s>', '\nif __name__', '\ndef main(', '\nprint(', '\ndef ', '\nclass ', '\nimport ', '\nfrom ', '\nassert ']);
    expect(completionStops('mbpp').slice(-2)).toEqual(['\n"""', '\nassert']);
    expect(completionStops('lcb')).toEqual(['###']);
    const code = codeFromAnswer(humaneval, 'humaneval', request, '\treturn a + b\n');
    expect(code).toEqual({ solution: 'def add(a, b):\n    """Add."""\n    return a + b\n', completion: '    return a + b\n' });
  });

  it('instruct style for HumanEval/MBPP: EvalPlus\'s instruction and the prompt in a python fence; the code block defining the entry point', () => {
    const request = buildGenerationRequest(humaneval, 'mbpp', 'instruct');
    expect(request).toEqual({ kind: 'chat', messages: [{ role: 'user', content: `${EVALPLUS_INSTRUCTION_PREFIX}\n\`\`\`python\ndef add(a, b):\n    """Add."""\n\`\`\`` }] });
    const answer = 'Sure.\n```python\ndef helper():\n    pass\n```\nand\n```python\nimport math\n\ndef add(a, b):\n    return math.fsum([a, b])\n```\n';
    expect(codeFromAnswer(humaneval, 'mbpp', request, answer)).toEqual({ solution: 'import math\n\ndef add(a, b):\n    return math.fsum([a, b])\n' });
    expect(codeFromAnswer(humaneval, 'mbpp', request, 'I cannot help with that.')).toEqual({ solution: '' });
  });

  it('LiveCodeBench style: system message, question, starter code for functional problems, the stdin format otherwise', () => {
    const functional = lcbInstruction(leetcodeFunctional);
    expect(functional[0]).toEqual({ role: 'system', content: LCB_SYSTEM_MESSAGE });
    expect(functional[1].content).toBe(
      `### Question:\n${leetcodeFunctional.prompt}\n\n### Format: You will use the following starter code to write the solution to the problem and enclose your code within delimiters.\n` +
        `\`\`\`python\n${leetcodeFunctional.starterCode}\n\`\`\`\n\n### Answer: (use the provided format with backticks)\n\n`,
    );
    const stdin = lcbInstruction(lcbStdin)[1].content;
    expect(stdin).toContain('### Format: Read the inputs from stdin solve the problem and write the answer to stdout');
    expect(stdin).toContain('```python\n# YOUR CODE HERE\n```');
    // The class the tests instantiate picks the block; a stdin program is the (longest) block.
    const answer = '```python\nclass Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n```';
    expect(codeFromAnswer(leetcodeFunctional, 'lcb', buildGenerationRequest(leetcodeFunctional, 'lcb', 'instruct'), answer).solution).toContain('class Solution:');
    const base = buildGenerationRequest(lcbStdin, 'lcb', 'completion');
    expect(base).toEqual({ kind: 'text', prompt: '### Question\nRead N and print N + 1.\n\n### Answer\n\n', stop: ['###'] });
    expect(codeFromAnswer(lcbStdin, 'lcb', base, '```python\nn = int(input())\nprint(n + 1)\n```\n')).toEqual({ solution: 'n = int(input())\nprint(n + 1)\n' });
  });

  it('DeepSeek LeetCode style: the published prompt_sft as the user message, the published prompt for base models', () => {
    const task: GenerationTask = { ...leetcodeFunctional, chatPrompt: 'Solve it.\nPlease complete the code below to solve above prblem:\n```python\nclass Solution:\n```', completionPrompt: '"""\nSolve it.\n"""\nclass Solution:\n    def twoSum(self, nums, target):\n        ' };
    expect(buildGenerationRequest(task, 'leetcode', 'instruct')).toEqual({ kind: 'chat', messages: [{ role: 'user', content: task.chatPrompt }] });
    expect(completionPromptOf(task, 'leetcode')).toBe('"""\nSolve it.\n"""\nclass Solution:\n    def twoSum(self, nums, target):\n');
    // Without a published chat prompt, LiveCodeBench's format.
    expect(buildGenerationRequest(leetcodeFunctional, 'leetcode', 'instruct')).toEqual({ kind: 'chat', messages: lcbInstruction(leetcodeFunctional) });
  });
});

describeWithData('prompt builders on the published data', ['leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz', 'leetcode_deepseek/20240121-Jul.jsonl'], () => {
  it("LeetCodeDataset's query field is LiveCodeBench's prompt as lcbInstruction builds it (all 228 test rows)", () => {
    const rows = gunzipSync(readFileSync(dataPath('leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { task_id: string; problem_description: string; starter_code: string; entry_point: string; query: string });
    expect(rows).toHaveLength(228);
    const differing = rows.filter((row) => {
      const [system, user] = lcbInstruction({ taskId: row.task_id, prompt: row.problem_description, starterCode: row.starter_code, entryPoint: row.entry_point });
      return `${system.content}\n\n${user.content}`.trimEnd() !== row.query.trimEnd();
    });
    expect(differing.map((r) => r.task_id)).toEqual([]);
  });

  it("DeepSeek's LeetCode rows: prompt_sft is sent as is, prompt is continued by base models", () => {
    const row = JSON.parse(readFileSync(dataPath('leetcode_deepseek/20240121-Jul.jsonl'), 'utf8').split('\n')[0]) as { task_id: string; prompt: string; prompt_sft: string };
    const task: GenerationTask = { taskId: row.task_id, prompt: row.prompt_sft, chatPrompt: row.prompt_sft, completionPrompt: row.prompt, entryPoint: 'Solution' };
    expect(buildGenerationRequest(task, 'leetcode', 'instruct')).toEqual({ kind: 'chat', messages: [{ role: 'user', content: row.prompt_sft }] });
    const text = buildGenerationRequest(task, 'leetcode', 'completion');
    expect(text.kind === 'text' && text.prompt.endsWith('def minimumPushes(self, word: str) -> int:\n')).toBe(true);
  });
});

describeWithData('generation tasks of the EvalPlus datasets', ['mbppplus/MbppPlus.jsonl.gz', 'humanevalplus/HumanEvalPlus.jsonl.gz'], () => {
  it('mbpp and mbpp+ share the 378 MBPP+ prompts; humaneval+ has 164 with entry points', () => {
    const mbpp = loadGenerationTasks('mbpp', { dataDir: dataPath() });
    const mbppPlus = loadGenerationTasks('mbpp+', { dataDir: dataPath() });
    expect(mbpp.tasks).toHaveLength(378);
    expect(mbpp.tasks).toEqual(mbppPlus.tasks);
    expect(mbpp.tasks[0].prompt).toMatch(/^"""\n[\s\S]*assert [\s\S]*\n"""\n$/);
    const he = loadGenerationTasks('humaneval+', { dataDir: dataPath() });
    expect(he.tasks).toHaveLength(164);
    expect(he.tasks.every((t) => t.entryPoint && t.prompt.includes(`def ${t.entryPoint}(`))).toBe(true);
  });
});
