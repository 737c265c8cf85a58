/**
 * The one LLM client of plum, over the `openai` SDK, for any OpenAI-compatible chat-completions
 * server (OpenAI, vLLM, llama.cpp, Ollama). It adds what a long, paid run needs:
 * - a concurrency limit (p-limit) per client;
 * - its own retry loop (SDK retries off): 429 honouring Retry-After, 5xx, timeouts, dropped
 *   connections, with exponential backoff; 401/403/404 stop at once;
 * - `n` samples per request, falling back to one request per sample when the server returns fewer
 *   choices than asked (then sample i is sent with seed + i so the samples differ);
 * - the on-disk cache (cache.ts): each sample is stored as soon as it arrives, a rerun sends no
 *   request, and after a crash no completed sample is asked for again;
 * - token usage and estimated cost per stage (usage.ts).
 * Chat requests go to /chat/completions; `completeText` sends a plain prompt to /completions (base
 * models, e.g. HumanEval's prompt as is) with the same limits, retries, `n` fallback and cache.
 * It does not build prompts or parse answers (see src/testgen/llm-*.ts, src/sample/llm-*.ts).
 */
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { hashOf } from '../io/hash.js';
import { ResponseCache, sampleCacheKey, type CachedMessages, type CachedSample, type ChatMessage, type SampleRequestKey, type TokenUsage } from './cache.js';
import { resolveEndpoint, type LlmEndpoint, type ResolvedEndpoint } from './config.js';
import { LlmRequestError, explainEndpointError, isFatalStatus } from './errors.js';
import { DEFAULT_BACKOFF, decideRetry, describeError, type BackoffOptions } from './retry.js';
import { UsageLedger, type StageUsage } from './usage.js';

export type { ChatMessage, TokenUsage } from './cache.js';

/** One chat request (the model comes from the client's endpoint). */
export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Base seed; sample i sent on its own uses seed + i. */
  seed?: number;
  stop?: string[];
  /** Enters the cache key but is not sent: e.g. "round-2", so a later round samples afresh. */
  cacheSalt?: string;
}

/** One plain-text completion request to /completions (base models): the prompt is continued as is. */
export interface TextCompletionRequest extends Omit<ChatRequest, 'messages'> {
  prompt: string;
}

/** One sample of an answer. */
export interface Completion {
  /** Position among the request's samples (0..n-1). */
  index: number;
  text: string;
  /** stop | length | content_filter | ... ("length" = cut at maxTokens). */
  finishReason: string;
  /** Prompt tokens of the request; this sample's share of the completion tokens. */
  usage: TokenUsage;
  /** Answered from the on-disk cache. */
  cached: boolean;
  /** The cache key (hash of the full request and the index). */
  key: string;
  /** Model name the server reported. */
  servedModel: string;
}

/** Per-call options. */
export interface CompleteOptions {
  /** Samples wanted. Default 1. */
  n?: number;
  /** Stage name for the usage ledger. Default "llm". */
  stage?: string;
}

/** Client options (all defaults here). */
export interface LlmClientOptions {
  /** Role name for messages and config paths (testgen, policy). Default "llm". */
  role?: string;
  /** Cache folder; undefined = no cache (every call asks the server). */
  cacheDir?: string;
  /** Backoff between retries. */
  backoff?: BackoffOptions;
  /** Called before each retry (e.g. to log on stderr). */
  onRetry?: (event: { kind: string; attempt: number; delayMs: number; message: string }) => void;
  /** Environment for the defaults (OPENAI_BASE_URL, OPENAI_API_KEY). */
  env?: NodeJS.ProcessEnv;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client bound to one endpoint and model. */
export class LlmClient {
  readonly endpoint: ResolvedEndpoint;
  readonly role: string;
  private readonly sdk: OpenAI;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly cache?: ResponseCache;
  private readonly ledger: UsageLedger;
  private readonly backoff: BackoffOptions;
  private readonly onRetry?: LlmClientOptions['onRetry'];
  /** Learned on the fly when the endpoint's `supportsN` is unset. */
  private honoursN: boolean | undefined;

  constructor(endpoint: LlmEndpoint | ResolvedEndpoint, options: LlmClientOptions = {}) {
    this.role = options.role ?? 'llm';
    this.endpoint = 'keySource' in endpoint ? (endpoint as ResolvedEndpoint) : resolveEndpoint(endpoint, this.role, options.env);
    this.sdk = new OpenAI({
      baseURL: this.endpoint.baseUrl,
      apiKey: this.endpoint.apiKey,
      maxRetries: 0,
      timeout: this.endpoint.timeoutMs,
      defaultHeaders: this.endpoint.headers,
    });
    this.limit = pLimit(this.endpoint.concurrency);
    this.cache = options.cacheDir ? new ResponseCache(options.cacheDir) : undefined;
    this.ledger = new UsageLedger(this.endpoint.prices);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.onRetry = options.onRetry;
    this.honoursN = this.endpoint.supportsN;
  }

  /** The model this client asks. */
  get model(): string {
    return this.endpoint.model;
  }

  /** The underlying `openai` SDK client (for calls plum does not wrap; no retries, no cache). */
  get raw(): OpenAI {
    return this.sdk;
  }

  /** Close the cache's open files (the client stays usable). */
  async close(): Promise<void> {
    await this.cache?.close();
  }

  /** Usage and estimated cost per stage so far. */
  usage(): Record<string, StageUsage> {
    return this.ledger.snapshot();
  }

  /** The messages as sent, and their hash. */
  private messagesOf(request: ChatRequest): CachedMessages {
    const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
    return { messagesHash: hashOf(messages), messages };
  }

  /** The cache key of sample `index` of `request` (its hash names the cache entry). */
  keyOf(request: ChatRequest, index: number, messagesHash = this.messagesOf(request).messagesHash, api?: 'completions'): SampleRequestKey {
    return {
      model: this.endpoint.model,
      messagesHash,
      temperature: request.temperature ?? 1,
      topP: request.topP ?? 1,
      maxTokens: request.maxTokens ?? 1024,
      seed: request.seed ?? null,
      stop: request.stop && request.stop.length ? request.stop : null,
      index,
      ...(request.cacheSalt ? { salt: request.cacheSalt } : {}),
      ...(api ? { api } : {}),
    };
  }

  /**
   * `n` samples of one chat request, cached ones from disk, the rest from the server. Throws an
   * LlmRequestError when the server cannot answer (after retries); `fatal` on it says whether
   * any other request could succeed.
   */
  async complete(request: ChatRequest, options: CompleteOptions = {}): Promise<Completion[]> {
    return this.sample(request, undefined, options);
  }

  /**
   * `n` continuations of a plain prompt from the /completions endpoint (base models), cached and
   * retried like `complete`. The cache stores the prompt as one user message, keyed apart from chat.
   */
  async completeText(request: TextCompletionRequest, options: CompleteOptions = {}): Promise<Completion[]> {
    const { prompt, ...rest } = request;
    return this.sample({ ...rest, messages: [{ role: 'user', content: prompt }] }, 'completions', options);
  }

  private async sample(request: ChatRequest, api: 'completions' | undefined, options: CompleteOptions): Promise<Completion[]> {
    const n = options.n ?? 1;
    const stage = options.stage ?? 'llm';
    const messages = this.messagesOf(request);
    const keys = Array.from({ length: n }, (_, i) => this.keyOf(request, i, messages.messagesHash, api));
    const hashes = keys.map(sampleCacheKey);
    const results: (Completion | undefined)[] = Array.from({ length: n }, () => undefined);
    if (this.cache) {
      const hits = await this.cache.getMany(hashes);
      hits.forEach((hit, i) => {
        if (!hit) return;
        results[i] = this.toCompletion(hit, true);
        this.ledger.recordCached(stage, hit.usage.promptTokens, hit.usage.completionTokens);
        if (hit.finishReason === 'length') this.ledger.recordTruncated(stage); // a property of the sample, cached or not
      });
    }
    let missing = results.map((r, i) => (r ? -1 : i)).filter((i) => i >= 0);
    // Each round either fills at least one sample or throws, so this ends within n rounds.
    for (let round = 0; missing.length > 0 && round <= n; round += 1) {
      if (missing.length > 1 && this.honoursN !== false) {
        const got = await this.requestChoices(messages, keys, hashes, missing, stage);
        got.forEach((c) => (results[c.index] = c));
        if (got.length < missing.length && this.endpoint.supportsN === undefined && got.length <= 1) this.honoursN = false;
        else if (got.length === missing.length && this.endpoint.supportsN === undefined) this.honoursN = true;
      } else {
        const got = await Promise.all(missing.map((i) => this.requestChoices(messages, keys, hashes, [i], stage)));
        for (const list of got) list.forEach((c) => (results[c.index] = c));
      }
      missing = results.map((r, i) => (r ? -1 : i)).filter((i) => i >= 0);
    }
    if (missing.length > 0) {
      throw new LlmRequestError(`llm.${this.role}: the server returned no choices for ${missing.length} of ${n} samples`, 'no_choices', false, 0);
    }
    return results as Completion[];
  }

  private toCompletion(entry: CachedSample, cached: boolean): Completion {
    return {
      index: entry.request.index,
      text: entry.text,
      finishReason: entry.finishReason,
      usage: entry.usage,
      cached,
      key: entry.key,
      servedModel: entry.servedModel,
    };
  }

  /** One HTTP request for the samples `indices` (n = indices.length), stored in the cache on arrival. */
  private async requestChoices(
    messages: CachedMessages,
    keys: SampleRequestKey[],
    hashes: string[],
    indices: number[],
    stage: string,
  ): Promise<Completion[]> {
    const first = keys[indices[0]];
    const common: Record<string, unknown> = { model: first.model, temperature: first.temperature, top_p: first.topP, n: indices.length };
    // The legacy /completions endpoint only knows max_tokens.
    if (this.endpoint.maxTokensParam === 'max_completion_tokens' && !first.api) common.max_completion_tokens = first.maxTokens;
    else common.max_tokens = first.maxTokens;
    if (first.seed !== null) common.seed = first.seed + indices[0];
    if (first.stop) common.stop = first.stop;
    if (indices.length === 1) delete common.n;
    const response: OpenAI.Chat.ChatCompletion | OpenAI.Completion = await this.limit((): Promise<OpenAI.Chat.ChatCompletion | OpenAI.Completion> =>
      first.api === 'completions'
        ? this.send(() => this.sdk.completions.create({ ...common, prompt: messages.messages[0].content } as unknown as OpenAI.CompletionCreateParamsNonStreaming), stage)
        : this.send(() => this.sdk.chat.completions.create({ ...common, messages: messages.messages } as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming), stage),
    );
    const choices = [...((response.choices ?? []) as (OpenAI.Chat.ChatCompletion.Choice | OpenAI.CompletionChoice)[])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).slice(0, indices.length);
    const promptTokens = response.usage?.prompt_tokens ?? 0;
    const completionTotal = response.usage?.completion_tokens ?? 0;
    this.ledger.recordResponse(stage, promptTokens, completionTotal, choices.length, indices.length);
    const entries: CachedSample[] = [];
    for (let j = 0; j < choices.length; j += 1) {
      const choice = choices[j];
      const index = indices[j];
      const finishReason = choice.finish_reason ?? 'unknown';
      if (finishReason === 'length') this.ledger.recordTruncated(stage);
      const entry: CachedSample = {
        key: hashes[index],
        request: keys[index],
        text: ('message' in choice ? choice.message?.content : (choice as OpenAI.CompletionChoice).text) ?? '',
        finishReason,
        usage: { promptTokens, completionTokens: Math.round(completionTotal / Math.max(1, choices.length)) },
        servedModel: response.model ?? first.model,
        createdAt: new Date().toISOString(),
      };
      entries.push(entry);
    }
    if (this.cache) await this.cache.putMany(entries, messages);
    return entries.map((e) => this.toCompletion(e, false));
  }

  /** Send one request (`call` makes it) with the retry loop. */
  private async send<T>(call: () => Promise<T>, stage: string): Promise<T> {
    const maxRetries = this.endpoint.maxRetries;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const label = { role: this.role, baseUrl: this.endpoint.baseUrl, model: this.endpoint.model, keySource: this.endpoint.keySource };
        if (isFatalStatus(error)) {
          this.ledger.recordFailure(stage);
          throw new LlmRequestError(explainEndpointError(error, label), 'client_error', true, attempt + 1, { cause: error });
        }
        const decision = decideRetry(error, attempt, this.backoff);
        if (!decision.retry || attempt >= maxRetries) {
          this.ledger.recordFailure(stage);
          const why = decision.retry ? `gave up after ${attempt + 1} attempts` : 'not retried';
          throw new LlmRequestError(`llm.${this.role} (${this.endpoint.baseUrl}): ${describeError(error)} (${why})`, decision.kind, false, attempt + 1, {
            cause: error,
          });
        }
        this.ledger.recordRetry(stage, decision.kind);
        this.onRetry?.({ kind: decision.kind, attempt: attempt + 1, delayMs: decision.delayMs, message: describeError(error) });
        await sleep(decision.delayMs);
      }
    }
  }
}

/** Make a client for one endpoint (defaults from the environment applied). */
export function createLlmClient(endpoint: LlmEndpoint | ResolvedEndpoint, options: LlmClientOptions = {}): LlmClient {
  return new LlmClient(endpoint, options);
}
