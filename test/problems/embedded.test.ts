// The embedded problem set: schema, unique ids, coverage, and every reference passing its examples
// when run by real Python.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedProblemsPath, loadProblems, packageRoot, Problem, runJobs, runPythonTool, type Job } from '../../src/index.js';

interface ExampleResult {
  id: string;
  ran: number;
  failures: string[];
}

describe('embedded problem set', async () => {
  const { problems, skips } = await loadProblems({ kind: 'embedded' }, { progress: false });

  it('has at least 60 valid problems with unique ids and no skips', () => {
    expect(problems.length).toBeGreaterThanOrEqual(60);
    expect(skips).toEqual([]);
    expect(new Set(problems.map((p) => p.id)).size).toBe(problems.length);
    for (const p of problems) {
      expect(() => Problem.parse(p)).not.toThrow();
      expect(p.source).toBe('embedded');
      expect(p.reference).toContain(`def ${p.entryPoint}(`);
      expect(p.signature).toMatch(new RegExp(`^def ${p.entryPoint}\\(`));
      expect(p.examples.length).toBeGreaterThanOrEqual(2);
      expect(p.examples.length).toBeLessThanOrEqual(3);
      // Plain literals, so that a generator can parse and mutate them.
      for (const e of p.examples) expect(e.args.startsWith('[') && e.args.endsWith(']'), `${p.id} ${e.args}`).toBe(true);
      expect(p.provenance.source).toMatch(/^data\/problems\/embedded\.jsonl:\d+$/);
      expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('covers the required topics and difficulties', () => {
    const tags = new Set(problems.flatMap((p) => p.tags));
    for (const topic of ['strings', 'lists', 'numbers', 'dicts', 'recursion', 'parsing', 'edge cases']) {
      expect(tags.has(topic), topic).toBe(true);
    }
    const byDifficulty = new Map<string, number>();
    for (const p of problems) byDifficulty.set(p.difficulty!, (byDifficulty.get(p.difficulty!) ?? 0) + 1);
    for (const d of ['easy', 'medium', 'hard']) expect(byDifficulty.get(d) ?? 0, d).toBeGreaterThanOrEqual(5);
  });

  it('every reference passes its examples in real Python', async () => {
    const script = join(packageRoot(), 'test', 'problems', 'run-examples.py');
    const { results } = await runPythonTool<{ results: ExampleResult[] }>(script, { problems });
    expect(results).toHaveLength(problems.length);
    const failing = results.filter((r) => r.failures.length > 0);
    expect(failing).toEqual([]);
    for (const r of results) expect(r.ran).toBe(problems.find((p) => p.id === r.id)!.examples.length);
  });

  it('every reference passes its examples as call tests in the sandboxed engine', async () => {
    const jobs: Job[] = problems.map((p) => ({
      id: p.id,
      program: p.reference!,
      tests: p.examples.map((e, i) => ({ id: `ex${i + 1}`, kind: 'call' as const, entryPoint: p.entryPoint!, args: e.args, expected: e.expected })),
    }));
    const results = await runJobs(jobs, { workers: 2, cacheDir: null });
    const failing = results.filter((r) => !r.passed).map((r) => ({ id: r.jobId, tests: r.tests.filter((t) => t.verdict !== 'pass') }));
    expect(failing).toEqual([]);
    expect(results).toHaveLength(problems.length);
  });

  it('is stable: the same file gives the same content hashes', async () => {
    const again = await loadProblems({ kind: 'embedded', path: embeddedProblemsPath() }, { progress: false });
    expect(again.problems.map((p) => p.contentHash)).toEqual(problems.map((p) => p.contentHash));
  });
});
