// The standby worker (src/execution/standby.ts): started before the engine, taken by its first
// slot; never left behind when no engine takes it. Real Python processes, found in /proc.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import { resolvePython } from '../../src/execution/python.js';
import { startStandbyWorker } from '../../src/execution/standby.js';
import { packageRoot } from '../../src/paths.js';

/** Worker processes whose parent is `parent` (or whose environment holds `marker`). */
function workers(filter: { parent?: number; marker?: string }): number[] {
  const found: number[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('worker.py')) continue;
      if (filter.parent !== undefined && Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]) !== filter.parent) continue;
      if (filter.marker !== undefined && !readFileSync(`/proc/${p}/environ`, 'utf8').includes(filter.marker)) continue;
      found.push(Number(p));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

describe('standby worker', () => {
  it('is the process the engine runs its first slot in', async () => {
    resolvePython();
    expect(workers({ parent: process.pid })).toEqual([]);
    startStandbyWorker();
    const standby = workers({ parent: process.pid });
    expect(standby).toHaveLength(1);
    const engine = await createEngine({ workers: 1, cacheDir: null });
    try {
      const results = [];
      for await (const r of engine.run([{ id: 'j', program: 'def f():\n    return 1\n', tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '1' }] }], { noCache: true })) results.push(r);
      expect(results.map((r) => r.verdict)).toEqual(['pass']);
      expect(workers({ parent: process.pid })).toEqual(standby); // no second process was started
    } finally {
      await engine.close();
    }
  });

  it('neither keeps Node alive nor outlives it when no engine takes it', () => {
    resolvePython(); // remembered: a standby worker starts only then
    const marker = `plum-standby-test-${process.pid}-${Date.now()}`;
    const standby = pathToFileURL(join(packageRoot(), 'src', 'execution', 'standby.ts')).href;
    // `plum eval` with a missing samples file stops like this: standby started, no engine, return.
    const script = [
      `import { startStandbyFor } from ${JSON.stringify(standby)};`,
      "import { readdirSync, readFileSync } from 'node:fs';",
      "startStandbyFor(['eval', '--dataset', 'humaneval', '--samples', '/nonexistent.jsonl']);",
      "const mine = readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).filter((p) => { try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('worker.py') && readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(process.pid); } catch { return false; } });",
      'console.log(JSON.stringify(mine));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(packageRoot(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, PLUM_STANDBY_MARKER: marker },
      timeout: 60_000, // a standby that kept Node alive would hang here
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1); // it was running
    expect(workers({ marker })).toEqual([]); // and is gone with its Node
  });
});
