/**
 * `npm run bench:distributed [-- --runs N] [--fleets 1,2,3] [--only b,c,t] [--data-dir DIR]`: the
 * redis backend against the local pool with the same number of cores, a benchmark (prints a
 * table), not a test.
 *
 * One redis-server (free loopback port, no persistence); for each fleet size k: k `plum worker`
 * processes of one sandbox worker each (k cores) against a local pool of k workers, both through
 * `plum eval`'s code with the verdict cache off (every job really runs; HumanEval+ expected outputs
 * warmed first). Batches: (b) the 164 HumanEval+ canonical solutions (328 jobs: base + plus);
 * (c) 80 mixed HumanEval samples (40 correct, 20 wrong, 10 segfaulting, 10 looping, 3 s limit);
 * (t) 500 trivial jobs (one call each): the queue's own cost per job. Reports jobs/s, redis/local,
 * the overhead target (>= 80% of the local pool's jobs/s on (b)), redis-server's CPU time per job,
 * and the machine's load (`uptime`) before and after. Each figure is the median of --runs runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { evaluateSamples } from '../src/eval/evaluate.js';
import { createEngine } from '../src/execution/engine.js';
import { createRedisEngine } from '../src/execution/redis/coordinator.js';
import type { Engine, Job } from '../src/execution/types.js';
import { packageRoot } from '../src/paths.js';
import { RedisServer, WorkerProcess, redisServerBin } from '../test/support/redis-processes.js';

type BatchName = 'b' | 'c' | 't';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    fleets: { type: 'string' },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs ?? 3));
const fleets = (values.fleets ?? '1,2,3').split(',').map(Number);
const only = new Set((values.only ?? 'b,c,t').split(',').map((s) => s.trim()) as BatchName[]);
const dataDir = values['data-dir'] ?? process.env.PLUM_DATA_DIR ?? join(packageRoot(), '..', 'shared', 'data');
const work = mkdtempSync(join(tmpdir(), 'plum-bench-distributed-'));
/** The trivial batch's size. */
const TRIVIAL = 500;

function readGz(file: string): Record<string, string>[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function writeSamples(name: string, rows: object[]): string {
  const file = join(work, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
}

let trivialRound = 0;
function trivialJobs(): Job[] {
  trivialRound++;
  return Array.from({ length: TRIVIAL }, (_, i) => ({
    id: `t${i}`,
    program: `# ${trivialRound}\ndef f(x):\n    return x + ${i}\n`,
    tests: [{ id: 't', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: String(1 + i) }],
  }));
}

/** Seconds and jobs of one batch on `engine`. */
async function timeBatch(engine: Engine, batch: BatchName, samples: Record<'b' | 'c', string>): Promise<{ seconds: number; jobs: number; failed: number }> {
  const t0 = performance.now();
  if (batch === 't') {
    let failed = 0;
    let jobs = 0;
    for await (const r of engine.run(trivialJobs(), { noCache: true })) {
      jobs++;
      if (!r.passed) failed++;
    }
    return { seconds: (performance.now() - t0) / 1000, jobs, failed };
  }
  const report = await evaluateSamples({
    dataset: batch === 'b' ? 'humaneval+' : 'humaneval',
    samples: samples[batch],
    dataDir,
    engine,
    out: join(work, `${batch}-results.jsonl`),
    noCache: true,
    progress: false,
  });
  const failed = batch === 'b' ? report.results.filter((r) => !r.base_passed || !r.plus_passed).length : 0;
  return { seconds: (performance.now() - t0) / 1000, jobs: report.jobs, failed };
}

async function main(): Promise<void> {
  const heFile = join(dataDir, 'humaneval', 'HumanEval.jsonl.gz');
  const plusFile = join(dataDir, 'humanevalplus', 'HumanEvalPlus.jsonl.gz');
  if (!existsSync(heFile) || !existsSync(plusFile)) {
    console.error(`bench:distributed needs ${heFile} and ${plusFile} (pass --data-dir DIR)`);
    process.exitCode = 1;
    return;
  }
  if (!redisServerBin) {
    console.error('bench:distributed needs redis-server (Debian package redis-server)');
    process.exitCode = 1;
    return;
  }
  const he = readGz(heFile);
  const plus = readGz(plusFile);
  const kinds = ['correct', 'correct', 'correct', 'correct', 'wrong', 'wrong', 'crash', 'loop'];
  const bodies: Record<string, (r: Record<string, string>) => string> = {
    correct: (r) => r.canonical_solution,
    wrong: () => '    return None\n',
    crash: () => '    import ctypes\n    return ctypes.string_at(0)\n',
    loop: () => '    while True:\n        pass\n',
  };
  const samples = {
    b: writeSamples('b.jsonl', plus.map((r) => ({ task_id: r.task_id, completion: r.canonical_solution }))),
    c: writeSamples('c.jsonl', he.slice(0, 80).map((r, i) => ({ task_id: r.task_id, completion: bodies[kinds[i % 8]](r) }))),
  };
  const batches = (['b', 'c', 't'] as BatchName[]).filter((b) => only.has(b));
  const loadBefore = uptime();
  // seconds[backend][k][batch] = one figure per run
  const seconds = new Map<string, number[]>();
  const jobsOf = new Map<BatchName, number>();
  const notes: string[] = [];
  const record = (backend: string, k: number, batch: BatchName, r: { seconds: number; jobs: number; failed: number }) => {
    const key = `${backend}/${k}/${batch}`;
    seconds.set(key, [...(seconds.get(key) ?? []), r.seconds]);
    jobsOf.set(batch, r.jobs);
    if (r.failed) notes.push(`${key}: ${r.failed} canonical/trivial jobs did not pass`);
  };
  const redis = await RedisServer.start();
  let redisCpu = 0;
  let redisJobs = 0;
  try {
    for (const k of fleets) {
      process.stderr.write(`local pool, ${k} worker(s)\n`);
      const local = await createEngine({ workers: k, cacheDir: null, shardJobs: false });
      try {
        if (batches.includes('b')) await timeBatch(local, 'b', samples); // warms the expected outputs
        for (let run = 0; run < runs; run++) for (const b of batches) record('local', k, b, await timeBatch(local, b, samples));
      } finally {
        await local.close();
      }
      process.stderr.write(`redis, ${k} plum worker(s) of 1 core\n`);
      const workers = await Promise.all(Array.from({ length: k }, (_, i) => WorkerProcess.start(redis.url, `bench${k}-${i}`, ['--workers', '1'])));
      const remote = await createRedisEngine({ url: redis.url, cacheDir: null });
      try {
        for (let run = 0; run < runs; run++) {
          for (const b of batches) {
            const cpu0 = cpuSeconds(redis.pid!);
            const r = await timeBatch(remote, b, samples);
            redisCpu += cpuSeconds(redis.pid!) - cpu0;
            redisJobs += r.jobs;
            record('redis', k, b, r);
          }
        }
      } finally {
        await remote.close();
        await Promise.all(workers.map((w) => w.stop()));
      }
    }
  } finally {
    await redis.kill();
  }

  const titles: Record<BatchName, string> = { b: '(b) HumanEval+ canonical', c: '(c) mixed HumanEval', t: `(t) ${TRIVIAL} trivial jobs` };
  const rows: string[][] = [['batch', 'jobs', 'cores', 'local s', 'local jobs/s', 'redis s', 'redis jobs/s', 'redis/local']];
  const ratios = new Map<string, number>();
  for (const b of batches) {
    for (const k of fleets) {
      const ls = median(seconds.get(`local/${k}/${b}`)!);
      const rs = median(seconds.get(`redis/${k}/${b}`)!);
      const jobs = jobsOf.get(b)!;
      ratios.set(`${b}/${k}`, ls / rs);
      rows.push([titles[b], String(jobs), String(k), ls.toFixed(2), (jobs / ls).toFixed(1), rs.toFixed(2), (jobs / rs).toFixed(1), `${((100 * ls) / rs).toFixed(0)}%`]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`\nbench:distributed: medians of ${runs} run(s); ${cpus().length} cores on this machine; fleet workers of 1 sandbox worker each`);
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  if (batches.includes('b')) {
    const met = fleets.map((k) => `${k} core(s): ${(100 * ratios.get(`b/${k}`)!).toFixed(0)}% ${ratios.get(`b/${k}`)! >= 0.8 ? 'met' : 'NOT met'}`);
    console.log(`\noverhead target (redis >= 80% of the local pool's jobs/s on (b), same cores): ${met.join('; ')}`);
  }
  if (batches.includes('t')) {
    const k = fleets[0];
    const perJobMs = (1000 * (median(seconds.get(`redis/${k}/t`)!) - median(seconds.get(`local/${k}/t`)!))) / TRIVIAL;
    console.log(`queue overhead per job (trivial batch, ${k} core(s)): ${perJobMs.toFixed(2)} ms of wall time beyond the local pool`);
  }
  if (redisJobs) console.log(`redis-server CPU per job: ${((1000 * redisCpu) / redisJobs).toFixed(3)} ms (${redisJobs} jobs) -> one Redis core serves ~${Math.round(redisJobs / redisCpu)} jobs/s`);
  console.log(`load before: ${loadBefore}\nload after:  ${uptime()}`);
  for (const n of notes) console.log(`note: ${n}`);
}

await main();
