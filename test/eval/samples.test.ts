// Reading samples files: every bad line is an error naming file, line and field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSamples, sampleProgram } from '../../src/eval/samples.js';

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
