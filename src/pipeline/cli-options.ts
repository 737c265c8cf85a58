/**
 * The options shared by `plum run` and the per-stage commands, parsed into runner options: where
 * the config comes from (--config FILE, else the run directory's config.json, else the defaults),
 * the run directory, seed and round overrides, --redis (execution backend), --no-cache, --restart, --force. A bad flag is a
 * ConfigError naming it. No stage logic.
 */
import { existsSync } from 'node:fs';
import { parseCommandArgs } from '../cli/command.js';
import { ConfigError } from '../errors.js';
import { defaultRunDir, runPaths } from '../io/run-dir.js';
import type { PipelineConfig } from './config.js';
import { loadPipelineConfig, parsePipelineConfig } from './load-config.js';

/** Usage lines of the shared options. */
export const PIPELINE_OPTIONS_USAGE = [
  '  --config FILE   pipeline config (JSON or YAML); default: the run dir\'s config.json, else built-in defaults',
  '  --run-dir DIR   run directory (default runs/<config name>, i.e. runs/default)',
  '  --seed N        master seed (overrides the config)',
  '  --round K       round to sample/execute/label/pair/export (default 0)',
  '  --no-cache      do not use the execution engine\'s verdict cache',
  '  --redis URL     run candidates on the `plum worker`s of this Redis queue (execute.backend redis)',
  '  --restart       discard output made with a different config instead of refusing',
  '  --force         rerun the stages even when complete',
].join('\n');

/** Parsed shared options. */
export interface PipelineCliOptions {
  runDir: string;
  config: PipelineConfig;
  configOrigin: string;
  round: number;
  noCache: boolean;
  restart: boolean;
  force: boolean;
}

/** Parse argv of a pipeline command. */
export function parsePipelineArgs(argv: string[]): PipelineCliOptions {
  const { values } = parseCommandArgs({
    args: argv,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      'run-dir': { type: 'string' },
      seed: { type: 'string' },
      round: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      redis: { type: 'string' },
      restart: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  }, ' (see --help)');
  const seed = integerFlag('--seed', values.seed as string | undefined);
  const round = integerFlag('--round', values.round as string | undefined, 0);
  let config: PipelineConfig;
  let configOrigin: string;
  const explicitDir = values['run-dir'] as string | undefined;
  if (values.config) {
    config = loadPipelineConfig(values.config as string);
    configOrigin = values.config as string;
  } else {
    const stored = runPaths(explicitDir ?? defaultRunDir('default')).config;
    if (existsSync(stored)) {
      config = loadPipelineConfig(stored);
      configOrigin = stored;
    } else {
      config = parsePipelineConfig({}, 'defaults');
      configOrigin = 'defaults';
    }
  }
  if (seed !== undefined) config = { ...config, seed };
  if (values.redis !== undefined) config = { ...config, execute: { ...config.execute, backend: 'redis', redis: { url: values.redis as string } } };
  return {
    runDir: explicitDir ?? defaultRunDir(config.name),
    config,
    configOrigin,
    round: round ?? 0,
    noCache: Boolean(values['no-cache']),
    restart: Boolean(values.restart),
    force: Boolean(values.force),
  };
}

function integerFlag(name: string, value: string | undefined, min?: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new ConfigError(`${name}: expected an integer, got "${value}"`);
  const n = Number(value);
  if (min !== undefined && n < min) throw new ConfigError(`${name}: must be >= ${min}, got ${n}`);
  return n;
}
