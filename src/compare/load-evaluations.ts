/**
 * Reading evaluations for `plum compare`: a results file of `plum eval --out`, its summary
 * (`<out without .jsonl>.summary.json`, EvalSummary), or a folder holding several of them. Per-task
 * counts are always recomputed from the results (so flipped tasks can be found); the summary gives
 * the dataset (the file's name for a --problem-file evaluation), the model and the results file's name. A summary whose results file is gone still
 * gives its pass@k (without flips). Without a summary the dataset is read from the records (task
 * ids `HumanEval/N`, `Mbpp/N`; `base_passed` = an EvalPlus dataset), else it is the file's name
 * without plum eval's `_results` suffix. The model is the summary's, else the `model` field the
 * summary's samples file carries (`plum generate` writes one). Does not compare (compare.ts).
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, DataMissingError, SchemaError } from '../errors.js';
import { readJsonl } from '../io/jsonl.js';
import type { PassCounts } from '../eval/pass-at-k.js';
import { EvalSummary } from '../records.js';

/** The metrics of a result record: `passed` (one test group), or `base` and `plus` (EvalPlus datasets). */
export type MetricName = 'passed' | 'base' | 'plus';

/** One evaluation: a dataset judged once, with per-task sample counts per metric. */
export interface LoadedEvaluation {
  /** The --dataset of `plum eval` (from the summary, else inferred from the records). */
  dataset: string;
  /** The model that wrote the samples, when the summary knows it. */
  model?: string;
  /** Hash of the dataset file the summary names (which task set was judged). */
  datasetHash?: string;
  /** The row name when `dataset` covers several task sets in one comparison (see identityOf). */
  alias?: string;
  resultsFile?: string;
  summaryFile?: string;
  /** Metrics present: ['passed'] or ['base', 'plus']. */
  metrics: MetricName[];
  /** task id -> metric -> samples (n) and passing samples (c); empty when only a summary was found. */
  tasks: Map<string, Partial<Record<MetricName, PassCounts>>>;
  /** metric -> pass@k from the summary, used only when the results file is missing. */
  summaryPassAtK?: Partial<Record<MetricName, Record<string, number>>>;
}

const ResultLine = z.looseObject({
  task_id: z.string(),
  passed: z.boolean().optional(),
  base_passed: z.boolean().optional(),
  plus_passed: z.boolean().optional(),
});

const SUMMARY_SUFFIX = '.summary.json';

/** The summary file beside a results file (`x.jsonl` -> `x.summary.json`). */
export function summaryPathOf(resultsFile: string): string {
  return resultsFile.replace(/\.jsonl(\.gz)?$/, '') + SUMMARY_SUFFIX;
}

function readSummary(file: string): EvalSummary {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SchemaError(file, 1, '', `not JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = EvalSummary.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SchemaError(file, 1, issue.path.join('.'), issue.message);
  }
  return parsed.data;
}

/** The results file a summary names: as written, else beside the summary (the folder may have moved). */
function resultsFileOf(summary: EvalSummary, summaryFile: string): string | undefined {
  const candidates = [
    isAbsolute(summary.resultsFile) ? summary.resultsFile : resolve(dirname(summaryFile), summary.resultsFile),
    join(dirname(summaryFile), basename(summary.resultsFile)),
    summaryFile.slice(0, -SUMMARY_SUFFIX.length) + '.jsonl',
  ];
  return candidates.find((f) => existsSync(f));
}

/** The dataset of records without a summary: by task-id prefix, `+` when they carry base/plus verdicts. */
function inferDataset(taskIds: Iterable<string>, plus: boolean, file: string): string {
  const first = taskIds[Symbol.iterator]().next().value as string | undefined;
  const family = first?.startsWith('HumanEval/') ? 'humaneval' : first?.startsWith('Mbpp/') ? 'mbpp' : undefined;
  if (family) return plus ? `${family}+` : family;
  return basename(file).replace(/\.jsonl(\.gz)?$/, '').replace(/(_mbpp_plus|_plus)?_results$/, ''); // plum eval's default names
}

/** Read one results file into per-task counts. */
async function readResults(file: string): Promise<{ tasks: LoadedEvaluation['tasks']; metrics: MetricName[] }> {
  const tasks: LoadedEvaluation['tasks'] = new Map();
  let plus: boolean | undefined;
  for await (const { line, value } of readJsonl(file, ResultLine)) {
    const hasPlus = value.base_passed !== undefined;
    if (!hasPlus && value.passed === undefined) throw new SchemaError(file, line, 'passed', 'not a plum eval result: a line needs "passed" or "base_passed"/"plus_passed"');
    if (plus === undefined) plus = hasPlus;
    else if (plus !== hasPlus) throw new SchemaError(file, line, 'base_passed', 'mixes "passed" lines with "base_passed" lines: one file holds one evaluation');
    const counts = tasks.get(value.task_id) ?? {};
    const add = (metric: MetricName, ok: boolean | undefined) => {
      const c = (counts[metric] ??= { n: 0, c: 0 });
      c.n += 1;
      if (ok) c.c += 1;
    };
    if (hasPlus) {
      add('base', value.base_passed);
      add('plus', value.base_passed === true && value.plus_passed === true);
    } else add('passed', value.passed);
    tasks.set(value.task_id, counts);
  }
  if (tasks.size === 0) throw new ConfigError(`results file ${file} holds no results`);
  return { tasks, metrics: plus ? ['base', 'plus'] : ['passed'] };
}

/** The `model` a `plum generate` samples file records on its lines (read from the first line), if any. */
function modelOfSamples(samplesFile: string | undefined): string | undefined {
  if (!samplesFile || !existsSync(samplesFile) || statSync(samplesFile).isDirectory() || samplesFile.endsWith('.gz')) return undefined;
  try {
    const fd = openSync(samplesFile, 'r');
    const buffer = Buffer.alloc(1 << 16);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    const first = buffer.toString('utf8', 0, n).split('\n')[0];
    const model = (JSON.parse(first) as { model?: unknown }).model;
    return typeof model === 'string' && model ? model : undefined;
  } catch {
    return undefined; // a first line longer than 64 KiB or not JSON: no label from it
  }
}

/** One evaluation from a results file and/or its summary. */
async function loadOne(resultsFile: string | undefined, summaryFile: string | undefined): Promise<LoadedEvaluation> {
  const summary = summaryFile ? readSummary(summaryFile) : undefined;
  const results = resultsFile ?? (summary && summaryFile ? resultsFileOf(summary, summaryFile) : undefined);
  if (results) {
    const { tasks, metrics } = await readResults(results);
    return {
      dataset: summary?.dataset ?? inferDataset(tasks.keys(), metrics.includes('plus'), results),
      ...(summary ? identityOf(summary) : {}),
      model: summary?.model ?? modelOfSamples(summary?.samplesFile),
      resultsFile: results,
      summaryFile,
      metrics,
      tasks,
    };
  }
  if (!summary || !summaryFile) throw new DataMissingError('no results file and no summary given');
  const metrics = Object.keys(summary.overall.passAtK).filter((m): m is MetricName => m === 'passed' || m === 'base' || m === 'plus');
  return { dataset: summary.dataset, ...identityOf(summary), model: summary.model, summaryFile, metrics, tasks: new Map(), summaryPassAtK: summary.overall.passAtK };
}

/**
 * Which task set an evaluation judged (its dataset file's hash) and the row name to use when one
 * --dataset name covers several task sets: the --problem-file's name (`arith.jsonl` -> `arith`), or
 * the dataset with its variant (`humaneval+-mini`).
 */
function identityOf(summary: EvalSummary): { datasetHash: string; alias?: string } {
  const alias = summary.problemFile
    ? basename(summary.datasetFile).replace(/\.(jsonl|json)(\.gz)?$/, '')
    : summary.variant
      ? `${summary.dataset}-${summary.variant}`
      : undefined;
  return { datasetHash: summary.datasetHash, ...(alias ? { alias } : {}) };
}

/** Summary and results files in a folder and its sub-folders (hidden and cache folders skipped). */
function listEvaluationFiles(dir: string, depth = 0): { summaries: string[]; results: string[] } {
  const out = { summaries: [] as string[], results: [] as string[] };
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules' || name.endsWith('.llm-cache')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (depth < 3) {
        const inner = listEvaluationFiles(path, depth + 1);
        out.summaries.push(...inner.summaries);
        out.results.push(...inner.results);
      }
    } else if (name.endsWith(SUMMARY_SUFFIX)) out.summaries.push(path);
    else if (/results\.jsonl(\.gz)?$/.test(name)) out.results.push(path);
  }
  return out;
}

/**
 * The evaluations at `path`: a results file (with its summary when there is one), a summary file,
 * or a folder (every summary, and every `*results.jsonl` no summary names).
 */
export async function loadEvaluations(path: string): Promise<LoadedEvaluation[]> {
  const full = resolve(path);
  if (!existsSync(full)) throw new ConfigError(`${path} does not exist (give a results file of plum eval, its .summary.json, or a folder of them)`);
  if (statSync(full).isDirectory()) {
    const { summaries, results } = listEvaluationFiles(full);
    const evaluations: LoadedEvaluation[] = [];
    const claimed = new Set<string>();
    for (const s of summaries) {
      const e = await loadOne(undefined, s);
      if (e.resultsFile) claimed.add(resolve(e.resultsFile));
      evaluations.push(e);
    }
    for (const r of results) if (!claimed.has(resolve(r))) evaluations.push(await loadOne(r, undefined));
    if (evaluations.length === 0) throw new ConfigError(`${path} holds no evaluation (no *.summary.json, no *results.jsonl of plum eval)`);
    return evaluations;
  }
  if (full.endsWith(SUMMARY_SUFFIX)) return [await loadOne(undefined, full)];
  const summary = summaryPathOf(full);
  return [await loadOne(full, existsSync(summary) ? summary : undefined)];
}
