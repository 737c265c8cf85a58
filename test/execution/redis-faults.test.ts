// Faults of the redis backend on a real fleet (redis-server on a free loopback port, three real
// `plum worker`s with a 3 s lease): a worker killed with -9 mid-batch, Redis killed and restarted
// empty mid-batch, a coordinator killed and rerun, a job whose workers keep dying. Each time every
// job is answered exactly once with its right verdict. Skipped only without redis-server.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/execution/limits.js';
import { prepareJob } from '../../src/execution/prepare.js';
import { createRedisEngine } from '../../src/execution/redis/coordinator.js';
import type { Engine, Job, JobResult } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { RedisServer, WorkerProcess, describeWithRedis, waitFor } from '../support/redis-fleet.js';

const LEASE = ['--workers', '1', '--lease-ms', '3000', '--max-attempts', '2'];

/**
 * `n` jobs of ~`sleepS` s each, all distinct; each leaves a file in `runsDir` when it runs (so the
 * test counts executions) and passes only if it computes x + i.
 */
function slowBatch(salt: string, n: number, sleepS: number, runsDir?: string): Job[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${salt}-${i}`,
    program: [
      `# ${salt}`,
      'import os, time',
      ...(runsDir ? [`open(os.path.join(${JSON.stringify(runsDir)}, '${salt}-${i}.' + str(time.time_ns())), 'w').close()`] : []),
      `time.sleep(${sleepS})`,
      'def f(x):',
      `    return x + ${i}`,
    ].join('\n') + '\n',
    tests: [{ id: 't', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: String(1 + i) }],
  }));
}

/** Run `jobs`, calling `midway()` once after `after` results; every result, in order of arrival. */
async function runWithFault(engine: Engine, jobs: Job[], after: number, midway: () => Promise<void>): Promise<JobResult[]> {
  const out: JobResult[] = [];
  let fault: Promise<void> | undefined;
  for await (const result of engine.run(jobs)) {
    out.push(result);
    if (out.length === after) fault = midway();
  }
  await fault;
  return out;
}

function expectEachOnceAndPassing(results: JobResult[], jobs: Job[]): void {
  expect(results.map((r) => r.jobId).sort()).toEqual(jobs.map((j) => j.id).sort()); // none lost, none twice
  expect(results.filter((r) => r.verdict !== 'pass').map((r) => `${r.jobId}: ${r.verdict}`)).toEqual([]);
}

describeWithRedis('redis backend: faults lose nothing and duplicate nothing', () => {
  let redis: RedisServer;
  let client: Redis;
  const workers: WorkerProcess[] = [];
  let engine: Engine;
  let scratch: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    workers.push(...(await Promise.all(['w1', 'w2', 'w3'].map((name) => WorkerProcess.start(redis.url, name, LEASE)))));
    engine = await createRedisEngine({ url: redis.url, cacheDir: null, sweepMs: 500, log: () => {} });
    scratch = mkdtempSync(join(tmpdir(), 'plum-redis-faults-'));
    chmodSync(scratch, 0o755); // the candidates run as other uids when root
  });
  afterAll(async () => {
    await engine?.close();
    client?.disconnect();
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.kill();
  });

  it('a worker killed with -9 mid-batch: its jobs run elsewhere after the lease', async () => {
    const jobs = slowBatch(`kill9-${Date.now()}`, 24, 0.4);
    const victim = workers[0];
    const results = await runWithFault(engine, jobs, 3, () => victim.kill());
    expect(victim.alive).toBe(false);
    expectEachOnceAndPassing(results, jobs);
    expect(results.filter((r) => r.cached)).toEqual([]); // all really ran
    // A surviving worker saw the victim's jobs stall and put them back.
    expect(workers.slice(1).map((w) => w.output).join('')).toMatch(/lost its worker \(lease expired\)/);
    workers[0] = await WorkerProcess.start(redis.url, 'w1b', LEASE);
  }, 240_000);

  it('Redis killed and restarted empty mid-batch: both sides reconnect, lost jobs are queued again', async () => {
    const jobs = slowBatch(`restart-${Date.now()}`, 24, 0.4);
    const results = await runWithFault(engine, jobs, 3, () => redis.restart());
    expectEachOnceAndPassing(results, jobs);
    expect(results.filter((r) => r.cached)).toEqual([]); // all really ran
    // After the restart Redis held nothing: the jobs it lost were queued again and run. Every
    // worker reconnected (its log says so; the line may come a little after the batch).
    await waitFor('every worker to log its reconnection', () => workers.every((w) => /reconnected/.test(w.output)), 30_000);
  }, 240_000);

  it('a coordinator killed and rerun picks up the finished results instead of running them again', async () => {
    const runsDir = join(scratch, 'runs');
    mkdirSync(runsDir);
    chmodSync(runsDir, 0o1777);
    const jobs = slowBatch(`rerun-${Date.now()}`, 16, 0.4, runsDir);
    const jobsFile = join(scratch, 'jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'run-ts.js'), join(packageRoot(), 'test', 'support', 'redis-coordinator-child.ts'), redis.url, jobsFile], {
      cwd: packageRoot(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    child.stdout!.on('data', (d) => (printed += d));
    const exited = new Promise((r) => child.once('exit', r));
    await waitFor('the first coordinator to get 4 results', () => (printed.match(/^result /gm) ?? []).length >= 4 || child.exitCode !== null, 120_000);
    child.kill('SIGKILL');
    await exited;
    const seenByFirst = (printed.match(/^result /gm) ?? []).length;
    expect(seenByFirst).toBeGreaterThanOrEqual(4);
    expect(seenByFirst).toBeLessThan(jobs.length);

    const results: JobResult[] = [];
    for await (const result of engine.run(jobs)) results.push(result);
    expectEachOnceAndPassing(results, jobs);
    expect(results.filter((r) => r.cached).length).toBeGreaterThanOrEqual(seenByFirst); // taken from Redis
    // Every job ran exactly once over both coordinators.
    const runs = readdirSync(runsDir).map((f) => f.replace(/\.\d+$/, '')).sort();
    expect(runs).toEqual(jobs.map((j) => j.id).sort());
  }, 240_000);

  it('a job whose workers keep dying ends as crash after --max-attempts runs', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    // 30 s: long enough to be killed twice, short enough that the orphaned sandbox processes of the
    // killed workers (they finish their job, then exit) do not outlive the suite by much.
    const [job] = slowBatch(`killer-${Date.now()}`, 1, 30);
    job.limits = { testTimeoutMs: 60_000 };
    const pending = (async () => {
      const out: JobResult[] = [];
      for await (const result of engine.run([job])) out.push(result);
      return out;
    })();
    // Each worker takes the job (its BullMQ id is the cache key; `ats` counts its starts) and is
    // killed while it runs it; the next one finds it stalled.
    const jobKey = `plum:exec:${prepareJob(job, DEFAULT_LIMITS).key}`;
    const started = async () => Number((await client.hget(jobKey, 'ats')) ?? 0);
    for (const [n, name] of ['k1', 'k2'].entries()) {
      const worker = await WorkerProcess.start(redis.url, name, LEASE);
      await waitFor(`${name} to take the job`, async () => (await started()) > n, 60_000);
      await worker.kill();
    }
    const last = await WorkerProcess.start(redis.url, 'k3', LEASE);
    workers.push(last);
    const results = await pending;
    expect(results).toHaveLength(1);
    expect(results[0].verdict).toBe('crash');
    expect(results[0].tests[0].message).toMatch(/died 2 times/);
    expect(await last.stop()).toBe(0);
    workers.pop();
  }, 240_000);
});
