/**
 * What the offline generators need from the execution engine: run a batch of jobs and collect one
 * result per job. Any `Engine` from `createEngine()` satisfies `JobRunner`; declaring only this
 * keeps the generators independent of the engine's other features.
 */
import type { Job, JobResult, Progress } from '../execution/types.js';

/** The part of the engine the test generator, the pool builder and the mutation scorer use. */
export interface JobRunner {
  /** Run jobs; yields one result per job (any order) with the caller's `jobId`. */
  run(jobs: Iterable<Job> | AsyncIterable<Job>, options?: { onProgress?(progress: Progress): void }): AsyncIterable<JobResult>;
}

/** Run a batch and collect every result. */
export async function collectResults(engine: JobRunner, jobs: Job[], onProgress?: (progress: Progress) => void): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for await (const result of engine.run(jobs, onProgress ? { onProgress } : undefined)) results.push(result);
  return results;
}
