/**
 * Stage 5, execute: run every sample of the round against its problem's kept tests through the
 * run's engine, one job per sample, streaming the samples file (a few batches in flight). Resumable sample by sample: 05-executions.jsonl is an append
 * log keyed by sample id, so a rerun only runs samples without an execution. A failing candidate
 * is a verdict in the record, never an exception.
 */
import { openAppendLog, readJsonl } from '../../io/jsonl.js';
import { Execution, Sample, type TestCase } from '../../records.js';
import type { Job, JobResult } from '../../execution/types.js';
import { wasNotRun } from '../../execution/job-result.js';
import { executionOf } from '../../mutation/measure.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { readKeptTestsByProblem, requireFile } from './inputs.js';

/** Samples per engine call; results are appended batch by batch. */
const BATCH = 32;
/** Batches in flight (the engine bounds the processes). */
const BATCHES_IN_FLIGHT = 4;

/** How much longer the limits of a confirming rerun are. */
const CONFIRM_FACTOR = 3;

/**
 * True when a failed result failed only by timeouts and its first timeout is on a test with its own
 * (tight) limit, e.g. an efficiency test: a loaded machine can cause those. A program that hit the
 * general limit on a small input is not rerun (it costs the most and is wrong almost always).
 */
export function needsTimeoutConfirmation(job: Job, result: Pick<JobResult, 'verdict' | 'tests'>): boolean {
  if (result.verdict === 'pass' || !result.tests.every((t) => t.verdict === 'pass' || t.verdict === 'timeout')) return false;
  const first = result.tests.find((t) => t.verdict === 'timeout' && !wasNotRun(t));
  return !!first && job.tests.some((t) => t.id === first.testId && t.timeoutMs !== undefined);
}

/** The job rerun to confirm a timeout: every time limit (per test, per job) `CONFIRM_FACTOR` x longer. */
export function confirmingJob(job: Job, testTimeoutMs: number, jobTimeoutMs: number | null): Job {
  return {
    ...job,
    tests: job.tests.map((t) => (t.timeoutMs ? { ...t, timeoutMs: t.timeoutMs * CONFIRM_FACTOR } : t)),
    limits: { ...job.limits, testTimeoutMs: testTimeoutMs * CONFIRM_FACTOR, ...(jobTimeoutMs ? { jobTimeoutMs: jobTimeoutMs * CONFIRM_FACTOR } : {}) },
  };
}

/** The engine job of one sample: its program against the kept tests. */
export function executionJob(sample: Sample, tests: readonly TestCase[], limits: Job['limits'] = undefined): Job {
  return { id: sample.id, language: 'python', program: sample.code, tests: tests.map((t) => ({ ...t.spec, id: t.id })), ...(limits ? { limits } : {}) };
}

export async function runExecuteStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  requireFile(round.samples, 'sample');
  const kept = await readKeptTestsByProblem(ctx.paths.tests, ctx.paths.filter);
  const log = await openAppendLog(round.executions, Execution, (e) => e.sampleId);
  // First pass: counts only, so samples stream through the second pass instead of sitting in memory.
  let samples = 0;
  let runnable = 0;
  let done = 0;
  for await (const { value } of readJsonl(round.samples, Sample)) {
    samples += 1;
    if (!kept.has(value.problemId)) continue;
    runnable += 1;
    if (log.keys.has(value.id)) done += 1;
  }
  const progress = ctx.progress(`execute (round ${ctx.round})`, runnable);
  if (done) progress.tick(done, 'resumed');
  let passed = log.existing.filter((e) => e.verdict === 'pass').length;
  const engine = await ctx.engine();
  const limits = config.execute.jobTimeoutMs ? { jobTimeoutMs: config.execute.jobTimeoutMs } : undefined;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const runBatch = async (batch: Sample[]) => {
    try {
      const byId = new Map(batch.map((s) => [s.id, s]));
      const jobs = new Map(batch.map((s) => [s.id, executionJob(s, kept.get(s.problemId)!, limits)]));
      const record = (sample: Sample, result: JobResult) => {
        log.append(executionOf(sample, result));
        if (result.verdict === 'pass') passed += 1;
        progress.tick(1, `${passed} passed`);
      };
      // A sample that failed only by timeouts runs once more with longer limits; that verdict is kept.
      const confirm: Job[] = [];
      for await (const result of engine.run(jobs.values())) {
        const sample = byId.get(result.jobId);
        if (!sample || failure) continue;
        if (config.execute.confirmTimeouts && needsTimeoutConfirmation(jobs.get(sample.id)!, result)) {
          confirm.push(confirmingJob(jobs.get(sample.id)!, config.execute.testTimeoutMs, config.execute.jobTimeoutMs));
        } else record(sample, result);
      }
      for await (const result of engine.run(confirm)) {
        const sample = byId.get(result.jobId);
        if (sample && !failure) record(sample, result);
      }
    } catch (error) {
      failure ??= { error };
    }
  };
  const submit = async (batch: Sample[]) => {
    const task = runBatch(batch).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(inFlight);
  };
  try {
    let batch: Sample[] = [];
    for await (const { value } of readJsonl(round.samples, Sample)) {
      if (failure) break;
      if (!kept.has(value.problemId) || log.keys.has(value.id)) continue;
      batch.push(value);
      if (batch.length >= BATCH) {
        await submit(batch);
        batch = [];
      }
    }
    if (batch.length && !failure) await submit(batch);
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  } finally {
    log.close();
    progress.finish();
  }
  const executions = log.keys.size;
  return { counts: { samples, executions, passed, failed: executions - passed } };
}
