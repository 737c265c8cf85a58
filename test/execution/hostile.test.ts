// Hostile programs, all in ONE batch with normal jobs: each case asserts its own verdict and that
// the normal jobs of the same batch completed with the right verdicts. Real processes, real files.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Job, type JobResult } from '../../src/index.js';
import { parentOf, workerProcesses } from '../support/processes.js';

const isRoot = process.getuid?.() === 0;
const MARKER = `plum-marker-${process.pid}-${Date.now()}`;
const WRONG = 'def f(x):\n    return x - 1\n';
const CALL = [
  { id: 't1', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: '2' },
  { id: 't2', kind: 'call' as const, entryPoint: 'f', args: '[5]', expected: '6' },
];

let engine: Engine;
let scratch: string;
let server: Server;
let port = 0;
let connections = 0;
const results = new Map<string, JobResult>();

/** The limit of the programs that never end (their verdict is `timeout` however loaded the machine). */
const LOOP = { testTimeoutMs: 1000 };

function normal(i: number): Job {
  return { id: `normal-${i}`, program: `def f(x):\n    return x + 1\n`, tests: CALL };
}

function hostile(): Job[] {
  const victim = join(scratch, 'victim.txt');
  const doomed = join(scratch, 'doomed.txt');
  return [
    { id: 'memory-bomb', program: 'def f(x):\n    blocks = []\n    while True:\n        blocks.append(bytearray(64 * 1024 * 1024))\n', tests: CALL, limits: { memoryMb: 512, testTimeoutMs: 10_000 } },
    { id: 'memory-bomb-alloc', program: 'def f(x):\n    return len(bytearray(8 * 1024 ** 3)) + x\n', tests: CALL, limits: { memoryMb: 1024 } },
    { id: 'output-flood', program: 'import sys\ndef f(x):\n    for _ in range(20000):\n        print("y" * 1000)\n        sys.stderr.write("z" * 1000)\n    return x + 1\n', tests: CALL },
    { id: 'endless-flood', program: 'def f(x):\n    while True:\n        print("y" * 10000)\n', tests: CALL.slice(0, 1), limits: LOOP },
    {
      id: 'grandchildren',
      program: [
        'import os',
        'def f(x):',
        '    for _ in range(60):',
        '        if os.fork() == 0:',
        '            os.setsid()',
        '            if os.fork() == 0:',
        `                os.execv("/bin/sleep", ["${MARKER}", "300"])`,
        '            os._exit(0)',
        '    return x + 1',
      ].join('\n'),
      tests: CALL,
      limits: { testTimeoutMs: 15_000 },
    },
    { id: 'write-outside', program: `def f(x):\n    with open(${JSON.stringify(victim)}, "w") as fh:\n        fh.write("owned")\n    return x + 1\n`, tests: CALL },
    { id: 'delete-outside', program: `import os\ndef f(x):\n    os.remove(${JSON.stringify(doomed)})\n    return x + 1\n`, tests: CALL },
    { id: 'network', program: `import socket\ndef f(x):\n    socket.create_connection(("127.0.0.1", PORT), timeout=2).close()\n    return x + 1\n`, tests: CALL },
    { id: 'c-stack', program: 'import json, sys\nsys.setrecursionlimit(10 ** 7)\ndef f(x):\n    l = []\n    for _ in range(300000):\n        l = [l]\n    json.dumps(l)\n    return x + 1\n', tests: CALL, limits: { testTimeoutMs: 5000 } },
    { id: 'infinite-loop', program: 'def f(x):\n    while True:\n        pass\n', tests: CALL, limits: LOOP },
    { id: 'fork-bomb', program: 'import os\ndef f(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n', tests: CALL.slice(0, 1), limits: LOOP },
  ];
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'plum-hostile-'));
  chmodSync(scratch, 0o755);
  writeFileSync(join(scratch, 'victim.txt'), 'intact');
  writeFileSync(join(scratch, 'doomed.txt'), 'intact');
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  // A generous default: jobs meant to finish must not time out on a loaded machine; only the
  // programs meant to loop get the short LOOP limit.
  engine = await createEngine({ workers: 2, cacheDir: null, limits: { testTimeoutMs: 15_000 } });
  const jobs = [...hostile(), ...Array.from({ length: 6 }, (_, i) => normal(i))].map((j) => ({ ...j, program: j.program.replace('PORT', String(port)) }));
  // interleave normal jobs between hostile ones
  for await (const r of engine.run(jobs, { noCache: true })) results.set(r.jobId, r);
}, 120_000);

afterAll(async () => {
  await engine?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function verdicts(id: string): string[] {
  const r = results.get(id)!;
  const v = r.tests.map((t) => t.verdict);
  if (v.some((x) => x === 'pass') !== (r.verdict === 'pass')) throw new Error('inconsistent job verdict');
  if (!v.every((x) => x === v[0])) console.error(id, JSON.stringify(r.tests));
  return v;
}

function expectNormalJobsPassed(): void {
  for (let i = 0; i < 6; i++) expect(results.get(`normal-${i}`)?.verdict).toBe('pass');
}

describe('hostile programs in a batch', () => {
  it('every job of the batch got exactly one result', () => {
    expect(results.size).toBe(hostile().length + 6);
    expectNormalJobsPassed();
  });

  it('memory bomb: crash (out of memory)', () => {
    expect(verdicts('memory-bomb')).toEqual(['crash', 'crash']);
    expect(results.get('memory-bomb')!.tests[0].errorType).toBe('MemoryError');
    expect(verdicts('memory-bomb-alloc')).toEqual(['crash', 'crash']);
    expectNormalJobsPassed();
  });

  it('output flood: capped, and a correct program still passes', () => {
    const r = results.get('output-flood')!;
    expect(r.verdict).toBe('pass');
    expect(r.stdout.length).toBeLessThan(70 * 1024 + 200);
    expect(r.stdout).toContain('more bytes discarded');
    expect(r.stderr.length).toBeLessThan(70 * 1024 + 200);
    expect(verdicts('endless-flood')).toEqual(['timeout']);
    expectNormalJobsPassed();
  });

  it('60 detached sleeping grandchildren: none alive afterwards', () => {
    expect(results.get('grandchildren')!.verdict).toBe('pass');
    const alive = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(MARKER);
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expectNormalJobsPassed();
  });

  it.skipIf(!isRoot)('write and delete outside the sandbox are refused', () => {
    expect(verdicts('write-outside')).toEqual(['error', 'error']);
    expect(results.get('write-outside')!.tests[0].errorType).toBe('PermissionError');
    expect(verdicts('delete-outside')).toEqual(['error', 'error']);
    expect(readFileSync(join(scratch, 'victim.txt'), 'utf8')).toBe('intact');
    expect(existsSync(join(scratch, 'doomed.txt'))).toBe(true);
    expectNormalJobsPassed();
  });

  it.skipIf(!isRoot)('a TCP connect to a loopback listener never arrives', () => {
    expect(verdicts('network')).toEqual(['error', 'error']);
    expect(connections).toBe(0);
    expectNormalJobsPassed();
  });

  it('C-stack overflow: crash, the batch goes on', () => {
    expect(verdicts('c-stack')).toEqual(['crash', 'crash']);
    expect(results.get('c-stack')!.tests[0].errorType).toBe('SIGSEGV');
    expectNormalJobsPassed();
  });

  it('infinite loop: timeout on every test', () => {
    expect(verdicts('infinite-loop')).toEqual(['timeout', 'timeout']);
    expectNormalJobsPassed();
  });

  it('fork bomb: contained', () => {
    expect(verdicts('fork-bomb')).toEqual(['timeout']);
    expectNormalJobsPassed();
  });
});

describe('a worker killed from outside', () => {
  it('reports its job as crash and the other jobs complete', async () => {
    const marker = join(scratch, 'started');
    const flagDir = mkdtempSync(join(tmpdir(), 'plum-kill-'));
    chmodSync(flagDir, 0o777);
    const started = join(flagDir, 'started');
    const single = await createEngine({ workers: 1, cacheDir: null, limits: { testTimeoutMs: 20_000 } });
    try {
      const sleeper: Job = {
        id: 'sleeper',
        program: `import os\ndef f(x):\n    open(${JSON.stringify(started)}, "w").close()\n    os.execv("/bin/sleep", ["${MARKER}-orphan", "30"])\n`,
        tests: CALL.slice(0, 1),
      };
      const jobs = [sleeper, normal(100), normal(101)];
      const got = new Map<string, JobResult>();
      const running = (async () => {
        for await (const r of single.run(jobs, { noCache: true })) got.set(r.jobId, r);
      })();
      while (!existsSync(started)) await new Promise((r) => setTimeout(r, 20));
      // the worker running the sleeper is the one of our workers that has a child right now
      const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
      const workers = workerProcesses({ parent: process.pid }).filter((w) => pids.some((p) => parentOf(p) === w));
      expect(workers).toHaveLength(1);
      process.kill(Number(workers[0]), 'SIGKILL');
      await running;
      expect(got.size).toBe(3);
      expect(got.get('sleeper')!.verdict).toBe('crash');
      expect(got.get('sleeper')!.tests[0].errorType).toBe('WorkerDied');
      expect(got.get('normal-100')!.verdict).toBe('pass');
      expect(got.get('normal-101')!.verdict).toBe('pass');
      expect(existsSync(marker)).toBe(false);
      // the job of the killed worker died with it (parent-death signal), it is not left running
      let orphans: string[] = [];
      for (let i = 0; i < 100; i++) {
        orphans = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${MARKER}-orphan`);
          } catch {
            return false;
          }
        });
        if (orphans.length === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(orphans).toEqual([]);
    } finally {
      await single.close();
      rmSync(flagDir, { recursive: true, force: true });
    }
  });
});

describe('jobs side by side on one worker', () => {
  it('cannot reach each other: no shared progress page, no signals, no writes into the other job', async () => {
    // One worker: the attacker sleeps past the overrun threshold so that the victim starts beside
    // it (another lane of the same worker process), waits until the victim runs, then attacks.
    const flagDir = mkdtempSync(join(tmpdir(), 'plum-lanes-'));
    chmodSync(flagDir, 0o777);
    const started = join(flagDir, 'victim-started');
    const single = await createEngine({ workers: 1, cacheDir: null, limits: { testTimeoutMs: 8000 } });
    try {
      const attacker: Job = {
        id: 'attacker',
        program: [
          'import glob, os, signal, time',
          'def f(x):',
          '    time.sleep(0.8)',
          '    for _ in range(300):',
          `        if os.path.exists(${JSON.stringify(started)}):`,
          '            break',
          '        time.sleep(0.01)',
          '    pages = [l for l in open("/proc/self/maps") if "/dev/zero" in l]  # MAP_SHARED anonymous pages',
          '    for line in pages:',
          '        print(line)',
          '    killed = 0',
          '    for p in os.listdir("/proc"):',
          '        if p.isdigit() and int(p) > 1:',
          '            try:',
          '                os.kill(int(p), signal.SIGKILL)',
          '                killed += 1',
          '            except OSError:',
          '                pass',
          '    wrote = 0',
          '    for d in glob.glob("/tmp/plum-w*/*"):',
          '        try:',
          '            with open(os.path.join(d, "owned"), "w") as fh:',
          '                fh.write("x")',
          '            wrote += 1',
          '        except OSError:',
          '            pass',
          '    return [len(pages), killed, wrote if os.getuid() != 0 else 0]',
        ].join('\n'),
        tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[0]', expected: '[1, 0, 0]' }],
      };
      const victim: Job = {
        id: 'victim',
        program: `import os, time\ndef f(x):\n    open(${JSON.stringify(started)}, "w").close()\n    time.sleep(2)\n    assert os.listdir(".") == [], os.listdir(".")\n    return x + 1\n`,
        tests: CALL.slice(0, 1),
      };
      const got = new Map<string, JobResult>();
      for await (const r of single.run([attacker, victim], { noCache: true })) got.set(r.jobId, r);
      expect(existsSync(started)).toBe(true);
      const a = got.get('attacker')!;
      expect(a.tests[0].verdict, `${a.tests[0].message} ${a.stdout}`).toBe('pass');
      expect(got.get('victim')!.verdict, JSON.stringify(got.get('victim')!.tests)).toBe('pass');
    } finally {
      await single.close();
      rmSync(flagDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('files left in world-writable directories', () => {
  it.skipIf(!isRoot)('are gone when the job ends: a later job does not see them, nor does the host', async () => {
    const name = `${MARKER}-left`;
    const single = await createEngine({ workers: 1, lanes: 1, cacheDir: null });
    try {
      const leave: Job = {
        id: 'leave',
        program: `import os\ndef f(x):\n    for d in ("/tmp", "/dev/shm", "/var/tmp"):\n        if os.path.isdir(d):\n            open(os.path.join(d, ${JSON.stringify(name)}), "w").write("state")\n            os.makedirs(os.path.join(d, ${JSON.stringify(name)} + "-dir", "sub"), exist_ok=True)\n    return x + 1\n`,
        tests: CALL,
      };
      const look: Job = {
        id: 'look',
        program: `import glob\ndef f(x):\n    seen = glob.glob("/tmp/${name}*") + glob.glob("/dev/shm/${name}*") + glob.glob("/var/tmp/${name}*")\n    return x + 1 + len(seen)\n`,
        tests: CALL,
      };
      const got = new Map<string, JobResult>();
      for await (const r of single.run([leave], { noCache: true })) got.set(r.jobId, r);
      for await (const r of single.run([look], { noCache: true })) got.set(r.jobId, r);
      expect(got.get('leave')!.verdict).toBe('pass');
      expect(got.get('look')!.verdict, JSON.stringify(got.get('look')!.tests)).toBe('pass');
      for (const d of ['/tmp', '/dev/shm', '/var/tmp']) {
        if (existsSync(d)) expect(readdirSync(d).filter((e) => e.startsWith(name))).toEqual([]);
      }
    } finally {
      await single.close();
    }
  });
});

describe('running out of memory', () => {
  it('makes the kernel pick a job, never plum: every job runs with oom_score_adj 1000', async () => {
    const single = await createEngine({ workers: 1, cacheDir: null });
    try {
      const job: Job = { id: 'oom-adj', program: 'def f():\n    return open("/proc/self/oom_score_adj").read().strip()\n', tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: "'1000'" }] };
      for await (const r of single.run([job], { noCache: true })) expect(r.verdict, JSON.stringify(r.tests)).toBe('pass');
    } finally {
      await single.close();
    }
  });
});

describe('System V IPC objects and POSIX message queues', () => {
  it.skipIf(!isRoot)('a job leaves none behind: a later job does not see them, nor does the machine', async () => {
    const single = await createEngine({ workers: 1, lanes: 1, cacheDir: null });
    const key = 0x504c554d; // "PLUM"
    try {
      expect(single.protections().ipcNamespace).toBe(true);
      const make: Job = {
        id: 'make',
        program: `import ctypes\nlibc = ctypes.CDLL(None)\ndef f(x):\n    assert libc.shmget(${key}, 4096, 0o1666) >= 0\n    assert libc.semget(${key}, 1, 0o1666) >= 0\n    assert libc.msgget(${key}, 0o1666) >= 0\n    return x + 1\n`,
        tests: CALL,
      };
      const mq: Job = {
        // POSIX message queues cannot be listed without a mount: jobs may not create any
        id: 'mq',
        program: `import ctypes, os\nrt = ctypes.CDLL("librt.so.1", use_errno=True)\ndef f(x):\n    fd = rt.mq_open(b"/plum-mq", os.O_CREAT | os.O_RDWR, 0o600, None)\n    return x + 1 if fd < 0 else fd\n`,
        tests: CALL,
      };
      const look: Job = {
        id: 'look',
        program: `def f(x):\n    seen = sum(len(open("/proc/sysvipc/" + k).read().splitlines()) - 1 for k in ("shm", "sem", "msg"))\n    return x + 1 + seen\n`,
        tests: CALL,
      };
      const got = new Map<string, JobResult>();
      for await (const r of single.run([make, mq], { noCache: true })) got.set(r.jobId, r);
      for await (const r of single.run([look], { noCache: true })) got.set(r.jobId, r);
      expect(got.get('make')!.verdict, JSON.stringify(got.get('make')!.tests)).toBe('pass');
      expect(got.get('mq')!.verdict, JSON.stringify(got.get('mq')!.tests)).toBe('pass');
      expect(got.get('look')!.verdict, JSON.stringify(got.get('look')!.tests)).toBe('pass');
      const hex = key.toString(16);
      for (const k of ['shm', 'sem', 'msg']) {
        const rows = readFileSync(`/proc/sysvipc/${k}`, 'utf8').split('\n').slice(1);
        expect(rows.filter((r) => r.trim().split(/\s+/)[0] === String(key) || r.includes(hex))).toEqual([]);
      }
    } finally {
      await single.close();
    }
  });
});
