/**
 * MBPP+ as an EvalPlus benchmark: the loader (task ids, EvalPlus's input deserialisation, the empty
 * plus_input of Mbpp/793), which tasks get a special oracle, and, with the real engine and data,
 * the canonical solutions of every task whose inputs are deserialised or whose outputs are compared
 * specially pass their own base and plus inputs (the whole set: README "MBPP+ oracle").
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { specialOracle } from '../../src/eval/special-oracles.js';
import { findBenchmarkFile, loadMbppPlus, type MbppPlusTask } from '../../src/problems/benchmarks.js';
import { deserializeMbppInputs, isDeserializedMbppTask, pythonOfJson } from '../../src/problems/mbpp-plus-inputs.js';

const dataDir = resolve(process.env.PLUM_DATA_DIR ?? '../shared/data');
const haveData = existsSync(join(dataDir, 'mbppplus'));
if (!haveData) console.warn(`SKIPPED MBPP+ data tests: MbppPlus.jsonl.gz not found under ${dataDir} (set PLUM_DATA_DIR)`);

describe('MBPP+ inputs as EvalPlus deserialises them', () => {
  it('writes JSON values as Python expressions', () => {
    expect(pythonOfJson('[true, false, null, "a\\"b", {"k": [1.5, -2]}, NaN]')).toBe('[True, False, None, "a\\"b", {"k": [1.5, -2]}, NaN]');
    expect(pythonOfJson('12345678901234567890123')).toBe('12345678901234567890123');
  });

  it('turns lists into tuples, sets and complex numbers for the tasks EvalPlus names', () => {
    expect(deserializeMbppInputs('Mbpp/2', ['[[3, 4], [5]]'])).toEqual(['[(3, 4), (5,)]']);
    expect(deserializeMbppInputs('Mbpp/63', ['[[[1, 2], [3, 4]]]'])).toEqual(['[[(1, 2), (3, 4)]]']);
    expect(deserializeMbppInputs('Mbpp/115', ['[[[1, 2], [], "x"]]'])).toEqual(['[[{1, 2}, {}, {}]]']);
    expect(deserializeMbppInputs('Mbpp/124', ['["1.0", "(1+2j)"]'])).toEqual(['[float("1.0"), complex("(1+2j)")]']);
    expect(deserializeMbppInputs('Mbpp/580', ['[[1, [2, [3]]]]'])).toEqual(['[(1, (2, (3,)))]']);
    expect(deserializeMbppInputs('Mbpp/722', ['[{"a": [1, 2]}, 5, 6]'])).toEqual(['[{"a": (1, 2)}, 5, 6]']);
    expect(deserializeMbppInputs('Mbpp/3', ['[[1, 2]]'])).toEqual(['[[1, 2]]']);
    expect(isDeserializedMbppTask('Mbpp/2') && !isDeserializedMbppTask('Mbpp/3')).toBe(true);
    expect(() => deserializeMbppInputs('Mbpp/2', ['[1]'])).toThrow(/Mbpp\/2 input 0: tuple\(\) of a non-sequence/);
  });

  it('chooses EvalPlus\'s special oracles by benchmark and entry point', () => {
    expect(specialOracle({ benchmark: 'mbpp+', entryPoint: 'similar_elements' })).toBe('evalplus:mbpp_set_eq');
    expect(specialOracle({ benchmark: 'mbpp+', entryPoint: 'check_str' })).toBe('evalplus:mbpp_not_none');
    expect(specialOracle({ benchmark: 'mbpp+', entryPoint: 'surface_Area' })).toBe('evalplus:mbpp_surface_area');
    expect(specialOracle({ benchmark: 'mbpp+', entryPoint: 'find_zero' })).toBeUndefined();
    expect(specialOracle({ benchmark: 'humaneval+', entryPoint: 'find_zero' })).toBe('evalplus:find_zero');
    expect(specialOracle({ benchmark: 'humaneval+', entryPoint: 'similar_elements' })).toBeUndefined();
  });
});

describe.skipIf(!haveData)('MBPP+ data (real engine)', () => {
  let tasks: MbppPlusTask[] = [];
  it('loads the 378 tasks of v0.2.0 with EvalPlus\'s ids', () => {
    tasks = loadMbppPlus(findBenchmarkFile('mbpp+', dataDir)).tasks;
    expect(tasks).toHaveLength(378);
    expect(tasks[0]).toMatchObject({ benchmark: 'mbpp+', taskId: 'Mbpp/2', entryPoint: 'similar_elements' });
    expect(tasks[0].baseInputs[0]).toBe('[(3, 4, 5, 6), (5, 7, 4, 10)]');
    expect(tasks.find((t) => t.taskId === 'Mbpp/793')!.plusInputs).toEqual([]);
  });

  it('canonical solutions pass their own base and plus inputs (deserialised and specially compared tasks)', async () => {
    const chosen = tasks.filter((t) => isDeserializedMbppTask(t.taskId) || specialOracle(t) || t.taskId === 'Mbpp/88');
    expect(chosen.length).toBeGreaterThan(60);
    const dir = mkdtempSync(join(tmpdir(), 'plum-mbppplus-'));
    const samples = join(dir, 'canonical.jsonl');
    writeFileSync(samples, chosen.map((t) => JSON.stringify({ task_id: t.taskId, solution: t.prompt + t.canonicalSolution })).join('\n'));
    const report = await evaluateSamples({ dataset: 'mbpp+', samples, dataDir, out: join(dir, 'results.jsonl'), progress: false, jobs: 2 });
    const failing = report.results.filter((r) => !r.plus_passed).map((r) => `${r.task_id}: ${JSON.stringify((r.base?.passed ? r.plus : r.base)?.failures[0])}`);
    expect(failing).toEqual([]);
    expect(report.plusPassAtK?.['pass@1']).toBe(1);
  }, 600_000);
});
