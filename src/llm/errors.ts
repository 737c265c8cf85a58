/**
 * The errors of the LLM client and what they mean for a stage: a request that failed for this one
 * problem (retries exhausted, a 400 such as a too-long prompt) becomes a recorded skip; a request
 * that can never succeed for any problem (bad key, unknown model, unreachable host) stops the run
 * with a message saying what to fix.
 */
import { APIConnectionError, APIError } from 'openai';
import { ProviderError } from '../errors.js';
import { describeError } from './retry.js';

/** A chat request that did not produce an answer. */
export class LlmRequestError extends ProviderError {
  constructor(
    message: string,
    /** rate_limit | server_error | timeout | connection | client_error | no_choices | unknown */
    readonly kind: string,
    /** True when no other request to this endpoint can succeed either (stop the run). */
    readonly fatal: boolean,
    /** Attempts made. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where the request went, for messages. */
export interface EndpointLabel {
  role: string;
  baseUrl: string;
  model: string;
  keySource: string;
}

/** A 400 rejecting a request parameter (OpenAI codes unsupported_parameter / unsupported_value). */
function isUnsupportedParameter(error: unknown): error is APIError {
  return error instanceof APIError && error.status === 400 && (error.code === 'unsupported_parameter' || error.code === 'unsupported_value');
}

/**
 * True for errors that no retry or other problem can fix: 401, 403, 404 (unknown model/route),
 * and a 400 rejecting one of the request's parameters (every request would get it).
 */
export function isFatalStatus(error: unknown): boolean {
  return (error instanceof APIError && (error.status === 401 || error.status === 403 || error.status === 404)) || isUnsupportedParameter(error);
}

/** A message saying what went wrong at the endpoint and which setting fixes it. */
export function explainEndpointError(error: unknown, at: EndpointLabel): string {
  const where = `llm.${at.role} (${at.baseUrl}, model "${at.model}")`;
  if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
    return `${where}: the server rejected the API key from ${at.keySource} (HTTP ${error.status}); export a valid key or set llm.${at.role}.apiKeyEnv`;
  }
  if (error instanceof APIError && error.status === 404) {
    return `${where}: HTTP 404 (${error.message}); check llm.${at.role}.model (the name the server serves) and that llm.${at.role}.baseUrl ends in /v1`;
  }
  if (isUnsupportedParameter(error)) {
    return `${where}: the server rejects the parameter ${error.param ? `"${error.param}"` : ''} (${error.message}); for OpenAI reasoning models set llm.${at.role}.maxTokensParam: max_completion_tokens (and temperature: 1)`;
  }
  if (error instanceof APIConnectionError && !(error as { status?: number }).status) {
    return `${where}: cannot reach the server: ${describeError(error)}; is it running? check llm.${at.role}.baseUrl or $OPENAI_BASE_URL`;
  }
  return `${where}: ${describeError(error)}`;
}
