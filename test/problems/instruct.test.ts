// Instruction-data loader: reference and entry-point extraction from answers, instruction-only
// items, skips with reasons; and the seed files of ../shared/data (counts printed).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblems, packageRoot, runPythonTool, streamProblems } from '../../src/index.js';
import { dataPath, describeWithData } from '../support/shared-data.js';

const fixture = (name: string) => join(packageRoot(), 'test', 'fixtures', 'problems', name);
const seeds = dataPath('instruct_seeds');

describe('instruct loader on a fixture', async () => {
  const { problems, skips } = await loadProblems({ kind: 'instruct', path: fixture('instruct-mixed.jsonl') }, { progress: false });
  const byId = new Map(problems.map((p) => [p.id, p]));

  it('extracts a cleaned reference, the entry point, its signature and examples', () => {
    const p = byId.get('instruct-mixed/1')!;
    expect(p.entryPoint).toBe('mean_of');
    expect(p.signature).toBe('def mean_of(xs):');
    expect(p.reference).toContain('def _total(xs):');
    expect(p.reference).not.toContain('print(');
    expect(p.reference).not.toContain('numbers = ');
    expect(p.examples).toEqual([{ args: '[[1, 2, 3]]' }]);
    expect(p.provenance).toMatchObject({ generator: 'instruct', source: 'test/fixtures/problems/instruct-mixed.jsonl:1' });
    expect(p.provenance.hashes?.row).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads `response` and `solution` answers, tests as benchmark asserts, difficulty from property', () => {
    const clip = byId.get('instruct-mixed/6')!;
    expect(clip.entryPoint).toBe('clip');
    expect(clip.examples).toEqual([
      { args: '[5, 0, 3]', expected: '3' },
      { args: '[-1, 0, 3]', expected: '0' },
    ]);
    expect(clip.benchmarkTests).toEqual([{ id: 'source-test-1', kind: 'assert', code: 'assert clip(5, 0, 3) == 3\nassert clip(-1, 0, 3) == 0' }]);
    expect(clip.difficulty).toBe('easy');
    const square = byId.get('instruct-mixed/7')!;
    expect(square.entryPoint).toBe('square');
    expect(square.reference).toBe('def square(n):\n    return n * n\n');
    expect(square.examples).toEqual([{ args: '[4]', expected: '16' }]);
  });

  it('keeps an item without an answer as instruction-only', () => {
    expect(byId.get('instruct-mixed/4')).toMatchObject({ reference: null, entryPoint: null, signature: null });
  });

  it('records a skip with a reason for every unusable answer', () => {
    expect(skips.map((s) => [s.problemId, s.reason])).toEqual([
      ['instruct-mixed/2', 'syntax-error'],
      ['instruct-mixed/3', 'not-python'],
      ['instruct-mixed/5', 'no-function'],
      ['instruct-mixed/8', 'no-code'],
    ]);
    for (const s of skips) expect(s.detail).toMatch(/instruct-mixed\.jsonl:\d+: /);
    expect(problems.length + skips.length).toBe(8);
  });

  it('requireReference turns instruction-only items into skips; limit and streaming work', async () => {
    const strict = await loadProblems({ kind: 'instruct', path: fixture('instruct-mixed.jsonl') }, { progress: false, requireReference: true });
    expect(strict.skips.find((s) => s.problemId === 'instruct-mixed/4')).toMatchObject({ reason: 'no-reference' });
    const limited = await loadProblems({ kind: 'instruct', path: fixture('instruct-mixed.jsonl') }, { progress: false, limit: 2 });
    expect(limited.problems.map((p) => p.id)).toEqual(['instruct-mixed/1', 'instruct-mixed/4']);
    const kinds: string[] = [];
    for await (const item of streamProblems({ kind: 'instruct', path: fixture('instruct-mixed.jsonl') }, { progress: false, batchSize: 3 })) kinds.push(item.kind);
    expect(kinds).toEqual(['problem', 'skip', 'skip', 'problem', 'skip', 'problem', 'problem', 'skip']);
  });

  it('an extracted reference runs and returns the example value', async () => {
    const script = join(packageRoot(), 'test', 'problems', 'run-examples.py');
    const withRef = problems.filter((p) => p.reference);
    const { results } = await runPythonTool<{ results: { id: string; failures: string[] }[] }>(script, { problems: withRef });
    expect(results.flatMap((r) => r.failures)).toEqual([]);
  });
});

describeWithData('instruct loader on the shared seed files', ['instruct_seeds'], () => {
  const files = [
    join(seeds, 'selfcodealign', 'self-ossinstruct-fewshot.parsed.jsonl'),
    join(seeds, 'evol_instruct_code', 'evol-codealpaca-2k-1.json'),
  ];
  it.each(files)('%s: every item is a problem or a skip with a reason', async (file) => {
    const { problems, skips } = await loadProblems({ kind: 'instruct', path: file }, { progress: false });
    const reasons: Record<string, number> = {};
    for (const s of skips) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    const usable = problems.filter((p) => p.reference !== null);
    const withExamples = usable.filter((p) => p.examples.length > 0).length;
    console.log(`${file.split('/').pop()}: ${usable.length} usable (${withExamples} with example calls), ${problems.length - usable.length} instruction-only, skipped ${JSON.stringify(reasons)}`);
    expect(usable.length).toBeGreaterThan(0);
    for (const p of usable) {
      expect(p.reference).toContain(`def ${p.entryPoint}(`);
      expect(p.signature).toMatch(new RegExp(`^def ${p.entryPoint}\\(`));
    }
    for (const s of skips) expect(s.detail).toMatch(/:\d+: /);
    expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
  });
});
