/**
 * Benchmark of the LLM client against the local fake OpenAI server answering at once (no model):
 * the requests per second the client sustains (target ≥ 300/s: the client must never be what limits
 * a vLLM server) and its memory at 10,000 problems x 8 samples, with the on-disk response cache on.
 * Each repetition runs the server and the client in two fresh child processes; medians are printed.
 *
 * Scenarios:
 *   n-honoured   every problem asks n=8 in one request (10,000 requests, 80,000 cached samples)
 *   n-ignored    the server returns one choice per request: the client falls back to one request
 *                per sample (problems x 8 requests; fewer problems by default to keep it short)
 *   cached       a rerun of n-honoured over its cache: zero requests
 *
 *   npm run bench:llm [-- --problems 10000 --samples 8 --ignored-problems 2500 --runs 3 --concurrency 64]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLlmClient } from '../src/llm/client.js';
import { LlmEndpoint } from '../src/llm/config.js';
import { packageRoot } from '../src/paths.js';
import { startFakeLlmServer } from '../test/support/fake-llm-server.js';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const ANSWER = [
  'Here is an efficient solution.',
  '',
  '```python',
  'def solve(xs: list[int], k: int) -> list[int]:',
  '    """Return the running maximum of xs over windows of size k."""',
  '    from collections import deque',
  '    out, window = [], deque()',
  '    for i, x in enumerate(xs):',
  '        while window and xs[window[-1]] <= x:',
  '            window.pop()',
  '        window.append(i)',
  '        if window[0] <= i - k:',
  '            window.popleft()',
  '        if i >= k - 1:',
  '            out.append(xs[window[0]])',
  '    return out',
  '```',
].join('\n');

/** Child: the fake server; prints its URL, runs until killed. */
async function serve(ignoreN: boolean): Promise<void> {
  const server = await startFakeLlmServer({ answer: () => ANSWER, ignoreN, models: ['bench'] });
  process.send?.({ url: server.url });
}

interface ClientResult {
  requests: number;
  samples: number;
  cachedSamples: number;
  seconds: number;
  peakRssMb: number;
  heapUsedMb: number;
  /** CPU time of the client process (user + system), ms. */
  cpuMs: number;
}

/** Child: the client over `problems` problems x `samples` samples; reports its figures. */
async function runClient(url: string, cacheDir: string, problems: number, samples: number, concurrency: number): Promise<ClientResult> {
  const client = createLlmClient(LlmEndpoint.parse({ baseUrl: url, model: 'bench', apiKey: 'x', concurrency }), { cacheDir, role: 'policy' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const instruction = 'Write a function solve(xs, k) that returns the maximum of every window of k consecutive elements of xs. '.repeat(3);
  let next = 0;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  // A stage keeps a bounded window of problems in flight (here 4x the client's concurrency).
  const workers = Array.from({ length: concurrency * 4 }, async () => {
    while (next < problems) {
      const i = next++;
      const out = await client.complete(
        {
          messages: [
            { role: 'system', content: 'You are an expert Python programmer.' },
            { role: 'user', content: `Problem ${i}: ${instruction}` },
          ],
          temperature: 0.8,
          topP: 0.95,
          maxTokens: 512,
          seed: 1,
        },
        { n: samples, stage: 'bench' },
      );
      if (out.length !== samples) throw new Error(`problem ${i}: ${out.length} samples`);
    }
  });
  await Promise.all(workers);
  await client.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const usage = client.usage().bench;
  return {
    requests: usage?.requests ?? 0,
    samples: usage?.samples ?? 0,
    cachedSamples: usage?.cachedSamples ?? 0,
    seconds,
    peakRssMb: peak / 2 ** 20,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function spawnSelf(args: string[]): ChildProcess {
  return fork(join(packageRoot(), 'bin', 'run-ts.js'), [process.argv[1], ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function firstMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before reporting`)));
  });
}

async function repetition(scenario: string, cacheDir: string, problems: number, samples: number, concurrency: number): Promise<ClientResult> {
  const server = spawnSelf(['--serve', scenario === 'n-ignored' ? '--ignore-n' : '']);
  try {
    const { url } = await firstMessage<{ url: string }>(server);
    const client = spawnSelf(['--client', url, cacheDir, String(problems), String(samples), String(concurrency)]);
    return await firstMessage<ClientResult>(client);
  } finally {
    server.kill('SIGKILL');
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const problems = Number(argValue('problems', '10000'));
  const ignoredProblems = Number(argValue('ignored-problems', '2500'));
  const samples = Number(argValue('samples', '8'));
  const runs = Number(argValue('runs', '3'));
  const concurrency = Number(argValue('concurrency', '64'));
  console.log(`bench:llm  client concurrency ${concurrency}, fake server answering at once (separate process), cache on; median of ${runs} runs\n`);
  const rows: string[][] = [];
  for (const scenario of ['n-honoured', 'cached', 'n-ignored']) {
    const results: ClientResult[] = [];
    for (let r = 0; r < runs; r += 1) {
      const base = mkdtempSync(join(tmpdir(), 'plum-bench-llm-'));
      const cacheDir = join(base, 'cache');
      try {
        const count = scenario === 'n-ignored' ? ignoredProblems : problems;
        if (scenario === 'cached') await repetition('n-honoured', cacheDir, count, samples, concurrency);
        const result = await repetition(scenario, cacheDir, count, samples, concurrency);
        results.push(result);
        process.stderr.write(
          `  ${scenario} run ${r + 1}: ${result.requests} requests, ${result.samples + result.cachedSamples} samples in ${result.seconds.toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB\n`,
        );
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    }
    const n = scenario === 'n-ignored' ? ignoredProblems : problems;
    rows.push([
      scenario,
      `${n} x ${samples}`,
      String(results[0].requests),
      median(results.map((x) => x.seconds)).toFixed(2),
      results[0].requests ? median(results.map((x) => x.requests / x.seconds)).toFixed(0) : '-',
      median(results.map((x) => (x.samples + x.cachedSamples) / x.seconds)).toFixed(0),
      median(results.map((x) => x.peakRssMb)).toFixed(0),
      results[0].requests ? median(results.map((x) => x.cpuMs / x.requests)).toFixed(2) : '-',
      results[0].requests ? median(results.map((x) => (1000 * x.requests) / x.cpuMs)).toFixed(0) : '-',
    ]);
  }
  const header = ['scenario', 'problems x samples', 'requests', 'seconds', 'requests/s', 'samples/s', 'peak RSS MB', 'client CPU ms/req', 'req/s per client core'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  const honoured = rows[0];
  const ignored = rows[2];
  const perRequest = Number(ignored[4]);
  console.log(`\ntarget ≥ 300 requests/s (one sample per request, n-ignored): ${perRequest >= 300 ? 'met' : 'NOT met'} (${perRequest} requests/s end to end, server included)`);
  console.log(`n=${samples} per request (n-honoured): ${honoured[4]} requests/s = ${honoured[5]} samples/s`);
  console.log(`client CPU per request: ${honoured[7]} ms (n=${samples}), ${ignored[7]} ms (n=1): ${honoured[8]} / ${ignored[8]} requests/s per core of client CPU`);
  console.log(`load average during the bench: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (the server shares them)`);
}

const mode = process.argv[2];
if (mode === '--serve') {
  serve(process.argv[3] === '--ignore-n').catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (mode === '--client') {
  const [url, cacheDir, problems, samples, concurrency] = process.argv.slice(3);
  runClient(url, cacheDir, Number(problems), Number(samples), Number(concurrency))
    .then((result) => {
      process.send?.(result);
      process.disconnect?.();
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
