/** Concurrency constants of the stage loops (the engine bounds the processes; this bounds work in flight). */

/** Problems processed at once by the per-problem stages (each submits a small batch of jobs). */
export const PROBLEMS_IN_FLIGHT = 8;
