// Contest tasks (the shape the leetcode / leetcodedataset / lcb loaders give) as generation tasks:
// each benchmark's published prompt is what is sent, and the `Solution` class picks the answer's code.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generationTaskOfContest, questionOfQuery, CONTEST_PROMPT_FAMILY, type ContestTaskLike } from '../../src/generate/contest-tasks.js';
import { buildGenerationRequest, codeFromAnswer, lcbInstruction } from '../../src/generate/prompts.js';
import { dataPath, describeWithData } from '../support/shared-data.js';

const starter = 'class Solution:\n    def minimumPushes(self, word: str) -> int:\n        ';
const answer = 'Use counting.\n```python\nclass Solution:\n    def minimumPushes(self, word: str) -> int:\n        return len(word)\n```\nDone.';

describe('contest tasks as generation tasks', () => {
  it('leetcode (DeepSeek): prompt_sft sent as is; the completion prompt for base models; the Solution block is the code', () => {
    const task: ContestTaskLike = { taskId: 'weekly-contest-381-x', instruction: 'Statement.\n\nPlease complete the code below to solve above prblem:\n```python\n' + starter + '\n```', starterCode: starter, prompt: '"""\nStatement.\n"""\n' + starter, entryPoint: 'minimumPushes' };
    const g = generationTaskOfContest('leetcode', task);
    expect(g.entryPoint).toBe('Solution');
    const chat = buildGenerationRequest(g, CONTEST_PROMPT_FAMILY.leetcode, 'instruct');
    expect(chat).toEqual({ kind: 'chat', messages: [{ role: 'user', content: task.instruction }] });
    expect(codeFromAnswer(g, 'leetcode', chat, answer).solution).toBe('class Solution:\n    def minimumPushes(self, word: str) -> int:\n        return len(word)\n');
    const base = buildGenerationRequest(g, 'leetcode', 'completion');
    expect(base.kind === 'text' && base.prompt).toBe('"""\nStatement.\n"""\nclass Solution:\n    def minimumPushes(self, word: str) -> int:\n');
    expect(codeFromAnswer(g, 'leetcode', base, '        return len(word)\n').solution).toBe('"""\nStatement.\n"""\nclass Solution:\n    def minimumPushes(self, word: str) -> int:\n        return len(word)\n');
  });

  it('lcb: LiveCodeBench\'s prompt around the question, starter code for functional problems, the stdin format otherwise', () => {
    const functional = generationTaskOfContest('lcb', { taskId: 'f', instruction: 'Count pushes.', starterCode: starter, prompt: starter, entryPoint: 'minimumPushes' });
    expect(buildGenerationRequest(functional, 'lcb', 'instruct')).toEqual({ kind: 'chat', messages: lcbInstruction({ taskId: 'f', prompt: 'Count pushes.', starterCode: starter }) });
    const stdin = generationTaskOfContest('lcb', { taskId: 's', instruction: 'Read N, print N + 1.', starterCode: '', prompt: '', entryPoint: null });
    expect(stdin).toMatchObject({ stdin: true, starterCode: undefined, entryPoint: undefined });
    const request = buildGenerationRequest(stdin, 'lcb', 'instruct');
    expect(request.kind === 'chat' && request.messages[1].content).toContain('Read the inputs from stdin');
    expect(codeFromAnswer(stdin, 'lcb', request, '```python\nprint(int(input()) + 1)\n```').solution).toBe('print(int(input()) + 1)\n');
  });
});

describeWithData('LeetCodeDataset rows as generation tasks', ['leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz'], () => {
  it('sends the query as is and finds the question inside it for base models (all 228 rows)', () => {
    const rows = gunzipSync(readFileSync(dataPath('leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz')))
      .toString('utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as { task_id: string; problem_description: string; starter_code: string; prompt: string; query: string; entry_point: string });
    for (const row of rows) {
      const g = generationTaskOfContest('leetcodedataset', { taskId: row.task_id, instruction: row.query, starterCode: row.starter_code, prompt: row.prompt, entryPoint: row.entry_point.split('.').pop()! });
      expect(buildGenerationRequest(g, 'lcb', 'instruct')).toEqual({ kind: 'chat', messages: [{ role: 'user', content: row.query }] });
      expect(questionOfQuery(row.query)).toBe(row.problem_description);
      expect(g.entryPoint).toBe('Solution');
    }
  });
});
