// Finding and reading HumanEval / HumanEval+ files (src/problems/benchmarks.ts): exact input text,
// download hints, bad rows named by file:line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataMissingError } from '../../src/errors.js';
import { packageRoot } from '../../src/paths.js';
import { findBenchmarkFile, loadBenchmark, loadHumanEval, loadHumanEvalPlus, rawJsonElements, rawJsonMembers } from '../../src/problems/benchmarks.js';
import { describeWithData, sharedData } from '../support/shared-data.js';

const data = sharedData;
const fixture = join(packageRoot(), 'test', 'fixtures', 'eval', 'mini-humanevalplus.jsonl');

describe('raw JSON spans', () => {
  it('keeps integers beyond 2^53, escapes and surrogate pairs exactly as written', () => {
    const line = '{"a": [1, "x,]\\"}"], "base_input": [[99999999999999999999999], ["\\ud83d\\ude00", {"k": [1.5e300]}], []], "z": null}';
    const members = rawJsonMembers(line);
    expect([...members.keys()]).toEqual(['a', 'base_input', 'z']);
    expect(rawJsonElements(members.get('base_input')!)).toEqual(['[99999999999999999999999]', '["\\ud83d\\ude00", {"k": [1.5e300]}]', '[]']);
    expect(rawJsonElements(members.get('a')!)).toEqual(['1', '"x,]\\"}"']);
  });
});

describe('findBenchmarkFile', () => {
  it('searches the data directory recursively, the .gz first', () => {
    const root = mkdtempSync(join(tmpdir(), 'plum-data-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'HumanEval.jsonl.gz'), gzipSync(''));
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, '.hidden', 'HumanEvalPlus.jsonl.gz'), '');
    expect(findBenchmarkFile('humaneval', root)).toBe(join(root, 'a', 'b', 'HumanEval.jsonl.gz'));
    expect(() => findBenchmarkFile('humaneval+', root)).toThrow(DataMissingError);
    expect(() => findBenchmarkFile('humaneval+', root)).toThrow(/humanevalplus_release.*v0\.1\.10/);
  });

  it('says where to download when the directory is missing or not given', () => {
    expect(() => findBenchmarkFile('humaneval', '/nonexistent/plum-data')).toThrow(/does not exist.*openai\/human-eval.*HumanEval\.jsonl\.gz/);
    expect(() => findBenchmarkFile('humaneval', '')).toThrow(/--data-dir DIR or set PLUM_DATA_DIR/);
  });
});

describe('loaders', () => {
  it('read EvalPlus inputs as exact JSON text, with atol and contract', () => {
    const bench = loadHumanEvalPlus(fixture);
    expect(bench.tasks.map((t) => t.taskId)).toEqual(['Mini/0', 'Mini/1', 'Mini/2', 'Mini/3', 'Mini/4', 'Mini/5']);
    const even = bench.tasks[5];
    expect(even.baseInputs).toEqual(['[2]', '[99999999999999999999999]']);
    expect(even.plusInputs).toEqual(['[3]', '[10000000000000000000000000000001]']);
    expect(bench.tasks[2].atol).toBe(0.0001);
    expect(bench.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('name file, line and field of a bad row, and of a duplicate task id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-bad-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ task_id: 'T/0', prompt: 'p', canonical_solution: 'c', test: 't', entry_point: 'f' }) + '\n' + JSON.stringify({ task_id: 'T/1', prompt: 'p', test: 't', entry_point: 'f' }) + '\n');
    expect(() => loadHumanEval(bad)).toThrow(`${bad}:2: field "canonical_solution"`);
    const dup = join(dir, 'dup.jsonl');
    const row = JSON.stringify({ task_id: 'T/0', prompt: 'p', canonical_solution: 'c', test: 't', entry_point: 'f' });
    writeFileSync(dup, `${row}\n${row}\n`);
    expect(() => loadHumanEval(dup)).toThrow(`${dup}:2: field "task_id": duplicate task_id "T/0"`);
  });
});

describeWithData('the published files in ../shared/data', ['humaneval', 'humanevalplus'], () => {
  it('HumanEval: 164 tasks; HumanEval+ v0.1.10: 164 tasks with big integers kept exactly', () => {
    const he = loadBenchmark('humaneval', data);
    expect(he.tasks).toHaveLength(164);
    expect(he.tasks[0].entryPoint).toBe('has_close_elements');
    const plus = loadBenchmark('humaneval+', data);
    expect(plus.tasks).toHaveLength(164);
    const inputs = plus.tasks.reduce((n, t) => n + t.baseInputs.length + t.plusInputs.length, 0);
    expect(inputs).toBe(124253);
    expect(plus.tasks[22].plusInputs.some((x) => x.includes('99999999999999999999999'))).toBe(true);
    expect(plus.tasks[32].atol).toBe(0.0001);
  });
});
