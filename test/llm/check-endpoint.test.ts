import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../src/llm/check-endpoint.js';
import { parseLlmConfig } from '../../src/llm/config.js';
import { ConfigError } from '../../src/errors.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noEnv = {} as NodeJS.ProcessEnv;

async function fails(config: unknown, env = noEnv): Promise<ConfigError> {
  const err = await checkEndpoint(parseLlmConfig(config), { env, timeoutMs: 3000 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('checkEndpoint', () => {
  it('passes for a reachable server that serves the model, once per shared endpoint', async () => {
    server = await startFakeLlmServer({ models: ['coder', 'policy-ckpt'] });
    const reports = await checkEndpoint(
      parseLlmConfig({ testgen: { baseUrl: server.url, model: 'coder' }, policy: { baseUrl: server.url, model: 'coder' } }),
      { env: noEnv },
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].models).toEqual(['coder', 'policy-ckpt']);
    expect(server.stats.modelsRequests).toBe(1);
    expect(server.stats.chatRequests).toBe(0);
  });

  it('no key for the hosted OpenAI API: says which variable to export', async () => {
    const err = await fails({ testgen: { model: 'gpt-4o-mini' } });
    expect(err.message).toMatch(/no API key for https:\/\/api\.openai\.com\/v1; export OPENAI_API_KEY/);
  });

  it('unreachable host: says to check the base URL', async () => {
    const closed = await startFakeLlmServer();
    const url = closed.url;
    await closed.close();
    const err = await fails({ policy: { baseUrl: url, model: 'm' } });
    expect(err.message).toContain(`llm.policy (${url}, model "m"): cannot reach the server`);
    expect(err.message).toMatch(/check llm\.policy\.baseUrl or \$OPENAI_BASE_URL/);
  });

  it('unknown model: lists what the server serves', async () => {
    server = await startFakeLlmServer({ models: ['qwen2.5-coder:7b'] });
    const err = await fails({ policy: { baseUrl: server.url, model: 'qwen2.5-coder:8b' } });
    expect(err.message).toMatch(/model "qwen2\.5-coder:8b" is not served .* set llm\.policy\.model to one of: qwen2\.5-coder:7b/);
  });

  it('unknown model of a later round, on a server without /models', async () => {
    server = await startFakeLlmServer({ models: ['base'], noModelsRoute: true });
    const config = parseLlmConfig({ policy: { baseUrl: server.url, model: 'base' }, rounds: { '2': { model: 'ckpt-2' } } });
    await expect(checkEndpoint(config, { rounds: [1], env: noEnv })).resolves.toHaveLength(1);
    const err = await checkEndpoint(config, { rounds: [2], env: noEnv }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/llm\.rounds\.2 .*HTTP 404.*check llm\.rounds\.2\.model/);
  });

  it('rejected key: names where the key came from', async () => {
    server = await startFakeLlmServer({ apiKey: 'secret' });
    const err = await fails({ testgen: { baseUrl: server.url, model: 'fake-model', apiKeyEnv: 'MY_KEY' } }, { MY_KEY: 'wrong' });
    expect(err.message).toMatch(/rejected the API key from \$MY_KEY/);
    expect(err.message).not.toContain('wrong');
  });

  it('a config with a wrong type names the field', () => {
    expect(() => parseLlmConfig({ policy: { model: 'm', samples: 'eight' } })).toThrow(/llm\.policy\.samples/);
  });
});
