/**
 * The stages of the pipeline in order: for each, its upstream stages, whether it is per round,
 * whether it resumes from an append log, the config it depends on (for its fingerprint) and its
 * output files. The runner (run-pipeline.ts) plans from this table; the stage bodies live in
 * stages/*.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { hashOf } from '../io/hash.js';
import { embeddedProblemsPath } from '../problems/embedded.js';
import { resolve } from 'node:path';
import type { RunPaths } from '../io/run-dir.js';
import type { PipelineConfig } from './config.js';
import type { StageFunction } from './context.js';
import { runProblemsStage } from './stages/problems.js';
import { runTestgenStage } from './stages/testgen.js';
import { runFilterStage } from './stages/filter.js';
import { runSampleStage } from './stages/sample.js';
import { runExecuteStage } from './stages/execute.js';
import { runMutationStage } from './stages/mutation.js';
import { runLabelStage } from './stages/label.js';
import { runPairsStage } from './stages/pairs.js';
import { runStatsStage } from './stages/stats.js';
import { runExportStage } from './stages/export.js';

export const STAGE_NAMES = ['problems', 'testgen', 'filter', 'sample', 'execute', 'mutation', 'label', 'pairs', 'stats', 'export'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** One row of the stage table. */
export interface StageDefinition {
  name: StageName;
  /** One sentence for `plum --help`. */
  summary: string;
  /** Stages whose complete output this one reads. */
  upstream: StageName[];
  /** Writes under round-<K>/ (and is keyed `<name>@round-<K>` in run.json). */
  perRound: boolean;
  /** Appends to a log and resumes item by item (its output is discarded only with --restart). */
  resumable: boolean;
  /** The part of the (round-resolved) config its output depends on. */
  configOf(config: PipelineConfig): unknown;
  /** Files and folders it writes (deleted when its output is discarded). */
  outputs(paths: RunPaths, round: number): string[];
  run: StageFunction;
}

const limitsOf = (c: PipelineConfig) => ({ testTimeoutMs: c.execute.testTimeoutMs, memoryMb: c.execute.memoryMb });
const executeLimitsOf = (c: PipelineConfig) => ({ ...limitsOf(c), jobTimeoutMs: c.execute.jobTimeoutMs });

/** Content identity of the problem source files (so an edited input file is noticed). */
function sourceStamps(config: PipelineConfig): unknown[] {
  return config.problems.sources.map((source) => {
    const path = 'path' in source && source.path ? source.path : source.kind === 'embedded' ? embeddedProblemsPath() : undefined;
    return path ? { ...source, content: fileStamp(resolve(path)) } : source;
  });
}

/** Content identity of the `samples` generator's file (so an edited samples file is noticed). */
function samplesFileHash(c: PipelineConfig): string | undefined {
  return c.sample.generator === 'samples' && c.sample.samples ? fileStamp(resolve(c.sample.samples.path)) : undefined;
}

/** Hash of a file's content (size and mtime for files over 256 MiB, or folders); '' when missing. */
function fileStamp(path: string): string {
  try {
    const st = statSync(path);
    return st.isFile() && st.size < 256 * 2 ** 20 ? hashOf(readFileSync(path, 'utf8')) : `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

export const STAGES: readonly StageDefinition[] = [
  {
    name: 'problems',
    summary: 'load problems from the configured sources (01-problems.jsonl)',
    upstream: [],
    perRound: false,
    resumable: false,
    configOf: (c) => ({ sources: sourceStamps(c), limit: c.problems.limit }),
    outputs: (p) => [p.problems, p.problemSkips],
    run: runProblemsStage,
  },
  {
    name: 'testgen',
    summary: 'generate tests per problem (02-tests.jsonl)',
    upstream: ['problems'],
    perRound: false,
    resumable: true,
    configOf: (c) => ({ seed: c.seed, testgen: c.testgen, llm: c.testgen.generator === 'llm' ? c.llm?.testgen : undefined, limits: limitsOf(c) }),
    outputs: (p) => [p.tests, p.testSkips, p.problemUpdates, p.llmAnswers, p.doneMarkers('testgen')],
    run: runTestgenStage,
  },
  {
    name: 'filter',
    summary: 'keep trustworthy tests: consistency with the reference + heuristics (03-filter.jsonl)',
    upstream: ['testgen'],
    perRound: false,
    resumable: true,
    configOf: (c) => ({ filter: c.filter, limits: limitsOf(c) }),
    outputs: (p) => [p.filter, p.filterEvidence, p.doneMarkers('filter')],
    run: runFilterStage,
  },
  {
    name: 'sample',
    summary: 'sample k candidate solutions per problem (round-K/04-samples.jsonl)',
    upstream: ['filter'],
    perRound: true,
    resumable: true,
    configOf: (c) => ({ seed: c.seed, sample: c.sample, llm: c.sample.generator === 'llm' ? c.llm : undefined, samplesFile: samplesFileHash(c) }),
    outputs: (p, k) => [p.round(k).samples, p.round(k).sampleSkips, p.doneMarkers(`sample@round-${k}`)],
    run: runSampleStage,
  },
  {
    name: 'execute',
    summary: 'run every candidate against its kept tests (round-K/05-executions.jsonl)',
    upstream: ['sample'],
    perRound: true,
    resumable: true,
    configOf: (c) => ({ limits: executeLimitsOf(c) }),
    outputs: (p, k) => [p.round(k).executions],
    run: runExecuteStage,
  },
  {
    name: 'mutation',
    summary: 'mutation score of each problem\'s kept tests (round-K/mutation-scores.jsonl)',
    upstream: ['execute'],
    perRound: true,
    resumable: true,
    configOf: (c) => ({ mutation: c.mutation, seed: c.seed, testgen: c.testgen.offline, k: c.sample.k, generator: c.sample.generator }),
    outputs: (p, k) => [p.round(k).mutationScores, p.doneMarkers(`mutation@round-${k}`)],
    run: runMutationStage,
  },
  {
    name: 'label',
    summary: 'chosen = passes every kept test, rejected = fails one (round-K/06-labels.jsonl)',
    upstream: ['execute'],
    perRound: true,
    resumable: false,
    configOf: (c) => ({ label: c.label }),
    outputs: (p, k) => [p.round(k).labels],
    run: runLabelStage,
  },
  {
    name: 'pairs',
    summary: 'build DPO pairs and KTO examples (round-K/07-dpo.jsonl, 08-kto.jsonl)',
    upstream: ['label'],
    perRound: true,
    resumable: false,
    configOf: (c) => ({ seed: c.seed, pairs: c.pairs }),
    outputs: (p, k) => [p.round(k).dpo, p.round(k).kto, p.round(k).pairsSummary],
    run: runPairsStage,
  },
  {
    name: 'stats',
    summary: 'statistics: pass rates, filter reasons, failure kinds, pairs, mutation scores (round-K/stats.json)',
    upstream: ['pairs', 'mutation'],
    perRound: true,
    resumable: false,
    configOf: (c) => ({ stats: c.stats }),
    outputs: (p, k) => [p.round(k).stats],
    run: runStatsStage,
  },
  {
    name: 'export',
    summary: 'TRL-ready DPO/KTO files, TRL YAML configs and a dataset card (round-K/export/)',
    upstream: ['stats'],
    perRound: true,
    resumable: false,
    configOf: (c) => ({ export: c.export }),
    outputs: (p, k) => [p.round(k).exportDir],
    run: runExportStage,
  },
];

/** The definition of a stage by name. */
export function stageDefinition(name: StageName): StageDefinition {
  const def = STAGES.find((s) => s.name === name);
  if (!def) throw new Error(`unknown stage ${name}`);
  return def;
}

/** The run.json key of a stage: `testgen` or `sample@round-0`. */
export function stageKey(def: StageDefinition, round: number): string {
  return def.perRound ? `${def.name}@round-${round}` : def.name;
}
