/**
 * Finding and reading the raw HumanEval / HumanEval+ / MBPP+ files (`HumanEval.jsonl.gz` from
 * openai/human-eval, `HumanEvalPlus.jsonl.gz` and `MbppPlus.jsonl.gz` from EvalPlus): every task as
 * published, validated, with the line it came from. EvalPlus inputs are kept as their exact JSON text
 * (one string per call, e.g. `[[1.0, 2.0], 0.3]`; MBPP+'s deserialised tasks as Python), never re-serialised: some are integers beyond 2^53 that a
 * JavaScript number would round. The engine reads that text with Python's json.loads, as EvalPlus does.
 * Does not turn tasks into Problem records (src/problems/ loaders do) nor run anything (src/eval/ does).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ConfigError, SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { parseJsonlLine } from '../io/jsonl.js';
import { findNamedFile } from './find-data-file.js';
import { deserializeMbppInputs, isDeserializedMbppTask } from './mbpp-plus-inputs.js';
import { nullifyNonFiniteTokens } from './python-json.js';
import { rawJsonElements, rawJsonMembers } from './raw-json.js';

export { rawJsonElements, rawJsonMembers } from './raw-json.js';

/** The benchmarks `plum eval` and `plum audit` know. */
export type BenchmarkName = 'humaneval' | 'humaneval+' | 'mbpp+';

/** The EvalPlus benchmarks (base + plus inputs judged against the canonical solution's outputs). */
export type EvalPlusBenchmark = 'humaneval+' | 'mbpp+';

/** Published file names, most preferred first (the .gz as distributed, or a gunzipped copy). */
export const BENCHMARK_FILE_NAMES: Record<BenchmarkName, string[]> = {
  humaneval: ['HumanEval.jsonl.gz', 'HumanEval.jsonl'],
  'humaneval+': ['HumanEvalPlus.jsonl.gz', 'HumanEvalPlus.jsonl'],
  'mbpp+': ['MbppPlus.jsonl.gz', 'MbppPlus.jsonl'],
};

/** EvalPlus's reduced files: -Mini (fewer plus inputs) and -NoExtreme (extreme inputs left out). */
export type EvalPlusVariant = 'mini' | 'noextreme';

/** Published file names of the variants (EvalPlus publishes no MbppPlus-Mini). */
export const VARIANT_FILE_NAMES: Record<EvalPlusBenchmark, Partial<Record<EvalPlusVariant, string[]>>> = {
  'humaneval+': {
    mini: ['HumanEvalPlus-Mini.jsonl.gz', 'HumanEvalPlus-Mini.jsonl'],
    noextreme: ['HumanEvalPlus-NoExtreme.jsonl.gz', 'HumanEvalPlus-NoExtreme.jsonl'],
  },
  'mbpp+': { noextreme: ['MbppPlus-NoExtreme.jsonl.gz', 'MbppPlus-NoExtreme.jsonl'] },
};

/** Where to download each file when it is missing. */
export const BENCHMARK_DOWNLOADS: Record<BenchmarkName, string> = {
  humaneval: 'https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz (openai/human-eval, data/HumanEval.jsonl.gz)',
  'humaneval+':
    'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz (evalplus/humanevalplus_release, release v0.1.10)',
  'mbpp+': 'https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz (evalplus/mbppplus_release, release v0.2.0)',
};

/** One HumanEval task, as in HumanEval.jsonl. */
export interface HumanEvalTask {
  /** e.g. "HumanEval/0". */
  taskId: string;
  /** Signature and docstring; a `completion` is appended to it. */
  prompt: string;
  /** The reference body (prompt + canonicalSolution is a full program). */
  canonicalSolution: string;
  /** Python source defining `check(candidate)`. */
  test: string;
  /** The function `check` is called with. */
  entryPoint: string;
  /** Where it was read from: `file:line`. */
  source: string;
}

/** One task of an EvalPlus benchmark: what expected outputs and the base/plus jobs need. */
export interface EvalPlusTask {
  benchmark: EvalPlusBenchmark;
  /** e.g. "HumanEval/0", "Mbpp/2". */
  taskId: string;
  /** HumanEval+: signature and docstring; MBPP+: a docstring. prompt + canonicalSolution is the reference program. */
  prompt: string;
  canonicalSolution: string;
  /** The function called on every input. */
  entryPoint: string;
  /** EvalPlus's input-validity asserts (not part of the reference program). */
  contract: string;
  /** The original inputs: each one argument list as a Python expression (HumanEval+: its exact JSON text). */
  baseInputs: string[];
  /** The inputs EvalPlus added, in the same form. */
  plusInputs: string[];
  /** The inputs as the file holds them (JSON text), when baseInputs / plusInputs were rewritten (MBPP+'s deserialised tasks). */
  jsonInputs?: { base: string[]; plus: string[] };
  /** Absolute tolerance for float outputs (0 = exact, with EvalPlus's 1e-6 for float outputs). */
  atol: number;
  /** Where it was read from: `file:line`. */
  source: string;
}

/** One HumanEval+ task (EvalPlus), as in HumanEvalPlus.jsonl. */
export interface HumanEvalPlusTask extends HumanEvalTask, EvalPlusTask {
  benchmark: 'humaneval+';
}

/** One MBPP+ task (EvalPlus v0.2.0), as in MbppPlus.jsonl; inputs deserialised as EvalPlus does (mbpp-plus-inputs.ts). */
export interface MbppPlusTask extends EvalPlusTask {
  benchmark: 'mbpp+';
  /** The original MBPP asserts (the benchmark's own tests, as text). */
  assertion: string;
}

/** A loaded benchmark file: its tasks in file order and a hash of its (uncompressed) content. */
export interface BenchmarkFile<T> {
  file: string;
  /** sha256 of the uncompressed text: keys caches derived from this file. */
  contentHash: string;
  tasks: T[];
}

const HumanEvalRow = z.object({
  task_id: z.string(),
  prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string(),
  entry_point: z.string(),
});

/** A list of inputs; MBPP+ v0.2.0 writes Mbpp/793's empty plus_input as `{}` (EvalPlus iterates it as no inputs). */
const Inputs = z.union([z.array(z.unknown()), z.strictObject({}).transform(() => [] as unknown[])]);

const PlusFields = {
  contract: z.string().default(''),
  base_input: Inputs,
  plus_input: Inputs,
  atol: z.number().default(0),
};

const HumanEvalPlusRow = HumanEvalRow.extend({
  /** HumanEval's check function; the -Mini and -NoExtreme files leave it out (HumanEval+ judging does not use it). */
  test: z.string().default(''),
  ...PlusFields,
});

const MbppPlusRow = HumanEvalRow.omit({ test: true }).extend({ ...PlusFields, assertion: z.string().default('') });

/**
 * Find a benchmark file under `dataDir` (searched recursively, shallowest match first; hidden
 * folders and node_modules skipped). `dataDir` defaults to `$PLUM_DATA_DIR`. Throws a
 * DataMissingError saying where to download the file when it is not there.
 */
export function findBenchmarkFile(dataset: BenchmarkName, dataDir: string | undefined = process.env.PLUM_DATA_DIR, variant?: EvalPlusVariant): string {
  let names = BENCHMARK_FILE_NAMES[dataset];
  if (!names) throw new ConfigError(`unknown dataset "${dataset}" (known: ${Object.keys(BENCHMARK_FILE_NAMES).join(', ')})`);
  if (variant) {
    const variants = dataset === 'humaneval' ? undefined : VARIANT_FILE_NAMES[dataset];
    const found = variants?.[variant];
    if (!found) {
      const have = Object.keys(variants ?? {});
      throw new ConfigError(`${dataset} has no --${variant} file: EvalPlus does not publish one${have.length ? ` (it has: ${have.map((v) => `--${v}`).join(', ')})` : ''}`);
    }
    names = found;
  }
  const download = variant ? `${names[0]} from the release of ${BENCHMARK_DOWNLOADS[dataset]}` : BENCHMARK_DOWNLOADS[dataset];
  return findNamedFile({ label: dataset, names, download }, dataDir);
}

/** The text of a (possibly gzipped) file. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function forEachLine(text: string, visit: (line: string, n: number) => void): void {
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) if (lines[n].trim()) visit(lines[n], n + 1);
}

function checkUnique(ids: Map<string, string>, taskId: string, file: string, line: number): void {
  const first = ids.get(taskId);
  if (first) throw new SchemaError(file, line, 'task_id', `duplicate task_id "${taskId}" (first at ${first})`);
  ids.set(taskId, `${file}:${line}`);
}

type BaseRow = z.infer<typeof HumanEvalRow>;

/**
 * Every row of a JSONL benchmark file (optionally gzipped), validated against `schema` (NaN /
 * Infinity tokens read as null), task ids unique, turned into a task by `toTask`; errors name file:line.
 */
export function loadTaskRows<S extends z.ZodType<{ task_id: string }>, T>(
  file: string,
  schema: S,
  toTask: (row: z.output<S>, line: number, lineText: string) => T,
): BenchmarkFile<T> {
  const text = readText(file);
  const tasks: T[] = [];
  const ids = new Map<string, string>();
  forEachLine(text, (lineText, line) => {
    const row = parseJsonlLine(nullifyNonFiniteTokens(lineText), schema, file, line);
    checkUnique(ids, row.task_id, file, line);
    tasks.push(toTask(row, line, lineText));
  });
  return { file, contentHash: hashOf(text), tasks };
}

/** Every row of a HumanEval-format benchmark file, with the HumanEval fields as a task, turned into a task by `toTask`. */
function loadTasks<S extends z.ZodType<Omit<BaseRow, 'test'> & { test?: string }>, T>(
  file: string,
  schema: S,
  toTask: (row: z.output<S>, base: HumanEvalTask, lineText: string, line: number) => T,
): BenchmarkFile<T> {
  return loadTaskRows(file, schema, (row, line, lineText) => {
    const base: HumanEvalTask = {
      taskId: row.task_id,
      prompt: row.prompt,
      canonicalSolution: row.canonical_solution,
      test: row.test ?? '',
      entryPoint: row.entry_point,
      source: `${file}:${line}`,
    };
    return toTask(row, base, lineText, line);
  });
}

/** The raw JSON text of each input of `field` (checked: as many as the parsed row holds, each a list). */
function rawInputs(members: Map<string, string>, field: 'base_input' | 'plus_input', count: number, file: string, line: number): string[] {
  const text = members.get(field) ?? '[]';
  const raw = text.trim() === '{}' ? [] : rawJsonElements(text);
  if (raw.length !== count) throw new SchemaError(file, line, field, `could not split the inputs (${raw.length} != ${count})`);
  raw.forEach((arg, i) => {
    if (!arg.startsWith('[')) throw new SchemaError(file, line, `${field}.${i}`, 'an input must be a list of arguments');
  });
  return raw;
}

/** Read a HumanEval-format file (HumanEval.jsonl(.gz), or a file in its format such as example_problem.jsonl). */
export function loadHumanEval(file: string): BenchmarkFile<HumanEvalTask> {
  return loadTasks(file, HumanEvalRow, (_row, base) => base);
}

/** Read a HumanEval+ file (EvalPlus format); inputs keep their exact JSON text. */
export function loadHumanEvalPlus(file: string): BenchmarkFile<HumanEvalPlusTask> {
  return loadTasks(file, HumanEvalPlusRow, (row, base, lineText, line) => {
    const members = rawJsonMembers(lineText);
    return {
      ...base,
      benchmark: 'humaneval+',
      contract: row.contract,
      baseInputs: rawInputs(members, 'base_input', row.base_input.length, file, line),
      plusInputs: rawInputs(members, 'plus_input', row.plus_input.length, file, line),
      atol: row.atol,
    };
  });
}

/**
 * Read an MBPP+ file (EvalPlus format). Inputs of most tasks keep their exact JSON text; those of the
 * tasks EvalPlus deserialises (tuples, sets, complex numbers) become Python expressions.
 */
export function loadMbppPlus(file: string): BenchmarkFile<MbppPlusTask> {
  return loadTasks(file, MbppPlusRow, (row, base, lineText, line): MbppPlusTask => {
    const members = rawJsonMembers(lineText);
    const raw = { base: rawInputs(members, 'base_input', row.base_input.length, file, line), plus: rawInputs(members, 'plus_input', row.plus_input.length, file, line) };
    const inputs = (group: 'base' | 'plus') => {
      try {
        return deserializeMbppInputs(row.task_id, raw[group]);
      } catch (err) {
        throw new SchemaError(file, line, `${group}_input`, (err as Error).message, { cause: err });
      }
    };
    const { test: _test, ...rest } = base;
    return {
      ...rest,
      benchmark: 'mbpp+',
      contract: row.contract,
      baseInputs: inputs('base'),
      plusInputs: inputs('plus'),
      ...(isDeserializedMbppTask(row.task_id) ? { jsonInputs: raw } : {}),
      atol: row.atol,
      assertion: row.assertion,
    };
  });
}

/** Load an EvalPlus benchmark file by name. */
export function loadEvalPlus(dataset: EvalPlusBenchmark, file: string): BenchmarkFile<HumanEvalPlusTask> | BenchmarkFile<MbppPlusTask> {
  return dataset === 'mbpp+' ? loadMbppPlus(file) : loadHumanEvalPlus(file);
}

/** Find and load a benchmark by name. */
export function loadBenchmark(dataset: 'humaneval', dataDir?: string): BenchmarkFile<HumanEvalTask>;
export function loadBenchmark(dataset: 'humaneval+', dataDir?: string): BenchmarkFile<HumanEvalPlusTask>;
export function loadBenchmark(dataset: 'mbpp+', dataDir?: string): BenchmarkFile<MbppPlusTask>;
export function loadBenchmark(dataset: BenchmarkName, dataDir?: string): BenchmarkFile<HumanEvalTask | EvalPlusTask> {
  const file = findBenchmarkFile(dataset, dataDir);
  return dataset === 'humaneval' ? loadHumanEval(file) : loadEvalPlus(dataset, file);
}
