/**
 * Building a `Problem` record from the fields a loader found: fills the content hash and validates
 * the result against the schema of src/records.ts. Does not read files; every loader calls this.
 */
import { hashOf } from '../io/hash.js';
import { Problem, type Provenance, type TestSpec } from '../records.js';

/** What a loader knows about one problem; `contentHash` is computed here. */
export interface ProblemFields {
  id: string;
  source: string;
  instruction: string;
  entryPoint: string | null;
  signature: string | null;
  reference: string | null;
  examples?: { args: string; expected?: string }[];
  benchmarkTests?: TestSpec[];
  tags?: string[];
  difficulty?: 'easy' | 'medium' | 'hard';
  provenance: Provenance;
}

/** The content hash of a problem: instruction, signature and reference (what a test depends on). */
export function hashProblemContent(fields: Pick<ProblemFields, 'instruction' | 'signature' | 'reference'>): string {
  return hashOf({ instruction: fields.instruction, signature: fields.signature, reference: fields.reference });
}

/** Assemble and validate a Problem record. */
export function makeProblem(fields: ProblemFields): Problem {
  return Problem.parse({
    ...fields,
    examples: fields.examples ?? [],
    benchmarkTests: fields.benchmarkTests ?? [],
    tags: fields.tags ?? [],
    contentHash: hashProblemContent(fields),
  });
}
