/**
 * `plum run` end to end from the command line, test generator and policy pointed at the fake
 * OpenAI-compatible server through the config file, with every fault on: 429 + Retry-After, 500,
 * answers slower than the timeout, dropped connections, a server that ignores `n`, answers with no
 * code, truncated answers. kill -9 of `plum run` in the middle, rerun: nothing lost or duplicated.
 * Then round 1 with a better policy (rounds override), the round comparison, a rerun that sends
 * zero requests, and a bad endpoint that fails before anything is written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import { faultsByRate, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { makeTasks, scriptedCoder } from './support/scripted-coder.js';

const tasks = makeTasks(7);
let server: FakeLlmServer;
let dir: string;

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function plum(args: string[]): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'plum.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  const t0 = Date.now();
  child.on('close', () => process.env.PLUM_E2E_TIMES && console.log(args.join(' ').slice(0, 60), Date.now() - t0, 'ms'));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function writeConfig(name: string, llm: Record<string, unknown>): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    stringify({
      name,
      seed: 1,
      problems: { sources: [{ kind: 'instruct', path: join(dir, 'tasks.jsonl') }] },
      testgen: { generator: 'llm' },
      sample: { generator: 'llm' },
      mutation: { enabled: false },
      llm,
    }),
  );
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-e2e-'));
  writeFileSync(
    join(dir, 'tasks.jsonl'),
    tasks.map((t) => JSON.stringify({ instruction: `Task ${t.id}: write a Python function add_${t.k} that takes an integer x and returns x plus ${t.k}.` })).join('\n') + '\n',
  );
  server = await startFakeLlmServer({
    answer: scriptedCoder(tasks),
    models: ['coder', 'policy-r0', 'policy-r1-good'],
    ignoreN: true,
    delayMs: 10,
    fault: faultsByRate({ rateLimit: 0.1, serverError: 0.1, slow: 0.05, drop: 0.05, slowMs: 900, retryAfterSeconds: 1, retryAfterMs: 100 }),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('plum run with the LLM stages against a faulty OpenAI-compatible server', () => {
  it('survives kill -9, completes, compares rounds, and reruns with zero requests', async () => {
    const endpoint = { baseUrl: server.url, apiKey: 'k', timeoutMs: 500, concurrency: 4 };
    const config = writeConfig('e2e', {
      testgen: { ...endpoint, model: 'coder', numTests: 5 },
      policy: { ...endpoint, model: 'policy-r0', samples: 4, seed: 0 },
      rounds: { '1': { model: 'policy-r1-good' } },
    });
    const runDir = join(dir, 'run');
    const args = ['run', '--config', config, '--run-dir', runDir];

    // Killed mid-run (once a few answers were delivered), then rerun to completion.
    const first = plum(args);
    const deadline = Date.now() + 90_000;
    while (server.stats.chatAnswered < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBe(null);
    const second = await plum(args).done;
    expect(second.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(second.code).toBe(0);

    const problems = lines(join(runDir, '01-problems.jsonl'));
    expect(problems).toHaveLength(tasks.length);
    const tests = lines(join(runDir, '02-tests.jsonl'));
    const skips = lines(join(runDir, '02-test-skips.jsonl'));
    const tested = new Set(tests.map((t) => t.problemId));
    const skipped = new Set(skips.map((s) => s.problemId));
    for (const p of problems) expect(tested.has(p.id) !== skipped.has(p.id), String(p.id)).toBe(true);
    expect(skips.map((s) => s.reason)).toContain('no_code');
    expect(new Set(tests.map((t) => t.id)).size).toBe(tests.length);
    const samples0 = lines(join(runDir, 'round-0/04-samples.jsonl'));
    expect(new Set(samples0.map((s) => s.id)).size).toBe(samples0.length);
    expect(samples0).toHaveLength(tested.size * 4);
    expect(samples0.some((s) => s.missingEntryPoint)).toBe(true);
    expect(samples0.some((s) => s.finishReason === 'length')).toBe(true);
    expect(lines(join(runDir, 'round-0/07-dpo.jsonl')).length).toBeGreaterThan(0);
    const statuses = new Set(server.stats.log.map((e) => e.status));
    for (const s of [200, 429, 500]) expect(statuses.has(s), `status ${s}`).toBe(true);

    // Round 1: the round's policy (a better checkpoint), round-indexed artifacts, rounds compared.
    const round1 = await plum([...args, '--round', '1']).done;
    expect(round1.code).toBe(0);
    const samples1 = lines(join(runDir, 'round-1/04-samples.jsonl'));
    expect(samples1).toHaveLength(samples0.length);
    expect(samples1.every((s) => (s.provenance as { model: string }).model === 'policy-r1-good')).toBe(true);
    const rounds = await plum(['rounds', runDir, '--json']).done;
    const cmp = JSON.parse(rounds.stdout);
    expect(cmp.rounds.map((r: { round: number }) => r.round)).toEqual([0, 1]);
    expect(cmp.rounds[1].meanPassRate).toBeGreaterThan(cmp.rounds[0].meanPassRate);
    expect(cmp.transitions[0].newlySolved.length).toBeGreaterThan(0);

    // A forced rerun sends no chat request (every answer is in the run's response cache).
    server.reset();
    expect((await plum([...args, '--force']).done).code).toBe(0);
    expect(server.stats.chatRequests).toBe(0);
  });

  it('a bad endpoint fails before any stage writes, saying what to fix', async () => {
    const config = writeConfig('bad', {
      testgen: { baseUrl: server.url, apiKey: 'k', model: 'codr' },
      policy: { baseUrl: server.url, apiKey: 'k', model: 'policy-r0' },
    });
    const runDir = join(dir, 'bad-run');
    const r = await plum(['run', '--config', config, '--run-dir', runDir]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/llm\.testgen: model "codr" is not served .* set llm\.testgen\.model to one of: coder/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(runDir, '01-problems.jsonl'))).toBe(false);
  });
});
