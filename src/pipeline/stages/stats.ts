/**
 * Stage "stats": the round's statistics from its artifacts — filter decisions, labels, per-problem
 * pair counts and (when present) mutation scores — accumulated by the stats core in one streaming
 * pass each, written to round-K/stats.json (atomically). The printed summary is made from it.
 */
import { existsSync } from 'node:fs';
import { readJsonl, readJsonlAll, writeTextAtomic } from '../../io/jsonl.js';
import { FilterDecision, Label, MutationScore, ReferenceSuspect } from '../../records.js';
import { createStatsAccumulator } from '../../stats/collect-stats.js';
import type { ProblemPairsSummary } from '../../pairs/types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { requireFile } from './inputs.js';
import { readRunState } from '../run-state.js';
import type { PlumRunStats } from '../../stats/stats-types.js';

export async function runStatsStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  const acc = createStatsAccumulator({ round: ctx.round, ...(config.stats as { weakMutationScore?: number }) });
  for await (const { value } of readJsonl(requireFile(ctx.paths.filter, 'filter'), FilterDecision)) acc.addFilterDecision(value);
  for await (const { value } of readJsonl(requireFile(round.labels, 'label'), Label)) acc.addLabel(value);
  const strategy = (config.pairs as { strategy?: string }).strategy ?? 'all';
  for await (const { value } of readJsonl(requireFile(round.pairsSummary, 'pairs'))) acc.addPairsSummary(value as ProblemPairsSummary, strategy);
  if (existsSync(round.mutationScores)) {
    for await (const { value } of readJsonl(round.mutationScores, MutationScore)) acc.addMutationScore(value);
  }
  const stats: PlumRunStats & { llm?: Record<string, unknown> } = acc.finish();
  if (existsSync(round.referenceSuspects)) {
    const suspects = await readJsonlAll(round.referenceSuspects, ReferenceSuspect);
    stats.referenceTrust = { suspects: suspects.length, excluded: suspects.filter((s) => s.excluded).length, problemIds: suspects.map((s) => s.problemId) };
  }
  const llm = llmUsageOf(ctx);
  if (llm) stats.llm = llm;
  writeTextAtomic(round.stats, JSON.stringify(stats, null, 2) + '\n');
  return {
    counts: {
      testsKept: stats.filter?.testsKept ?? 0,
      chosen: stats.labels?.chosen ?? 0,
      rejected: stats.labels?.rejected ?? 0,
      dpoPairs: stats.pairs?.dpoPairs ?? 0,
      referenceSuspects: stats.referenceTrust?.suspects ?? 0,
    },
  };
}

/** LLM usage recorded in run.json by the testgen and sample stages of this round, by ledger stage. */
function llmUsageOf(ctx: StageContext): Record<string, unknown> | undefined {
  const state = readRunState(ctx.paths.runState);
  const out: Record<string, unknown> = {};
  for (const key of ['testgen', `sample@round-${ctx.round}`]) Object.assign(out, state.stages[key]?.usage ?? {});
  return Object.keys(out).length ? out : undefined;
}
