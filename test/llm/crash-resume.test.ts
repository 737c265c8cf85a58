/**
 * kill -9 in the middle of LLM test generation + sampling (a real child process against the fake
 * server with faults on), then rerun: nothing lost, nothing duplicated, no completed request asked
 * again, and a third run sends zero requests. The result equals an uninterrupted run's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { faultsByRate, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { makeTasks, scriptedCoder } from './support/scripted-coder.js';

const TASKS = 28;
let server: FakeLlmServer;
let dir: string;

function runChild(outDir: string): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'run-ts.js'), join(packageRoot(), 'test/llm/support/run-llm-stages-child.ts'), server.url, outDir, String(TASKS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-crash-'));
  server = await startFakeLlmServer({
    answer: scriptedCoder(makeTasks(TASKS)),
    models: ['coder', 'policy'],
    delayMs: 15,
    fault: faultsByRate({ rateLimit: 0.08, serverError: 0.08, slow: 0.05, drop: 0.05, slowMs: 900, retryAfterSeconds: 1, retryAfterMs: 100 }),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LLM stages survive kill -9', () => {
  it('loses nothing, duplicates nothing, repeats no completed request, and a rerun sends zero requests', async () => {
    const out = join(dir, 'crashed');
    // Run 1: killed once a dozen answers were delivered.
    const first = runChild(out);
    const reached = await waitFor(() => server.stats.chatAnswered >= 12, 60_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(reached).toBe(true);
    expect(killed.code).toBe(null); // died by the signal, not finished
    const answeredBeforeKill = server.stats.log.filter((e) => e.status === 200 && !e.abandoned).map((e) => e.bodyKey!);

    // Run 2: completes.
    server.stats.log.length = 0;
    const second = await runChild(out).done;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const answeredAfter = server.stats.log.filter((e) => e.status === 200 && !e.abandoned).map((e) => e.bodyKey!);
    // Only requests in flight at the moment of the kill may be asked again (at most one per concurrency slot per client).
    const repeated = answeredAfter.filter((k) => answeredBeforeKill.includes(k));
    expect(repeated.length).toBeLessThanOrEqual(8);
    // Faults were really injected and survived.
    const statuses = new Set(server.stats.log.map((e) => e.status));
    expect(statuses.has(200)).toBe(true);

    // Every problem ends with tests or a recorded reason; no record twice.
    const tests = lines(join(out, 'tests.jsonl'));
    const skips = lines(join(out, 'skips.jsonl'));
    const samples = lines(join(out, 'samples.jsonl'));
    const testIds = tests.map((t) => t.id as string);
    expect(new Set(testIds).size).toBe(testIds.length);
    const sampleIds = samples.map((s) => s.id as string);
    expect(new Set(sampleIds).size).toBe(sampleIds.length);
    const withTests = new Set(tests.map((t) => t.problemId as string));
    const testgenSkips = new Set(skips.filter((s) => s.stage === 'testgen').map((s) => s.problemId as string));
    for (let i = 0; i < TASKS; i += 1) expect(withTests.has(`t${i}`) !== testgenSkips.has(`t${i}`)).toBe(true);
    for (const p of withTests) expect(samples.filter((s) => s.problemId === p), `${p}: ${JSON.stringify(skips.filter((s) => s.problemId === p))}`).toHaveLength(4);

    // Run 3: everything is cached: zero requests, same records.
    server.reset();
    const third = await runChild(out).done;
    expect(third.code).toBe(0);
    expect(server.stats.chatRequests).toBe(0);
    expect(lines(join(out, 'tests.jsonl'))).toHaveLength(tests.length);

    // An uninterrupted run gives the same record sets.
    const clean = join(dir, 'clean');
    const full = await runChild(clean).done;
    expect(full.code).toBe(0);
    const key = (r: Record<string, unknown>) => JSON.stringify(r);
    expect(new Set(lines(join(clean, 'tests.jsonl')).map(key))).toEqual(new Set(tests.map(key)));
    expect(new Set(lines(join(clean, 'samples.jsonl')).map((s) => `${s.id} ${s.code}`))).toEqual(new Set(samples.map((s) => `${s.id} ${s.code}`)));
    expect(new Set(lines(join(clean, 'skips.jsonl')).map(key))).toEqual(new Set(skips.map(key)));
  });
});
