/**
 * The redis backend's test suites run only where redis-server is installed: `describeWithRedis`
 * skips a suite otherwise, saying so on stderr. The fleet itself is in redis-processes.ts.
 */
import { describe } from 'vitest';
import { redisServerBin } from './redis-processes.js';

export { RedisServer, WorkerProcess, freePort, redisServerBin, waitFor } from './redis-processes.js';

/** `describe` when redis-server is installed, else a skipped `describe` with a line on stderr. */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerBin) describe(name, body);
  else {
    process.stderr.write(`SKIPPED (redis-server not installed): "${name}"; install the Debian package redis-server (.ci/run does)\n`);
    describe.skip(name, body);
  }
}

