// HumanEval / HumanEval+ / MBPP (three files) as Problems, on ../shared/data (skipped when absent),
// and on a small MBPP fixture.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblems, packageRoot } from '../../src/index.js';
import { describeWithData, sharedData } from '../support/shared-data.js';

const data = sharedData;

describe('MBPP fixture', () => {
  it('finds the entry point the asserts call, not a helper, and keeps the asserts as tests', async () => {
    const { problems } = await loadProblems({ kind: 'mbpp', dataDir: join(packageRoot(), 'test', 'fixtures', 'problems', 'mbpp-broken') }, { progress: false });
    const twice = problems.find((p) => p.id === 'mbpp/903')!;
    expect(twice.entryPoint).toBe('twice_all');
    expect(twice.benchmarkTests).toEqual([{ id: 't1', kind: 'assert', code: 'assert twice_all([1, 2]) == [2, 4]' }]);
    expect(twice.examples).toEqual([{ args: '[[1, 2]]', expected: '[2, 4]' }]);
    const add = problems.find((p) => p.id === 'mbpp/901')!;
    expect(add.reference).toBe('def add_two(a, b):\n  return a + b');
    expect(add.instruction).toBe('Write a function to add two numbers.\nassert add_two(1, 2) == 3');
  });
});

describeWithData('benchmark files of ../shared/data', ['humaneval', 'humanevalplus', 'mbpp', 'mbppplus'], () => {
  it.each([false, true])('HumanEval (plus=%s): 164 problems with their check function', async (plus) => {
    const { problems, skips } = await loadProblems({ kind: 'humaneval', dataDir: data, plus }, { progress: false });
    expect(skips).toEqual([]);
    expect(problems).toHaveLength(164);
    const p0 = problems[0];
    expect(p0).toMatchObject({ id: 'HumanEval/0', source: plus ? 'humanevalplus' : 'humaneval', entryPoint: 'has_close_elements' });
    expect(p0.signature).toBe('def has_close_elements(numbers: List[float], threshold: float) -> bool:');
    expect(p0.benchmarkTests).toHaveLength(1);
    expect(p0.benchmarkTests[0]).toMatchObject({ kind: 'check', entryPoint: 'has_close_elements' });
    expect(p0.examples[0]).toEqual({ args: '[[1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3]', expected: 'True' });
    expect(p0.reference).toContain('def has_close_elements(');
    expect(problems.filter((p) => p.examples.length > 0).length).toBeGreaterThan(150);
    console.log(`HumanEval${plus ? '+' : ''}: ${problems.length} problems, ${problems.filter((p) => p.examples.length).length} with example calls`);
  });

  it.each([
    ['original', 974, 'mbpp/1'],
    ['sanitized', 427, 'mbpp/2'],
    ['plus', 378, 'Mbpp/2'],
  ] as const)('MBPP %s: every task is a problem or a skip', async (variant, count, firstId) => {
    const { problems, skips } = await loadProblems({ kind: 'mbpp', dataDir: data, variant }, { progress: false });
    console.log(`MBPP ${variant}: ${problems.length} problems, ${skips.length} skipped ${JSON.stringify(skips.map((s) => s.reason))}`);
    expect(problems.length + skips.length).toBe(count);
    expect(problems[0].id).toBe(firstId);
    for (const p of problems) {
      expect(p.benchmarkTests.length).toBeGreaterThan(0);
      expect(p.benchmarkTests.every((t) => t.kind === 'assert' && t.code.includes('assert'))).toBe(true);
      expect(p.reference).toMatch(new RegExp(`def\\s+${p.entryPoint}\\s*\\(`));
    }
    expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
  });
});
