/**
 * Instruction data in the OSS-Instruct / Evol-Instruct convention: items with an `instruction` and,
 * optionally, an answer in `output`, `response` or `solution` (markdown with fenced code, or bare
 * code) and `tests`. JSONL (.jsonl, .jsonl.gz) or a JSON array file.
 * - An answer with usable Python gives a Problem whose reference is the cleaned code block defining
 *   the entry point (found by python/analyze_code.py; nothing is run here).
 * - An item without an answer gives an instruction-only Problem (reference null), unless
 *   `requireReference` is set.
 * - An answer without usable Python (other language, no function, does not parse) is a ProblemSkip
 *   with the reason and file:line; never an exception.
 * A malformed line or a field of the wrong type is a SchemaError naming file, line and field.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { readJsonl, type JsonlLine } from '../io/jsonl.js';
import { extractCodeBlocks, pythonBlocks } from '../llm/extract-code.js';
import type { ProblemSkip, TestSpec } from '../records.js';
import { analyzeCode, type CodeAnalysis, type CodeAnalysisItem } from './analyze-code.js';
import { readJsonArrayWithLines } from './json-array.js';
import type { ProblemStreamItem } from './load.js';
import { makeProblem } from './make-problem.js';
import type { ResolvedLoadOptions } from './spec.js';
import { describeSource } from './source-path.js';

const optionalText = z.string().nullable().optional();

/** One instruction item (other fields are ignored). */
export const InstructRow = z.object({
  /** The task given to the model. */
  instruction: z.string().min(1),
  /** The answer (Evol-Instruct / Magicoder `output`, SelfCodeAlign `response`, or `solution`). */
  output: optionalText,
  response: optionalText,
  solution: optionalText,
  /** Tests written with the answer (markdown or code, or a list of snippets); kept as benchmark tests. */
  tests: z.union([z.string(), z.array(z.string())]).nullable().optional(),
  /** SelfCodeAlign's `property` text ("difficulty: medium ..."), used for the difficulty. */
  property: optionalText,
});
export type InstructRow = z.infer<typeof InstructRow>;

/** Read the items of an instruction file with their line numbers (validated). */
export async function* readInstructRows(file: string): AsyncGenerator<JsonlLine<InstructRow>> {
  if (!/\.jsonl(\.gz)?$/.test(file) && readFileSync(file, 'utf8').trimStart().startsWith('[')) {
    for (const { line, value } of readJsonArrayWithLines(file)) {
      const parsed = InstructRow.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SchemaError(file, line, issue.path.map(String).join('.'), issue.message, { cause: parsed.error });
      }
      yield { line, value: parsed.data };
    }
    return;
  }
  yield* readJsonl(file, InstructRow);
}

function answerOf(row: InstructRow): string | null {
  return row.output ?? row.response ?? row.solution ?? null;
}

function testSnippets(tests: InstructRow['tests']): string[] {
  if (!tests) return [];
  const texts = Array.isArray(tests) ? tests : [tests];
  return texts.flatMap((t) => {
    const blocks = pythonBlocks(extractCodeBlocks(t));
    return blocks.length > 0 ? blocks.map((b) => b.code) : [];
  }).filter((code) => code.trim());
}

function difficultyOf(row: InstructRow): 'easy' | 'medium' | 'hard' | undefined {
  const m = /difficulty:\s*(easy|medium|hard)\b/i.exec(row.property ?? '');
  return m ? (m[1].toLowerCase() as 'easy' | 'medium' | 'hard') : undefined;
}

interface PendingRow {
  id: string;
  line: number;
  row: InstructRow;
  tests: string[];
}

function toItems(batch: PendingRow[], file: string, analyses: Map<string, CodeAnalysis>): ProblemStreamItem[] {
  return batch.map(({ id, line, row, tests }) => {
    const where = describeSource(file, line);
    const provenance = { generator: 'instruct', source: where, hashes: { row: hashOf(row) } };
    const benchmarkTests: TestSpec[] = tests.map((code, k) => ({ id: `source-test-${k + 1}`, kind: 'assert', code }));
    const base = { id, source: 'instruct', instruction: row.instruction, benchmarkTests, tags: ['instruct'], difficulty: difficultyOf(row), provenance };
    const analysis = analyses.get(id);
    if (!analysis) return { kind: 'problem', problem: makeProblem({ ...base, entryPoint: null, signature: null, reference: null }) };
    if (analysis.status !== 'ok') {
      const skip: ProblemSkip = { problemId: id, stage: 'problems', reason: analysis.status, detail: `${where}: ${analysis.detail ?? ''}` };
      return { kind: 'skip', skip };
    }
    const problem = makeProblem({
      ...base,
      entryPoint: analysis.entryPoint!,
      signature: analysis.signature!,
      reference: analysis.reference!,
      examples: analysis.examples,
    });
    return { kind: 'problem', problem };
  });
}

/**
 * Stream the problems and skips of an instruction file. Ids are `<file stem>/<item number>`
 * (1-based, in file order), stable across reads of the same file.
 */
export async function* streamInstructProblems(file: string, options: ResolvedLoadOptions): AsyncGenerator<ProblemStreamItem> {
  const stem = basename(file).replace(/\.(jsonl\.gz|jsonl|json)$/, '');
  let batch: PendingRow[] = [];
  let index = 0;
  let done = 0;
  const flush = async function* (): AsyncGenerator<ProblemStreamItem> {
    const items: CodeAnalysisItem[] = [];
    for (const p of batch) {
      const answer = answerOf(p.row);
      if (answer === null) continue;
      const blocks = extractCodeBlocks(answer).map(({ code, lang }) => ({ code, lang }));
      items.push({ key: p.id, blocks, entryPoint: null, testCode: p.tests.join('\n') || null, instruction: p.row.instruction, clean: true, maxExamples: 10 });
    }
    const analyses = new Map((await analyzeCode(items)).map((a) => [a.key, a]));
    for (const item of toItems(batch, file, analyses)) {
      if (item.kind === 'problem' && item.problem.reference === null && options.requireReference) {
        yield { kind: 'skip', skip: { problemId: item.problem.id, stage: 'problems', reason: 'no-reference', detail: `${item.problem.provenance.source}: item has no answer` } };
      } else yield item;
    }
    done += batch.length;
    if (options.progress) process.stderr.write(`problems: ${basename(file)}: ${done} items analysed\n`);
    batch = [];
  };
  for await (const { line, value } of readInstructRows(file)) {
    index += 1;
    batch.push({ id: `${stem}/${index}`, line, row: value, tests: testSnippets(value.tests) });
    if (batch.length >= options.batchSize) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}
