/**
 * `--evalplus-json FILE`: the results in EvalPlus's `eval_results.json` layout (evalplus/evaluate.py),
 * so EvalPlus's tooling reads them: `date` ("%Y-%m-%d %H:%M", local time), `hash` (md5 of the
 * uncompressed dataset file, EvalPlus's get_*_plus_hash), `eval: {task_id: [{task_id, solution,
 * base_status, plus_status, base_fail_tests, plus_fail_tests}]}` in sample order, `pass_at_k: {base,
 * plus}`. Statuses as EvalPlus's untrusted_check gives them: "pass"; "timeout" when the process did not
 * report (killed at its wall-clock limit, crashed); else "fail" (wrong output, error, an input stopped
 * by its own time limit, syntax error); plus_status is null with --base-only. Fail tests as EvalPlus's
 * default fast check writes them: the first failing input, as the dataset file holds it (JSON), or []
 * when the program failed before any input ran (syntax or load error, no function of the entry point's name). Does not judge anything.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { writeTextAtomic } from '../io/jsonl.js';
import type { EvalPlusTask } from '../problems/benchmarks.js';
import type { EvalSampleResult, EvalTestGroup } from '../records.js';
import { passAtKTable } from './pass-at-k.js';
import { countPasses, firstFailure } from './results.js';

/** EvalPlus's statuses (evalplus/eval/__init__.py PASS, FAIL, TIMEOUT). */
export type EvalPlusStatus = 'pass' | 'fail' | 'timeout';

/** md5 of the dataset file as EvalPlus hashes it (the uncompressed .jsonl bytes). */
export function evalPlusDatasetHash(file: string): string {
  const bytes = readFileSync(file);
  return createHash('md5').update(file.endsWith('.gz') ? gunzipSync(bytes) : bytes).digest('hex');
}

/** EvalPlus's status of one group. */
export function evalPlusStatus(group: EvalTestGroup): EvalPlusStatus {
  if (group.passed) return 'pass';
  const notReported = group.verdict === 'crash' || group.failures.some((f) => f.verdict === 'timeout' && /wall-clock/.test(f.message ?? ''));
  return notReported ? 'timeout' : 'fail';
}

/**
 * Index of the input EvalPlus would list as failed, or undefined when none ran: a syntax error, a
 * load failure, or no function of the entry point's name (EvalPlus looks it up before the first input).
 */
export function evalPlusFailIndex(group: EvalTestGroup, entryPoint?: string): number | undefined {
  if (group.passed) return undefined;
  const first = firstFailure(group);
  if (!first || first.verdict === 'syntax_error') return undefined;
  if (first.errorType === 'NameError' && first.message === `name '${entryPoint}' is not defined`) return undefined;
  // a load failure gives every test the same outcome without running it
  if (first.durationMs === 0 && group.testsPassed === 0 && first.verdict !== 'fail') return undefined;
  const index = Number(first.testId.split('/')[1]);
  return Number.isInteger(index) ? index : undefined;
}

/** What `writeEvalPlusJson` needs. */
export interface EvalPlusJsonInput {
  /** EvalPlus's dataset name. */
  dataset: 'humaneval' | 'mbpp';
  datasetFile: string;
  tasks: readonly EvalPlusTask[];
  /** The records, in sample order. */
  results: readonly EvalSampleResult[];
  /** The program judged for each record (same order). */
  programs: readonly string[];
  ks: readonly number[];
  /** Time of the evaluation (default now). */
  date?: Date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The text of EvalPlus's eval_results.json for these results. Inputs keep their exact JSON text. */
export function evalPlusJsonText(input: EvalPlusJsonInput): string {
  const tasks = new Map(input.tasks.map((t) => [t.taskId, t]));
  const raw: string[] = [];
  const rawRef = (text: string) => `\u0000${raw.push(text) - 1}\u0000`;
  const failTests = (task: EvalPlusTask, group: 'base' | 'plus', g: EvalTestGroup | undefined) => {
    const i = g ? evalPlusFailIndex(g, task.entryPoint) : undefined;
    if (i === undefined) return [];
    const json = task.jsonInputs?.[group][i] ?? (group === 'base' ? task.baseInputs : task.plusInputs)[i];
    return json === undefined ? [] : [rawRef(json)];
  };
  const evalByTask: Record<string, object[]> = {};
  input.results.forEach((r, n) => {
    const task = tasks.get(r.task_id)!;
    (evalByTask[r.task_id] ??= []).push({
      task_id: r.task_id,
      solution: input.programs[n],
      base_status: r.base ? evalPlusStatus(r.base) : 'fail',
      plus_status: r.plus ? evalPlusStatus(r.plus) : null,
      base_fail_tests: failTests(task, 'base', r.base),
      plus_fail_tests: failTests(task, 'plus', r.plus),
    });
  });
  const ordered: Record<string, object[]> = {};
  for (const t of input.tasks) if (evalByTask[t.taskId]) ordered[t.taskId] = evalByTask[t.taskId];
  const basePassed = (r: EvalSampleResult) => (r.base ? r.base.passed : r.passed === true);
  const passAtK: Record<string, Record<string, number>> = { base: passAtKTable(countPasses(input.results, basePassed), input.ks) };
  if (input.results.some((r) => r.plus)) {
    passAtK.plus = passAtKTable(countPasses(input.results, (r) => basePassed(r) && r.plus?.passed === true), input.ks);
  }
  const d = input.date ?? new Date();
  const doc = {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
    hash: evalPlusDatasetHash(input.datasetFile),
    eval: ordered,
    pass_at_k: passAtK,
  };
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(doc).replace(/"\\u0000(\d+)\\u0000"/g, (_, i: string) => raw[Number(i)]);
}

/** Write EvalPlus's eval_results.json layout atomically. */
export function writeEvalPlusJson(file: string, input: EvalPlusJsonInput): void {
  writeTextAtomic(file, evalPlusJsonText(input));
}
