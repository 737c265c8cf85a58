/**
 * The runner: plans which stages to run from run.json and the config fingerprints, refuses (or,
 * with `restart`, discards) output made with a different config, runs the stages in order with a
 * shared context, and records each stage's status, timings and counts in run.json. A stage is
 * marked complete only after its function returned (its files closed). The stage bodies are in
 * stages/*.ts; the CLI wrappers in src/cli/.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { withoutPassword } from '../execution/redis/options.js';
import { hashOf } from '../io/hash.js';
import { ensureRunDir, type RunPaths } from '../io/run-dir.js';
import type { ProgressOptions } from '../io/progress.js';
import type { PipelineConfig } from './config.js';
import { createStageContext } from './context.js';
import { preflightEndpoints } from './llm-clients.js';
import { resolveRoundConfig } from './load-config.js';
import { lockRunDir, readRunState, writeRunState, type RunState } from './run-state.js';
import { STAGES, STAGE_NAMES, stageKey, type StageDefinition, type StageName } from './stage-registry.js';

/** Options of `runPipeline`; defaults in the function. */
export interface RunPipelineOptions {
  /** The run directory. */
  runDir: string;
  /** The resolved config (defaults + file + flags), before round overrides. */
  config: PipelineConfig;
  /** Round to sample, execute, label, pair, count and export (default 0). */
  round?: number;
  /** Stages to run (default: all); their upstream must be complete. */
  stages?: StageName[];
  /** Discard output made with a different config instead of refusing (default false). */
  restart?: boolean;
  /** Run stages even when complete with the same config (default false). */
  force?: boolean;
  /** Switch off the engine's verdict cache (default false). */
  noCache?: boolean;
  progress?: ProgressOptions;
  log?: (message: string) => void;
}

/** What happened to one stage. */
export interface StageOutcome {
  key: string;
  name: StageName;
  action: 'ran' | 'resumed' | 'up-to-date' | 'redone';
  durationMs: number;
  counts: Record<string, number>;
}

/** The result of a pipeline run. */
export interface PipelineReport {
  runDir: string;
  round: number;
  paths: RunPaths;
  stages: StageOutcome[];
}

interface PlannedStage {
  def: StageDefinition;
  key: string;
  fingerprint: string;
  action: StageOutcome['action'];
}

/** Run the pipeline (or some of its stages) in a run directory. */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineReport> {
  const round = options.round ?? 0;
  const selected = options.stages ?? [...STAGE_NAMES];
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const roundConfig = resolveRoundConfig(options.config, round);
  const created = firstMissingAncestor(resolve(options.runDir));
  let completedAny = false;
  const paths = ensureRunDir(options.runDir, round);
  const release = lockRunDir(paths.stateDir);
  try {
    removeTornTemporaries(paths.dir);
    const state = readRunState(paths.runState);
    const plan = planStages(paths, state, options.config, round, selected, options);
    const runs = (name: StageName) => plan.some((p) => p.def.name === name && p.action !== 'up-to-date');
    await preflightEndpoints(roundConfig, {
      testgen: runs('testgen') && roundConfig.testgen.generator === 'llm',
      policyRound: runs('sample') && roundConfig.sample.generator === 'llm' ? round : undefined,
    });
    writeFileSync(paths.config, JSON.stringify(withoutSecrets(options.config), null, 2) + '\n');
    writeRunState(paths.runState, state);
    const ctx = createStageContext({ round, paths, config: roundConfig, noCache: options.noCache, progress: options.progress, log });
    const outcomes: StageOutcome[] = [];
    try {
      for (const step of plan) {
        if (step.action === 'up-to-date') {
          outcomes.push({ key: step.key, name: step.def.name, action: step.action, durationMs: 0, counts: state.stages[step.key]?.counts ?? {} });
          continue;
        }
        if (step.action === 'redone') for (const file of step.def.outputs(paths, round)) rmSync(file, { recursive: true, force: true });
        const started = Date.now();
        state.stages[step.key] = { status: 'running', fingerprint: step.fingerprint, startedAt: new Date(started).toISOString() };
        writeRunState(paths.runState, state);
        try {
          const result = await step.def.run(paths.dir, roundConfig, ctx);
          const durationMs = Date.now() - started;
          state.stages[step.key] = {
            ...state.stages[step.key],
            status: 'complete',
            finishedAt: new Date().toISOString(),
            durationMs,
            counts: result.counts,
            ...(result.usage ? { usage: result.usage } : {}),
          };
          writeRunState(paths.runState, state);
          completedAny = true;
          outcomes.push({ key: step.key, name: step.def.name, action: step.action, durationMs, counts: result.counts });
        } catch (err) {
          state.stages[step.key] = { ...state.stages[step.key], status: 'failed', finishedAt: new Date().toISOString(), error: (err as Error).message };
          writeRunState(paths.runState, state);
          throw err;
        }
      }
    } finally {
      await ctx.close();
    }
    return { runDir: paths.dir, round, paths, stages: outcomes };
  } catch (err) {
    // A command that failed before finishing any stage leaves no run directory it created behind.
    if (created && !completedAny) {
      release();
      rmSync(created, { recursive: true, force: true });
    }
    throw err;
  } finally {
    release();
  }
}

/** The topmost folder of `dir` (itself included) that does not exist yet, or undefined when `dir` exists. */
function firstMissingAncestor(dir: string): string | undefined {
  let missing: string | undefined;
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing = d;
    if (dirname(d) === d) break;
  }
  return missing;
}

/** Fingerprint of every stage for this config and round (chained through upstream stages). */
export function stageFingerprints(config: PipelineConfig, round: number): Map<StageName, string> {
  const roundConfig = resolveRoundConfig(config, round);
  const out = new Map<StageName, string>();
  for (const def of STAGES) {
    const upstream = def.upstream.map((u) => out.get(u));
    out.set(def.name, hashOf({ stage: def.name, config: def.configOf(def.perRound ? roundConfig : config), upstream }));
  }
  return out;
}

function planStages(
  paths: RunPaths,
  state: RunState,
  config: PipelineConfig,
  round: number,
  selected: StageName[],
  options: RunPipelineOptions,
): PlannedStage[] {
  const fingerprints = stageFingerprints(config, round);
  const plan: PlannedStage[] = [];
  const stale: string[] = [];
  const dirty = new Set<StageName>();
  for (const def of STAGES) {
    if (!selected.includes(def.name)) continue;
    const key = stageKey(def, round);
    const fingerprint = fingerprints.get(def.name)!;
    for (const up of def.upstream) {
      if (selected.includes(up)) continue;
      const upDef = STAGES.find((s) => s.name === up)!;
      const upState = state.stages[stageKey(upDef, round)];
      if (upState?.status !== 'complete' || upState.fingerprint !== fingerprints.get(up)) {
        const why = upState?.status === 'complete' ? 'was made with a different config' : 'has not completed';
        throw new ConfigError(`${paths.dir}: stage "${def.name}" needs "${up}", which ${why}; run \`plum ${up}\` (or \`plum run\`) first`);
      }
    }
    const previous = state.stages[key];
    let action: StageOutcome['action'];
    if (!previous) action = 'ran';
    else if (previous.fingerprint !== fingerprint) {
      if (def.resumable && !options.restart) stale.push(def.name);
      action = 'redone';
    } else if (previous.status === 'complete' && !options.force && outputsExist(def, paths, round)) action = 'up-to-date';
    else if (previous.status === 'complete') action = 'redone';
    else action = def.resumable ? 'resumed' : 'ran';
    // A stage after one that runs again is recomputed too (resumable ones re-check their items).
    if (action === 'up-to-date' && def.upstream.some((u) => dirty.has(u))) action = def.resumable ? 'resumed' : 'redone';
    if (action !== 'up-to-date') dirty.add(def.name);
    plan.push({ def, key, fingerprint, action });
  }
  if (stale.length) {
    const changed = changedFields(paths, config);
    throw new ConfigError(
      `${paths.dir} holds ${stale.join(', ')} output made with a different config` +
        (changed.length ? ` (changed: ${changed.slice(0, 8).join(', ')})` : ' (the config is the same: its inputs changed, e.g. a problem source file)') +
        `; rerun with --restart to discard it and the stages after it, or choose another --run-dir`,
    );
  }
  return plan;
}

/** Temporary files of atomic writes cut short by a crash (we hold the lock: no one else writes). */
function removeTornTemporaries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && /^round-\d+$|^export$|^dpo$|^kto$/.test(entry.name)) removeTornTemporaries(path);
    else if (entry.isFile() && /\.tmp-\d+$/.test(entry.name)) rmSync(path, { force: true });
  }
}

function outputsExist(def: StageDefinition, paths: RunPaths, round: number): boolean {
  const [primary] = def.outputs(paths, round);
  return primary === undefined || existsSync(primary);
}

/** Dotted paths whose values differ between the run dir's config.json and `config`. */
function changedFields(paths: RunPaths, config: PipelineConfig): string[] {
  if (!existsSync(paths.config)) return [];
  let old: unknown;
  try {
    old = JSON.parse(readFileSync(paths.config, 'utf8'));
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, prefix: string) => {
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], prefix ? `${prefix}.${k}` : k);
    } else if (hashOf(a ?? null) !== hashOf(b ?? null)) out.push(prefix || '(all)');
  };
  walk(old, config, '');
  return out;
}

/** The config as stored in the run dir: a Redis password (execute.redis.url) is not written (pass it again, or set $PLUM_REDIS_URL). */
function withoutSecrets(config: PipelineConfig): PipelineConfig {
  const url = config.execute.redis.url;
  if (!url) return config;
  return { ...config, execute: { ...config.execute, redis: { url: withoutPassword(url) } } };
}
