/**
 * Stage 5, execute: run every sample of the round against its problem's kept tests through the
 * run's engine, one job per sample. Resumable sample by sample: 05-executions.jsonl is an append
 * log keyed by sample id, so a rerun only runs samples without an execution. A failing candidate
 * is a verdict in the record, never an exception.
 */
import pLimit from 'p-limit';
import { openAppendLog } from '../../io/jsonl.js';
import { Execution, type Sample, type TestCase } from '../../records.js';
import type { Job, JobResult } from '../../execution/types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { readKeptTestsByProblem, readSamples } from './inputs.js';

/** Samples per engine call; results are appended batch by batch. */
const BATCH = 32;
/** Batches in flight (the engine bounds the processes). */
const BATCHES_IN_FLIGHT = 4;

/** The engine job of one sample: its program against the kept tests. */
export function executionJob(sample: Sample, tests: readonly TestCase[], limits: Job['limits'] = undefined): Job {
  return { id: sample.id, language: 'python', program: sample.code, tests: tests.map((t) => ({ ...t.spec, id: t.id })), ...(limits ? { limits } : {}) };
}

/** The Execution record of one engine result. */
export function executionRecord(sample: Sample, result: JobResult): Execution {
  return {
    sampleId: sample.id,
    problemId: sample.problemId,
    round: sample.round,
    verdict: result.verdict,
    tests: result.tests,
    durationMs: result.durationMs,
    cached: result.cached,
    cacheKey: result.cacheKey,
  };
}

export async function runExecuteStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  const samples = await readSamples(round.samples);
  const kept = await readKeptTestsByProblem(ctx.paths.tests, ctx.paths.filter);
  const log = await openAppendLog(round.executions, Execution, (e) => e.sampleId);
  const progress = ctx.progress(`execute (round ${ctx.round})`, samples.length);
  let passed = log.existing.filter((e) => e.verdict === 'pass').length;
  try {
    const todo = samples.filter((s) => !log.keys.has(s.id) && kept.has(s.problemId));
    progress.tick(samples.length - todo.length - samples.filter((s) => !kept.has(s.problemId)).length);
    progress.setTotal(samples.filter((s) => kept.has(s.problemId)).length);
    const engine = await ctx.engine();
    const limits = config.execute.jobTimeoutMs ? { jobTimeoutMs: config.execute.jobTimeoutMs } : undefined;
    const limit = pLimit(BATCHES_IN_FLIGHT);
    const batches: Sample[][] = [];
    for (let i = 0; i < todo.length; i += BATCH) batches.push(todo.slice(i, i + BATCH));
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          const byId = new Map(batch.map((s) => [s.id, s]));
          for await (const result of engine.run(batch.map((s) => executionJob(s, kept.get(s.problemId)!, limits)))) {
            const sample = byId.get(result.jobId);
            if (!sample) continue;
            log.append(executionRecord(sample, result));
            if (result.verdict === 'pass') passed += 1;
            progress.tick(1, `${passed} passed`);
          }
        }),
      ),
    );
  } finally {
    log.close();
    progress.finish();
  }
  const executions = log.keys.size;
  return { counts: { samples: samples.length, executions, passed, failed: executions - passed } };
}
