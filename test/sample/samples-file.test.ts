/**
 * The `samples` sample generator: a samples file (human-eval / EvalPlus format) as a round's
 * candidates. Reading rules (solution / completion, per-task index, MBPP integer ids, left-out
 * tasks), bad input as one line naming file:line with nothing written, and a whole `plum run` whose
 * labels follow what the samples really do (a reference is chosen, a broken copy rejected).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { readSamplesFile, taskResolverFor, completionPrompt } from '../../src/sample/samples-file.js';
import type { Problem } from '../../src/records.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'plum-samples-'));
const embedded = readFileSync(join(root, 'data/problems/embedded.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

function file(name: string, lines: unknown[]): string {
  const path = join(work, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

function problem(id: string, extra: Partial<Problem> = {}): Problem {
  return {
    id,
    source: 'embedded',
    instruction: 'x',
    entryPoint: 'f',
    signature: null,
    reference: 'def f(x):\n    return x\n',
    examples: [],
    benchmarkTests: [],
    tags: [],
    provenance: { generator: 'test' },
    contentHash: 'h',
    ...extra,
  };
}

function plum(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/plum.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PLUM_PROGRESS: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('readSamplesFile', () => {
  it('keeps file order, numbers samples per task and takes solution or prompt + completion', async () => {
    const he = problem('HumanEval/0', {
      source: 'humanevalplus',
      instruction: 'Complete the following Python function.\n\n```python\ndef f(x):\n    """Return x."""\n```',
    });
    const f = file('order.jsonl', [
      { task_id: 'HumanEval/0', completion: '    return x\n' },
      { task_id: 'p/1', solution: 'def f(x):\n    return 1\n' },
      { task_id: 'HumanEval/0', solution: 'def f(x):\n    return x\n', extra: 'ignored' },
    ]);
    const read = await readSamplesFile(f, [he, problem('p/1')], 2);
    const [a, b] = read.byProblem.get('HumanEval/0')!;
    expect([a.index, b.index, a.round]).toEqual([0, 1, 2]);
    expect(a.code).toBe('def f(x):\n    """Return x."""\n    return x\n');
    expect(a.raw).toBe('    return x\n');
    expect(a.id).toBe('HumanEval/0::r2::s0');
    expect(a.provenance).toMatchObject({ generator: 'samples', source: `${f}:1` });
    expect(b.code).toBe('def f(x):\n    return x\n');
    expect(b.raw).toBeUndefined();
    expect(read.byProblem.get('p/1')![0].index).toBe(0);
    expect(completionPrompt(problem('x'))).toBe('');
  });

  it('maps MBPP integer ids to Mbpp/N and leaves out benchmark tasks the run does not hold', async () => {
    const problems = [problem('Mbpp/11'), problem('Mbpp/12')];
    const resolve = taskResolverFor(problems);
    expect(resolve('11')).toBe('Mbpp/11');
    expect(resolve('Mbpp/12')).toBe('Mbpp/12');
    expect(resolve('mbpp/12')).toBe('Mbpp/12');
    expect(resolve('13')).toBeNull(); // an MBPP task MBPP+ left out
    expect(resolve('HumanEval/3')).toBeUndefined(); // no HumanEval problem in this run
    expect(resolve('Mbpp/99999')).toBeUndefined(); // beyond MBPP's published tasks
    const f = file('mbpp.jsonl', [{ task_id: 11, solution: 'def f(x):\n    return x\n' }, { task_id: 13, solution: 'def f(x): pass' }]);
    const read = await readSamplesFile(f, problems, 0);
    expect([...read.byProblem.keys()]).toEqual(['Mbpp/11']);
    expect(read.leftOut).toBe(1);
  });

  it('flags a sample that never names the entry point', async () => {
    const f = file('missing.jsonl', [{ task_id: 'p/1', solution: 'def g(x):\n    return x\n' }]);
    const read = await readSamplesFile(f, [problem('p/1')], 0);
    expect(read.byProblem.get('p/1')![0].missingEntryPoint).toBe(true);
  });

  it('bad input is one SchemaError naming file:line and the field', async () => {
    const problems = [problem('p/1')];
    const cases: [unknown[], string][] = [
      [[{ task_id: 'p/1', solution: 'def f(x): pass' }, { task_id: 'nope/7', solution: 'x' }], ':2: field "task_id": unknown task_id "nope/7"'],
      [[{ task_id: 'p/1', solution: 'def f(x): pass' }, '{"task_id": "p/1", "solution": '], ':2: not valid JSON'],
      [[{ task_id: 'p/1', solution: '  \n' }], ':1: field "solution": the sample holds no code'],
      [[{ task_id: 'p/1' }], ':1: field "completion": a sample needs "solution"'],
      [[{ solution: 'x' }], ':1: field "task_id"'],
    ];
    for (const [i, [lines, message]] of cases.entries()) {
      const f = file(`bad-${i}.jsonl`, lines);
      await expect(readSamplesFile(f, problems, 0)).rejects.toThrow(`${f}${message}`);
    }
    await expect(readSamplesFile(work, problems, 0)).rejects.toThrow('is a directory');
  });
});

describe('plum run with the samples generator', () => {
  const [p0, p1] = embedded;
  const samples = file('embedded-samples.jsonl', [
    { task_id: p0.id, solution: p0.reference },
    { task_id: p0.id, solution: `def ${p0.entryPoint}(*args):\n    return None\n` },
    { task_id: p1.id, solution: p1.reference },
  ]);
  const problemsFile = join(work, 'two.jsonl');
  writeFileSync(problemsFile, `${JSON.stringify(p0)}\n${JSON.stringify(p1)}\n`);
  const config = (path: string) => {
    const c = join(work, `cfg-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(c, `problems: { sources: [{ kind: embedded, path: ${problemsFile} }] }\nsample: { generator: samples, samples: { path: ${path} } }\nmutation: { enabled: false }\n`);
    return c;
  };

  it('labels each sample by what it does: the reference chosen, a broken copy rejected', () => {
    const runDir = join(work, 'run-ok');
    const r = plum('run', '--config', config(samples), '--run-dir', runDir);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(r.code).toBe(0);
    const read = (name: string) => readFileSync(join(runDir, 'round-0', name), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const labels = new Map(read('06-labels.jsonl').map((l) => [l.sampleId, l.label]));
    expect(labels.get(`${p0.id}::r0::s0`)).toBe('chosen');
    expect(labels.get(`${p0.id}::r0::s1`)).toBe('rejected');
    expect(labels.get(`${p1.id}::r0::s0`)).toBe('chosen');
    expect(read('04-samples.jsonl').map((s) => s.provenance.generator)).toEqual(['samples', 'samples', 'samples']);
  }, 240_000);

  it('an unknown task id stops the stage with one line and writes no samples', () => {
    const bad = file('unknown.jsonl', [{ task_id: p0.id, solution: p0.reference }, { task_id: 'HumanEval/7', solution: 'x' }]);
    const runDir = join(work, 'run-bad');
    const r = plum('run', '--config', config(bad), '--run-dir', runDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2: field "task_id": unknown task_id "HumanEval/7"`);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(existsSync(join(runDir, 'round-0', '04-samples.jsonl'))).toBe(false);
  }, 240_000);

  it('generator samples without a path is a config error naming the setting', () => {
    const c = join(work, 'nopath.yaml');
    writeFileSync(c, `problems: { sources: [{ kind: embedded, path: ${problemsFile} }] }\nsample: { generator: samples }\n`);
    const r = plum('run', '--config', c, '--run-dir', join(work, 'run-nopath'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sample.samples.path');
  }, 240_000);
});
