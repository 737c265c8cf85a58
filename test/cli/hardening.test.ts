/**
 * Failures a new user meets, each one clear line and nothing left behind: a missing source file, a
 * missing problem file, a directory given as a samples file, a round that does not exist (rounds,
 * report), a failed first command in a new run directory, a gzip file that is not gzip, and two
 * copies of a benchmark file under --data-dir (which one is used is said).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { dataPath, describeWithData } from '../support/shared-data.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'plum-hard-'));

function plum(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/plum.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PLUM_PROGRESS: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLine(r: { code: number | null; stderr: string }, expected: string) {
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(expected);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+|node:internal|triggerUncaughtException/);
}

describe('one line, nothing left behind', () => {
  it('a config source whose path is missing: one line, and the new run directory is not left behind', () => {
    const cfg = join(work, 'missing-source.yaml');
    writeFileSync(cfg, 'problems: { sources: [{ kind: instruct, path: /nonexistent/seeds.jsonl }] }\n');
    const runDir = join(work, 'new-parent', 'run');
    oneLine(plum('problems', '--config', cfg, '--run-dir', runDir), '/nonexistent/seeds.jsonl: no such file or directory');
    expect(existsSync(join(work, 'new-parent'))).toBe(false);
    oneLine(plum('run', '--config', cfg, '--run-dir', runDir), '/nonexistent/seeds.jsonl: no such file or directory');
    expect(existsSync(runDir)).toBe(false);
  });

  it('a stage run in a new run directory before its upstream leaves no directory', () => {
    const runDir = join(work, 'label-first');
    oneLine(plum('label', '--run-dir', runDir), 'run `plum execute`');
    expect(existsSync(runDir)).toBe(false);
  });

  it('plum eval: a missing problem file, a directory without samples, a gzip that is not gzip', () => {
    const samples = join(work, 's.jsonl');
    writeFileSync(samples, '{"task_id": "HumanEval/0", "completion": "    return 1\\n"}\n');
    oneLine(plum('eval', '--dataset', 'humaneval', '--problem-file', '/nope/HumanEval.jsonl', '--samples', samples), '/nope/HumanEval.jsonl: no such file or directory');
    const problems = join(root, 'test', 'fixtures', 'eval', 'tiny-problems.jsonl');
    const emptyDir = join(work, 'no-samples');
    mkdirSync(emptyDir, { recursive: true });
    oneLine(plum('eval', '--dataset', 'humaneval', '--problem-file', problems, '--samples', emptyDir), 'holds no <task>/<n>.py files');
    const fake = join(work, 'fake.jsonl.gz');
    writeFileSync(fake, 'not gzip\n');
    oneLine(plum('eval', '--dataset', 'humaneval', '--problem-file', problems, '--samples', fake), `${fake}:1: not a readable gzip file`);
  });

  it('rounds and report refuse a round that does not exist', () => {
    const runDir = join(work, 'tiny');
    mkdirSync(join(runDir, 'round-0'), { recursive: true });
    writeFileSync(join(runDir, 'round-0', '04-samples.jsonl'), '');
    writeFileSync(join(runDir, 'round-0', '06-labels.jsonl'), '');
    oneLine(plum('report', runDir, '--round', '7'), 'has no round 7 (rounds with samples: 0)');
    expect(existsSync(join(runDir, 'report-round-7.html'))).toBe(false);
    oneLine(plum('rounds', runDir, '--rounds', '0,5'), 'round 5 is not labelled (labelled rounds: 0)');
    expect(plum('report', '--help').stdout).toContain('report-round-K.html');
  });
});

describe('help, version, did you mean', () => {
  it('plum --help gives every command a description; --version prints the package version', () => {
    const help = plum('--help');
    expect(help.code).toBe(0);
    for (const name of ['run', 'sample', 'eval', 'report', 'rounds']) expect(help.stdout).toMatch(new RegExp(`\\n  ${name}\\s+\\S.{10,}`));
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(plum('--version').stdout.trim()).toBe(`plum ${version}`);
  });

  it('a mistyped command or config key gets a suggestion', () => {
    expect(plum('evl').stderr).toContain('unknown command "evl" (did you mean "eval"?)');
    const cfg = join(work, 'typo.yaml');
    writeFileSync(cfg, 'sample: { generatr: samples }\ntestgn: {}\n');
    const r = plum('run', '--config', cfg, '--run-dir', join(work, 'typo-run'));
    oneLine(r, 'field "sample": Unrecognized key: "generatr" (did you mean "generator"?)');
    expect(r.stderr).toContain('"testgn" (did you mean "testgen"?)');
    expect(existsSync(join(work, 'typo-run'))).toBe(false);
  });
});

describe("import { ... } from 'plum'", () => {
  it('works from a script in another folder (plum installed there, node --import plum/register)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-user-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'plum'));
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(dir, 'script.ts'), "import { passAtK, hashOf } from 'plum';\nconst n: number = passAtK(10, 3, 1);\nconsole.log(n.toFixed(3), hashOf('x').length);\n");
    const r = spawnSync(process.execPath, ['--import', 'plum/register', 'script.ts'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0.300 64');
  });
});

describeWithData('benchmark files a user points at', ['humaneval/HumanEval.jsonl.gz', 'humanevalplus/HumanEvalPlus-Mini.jsonl.gz'], () => {
  it('two copies under --data-dir: the one used and the one not used are named', () => {
    const dir = join(work, 'data');
    mkdirSync(join(dir, 'stray', 'copy'), { recursive: true });
    copyFileSync(dataPath('humaneval', 'HumanEval.jsonl.gz'), join(dir, 'stray', 'HumanEval.jsonl.gz'));
    copyFileSync(dataPath('humaneval', 'HumanEval.jsonl.gz'), join(dir, 'stray', 'copy', 'HumanEval.jsonl.gz'));
    const samples = join(work, 'one.jsonl');
    writeFileSync(samples, '{"task_id": "HumanEval/0", "completion": "    return True\\n"}\n');
    const r = plum('eval', '--dataset', 'humaneval', '--data-dir', dir, '--samples', samples, '--out', join(work, 'one-out.jsonl'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`using ${join(dir, 'stray', 'HumanEval.jsonl.gz')}`);
    expect(r.stderr).toContain(`not used: ${join(dir, 'stray', 'copy', 'HumanEval.jsonl.gz')}`);
  }, 120_000);

  it('HumanEvalPlus-Mini (no "test" field) is accepted as --problem-file', () => {
    const samples = join(work, 'mini.jsonl');
    writeFileSync(samples, '{"task_id": "HumanEval/0", "completion": "    return True\\n"}\n');
    const out = join(work, 'mini-out.jsonl');
    const r = plum('eval', '--dataset', 'humaneval+', '--problem-file', dataPath('humanevalplus', 'HumanEvalPlus-Mini.jsonl.gz'), '--samples', samples, '--out', out);
    expect(r.stderr).not.toContain('field "test"');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8').split('\n')[0]).task_id).toBe('HumanEval/0');
  }, 120_000);
});
