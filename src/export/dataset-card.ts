/**
 * The dataset card (README.md of the export directory): Hugging Face front matter declaring the
 * `dpo` and `kto` configurations, then counts, provenance, the settings that produced the data and
 * the exact commands to train on a GPU machine. Pure (returns the text).
 */
import { stringify } from 'yaml';
import type { KtoWeights } from '../pairs/kto-weights.js';
import { formatStatsSummary } from '../stats/format-stats.js';
import { pyYamlFloats } from './trl-config.js';
import type { PlumRunStats } from '../stats/stats-types.js';

export interface DatasetCardInput {
  title?: string;
  dpoRows: number;
  ktoRows: number;
  ktoDesirable: number;
  ktoUndesirable: number;
  ktoWeights: KtoWeights;
  /** Where the data came from: run directory, generator, model, seed, round, content hashes... */
  provenance: Record<string, unknown>;
  /** The settings that produced the data (pipeline config, pairing options, TRL options). */
  config: Record<string, unknown>;
  stats?: PlumRunStats;
  /** The policy model in the training commands (`export.training.model` in the pipeline config). */
  model: string;
  /** Which sampler made the candidates (`mutation`, `llm`, `samples`): says whether the data is on-policy. */
  sampler?: string;
}

/** What the candidates were, by sampler: only a policy's own samples make on-policy data. */
const ORIGIN: Record<string, string> = {
  llm: 'On-policy, test-verified preference data for code generation (PLUM method): the policy\'s own candidate programs were run',
  samples: 'Test-verified preference data for code generation (PLUM method), from a samples file (on-policy when it holds the policy\'s own samples): candidate programs were run',
  mutation: 'Offline, test-verified preference data for code generation (PLUM method), not on-policy: mutants of the reference solutions stand in for a policy\'s samples; they were run',
};

export function renderDatasetCard(input: DatasetCardInput): string {
  const front = stringify({
    tags: ['trl', 'dpo', 'kto', 'code', 'preference', 'plum'],
    configs: [
      { config_name: 'dpo', data_files: [{ split: 'train', path: 'dpo/train.jsonl' }] },
      { config_name: 'kto', data_files: [{ split: 'train', path: 'kto/train.jsonl' }] },
    ],
  });
  const w = input.ktoWeights;
  const lines = [
    '---',
    front.trimEnd(),
    '---',
    '',
    `# ${input.title ?? 'plum preference data'}`,
    '',
    ORIGIN[input.sampler ?? 'llm'] ?? ORIGIN.llm,
    'against tests that a reference solution passes; those passing every kept test are *chosen*, those failing',
    'at least one are *rejected*. Rows are in TRL\'s conversational format.',
    '',
    '## Files',
    '',
    '| file | rows | TRL type | fields |',
    '|---|---|---|---|',
    `| \`dpo/train.jsonl\` | ${input.dpoRows} | preference | prompt (user message), chosen, rejected (assistant messages) |`,
    `| \`kto/train.jsonl\` | ${input.ktoRows} | unpaired preference | prompt, completion, label (${input.ktoDesirable} true, ${input.ktoUndesirable} false) |`,
    '| `trl-dpo.yaml`, `trl-kto.yaml` | | TRL CLI configs | |',
    '',
    `KTO loss weights: desirable_weight=${w.desirableWeight}, undesirable_weight=${w.undesirableWeight}` +
      (Number.isFinite(w.ratio) ? ` (weighted ratio ${w.ratio.toFixed(2)}; TRL advises 1 to 4/3)` : '') +
      (w.note ? `. ${w.note}.` : '.'),
    '',
    '## Train on a GPU machine',
    '',
    '```bash',
    'pip install trl accelerate   # TRL CLI with `trl dpo` / `trl kto`',
    'cd <this directory>   # the export folder, copied to the GPU machine',
    `trl dpo --config trl-dpo.yaml --model_name_or_path ${input.model}`,
    `trl kto --config trl-kto.yaml --model_name_or_path ${input.model}`,
    '```',
    '',
    `The model is a placeholder until set: \`export: { training: { model: NAME } }\` in the plum config, or \`--model_name_or_path\` here.`,
    'TRL\'s CLI docs ask to run `accelerate config` once first (single or multi GPU, DeepSpeed).',
    'Without the CLI: `datasets.load_dataset("json", data_files="dpo/train.jsonl", split="train")` and pass it to `DPOTrainer`.',
    '',
    '## Provenance',
    '',
    '```yaml',
    stringify(input.provenance).trimEnd(),
    '```',
    '',
    '## Configuration',
    '',
    '```yaml',
    pyYamlFloats(stringify(input.config)).trimEnd(),
    '```',
  ];
  if (input.stats) lines.push('', '## Statistics', '', '```text', formatStatsSummary(input.stats), '```');
  return lines.join('\n') + '\n';
}
