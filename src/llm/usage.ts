/**
 * Token usage, request counts and estimated cost per stage, for the run stats. Counts what the
 * client sent and received, and separately what the cache answered (tokens a rerun did not pay
 * for). Pure bookkeeping; the client feeds it.
 */
import type { LlmPrices } from './config.js';

/** Usage of one stage (testgen, policy-round-1, ...). */
export interface StageUsage {
  /** HTTP chat requests that got an answer. */
  requests: number;
  /** Attempts that failed and were retried, by kind (rate_limit, server_error, timeout, connection). */
  retries: Record<string, number>;
  /** Requests given up after all retries. */
  failedRequests: number;
  /** Samples received from the server. */
  samples: number;
  /** Samples answered from the cache (no request). */
  cachedSamples: number;
  /** Requests that returned fewer choices than `n` asked for (server ignores `n`). */
  shortChoiceRequests: number;
  promptTokens: number;
  completionTokens: number;
  /** Tokens of cached samples (not paid again). */
  cachedPromptTokens: number;
  cachedCompletionTokens: number;
  /** Estimated cost of the tokens actually requested, in US dollars. */
  estimatedCostUsd: number;
  /** Samples whose answer ended at the token limit (finish reason "length"). */
  truncatedSamples: number;
}

export function emptyStageUsage(): StageUsage {
  return {
    requests: 0,
    retries: {},
    failedRequests: 0,
    samples: 0,
    cachedSamples: 0,
    shortChoiceRequests: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    cachedCompletionTokens: 0,
    estimatedCostUsd: 0,
    truncatedSamples: 0,
  };
}

/** Estimated dollars for a token count at the given prices. */
export function estimateCost(prices: LlmPrices, promptTokens: number, completionTokens: number): number {
  return (promptTokens * prices.inputPerMillion + completionTokens * prices.outputPerMillion) / 1_000_000;
}

/** Per-stage usage ledger. */
export class UsageLedger {
  private readonly stages = new Map<string, StageUsage>();

  constructor(private readonly prices: LlmPrices) {}

  stage(name: string): StageUsage {
    let usage = this.stages.get(name);
    if (!usage) this.stages.set(name, (usage = emptyStageUsage()));
    return usage;
  }

  recordResponse(stage: string, promptTokens: number, completionTokens: number, choices: number, requested: number): void {
    const u = this.stage(stage);
    u.requests += 1;
    u.samples += choices;
    if (choices < requested) u.shortChoiceRequests += 1;
    u.promptTokens += promptTokens;
    u.completionTokens += completionTokens;
    u.estimatedCostUsd += estimateCost(this.prices, promptTokens, completionTokens);
  }

  recordTruncated(stage: string): void {
    this.stage(stage).truncatedSamples += 1;
  }

  recordCached(stage: string, promptTokens: number, completionTokens: number): void {
    const u = this.stage(stage);
    u.cachedSamples += 1;
    u.cachedPromptTokens += promptTokens;
    u.cachedCompletionTokens += completionTokens;
  }

  recordRetry(stage: string, kind: string): void {
    const u = this.stage(stage);
    u.retries[kind] = (u.retries[kind] ?? 0) + 1;
  }

  recordFailure(stage: string): void {
    this.stage(stage).failedRequests += 1;
  }

  /** A copy of every stage's usage. */
  snapshot(): Record<string, StageUsage> {
    return Object.fromEntries([...this.stages].map(([k, v]) => [k, { ...v, retries: { ...v.retries } }]));
  }
}
