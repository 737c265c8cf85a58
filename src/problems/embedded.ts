/**
 * The embedded problem set shipped in `data/problems/embedded.jsonl`: original problems written for
 * plum (not copied from any benchmark), one JSON object per line with the fields of
 * `EmbeddedProblemRow`. This file validates rows and turns them into Problem records; it does not
 * run the references (test/problems/embedded.test.ts does).
 */
import { z } from 'zod';
import { hashOf } from '../io/hash.js';
import { readJsonl } from '../io/jsonl.js';
import { dataPath } from '../paths.js';
import type { Problem } from '../records.js';
import { makeProblem } from './make-problem.js';
import { describeSource } from './source-path.js';

/** One line of an embedded-format problems file. */
export const EmbeddedProblemRow = z.object({
  /** Unique id, `embedded/<entry point>` in the shipped set. */
  id: z.string().min(1),
  /** Task description in the style of OSS-Instruct / Evol-Instruct items. */
  instruction: z.string().min(1),
  /** Name of the function the tests call. */
  entryPoint: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  /** The `def` line of the entry point, with type hints. */
  signature: z.string().min(1),
  /** Full Python program (stdlib only) defining the entry point; the oracle for generated tests. */
  reference: z.string().min(1),
  /** Example calls: `args` is a Python expression of the argument list, `expected` of the result. */
  examples: z.array(z.object({ args: z.string(), expected: z.string() })).min(1),
  tags: z.array(z.string()).default([]),
  difficulty: z.enum(['easy', 'medium', 'hard']),
});
export type EmbeddedProblemRow = z.infer<typeof EmbeddedProblemRow>;

/** Path of the shipped embedded set. */
export function embeddedProblemsPath(): string {
  return dataPath('problems', 'embedded.jsonl');
}

/** Turn one validated row into a Problem record. */
export function problemFromEmbeddedRow(row: EmbeddedProblemRow, file: string, line: number): Problem {
  return makeProblem({
    id: row.id,
    source: 'embedded',
    instruction: row.instruction,
    entryPoint: row.entryPoint,
    signature: row.signature,
    reference: row.reference,
    examples: row.examples,
    tags: row.tags,
    difficulty: row.difficulty,
    provenance: { generator: 'embedded', source: describeSource(file, line), hashes: { row: hashOf(row) } },
  });
}

/** Stream the problems of an embedded-format file (default: the shipped set). */
export async function* streamEmbeddedProblems(file: string = embeddedProblemsPath()): AsyncGenerator<Problem> {
  for await (const { line, value } of readJsonl(file, EmbeddedProblemRow)) {
    yield problemFromEmbeddedRow(value, file, line);
  }
}
