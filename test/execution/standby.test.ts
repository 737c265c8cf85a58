// The standby worker (src/execution/standby.ts): started before the engine, taken by its first
// slot; never left behind when no engine takes it. Real Python processes, found in /proc.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import { resolvePython } from '../../src/execution/python.js';
import { startStandbyWorker } from '../../src/execution/standby.js';
import { packageRoot } from '../../src/paths.js';
import { workerProcesses } from '../support/processes.js';

describe('standby worker', () => {
  it('is the process the engine runs its first slot in', async () => {
    resolvePython();
    expect(workerProcesses({ parent: process.pid })).toEqual([]);
    startStandbyWorker();
    const standby = workerProcesses({ parent: process.pid });
    expect(standby).toHaveLength(1);
    const engine = await createEngine({ workers: 1, cacheDir: null });
    try {
      const results = [];
      for await (const r of engine.run([{ id: 'j', program: 'def f():\n    return 1\n', tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '1' }] }], { noCache: true })) results.push(r);
      expect(results.map((r) => r.verdict)).toEqual(['pass']);
      expect(workerProcesses({ parent: process.pid })).toEqual(standby); // no second process was started
    } finally {
      await engine.close();
    }
  });

  it('neither keeps Node alive nor outlives it when no engine takes it', () => {
    resolvePython(); // remembered: a standby worker starts only then
    const marker = `plum-standby-test-${process.pid}-${Date.now()}`;
    const standby = pathToFileURL(join(packageRoot(), 'src', 'execution', 'standby.ts')).href;
    // `plum eval` with a missing samples file stops like this: standby started, no engine, return.
    const support = pathToFileURL(join(packageRoot(), 'test', 'support', 'processes.ts')).href;
    const script = [
      `import { startStandbyFor } from ${JSON.stringify(standby)};`,
      `import { workerProcesses } from ${JSON.stringify(support)};`,
      "startStandbyFor(['eval', '--dataset', 'humaneval', '--samples', '/nonexistent.jsonl']);",
      'console.log(JSON.stringify(workerProcesses({ parent: process.pid })));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(packageRoot(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, PLUM_STANDBY_MARKER: marker },
      timeout: 60_000, // a standby that kept Node alive would hang here
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(1); // it was running
    expect(workerProcesses({ marker })).toEqual([]); // and is gone with its Node
  });
});
