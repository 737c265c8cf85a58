/**
 * HumanEval+ and MBPP+ expected outputs, as EvalPlus computes them: the task's `canonical_solution`
 * (after its prompt) called on every base and plus input (for MBPP+'s not-None tasks, only whether
 * the output is not None), here through the execution engine, with the time
 * of each call measured around the call alone (EvalPlus's `trusted_exec`). Each output is kept as
 * its repr when small (or when a float tolerance may apply), else as digests compared by the
 * `evalplus:digest` oracle (some outputs are 150 MB). Results are cached on disk per task, keyed by
 * the dataset file's hash and the recording code, so a second evaluation executes no reference.
 * Does not judge candidates (humaneval-plus.ts does).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlumError } from '../errors.js';
import type { Engine, Job, JobResult } from '../execution/types.js';
import { hashOf, shortHash } from '../io/hash.js';
import { createProgress } from '../io/progress.js';
import { packageRoot } from '../paths.js';
import type { EvalPlusTask } from '../problems/benchmarks.js';
import { mbppOracle, MBPP_OUTPUT_NOT_NONE_TASKS } from './special-oracles.js';
import type { TestSpec } from '../records.js';

/** What is kept of one reference output. */
export interface ExpectedOutput {
  /** Seconds the reference call took (the basis of the candidate's time limit). */
  seconds: number;
  /** EvalPlus's is_floats(output): a float tolerance applies from this input on. */
  isFloats: boolean;
  /** repr(output), a Python expression, when the output is small or may be compared with a tolerance. */
  repr?: string;
  /** Digests of a large output (exact: equal under ==; fast: doubles of a long list of numbers; pickle: its pickle, a shortcut). */
  digest?: { exact: string; fast: string | null; pickle?: string | null };
  /** Why there is no expected output: the canonical solution did not run on this input (timed out, raised). */
  missing?: string;
}

/** The expected outputs of one task, input by input. */
export interface TaskExpected {
  base: ExpectedOutput[];
  plus: ExpectedOutput[];
}

/** Options of `expectedOutputsFor`; defaults in `resolveExpectedOptions`. */
export interface ExpectedOutputsOptions {
  /** Folder of the cache files; default `$PLUM_CACHE_DIR/expected-outputs` or `<root>/.plum-cache/expected-outputs`. */
  cacheDir?: string;
  /** Skip the engine's verdict cache while computing (the expected-output cache is still used). */
  noCache?: boolean;
  /** Progress bar on stderr (default true). */
  progress?: boolean;
  /** Per-input time limit of a reference call and its recording (ms, default 300 s: Mbpp/255's digests take ~50 s under load). */
  referenceTimeoutMs?: number;
}

/** Default folder of the expected-output cache. */
export function defaultExpectedCacheDir(): string {
  return process.env.PLUM_CACHE_DIR
    ? join(process.env.PLUM_CACHE_DIR, 'expected-outputs')
    : join(packageRoot(), '.plum-cache', 'expected-outputs');
}

function resolveExpectedOptions(options: ExpectedOutputsOptions): Required<ExpectedOutputsOptions> {
  return {
    cacheDir: options.cacheDir ?? defaultExpectedCacheDir(),
    noCache: options.noCache ?? false,
    progress: options.progress ?? true,
    referenceTimeoutMs: options.referenceTimeoutMs ?? 300_000,
  };
}

/** Path of src/execution/python/oracles.py, whose `record_expected` digests reference outputs. */
export function oraclesSourcePath(): string {
  return join(packageRoot(), 'src', 'execution', 'python', 'oracles.py');
}

const RECORD_ENTRY = '__plum_record__';
const RECORDER_FORMAT = 1;

/** A Python literal for a finite JS number. */
function pythonNumber(x: number): string {
  if (!Number.isFinite(x)) throw new PlumError(`not a finite number: ${x}`);
  return String(x);
}

/**
 * The reference program plus a recorder: `__plum_record__(*args)` calls the entry point, times the
 * call and returns base64(JSON from oracles.record_expected). oracles.py runs in its own namespace so
 * its names never shadow the task's.
 */
export function recorderProgram(task: EvalPlusTask, oraclesSource: string): string {
  // EvalPlus records `output is not None` for these MBPP+ tasks; outputs an MBPP+ oracle compares stay inline.
  const notNone = task.benchmark === 'mbpp+' && MBPP_OUTPUT_NOT_NONE_TASKS.includes(task.entryPoint);
  const inline = task.benchmark === 'mbpp+' && mbppOracle(task.entryPoint) !== undefined;
  return [
    task.prompt + task.canonicalSolution,
    '',
    "__plum_oracles__ = {'__name__': '__plum_oracles__'}",
    `exec(compile(${JSON.stringify(oraclesSource)}, '<plum-oracles>', 'exec'), __plum_oracles__)`,
    '',
    `def ${RECORD_ENTRY}(*args, _entry=${task.entryPoint}, _record=__plum_oracles__['record_expected'],`,
    "                    _clock=__import__('time').perf_counter, _b64=__import__('base64').b64encode):",
    '    t0 = _clock()',
    '    out = _entry(*args)',
    '    seconds = _clock() - t0',
    ...(notNone ? ['    out = out is not None'] : []),
    `    return _b64(_record(out, seconds, ${pythonNumber(task.atol)}${inline ? ', inline=True' : ''}).encode()).decode()`,
    '',
  ].join('\n');
}

function recorderJob(task: EvalPlusTask, group: 'base' | 'plus', program: string, timeoutMs: number): Job {
  const inputs = group === 'base' ? task.baseInputs : task.plusInputs;
  const tests: TestSpec[] = inputs.map((args, i) => ({ id: `${group}/${i}`, kind: 'call', entryPoint: RECORD_ENTRY, args, timeoutMs }));
  return { id: `${task.taskId}#${group}`, program, tests, limits: { testTimeoutMs: timeoutMs, maxTimeouts: Math.max(1, tests.length) } };
}

/** Decode what the recorder returned (the repr of a base64 string). */
function decodeRecord(task: EvalPlusTask, result: JobResult, index: number): ExpectedOutput {
  const outcome = result.tests[index];
  if (!outcome || outcome.verdict !== 'pass' || !outcome.output) {
    // Not fatal: the task's tests on this input fail with this reason (--check-references lists it).
    const why = outcome ? `${outcome.verdict}${outcome.errorType ? ` ${outcome.errorType}` : ''}${outcome.message ? `: ${outcome.message}` : ''}` : 'no outcome';
    return { seconds: (outcome?.durationMs ?? 0) / 1000, isFloats: false, missing: `the canonical solution did not run on ${outcome?.testId ?? `input ${index}`} (${why})` };
  }
  const text = outcome.output;
  const quote = text[0];
  if ((quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) throw new PlumError(`${task.taskId}: unexpected recorder output ${text.slice(0, 80)}`);
  const raw = JSON.parse(Buffer.from(text.slice(1, -1), 'base64').toString('utf8')) as { t: number; f: boolean; r?: string; d?: ExpectedOutput['digest'] };
  const out: ExpectedOutput = { seconds: raw.t, isFloats: raw.f };
  if (raw.r !== undefined) out.repr = raw.r;
  if (raw.d !== undefined) out.digest = raw.d;
  return out;
}

/**
 * The cache file of one task: keyed by the dataset file, the task, and the recorder program itself
 * (so a change of the recorder or of oracles.py recomputes, and the key does not depend on how the
 * TypeScript was compiled), plus RECORDER_FORMAT for the decoding.
 */
function cacheFile(dir: string, datasetHash: string, program: string, taskId: string): string {
  const key = shortHash({ datasetHash, program: hashOf(program), taskId, format: RECORDER_FORMAT });
  return join(dir, `${taskId.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${key}.json`);
}

function readCached(file: string): TaskExpected | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as TaskExpected;
    return Array.isArray(value.base) && Array.isArray(value.plus) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeCached(file: string, value: TaskExpected): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

/**
 * The expected outputs of `tasks` (from the cache, or computed on `engine` and cached).
 * `datasetHash` is the content hash of the dataset file the tasks come from.
 */
export async function expectedOutputsFor(
  tasks: readonly EvalPlusTask[],
  datasetHash: string,
  engine: Engine,
  options: ExpectedOutputsOptions = {},
): Promise<Map<string, TaskExpected>> {
  const opts = resolveExpectedOptions(options);
  const oraclesSource = readFileSync(oraclesSourcePath(), 'utf8');
  const programs = new Map(tasks.map((task) => [task.taskId, recorderProgram(task, oraclesSource)]));
  mkdirSync(opts.cacheDir, { recursive: true });
  const found = new Map<string, TaskExpected>();
  const missing: EvalPlusTask[] = [];
  for (const task of tasks) {
    const hit = readCached(cacheFile(opts.cacheDir, datasetHash, programs.get(task.taskId)!, task.taskId));
    if (hit && hit.base.length === task.baseInputs.length && hit.plus.length === task.plusInputs.length) found.set(task.taskId, hit);
    else missing.push(task);
  }
  if (missing.length === 0) return found;

  const byId = new Map(missing.map((t) => [t.taskId, t]));
  const jobs: Job[] = [];
  for (const task of missing) {
    const program = programs.get(task.taskId)!;
    jobs.push(recorderJob(task, 'base', program, opts.referenceTimeoutMs), recorderJob(task, 'plus', program, opts.referenceTimeoutMs));
  }
  const bar = createProgress('expected outputs (canonical solutions)', jobs.length, { enabled: opts.progress && process.env.PLUM_PROGRESS !== '0' });
  const partial = new Map<string, Partial<TaskExpected>>();
  for await (const result of engine.run(jobs, { noCache: opts.noCache })) {
    const [taskId, group] = result.jobId.split('#') as [string, 'base' | 'plus'];
    const task = byId.get(taskId)!;
    const outputs = result.tests.map((_, i) => decodeRecord(task, result, i));
    const entry = partial.get(taskId) ?? {};
    entry[group] = outputs;
    if (entry.base && entry.plus) {
      const done: TaskExpected = { base: entry.base, plus: entry.plus };
      // a missing output may be the machine's load: computed again next time
      if (![...done.base, ...done.plus].some((e) => e.missing)) writeCached(cacheFile(opts.cacheDir, datasetHash, programs.get(taskId)!, taskId), done);
      else process.stderr.write(`${taskId}: ${[...done.base, ...done.plus].find((e) => e.missing)!.missing}; its tests on that input fail\n`);
      found.set(taskId, done);
      partial.delete(taskId);
    } else {
      partial.set(taskId, entry);
    }
    bar.tick();
  }
  bar.finish();
  return found;
}
