/**
 * What the offline generators need from the execution engine: run a batch of jobs and get one
 * result per job. The engine of src/execution satisfies it; declaring only this keeps the
 * generators testable against any engine instance and independent of its other features.
 */
import type { Job, JobResult } from '../execution/types.js';

/** The part of the engine the test generator, the pool builder and the mutation scorer use. */
export interface JobRunner {
  /** Run every job; resolves with one result per job (matched by `jobId`, any order). */
  runJobs(jobs: Job[]): Promise<JobResult[]>;
}
