/**
 * The configuration of the LLM stages as zod schemas: one endpoint shape (base URL, key, model,
 * limits, prices) used by every role, the test generator's and the policy's sampling parameters,
 * and per-round overrides of the policy. Also resolves the environment defaults
 * (`OPENAI_BASE_URL`, `OPENAI_API_KEY`). Does not talk to any server (see check-endpoint.ts).
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** The public OpenAI API, used when neither the config nor OPENAI_BASE_URL names a server. */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Prices in US dollars per million tokens, for the estimated cost in the run stats. */
export const LlmPrices = z.strictObject({
  /** $ per 1M prompt (input) tokens. */
  inputPerMillion: z.number().nonnegative().default(0),
  /** $ per 1M completion (output) tokens. */
  outputPerMillion: z.number().nonnegative().default(0),
});
export type LlmPrices = z.infer<typeof LlmPrices>;

/** Where and how to reach one OpenAI-compatible chat-completions server. */
export const LlmEndpoint = z.strictObject({
  /** Server base URL ending in /v1, e.g. http://127.0.0.1:8000/v1 (vLLM). Default: $OPENAI_BASE_URL, else OpenAI. */
  baseUrl: z.string().url().optional(),
  /** The key itself (prefer `apiKeyEnv`, so keys stay out of config files). */
  apiKey: z.string().min(1).optional(),
  /** Environment variable holding the key. Default OPENAI_API_KEY. */
  apiKeyEnv: z.string().min(1).default('OPENAI_API_KEY'),
  /** Model name as the server knows it (vLLM: the served model name; Ollama: e.g. qwen2.5-coder:7b). */
  model: z.string().min(1),
  /** Requests in flight at once against this endpoint. */
  concurrency: z.number().int().positive().default(16),
  /** Time limit of one HTTP request (ms); a slower answer is abandoned and retried. */
  timeoutMs: z.number().int().positive().default(300_000),
  /** Retries of one request after 429, 5xx, timeouts and dropped connections. */
  maxRetries: z.number().int().nonnegative().default(8),
  /**
   * Request field carrying the completion-token limit: `max_tokens` (vLLM, Ollama, llama.cpp, most
   * models) or `max_completion_tokens` (OpenAI's reasoning models, which reject `max_tokens`).
   */
  maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /** Whether the server honours `n` (several choices per request); unset = detect on the fly. */
  supportsN: z.boolean().optional(),
  /** Prices for the cost estimate (default 0: a local server). */
  prices: LlmPrices.default({ inputPerMillion: 0, outputPerMillion: 0 }),
  /** Extra HTTP headers sent with every request. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type LlmEndpoint = z.infer<typeof LlmEndpoint>;
export type LlmEndpointInput = z.input<typeof LlmEndpoint>;

/** The sampling settings of an LLM role, with that role's defaults. */
function samplingShape(defaults: { temperature: number; topP: number; maxTokens: number }) {
  return {
    temperature: z.number().min(0).max(2).default(defaults.temperature),
    topP: z.number().gt(0).max(1).default(defaults.topP),
    maxTokens: z.number().int().positive().default(defaults.maxTokens),
    seed: z.number().int().optional(),
    stop: z.array(z.string()).optional(),
  };
}

/** The sampling settings (and prompt folder) of a role's resolved config, as request options. */
export function samplingOf(config: LlmTestgenConfig | LlmPolicyConfig) {
  const { temperature, topP, maxTokens, seed, stop, promptDir } = config;
  return { temperature, topP, maxTokens, seed, stop, promptDir };
}

/** The test generator: endpoint + sampling + how many tests to ask for. */
export const LlmTestgenConfig = LlmEndpoint.extend({
  ...samplingShape({ temperature: 0.2, topP: 1, maxTokens: 2048 }),
  /** Tests to ask the model for, per problem. */
  numTests: z.number().int().positive().default(10),
  /** Folder with prompt templates overriding data/prompts/ (testgen.system.md, testgen.user.md). */
  promptDir: z.string().optional(),
});
export type LlmTestgenConfig = z.infer<typeof LlmTestgenConfig>;
export type LlmTestgenConfigInput = z.input<typeof LlmTestgenConfig>;

/** The policy: endpoint + sampling + samples per problem. */
export const LlmPolicyConfig = LlmEndpoint.extend({
  ...samplingShape({ temperature: 0.8, topP: 0.95, maxTokens: 1024 }),
  /** Candidate solutions per problem and round. */
  samples: z.number().int().positive().default(8),
  /** Folder with prompt templates overriding data/prompts/ (policy.system.md, policy.user.md). */
  promptDir: z.string().optional(),
});
export type LlmPolicyConfig = z.infer<typeof LlmPolicyConfig>;
export type LlmPolicyConfigInput = z.input<typeof LlmPolicyConfig>;

/** Every field of `schema` optional and without its default (so an override sets only what it names). */
function overrideOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
      return [key, inner.optional()];
    }),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<z.ZodType<z.output<T[K]>, z.input<T[K]>>> }>;
}

/**
 * Per-round override of the policy (usually a new checkpoint: model and/or baseUrl). Only the
 * fields it names change; the rest come from `policy` (no defaults are filled in here).
 */
export const LlmRoundOverride = overrideOf(LlmPolicyConfig);
export type LlmRoundOverride = z.infer<typeof LlmRoundOverride>;

/** The `llm` section of the run config. Absent roles fall back to the offline generators. */
export const LlmConfig = z.strictObject({
  /** The model that writes tests and reference solutions. */
  testgen: LlmTestgenConfig.optional(),
  /** The policy that samples candidate solutions (round 1, and every round without an override). */
  policy: LlmPolicyConfig.optional(),
  /** Overrides of `policy` per round, keyed by round number: { "2": { model: "ckpt-round-1" } }. */
  rounds: z.record(z.string().regex(/^\d+$/, 'round keys are numbers'), LlmRoundOverride).default({}),
  /** Response cache folder (default: <runDir>/llm-cache, chosen by the caller). */
  cacheDir: z.string().optional(),
});
export type LlmConfig = z.infer<typeof LlmConfig>;
export type LlmConfigInput = z.input<typeof LlmConfig>;

/** An endpoint with its environment defaults applied: what the client actually uses. */
export interface ResolvedEndpoint extends LlmEndpoint {
  baseUrl: string;
  /** The key to send ('EMPTY' for a local server that needs none). */
  apiKey: string;
  /** Where the key came from, for messages (never the key itself). */
  keySource: string;
}

function isOpenAiHost(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname.endsWith('openai.com');
  } catch {
    return false;
  }
}

/**
 * Apply the defaults: base URL from the config, else $OPENAI_BASE_URL, else OpenAI; key from the
 * config, else the env variable `apiKeyEnv`. A hosted OpenAI endpoint with no key is a ConfigError
 * (local servers such as vLLM and Ollama accept any key, so 'EMPTY' is sent).
 */
export function resolveEndpoint(endpoint: LlmEndpoint, role: string, env: NodeJS.ProcessEnv = process.env): ResolvedEndpoint {
  const baseUrl = (endpoint.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ConfigError(`llm.${role}.baseUrl: "${baseUrl}" is not an http(s) URL; set it to the server's /v1 address`);
  }
  const fromEnv = env[endpoint.apiKeyEnv];
  const apiKey = endpoint.apiKey ?? (fromEnv && fromEnv.trim() ? fromEnv.trim() : undefined);
  const keySource = endpoint.apiKey ? `llm.${role}.apiKey` : `$${endpoint.apiKeyEnv}`;
  if (!apiKey && isOpenAiHost(baseUrl)) {
    throw new ConfigError(
      `llm.${role}: no API key for ${baseUrl}; export ${endpoint.apiKeyEnv}=sk-... ` +
        `(or set llm.${role}.apiKeyEnv to the variable holding it), or point llm.${role}.baseUrl at a local server`,
    );
  }
  return { ...endpoint, baseUrl, apiKey: apiKey ?? 'EMPTY', keySource: apiKey ? keySource : 'none (local server)' };
}

/** The policy of round `round`: `policy` with the round's override applied (round 1 = policy as is). */
export function policyForRound(config: LlmConfig, round: number): LlmPolicyConfig {
  if (!config.policy) {
    throw new ConfigError(`llm.policy is not configured; round ${round} needs a policy endpoint (llm.policy.model, llm.policy.baseUrl)`);
  }
  const override = config.rounds[String(round)] ?? {};
  const defined = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
  return LlmPolicyConfig.parse({ ...config.policy, ...defined });
}

/** Parse an `llm` config section; a wrong type is a ConfigError naming the field. */
export function parseLlmConfig(input: unknown, where = 'llm'): LlmConfig {
  const parsed = LlmConfig.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = [where, ...issue.path.map(String)].join('.');
    throw new ConfigError(`${field}: ${issue.message}`);
  }
  return parsed.data;
}
