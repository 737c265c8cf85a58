/**
 * YAML configs for TRL's `trl dpo` and `trl kto` commands (TrlParser reads `--config FILE`; keys are
 * ScriptArguments, ModelConfig and DPOConfig / KTOConfig fields; an unknown key is an error, so only
 * long-standing fields are written). The dataset is the local folder holding `train.jsonl`
 * (`dataset_name: ./dpo`), resolved from the export directory. Defaults follow TRL's guidance:
 * beta 0.1; learning rate 5e-7 (KTO: keep within 5e-7..5e-6); KTO weights balance the classes.
 */
import { stringify } from 'yaml';
import type { KtoWeights } from '../pairs/kto-weights.js';

export interface TrlTrainingOptions {
  /** The policy to train (Hub id or local path); a placeholder when unknown. */
  model: string;
  beta: number;
  learningRate: number;
  epochs: number;
  perDeviceBatchSize: number;
  gradientAccumulationSteps: number;
  maxLength: number;
  seed: number;
  bf16: boolean;
}

export const defaultTrlTrainingOptions: TrlTrainingOptions = {
  model: 'REPLACE-WITH-POLICY-MODEL',
  beta: 0.1,
  learningRate: 5e-7,
  epochs: 1,
  perDeviceBatchSize: 4,
  gradientAccumulationSteps: 4,
  maxLength: 2048,
  seed: 0,
  bf16: true,
};

/** The config object of `trl dpo` or `trl kto` (KTO needs the class weights). */
export function buildTrlConfig(kind: 'dpo' | 'kto', options: Partial<TrlTrainingOptions> = {}, ktoWeights?: KtoWeights): Record<string, unknown> {
  const o = { ...defaultTrlTrainingOptions, ...options };
  const config: Record<string, unknown> = {
    model_name_or_path: o.model,
    dataset_name: `./${kind}`,
    dataset_train_split: 'train',
    output_dir: `./checkpoints/${kind}`,
    beta: o.beta,
    learning_rate: o.learningRate,
    lr_scheduler_type: 'cosine',
    // an integer step count: `warmup_ratio` is gone from transformers >= 5.2 and a fractional
    // `warmup_steps` is refused before 5.0, so only an integer works everywhere
    warmup_steps: 10,
    num_train_epochs: o.epochs,
    per_device_train_batch_size: Math.max(kind === 'kto' ? 2 : 1, o.perDeviceBatchSize),
    gradient_accumulation_steps: o.gradientAccumulationSteps,
    gradient_checkpointing: true,
    max_length: o.maxLength,
    bf16: o.bf16,
    logging_steps: 10,
    save_strategy: 'epoch',
    report_to: 'none',
    seed: o.seed,
  };
  if (kind === 'kto') {
    config.desirable_weight = ktoWeights?.desirableWeight ?? 1;
    config.undesirable_weight = ktoWeights?.undesirableWeight ?? 1;
  }
  return config;
}

/** The YAML text of a config, with a header saying how to run it. */
export function renderTrlConfig(kind: 'dpo' | 'kto', config: Record<string, unknown>): string {
  const header = [
    `# TRL ${kind.toUpperCase()} config written by plum. Run from this directory:`,
    `#   trl ${kind} --config trl-${kind}.yaml`,
    `# Any key can be overridden on the command line, e.g. --model_name_or_path Qwen/Qwen2.5-Coder-1.5B-Instruct`,
    kind === 'kto'
      ? '# desirable_weight / undesirable_weight balance the classes: (d_w * #desirable) / (u_w * #undesirable) in [1, 4/3].'
      : '# dataset_name points at the local folder holding train.jsonl (conversational preference rows).',
  ];
  return `${header.join('\n')}\n${pyYamlFloats(stringify(config))}`;
}

/** PyYAML (YAML 1.1, used by TrlParser) reads `5e-7` as a string; write `5.0e-7`. */
export function pyYamlFloats(text: string): string {
  return text.replace(/^(\s*[\w.-]+: -?\d+)(\.\d+)?e([-+]?)(\d+)$/gm, (_m, int: string, frac: string | undefined, sign: string, exp: string) => `${int}${frac ?? '.0'}e${sign || '+'}${exp}`);
}
