/**
 * The public API of plum: what notebooks, scripts and the CLI import. Everything else is internal.
 * Each block is owned by one folder of src/.
 */
export * from './errors.js';
export * from './records.js';
export { packageRoot, dataPath } from './paths.js';
export { readJsonl, readJsonlAll, writeJsonlAtomic, openAppendLog, parseJsonlLine } from './io/jsonl.js';
export type { JsonlLine, AppendLog } from './io/jsonl.js';
export { hashOf, shortHash, canonicalJson } from './io/hash.js';

// execution
export type { Job, JobResult, Limits, Progress, ProtectionReport } from './execution/types.js';
export { resolvePython } from './execution/python.js';
export { runPythonTool } from './execution/python-tool.js';

// problems
export { loadProblems, streamProblems } from './problems/load.js';
export type { LoadedProblems, ProblemStreamItem } from './problems/load.js';
export { ProblemSourceSpec } from './problems/spec.js';
export type { LoadProblemsOptions } from './problems/spec.js';
export { embeddedProblemsPath, EmbeddedProblemRow } from './problems/embedded.js';
export { makeProblem, hashProblemContent } from './problems/make-problem.js';
