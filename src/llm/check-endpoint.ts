/**
 * The endpoint preflight: before any stage writes anything, check that each configured endpoint
 * answers, accepts the key and serves the model, and fail fast with a ConfigError saying what to
 * fix. Uses GET /models; when a server does not list models (404 on /models), a one-token chat
 * request checks the model instead. Sends at most two requests per endpoint, without retries.
 */
import OpenAI, { APIError } from 'openai';
import { ConfigError } from '../errors.js';
import { policyForRound, resolveEndpoint, type LlmConfig, type LlmEndpoint, type ResolvedEndpoint } from './config.js';
import { explainEndpointError } from './errors.js';

/** Preflight options. */
export interface CheckEndpointOptions {
  /** Check the test generator (when configured). Default true. */
  testgen?: boolean;
  /** Check the policy of these rounds (when a policy is configured). Default [1]; [] = no policy. */
  rounds?: number[];
  /** Time limit of each preflight request (ms). Default 10 s. */
  timeoutMs?: number;
  /** Environment for the defaults. */
  env?: NodeJS.ProcessEnv;
}

/** What the preflight found for one endpoint. */
export interface EndpointReport {
  role: string;
  baseUrl: string;
  model: string;
  /** Models the server lists (empty when it does not list them). */
  models: string[];
}

/** Check one endpoint; throws ConfigError with the fix when it is unusable. */
export async function checkOneEndpoint(endpoint: LlmEndpoint, role: string, options: CheckEndpointOptions = {}): Promise<EndpointReport> {
  const resolved: ResolvedEndpoint = resolveEndpoint(endpoint, role, options.env);
  const label = { role, baseUrl: resolved.baseUrl, model: resolved.model, keySource: resolved.keySource };
  const sdk = new OpenAI({
    baseURL: resolved.baseUrl,
    apiKey: resolved.apiKey,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10_000,
    defaultHeaders: resolved.headers,
  });
  let models: string[] = [];
  try {
    const page = await sdk.models.list();
    models = page.data.map((m) => m.id);
  } catch (error) {
    if (!(error instanceof APIError && error.status === 404)) throw new ConfigError(explainEndpointError(error, label), { cause: error });
    // This server does not list models: ask for one token instead.
    try {
      await sdk.chat.completions.create({ model: resolved.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 });
    } catch (inner) {
      throw new ConfigError(explainEndpointError(inner, label), { cause: inner });
    }
    return { role, baseUrl: resolved.baseUrl, model: resolved.model, models };
  }
  if (models.length > 0 && !models.includes(resolved.model)) {
    const shown = models.slice(0, 10).join(', ') + (models.length > 10 ? `, ... (${models.length} in all)` : '');
    throw new ConfigError(
      `llm.${role}: model "${resolved.model}" is not served at ${resolved.baseUrl}; set llm.${role}.model to one of: ${shown}`,
    );
  }
  return { role, baseUrl: resolved.baseUrl, model: resolved.model, models };
}

/**
 * Check every endpoint the run will use: the test generator, and the policy of each round in
 * `options.rounds`. Endpoints shared by several roles are checked once. Throws ConfigError on the
 * first unusable one, with the setting to fix.
 */
export async function checkEndpoint(config: LlmConfig, options: CheckEndpointOptions = {}): Promise<EndpointReport[]> {
  const targets: { role: string; endpoint: LlmEndpoint }[] = [];
  if (config.testgen && options.testgen !== false) targets.push({ role: 'testgen', endpoint: config.testgen });
  if (config.policy) {
    for (const round of options.rounds ?? [1]) {
      const role = config.rounds[String(round)] ? `rounds.${round}` : 'policy';
      targets.push({ role, endpoint: policyForRound(config, round) });
    }
  }
  const seen = new Set<string>();
  const reports: EndpointReport[] = [];
  for (const { role, endpoint } of targets) {
    const id = `${endpoint.baseUrl ?? ''}|${endpoint.model}|${endpoint.apiKey ?? endpoint.apiKeyEnv}`;
    if (seen.has(id)) continue;
    seen.add(id);
    reports.push(await checkOneEndpoint(endpoint, role, options));
  }
  return reports;
}
