/**
 * The mutation operators, applied to reference solutions by the trusted helper
 * python/mutate_code.py (AST analysis and text edits; it never runs the code). Mutants are meant
 * to be wrong (operator and comparison swaps, off-by-one, boundary changes, dropped statements,
 * wrong returns...), variants to be correct (renamed locals, comments, docstring, mirrored
 * comparisons, inverted if/else, extracted return value, swapped independent assignments), and
 * optionally broken candidates (cut off mid-line, entry function renamed) as policies produce.
 * One Python process for many problems. Choosing how many of each is the caller's (see
 * src/sample/mutation-sampler.ts).
 */
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { runPythonTool } from '../execution/python-tool.js';

/** What to make for one problem. */
export interface MutateRequest {
  id: string;
  reference: string;
  entryPoint: string | null;
  /** Number of candidates. */
  k: number;
  seed: number;
  /** Share of semantics-preserving variants among the k. */
  correctShare: number;
  /** When set, each problem's share is drawn from Beta(mean = correctShare, concentration = this). */
  shareConcentration?: number | null;
  /** Probability that a mutant is replaced by a broken candidate (cut off mid-line, or entry renamed). */
  brokenShare?: number;
}

/** One candidate program. */
export interface MutatedProgram {
  code: string;
  /** e.g. "mutant:boundary(< -> <=)@L4:12", "variant:rename-local(total -> acc)", or two joined by " + ". */
  mutation: string;
  /** Made only of semantics-preserving variants (intended correct). */
  correct: boolean;
  /** A broken candidate: does not compile, or has no function named as the entry point. */
  broken?: 'syntax' | 'missing-entry-point';
}

/** The candidates of one problem, or why there are none. */
export interface MutateResult {
  id: string;
  /** Set when the reference does not parse. */
  error?: string;
  candidates: MutatedProgram[];
  /** Number of first-order sites found per kind. */
  sites: { mutant?: number; variant?: number };
}

/** Run the mutation operators over many references in one Python process. */
export async function mutateReferences(requests: MutateRequest[]): Promise<MutateResult[]> {
  if (requests.length === 0) return [];
  const script = join(packageRoot(), 'src', 'mutation', 'python', 'mutate_code.py');
  const out = await runPythonTool<{ results: MutateResult[] }>(script, { problems: requests }, { timeoutMs: 300_000 });
  return out.results;
}

/** True when a mutation description names only semantics-preserving variants. */
export function isVariantMutation(mutation: string | undefined): boolean {
  return !!mutation && mutation.startsWith('variant:') && !mutation.includes('mutant:');
}

/** True when a mutation description names a broken candidate (truncated, or entry point renamed). */
export function isBrokenMutation(mutation: string | undefined): boolean {
  return !!mutation && mutation.startsWith('broken:');
}
