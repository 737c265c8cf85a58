/**
 * A real Redis fleet for the redis backend's tests and benchmark: `redis-server` on a free loopback
 * port (no persistence, killed at the end) and real `plum worker` processes (node bin/plum.js
 * worker). No test framework here (bench/distributed.ts uses it too): see redis-fleet.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** The redis-server binary, or undefined when not installed. */
export const redisServerBin: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
})();

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Wait until `predicate()` holds, checking every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A redis-server child process on a fixed port, restartable. */
export class RedisServer {
  private child: ChildProcess | undefined;
  log = '';
  private constructor(readonly port: number) {}

  /** The server's process id (for its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async launch(): Promise<void> {
    const child = spawn(redisServerBin!, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    await waitFor(`redis-server on port ${this.port}`, () => /Ready to accept connections/.test(this.log) || child.exitCode !== null, 30_000);
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${this.log.slice(-500)}`);
    this.log = '';
  }

  /** Kill it (SIGKILL: nothing saved) and wait until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  /** Kill, then start again on the same port (empty: it kept nothing). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }
}

/** A `plum worker` child process. */
export class WorkerProcess {
  output = '';
  readonly exited: Promise<number | null>;
  private constructor(readonly name: string, readonly child: ChildProcess) {
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Start `plum worker --redis url --name name ...args` and wait until it takes jobs. */
  static async start(url: string, name: string, args: string[] = []): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'plum.js'), 'worker', '--redis', url, '--name', name, ...args], {
      cwd: packageRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(name, child);
    let exited = false;
    void worker.exited.then(() => (exited = true));
    await waitFor(`worker ${name} to start`, () => /waiting for jobs/.test(worker.output) || exited, 90_000);
    if (exited) throw new Error(`plum worker ${name} exited: ${worker.output.slice(-1000)}`);
    return worker;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then wait for a clean exit. */
  async stop(): Promise<number | null> {
    if (!this.alive) return this.child.exitCode;
    this.child.kill('SIGTERM');
    return this.exited;
  }
}
