/**
 * Finding and reading the raw HumanEval / HumanEval+ files (`HumanEval.jsonl.gz` from
 * openai/human-eval, `HumanEvalPlus.jsonl.gz` from EvalPlus): every task as published, validated,
 * with the line it came from. EvalPlus inputs are kept as their exact JSON text (one string per
 * call, e.g. `[[1.0, 2.0], 0.3]`), never re-serialised: some are integers beyond 2^53 that a
 * JavaScript number would round. The engine reads that text with Python's json.loads, as EvalPlus does.
 * Does not turn tasks into Problem records (src/problems/ loaders do) nor run anything (src/eval/ does).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ConfigError, DataMissingError, SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { parseJsonlLine } from '../io/jsonl.js';

/** The benchmarks `plum eval` knows. */
export type BenchmarkName = 'humaneval' | 'humaneval+';

/** Published file names, most preferred first (the .gz as distributed, or a gunzipped copy). */
export const BENCHMARK_FILE_NAMES: Record<BenchmarkName, string[]> = {
  humaneval: ['HumanEval.jsonl.gz', 'HumanEval.jsonl'],
  'humaneval+': ['HumanEvalPlus.jsonl.gz', 'HumanEvalPlus.jsonl'],
};

/** Where to download each file when it is missing. */
export const BENCHMARK_DOWNLOADS: Record<BenchmarkName, string> = {
  humaneval: 'https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz (openai/human-eval, data/HumanEval.jsonl.gz)',
  'humaneval+':
    'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz (evalplus/humanevalplus_release, release v0.1.10)',
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

/** One HumanEval+ task (EvalPlus), as in HumanEvalPlus.jsonl. */
export interface HumanEvalPlusTask extends HumanEvalTask {
  /** EvalPlus's input-validity asserts (not part of the reference program). */
  contract: string;
  /** The original HumanEval inputs: each the exact JSON text of one argument list. */
  baseInputs: string[];
  /** The inputs EvalPlus added: each the exact JSON text of one argument list. */
  plusInputs: string[];
  /** Absolute tolerance for float outputs (0 = exact, with EvalPlus's 1e-6 for float outputs). */
  atol: number;
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

const HumanEvalPlusRow = HumanEvalRow.extend({
  /** HumanEval's check function; the -Mini and -NoExtreme files leave it out (HumanEval+ judging does not use it). */
  test: z.string().default(''),
  contract: z.string().default(''),
  base_input: z.array(z.unknown()),
  plus_input: z.array(z.unknown()),
  atol: z.number().default(0),
});

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Find a benchmark file under `dataDir` (searched recursively, shallowest match first; hidden
 * folders and node_modules skipped). `dataDir` defaults to `$PLUM_DATA_DIR`. Throws a
 * DataMissingError saying where to download the file when it is not there.
 */
export function findBenchmarkFile(dataset: BenchmarkName, dataDir: string | undefined = process.env.PLUM_DATA_DIR): string {
  const names = BENCHMARK_FILE_NAMES[dataset];
  if (!names) throw new ConfigError(`unknown dataset "${dataset}" (known: ${Object.keys(BENCHMARK_FILE_NAMES).join(', ')})`);
  const hint = `download ${BENCHMARK_DOWNLOADS[dataset]} into the data directory`;
  if (!dataDir) {
    throw new DataMissingError(`no data directory given for ${dataset}: pass --data-dir DIR or set PLUM_DATA_DIR to a folder holding ${names[0]}; ${hint}`);
  }
  const root = resolve(dataDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new DataMissingError(`data directory ${root} does not exist; create it and ${hint}`);
  }
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth < 8 && level.length; depth++) {
    for (const name of names) {
      for (const dir of level) {
        const candidate = join(dir, name);
        if (existsSync(candidate) && statSync(candidate).isFile()) found.push(candidate);
      }
    }
    const next: string[] = [];
    for (const dir of level) {
      for (const entry of listDir(dir)) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const path = join(dir, entry);
        try {
          if (statSync(path).isDirectory()) next.push(path);
        } catch {
          // unreadable entries are not ours to judge
        }
      }
    }
    level = next;
  }
  if (found.length === 0) throw new DataMissingError(`${names[0]} not found under ${root} (searched recursively); ${hint}`);
  if (found.length > 1) {
    process.stderr.write(
      `${dataset}: ${found.length} files of the published name under ${root}; using ${found[0]} (the shallowest, ${names.join(' before ')}); ` +
        `not used: ${found.slice(1).join(', ')}. Pass a narrower --data-dir (or --problem-file) to choose.\n`,
    );
  }
  return found[0];
}

/** The text of a (possibly gzipped) file. */
function readText(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Index just past the JSON value starting at `i` (whitespace before it skipped). */
function skipJsonValue(text: string, i: number): number {
  i = skipSpace(text, i);
  const c = text[i];
  if (c === '"') return skipJsonString(text, i);
  if (c === '[' || c === '{') {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text[i];
      if (d === '"') {
        i = skipJsonString(text, i) - 1;
      } else if (d === '[' || d === '{') depth++;
      else if (d === ']' || d === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error('unterminated JSON container');
  }
  while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
  return i;
}

function skipJsonString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new Error('unterminated JSON string');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  return i;
}

/** The exact source text of each member of a top-level JSON object, by key. */
export function rawJsonMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = skipSpace(text, 0);
  if (text[i] !== '{') throw new Error('not a JSON object');
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return members;
  for (;;) {
    const keyEnd = skipJsonString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected ":" after key ${JSON.stringify(key)}`);
    const start = skipSpace(text, i + 1);
    const end = skipJsonValue(text, start);
    members.set(key, text.slice(start, end));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] === '}') return members;
    else throw new Error(`expected "," or "}" after member ${JSON.stringify(key)}`);
  }
}

/** The exact source text of each element of a JSON array text. */
export function rawJsonElements(text: string): string[] {
  const out: string[] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '[') throw new Error('not a JSON array');
  i = skipSpace(text, i + 1);
  if (text[i] === ']') return out;
  for (;;) {
    const end = skipJsonValue(text, i);
    out.push(text.slice(i, end));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] === ']') return out;
    else throw new Error('expected "," or "]" in array');
  }
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

/** Every row of a benchmark file, validated, task ids unique, turned into a task by `toTask`. */
function loadTasks<S extends z.ZodType<z.infer<typeof HumanEvalRow>>, T>(
  file: string,
  schema: S,
  toTask: (row: z.output<S>, base: HumanEvalTask, lineText: string, line: number) => T,
): BenchmarkFile<T> {
  const text = readText(file);
  const tasks: T[] = [];
  const ids = new Map<string, string>();
  forEachLine(text, (lineText, line) => {
    const row = parseJsonlLine(lineText, schema, file, line);
    checkUnique(ids, row.task_id, file, line);
    const base: HumanEvalTask = {
      taskId: row.task_id,
      prompt: row.prompt,
      canonicalSolution: row.canonical_solution,
      test: row.test,
      entryPoint: row.entry_point,
      source: `${file}:${line}`,
    };
    tasks.push(toTask(row, base, lineText, line));
  });
  return { file, contentHash: hashOf(text), tasks };
}

/** Read a HumanEval-format file (HumanEval.jsonl(.gz), or a file in its format such as example_problem.jsonl). */
export function loadHumanEval(file: string): BenchmarkFile<HumanEvalTask> {
  return loadTasks(file, HumanEvalRow, (_row, base) => base);
}

/** Read a HumanEval+ file (EvalPlus format); inputs keep their exact JSON text. */
export function loadHumanEvalPlus(file: string): BenchmarkFile<HumanEvalPlusTask> {
  return loadTasks(file, HumanEvalPlusRow, (row, base, lineText, line) => {
    const members = rawJsonMembers(lineText);
    const inputs = (field: 'base_input' | 'plus_input', count: number): string[] => {
      const raw = rawJsonElements(members.get(field) ?? '[]');
      if (raw.length !== count) throw new SchemaError(file, line, field, `could not split the inputs (${raw.length} != ${count})`);
      raw.forEach((arg, i) => {
        if (!arg.startsWith('[')) throw new SchemaError(file, line, `${field}.${i}`, 'an input must be a list of arguments');
      });
      return raw;
    };
    return {
      ...base,
      contract: row.contract,
      baseInputs: inputs('base_input', row.base_input.length),
      plusInputs: inputs('plus_input', row.plus_input.length),
      atol: row.atol,
    };
  });
}

/** Find and load a benchmark by name. */
export function loadBenchmark(dataset: 'humaneval', dataDir?: string): BenchmarkFile<HumanEvalTask>;
export function loadBenchmark(dataset: 'humaneval+', dataDir?: string): BenchmarkFile<HumanEvalPlusTask>;
export function loadBenchmark(dataset: BenchmarkName, dataDir?: string): BenchmarkFile<HumanEvalTask | HumanEvalPlusTask> {
  const file = findBenchmarkFile(dataset, dataDir);
  return dataset === 'humaneval' ? loadHumanEval(file) : loadHumanEvalPlus(file);
}
