/**
 * The worker pool: one worker process per slot, a shared queue of pending jobs ordered
 * longest-first (expectedMs, else a guess from the tests' size), and one job sent ahead to each
 * worker so it is never idle waiting for Node. A worker runs one job at a time, except that a job running longer than
 * `overrunMs` lets the next one start beside it (up to `lanes`, see python/worker.py `serve`): a
 * looping sample never holds up the jobs queued behind it. A worker that dies is replaced; the jobs
 * it had started are reported as `crash` (never retried, never lost, never cached), the jobs only
 * queued on it go back to the shared queue.
 * Knows nothing about caching, dedup or result shapes (see engine.ts).
 */
import { randomInt } from 'node:crypto';
import { SandboxError } from '../errors.js';
import type { LanguageRuntime } from './languages/language.js';
import type { ProtectionReport } from './types.js';
import { JobQueue } from './job-queue.js';
import { WorkerProcess, type WireJob, type WireResult } from './worker-process.js';
import { MAX_STRETCH } from './limits.js';

interface PendingJob {
  wire: WireJob;
  cost: number;
  resolve(result: WireResult): void;
  reject(error: Error): void;
}

export interface PoolOptions {
  workers: number;
  /** Jobs waiting (not started) at a worker. */
  queueDepth: number;
  /** See EngineOptions.overrunMs and .lanes. */
  overrunMs: number;
  lanes: number;
  /** Limits the workers probe their protections with. */
  probeLimits: object;
}

/** Extra time a worker gets beyond a job's wall-clock limit before Node kills it. */
const WATCHDOG_SLACK_MS = 30_000;

/** Lanes of all workers of one pool (each has its own uid when root). */
export const MAX_POOL_LANES = 1024;

/** Consecutive failed starts of one slot before the pool gives up. */
const MAX_START_FAILURES = 3;

export class WorkerPool {
  private readonly workers: (WorkerProcess | undefined)[] = [];
  private readonly pending = new JobQueue<PendingJob>();
  private readonly inFlight = new Map<number, PendingJob>();
  private readonly startFailures: number[] = [];
  private nextId = 1;
  private closing = false;
  private dispatchScheduled = false;
  private fatal: Error | undefined;
  private report: ProtectionReport | undefined;
  /** Uids from uidBase (one per lane of each worker) run the candidates when root; random per pool. */
  private readonly uidBase = 100_000 + MAX_POOL_LANES * randomInt(0, 100_000);

  constructor(
    private readonly language: LanguageRuntime,
    private readonly options: PoolOptions,
  ) {}

  /**
   * Start every worker; resolves with the protection report of the first one ready (jobs start on
   * it while the others finish starting), rejects when none could start. A worker that fails to
   * start later is retried like one that died.
   */
  async start(): Promise<ProtectionReport> {
    const starts = Array.from({ length: this.options.workers }, (_, slot) => this.startSlot(slot));
    try {
      this.report = await Promise.any(starts);
    } catch (error) {
      throw (error as AggregateError).errors[0];
    }
    starts.forEach((started, slot) => started.catch((error: Error) => this.retryStart(slot, error)));
    return this.report;
  }

  protections(): ProtectionReport {
    if (!this.report) throw new SandboxError('the engine has not started');
    return this.report;
  }

  /** Queue one job; resolves with the worker's raw result. */
  submit(job: Omit<WireJob, 'id'>, cost: number): Promise<WireResult> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.closing) return Promise.reject(new SandboxError('the engine is closed'));
    return new Promise((resolve, reject) => {
      const entry: PendingJob = { wire: { ...job, id: this.nextId++ }, cost, resolve, reject };
      this.pending.push(entry, cost);
      this.scheduleDispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const error = new SandboxError('the engine was closed before the job ran');
    for (const job of this.pending.drain()) job.reject(error);
    for (const job of this.inFlight.values()) job.reject(error);
    this.inFlight.clear();
    await Promise.all(this.workers.map((w) => w?.stop()));
  }

  private async startSlot(slot: number): Promise<ProtectionReport> {
    const { overrunMs, lanes } = this.options;
    const worker = new WorkerProcess(slot, this.language, this.uidBase, this.options.probeLimits, { overrunMs, lanes }, {
      onStart: (w, id) => this.watch(w, id),
      onDone: (_w, result) => this.finish(result),
      onExit: (w, reason) => this.replace(w, reason),
    });
    this.workers[slot] = worker;
    const report = await worker.start();
    this.startFailures[slot] = 0;
    this.scheduleDispatch();
    return report;
  }

  /** A worker that overruns a job's own wall-clock limit, stretched as far as it can be for time owed, by WATCHDOG_SLACK_MS is killed (and replaced). */
  private watch(worker: WorkerProcess, id: number): void {
    this.scheduleDispatch(); // the worker has room for another job to wait
    const job = this.inFlight.get(id);
    const limit = job?.wire.limits.jobTimeoutMs;
    if (!limit) return;
    const timer = setTimeout(() => {
      if (worker.running.has(id) && worker.alive) worker.kill();
    }, limit * MAX_STRETCH + WATCHDOG_SLACK_MS);
    timer.unref();
  }

  private finish(result: WireResult): void {
    const job = this.inFlight.get(result.id);
    if (!job) return;
    this.inFlight.delete(result.id);
    job.resolve(result);
    this.scheduleDispatch();
  }

  /** A worker died: crash its started job, requeue the others, start a new worker in its slot. */
  private replace(worker: WorkerProcess, reason: string): void {
    if (this.closing) return;
    const queued = worker.queue.splice(0);
    for (const id of queued) {
      const job = this.inFlight.get(id);
      if (!job) continue;
      this.inFlight.delete(id);
      if (worker.running.has(id)) {
        job.resolve(crashResult(job.wire, `the worker died while running this job (${reason})`));
      } else {
        this.pending.push(job, job.cost);
      }
    }
    worker.running.clear();
    this.workers[worker.slot] = undefined;
    this.startSlot(worker.slot).catch((error: Error) => this.retryStart(worker.slot, error));
    this.scheduleDispatch();
  }

  /** A worker that failed to start (after the pool was ready): started again, up to MAX_START_FAILURES in a row. */
  private retryStart(slot: number, error: Error): void {
    if (this.closing) return;
    this.startFailures[slot] = (this.startFailures[slot] ?? 0) + 1;
    if (this.startFailures[slot] >= MAX_START_FAILURES) return this.failAll(error);
    const worker = this.workers[slot];
    if (worker) this.replace(worker, error.message);
  }

  private failAll(error: Error): void {
    this.fatal = error;
    for (const job of this.pending.drain()) job.reject(error);
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closing) return;
    for (;;) {
      let best: WorkerProcess | undefined;
      for (const w of this.workers) {
        if (!w || !w.alive || w.waiting >= this.options.queueDepth) continue;
        if (!best || w.waiting < best.waiting || (w.waiting === best.waiting && w.queue.length < best.queue.length)) best = w;
      }
      if (!best || this.pending.length === 0) return;
      const job = this.pending.shift()!;
      this.inFlight.set(job.wire.id, job);
      best.send(job.wire);
    }
  }
}

function crashResult(job: WireJob, message: string): WireResult {
  return {
    id: job.id,
    o: job.tests.map(() => ['crash', 0, 'WorkerDied', message] as WireResult['o'][number]),
    out: '',
    err: '',
    ms: 0,
    lost: true,
  };
}
