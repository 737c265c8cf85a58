import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { LlmEndpoint, parseLlmConfig, policyForRound, resolveEndpoint } from '../../src/llm/config.js';

describe('LLM config', () => {
  it('takes the base URL and key from OPENAI_BASE_URL / OPENAI_API_KEY by default', () => {
    const ep = resolveEndpoint(LlmEndpoint.parse({ model: 'm' }), 'policy', { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1/', OPENAI_API_KEY: 'sk-x' });
    expect(ep).toMatchObject({ baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'sk-x', keySource: '$OPENAI_API_KEY' });
  });

  it('sends a placeholder key to a local server that needs none, but requires one for OpenAI', () => {
    expect(resolveEndpoint(LlmEndpoint.parse({ model: 'm', baseUrl: 'http://localhost:11434/v1' }), 'policy', {}).apiKey).toBe('EMPTY');
    expect(() => resolveEndpoint(LlmEndpoint.parse({ model: 'gpt-4o' }), 'testgen', {})).toThrow(ConfigError);
  });

  it('a round override changes only the fields it names', () => {
    const config = parseLlmConfig({ policy: { model: 'base', samples: 4, temperature: 0.5 }, rounds: { '2': { model: 'ckpt-2' } } });
    expect(policyForRound(config, 1)).toMatchObject({ model: 'base', samples: 4, temperature: 0.5 });
    expect(policyForRound(config, 2)).toMatchObject({ model: 'ckpt-2', samples: 4, temperature: 0.5 });
  });

  it('rejects typos and wrong types, naming the field', () => {
    expect(() => parseLlmConfig({ policy: { model: 'm', temprature: 1 } })).toThrow(/llm\.policy.*temprature/);
    expect(() => parseLlmConfig({ rounds: { '2': { modle: 'x' } } })).toThrow(/llm\.rounds\.2.*modle/);
    expect(() => parseLlmConfig({ testgen: { model: 'm', baseUrl: 'not a url' } })).toThrow(/llm\.testgen\.baseUrl/);
    expect(() => policyForRound(parseLlmConfig({}), 1)).toThrow(/llm\.policy is not configured/);
  });
});
