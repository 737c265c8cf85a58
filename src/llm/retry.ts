/**
 * When and how long to retry a failed chat request: 429 (honouring Retry-After / retry-after-ms),
 * 408, 409, 5xx, timeouts and dropped connections are retried with exponential backoff and jitter;
 * anything else (bad key, unknown model, bad request) is final. Pure functions; the loop that
 * sleeps lives in client.ts.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/** How a failed attempt is handled. */
export interface RetryDecision {
  /** Try again (after `delayMs`). */
  retry: boolean;
  /** Wait before the next attempt (ms). */
  delayMs: number;
  /** Short kind for stats and messages: rate_limit, server_error, timeout, connection, client_error. */
  kind: 'rate_limit' | 'server_error' | 'timeout' | 'connection' | 'client_error' | 'unknown';
}

/** Backoff settings (all in ms). */
export interface BackoffOptions {
  /** First backoff delay. */
  baseDelayMs: number;
  /** Largest backoff delay (also caps Retry-After). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 250, maxDelayMs: 60_000 };

/** Parse Retry-After (seconds or an HTTP date) or retry-after-ms; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter in [0.5, 1] of the nominal delay. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const nominal = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(nominal * (0.5 + 0.5 * random()));
}

/** Decide what to do after attempt number `attempt` (0-based) failed with `error`. */
export function decideRetry(error: unknown, attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): RetryDecision {
  const backoff = backoffDelay(attempt, options);
  if (error instanceof APIConnectionTimeoutError) return { retry: true, delayMs: backoff, kind: 'timeout' };
  if (error instanceof APIConnectionError) return { retry: true, delayMs: backoff, kind: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const hinted = parseRetryAfter(error.headers as Headers | undefined);
    const delayMs = hinted !== undefined ? Math.min(options.maxDelayMs, Math.max(hinted, 0)) : backoff;
    if (status === 429) return { retry: true, delayMs, kind: 'rate_limit' };
    if (status === 408 || status === 409) return { retry: true, delayMs, kind: 'timeout' };
    if (status >= 500) return { retry: true, delayMs, kind: 'server_error' };
    return { retry: false, delayMs: 0, kind: 'client_error' };
  }
  return { retry: false, delayMs: 0, kind: 'unknown' };
}

/** A one-line description of an SDK error for messages (status, server message). */
export function describeError(error: unknown): string {
  if (error instanceof APIConnectionTimeoutError) return 'request timed out';
  if (error instanceof APIConnectionError) {
    const code = findErrorCode(error) ?? innermostMessage(error);
    return `connection failed${code ? ` (${code})` : ''}`;
  }
  if (error instanceof APIError) return `HTTP ${error.status ?? '?'}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The first system error code (ECONNREFUSED, ENOTFOUND, ...) in an error's cause chain. */
function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const code = findErrorCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

/** The message of the deepest cause (e.g. "bad port"), when it says more than the wrappers. */
function innermostMessage(error: unknown): string | undefined {
  let current = error as { cause?: unknown; message?: string } | undefined;
  let message: string | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth += 1) {
    message = current.message;
    current = current.cause as typeof current;
  }
  return message && !/^(Connection error\.|fetch failed)$/.test(message) ? message : undefined;
}
