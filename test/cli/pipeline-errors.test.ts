/**
 * Bad input at the command line, by spawning `node bin/plum.js`: a config with a wrong type, an
 * unknown flag, a malformed problems line, a missing field, a reference that does not parse, a
 * stage run before its upstream. Each gets a message naming file, line and field (or a recorded
 * skip with its reason), and never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'plum-cli-'));
const goodRow = readFileSync(join(root, 'data/problems/embedded.jsonl'), 'utf8').split('\n')[0];

function plum(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/plum.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PLUM_PROGRESS: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function configFor(problemsFile: string, extra = ''): string {
  return file(`cfg-${Math.random().toString(36).slice(2)}.yaml`, `problems:\n  sources:\n    - { kind: embedded, path: ${problemsFile} }\n${extra}`);
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe('plum run: bad input', () => {
  it('a config with a wrong type names the file and the field', () => {
    const cfg = file('wrong-type.yaml', 'sample:\n  k: "eight"\n');
    const r = plum('run', '--config', cfg, '--run-dir', join(work, 'r1'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wrong-type.yaml: field "sample.k"');
    noStack(r.stderr);
  });

  it('an unknown flag or a bad flag value is named', () => {
    const a = plum('run', '--sed', '3');
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/--sed/);
    noStack(a.stderr);
    const b = plum('run', '--seed', 'x');
    expect(b.stderr).toContain('--seed: expected an integer');
    noStack(b.stderr);
    for (const command of ['rounds', 'report', 'eval']) {
      const c = plum(command, '--bogus', 'x');
      expect(c.code).toBe(1);
      expect(c.stderr).toMatch(/Unknown option '--bogus'/);
      noStack(c.stderr);
    }
  });

  it('a malformed problems line names the file and the line', () => {
    const problems = file('bad-json.jsonl', `${goodRow}\n{"id": "broken", \n`);
    const r = plum('problems', '--config', configFor(problems), '--run-dir', join(work, 'r2'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-json\.jsonl:2/);
    noStack(r.stderr);
  });

  it('a missing field names the file, the line and the field', () => {
    const row = JSON.parse(goodRow);
    delete row.reference;
    const problems = file('missing.jsonl', `${goodRow}\n${JSON.stringify({ ...row, id: 'x/1' })}\n`);
    const r = plum('problems', '--config', configFor(problems), '--run-dir', join(work, 'r3'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.jsonl:2.*reference/);
    noStack(r.stderr);
  });

  it('a reference that does not parse is a recorded skip with its reason, and the run goes on', () => {
    const row = JSON.parse(goodRow);
    const broken = { ...row, id: 'x/broken', reference: 'def slugify_title(title:\n    return title\n' };
    const problems = file('broken-ref.jsonl', `${goodRow}\n${JSON.stringify(broken)}\n`);
    const runDir = join(work, 'r4');
    const r = plum('run', '--config', configFor(problems, 'sample: { k: 4 }\nmutation: { enabled: false }\n'), '--run-dir', runDir);
    noStack(r.stderr);
    expect(r.code).toBe(0);
    const skips = readFileSync(join(runDir, '02-test-skips.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(skips).toEqual([expect.objectContaining({ problemId: 'x/broken', stage: 'testgen', reason: expect.any(String) })]);
    const sampleSkips = readFileSync(join(runDir, 'round-0/04-sample-skips.jsonl'), 'utf8');
    expect(sampleSkips).toContain('x/broken');
    expect(readFileSync(join(runDir, 'round-0/07-dpo.jsonl'), 'utf8').trim().length).toBeGreaterThan(0);
    expect(r.stdout).toContain('DPO pairs');
  });

  it('a stage run before its upstream says what to run first', () => {
    const r = plum('label', '--run-dir', join(work, 'empty'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs "execute".*plum execute/);
    noStack(r.stderr);
  });

  it('a changed config is refused with what changed, until --restart', () => {
    const problems = file('one.jsonl', `${goodRow}\n`);
    const runDir = join(work, 'r5');
    const cfg = configFor(problems, 'mutation: { enabled: false }\n');
    expect(plum('testgen', '--config', cfg, '--run-dir', runDir).code).toBe(1); // upstream missing
    expect(plum('problems', '--config', cfg, '--run-dir', runDir).code).toBe(0);
    expect(plum('testgen', '--config', cfg, '--run-dir', runDir).code).toBe(0);
    const changed = plum('testgen', '--config', cfg, '--run-dir', runDir, '--seed', '9');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/testgen output made with a different config \(changed: seed\).*--restart/);
    noStack(changed.stderr);
    expect(plum('testgen', '--config', cfg, '--run-dir', runDir, '--seed', '9', '--restart').code).toBe(0);
    // An edited problems file is noticed too, though the config is the same.
    writeFileSync(problems, `${goodRow}\n${JSON.stringify({ ...JSON.parse(goodRow), id: 'x/2' })}\n`);
    expect(plum('problems', '--config', cfg, '--run-dir', runDir, '--seed', '9').code).toBe(0);
    const edited = plum('testgen', '--config', cfg, '--run-dir', runDir, '--seed', '9');
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/inputs changed/);
  });
});
