// Finding plum's Python worker processes in /proc (tests that check none is left behind).
import { readdirSync, readFileSync } from 'node:fs';

/** The parent pid of process `pid`, or -1 when it is gone or unreadable. */
export function parentOf(pid: string | number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Pids of worker.py processes, those whose parent is `parent` and/or whose environment holds `marker`. */
export function workerProcesses(filter: { parent?: number; marker?: string } = {}): number[] {
  const found: number[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('worker.py')) continue;
      if (filter.parent !== undefined && parentOf(p) !== filter.parent) continue;
      if (filter.marker !== undefined && !readFileSync(`/proc/${p}/environ`, 'utf8').includes(filter.marker)) continue;
      found.push(Number(p));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}
