/**
 * Writing the TRL hand-off directory from streams of DpoPair and KtoExample records:
 * `dpo/train.jsonl`, `kto/train.jsonl` (conversational rows), `trl-dpo.yaml`, `trl-kto.yaml` and
 * `README.md` (dataset card). Files are written atomically; rows stream through (bounded memory).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeJsonlAtomic, writeTextAtomic } from '../io/jsonl.js';
import { ktoLossWeights, type KtoWeights } from '../pairs/kto-weights.js';
import type { DpoPair, KtoExample } from '../records.js';
import type { PlumRunStats } from '../stats/stats-types.js';
import { renderDatasetCard } from './dataset-card.js';
import { buildTrlConfig, defaultTrlTrainingOptions, renderTrlConfig, type TrlTrainingOptions } from './trl-config.js';
import { toTrlDpoRow, toTrlKtoRow, type TrlRowOptions } from './trl-rows.js';

export interface TrlExportOptions extends TrlRowOptions {
  outDir: string;
  /** Overrides of the training settings written into the YAML configs. */
  training?: Partial<TrlTrainingOptions>;
  /** Written into the dataset card. */
  provenance?: Record<string, unknown>;
  /** Settings that produced the data, written into the dataset card. */
  config?: Record<string, unknown>;
  stats?: PlumRunStats;
  title?: string;
}

export interface TrlExportResult {
  outDir: string;
  files: { dpo: string; kto: string; dpoConfig: string; ktoConfig: string; card: string };
  dpoRows: number;
  ktoRows: number;
  ktoDesirable: number;
  ktoUndesirable: number;
  ktoWeights: KtoWeights;
}

/** Export DPO pairs and KTO examples for TRL. */
export async function exportTrlDataset(
  dpo: AsyncIterable<DpoPair> | Iterable<DpoPair>,
  kto: AsyncIterable<KtoExample> | Iterable<KtoExample>,
  options: TrlExportOptions,
): Promise<TrlExportResult> {
  const dir = options.outDir;
  mkdirSync(dir, { recursive: true });
  const files = {
    dpo: join(dir, 'dpo', 'train.jsonl'),
    kto: join(dir, 'kto', 'train.jsonl'),
    dpoConfig: join(dir, 'trl-dpo.yaml'),
    ktoConfig: join(dir, 'trl-kto.yaml'),
    card: join(dir, 'README.md'),
  };
  async function* dpoRows() {
    for await (const pair of dpo) yield toTrlDpoRow(pair, options);
  }
  let desirable = 0;
  let undesirable = 0;
  async function* ktoRows() {
    for await (const example of kto) {
      if (example.label) desirable += 1;
      else undesirable += 1;
      yield toTrlKtoRow(example, options);
    }
  }
  const dpoCount = await writeJsonlAtomic(files.dpo, dpoRows());
  const ktoCount = await writeJsonlAtomic(files.kto, ktoRows());
  const weights = ktoLossWeights(desirable, undesirable);
  const training = { ...defaultTrlTrainingOptions, ...(options.training ?? {}) };
  const dpoConfig = buildTrlConfig('dpo', training);
  const ktoConfig = buildTrlConfig('kto', training, weights);
  writeTextAtomic(files.dpoConfig, renderTrlConfig('dpo', dpoConfig));
  writeTextAtomic(files.ktoConfig, renderTrlConfig('kto', ktoConfig));
  writeTextAtomic(
    files.card,
    renderDatasetCard({
      title: options.title,
      dpoRows: dpoCount,
      ktoRows: ktoCount,
      ktoDesirable: desirable,
      ktoUndesirable: undesirable,
      ktoWeights: weights,
      provenance: options.provenance ?? {},
      config: { ...(options.config ?? {}), trl: { dpo: dpoConfig, kto: ktoConfig } },
      stats: options.stats,
      model: training.model,
      sampler: typeof options.provenance?.sampler === 'string' ? options.provenance.sampler : undefined,
    }),
  );
  return { outDir: dir, files, dpoRows: dpoCount, ktoRows: ktoCount, ktoDesirable: desirable, ktoUndesirable: undesirable, ktoWeights: weights };
}
