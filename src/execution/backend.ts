/**
 * Choosing where jobs run: `local` (this machine's pool, createEngine, the default) or `redis`
 * (a fleet of `plum worker`s through a Redis queue, createRedisEngine). The Redis code and its
 * dependencies are loaded only when chosen, so the local backend never needs Redis.
 */
import { createEngine } from './engine.js';
import type { Engine, EngineOptions } from './types.js';

/** Where jobs run. */
export type ExecutionBackend = 'local' | 'redis';

/** Engine options plus the backend; `redisUrl` defaults to `$PLUM_REDIS_URL`, else redis://127.0.0.1:6379. */
export interface BackendOptions extends EngineOptions {
  backend?: ExecutionBackend;
  redisUrl?: string | null;
}

/** An Engine on the chosen backend (pool options such as `workers` only apply to `local`). */
export async function openEngine(options: BackendOptions = {}): Promise<Engine> {
  const { backend = 'local', redisUrl, ...engineOptions } = options;
  if (backend === 'local') return createEngine(engineOptions);
  const [{ createRedisEngine }, { defaultRedisUrl }] = await Promise.all([import('./redis/coordinator.js'), import('./redis/options.js')]);
  return createRedisEngine({ url: redisUrl ?? defaultRedisUrl(), limits: engineOptions.limits, cacheDir: engineOptions.cacheDir });
}
