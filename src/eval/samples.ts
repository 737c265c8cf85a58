/**
 * Reading a samples file in the human-eval / EvalPlus format: one JSON object per line with
 * `task_id` and either `solution` (a full program) or `completion` (appended to the prompt); any
 * number of samples per task, other fields ignored. Every line is checked before anything runs: a
 * bad line is a SchemaError naming file, line and field. Does not run or judge samples.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, SchemaError } from '../errors.js';
import { readJsonl } from '../io/jsonl.js';

/** One sample to evaluate. */
export interface EvalSample {
  taskId: string;
  /** Position among this task's samples in the input (0-based), like human-eval's completion_id. */
  sampleIndex: number;
  /** Line of the samples file it came from (1-based). */
  line: number;
  /** A full program (EvalPlus `solution`); preferred when both are given, as in EvalPlus. */
  solution?: string;
  /** Code appended to the task's prompt (human-eval `completion`). */
  completion?: string;
}

const SampleLine = z.looseObject({
  task_id: z.string(),
  solution: z.string().nullish(),
  completion: z.string().nullish(),
});

/**
 * Read and check every sample of `file` (JSONL, optionally .gz). `taskIds` are the tasks of the
 * dataset; `datasetName` names it in errors.
 */
export async function readSamples(file: string, taskIds: ReadonlySet<string>, datasetName: string): Promise<EvalSample[]> {
  if (!existsSync(file)) throw new ConfigError(`samples file ${file} does not exist`);
  const samples: EvalSample[] = [];
  const perTask = new Map<string, number>();
  for await (const { line, value } of readJsonl(file, SampleLine)) {
    const taskId = value.task_id;
    if (!taskIds.has(taskId)) {
      throw new SchemaError(file, line, 'task_id', `unknown task_id "${taskId}" (not a task of ${datasetName})`);
    }
    const solution = value.solution ?? undefined;
    const completion = value.completion ?? undefined;
    if (solution === undefined && completion === undefined) {
      throw new SchemaError(file, line, 'completion', 'a sample needs "solution" (a full program) or "completion" (appended to the prompt)');
    }
    const sampleIndex = perTask.get(taskId) ?? 0;
    perTask.set(taskId, sampleIndex + 1);
    samples.push({ taskId, sampleIndex, line, ...(solution !== undefined ? { solution } : { completion }) });
  }
  if (samples.length === 0) throw new ConfigError(`samples file ${file} holds no samples`);
  return samples;
}

/** The program a sample stands for: its `solution`, else the prompt followed by its `completion`. */
export function sampleProgram(sample: EvalSample, prompt: string): string {
  return sample.solution ?? prompt + (sample.completion ?? '');
}
