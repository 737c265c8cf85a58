import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePython } from '../../src/execution/python.js';
import { createLlmClient, type LlmClient } from '../../src/llm/client.js';
import { LlmEndpoint } from '../../src/llm/config.js';
import { Problem, TestCase } from '../../src/records.js';
import { generateTestsWithLlm, type LlmTestgenResult } from '../../src/testgen/llm-testgen.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { makeTasks, scriptedCoder, taskProblem, type ScriptedTask } from './support/scripted-coder.js';

const tasks: ScriptedTask[] = [
  { id: 'ok', k: 1, mode: 'ok', withSignature: true },
  { id: 'free', k: 2, mode: 'ok', withSignature: false },
  { id: 'chatty', k: 3, mode: 'chatty', withSignature: false },
  { id: 'nocode', k: 4, mode: 'no-code', withSignature: true },
  { id: 'cut', k: 5, mode: 'truncated', withSignature: false },
  { id: 'bare', k: 6, mode: 'unfenced', withSignature: true },
];
let server: FakeLlmServer;
let dir: string;
let client: LlmClient;
const results = new Map<string, LlmTestgenResult>();

/** Run each test against the reference in real Python; returns pass/fail per test. */
function runTests(reference: string, tests: TestCase[]): boolean[] {
  const file = join(dir, 'check.py');
  writeFileSync(
    file,
    [
      'import json, sys',
      'ref, tests = json.load(sys.stdin)',
      'out = []',
      'for t in tests:',
      '    ns = {}',
      '    exec(ref, ns)',
      '    try:',
      '        exec(t, ns); out.append(True)',
      '    except AssertionError:',
      '        out.append(False)',
      'print(json.dumps(out))',
    ].join('\n'),
  );
  const input = JSON.stringify([reference, tests.map((t) => (t.spec as { code: string }).code)]);
  return JSON.parse(execFileSync(resolvePython(), [file], { input, encoding: 'utf8' }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-testgen-'));
  server = await startFakeLlmServer({ answer: scriptedCoder(tasks), models: ['coder'] });
  client = createLlmClient(LlmEndpoint.parse({ baseUrl: server.url, model: 'coder', concurrency: 4 }), {
    cacheDir: join(dir, 'cache'),
    role: 'testgen',
  });
  const out = await Promise.all(tasks.map((t) => generateTestsWithLlm(taskProblem(t), client, { numTests: 5, seed: 3 })));
  for (const r of out) results.set(r.problemId, r);
});
afterAll(async () => {
  await client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generateTestsWithLlm', () => {
  it('asks with the instruction and the fixed signature, and gets one test per assert', () => {
    const first = server.stats.log.find((e) => e.status === 200);
    expect(first).toBeDefined();
    const r = results.get('ok')!;
    expect(r.skip).toBeUndefined();
    expect(r.tests).toHaveLength(5);
    expect(r.tests.map((t) => t.spec.kind)).toEqual(Array(5).fill('assert'));
    expect(r.tests[0]).toMatchObject({ id: 'ok::llm-0', problemId: 'ok', raw: 'assert add_1(0) == 1', provenance: { generator: 'llm', model: 'coder', seed: 3 } });
    for (const t of r.tests) TestCase.parse(t);
    expect(r.problem.reference).toContain('return x + 1');
    expect(r.answer?.text).toContain('## Analysis');
    expect(r.answer?.finishReason).toBe('stop');
  });

  it('fills the entry point, signature and reference when the instruction had none', () => {
    const r = results.get('free')!;
    expect(r.problemChanged).toBe(true);
    expect(r.problem).toMatchObject({ entryPoint: 'add_2', signature: 'def add_2(x: int) -> int:' });
    expect(r.problem.contentHash).not.toBe(taskProblem(tasks[1]).contentHash);
    Problem.parse(r.problem);
  });

  it('parses answers with prose around several blocks: setup kept with its assert, prints left out of the reference', () => {
    const r = results.get('chatty')!;
    expect(r.skip).toBeUndefined();
    expect(r.problem.reference).toContain('import math');
    expect(r.problem.reference).not.toContain('print(');
    expect((r.tests[0].spec as { code: string }).code).toBe('x = 3\nassert add_3(x) == 6');
    expect(r.tests[0].raw).toBe('assert add_3(x) == 6');
    expect(r.tests).toHaveLength(6);
  });

  it('keeps the complete asserts of an answer cut at the token limit', () => {
    const r = results.get('cut')!;
    expect(r.skip).toBeUndefined();
    expect(r.tests).toHaveLength(3);
    expect(r.answer?.finishReason).toBe('length');
    expect(r.answer?.notes.join(' ')).toMatch(/dropped 1 trailing line.*cut at the token limit/);
  });

  it('reads unfenced code', () => {
    const r = results.get('bare')!;
    expect(r.skip).toBeUndefined();
    expect(r.tests).toHaveLength(5);
  });

  it('records a skip with the reason for an answer without code, keeping the raw answer', () => {
    const r = results.get('nocode')!;
    expect(r.tests).toEqual([]);
    expect(r.skip).toMatchObject({ problemId: 'nocode', stage: 'testgen', reason: 'no_code' });
    expect(r.answer?.text).toMatch(/I am sorry/);
  });

  it('gives tests that real Python runs against the reference: all pass but the deliberately wrong one', () => {
    const r = results.get('ok')!;
    expect(runTests(r.problem.reference!, r.tests)).toEqual([true, true, true, true, false]);
    const chatty = results.get('chatty')!;
    expect(runTests(chatty.problem.reference!, chatty.tests)).toEqual([true, true, true, true, true, false]);
  });

  it('records llm_request_failed when the server keeps failing, and throws on a fatal endpoint error', async () => {
    const down = await startFakeLlmServer({ fault: () => ({ kind: 'server_error' }), models: ['coder'] });
    try {
      const client = createLlmClient(LlmEndpoint.parse({ baseUrl: down.url, model: 'coder', maxRetries: 1 }), {
        backoff: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      const r = await generateTestsWithLlm(taskProblem(tasks[0]), client);
      expect(r.skip).toMatchObject({ reason: 'llm_request_failed' });
      expect(r.skip?.detail).toMatch(/HTTP 500/);
      const wrongModel = createLlmClient(LlmEndpoint.parse({ baseUrl: down.url, model: 'other' }));
      await expect(generateTestsWithLlm(taskProblem(tasks[0]), wrongModel)).rejects.toThrow(/llm\.llm.*HTTP 404/);
    } finally {
      await down.close();
    }
  });

  it('every problem of a larger mixed set ends with tests or a recorded reason', async () => {
    const many = makeTasks(21);
    const s = await startFakeLlmServer({ answer: scriptedCoder(many), models: ['coder'] });
    try {
      const client = createLlmClient(LlmEndpoint.parse({ baseUrl: s.url, model: 'coder', concurrency: 8 }));
      const out = await Promise.all(many.map((t) => generateTestsWithLlm(taskProblem(t), client)));
      for (const r of out) expect(r.tests.length > 0 !== !!r.skip).toBe(true);
      const ids = out.flatMap((r) => r.tests.map((t) => t.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(out.filter((r) => r.skip).map((r) => r.skip!.reason)).toEqual(['no_code', 'no_code', 'no_code']);
    } finally {
      await s.close();
    }
  });
});
