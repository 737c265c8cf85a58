// Reading samples files: every bad line is an error naming file, line and field.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSamples, sampleProgram, sanitizeSample } from '../../src/eval/samples.js';

const tasks = new Set(['HumanEval/0', 'HumanEval/1']);

function samplesFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'plum-samples-')), 'samples.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('readSamples', () => {
  it('numbers samples per task in input order and prefers solution over completion', async () => {
    const file = samplesFile([
      JSON.stringify({ task_id: 'HumanEval/1', completion: '    return 1\n', extra: 'kept out' }),
      JSON.stringify({ task_id: 'HumanEval/0', solution: 'def f():\n    return 0\n', completion: 'ignored' }),
      '',
      JSON.stringify({ task_id: 'HumanEval/1', completion: '    return 2\n' }),
    ]);
    const samples = await readSamples(file, tasks, 'humaneval');
    expect(samples.map((s) => [s.taskId, s.sampleIndex, s.line])).toEqual([
      ['HumanEval/1', 0, 1],
      ['HumanEval/0', 0, 2],
      ['HumanEval/1', 1, 4],
    ]);
    expect(samples[1].completion).toBeUndefined();
    expect(sampleProgram(samples[0], 'def g():\n')).toBe('def g():\n    return 1\n');
    expect(sampleProgram(samples[1], 'ignored')).toBe('def f():\n    return 0\n');
  });

  it('accepts a byte-order mark and CRLF line ends (files written on Windows)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plum-samples-')), 'samples.jsonl');
    const lines = [{ task_id: 'HumanEval/0', completion: '    return 0\n' }, { task_id: 'HumanEval/1', completion: '    return 1\n' }];
    writeFileSync(file, '\ufeff' + lines.map((l) => JSON.stringify(l)).join('\r\n') + '\r\n');
    const samples = await readSamples(file, tasks, 'humaneval');
    expect(samples.map((s) => [s.taskId, s.line, s.completion])).toEqual([
      ['HumanEval/0', 1, '    return 0\n'],
      ['HumanEval/1', 2, '    return 1\n'],
    ]);
  });

  it('names file and line of a malformed line', async () => {
    const file = samplesFile([JSON.stringify({ task_id: 'HumanEval/0', completion: 'x' }), '{"task_id": "HumanEval/0", "completion": ']);
    await expect(readSamples(file, tasks, 'humaneval')).rejects.toThrow(`${file}:2: not valid JSON`);
  });

  it('names an unknown task_id', async () => {
    const file = samplesFile([JSON.stringify({ task_id: 'HumanEval/999', completion: 'x' })]);
    await expect(readSamples(file, tasks, 'humaneval')).rejects.toThrow(`${file}:1: field "task_id": unknown task_id "HumanEval/999"`);
  });

  it('names file:line:field of a sample with neither solution nor completion', async () => {
    const file = samplesFile([JSON.stringify({ task_id: 'HumanEval/0', completion: 'x' }), JSON.stringify({ task_id: 'HumanEval/1', answer: 'x' })]);
    await expect(readSamples(file, tasks, 'humaneval')).rejects.toThrow(`${file}:2: field "completion": a sample needs "solution"`);
  });

  it('names a field of the wrong type, a missing file and an empty file', async () => {
    const wrongType = samplesFile([JSON.stringify({ task_id: 'HumanEval/0', completion: 3 })]);
    await expect(readSamples(wrongType, tasks, 'humaneval')).rejects.toThrow(`${wrongType}:1: field "completion"`);
    await expect(readSamples('/nonexistent/samples.jsonl', tasks, 'humaneval')).rejects.toThrow('does not exist');
    await expect(readSamples(samplesFile(['']), tasks, 'humaneval')).rejects.toThrow('holds no samples');
  });
});

describe("EvalPlus's one-folder-per-task layout", () => {
  function folder(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'plum-samples-dir-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('reads <task_id with "/" as "_">/<n>.py as full programs, tasks and files in natural order', async () => {
    const root = folder({
      'HumanEval_10/0.py': 'def ten(): return 10\n',
      'HumanEval_1/10.py': 'def one(): return "ten"\n',
      'HumanEval_1/2.py': 'def one(): return 2\n',
      'HumanEval_1/notes.txt': 'ignored',
      'HumanEval_0/0.py': 'def zero(): return 0\n',
      'empty_folder_is_ignored/.keep': '',
    });
    const samples = await readSamples(root, new Set(['HumanEval/0', 'HumanEval/1', 'HumanEval/10']), 'humaneval');
    expect(samples.map((s) => [s.taskId, s.sampleIndex, s.line, s.solution])).toEqual([
      ['HumanEval/0', 0, 1, 'def zero(): return 0\n'],
      ['HumanEval/1', 0, 2, 'def one(): return 2\n'],
      ['HumanEval/1', 1, 3, 'def one(): return "ten"\n'],
      ['HumanEval/10', 0, 4, 'def ten(): return 10\n'],
    ]);
  });

  it('maps a task id that holds "_" itself, and names a folder that is no task', async () => {
    const ids = new Set(['LeetCode/two_sum', 'Mbpp/2']);
    const root = folder({ 'LeetCode_two_sum/0.py': 'x = 1\n', 'Mbpp_2/0.py': 'y = 2\n' });
    expect((await readSamples(root, ids, 'demo')).map((s) => s.taskId)).toEqual(['LeetCode/two_sum', 'Mbpp/2']);
    const bad = folder({ 'Mbpp_999/0.py': 'x = 1\n' });
    await expect(readSamples(bad, ids, 'demo')).rejects.toThrow(`folder "Mbpp_999" is not a task of demo`);
    await expect(readSamples(folder({ 'notes.txt': '' }), ids, 'demo')).rejects.toThrow("holds no <task>/<n>.py files");
  });
});

describe('sanitizeSample', () => {
  const task = { prompt: 'from typing import List\n\ndef total(xs: List[int]) -> int:\n    """Sum."""\n', entryPoint: 'total' };
  const chat = 'Here you go:\n```python\ndef total(xs):\n    return sum(xs)\n\nprint(total([1]))\n```\n';

  it('sanitises chat-style text by default and keeps the raw text beside', () => {
    const sample = { taskId: 'T/0', sampleIndex: 0, line: 1, solution: chat };
    expect(sanitizeSample(sample, task, 'auto')).toEqual({ ...sample, solution: 'def total(xs):\n    return sum(xs)\n', raw: chat });
    expect(sanitizeSample(sample, task, 'off')).toBe(sample);
  });

  it('leaves a program that runs as given alone unless asked to sanitise all', () => {
    const program = 'def total(xs):\n    return sum(xs)\n\nprint(total([1]))\n';
    const sample = { taskId: 'T/0', sampleIndex: 0, line: 1, solution: program };
    expect(sanitizeSample(sample, task, 'auto')).toBe(sample);
    expect(sanitizeSample(sample, task, 'all')).toEqual({ ...sample, solution: 'def total(xs):\n    return sum(xs)\n', raw: program });
    const nothingToDrop = { ...sample, solution: 'def total(xs):\n    return sum(xs)\n' };
    expect(sanitizeSample(nothingToDrop, task, 'all')).toBe(nothingToDrop);
  });

  it("sanitises a chat completion after the task's prompt and turns it into a solution", () => {
    const sample = { taskId: 'T/0', sampleIndex: 0, line: 1, completion: chat };
    const out = sanitizeSample(sample, task, 'auto');
    expect(out.completion).toBeUndefined();
    expect(out.raw).toBe(chat);
    expect(out.solution).toBe(`${task.prompt}\ndef total(xs):\n    return sum(xs)\n`);
  });

  it('judges text with no code at all as given', () => {
    const sample = { taskId: 'T/0', sampleIndex: 0, line: 1, solution: "Sorry, I can't help with that." };
    expect(sanitizeSample(sample, task, 'auto')).toBe(sample);
  });
});
