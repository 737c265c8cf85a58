/**
 * Opening a Redis connection for a coordinator or a worker: the first connection must succeed
 * within STARTUP_TIMEOUT_MS (else a one-line ConfigError naming the URL, password hidden); after
 * that the client reconnects forever and commands wait, and each outage is reported once through
 * `log` (lost, then back) and its end through `onReconnect`.
 */
import { Redis } from 'ioredis';
import { ConfigError } from '../../errors.js';
import { redactUrl, redisConnection } from './options.js';

/** How long the first connection may take (ms). */
const STARTUP_TIMEOUT_MS = 15_000;

/** A connected client for `url`; `log` hears about outages after the start, `onReconnect` when one ends. */
export async function connectRedis(url: string, log: (line: string) => void = () => {}, onReconnect: () => void = () => {}): Promise<Redis> {
  const { url: _url, ...options } = redisConnection(url);
  const client = new Redis(url, { ...options, lazyConnect: true });
  let started = false;
  let down = false;
  let lastError = '';
  client.on('error', (error: Error) => {
    lastError = error.message;
  });
  client.on('reconnecting', () => {
    if (started && !down) {
      down = true;
      log(`redis ${redactUrl(url)} unreachable (${lastError || 'connection closed'}); reconnecting`);
    }
  });
  client.on('ready', () => {
    if (down) {
      log(`redis ${redactUrl(url)}: reconnected`);
      onReconnect();
    }
    down = false;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(lastError || `no answer in ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
      }),
    ]);
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new ConfigError(`cannot reach Redis at ${redactUrl(url)}: ${(error as Error).message} (start redis-server there, or pass --redis URL)`);
  } finally {
    clearTimeout(timer);
  }
  started = true;
  return client;
}
