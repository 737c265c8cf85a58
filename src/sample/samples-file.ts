/**
 * The `samples` sample generator: a round's candidates read from a samples file in the human-eval /
 * EvalPlus format (`task_id` with `solution` = a full program, or `completion` = code appended to the
 * task's prompt; any number per task), e.g. outputs generated elsewhere (a vLLM offline batch) or a
 * published set of model outputs. Same reading rules as `plum eval` (src/eval/samples.ts).
 *
 * Task ids map to the run's problems: exactly, or MBPP's integer task number to `Mbpp/N` / `mbpp/N`.
 * A sample of a task the benchmark has but this run does not hold (`problems.limit`, MBPP tasks that
 * MBPP+ left out) is left out and counted; any other id is an error naming file:line. Every line is
 * checked before anything is written. Does not run samples.
 */
import { readFileSync } from 'node:fs';
import { SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { readSamplesResolved, sampleProgram, type TaskResolver } from '../eval/samples.js';
import type { Problem, Sample } from '../records.js';

/** The generator name written into provenance. */
export const SAMPLES_FILE_GENERATOR = 'samples';

/** Sample id: stable for (problem, round, position among the task's samples in the file). */
export function fileSampleId(problemId: string, round: number, index: number): string {
  return `${problemId}::r${round}::s${index}`;
}

/** Benchmark families whose published task numbers tell "not in this run" from "unknown". */
const FAMILIES: { name: string; id: RegExp; problemId: RegExp; max: number }[] = [
  { name: 'HumanEval', id: /^HumanEval\/(\d+)$/, problemId: /^HumanEval\//, max: 163 },
  { name: 'MBPP', id: /^(?:(?:Mbpp|mbpp)\/)?(\d+)$/, problemId: /^(?:Mbpp|mbpp)\//, max: 974 },
];

/** Map a samples file's task ids onto `problems` (see the file comment). */
export function taskResolverFor(problems: readonly Pick<Problem, 'id'>[]): TaskResolver {
  const ids = new Set(problems.map((p) => p.id));
  return (taskId) => {
    if (ids.has(taskId)) return taskId;
    const number = /^(?:(?:Mbpp|mbpp)\/)?(\d+)$/.exec(taskId)?.[1];
    if (number !== undefined) {
      for (const candidate of [`Mbpp/${number}`, `mbpp/${number}`]) if (ids.has(candidate)) return candidate;
    }
    for (const family of FAMILIES) {
      const m = family.id.exec(taskId);
      if (m && Number(m[1]) <= family.max && problems.some((p) => family.problemId.test(p.id))) return null;
    }
    return undefined;
  };
}

/** The prompt a `completion` is appended to: HumanEval's prompt (the fenced code of the instruction), else nothing. */
export function completionPrompt(problem: Problem): string {
  if (!problem.source.startsWith('humaneval')) return '';
  const m = /```python\n([\s\S]*)\n```\s*$/.exec(problem.instruction);
  return m ? `${m[1]}\n` : '';
}

/** Whether `code` mentions the entry point at all (a sample that never names it cannot define it). */
function mentionsEntryPoint(code: string, entryPoint: string | null): boolean {
  if (!entryPoint) return code.trim() !== '';
  const name = /^[A-Za-z_]\w*/.exec(entryPoint)?.[0] ?? entryPoint;
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(code);
}

/** What `readSamplesFile` returns. */
export interface SamplesFileRead {
  /** The candidates, grouped by problem id, in file order. */
  byProblem: Map<string, Sample[]>;
  /** Samples of benchmark tasks this run does not hold. */
  leftOut: number;
  /** sha256 of the file's bytes (in each sample's provenance). */
  fileHash: string;
}

/** Read `file` as round `round`'s candidates for `problems`. Throws SchemaError / ConfigError on bad input. */
export async function readSamplesFile(file: string, problems: readonly Problem[], round: number): Promise<SamplesFileRead> {
  const { samples, leftOut } = await readSamplesResolved(file, taskResolverFor(problems), {
    datasetName: `this run's problems (${problems.length})`,
    requireCode: true,
  });
  if (samples.length === 0) {
    const first = leftOut[0];
    throw new SchemaError(file, first.line, 'task_id', `no sample of this file is a task of this run ("${first.taskId}" and ${leftOut.length - 1} more are not among its problems)`);
  }
  const fileHash = hashOf(readFileSync(file).toString('latin1'));
  const problemOf = new Map(problems.map((p) => [p.id, p]));
  const byProblem = new Map<string, Sample[]>();
  for (const s of samples) {
    const problem = problemOf.get(s.taskId) as Problem;
    const code = sampleProgram(s, completionPrompt(problem));
    const list = byProblem.get(problem.id) ?? [];
    list.push({
      id: fileSampleId(problem.id, round, s.sampleIndex),
      problemId: problem.id,
      round,
      index: s.sampleIndex,
      code,
      ...(s.solution === undefined ? { raw: s.completion } : {}),
      missingEntryPoint: !mentionsEntryPoint(code, problem.entryPoint),
      provenance: { generator: SAMPLES_FILE_GENERATOR, source: `${file}:${s.line}`, hashes: { file: fileHash } },
      codeHash: hashOf(code),
    });
    byProblem.set(problem.id, list);
  }
  return { byProblem, leftOut: leftOut.length, fileHash };
}
