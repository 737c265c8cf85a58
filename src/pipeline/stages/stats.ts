/**
 * Stage "stats": the round's statistics from its artifacts — filter decisions, labels, per-problem
 * pair counts and (when present) mutation scores — accumulated by the stats core in one streaming
 * pass each, written to round-K/stats.json (atomically). The printed summary is made from it.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { readJsonl } from '../../io/jsonl.js';
import { FilterDecision, Label, MutationScore } from '../../records.js';
import { createStatsAccumulator } from '../../stats/collect-stats.js';
import type { ProblemPairsSummary } from '../../pairs/types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { requireFile } from './inputs.js';

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
  const stats = acc.finish();
  const tmp = `${round.stats}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(stats, null, 2) + '\n');
  renameSync(tmp, round.stats);
  return {
    counts: {
      testsKept: stats.filter?.testsKept ?? 0,
      chosen: stats.labels?.chosen ?? 0,
      rejected: stats.labels?.rejected ?? 0,
      dpoPairs: stats.pairs?.dpoPairs ?? 0,
    },
  };
}
