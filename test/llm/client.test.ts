import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient, type LlmClientOptions } from '../../src/llm/client.js';
import { LlmEndpoint, type LlmEndpointInput } from '../../src/llm/config.js';
import { LlmRequestError } from '../../src/llm/errors.js';
import { startFakeLlmServer, type FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';

const fast = { baseDelayMs: 5, maxDelayMs: 3000 };
let dir: string;
let server: FakeLlmServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-client-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function setup(serverOptions: FakeLlmServerOptions, endpoint: Partial<LlmEndpointInput> = {}, options: LlmClientOptions = {}) {
  server = await startFakeLlmServer(serverOptions);
  const ep = LlmEndpoint.parse({ baseUrl: server.url, model: 'fake-model', apiKey: 'k', timeoutMs: 5000, ...endpoint });
  const make = () => createLlmClient(ep, { cacheDir: join(dir, 'cache'), backoff: fast, role: 'policy', ...options });
  return { server, make };
}

const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }], temperature: 0.8, maxTokens: 64, seed: 7 });

describe('LlmClient', () => {
  it('asks for n samples in one request, caches each, and a rerun sends zero requests', async () => {
    const { server, make } = await setup({ answer: (_r, i) => `answer ${i}` });
    const first = await make().complete(ask('hello'), { n: 4, stage: 'policy' });
    expect(first.map((c) => c.text)).toEqual(['answer 0', 'answer 1', 'answer 2', 'answer 3']);
    expect(first.every((c) => !c.cached)).toBe(true);
    expect(server.stats.chatRequests).toBe(1);

    server.reset();
    const client = make();
    const again = await client.complete(ask('hello'), { n: 4, stage: 'policy' });
    expect(server.stats.chatRequests).toBe(0);
    expect(again.map((c) => c.text)).toEqual(first.map((c) => c.text));
    expect(again.every((c) => c.cached)).toBe(true);
    expect(client.usage().policy.cachedSamples).toBe(4);

    // Asking for more samples of the same request only fetches the new ones.
    const more = await client.complete(ask('hello'), { n: 6, stage: 'policy' });
    expect(server.stats.chatRequests).toBe(1);
    expect(server.stats.log[0].n).toBe(2);
    expect(more.slice(0, 4).map((c) => c.text)).toEqual(first.map((c) => c.text));
  });

  it('sends plain prompts to /completions (base models), cached apart from the same text sent as chat', async () => {
    const { server, make } = await setup({ answer: (r, i) => `${r.api} ${i}` });
    const text = { prompt: 'def f():\n', temperature: 0.8, maxTokens: 64, seed: 7, stop: ['\ndef '] };
    const first = await make().completeText(text, { n: 2 });
    expect(first.map((c) => c.text)).toEqual(['completions 0', 'completions 1']);
    expect(server.stats.log.map((e) => e.path)).toEqual(['/v1/completions']);
    const chat = await make().complete({ messages: [{ role: 'user', content: 'def f():\n' }], temperature: 0.8, maxTokens: 64, seed: 7, stop: ['\ndef '] }, { n: 2 });
    expect(chat.map((c) => c.text)).toEqual(['chat 0', 'chat 1']);
    server.reset();
    const again = await make().completeText(text, { n: 2 });
    expect(again.map((c) => [c.text, c.cached])).toEqual([['completions 0', true], ['completions 1', true]]);
    expect(server.stats.chatRequests).toBe(0);
  });

  it('falls back to one request per sample, with distinct seeds, when the server ignores n', async () => {
    const seeds: (number | undefined)[] = [];
    const { server, make } = await setup({
      ignoreN: true,
      answer: (r) => {
        seeds.push(r.seed);
        return `seed ${r.seed}`;
      },
    });
    const client = make();
    const out = await client.complete(ask('x'), { n: 4 });
    expect(out).toHaveLength(4);
    expect(new Set(out.map((c) => c.text)).size).toBe(4);
    expect(new Set(seeds).size).toBe(4);
    expect(server.stats.chatRequests).toBe(4); // 1 (n=4, got 1) + 3 single requests
    // Once learned, the next call goes straight to single requests.
    server.reset();
    await client.complete(ask('y'), { n: 3 });
    expect(server.stats.log.every((e) => (e.n ?? 1) === 1)).toBe(true);
    expect(server.stats.chatRequests).toBe(3);
    expect(client.usage().llm.shortChoiceRequests).toBe(1);
  });

  it('waits the Retry-After of a 429 before retrying', async () => {
    const { server, make } = await setup({ fault: (_r, attempt) => (attempt === 0 ? { kind: 'rate_limit', retryAfterSeconds: 1 } : undefined) });
    const client = make();
    const [c] = await client.complete(ask('rl'));
    expect(c.text).toContain('def solution');
    const [a, b] = server.stats.log;
    expect(a.status).toBe(429);
    expect(b.status).toBe(200);
    expect(b.at - a.at).toBeGreaterThanOrEqual(950); // the hint was honoured, not the 5 ms backoff
    expect(client.usage().llm.retries).toEqual({ rate_limit: 1 });
  });

  it('retries 500s, dropped connections and answers slower than the timeout', async () => {
    const faults = ['server_error', 'drop', 'slow'] as const;
    const { server, make } = await setup(
      {
        fault: (r, attempt) => {
          if (attempt > 0) return undefined;
          const kind = faults[Number(r.prompt.slice(-1))];
          return kind === 'slow' ? { kind, delayMs: 3000 } : { kind };
        },
      },
      { timeoutMs: 400 },
    );
    const client = make();
    const out = await Promise.all([0, 1, 2].map((i) => client.complete(ask(`fault ${i}`))));
    expect(out.every(([c]) => c.text.includes('def solution'))).toBe(true);
    const retries = client.usage().llm.retries;
    expect(retries.server_error).toBe(1);
    expect(retries.timeout).toBe(1);
    expect(retries.connection).toBe(1);
    expect(server.stats.byStatus[500]).toBe(1);
  });

  it('gives up after maxRetries with a non-fatal LlmRequestError', async () => {
    const { server, make } = await setup({ fault: () => ({ kind: 'server_error', status: 503 }) }, { maxRetries: 2 });
    const err = await make().complete(ask('down')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmRequestError);
    expect((err as LlmRequestError).fatal).toBe(false);
    expect((err as LlmRequestError).attempts).toBe(3);
    expect(server.stats.chatRequests).toBe(3);
  });

  it('stops at once on a rejected key or an unknown model, saying what to fix', async () => {
    const { server, make } = await setup({ apiKey: 'right' }, { apiKey: 'wrong' });
    const bad = await make().complete(ask('k')).catch((e: unknown) => e as LlmRequestError);
    expect(bad).toBeInstanceOf(LlmRequestError);
    expect((bad as LlmRequestError).fatal).toBe(true);
    expect((bad as Error).message).toMatch(/rejected the API key from llm\.policy\.apiKey/);
    expect(server.stats.chatRequests).toBe(0); // 401 before the route is read
    await server.close();

    const second = await setup({}, { model: 'nope' });
    const unknown = await second.make().complete(ask('m')).catch((e: unknown) => e as LlmRequestError);
    expect((unknown as LlmRequestError).fatal).toBe(true);
    expect((unknown as Error).message).toMatch(/check llm\.policy\.model/);
    expect(second.server.stats.chatRequests).toBe(1);
  });

  it('stops at once on a rejected parameter, naming the setting; max_completion_tokens when configured', async () => {
    const { server, make } = await setup({ rejectParams: ['max_tokens'] });
    const err = await make().complete(ask('p')).catch((e: unknown) => e as LlmRequestError);
    expect((err as LlmRequestError).fatal).toBe(true);
    expect((err as Error).message).toMatch(/rejects the parameter "max_tokens".*set llm\.policy\.maxTokensParam: max_completion_tokens/);
    const ok = createLlmClient(LlmEndpoint.parse({ baseUrl: server.url, model: 'fake-model', maxTokensParam: 'max_completion_tokens' }), { backoff: fast });
    await expect(ok.complete(ask('p'))).resolves.toHaveLength(1);
  });

  it('keeps the finish reason of truncated answers and accounts tokens and cost per stage', async () => {
    const { make } = await setup(
      { answer: () => ({ content: '```python\ndef f(x):\n    return', finishReason: 'length' }) },
      { prices: { inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 } },
    );
    const client = make();
    const out = await client.complete(ask('cut'), { n: 2, stage: 'testgen' });
    expect(out.map((c) => c.finishReason)).toEqual(['length', 'length']);
    const u = client.usage().testgen;
    expect(u.truncatedSamples).toBe(2);
    expect(u.promptTokens).toBeGreaterThan(0);
    expect(u.completionTokens).toBeGreaterThan(0);
    expect(u.estimatedCostUsd).toBeCloseTo(u.promptTokens * 1 + u.completionTokens * 2, 6);
  });

  it('works without a cache (every call asks)', async () => {
    const { server } = await setup({});
    const client = createLlmClient(LlmEndpoint.parse({ baseUrl: server.url, model: 'fake-model' }), { backoff: fast });
    await client.complete(ask('a'));
    await client.complete(ask('a'));
    expect(server.stats.chatRequests).toBe(2);
  });
});
