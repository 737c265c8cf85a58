/**
 * A standby worker: one Python worker process started before the CLI's own modules load. Node
 * loads them on one core for ~0.1 s; the worker's start and preloads (~0.1 s) take the other one
 * meanwhile, so jobs can start as soon as the CLI is ready. (More than one would compete with Node
 * for the cores on a 2-core machine: measured no faster.) bin/plum.js calls `startStandbyFor(argv)`
 * for the commands that start a local engine right away (`plum eval`); the pool's first slot takes
 * it with `takeStandbyWorker` and sends it its settings (python/worker.py `read_settings`). One
 * never taken waits on its stdin and exits at EOF; Node kills it when it exits. Only with an
 * interpreter already known (python.ts remembers it): finding one would block Node's start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerCommand } from './languages/language.js';
import { pythonLanguage } from './languages/python.js';
import { rememberedPython } from './python.js';

let waiting: { key: string; child: ChildProcess } | undefined;

function keyOf(cmd: WorkerCommand): string {
  return JSON.stringify([cmd.command, cmd.args, cmd.env]);
}

/** Neither the process nor its pipes keep Node alive while it waits (and again once taken). */
function setRef(child: ChildProcess, on: boolean): void {
  for (const target of [child, child.stdin, child.stdout, child.stderr] as ({ ref?(): void; unref?(): void } | null)[]) {
    if (on) target?.ref?.();
    else target?.unref?.();
  }
}

/** Start the standby worker (nothing when no interpreter is known yet, or one is waiting already). */
export function startStandbyWorker(): void {
  if (waiting || !rememberedPython()) return;
  const cmd = pythonLanguage.workerCommand();
  const child = spawn(cmd.command, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...cmd.env } });
  child.on('error', () => {}); // did not start: the pool starts its own
  child.stdin!.on('error', () => {});
  setRef(child, false);
  waiting = { key: keyOf(cmd), child };
  process.once('exit', () => {
    if (waiting?.child === child) child.kill('SIGKILL');
  });
}

/** The standby worker for a command line: `plum eval` with a local engine (not `--redis`, not `--help`). */
export function startStandbyFor(argv: readonly string[]): void {
  const [command, ...rest] = argv;
  if (command !== 'eval' || rest.some((a) => a === '--help' || a === '-h' || a === '--redis' || a.startsWith('--redis='))) return;
  startStandbyWorker();
}

/** The standby worker if it was started with exactly `cmd` and is alive, now the caller's. */
export function takeStandbyWorker(cmd: WorkerCommand): ChildProcess | undefined {
  const found = waiting;
  if (!found || found.key !== keyOf(cmd)) return undefined;
  waiting = undefined;
  const { child } = found;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return undefined;
  setRef(child, true);
  return child;
}
