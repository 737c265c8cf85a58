/**
 * MBPP in its three common files: the original `mbpp.jsonl` (974 tasks), `sanitized-mbpp.json`
 * (427) and EvalPlus's `MbppPlus.jsonl.gz` (378). Each task becomes a Problem whose reference is the
 * task's code, whose benchmark tests are its asserts (one AssertTest each), whose entry point is the
 * function of the code that the asserts call (found with Python's `ast`), and whose examples are the
 * `assert f(<literals>) == <literal>` calls. Code that does not parse (MBPP has some Python 2) is a
 * ProblemSkip. MBPP+'s base/plus inputs are not read here (see src/problems/benchmarks.ts).
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { readJsonl, type JsonlLine } from '../io/jsonl.js';
import type { TestSpec } from '../records.js';
import { analyzeCode } from './analyze-code.js';
import { DATA_FILES, locateDataFile } from './data-files.js';
import { readJsonArrayWithLines } from './json-array.js';
import { readPythonJsonl } from './python-json.js';
import type { ProblemStreamItem } from './load.js';
import { makeProblem } from './make-problem.js';
import { describeSource } from './source-path.js';
import type { ResolvedLoadOptions } from './spec.js';

/** A line of the original mbpp.jsonl. */
export const MbppRow = z.object({
  task_id: z.number().int(),
  text: z.string(),
  code: z.string(),
  test_list: z.array(z.string()).min(1),
  test_setup_code: z.string().default(''),
  challenge_test_list: z.array(z.string()).default([]),
});

/** An element of sanitized-mbpp.json. */
export const SanitizedMbppRow = z.object({
  task_id: z.number().int(),
  prompt: z.string(),
  code: z.string(),
  test_imports: z.array(z.string()).default([]),
  test_list: z.array(z.string()).min(1),
});

/** A line of EvalPlus MbppPlus.jsonl(.gz). */
export const MbppPlusRow = z.object({
  task_id: z.string(),
  prompt: z.string(),
  canonical_solution: z.string(),
  entry_point: z.string(),
  assertion: z.string(),
});

/** Which MBPP file. */
export type MbppVariant = 'original' | 'sanitized' | 'plus';

/** A task in a common shape, before its code is analysed. */
interface MbppTask {
  id: string;
  line: number;
  description: string;
  /** What the model is asked: the description and the first assert (EvalPlus's MBPP prompt form). */
  instruction: string;
  code: string;
  setup: string;
  asserts: string[];
  entryPoint: string | null;
  rowHash: string;
}

function normalizeCode(code: string): string {
  return code.replace(/\r\n?/g, '\n');
}

/** Split an assertion block into setup lines (imports before the first assert) and assert statements. */
export function splitAsserts(text: string): { setup: string; asserts: string[] } {
  const setup: string[] = [];
  const asserts: string[] = [];
  for (const line of normalizeCode(text).split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('assert')) asserts.push(line);
    else if (asserts.length === 0) setup.push(line);
    else asserts[asserts.length - 1] += `\n${line}`;
  }
  return { setup: setup.join('\n'), asserts };
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, line: number): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SchemaError(file, line, issue.path.map(String).join('.'), issue.message, { cause: parsed.error });
  }
  return parsed.data;
}

async function* readTasks(file: string, variant: MbppVariant): AsyncGenerator<MbppTask> {
  if (variant === 'sanitized') {
    for (const { line, value } of readJsonArrayWithLines(file)) {
      const row = validate(SanitizedMbppRow, value, file, line);
      yield {
        id: `mbpp/${row.task_id}`,
        line,
        description: row.prompt.trim(),
        instruction: `${row.prompt.trim()}\n${row.test_list[0]}`,
        code: normalizeCode(row.code),
        setup: row.test_imports.join('\n'),
        asserts: row.test_list,
        entryPoint: null,
        rowHash: hashOf(value),
      };
    }
    return;
  }
  if (variant === 'plus') {
    for await (const { line, value } of readPythonJsonl(file, MbppPlusRow)) {
      const { setup, asserts } = splitAsserts(value.assertion);
      const description = value.prompt.trim().replace(/^"""/, '').replace(/"""$/, '').trim();
      yield {
        id: value.task_id,
        line,
        description,
        instruction: description,
        code: normalizeCode(value.canonical_solution),
        setup,
        asserts,
        entryPoint: value.entry_point,
        rowHash: hashOf(value),
      };
    }
    return;
  }
  for await (const { line, value } of readJsonl(file, MbppRow) as AsyncGenerator<JsonlLine<z.infer<typeof MbppRow>>>) {
    yield {
      id: `mbpp/${value.task_id}`,
      line,
      description: value.text.trim(),
      instruction: `${value.text.trim()}\n${value.test_list[0]}`,
      code: normalizeCode(value.code),
      setup: normalizeCode(value.test_setup_code),
      asserts: value.test_list,
      entryPoint: null,
      rowHash: hashOf(value),
    };
  }
}

/** The file of a variant inside `dataDir` (DataMissingError with a download hint when absent). */
export function locateMbppFile(dataDir: string, variant: MbppVariant): string {
  const spec = variant === 'plus' ? DATA_FILES.mbppPlus : variant === 'sanitized' ? DATA_FILES.mbppSanitized : DATA_FILES.mbpp;
  return locateDataFile(dataDir, spec);
}

async function* convertBatch(tasks: MbppTask[], file: string, variant: MbppVariant): AsyncGenerator<ProblemStreamItem> {
  const source = variant === 'original' ? 'mbpp' : variant === 'sanitized' ? 'mbpp-sanitized' : 'mbppplus';
  const analyses = await analyzeCode(
    tasks.map((t) => ({
      key: t.id,
      blocks: [{ code: t.code, lang: 'python' }],
      entryPoint: t.entryPoint,
      testCode: [t.setup, ...t.asserts].join('\n'),
      instruction: t.description,
      clean: false,
      maxExamples: 10,
    })),
  );
  for (const [i, task] of tasks.entries()) {
    const analysis = analyses[i];
    const where = describeSource(file, task.line);
    if (analysis.status !== 'ok') {
      yield { kind: 'skip', skip: { problemId: task.id, stage: 'problems', reason: analysis.status, detail: `${where}: field "code": ${analysis.detail ?? ''}` } };
      continue;
    }
    const benchmarkTests: TestSpec[] = task.asserts.map((code, k) => ({
      id: `t${k + 1}`,
      kind: 'assert',
      code: task.setup ? `${task.setup}\n${code}` : code,
    }));
    const problem = makeProblem({
      id: task.id,
      source,
      instruction: task.instruction,
      entryPoint: analysis.entryPoint!,
      signature: analysis.signature!,
      reference: task.code,
      examples: analysis.examples,
      benchmarkTests,
      tags: ['mbpp'],
      provenance: { generator: source, source: where, hashes: { row: task.rowHash } },
    });
    yield { kind: 'problem', problem };
  }
}

/** Stream the problems (and skips) of an MBPP variant found in `dataDir`. */
export async function* streamMbppProblems(dataDir: string, variant: MbppVariant, options: ResolvedLoadOptions): AsyncGenerator<ProblemStreamItem> {
  const file = locateMbppFile(dataDir, variant);
  let batch: MbppTask[] = [];
  let done = 0;
  for await (const task of readTasks(file, variant)) {
    batch.push(task);
    if (batch.length >= options.batchSize) {
      yield* convertBatch(batch, file, variant);
      done += batch.length;
      if (options.progress) process.stderr.write(`problems: ${basename(file)}: ${done} tasks read\n`);
      batch = [];
    }
  }
  if (batch.length > 0) yield* convertBatch(batch, file, variant);
}
