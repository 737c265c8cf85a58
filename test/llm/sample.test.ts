import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient, type LlmClient } from '../../src/llm/client.js';
import { LlmEndpoint } from '../../src/llm/config.js';
import { extractProgram } from '../../src/llm/extract-code.js';
import { Sample } from '../../src/records.js';
import { buildPolicyMessages } from '../../src/sample/llm-prompt.js';
import { samplePolicy } from '../../src/sample/llm-policy.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { scriptedCoder, taskProblem, type ScriptedTask } from './support/scripted-coder.js';

const tasks: ScriptedTask[] = [
  { id: 'p-ok', k: 1, mode: 'ok', withSignature: true },
  { id: 'p-misnamed', k: 2, mode: 'misnamed', withSignature: true },
  { id: 'p-nocode', k: 3, mode: 'no-code', withSignature: true },
];
let server: FakeLlmServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-sample-'));
  server = await startFakeLlmServer({ answer: scriptedCoder(tasks), models: ['policy'] });
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const opened: LlmClient[] = [];
const client = (cache = 'cache') => {
  const c = createLlmClient(LlmEndpoint.parse({ baseUrl: server.url, model: 'policy' }), { cacheDir: join(dir, cache), role: 'policy' });
  opened.push(c);
  return c;
};

describe('policy prompt', () => {
  it('is the instruction plus the signature the tests call', () => {
    const messages = buildPolicyMessages(taskProblem(tasks[0]));
    const user = messages[messages.length - 1].content;
    expect(user.startsWith('Task p-ok: write a Python function add_1')).toBe(true);
    expect(user).toContain('```python\ndef add_1(x: int) -> int:\n```');
    expect(messages[0].role).toBe('system');
  });
});

describe('extractProgram', () => {
  it('picks the block that defines the entry point among several', () => {
    const text = 'Use it like this:\n```python\nprint(f(2))\n```\nSolution:\n```python\nimport os\n\ndef f(x):\n    return x\n```\n';
    expect(extractProgram(text, 'f')).toMatchObject({ code: 'import os\n\ndef f(x):\n    return x\n', definesEntryPoint: true, blockCount: 2 });
  });
  it('reads an unterminated block of a truncated answer and unfenced code', () => {
    expect(extractProgram('```python\ndef f(x):\n    return (x +', 'f')).toMatchObject({ definesEntryPoint: true, truncated: true });
    expect(extractProgram('Here you go:\ndef f(x):\n    return x\n\nThis returns x.', 'f').code).toBe('def f(x):\n    return x\n');
  });
  it('ignores code drafted inside the reasoning of thinking models', () => {
    const text = '<think>\nMaybe:\n```python\ndef f(x):\n    return 0\n```\nNo, better add one.\n</think>\n```python\ndef f(x):\n    return x + 1\n```';
    expect(extractProgram(text, 'f').code).toBe('def f(x):\n    return x + 1\n');
    expect(extractProgram('<think>\n```python\ndef f(x):\n    return 0\n```\nstill thinking', 'f')).toMatchObject({ code: '', definesEntryPoint: false });
  });
  it('flags a missing entry point', () => {
    expect(extractProgram('```python\ndef g(x):\n    return x\n```', 'f').definesEntryPoint).toBe(false);
    expect(extractProgram('no code at all', 'f')).toMatchObject({ code: '', definesEntryPoint: false });
  });
});

describe('samplePolicy', () => {
  it('samples n candidates in one request, keeping raw text, code, finish reason and usage', async () => {
    server.reset();
    const r = await samplePolicy(taskProblem(tasks[0]), client(), { samples: 4, round: 1, seed: 10 });
    expect(server.stats.chatRequests).toBe(1);
    expect(r.samples).toHaveLength(4);
    for (const s of r.samples) Sample.parse(s);
    const [s0] = r.samples;
    expect(s0).toMatchObject({ id: 'p-ok::r1::s0', round: 1, index: 0, finishReason: 'stop', missingEntryPoint: false, provenance: { generator: 'llm-policy', model: 'policy' } });
    expect(s0.raw).toContain('Here is my solution.');
    expect(s0.code).toMatch(/^def add_1\(x: int\) -> int:\n {4}return/);
    expect(s0.usage!.promptTokens).toBeGreaterThan(0);
    expect(new Set(r.samples.map((s) => s.code)).size).toBe(2); // correct and wrong variants
  });

  it('flags samples that do not define the entry point or contain no code', async () => {
    const mis = await samplePolicy(taskProblem(tasks[1]), client(), { samples: 4, seed: 0 });
    expect(mis.samples.map((s) => s.missingEntryPoint)).toEqual([true, false, true, false]);
    const none = await samplePolicy(taskProblem(tasks[2]), client(), { samples: 2, seed: 0 });
    expect(none.samples[1]).toMatchObject({ code: '', missingEntryPoint: true });
  });

  it('a rerun of the same round sends no request; another round samples afresh', async () => {
    await samplePolicy(taskProblem(tasks[0]), client('rounds'), { samples: 3, round: 1 });
    server.reset();
    const again = await samplePolicy(taskProblem(tasks[0]), client('rounds'), { samples: 3, round: 1 });
    expect(server.stats.chatRequests).toBe(0);
    expect(again.samples).toHaveLength(3);
    await samplePolicy(taskProblem(tasks[0]), client('rounds'), { samples: 3, round: 2 });
    expect(server.stats.chatRequests).toBe(1);
  });

  it('gets all n samples from a server that ignores n', async () => {
    const lazy = await startFakeLlmServer({ answer: scriptedCoder(tasks), models: ['policy'], ignoreN: true });
    try {
      const c = createLlmClient(LlmEndpoint.parse({ baseUrl: lazy.url, model: 'policy' }));
      const r = await samplePolicy(taskProblem(tasks[0]), c, { samples: 5, seed: 1 });
      expect(r.samples.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
      expect(lazy.stats.chatRequests).toBe(5);
      expect(new Set(r.samples.map((s) => s.code)).size).toBe(2);
    } finally {
      await lazy.close();
    }
  });
});
