/**
 * Preparing a job for any backend (the local pool in engine.ts, the Redis queue in redis/): checks
 * its fields, resolves its limits, and derives its cache key = hash(ENGINE_VERSION, harness
 * fingerprint, language, program, tests, limits). The key names the verdict in the on-disk cache,
 * in the in-batch dedup and in the fleet's result store. Runs nothing.
 */
import { ConfigError } from '../errors.js';
import { canonicalJson, hashOf } from '../io/hash.js';
import { TestSpec } from '../records.js';
import type { LanguageRuntime } from './languages/language.js';
import { pythonLanguage } from './languages/python.js';
import { mergeLimits, resolveJobLimits } from './limits.js';
import type { Job, Limits } from './types.js';
import { ENGINE_VERSION } from './version.js';

const LANGUAGES: Record<string, LanguageRuntime> = { python: pythonLanguage };

/** A checked job with its key and limits. */
export interface PreparedJob {
  job: Job;
  /** The verdict-cache key. */
  key: string;
  /** Engine limits with the job's overrides (before the per-job wall clock is derived). */
  merged: Limits;
  /** Everything explicit, including the job's wall-clock limit: what the worker enforces. */
  limits: Required<Limits>;
  language: LanguageRuntime;
}

/**
 * Check `job`, resolve its limits over the engine's, and derive its cache key; a ConfigError names a
 * bad field. `checkTests: false` skips the schema check of the tests (a fleet worker: its
 * coordinator checked them; on jobs with thousands of tests the check costs more than the hash).
 */
export function prepareJob(job: Job, engineLimits: Limits, checkTests = true): PreparedJob {
  if (!job || typeof job.id !== 'string') throw new ConfigError(`job ${JSON.stringify(job?.id)}: field "id" must be a string`);
  const languageName = job.language ?? 'python';
  const language = LANGUAGES[languageName];
  if (!language) throw new ConfigError(`job ${job.id}: unknown language "${languageName}" (known: ${Object.keys(LANGUAGES).join(', ')})`);
  if (typeof job.program !== 'string') throw new ConfigError(`job ${job.id}: field "program" must be a string`);
  const parsed = checkTests ? TestSpec.array().safeParse(job.tests) : undefined;
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`job ${job.id}: field "tests.${issue.path.join('.')}": ${issue.message}`);
  }
  if (!Array.isArray(job.tests)) throw new ConfigError(`job ${job.id}: field "tests" must be an array`);
  const merged = mergeLimits(engineLimits, job.limits);
  const timeouts = job.tests.map((t) => t.timeoutMs ?? merged.testTimeoutMs);
  const limits = resolveJobLimits(merged, job.tests.length, timeouts);
  // Tests are hashed as given (plain JSON, not canonical JSON: 3x faster on jobs with thousands
  // of tests); the same test written with its keys in another order only misses the cache.
  const key = hashOf(
    JSON.stringify([ENGINE_VERSION, language.fingerprint(), language.name, job.program, job.tests, canonicalJson(limits)]),
  );
  return { job, key, merged, limits, language };
}
