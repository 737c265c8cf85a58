/**
 * Default limits of the execution engine (the one place they live), merging of per-engine and
 * per-job overrides, and EvalPlus-style time limits derived from a reference runtime.
 * Does not enforce anything itself: the Python worker does.
 */
import { ConfigError } from '../errors.js';
import type { Limits } from './types.js';

/**
 * The defaults: EvalPlus's 4 s minimum per test, its 4 GiB memory cap, 64 MiB files, 64 KiB output;
 * a job stops at its first per-test timeout (the rest of its tests are reported `timeout`, "not run"),
 * so a looping program costs one time limit, not one per test.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  testTimeoutMs: 4000,
  memoryMb: 4096,
  fileSizeMb: 64,
  outputBytes: 64 * 1024,
  maxProcesses: 256,
  maxTimeouts: 1,
});

/** Extra wall-clock allowance of a whole job beyond the sum of its per-test limits (ms). */
export const JOB_SLACK_MS = 2000;

/**
 * Time limits are wall clock (as human-eval's and EvalPlus's), but lanes let up to 4 jobs a worker
 * share its core. A limit is owed at least this share of itself in running time: time its process
 * waited on the run queue (`/proc/<pid>/schedstat`) beyond the rest extends it, so a correct but slow
 * program beside loopers keeps the half core that human-eval's 4 processes on 2 cores leave it.
 */
export const OWED_SHARE = 0.5;

/** No limit (per test or per job) stretches beyond this many times itself for time owed. */
export const MAX_STRETCH = 3;

/** Engine defaults overridden by `overrides`, checked. */
export function mergeLimits(base: Readonly<Limits>, overrides: Partial<Limits> | undefined): Limits {
  const merged: Limits = { ...base, ...(overrides ?? {}) };
  for (const [name, value] of Object.entries(merged)) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`limits.${name} must be a positive number, got ${JSON.stringify(value)}`);
    }
  }
  return merged;
}

/** The limits sent to a worker: everything explicit, including the job's wall-clock limit. */
export function resolveJobLimits(limits: Limits, testCount: number, testTimeoutsMs: number[] = []): Required<Limits> {
  const perTestSum = testTimeoutsMs.length === testCount && testCount > 0
    ? testTimeoutsMs.reduce((a, b) => a + b, 0)
    : limits.testTimeoutMs * Math.max(1, testCount);
  return {
    testTimeoutMs: limits.testTimeoutMs,
    memoryMb: limits.memoryMb,
    fileSizeMb: limits.fileSizeMb,
    outputBytes: limits.outputBytes,
    maxProcesses: limits.maxProcesses ?? DEFAULT_LIMITS.maxProcesses!,
    maxTimeouts: limits.maxTimeouts ?? DEFAULT_LIMITS.maxTimeouts!,
    jobTimeoutMs: limits.jobTimeoutMs ?? limits.testTimeoutMs + perTestSum + JOB_SLACK_MS,
  };
}

export interface ReferenceTimeOptions {
  /** Multiple of the reference runtime (EvalPlus `--gt-time-limit-factor`, default 4). */
  factor?: number;
  /** Floor (ms) (EvalPlus `--min-time-limit`, default 4 s). */
  floorMs?: number;
}

/** EvalPlus practice: max(floor, factor x reference time). */
export function timeLimitFromReference(referenceMs: number, options: ReferenceTimeOptions = {}): number {
  const factor = options.factor ?? 4;
  const floorMs = options.floorMs ?? 4000;
  if (!Number.isFinite(referenceMs) || referenceMs < 0) throw new ConfigError(`reference time must be >= 0 ms, got ${referenceMs}`);
  return Math.max(floorMs, factor * referenceMs);
}
