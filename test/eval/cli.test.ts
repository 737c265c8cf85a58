// `plum eval` end to end through `node bin/plum.js`: output, exit codes, and bad input named by
// file, line and field, with nothing written to --out.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const fixtures = join(root, 'test', 'fixtures', 'eval');
const problems = join(fixtures, 'tiny-problems.jsonl');

function plum(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'plum.js'), ...args], { cwd: root, env: { ...process.env, PLUM_CACHE_DIR: cacheDir } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'plum-eval-cli-'));
const cacheDir = join(dir, 'cache');

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('plum eval (CLI)', () => {
  it('evaluates samples, prints pass@k and writes one line per sample', async () => {
    const samples = join(dir, 'tiny-samples.jsonl');
    writeFileSync(samples, readFileSync(join(fixtures, 'tiny-samples.jsonl')));
    const { code, stdout, stderr } = await plum(['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', problems, '--jobs', '1', '--lanes', '1']);
    expect(stderr).toContain('eval humaneval');
    expect(code).toBe(0);
    expect(stdout).toContain('humaneval: 4 samples of 2/2 tasks');
    expect(stdout).toContain('pass@1: 0.5000');
    const out = readFileSync(`${samples}_results.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((r) => [r.task_id, r.sample_index, r.passed])).toEqual([
      ['Tiny/0', 0, true],
      ['Tiny/0', 1, false],
      ['Tiny/1', 0, true],
      ['Tiny/1', 1, false],
    ]);
    expect(out[1].result).toMatch(/^failed: AssertionError/);
  }, 60_000);

  it('rejects bad input before running anything, naming file, line and field, and leaves --out alone', async () => {
    const out = file('out.jsonl', ['previous results']);
    const good = JSON.stringify({ task_id: 'Tiny/0', completion: '    return a + b\n' });
    const malformed = file('malformed.jsonl', [good, '{"task_id": "Tiny/0", "completion": "x"']);
    const unknown = file('unknown.jsonl', [good, JSON.stringify({ task_id: 'HumanEval/0', completion: 'x' })]);
    const neither = file('neither.jsonl', [JSON.stringify({ task_id: 'Tiny/1', answer: 'x' })]);
    const base = ['eval', '--dataset', 'humaneval', '--problem-file', problems, '--out', out];
    const [a, b, c, d, e, f, g] = await Promise.all([
      plum([...base, '--samples', malformed]),
      plum([...base, '--samples', unknown]),
      plum([...base, '--samples', neither]),
      plum(['eval', '--dataset', 'humaneval+', '--samples', neither, '--data-dir', join(dir, 'no-such-dir')]),
      plum(['eval', '--dataset', 'mbpp++', '--samples', neither]),
      plum([...base, '--samples', join(dir, 'missing.jsonl')]),
      plum([...base, '--samples', neither, '--lanes', '0']),
    ]);
    expect([a.code, b.code, c.code, d.code, e.code, f.code, g.code]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(g.stderr).toContain('--lanes must be an integer >= 1, got "0"');
    expect(a.stderr).toContain(`plum eval: ${malformed}:2: not valid JSON`);
    expect(b.stderr).toContain(`plum eval: ${unknown}:2: field "task_id": unknown task_id "HumanEval/0"`);
    expect(c.stderr).toContain(`plum eval: ${neither}:1: field "completion": a sample needs "solution" (a full program) or "completion"`);
    expect(d.stderr).toMatch(/does not exist.*humanevalplus_release.*v0\.1\.10/);
    expect(e.stderr).toMatch(/--dataset must be one of humaneval, humaneval\+, mbpp, mbpp\+.*, got "mbpp\+\+"/);
    expect(f.stderr).toContain('missing.jsonl does not exist');
    for (const r of [a, b, c, d, e, f, g]) expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(readFileSync(out, 'utf8')).toBe('previous results\n');
    expect(existsSync(`${neither}_plus_results.jsonl`)).toBe(false);
  }, 60_000);

  it('prints its usage', async () => {
    const { code, stdout } = await plum(['eval', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: plum eval --dataset NAME --samples FILE');
    expect(stdout).toContain('--check-references');
  });

  it('refuses options that do not apply, naming what does', async () => {
    const samples = join(dir, 'tiny-samples.jsonl');
    const [mini, k, timeout, baseOnly, refs] = await Promise.all([
      plum(['eval', '--dataset', 'mbpp+', '--mini', '--samples', samples, '--data-dir', dir]),
      plum(['eval', '--dataset', 'humaneval', '--k', '1,x', '--samples', samples, '--problem-file', problems]),
      plum(['eval', '--dataset', 'humaneval', '--timeout', '0', '--samples', samples, '--problem-file', problems]),
      plum(['eval', '--dataset', 'humaneval', '--base-only', '--samples', samples, '--problem-file', problems]),
      plum(['eval', '--dataset', 'humaneval', '--check-references', '--samples', samples, '--problem-file', problems]),
    ]);
    expect([mini.code, k.code, timeout.code, baseOnly.code, refs.code]).toEqual([1, 1, 1, 1, 1]);
    expect(mini.stderr).toContain('--mini does not apply to mbpp+: it has --noextreme only (EvalPlus publishes no MbppPlus-Mini)');
    expect(k.stderr).toContain('--k must be a comma-separated list of integers >= 1, got "1,x"');
    expect(timeout.stderr).toContain('--timeout must be a number of seconds > 0, got "0"');
    expect(baseOnly.stderr).toContain('--base-only does not apply to humaneval');
    expect(refs.stderr).toContain('--check-references judges the dataset\'s own reference programs: give no --samples');
  }, 60_000);

  it('--check-references judges the canonical solutions and lists none failing; --k and --timeout reach the summary', async () => {
    const refs = await plum(['eval', '--dataset', 'humaneval', '--check-references', '--problem-file', problems, '--jobs', '1']);
    expect(refs.code).toBe(0);
    expect(refs.stdout).toContain('check: 2/2 pass (100.0%)');
    expect(refs.stdout).toContain('every reference passes');
    const samples = join(dir, 'k-samples.jsonl');
    writeFileSync(samples, readFileSync(join(fixtures, 'tiny-samples.jsonl')));
    const run = await plum(['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', problems, '--k', '2,1', '--timeout', '5', '--jobs', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pass@1: 0.5000   pass@2: 1.0000');
    expect(run.stdout).toMatch(/first failing samples \(2 of 2; all in the results file\):\n  Tiny\/0 #1: /);
    const summary = JSON.parse(readFileSync(`${samples}_results.summary.json`, 'utf8'));
    expect(summary).toMatchObject({ kind: 'plum-eval-summary', dataset: 'humaneval', ks: [1, 2], timeoutSeconds: 5, overall: { tasks: 2, samples: 4 } });
  }, 60_000);
});

describe('sanitising through the CLI', () => {
  const chat = 'Sure:\n```python\ndef add(a, b):\n    return a + b\n\nprint(add(2, 2))\n```\nHope it helps!';

  it('plum eval sanitises a chat answer by default, --no-sanitize judges it as given, both flags contradict', async () => {
    const samples = file('chat.jsonl', [JSON.stringify({ task_id: 'Tiny/0', solution: chat })]);
    const on = await plum(['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', problems, '--out', join(dir, 'chat-on.jsonl')]);
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('sanitized: 1 of 1 samples');
    const [record] = readFileSync(join(dir, 'chat-on.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect([record.passed, record.solution, record.raw_solution]).toEqual([true, 'def add(a, b):\n    return a + b\n', chat]);
    const off = await plum(['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', problems, '--out', join(dir, 'chat-off.jsonl'), '--no-sanitize']);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('sanitized:');
    expect(JSON.parse(readFileSync(join(dir, 'chat-off.jsonl'), 'utf8')).result).toMatch(/^failed: SyntaxError/);
    const both = await plum(['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', problems, '--sanitize', '--no-sanitize']);
    expect([both.code, both.stderr.trim().split('\n')[0]]).toEqual([1, 'plum eval: --sanitize and --no-sanitize contradict each other']);
  }, 120_000);

  it('plum sanitize writes EvalPlus-named output and is listed in the help', async () => {
    const samples = file('to-sanitize.jsonl', [JSON.stringify({ task_id: 'Tiny/0', solution: chat })]);
    const run = await plum(['sanitize', samples, '--dataset', 'humaneval', '--problem-file', problems]);
    expect([run.code, run.stdout.trim()]).toEqual([0, `sanitized 1 of 1 samples: ${join(dir, 'to-sanitize-sanitized.jsonl')}`]);
    expect(JSON.parse(readFileSync(join(dir, 'to-sanitize-sanitized.jsonl'), 'utf8'))).toEqual({ task_id: 'Tiny/0', solution: 'def add(a, b):\n    return a + b\n' });
    const help = await plum(['--help']);
    expect(help.stdout).toMatch(/\n {2}sanitize +take the code out of model answers/);
    const none = await plum(['sanitize']);
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([1, 'plum sanitize: give IN and at most one OUT']);
  }, 120_000);
});
