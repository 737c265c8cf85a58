/**
 * Stage "export": the TRL hand-off of a round — conversational DPO and KTO JSONL, `trl dpo` /
 * `trl kto` YAML configs pointing at them and a dataset card (counts, provenance, config) — in
 * round-K/export/, through the export core. Streams the pair files; writes nothing else.
 */
import { basename } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { readJsonl } from '../../io/jsonl.js';
import { DpoPair, KtoExample } from '../../records.js';
import { exportTrlDataset, type TrlExportOptions } from '../../export/export-trl.js';
import type { PlumRunStats } from '../../stats/stats-types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { currentVersions } from '../run-state.js';
import { requireFile } from './inputs.js';

export async function runExportStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  async function* dpo(): AsyncGenerator<DpoPair> {
    for await (const { value } of readJsonl(requireFile(round.dpo, 'pairs'), DpoPair)) yield value;
  }
  async function* kto(): AsyncGenerator<KtoExample> {
    for await (const { value } of readJsonl(requireFile(round.kto, 'pairs'), KtoExample)) yield value;
  }
  const stats = existsSync(round.stats) ? (JSON.parse(readFileSync(round.stats, 'utf8')) as PlumRunStats) : undefined;
  const { rounds: _rounds, ...settings } = config;
  const result = await exportTrlDataset(dpo(), kto(), {
    title: `plum ${config.name} (round ${ctx.round})`,
    ...(config.export as Partial<TrlExportOptions>),
    outDir: round.exportDir,
    config: settings as unknown as Record<string, unknown>,
    provenance: {
      run: basename(ctx.paths.dir),
      round: ctx.round,
      seed: config.seed,
      testGenerator: config.testgen.generator,
      sampler: config.sample.generator,
      versions: currentVersions(),
    },
    stats,
  });
  return { counts: { dpoRows: result.dpoRows, ktoRows: result.ktoRows, ktoDesirable: result.ktoDesirable, ktoUndesirable: result.ktoUndesirable } };
}
