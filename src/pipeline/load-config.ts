/**
 * Loading and resolving the pipeline config: read a JSON or YAML file, validate it (a wrong value
 * is a ConfigError naming the file and the field path, never a stack trace), apply command-line
 * overrides, and merge per-round overrides for `--round K`. No stage logic here.
 */
import { readFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, didYouMean } from '../errors.js';
import { PipelineConfigSchema, type PipelineConfig } from './config.js';

/** Validate a plain object as a pipeline config; `origin` names it in errors (file path or "defaults"). */
export function parsePipelineConfig(raw: unknown, origin = 'config'): PipelineConfig {
  const parsed = PipelineConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw configErrorOf(parsed.error, origin);
  const config = parsed.data;
  checkGenerators(config, origin, '');
  // Validate every round's merged config now, so a bad override fails before any stage runs.
  for (const key of Object.keys(config.rounds)) resolveRoundConfig(config, Number(key), origin);
  return config;
}

/** Read and validate a config file (`.json`, `.yaml`, `.yml`). */
export function loadPipelineConfig(file: string): PipelineConfig {
  if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${file}: cannot parse (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ConfigError(`${file}: expected a mapping of settings at the top level`);
  }
  return parsePipelineConfig(raw, file);
}

/** The config for round K: the base config with `rounds[K]` deep-merged onto it. */
export function resolveRoundConfig(config: PipelineConfig, round: number, origin = 'config'): PipelineConfig {
  const override = config.rounds[String(round)];
  if (!override) return config;
  const { rounds, ...base } = config;
  const merged = deepMerge(base, override) as Record<string, unknown>;
  const parsed = PipelineConfigSchema.safeParse({ ...merged, rounds: {} });
  if (!parsed.success) throw configErrorOf(parsed.error, origin, `rounds.${round}.`);
  checkGenerators(parsed.data, origin, `rounds.${round}.`);
  return { ...parsed.data, rounds };
}

/** The LLM generators need their endpoint section. */
function checkGenerators(config: PipelineConfig, origin: string, prefix: string): void {
  if (config.testgen.generator === 'llm' && !config.llm?.testgen) {
    throw new ConfigError(`${origin}: field "${prefix}llm.testgen": required when testgen.generator is "llm" (give at least its model and baseUrl)`);
  }
  if (config.sample.generator === 'llm' && !config.llm?.policy) {
    throw new ConfigError(`${origin}: field "${prefix}llm.policy": required when sample.generator is "llm" (give at least its model and baseUrl)`);
  }
  if (config.sample.generator === 'samples' && !config.sample.samples) {
    throw new ConfigError(`${origin}: field "${prefix}sample.samples.path": required when sample.generator is "samples" (the samples file: sample: { samples: { path: FILE } })`);
  }
}

/** Objects merge key by key; arrays and scalars in `override` replace. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function configErrorOf(error: z.ZodError, origin: string, prefix = ''): ConfigError {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = prefix + issue.path.map(String).join('.');
    const hint = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => didYouMean(k, objectKeysAt(PipelineConfigSchema, issue.path))).join('') : '';
    return `${origin}: field "${path || '(top level)'}": ${issue.message}${hint}`;
  });
  return new ConfigError(lines.join('\n'), { cause: error });
}

/** The keys a (strict) object schema allows at `path`, looking through defaults and optionals. */
function objectKeysAt(schema: z.ZodType, path: PropertyKey[]): string[] {
  type Node = { shape?: Record<string, Node>; def?: { innerType?: Node } } | undefined;
  let node = schema as unknown as Node;
  const unwrap = () => {
    while (node && !node.shape && node.def?.innerType) node = node.def.innerType;
  };
  for (const key of path) {
    unwrap();
    node = node?.shape?.[String(key)];
  }
  unwrap();
  return node?.shape ? Object.keys(node.shape) : [];
}
