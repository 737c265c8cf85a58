/**
 * The `redis` backend: an Engine whose jobs run on a fleet of `plum worker`s through a BullMQ
 * queue. Caching, in-batch dedup and streaming are shared with the local pool (engine-base.ts).
 *
 * Design note. A job not in the on-disk cache is looked up in the fleet's result store (Redis
 * `plum:result:<cache key>`, kept `ttlS`): a result found there (e.g. finished for a coordinator that
 * was killed) is used as is. Otherwise it is added to the queue with the cache key as its BullMQ id,
 * so an identical job already queued by any coordinator is not queued twice. A worker stores the
 * result, then announces the id on the `plum:done` stream, which this coordinator reads. The jobs
 * still unanswered are checked `sweepMs` after they were queued, then less and less often (up to
 * every 30 s), and all of them right after a Redis reconnection: result there (announcement missed) -> answered;
 * job failed because its workers died too often -> `crash`; job gone with no result (Redis
 * restarted without its data) -> queued again. Each job is answered once (the first answer wins).
 * With `noCache`, jobs get ids of their own (`<key>-<nonce>`): stored results are neither read
 * nor shared.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { SandboxError } from '../../errors.js';
import { defaultVerdictCacheDir } from '../engine.js';
import { CachingEngine, type ExecutedVerdict } from '../engine-base.js';
import { DEFAULT_LIMITS, mergeLimits } from '../limits.js';
import type { PreparedJob } from '../prepare.js';
import type { Limits, ProtectionReport, RunOptions } from '../types.js';
import { VerdictCache } from '../verdict-cache.js';
import { connectRedis } from './connect.js';
import {
  DEFAULT_MAX_ATTEMPTS, DEFAULT_RESULT_TTL_S, DEFAULT_SWEEP_MS, DONE_STREAM, KEY_PREFIX, QUEUE_NAME, WORKERS_HASH,
  checkRedisUrl, resultKey,
} from './options.js';
import { crashVerdict, parseStoredVerdict, type WireJob } from './wire.js';

/** Options of `createRedisEngine`. */
export interface RedisEngineOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...` (TLS). */
  url: string;
  /** Overrides of DEFAULT_LIMITS for every job. */
  limits?: Partial<Limits>;
  /** On-disk verdict cache of this coordinator (as createEngine's); null = off. */
  cacheDir?: string | null;
  /** Seconds finished results stay in Redis (default 7 days). */
  resultTtlS?: number;
  /** How often unanswered jobs are checked (ms, default 2000). */
  sweepMs?: number;
  /** Told about Redis outages (default: stderr). */
  log?: (line: string) => void;
}

interface Waiter {
  prepared: PreparedJob;
  /** When the sweep looks at it next; each look doubles the wait (up to MAX_CHECK_MS). */
  checkAt: number;
  checkEveryMs: number;
  resolve(result: ExecutedVerdict): void;
  reject(error: Error): void;
}

/** Longest wait between two sweeps of one unanswered job (ms); a Redis reconnection checks them all at once. */
const MAX_CHECK_MS = 30_000;

/** Most ids per Redis round trip. */
const CHUNK = 500;

/** Failure reason BullMQ gives a job that stalled (lost its worker) more often than allowed. */
const STALLED_REASON = 'stalled more than allowable limit';

export class RedisEngine extends CachingEngine {
  /** Unanswered jobs by BullMQ id. */
  private readonly waiting = new Map<string, Waiter>();
  /** Submitted, not yet looked up or queued. */
  private toSubmit: { id: string; noCache: boolean; waiter: Waiter }[] = [];
  private flushScheduled = false;
  private closed = false;
  private sweeping = false;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly reading: Promise<void>;
  private report: ProtectionReport;
  /** First infrastructure failure; fails every later job. */
  private fatal: Error | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly client: Redis,
    private readonly reader: Redis,
    limits: Limits,
    cache: VerdictCache | undefined,
    private readonly ttlS: number,
    private readonly sweepMs: number,
    lastDoneId: string,
  ) {
    super(limits, cache);
    this.report = fleetProtections([]);
    this.reading = this.readDone(lastDoneId);
    this.sweepTimer = setInterval(() => void this.sweep(), sweepMs);
  }

  protections(): ProtectionReport {
    return this.report;
  }

  /** After a Redis outage (it may have restarted empty): every unanswered job is checked at the next sweep. */
  checkAllSoon(): void {
    for (const w of this.waiting.values()) {
      w.checkEveryMs = this.sweepMs;
      w.checkAt = 0;
    }
  }

  /** Stop listening; queued jobs stay queued (a rerun picks up their results). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.reader.disconnect();
    await this.reading.catch(() => {});
    await this.queue.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  execute(prepared: PreparedJob, options: RunOptions): Promise<ExecutedVerdict> {
    if (this.fatal) return Promise.reject(this.fatal);
    const noCache = options.noCache === true;
    const id = noCache ? `${prepared.key}-${randomBytes(6).toString('hex')}` : prepared.key;
    return new Promise<ExecutedVerdict>((resolve, reject) => {
      const waiter: Waiter = { prepared, checkAt: Date.now() + this.sweepMs, checkEveryMs: this.sweepMs, resolve, reject };
      this.toSubmit.push({ id, noCache, waiter });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** The fleet's protections, as its workers registered them (refreshed every sweep). */
  async refreshProtections(): Promise<void> {
    const entries = await this.client.hgetall(WORKERS_HASH);
    const now = Date.now();
    const alive = Object.values(entries)
      .map((text) => JSON.parse(text) as { protections: ProtectionReport; expiresAt: number; name: string })
      .filter((w) => w.expiresAt > now);
    this.report = fleetProtections(alive);
  }

  private answer(id: string, result: ExecutedVerdict): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    waiter.resolve(result);
  }

  private failAll(error: Error): void {
    this.fatal ??= error;
    for (const [id, waiter] of this.waiting) {
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }

  /** Look the submitted jobs up in the result store; queue the rest. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.toSubmit;
    this.toSubmit = [];
    for (const entry of batch) this.waiting.set(entry.id, entry.waiter);
    try {
      for (let i = 0; i < batch.length; i += CHUNK) {
        const chunk = batch.slice(i, i + CHUNK);
        const shared = chunk.filter((e) => !e.noCache);
        const stored = shared.length ? await this.client.mget(shared.map((e) => resultKey(e.id))) : [];
        const found = new Set<string>();
        shared.forEach((e, j) => {
          const result = parseStoredVerdict(stored[j]);
          if (result && !result.lost) {
            found.add(e.id);
            this.answer(e.id, { ...result, stored: true });
          }
        });
        await this.enqueue(chunk.filter((e) => !found.has(e.id)).map((e) => e.id));
      }
    } catch (error) {
      this.failAll(new SandboxError(`redis backend: ${(error as Error).message}`, { cause: error }));
    }
  }

  /** Add jobs to the queue under their ids (an id already queued is left as it is). */
  private async enqueue(ids: string[]): Promise<void> {
    const jobs = ids.flatMap((id) => {
      const waiter = this.waiting.get(id);
      if (!waiter) return [];
      waiter.checkEveryMs = this.sweepMs;
      waiter.checkAt = Date.now() + this.sweepMs;
      const { job, key, limits } = waiter.prepared;
      const data: WireJob = { key, language: 'python', program: job.program, tests: job.tests, limits, ttlS: this.ttlS };
      if (job.expectedMs !== undefined) data.expectedMs = job.expectedMs;
      // attempts: a worker whose sandbox failed (an error, not a verdict) leaves the job to another.
      return [{ name: 'run', data, opts: { jobId: id, attempts: DEFAULT_MAX_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 } } }];
    });
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  /** Answer the jobs whose results were announced on the done stream. */
  private async readDone(lastId: string): Promise<void> {
    while (!this.closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await this.reader.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', DONE_STREAM, lastId)) as typeof reply;
      } catch {
        if (this.closed) return;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!reply) continue;
      const ids: string[] = [];
      for (const [, entries] of reply) {
        for (const [entryId, fields] of entries) {
          lastId = entryId;
          const id = fields[1];
          if (this.waiting.has(id)) ids.push(id);
        }
      }
      if (ids.length) await this.collect(ids).catch(() => {}); // the sweep retries
    }
  }

  /** Answer `ids` whose results are stored; returns the ids still without one. */
  private async collect(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const stored = await this.client.mget(ids.map(resultKey));
    const missing: string[] = [];
    const lost: string[] = [];
    ids.forEach((id, i) => {
      const result = parseStoredVerdict(stored[i]);
      if (!result) return missing.push(id);
      if (result.lost) lost.push(id);
      this.answer(id, result);
    });
    // A result whose sandbox worker died is delivered once, never kept for another run.
    if (lost.length) await this.client.del(...lost.map(resultKey));
    return missing;
  }

  /** Check jobs unanswered for a sweep period: stored, failed, or lost with a Redis restart. */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      await this.refreshProtections();
      const now = Date.now();
      const ids: string[] = [];
      for (const [id, w] of this.waiting) {
        if (w.checkAt > now) continue;
        ids.push(id);
        w.checkEveryMs = Math.min(2 * w.checkEveryMs, MAX_CHECK_MS);
        w.checkAt = now + w.checkEveryMs;
      }
      for (let i = 0; i < ids.length && !this.closed; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        // Job state first, result second (one pipeline, run in order): a worker stores the result
        // before its job leaves the queue, so "no job and no result" means the job was lost.
        const pipeline = this.client.pipeline();
        for (const id of chunk) pipeline.exists(this.queue.toKey(id)).zscore(this.queue.toKey('failed'), id);
        pipeline.mget(chunk.map(resultKey));
        const replies = (await pipeline.exec()) ?? [];
        const stored = (replies[replies.length - 1]?.[1] ?? []) as (string | null)[];
        const requeue: string[] = [];
        for (let j = 0; j < chunk.length; j++) {
          const id = chunk[j];
          const exists = replies[2 * j]?.[1] === 1;
          const failed = replies[2 * j + 1]?.[1] != null;
          if (stored[j]) continue; // collected below
          if (failed) await this.settleFailed(id);
          else if (!exists) requeue.push(id);
        }
        await this.collect(chunk.filter((_, j) => stored[j]));
        if (requeue.length) await this.enqueue(requeue);
      }
    } catch {
      // Redis away: the next sweep tries again.
    } finally {
      this.sweeping = false;
    }
  }

  /** A failed job: `crash` when its workers died too often, else the batch fails with the reason. */
  private async settleFailed(id: string): Promise<void> {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    const [reason, stalls] = await this.client.hmget(this.queue.toKey(id), 'failedReason', 'stc');
    if ((reason ?? '').includes(STALLED_REASON)) {
      const result = crashVerdict(waiter.prepared.job.tests, Number(stalls ?? 0) || DEFAULT_MAX_ATTEMPTS);
      await this.client.set(resultKey(id), JSON.stringify(result), 'EX', this.ttlS);
      this.answer(id, result);
    } else {
      this.failAll(new SandboxError(`job ${waiter.prepared.job.id}: failed on the workers: ${reason ?? 'unknown reason'}`));
    }
  }
}

/** The protections every worker of the fleet has (a protection counts only if all have it). */
export function fleetProtections(workers: { protections: ProtectionReport; name: string }[]): ProtectionReport {
  const flags = ['freshTempDir', 'memoryLimit', 'fileSizeLimit', 'noCoreDumps', 'outputCap', 'networkNamespace', 'ipcNamespace', 'pidNamespace', 'droppedPrivileges', 'killsDetachedDescendants'] as const;
  const report = Object.fromEntries(flags.map((f) => [f, workers.length > 0 && workers.every((w) => w.protections[f] === true)])) as Record<(typeof flags)[number], boolean>;
  const notes = workers.length
    ? [...new Set(workers.flatMap((w) => w.protections.notes))]
    : ['no plum worker registered yet: each worker refuses jobs when its protections are off, unless started with --unsafe'];
  return { ...report, notes, details: { backend: 'redis', workers: workers.map((w) => w.name) } };
}

/** Connect to Redis and return an Engine whose jobs run on the `plum worker`s listening there. */
export async function createRedisEngine(options: RedisEngineOptions): Promise<RedisEngine> {
  const url = checkRedisUrl(options.url);
  const log = options.log ?? ((line: string) => process.stderr.write(`plum: ${line}\n`));
  const limits = mergeLimits(DEFAULT_LIMITS, options.limits);
  const cacheDir = options.cacheDir === undefined ? defaultVerdictCacheDir() : options.cacheDir;
  let engine: RedisEngine | undefined;
  const client = await connectRedis(url, log, () => engine?.checkAllSoon());
  const reader = await connectRedis(url).catch((error) => {
    client.disconnect();
    throw error;
  });
  const queue = new Queue(QUEUE_NAME, { connection: client, prefix: KEY_PREFIX });
  queue.on('error', () => {}); // outages are reported by the client; commands wait for Redis
  const last = (await client.xrevrange(DONE_STREAM, '+', '-', 'COUNT', 1)) as [string, string[]][];
  engine = new RedisEngine(
    queue, client, reader, limits, cacheDir ? new VerdictCache(cacheDir) : undefined,
    options.resultTtlS ?? DEFAULT_RESULT_TTL_S, options.sweepMs ?? DEFAULT_SWEEP_MS, last[0]?.[0] ?? '0-0',
  );
  await engine.refreshProtections();
  return engine;
}
