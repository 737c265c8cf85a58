/**
 * What travels through Redis between a coordinator and its workers: the job payload (a program,
 * its tests, its resolved limits and its cache key, never a secret: no URL, no token, no
 * environment) and the stored result (the verdict plus `lost`). Also the `crash` verdict of a job
 * that took down its workers too many times. Pure, no IO.
 */
import type { TestSpec } from '../../records.js';
import type { ExecutedVerdict } from '../engine-base.js';
import type { Limits } from '../types.js';

/** The data of one BullMQ job. */
export interface WireJob {
  /** The verdict-cache key the coordinator derived: the worker derives it again and refuses a mismatch. */
  key: string;
  language: 'python';
  program: string;
  tests: TestSpec[];
  /** Every limit explicit, including the job's wall clock. */
  limits: Required<Limits>;
  expectedMs?: number;
  /** Seconds the worker keeps the result in Redis. */
  ttlS: number;
}

/** The stored result: the verdict, plus `lost` when the sandbox worker died under it. */
export type WireVerdict = Omit<ExecutedVerdict, 'stored'>;

/** Parse a stored result; undefined when missing or unreadable (treated as not finished). */
export function parseStoredVerdict(text: string | null | undefined): WireVerdict | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as WireVerdict;
    return value && Array.isArray(value.tests) && typeof value.verdict === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The verdict of a job whose workers died `attempts` times while running it (lease expired each time). */
export function crashVerdict(tests: TestSpec[], attempts: number): WireVerdict {
  const message = `the worker running this job died ${attempts} times (lease expired): reported crash`;
  return {
    verdict: 'crash',
    passed: false,
    tests: tests.map((t) => ({ testId: t.id, verdict: 'crash' as const, durationMs: 0, message })),
    durationMs: 0,
    stdout: '',
    stderr: '',
    lost: true,
  };
}
