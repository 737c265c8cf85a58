/**
 * The run directory's lock: a live plum holds it; a process that is gone, a zombie not yet reaped
 * (kill -9 in a container whose PID 1 reaps late) or a recycled pid (another start time) does not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockRunDir } from '../../src/pipeline/run-state.js';
import { resolvePython } from '../../src/execution/python.js';

const work = mkdtempSync(join(tmpdir(), 'plum-lock-'));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/** Start a process and read the first line it prints. */
function startPrinting(cmd: string, args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, line: out.split('\n')[0] });
    });
    child.on('error', reject);
  });
}

function stateDirWith(lock: string): string {
  const dir = join(work, `run-${Math.random().toString(36).slice(2)}`, '.state');
  lockRunDir(dir)(); // creates the folder
  writeFileSync(join(dir, 'lock'), lock);
  return dir;
}

const startOf = (pid: number) => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
};

describe('lockRunDir', () => {
  it('a live holder with its start time keeps the lock; a recycled pid does not', async () => {
    const { child } = await startPrinting(resolvePython(), ['-c', 'import time; print("up", flush=True); time.sleep(60)']);
    const pid = child.pid!;
    expect(() => lockRunDir(stateDirWith(`${pid} ${startOf(pid)}`))).toThrow(`in use by another plum process (pid ${pid})`);
    expect(() => lockRunDir(stateDirWith(String(pid)))).toThrow('in use by another plum process'); // old lock format: pid only
    const release = lockRunDir(stateDirWith(`${pid} 1`)); // same pid, another start time: not the holder
    release();
  });

  it('a zombie (killed, not yet reaped) does not hold the lock', async () => {
    // The Python parent forks a child that exits at once and is never waited for: a zombie.
    const { line } = await startPrinting(resolvePython(), ['-c', 'import os, time\npid = os.fork()\nif pid == 0: os._exit(0)\nprint(pid, flush=True)\ntime.sleep(60)']);
    const zombie = Number(line);
    for (let i = 0; i < 100 && !readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z '); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toContain(') Z ');
    const dir = stateDirWith(`${zombie} ${startOf(zombie)}`);
    const release = lockRunDir(dir);
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
    release();
  });

  it('a pid that is gone does not hold the lock', () => {
    lockRunDir(stateDirWith('999999999 5'))();
  });
});
