/**
 * One worker process of the pool, seen from Node: starts it, sends job lines on its stdin, parses
 * the result lines from its stdout, and reports its death. Knows nothing about scheduling, caching
 * or verdict semantics (see pool.ts and engine.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { SandboxError } from '../errors.js';
import type { LanguageRuntime, WorkerSettings } from './languages/language.js';
import { takeStandbyWorker } from './standby.js';
import { MAX_STRETCH, OWED_SHARE } from './limits.js';
import type { ProtectionReport } from './types.js';

/** A job as sent to a worker (limits fully resolved). */
export interface WireJob {
  id: number;
  program: string;
  tests: unknown[];
  limits: Record<string, number>;
}

/** Per test: [verdict, ms, errorType?, message?, output?]. */
export type WireOutcome = [string, number, (string | null)?, (string | null)?, (string | null)?];

/** A finished job as reported by a worker. */
export interface WireResult {
  id: number;
  o: WireOutcome[];
  /** [verdict, errorType, message] when the program itself did not load (syntax error, crash...). */
  lv?: [string, string | null, string | null] | null;
  out: string;
  err: string;
  ms: number;
  /** Not a verdict about the program (the worker died or failed): never cached. */
  lost?: boolean;
}

export interface WorkerEvents {
  onStart(worker: WorkerProcess, id: number): void;
  onDone(worker: WorkerProcess, result: WireResult): void;
  onExit(worker: WorkerProcess, reason: string): void;
}

const STDERR_KEEP = 4000;

export class WorkerProcess {
  readonly slot: number;
  /** Ids sent to this worker and not yet done, in the order sent. */
  readonly queue: number[] = [];
  /** Ids the worker said it started (and has not finished). */
  readonly running = new Set<number>();
  alive = false;
  pid: number | undefined;
  private child: ChildProcess | undefined;
  private stderrTail = '';
  /** Outcomes of the current job received in 'part' lines before its 'done' line. */
  private parts: WireOutcome[] = [];
  private exited = false;

  constructor(
    slot: number,
    private readonly language: LanguageRuntime,
    private readonly uidBase: number,
    private readonly defaults: object,
    private readonly laneOptions: { overrunMs: number; lanes: number },
    private readonly events: WorkerEvents,
  ) {
    this.slot = slot;
  }

  /** Start the process; resolves with its protection report once it is ready for jobs. */
  start(): Promise<ProtectionReport> {
    const cmd = this.language.workerCommand();
    const child = takeStandbyWorker(cmd) ?? spawn(cmd.command, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...cmd.env } });
    this.child = child;
    this.pid = child.pid;
    let partial: Buffer[] = [];
    return new Promise<ProtectionReport>((resolve, reject) => {
      let ready = false;
      const fail = (reason: string) => {
        if (this.exited) return;
        this.exited = true;
        this.alive = false;
        if (!ready) reject(new SandboxError(`worker ${this.slot} failed to start: ${reason}\n${this.stderrTail}`));
        else this.events.onExit(this, reason);
      };
      child.on('error', (e) => fail(`cannot run ${cmd.command}: ${e.message}`));
      child.on('exit', (code, signal) => fail(`worker exited (${signal ?? code})`));
      child.stdin!.on('error', () => {});
      const settings: WorkerSettings = {
        slot: this.slot, uidBase: this.uidBase, defaults: this.defaults, ...this.laneOptions, owedShare: OWED_SHARE, maxStretch: MAX_STRETCH,
      };
      child.stdin!.write(JSON.stringify(settings) + '\n');
      child.stderr!.on('data', (b: Buffer) => {
        this.stderrTail = (this.stderrTail + b.toString('utf8')).slice(-STDERR_KEEP);
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        // only the new chunk is searched for newlines, so a long result line stays linear
        let start = 0;
        for (;;) {
          const nl = chunk.indexOf(10, start);
          if (nl < 0) break;
          partial.push(chunk.subarray(start, nl));
          const line = Buffer.concat(partial).toString('utf8');
          partial = [];
          start = nl + 1;
          if (!line) continue;
          let msg: { t: string; [k: string]: unknown };
          try {
            msg = JSON.parse(line);
          } catch {
            this.kill();
            fail('worker wrote an unreadable line');
            return;
          }
          if (msg.t === 'hello') {
            ready = true;
            this.alive = true;
            resolve(msg.protections as ProtectionReport);
          } else if (msg.t === 'start') {
            this.running.add(msg.id as number);
            this.events.onStart(this, msg.id as number);
          } else if (msg.t === 'part') {
            this.parts.push(...(msg.o as WireOutcome[]));
          } else if (msg.t === 'done') {
            const result = msg as unknown as WireResult;
            if (this.parts.length) {
              result.o = this.parts.concat(result.o);
              this.parts = [];
            }
            const at = this.queue.indexOf(result.id);
            if (at >= 0) this.queue.splice(at, 1);
            this.running.delete(result.id);
            this.events.onDone(this, result);
          }
        }
        if (start < chunk.length) partial.push(chunk.subarray(start));
      });
    });
  }

  /** Jobs sent and not started yet. */
  get waiting(): number {
    return this.queue.length - this.running.size;
  }

  /** Queue a job on this worker. */
  send(job: WireJob): void {
    this.queue.push(job.id);
    this.child!.stdin!.write(JSON.stringify(job) + '\n');
  }

  /** The last lines the worker wrote on stderr (for error messages). */
  stderr(): string {
    return this.stderrTail;
  }

  kill(): void {
    try {
      this.child?.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  /** Close stdin (the worker exits after its queue) and kill it if it lingers. */
  async stop(graceMs = 2000): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
      }, graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.alive = false;
      child.stdin!.end();
      if (this.queue.length) this.kill();
    });
  }
}
