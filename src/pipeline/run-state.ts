/**
 * `run.json`: the bookkeeping of a run directory — per stage (and round) its status, config
 * fingerprint, timings and counts, plus the versions that produced it. Written atomically
 * (temporary file + rename), so a `kill -9` leaves the previous state. A stage is marked
 * `complete` only after its output files are closed. Also the run directory's lock file.
 */
import { existsSync, readFileSync, writeFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { writeTextAtomic } from '../io/jsonl.js';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ConfigError } from '../errors.js';
import { plumVersion } from '../paths.js';
import { resolvePython } from '../execution/python.js';

/** The state of one stage (or one stage of one round). */
export interface StageState {
  status: 'running' | 'complete' | 'failed';
  /** Hash of the config sections (and upstream fingerprints) the stage's output depends on. */
  fingerprint: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** Record counts the stage reported (written, skipped, ...). */
  counts?: Record<string, number>;
  /** LLM usage of the stage (this run's requests; cached answers counted apart). */
  usage?: Record<string, unknown>;
  /** Message of the error that ended it, when `failed`. */
  error?: string;
}

/** The content of run.json. */
export interface RunState {
  createdAt: string;
  updatedAt: string;
  versions: { plum: string; node: string; python?: string };
  /** Keyed by stage name (`problems`) or stage and round (`sample@round-0`). */
  stages: Record<string, StageState>;
}

/** Read run.json, or a fresh state when there is none. */
export function readRunState(file: string): RunState {
  if (!existsSync(file)) {
    const now = new Date().toISOString();
    return { createdAt: now, updatedAt: now, versions: currentVersions(), stages: {} };
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunState;
  } catch (err) {
    throw new ConfigError(`${file}: unreadable run state (${(err as Error).message}); delete the run directory to start over`, { cause: err });
  }
}

/** Write run.json atomically. */
export function writeRunState(file: string, state: RunState): void {
  state.updatedAt = new Date().toISOString();
  state.versions = currentVersions();
  mkdirSync(dirname(file), { recursive: true });
  writeTextAtomic(file, JSON.stringify(state, null, 2) + '\n');
}

let versions: RunState['versions'] | undefined;

/** plum, Node and Python versions (Python asked once). */
export function currentVersions(): RunState['versions'] {
  if (versions) return versions;
  const plum = plumVersion();
  let python: string | undefined;
  try {
    python = execFileSync(resolvePython(), ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim();
  } catch {
    python = undefined;
  }
  versions = { plum, node: process.versions.node, python };
  return versions;
}

/**
 * Take the run directory's lock (`.state/lock` holding our pid and its start time). A lock left by
 * a process that is gone (kill -9), not yet reaped (a zombie) or whose pid now belongs to another
 * process (a different start time) is taken over; one held by a live plum is a ConfigError.
 * Returns the release function.
 */
export function lockRunDir(stateDir: string): () => void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'lock');
  if (existsSync(file)) {
    const [pidText, start] = readFileSync(file, 'utf8').trim().split(/\s+/);
    const pid = Number(pidText);
    if (pid && pid !== process.pid && holdsLock(pid, start)) {
      throw new ConfigError(`${dirname(stateDir)} is in use by another plum process (pid ${pid}); wait for it or use another --run-dir`);
    }
  }
  const token = `${process.pid} ${procStat(process.pid)?.start ?? ''}`.trim();
  writeFileSync(file, token);
  return () => {
    try {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === token) unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/** State and start time (clock ticks since boot) of a process, from /proc (undefined when gone or not Linux). */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields 3.. of proc(5)
    return { state: fields[0], start: fields[19] };
  } catch {
    return undefined;
  }
}

/** Whether `pid` (which wrote `start` into the lock) still holds it: running, not a zombie, same process. */
function holdsLock(pid: number, start: string | undefined): boolean {
  if (existsSync('/proc/self/stat')) {
    const stat = procStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
    return !start || stat.start === start;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
