/**
 * The stage behind `plum sanitize`: sanitise every sample of a samples file or folder (as
 * `evalplus.sanitize` does) and write the programs beside the raw input, in the input's layout: a
 * JSONL file of `{task_id, solution}` or EvalPlus's folder `<task_id with "/" as "_">/<n>.py`. With
 * a dataset, each sample keeps what its task's entry point needs and a completion is sanitised after
 * the task's prompt; without one, only fences and prose go. Runs no code.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { writeJsonlAtomic, writeTextAtomic } from '../io/jsonl.js';
import { evalDataset, type EvalTask } from './datasets.js';
import { loadEvalDataset } from './evaluate.js';
import { definedNames, sanitize } from './sanitize.js';
import { readSamplesResolved, type EvalSample } from './samples.js';

/** Options of `sanitizeSamplesFile`. */
export interface SanitizeSamplesOptions {
  /** A samples file (JSONL, optionally .gz) or a folder of EvalPlus's layout. */
  input: string;
  /** Where to write; default `defaultSanitizedPath(input)`. */
  output?: string;
  /** The benchmark (a --dataset name of ./datasets.ts) whose entry points and prompts apply; none: keep all code. */
  dataset?: string;
  dataDir?: string;
  problemFile?: string;
}

/** What `sanitizeSamplesFile` did. */
export interface SanitizeSamplesReport {
  output: string;
  samples: number;
  /** Samples whose program differs from the text given. */
  changed: number;
  /** Samples in which no code was found (written as given). */
  noCode: number;
}

/** EvalPlus's naming: `x.jsonl` -> `x-sanitized.jsonl`, folder `x` -> `x-sanitized`. */
export function defaultSanitizedPath(input: string): string {
  if (statSync(input).isDirectory()) return join(dirname(input), `${basename(input)}-sanitized`);
  const name = basename(input).replace(/\.jsonl(\.gz)?$/, '');
  return join(dirname(input), `${name}-sanitized.jsonl`);
}

function tasksOf(options: SanitizeSamplesOptions): Map<string, EvalTask> | undefined {
  if (!options.dataset) return undefined;
  const bench = loadEvalDataset(evalDataset(options.dataset), { dataDir: options.dataDir, problemFile: options.problemFile });
  return new Map(bench.tasks.map((t) => [t.taskId, t]));
}

/** Sanitise every sample of `options.input`; see the file comment. */
export async function sanitizeSamplesFile(options: SanitizeSamplesOptions): Promise<SanitizeSamplesReport> {
  if (!existsSync(options.input)) throw new ConfigError(`samples ${options.input} do not exist`);
  const folder = statSync(options.input).isDirectory();
  const output = options.output ?? defaultSanitizedPath(options.input);
  if (output === options.input) throw new ConfigError(`the output ${output} would overwrite the samples`);
  const tasks = tasksOf(options);
  const { samples } = await readSamplesResolved(options.input, (id) => (tasks ? (tasks.has(id) ? id : undefined) : id), {
    datasetName: options.dataset ?? 'any dataset',
    folders: true,
  });
  let changed = 0;
  let noCode = 0;
  const programs = samples.map((sample: EvalSample) => {
    const task = tasks?.get(sample.taskId);
    if (sample.solution === undefined && !task) {
      throw new ConfigError(`${options.input}:${sample.line}: a "completion" sample needs --dataset (its task's prompt comes first)`);
    }
    const text = sample.solution ?? sample.completion ?? '';
    const { code } = sanitize(text, {
      entryPoint: task?.entryPoint,
      prefix: sample.solution === undefined ? task!.prompt : undefined,
      alsoKeep: task ? definedNames(task.prompt) : [],
    });
    if (!code.trim()) noCode++;
    const program = code.trim() ? code : sample.solution ?? task!.prompt + text;
    if (program.trimEnd() !== text.trimEnd()) changed++;
    return { taskId: sample.taskId, program };
  });
  if (folder) writeFolder(output, programs);
  else await writeJsonlAtomic(output, programs.map((p) => ({ task_id: p.taskId, solution: p.program })));
  return { output, samples: samples.length, changed, noCode };
}

/** Write EvalPlus's folder layout at `output` (built beside it, then renamed into place). */
function writeFolder(output: string, programs: { taskId: string; program: string }[]): void {
  if (existsSync(output) && readdirSync(output).length > 0) throw new ConfigError(`${output} exists and is not empty; remove it or give another output`);
  const tmp = `${output}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const counts = new Map<string, number>();
  for (const { taskId, program } of programs) {
    const dir = join(tmp, taskId.replace(/\//g, '_'));
    mkdirSync(dir, { recursive: true });
    const n = counts.get(dir) ?? 0;
    counts.set(dir, n + 1);
    writeTextAtomic(join(dir, `${n}.py`), program);
  }
  if (existsSync(output)) rmSync(output, { recursive: true });
  renameSync(tmp, output);
}
