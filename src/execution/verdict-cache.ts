/**
 * The on-disk verdict cache: one JSON file per job key under `<dir>/<2 hex>/<key>.json`, written
 * atomically (temp file + rename) so a killed run never leaves half a file. Stores what a job
 * produced, not who asked (no jobId). Does not decide what is cacheable (engine.ts does).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobResult } from './types.js';

/** What is stored per key. */
export type CachedVerdict = Omit<JobResult, 'jobId' | 'cached' | 'cacheKey'>;

export class VerdictCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored result, or undefined (missing or unreadable files count as a miss). */
  read(key: string): CachedVerdict | undefined {
    try {
      const value = JSON.parse(readFileSync(this.file(key), 'utf8')) as CachedVerdict;
      return value && Array.isArray(value.tests) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, value: CachedVerdict): void {
    const file = this.file(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  }
}
