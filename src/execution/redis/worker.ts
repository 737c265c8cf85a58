/**
 * A fleet worker: takes jobs from the BullMQ queue and runs them on this machine's sandboxed pool
 * (createEngine: same isolation, same verdicts as the local backend), stores each result in Redis
 * under its job id (TTL from the job) and announces it on the done stream.
 *
 * Faults. BullMQ gives the worker a lock (lease) per job, renewed while it runs; a worker killed
 * (kill -9, machine gone) stops renewing, and after `leaseMs` another worker's stalled check puts
 * the job back in the queue; after `maxAttempts` such runs the job fails and its coordinator reports
 * `crash`. Redis outages: the clients reconnect forever and commands wait. The worker refuses to
 * start when a protection of its sandbox is off, unless `unsafe` (protections() says which).
 * Stopping: `stop()` finishes the jobs running and takes no more; `stop(true)` returns at once
 * (their leases expire and other workers rerun them).
 */
import { cpus, hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConfigError } from '../../errors.js';
import { createEngine, type PoolEngine } from '../engine.js';
import { verdictOnly } from '../engine-base.js';
import { prepareJob } from '../prepare.js';
import type { ProtectionReport } from '../types.js';
import { connectRedis } from './connect.js';
import {
  DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS, DONE_STREAM, KEY_PREFIX, QUEUE_NAME, WORKERS_HASH, checkRedisUrl, redactUrl, resultKey,
} from './options.js';
import type { WireJob, WireVerdict } from './wire.js';

/** Entries kept in the done stream (approximate): coordinators read it as it grows. */
const DONE_STREAM_LENGTH = 100_000;

/** Options of `startWorker`; every field but `url` has a default. */
export interface FleetWorkerOptions {
  url: string;
  /** Sandbox worker processes (default: one per core). */
  workers?: number;
  /** Jobs taken from the queue at once (default 2 x workers + 2, so the pool never waits on Redis). */
  concurrency?: number;
  /** Name in logs and in the fleet's registry (default `<hostname>-<pid>`). */
  name?: string;
  /** See DEFAULT_LEASE_MS. */
  leaseMs?: number;
  /** See DEFAULT_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /** Run jobs even when a sandbox protection is off. */
  unsafe?: boolean;
  /** Where progress lines go (default: stdout). */
  log?: (line: string) => void;
}

/** A running fleet worker. */
export interface FleetWorker {
  name: string;
  protections: ProtectionReport;
  /** Jobs finished so far. */
  done(): number;
  /** Stop taking jobs; finish the running ones (or, with `force`, abandon them to other workers). */
  stop(force?: boolean): Promise<void>;
}

/** The protections that are off, by name. */
export function missingProtections(report: ProtectionReport): string[] {
  return Object.entries(report).filter(([, v]) => v === false).map(([k]) => k);
}

/** Start the sandbox pool, check its protections, connect and take jobs. */
export async function startWorker(options: FleetWorkerOptions): Promise<FleetWorker> {
  const url = checkRedisUrl(options.url);
  const name = options.name ?? `${hostname()}-${process.pid}`;
  if (/[^\w.@-]/.test(name)) throw new ConfigError(`--name may hold letters, digits and _ . @ - only, got "${name}"`);
  const log = options.log ?? ((line: string) => console.log(`plum worker ${name}: ${line}`));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const workers = options.workers ?? Math.max(1, cpus().length);
  const engine = await createEngine({ workers, cacheDir: null });
  const protections = engine.protections();
  const missing = missingProtections(protections);
  if (missing.length && !options.unsafe) {
    await engine.close();
    throw new ConfigError(`refusing jobs: sandbox protections off on this machine: ${missing.join(', ')} (see docs/sandbox.md; --unsafe runs them anyway)`);
  }
  let client: Redis;
  try {
    client = await connectRedis(url, log);
  } catch (error) {
    await engine.close();
    throw error;
  }
  const concurrency = options.concurrency ?? 2 * workers + 2;
  let done = 0;

  const register = () =>
    client.hset(WORKERS_HASH, name, JSON.stringify({ name, protections, unsafe: Boolean(options.unsafe), expiresAt: Date.now() + 3 * leaseMs }));
  await register();
  const heartbeat = setInterval(() => void register().catch(() => {}), leaseMs);

  const worker = new Worker<WireJob>(
    QUEUE_NAME,
    async (job) => {
      const data = job.data;
      const prepared = prepareJob({ id: job.id!, language: data.language, program: data.program, tests: data.tests, limits: data.limits, expectedMs: data.expectedMs }, engine.limits, false);
      if (prepared.key !== data.key) {
        throw new UnrecoverableError(`worker ${name} derives another cache key: its plum (engine version or harness) differs from the coordinator's`);
      }
      const executed = await engine.execute(prepared);
      const stored: WireVerdict = executed.lost ? { ...verdictOnly(executed), lost: true } : verdictOnly(executed);
      // Result first, announcement second, then BullMQ removes the job: a coordinator that finds
      // neither job nor result knows the job was lost.
      await client
        .multi()
        .set(resultKey(job.id!), JSON.stringify(stored), 'EX', data.ttlS)
        .xadd(DONE_STREAM, 'MAXLEN', '~', DONE_STREAM_LENGTH, '*', 'id', job.id!)
        .exec();
      done++;
    },
    {
      connection: client,
      prefix: KEY_PREFIX,
      concurrency,
      lockDuration: leaseMs,
      stalledInterval: leaseMs,
      maxStalledCount: maxAttempts - 1,
      removeOnComplete: { count: 0 },
      removeOnFail: { age: 7 * 24 * 3600 },
      name,
    },
  );
  worker.on('error', () => {}); // outages are reported by the client; BullMQ retries
  worker.on('stalled', (jobId) => log(`job ${jobId.slice(0, 12)} lost its worker (lease expired): back in the queue`));
  worker.on('failed', (job, error) => {
    if (job) log(`job ${job.id?.slice(0, 12)} failed: ${error.message}`);
  });
  await worker.waitUntilReady();
  log(
    `${workers} sandbox workers, ${concurrency} jobs at a time, lease ${leaseMs / 1000} s, ${maxAttempts} attempts; ` +
      `protections ${missing.length ? `OFF: ${missing.join(', ')} (--unsafe)` : 'all on'}; waiting for jobs at ${redactUrl(url)}`,
  );

  let reported = 0;
  const progress = setInterval(() => {
    if (done !== reported) log(`${done} jobs done (+${done - reported} in the last ${PROGRESS_S} s)`);
    reported = done;
  }, PROGRESS_S * 1000);

  let stopping: Promise<void> | undefined;
  return {
    name,
    protections,
    done: () => done,
    stop(force = false) {
      if (stopping && !force) return stopping;
      clearInterval(progress);
      clearInterval(heartbeat);
      stopping = (async () => {
        await worker.close(force);
        await client.hdel(WORKERS_HASH, name).catch(() => {});
        await engine.close();
        await client.quit().catch(() => client.disconnect());
        log(`stopped after ${done} jobs`);
      })();
      return stopping;
    },
  };
}

/** Seconds between progress lines. */
const PROGRESS_S = 10;
