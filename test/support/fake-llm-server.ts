/**
 * A local OpenAI-compatible HTTP server for tests and benchmarks: POST /v1/chat/completions,
 * POST /v1/completions (plain prompts, as base models are served) and GET /v1/models on 127.0.0.1 (a random free port), serving scripted answers and injecting faults
 * on demand: 429 with Retry-After, 500, an answer slower than the client's timeout, a dropped
 * connection, a server that ignores `n`, an unknown model (404), a wrong key (401). It counts every
 * request, so tests can assert "a rerun sends zero requests". Loopback only; no real model.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';

/** A chat request as the server saw it. */
export interface FakeChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  n: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[] | string;
  /** Hash of the whole request body: equal for a retry of the same request. */
  bodyKey: string;
  /** The last user message (where the scripted answer usually looks); for /completions the prompt. */
  prompt: string;
  /** Which endpoint was asked: 'chat' (/chat/completions) or 'completions' (/completions; `messages` holds the prompt as one user message). */
  api: 'chat' | 'completions';
}

/** A scripted answer: the text, or the text and its finish reason ("length" = truncated). */
export type FakeAnswer = string | { content: string | null; finishReason?: string };

/** A fault to inject instead of (or before) an answer. */
export type FakeFault =
  | { kind: 'rate_limit'; retryAfterSeconds?: number; retryAfterMs?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop' };

export interface FakeLlmServerOptions {
  /** The answer of choice `index` of a request. Default: a fenced `def solution(): ...`. */
  answer?: (request: FakeChatRequest, index: number) => FakeAnswer;
  /** A fault for this request; `attempt` counts earlier requests with the same body (0 = first). */
  fault?: (request: FakeChatRequest, attempt: number) => FakeFault | undefined;
  /** Return one choice whatever `n` asks (like some servers). */
  ignoreN?: boolean;
  /** Models listed by GET /models; a chat request for another model gets 404. Default ['fake-model']. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Latency added to every answer (ms). Default 0. */
  delayMs?: number;
  /** GET /models answers 404 (a server that does not list models). */
  noModelsRoute?: boolean;
  /** Request fields answered with 400 unsupported_parameter (like OpenAI reasoning models and max_tokens). */
  rejectParams?: string[];
}

/** One request in the server's log. */
export interface FakeLogEntry {
  path: string;
  status: number;
  bodyKey?: string;
  n?: number;
  choices?: number;
  fault?: string;
  /** The client went away before the answer was sent (e.g. it timed out). */
  abandoned?: boolean;
  at: number;
}

/** Counters the tests assert on. */
export interface FakeStats {
  /** POST /chat/completions and /completions requests received (any outcome). */
  chatRequests: number;
  /** Those answered with 200 and delivered. */
  chatAnswered: number;
  /** GET /models requests. */
  modelsRequests: number;
  byStatus: Record<number, number>;
  log: FakeLogEntry[];
}

export interface FakeLlmServer {
  /** Base URL ending in /v1, for `baseUrl` / OPENAI_BASE_URL. */
  url: string;
  port: number;
  stats: FakeStats;
  /** Zero the counters and the attempt memory. */
  reset(): void;
  close(): Promise<void>;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A rough token count (4 characters a token) for the usage fields. */
function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const defaultAnswer = (): FakeAnswer => '```python\ndef solution():\n    return 42\n```';

/** Start the server on 127.0.0.1 and a free port. */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const models = options.models ?? ['fake-model'];
  const answer = options.answer ?? defaultAnswer;
  const attempts = new Map<string, number>();
  const stats: FakeStats = { chatRequests: 0, chatAnswered: 0, modelsRequests: 0, byStatus: {}, log: [] };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let created = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const log = (entry: Omit<FakeLogEntry, 'at'>) => {
    stats.byStatus[entry.status] = (stats.byStatus[entry.status] ?? 0) + 1;
    stats.log.push({ ...entry, at: Date.now() });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').replace(/\?.*$/, '');
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      log({ path, status: 401 });
      await readBody(req);
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      stats.modelsRequests += 1;
      if (options.noModelsRoute) {
        log({ path, status: 404 });
        return sendJson(res, 404, { error: { message: 'Not Found' } });
      }
      log({ path, status: 200 });
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    }
    const api = path === '/v1/completions' ? 'completions' : 'chat';
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/completions')) {
      log({ path, status: 404 });
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    }
    stats.chatRequests += 1;
    const text = await readBody(req);
    const body = JSON.parse(text) as Omit<FakeChatRequest, 'bodyKey' | 'prompt' | 'n' | 'api'> & { n?: number; prompt?: string };
    const messages = api === 'completions' ? [{ role: 'user', content: String(body.prompt ?? '') }] : body.messages;
    const request: FakeChatRequest = {
      ...body,
      messages,
      n: body.n ?? 1,
      bodyKey: hashText(text),
      prompt: [...messages].reverse().find((m) => m.role === 'user')?.content ?? '',
      api,
    };
    if (!models.includes(request.model)) {
      log({ path, status: 404, bodyKey: request.bodyKey });
      return sendJson(res, 404, {
        error: { message: `The model \`${request.model}\` does not exist.`, type: 'invalid_request_error', code: 'model_not_found' },
      });
    }
    const rejected = (options.rejectParams ?? []).find((p) => p in body);
    if (rejected) {
      log({ path, status: 400, bodyKey: request.bodyKey });
      return sendJson(res, 400, {
        error: { message: `Unsupported parameter: '${rejected}' is not supported with this model.`, type: 'invalid_request_error', param: rejected, code: 'unsupported_parameter' },
      });
    }
    const attempt = attempts.get(request.bodyKey) ?? 0;
    attempts.set(request.bodyKey, attempt + 1);
    const fault = options.fault?.(request, attempt);
    if (fault?.kind === 'rate_limit') {
      log({ path, status: 429, bodyKey: request.bodyKey, fault: fault.kind });
      const headers: Record<string, string> = {};
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      return sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, headers);
    }
    if (fault?.kind === 'server_error') {
      const status = fault.status ?? 500;
      log({ path, status, bodyKey: request.bodyKey, fault: fault.kind });
      return sendJson(res, status, { error: { message: 'The server had an error while processing your request', type: 'server_error' } });
    }
    if (fault?.kind === 'drop') {
      log({ path, status: 0, bodyKey: request.bodyKey, fault: fault.kind });
      req.socket.destroy();
      return;
    }
    const delay = (fault?.kind === 'slow' ? fault.delayMs : 0) + (options.delayMs ?? 0);
    if (delay > 0) await wait(delay);
    const count = options.ignoreN ? 1 : Math.max(1, request.n);
    const answers = Array.from({ length: count }, (_, index) => {
      const a = answer(request, index);
      return typeof a === 'string' ? { index, content: a, finishReason: 'stop' } : { index, content: a.content, finishReason: a.finishReason ?? 'stop' };
    });
    const choices = answers.map(({ index, content, finishReason }) =>
      api === 'completions'
        ? { index, text: content ?? '', finish_reason: finishReason, logprobs: null }
        : { index, message: { role: 'assistant', content }, finish_reason: finishReason, logprobs: null },
    );
    const promptTokens = tokensOf(request.messages.map((m) => m.content).join('\n'));
    const completionTokens = answers.reduce((s, c) => s + tokensOf(c.content ?? ''), 0);
    const abandoned = res.destroyed || req.socket.destroyed;
    log({ path, status: 200, bodyKey: request.bodyKey, n: request.n, choices: count, fault: fault?.kind, abandoned });
    if (abandoned) return;
    stats.chatAnswered += 1;
    created += 1;
    sendJson(res, 200, {
      id: `${api === 'chat' ? 'chatcmpl' : 'cmpl'}-fake-${created}`,
      object: api === 'chat' ? 'chat.completion' : 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices,
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server bug: ${(err as Error).message}` } });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    reset() {
      stats.chatRequests = 0;
      stats.chatAnswered = 0;
      stats.modelsRequests = 0;
      stats.byStatus = {};
      stats.log = [];
      attempts.clear();
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A stable number in [0, 1) from a request's messages (not its sampling parameters). */
export function requestFraction(request: FakeChatRequest, salt = ''): number {
  const h = hashText(salt + JSON.stringify(request.messages));
  return parseInt(h.slice(0, 8), 16) / 0x1_0000_0000;
}

/** Rates of faults on a request's first attempt, chosen by a hash of its messages (deterministic). */
export interface FaultRates {
  rateLimit?: number;
  serverError?: number;
  slow?: number;
  drop?: number;
  /** Delay of a slow answer (ms); make it longer than the client's timeout. */
  slowMs?: number;
  retryAfterSeconds?: number;
  /** Also send `retry-after-ms` (which the client prefers), to keep tests quick. */
  retryAfterMs?: number;
}

/** A `fault` function injecting each kind of fault on the first attempt of a share of requests. */
export function faultsByRate(rates: FaultRates): NonNullable<FakeLlmServerOptions['fault']> {
  return (request, attempt) => {
    if (attempt > 0) return undefined;
    let x = requestFraction(request, 'fault');
    const pick = (rate: number | undefined) => {
      const hit = x < (rate ?? 0);
      x -= rate ?? 0;
      return hit;
    };
    if (pick(rates.rateLimit)) return { kind: 'rate_limit', retryAfterSeconds: rates.retryAfterSeconds ?? 1, retryAfterMs: rates.retryAfterMs };
    if (pick(rates.serverError)) return { kind: 'server_error' };
    if (pick(rates.slow)) return { kind: 'slow', delayMs: rates.slowMs ?? 2000 };
    if (pick(rates.drop)) return { kind: 'drop' };
    return undefined;
  };
}
