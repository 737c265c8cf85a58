/**
 * Acceptance: `kill -9` of `plum run` (SIGKILL to its process group) at several moments, then a
 * rerun, gives the same record sets as an uninterrupted run with the same seed — nothing missing,
 * nothing duplicated. Real processes, real Python, verdict cache off (--no-cache).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'plum-kill-'));
const config = join(work, 'config.yaml');
writeFileSync(
  config,
  [
    'seed: 5',
    'problems: { limit: 5 }',
    'testgen: { maxTestsPerProblem: 6, offline: { candidates: 20, testTimeoutMs: 10000 } }',
    'filter: { heuristics: { slowBudgetMs: 60000 } }',
    'sample: { k: 4 }',
    // Time limits that make verdicts depend on the program only, not on the machine's load.
    'execute: { testTimeoutMs: 1000, jobTimeoutMs: null }',
    'mutation: { poolCandidates: 24, testTimeoutMs: 500, jobTimeoutMs: 600000 }',
  ].join('\n'),
);

function start(runDir: string): ChildProcess {
  return spawn(process.execPath, [join(root, 'bin/plum.js'), 'run', '--config', config, '--run-dir', runDir, '--no-cache'], {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PLUM_PROGRESS: '0' },
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (b) => (stderr += String(b)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
}

/** Start a run and SIGKILL its process group once `file` has `lines` lines (or the run ends). */
async function killWhen(runDir: string, file: string, lines: number): Promise<boolean> {
  const child = start(runDir);
  const done = finished(child);
  let exited = false;
  void done.then(() => (exited = true));
  while (!exited && lineCount(join(runDir, file)) < lines) await new Promise((r) => setTimeout(r, 15));
  if (exited) return false;
  process.kill(-child.pid!, 'SIGKILL');
  await done;
  return true;
}

/** Every JSONL artifact of a run dir, as sorted canonical lines with timing fields removed. */
function recordSets(runDir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const volatile = new Set(['durationMs', 'cached', 'createdAt']);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === '.state') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.jsonl')) {
        const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
        const clean = lines.map((l) => JSON.stringify(JSON.parse(l), (k, v) => (volatile.has(k) ? undefined : v)));
        out.set(relative(runDir, path), clean.sort());
      }
    }
  };
  walk(runDir);
  return out;
}

describe('kill -9 and resume', () => {
  it('gives the same record sets as an uninterrupted run', async () => {
    const reference = join(work, 'reference');
    const clean = await finished(start(reference));
    expect(clean.stderr).not.toMatch(/\n\s+at /);
    expect(clean.code).toBe(0);

    const resumed = join(work, 'resumed');
    const points: [string, number][] = [
      ['02-tests.jsonl', 8],
      ['03-filter.jsonl', 10],
      ['round-0/04-samples.jsonl', 6],
      ['round-0/05-executions.jsonl', 5],
      ['round-0/05-executions.jsonl', 14],
      ['round-0/mutation-scores.jsonl', 1],
    ];
    let kills = 0;
    for (const [file, lines] of points) if (await killWhen(resumed, file, lines)) kills += 1;
    console.log(`killed ${kills} times`);
    expect(kills).toBeGreaterThanOrEqual(3);
    const last = await finished(start(resumed));
    expect(last.code).toBe(0);

    const a = recordSets(reference);
    const b = recordSets(resumed);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, lines] of a) expect(b.get(file), file).toEqual(lines);
    for (const file of ['01-problems.jsonl', '02-tests.jsonl', '03-filter.jsonl', 'round-0/05-executions.jsonl', 'round-0/07-dpo.jsonl', 'round-0/08-kto.jsonl', 'round-0/mutation-scores.jsonl']) {
      expect(a.get(file)?.length, `${file} is empty`).toBeGreaterThan(0);
    }
    // Nothing duplicated in the append logs.
    for (const [file, key] of [['02-tests.jsonl', 'id'], ['03-filter.jsonl', 'testId'], ['round-0/04-samples.jsonl', 'id'], ['round-0/05-executions.jsonl', 'sampleId']]) {
      const ids = b.get(file)!.map((l) => JSON.parse(l)[key]);
      expect(new Set(ids).size, file).toBe(ids.length);
    }
    const state = JSON.parse(readFileSync(join(resumed, 'run.json'), 'utf8'));
    expect(Object.values(state.stages).every((s) => (s as { status: string }).status === 'complete')).toBe(true);
  }, 600_000);
});
