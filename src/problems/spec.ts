/**
 * Which problems to load: the `ProblemSourceSpec` union (a zod schema, so a run config can embed it)
 * and the options shared by every loader, with their defaults in one place.
 */
import { z } from 'zod';

/** Where problems come from. */
export const ProblemSourceSpec = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('embedded'),
    /** An embedded-format JSONL file; default: the set shipped in data/problems/embedded.jsonl. */
    path: z.string().optional(),
  }),
  z.object({
    kind: z.literal('instruct'),
    /** JSONL, or a JSON array, of `{instruction, output | response | solution?}` items. */
    path: z.string(),
  }),
  z.object({
    kind: z.literal('humaneval'),
    /** Folder holding HumanEval.jsonl(.gz) / HumanEvalPlus.jsonl(.gz), directly or in a sub-folder. */
    dataDir: z.string(),
    /** Load HumanEval+ (EvalPlus) instead of the original HumanEval. */
    plus: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('mbpp'),
    /** Folder holding mbpp.jsonl, sanitized-mbpp.json or MbppPlus.jsonl(.gz), directly or in a sub-folder. */
    dataDir: z.string(),
    /** original = mbpp.jsonl (974), sanitized = sanitized-mbpp.json (427), plus = MbppPlus (378). */
    variant: z.enum(['original', 'sanitized', 'plus']).optional(),
  }),
]);
export type ProblemSourceSpec = z.infer<typeof ProblemSourceSpec>;

/** Options of `loadProblems` / `streamProblems`. */
export interface LoadProblemsOptions {
  /** Stop after this many problems (skips do not count). Default: all. */
  limit?: number;
  /** Record instruction-only items (no reference found) as skips instead of problems. Default false. */
  requireReference?: boolean;
  /** Items handed to one Python helper process when extracting references. Default 500. */
  batchSize?: number;
  /** Progress lines on stderr for long loads. Default true. */
  progress?: boolean;
}

/** The options with every default filled in. */
export type ResolvedLoadOptions = Required<Omit<LoadProblemsOptions, 'limit'>> & { limit: number };

/** Fill the defaults of LoadProblemsOptions. */
export function resolveLoadOptions(options: LoadProblemsOptions = {}): ResolvedLoadOptions {
  return {
    limit: options.limit ?? Number.POSITIVE_INFINITY,
    requireReference: options.requireReference ?? false,
    batchSize: options.batchSize ?? 500,
    progress: options.progress ?? true,
  };
}
