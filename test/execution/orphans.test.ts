// When the Node process dies (kill -9) while jobs run, its workers finish nothing more and exit:
// no worker is left behind. Real processes: a child Node runs an engine and kills itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { workerProcesses } from '../support/processes.js';

it('workers exit when Node is killed in the middle of a job', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plum-orphans-'));
  const marker = `plum-orphan-test-${process.pid}-${Date.now()}`;
  const script = join(dir, 'die.mts');
  const index = pathToFileURL(join(packageRoot(), 'src', 'index.ts')).href;
  writeFileSync(
    script,
    [
      `import { createEngine } from ${JSON.stringify(index)};`,
      'const e = await createEngine({ workers: 2, cacheDir: null });',
      "const sleeper = (i: number) => ({ id: `s${i}`, program: `import time\\ndef f():\\n    time.sleep(1.5)\\n    return ${i}\\n`, tests: [{ id: 't', kind: 'call' as const, entryPoint: 'f', args: '[]', expected: String(i) }] });",
      'void (async () => { for await (const r of e.run([0, 1, 2, 3, 4, 5].map(sleeper), { noCache: true })) void r; })();',
      "setTimeout(() => process.kill(process.pid, 'SIGKILL'), 800);",
    ].join('\n'),
  );
  try {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'run-ts.js'), script], { env: { ...process.env, PLUM_ORPHAN_MARKER: marker }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? 9 : null)));
    let seen = 0;
    for (let i = 0; i < 200 && seen < 2; i++) {
      seen = Math.max(seen, workerProcesses({ marker }).length);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).toBe(2); // both workers ran (sleepers in their lanes) ...
    expect(await exited).toBe(9); // ... when their Node was killed
    let left = workerProcesses({ marker });
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = workerProcesses({ marker });
    }
    expect(left).toEqual([]);
  } finally {
    for (const pid of workerProcesses({ marker })) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
