// Resolving the real Python interpreter once and remembering it across runs (src/execution/python.ts):
// a shim that counts its starts stands for pyenv's; each resolution runs in a fresh Node process.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePython } from '../../src/execution/python.js';
import { packageRoot } from '../../src/paths.js';

let work: string;
let realPython: string;

beforeAll(() => {
  realPython = resolvePython();
  work = mkdtempSync(join(tmpdir(), 'plum-python-resolve-'));
  const shim = join(work, 'bin', 'python3');
  execFileSync('mkdir', ['-p', join(work, 'bin'), join(work, 'project', 'sub'), join(work, 'cache')]);
  writeFileSync(shim, `#!/bin/sh\necho start >> ${join(work, 'starts')}\nexec ${realPython} "$@"\n`);
  chmodSync(shim, 0o755);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Resolve in a fresh process with the shim first on PATH; returns what it printed. */
function resolveFresh(cwd: string, env: Record<string, string> = {}): string {
  const script = `import { resolvePython } from ${JSON.stringify(join(packageRoot(), 'src', 'execution', 'python.ts'))}; console.log(resolvePython());`;
  return execFileSync(process.execPath, ['--import', pathToFileURL(join(packageRoot(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, '--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, PLUM_PYTHON: '', PLUM_CACHE_DIR: join(work, 'cache'), ...env },
  }).trim();
}

const starts = () => (existsSync(join(work, 'starts')) ? readFileSync(join(work, 'starts'), 'utf8').split('\n').filter(Boolean).length : 0);

describe('resolving python3', () => {
  it('asks the shim once, then remembers, and asks again when what a shim decides by changes', () => {
    const project = join(work, 'project', 'sub');
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(1);
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(1); // remembered: the shim did not start
    expect(JSON.parse(readFileSync(join(work, 'cache', 'python.json'), 'utf8')).python).toBe(realPython);

    writeFileSync(join(work, 'project', '.python-version'), '3.11.7\n'); // a version file above the working directory
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(2);
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(2);

    expect(resolveFresh(project, { PYENV_VERSION: 'system' })).toBe(realPython); // a version manager's variable
    expect(starts()).toBe(3);

    writeFileSync(join(work, 'cache', 'python.json'), '{"key": "broken'); // an unreadable cache only costs the question
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(4);
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(4);

    chmodSync(join(work, 'cache', 'python.json'), 0o666); // writable by others: it names a program to run, so not trusted
    expect(resolveFresh(project)).toBe(realPython);
    expect(starts()).toBe(5);
  });
});
