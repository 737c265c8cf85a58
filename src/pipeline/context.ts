/**
 * What every stage function receives besides the run directory and the config: the round, the
 * run's paths, the shared execution engine (one per run, created on first use), progress bars and
 * a logger. Also the shape of a stage's result. Types only, plus the context factory.
 */
import type { RunPaths } from '../io/run-dir.js';
import { createProgress, type ProgressBar, type ProgressOptions } from '../io/progress.js';
import type { PipelineConfig } from './config.js';
import { openRunEngine, type RunEngine } from './engine.js';

/** The services a stage uses. */
export interface StageContext {
  /** Round being processed (round-scoped stages write under `round-<K>/`). */
  round: number;
  /** Paths of the run directory. */
  paths: RunPaths;
  /** True when the engine's verdict cache is off (`--no-cache`). */
  noCache: boolean;
  /** The run's execution engine, created on first call and closed by the runner. */
  engine(): Promise<RunEngine>;
  /** A progress bar on stderr. */
  progress(label: string, total: number): ProgressBar;
  /** A line of information on stderr. */
  log(message: string): void;
}

/** What a stage reports; the counts go into run.json and the summary. */
export interface StageResult {
  counts: Record<string, number>;
  /** LLM usage of the stage by ledger stage name (requests, tokens, estimated cost), kept in run.json. */
  usage?: Record<string, unknown>;
}

/** A stage: `runXStage(runDir, config, ctx)`. */
export type StageFunction = (runDir: string, config: PipelineConfig, ctx: StageContext) => Promise<StageResult>;

/** Options of `createStageContext`. */
export interface StageContextOptions {
  round: number;
  paths: RunPaths;
  config: PipelineConfig;
  noCache?: boolean;
  progress?: ProgressOptions;
  log?: (message: string) => void;
}

/** A context plus the function that releases what it opened (the engine). */
export interface OwnedStageContext extends StageContext {
  close(): Promise<void>;
}

/** Build a stage context; call `close()` when the run ends. */
export function createStageContext(options: StageContextOptions): OwnedStageContext {
  let engine: Promise<RunEngine> | undefined;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  return {
    round: options.round,
    paths: options.paths,
    noCache: options.noCache ?? false,
    engine() {
      engine ??= openRunEngine(options.config, { noCache: options.noCache ?? false });
      return engine;
    },
    progress: (label, total) => createProgress(label, total, options.progress),
    log,
    async close() {
      if (engine) await (await engine).close();
    },
  };
}
