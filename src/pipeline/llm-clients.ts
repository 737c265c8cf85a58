/**
 * The LLM side of a run: one client per role (test generator, round's policy) with the response
 * cache in the run directory (`<runDir>/llm-cache`, or `llm.cacheDir`), retries logged on stderr,
 * and the endpoint preflight run before any stage writes. Thin glue over src/llm.
 */
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { createLlmClient, type LlmClient } from '../llm/client.js';
import { checkEndpoint } from '../llm/check-endpoint.js';
import { policyForRound } from '../llm/config.js';
import type { StageUsage } from '../llm/usage.js';
import type { PipelineConfig } from './config.js';

/** A client for `role`, caching responses under the run directory. */
export function openLlmClient(config: PipelineConfig, role: 'testgen' | 'policy', round: number, runDir: string, log: (m: string) => void): LlmClient {
  const llm = config.llm;
  const endpoint = role === 'testgen' ? llm?.testgen : llm ? policyForRound(llm, round) : undefined;
  if (!llm || !endpoint) throw new ConfigError(`llm.${role} is not configured`);
  return createLlmClient(endpoint, {
    role,
    cacheDir: llm.cacheDir ?? join(runDir, 'llm-cache'),
    onRetry: (e) => log(`llm ${role}: ${e.kind}, retry ${e.attempt} in ${Math.round(e.delayMs)} ms (${e.message})`),
  });
}

/** Check the endpoints the given stages will use; throws ConfigError saying what to fix. */
export async function preflightEndpoints(config: PipelineConfig, needs: { testgen: boolean; policyRound?: number }): Promise<void> {
  if (!config.llm || (!needs.testgen && needs.policyRound === undefined)) return;
  await checkEndpoint(config.llm, { testgen: needs.testgen, rounds: needs.policyRound === undefined ? [] : [needs.policyRound] });
}

/** Usage of a client summed over its stages, as flat numeric counts for run.json. */
export function usageCounts(usage: Record<string, StageUsage>): Record<string, number> {
  const out: Record<string, number> = { 'llm.requests': 0, 'llm.cachedSamples': 0, 'llm.promptTokens': 0, 'llm.completionTokens': 0, 'llm.failedRequests': 0, 'llm.truncatedSamples': 0, 'llm.estimatedCostUsd': 0 };
  for (const u of Object.values(usage)) {
    out['llm.requests'] += u.requests;
    out['llm.cachedSamples'] += u.cachedSamples;
    out['llm.promptTokens'] += u.promptTokens;
    out['llm.completionTokens'] += u.completionTokens;
    out['llm.failedRequests'] += u.failedRequests;
    out['llm.truncatedSamples'] += u.truncatedSamples;
    out['llm.estimatedCostUsd'] += u.estimatedCostUsd;
  }
  out['llm.estimatedCostUsd'] = Math.round(out['llm.estimatedCostUsd'] * 1e6) / 1e6;
  return out;
}
