/**
 * Defaults and shared names of the Redis backend (the one place they live): the Redis URL, the
 * queue and key names, the lease a worker holds on a job, how many workers a job may take down, how
 * long finished verdicts stay in Redis. Also the ioredis options both sides connect with (reconnect
 * forever, commands wait while Redis is away) and the URL as printed (password hidden).
 */
import type { RedisOptions } from 'ioredis';
import { ConfigError } from '../../errors.js';

/** Where a coordinator and its workers meet when no URL is given. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Prefix of every plum key in Redis (BullMQ's keys are `plum:exec:*`). */
export const KEY_PREFIX = 'plum';

/** The BullMQ queue of execution jobs. */
export const QUEUE_NAME = 'exec';

/** A worker that stops renewing its lock for this long (ms) has lost the job: another worker retries it. */
export const DEFAULT_LEASE_MS = 30_000;

/** Runs of one job that end with its worker gone before the job is reported `crash`. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** How long a finished verdict stays in Redis (s) for a rerun coordinator to pick up: 7 days. */
export const DEFAULT_RESULT_TTL_S = 7 * 24 * 3600;

/** How often the coordinator checks its unanswered jobs (lost by a Redis restart, failed, or answered unseen) (ms). */
export const DEFAULT_SWEEP_MS = 2000;

/** Longest pause between reconnection attempts (ms). */
const MAX_RECONNECT_DELAY_MS = 2000;

/** The result of a job (its verdict-cache key) in Redis. */
export function resultKey(cacheKey: string): string {
  return `${KEY_PREFIX}:result:${cacheKey}`;
}

/** The stream on which workers announce finished keys (any coordinator may be waiting for one). */
export const DONE_STREAM = `${KEY_PREFIX}:done`;

/** Hash of the workers alive: name -> their protections (JSON), refreshed while they run. */
export const WORKERS_HASH = `${KEY_PREFIX}:workers`;

/** Check a `redis://` or `rediss://` URL (TLS); a ConfigError names the setting otherwise. */
export function checkRedisUrl(url: string, setting = '--redis'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${setting} must be a redis:// or rediss:// URL, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError(`${setting} must be a redis:// or rediss:// URL (rediss:// = TLS), got "${redactUrl(url)}"`);
  }
  return url;
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** The URL without its password (what may be written to a file). */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * ioredis options for `url`: commands wait while Redis is away (no per-request retry limit) and the
 * client reconnects forever, at most MAX_RECONNECT_DELAY_MS apart. Password, user, db and TLS
 * (`rediss://`) come from the URL.
 */
export function redisConnection(url: string): RedisOptions & { url: string } {
  return {
    url,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times: number) => Math.min(100 * times, MAX_RECONNECT_DELAY_MS),
  };
}

/** The Redis URL when none is given: `$PLUM_REDIS_URL` (keeps a password out of `ps`), else DEFAULT_REDIS_URL. */
export function defaultRedisUrl(): string {
  return process.env.PLUM_REDIS_URL || DEFAULT_REDIS_URL;
}
