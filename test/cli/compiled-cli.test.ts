// The compiled CLI as `npm ci` leaves it: bin/build.js (the `prepare` script) compiles src/ to dist/,
// bin/plum.js runs dist/ while it matches the sources and the sources through tsx otherwise
// (bin/dist.js decides; NODE_DEBUG=esm shows which main module Node loaded).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const dist = (await import(join(root, 'bin', 'dist.js'))) as {
  compiledEntry(base?: string): string | undefined;
  sourceHash(base?: string): string;
  stampPath(base?: string): string;
};

function plum(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'bin', 'plum.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30, // NODE_DEBUG=esm logs every module load (tsx's included)
    env: { ...process.env, PLUM_PROGRESS: '0', NODE_DEBUG: 'esm', ...env },
  });
}

describe('bin/dist.js: is dist/ built from the sources as they are?', () => {
  const base = mkdtempSync(join(tmpdir(), 'plum-dist-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(base, path, '..'), { recursive: true });
    writeFileSync(join(base, path), text);
  };
  write('tsconfig.json', '{}');
  write('tsconfig.build.json', '{}');
  write('src/a.ts', 'export const a = 1;\n');
  write('src/sub/b.ts', 'export const b = 2;\n');
  write('dist/cli/main.js', 'export {};\n');

  it('fresh only while every source, the tsconfig files and the set of sources are unchanged', () => {
    expect(dist.compiledEntry(base)).toBeUndefined(); // no stamp: never built
    write('dist/build-stamp.json', JSON.stringify({ hash: dist.sourceHash(base) }));
    expect(dist.compiledEntry(base)).toBe(join(base, 'dist', 'cli', 'main.js'));
    write('src/sub/b.ts', 'export const b = 3;\n');
    expect(dist.compiledEntry(base)).toBeUndefined();
    write('src/sub/b.ts', 'export const b = 2;\n'); // rewritten as it was (a checkout): fresh again
    expect(dist.compiledEntry(base)).toBe(join(base, 'dist', 'cli', 'main.js'));
    write('src/c.ts', 'export const c = 1;\n');
    expect(dist.compiledEntry(base)).toBeUndefined();
    rmSync(join(base, 'src', 'c.ts'));
    write('tsconfig.build.json', '{"compilerOptions": {}}');
    expect(dist.compiledEntry(base)).toBeUndefined();
    write('tsconfig.build.json', '{}');
    write('dist/build-stamp.json', 'not json');
    expect(dist.compiledEntry(base)).toBeUndefined();
  });
});

describe('plum as npm ci leaves it', () => {
  it('npm run build compiles dist/; bin/plum.js then runs it (and tsx only with PLUM_TSX=1), with the same results', () => {
    const build = spawnSync(process.execPath, [join(root, 'bin', 'build.js')], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(JSON.parse(readFileSync(dist.stampPath(root), 'utf8')).hash).toBe(dist.sourceHash(root));
    expect(dist.compiledEntry(root)).toBe(join(root, 'dist', 'cli', 'main.js'));

    const fixtures = join(root, 'test', 'fixtures', 'eval');
    const work = mkdtempSync(join(tmpdir(), 'plum-compiled-'));
    const samples = join(work, 'samples.jsonl');
    writeFileSync(samples, readFileSync(join(fixtures, 'tiny-samples.jsonl')));
    const args = ['eval', '--dataset', 'humaneval', '--samples', samples, '--problem-file', join(fixtures, 'tiny-problems.jsonl'), '--jobs', '1', '--no-cache'];
    const compiled = plum([...args, '--out', join(work, 'compiled.jsonl')]);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stderr).toContain('dist/cli/main.js');
    expect(compiled.stderr).not.toContain('src/cli/main.ts');
    const sources = plum([...args, '--out', join(work, 'tsx.jsonl')], { PLUM_TSX: '1' });
    expect(sources.status, sources.stderr).toBe(0);
    expect(sources.stderr).toContain('src/cli/main.ts');
    expect(compiled.stdout.split('\n')[1]).toBe('pass@1: 0.5000');
    const verdicts = (file: string) => readFileSync(join(work, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l).passed);
    expect(verdicts('compiled.jsonl')).toEqual([true, false, true, false]);
    expect(verdicts('tsx.jsonl')).toEqual(verdicts('compiled.jsonl'));
  }, 600_000);
});
