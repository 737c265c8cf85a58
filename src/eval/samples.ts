/**
 * Reading a samples file in the human-eval / EvalPlus format: one JSON object per line with
 * `task_id` and either `solution` (a full program) or `completion` (appended to the prompt); any
 * number of samples per task, other fields ignored. Every line is checked before anything runs: a
 * bad line is a SchemaError naming file, line and field. Also reads EvalPlus's one-folder-per-task
 * layout, and sanitises chat-style samples (`sanitizeSample`, src/eval/sanitize.ts). Does not run or
 * judge samples.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, SchemaError } from '../errors.js';
import { readJsonl } from '../io/jsonl.js';
import { definedNames, isChatStyle, sanitize } from './sanitize.js';

/** One sample to evaluate. */
export interface EvalSample {
  taskId: string;
  /** Position among this task's samples in the input (0-based), like human-eval's completion_id. */
  sampleIndex: number;
  /** Line of the samples file it came from (1-based); for a folder of EvalPlus's layout, the sample's position in reading order. */
  line: number;
  /** A full program (EvalPlus `solution`); preferred when both are given, as in EvalPlus. */
  solution?: string;
  /** Code appended to the task's prompt (human-eval `completion`). */
  completion?: string;
  /** The sample's text as given, when sanitising changed it (`solution` then holds the program judged). */
  raw?: string;
  /** The model that wrote it, when the line says (`plum generate` writes `model`). */
  model?: string;
}

const SampleLine = z.looseObject({
  /** A string id, or MBPP's integer task number as in the original MBPP files. */
  task_id: z.union([z.string(), z.number().int().transform(String)]),
  solution: z.string().nullish(),
  completion: z.string().nullish(),
});

/**
 * How a sample's `task_id` maps to a task: the task's id, `null` to leave the sample out (a task of
 * the benchmark that is not in this selection), or `undefined` when the id is unknown (an error).
 */
export type TaskResolver = (taskId: string) => string | null | undefined;

/** Options of `readSamplesResolved`. */
export interface ReadSamplesOptions {
  /** Names the dataset in errors. */
  datasetName: string;
  /** Read a folder of EvalPlus's one-folder-per-task layout too (`plum eval` does; the pipeline's `samples` generator hashes one file). */
  folders?: boolean;
  /** Refuse a sample whose code is empty or blank (the pipeline's `samples` generator does; `plum eval` judges it as a failure). */
  requireCode?: boolean;
}

/** What `readSamplesResolved` read: the samples kept, and those left out by the resolver. */
export interface ResolvedSamples {
  samples: EvalSample[];
  leftOut: { taskId: string; line: number }[];
}

/**
 * Read and check every sample of `file` (JSONL, optionally .gz, or a folder of EvalPlus's layout). `taskIds` are the tasks of the
 * dataset; `datasetName` names it in errors.
 */
export async function readSamples(file: string, taskIds: ReadonlySet<string>, datasetName: string): Promise<EvalSample[]> {
  const { samples } = await readSamplesResolved(file, (id) => (taskIds.has(id) ? id : undefined), { datasetName, folders: true });
  return samples;
}

/** Read and check every sample of `file`, mapping task ids with `resolve`; see `TaskResolver`. */
export async function readSamplesResolved(file: string, resolve: TaskResolver, options: ReadSamplesOptions): Promise<ResolvedSamples> {
  if (!existsSync(file)) throw new ConfigError(`samples file ${file} does not exist`);
  if (statSync(file).isDirectory()) {
    if (options.folders) return readSampleFolder(file, resolve, options);
    throw new ConfigError(`samples file ${file} is a directory; give a JSONL file (one sample per line)`);
  }
  const samples: EvalSample[] = [];
  const leftOut: ResolvedSamples['leftOut'] = [];
  const perTask = new Map<string, number>();
  for await (const { line, value } of readJsonl(file, SampleLine)) {
    const taskId = resolve(value.task_id);
    if (taskId === undefined) {
      throw new SchemaError(file, line, 'task_id', `unknown task_id "${value.task_id}" (not a task of ${options.datasetName})`);
    }
    const solution = value.solution ?? undefined;
    const completion = value.completion ?? undefined;
    if (solution === undefined && completion === undefined) {
      throw new SchemaError(file, line, 'completion', 'a sample needs "solution" (a full program) or "completion" (appended to the prompt)');
    }
    if (options.requireCode && !(solution ?? completion ?? '').trim()) {
      throw new SchemaError(file, line, solution !== undefined ? 'solution' : 'completion', 'the sample holds no code (empty or blank)');
    }
    if (taskId === null) {
      leftOut.push({ taskId: value.task_id, line });
      continue;
    }
    const sampleIndex = perTask.get(taskId) ?? 0;
    perTask.set(taskId, sampleIndex + 1);
    const model = typeof value.model === 'string' && value.model ? value.model : undefined;
    samples.push({ taskId, sampleIndex, line, ...(solution !== undefined ? { solution } : { completion }), ...(model ? { model } : {}) });
  }
  if (samples.length === 0 && leftOut.length === 0) throw new ConfigError(`samples file ${file} holds no samples`);
  return { samples, leftOut };
}

/**
 * The task a folder of EvalPlus's layout stands for: EvalPlus writes `task_id` with every "/" as "_"
 * (`HumanEval_0`, `Mbpp_2`) and reads every "_" back as "/"; ids that hold "_" themselves are tried
 * with only the first "_" turned back, then as written.
 */
function folderTaskId(name: string, resolve: TaskResolver): string | null | undefined {
  for (const candidate of [name.replace(/_/g, '/'), name.replace('_', '/'), name]) {
    const taskId = resolve(candidate);
    if (taskId !== undefined) return taskId;
  }
  return undefined;
}

/**
 * Samples in EvalPlus's folder layout (evalplus.codegen without --jsonl_fmt, evalplus.sanitize of a
 * folder): `<root>/<task_id with "/" as "_">/<n>.py`, each file a full program (`solution`). Tasks
 * in natural order (HumanEval_2 before HumanEval_10), files by number; `line` numbers the samples
 * 1, 2, ... in that order and errors name the file. Other files and folders are ignored, as in EvalPlus.
 */
function readSampleFolder(root: string, resolve: TaskResolver, options: ReadSamplesOptions): ResolvedSamples {
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const samples: EvalSample[] = [];
  const leftOut: ResolvedSamples['leftOut'] = [];
  let line = 0;
  const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort(natural);
  for (const folder of folders) {
    const files = readdirSync(join(root, folder), { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.py')).map((d) => d.name).sort(natural);
    if (files.length === 0) continue;
    const taskId = folderTaskId(folder, resolve);
    if (taskId === undefined) {
      throw new ConfigError(`${join(root, folder)}: folder "${folder}" is not a task of ${options.datasetName} (EvalPlus layout: <task_id with "/" as "_">/<n>.py)`);
    }
    files.forEach((name, sampleIndex) => {
      line += 1;
      const path = join(root, folder, name);
      const solution = readFileSync(path, 'utf8');
      if (options.requireCode && !solution.trim()) throw new ConfigError(`${path}: the sample holds no code (empty or blank)`);
      if (taskId === null) leftOut.push({ taskId: folder, line });
      else samples.push({ taskId, sampleIndex, line, solution });
    });
  }
  if (samples.length === 0 && leftOut.length === 0) throw new ConfigError(`samples folder ${root} holds no <task>/<n>.py files (EvalPlus's layout); give a JSONL file or such a folder`);
  return { samples, leftOut };
}

/** The program a sample stands for: its `solution`, else the prompt followed by its `completion`. */
export function sampleProgram(sample: EvalSample, prompt: string): string {
  return sample.solution ?? prompt + (sample.completion ?? '');
}

/**
 * When samples are sanitised (src/eval/sanitize.ts) before judging: `auto` (the default) only
 * chat-style ones (`isChatStyle`: a fence, prose, a <think> block; text that cannot run as given),
 * `all` every sample (as `evalplus.sanitize` before `evalplus.evaluate`), `off` none.
 */
export type SanitizeMode = 'auto' | 'all' | 'off';

/**
 * The sample to judge: sanitised per `mode` into a full program (`solution`) with the text as given
 * kept in `raw`; unchanged when not sanitised, when sanitising changes nothing, or when it finds no
 * code (the text is then judged as given and fails as it would have). A `completion` is sanitised
 * after the task's prompt, so the prompt's imports and signature stay usable; what the prompt
 * defines is kept (the task's tests may call it).
 */
export function sanitizeSample(sample: EvalSample, task: { prompt: string; entryPoint: string | null }, mode: SanitizeMode): EvalSample {
  const text = sample.solution ?? sample.completion ?? '';
  if (mode === 'off' || (mode === 'auto' && !isChatStyle(text))) return sample;
  const prefix = sample.solution === undefined ? task.prompt : undefined;
  const { code } = sanitize(text, { entryPoint: task.entryPoint, prefix, alsoKeep: definedNames(task.prompt) });
  if (!code.trim() || code.trimEnd() === text.trimEnd()) return sample;
  const { completion: _completion, ...rest } = sample;
  return { ...rest, solution: code, raw: text };
}
