// A coordinator in its own process, for the kill-and-rerun test: runs the jobs of a JSON file on
// the redis backend and prints `result <jobId>` per result (node bin/run-ts.js this-file URL FILE).
import { readFileSync } from 'node:fs';
import { createRedisEngine } from '../../src/execution/redis/coordinator.js';
import type { Job } from '../../src/execution/types.js';

const [url, file] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(file, 'utf8')) as Job[];
const engine = await createRedisEngine({ url, cacheDir: null, sweepMs: 500 });
for await (const result of engine.run(jobs)) process.stdout.write(`result ${result.jobId} ${result.verdict}\n`);
await engine.close();
