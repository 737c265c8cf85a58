/**
 * The offline sampler: stands in for the policy when no model is configured. Per problem, k
 * candidates made from the reference by the mutation operators of src/mutation: most are mutants
 * (likely wrong), about `correctShare` of them semantics-preserving variants (the share varies by
 * problem, as pass rates do), in a seeded random order,
 * so the labels see a realistic mix of passing and failing candidates. Deterministic: each
 * (problem, round) derives its own seed from the run seed. Does not run anything and writes no
 * files (the pipeline stage does).
 */
import type { Problem, ProblemSkip, Sample } from '../records.js';
import { hashOf } from '../io/hash.js';
import { deriveSeed } from '../testgen/derive-seed.js';
import { mutateReferences } from '../mutation/mutate-reference.js';

/** The generator name written into provenance. */
export const MUTATION_SAMPLER_GENERATOR = 'mutation-sampler';

/** Options of `sampleMutants`. */
export interface MutationSamplerOptions {
  /** Candidates per problem. */
  k: number;
  /** Run seed; each (problem, round) derives its own. */
  seed: number;
  /** Round the samples belong to (also varies the seed). */
  round: number;
  /** Mean share of semantics-preserving variants (intended correct) among the k, 0..1. */
  correctShare: number;
  /**
   * Spread of that share across problems, like policy pass rates that differ by difficulty: each
   * problem's share is drawn from Beta(correctShare * c, (1 - correctShare) * c) with c this value
   * (smaller = wider; some problems then get no correct candidate). Null = the same share everywhere.
   */
  shareConcentration: number | null;
  /**
   * Probability that a mutant is replaced by a broken candidate, as policies produce them: cut off
   * mid-line (does not compile; finishReason "length") or the entry function renamed
   * (missingEntryPoint). 0 = never.
   */
  brokenShare: number;
}

export const defaultMutationSamplerOptions: MutationSamplerOptions = {
  k: 8,
  seed: 1,
  round: 0,
  correctShare: 0.3,
  shareConcentration: 6,
  brokenShare: 0.03,
};

/** Fill in the defaults. */
export function resolveMutationSamplerOptions(options: Partial<MutationSamplerOptions> = {}): MutationSamplerOptions {
  const out = { ...defaultMutationSamplerOptions };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** Sample id: stable for (problem, round, index). */
export function mutantSampleId(problemId: string, round: number, index: number): string {
  return `${problemId}::r${round}::m${index}`;
}

/** The k candidates of one problem ([] when it has no usable reference; see the batch form for why). */
export async function sampleMutants(problem: Problem, options: Partial<MutationSamplerOptions> = {}): Promise<Sample[]> {
  return (await sampleMutantsBatch([problem], options)).samples;
}

/** Candidates for many problems in one Python process, plus a skip record per unusable problem. */
export async function sampleMutantsBatch(
  problems: Problem[],
  options: Partial<MutationSamplerOptions> = {},
): Promise<{ samples: Sample[]; skips: ProblemSkip[] }> {
  const opts = resolveMutationSamplerOptions(options);
  const skips: ProblemSkip[] = [];
  const usable: Problem[] = [];
  for (const p of problems) {
    if (!p.reference) skips.push({ problemId: p.id, stage: 'sample', reason: 'no reference solution to mutate' });
    else usable.push(p);
  }
  const seedOf = (p: Problem) => deriveSeed(opts.seed, p.id, `sample:r${opts.round}`);
  const results = await mutateReferences(
    usable.map((p) => ({
      id: p.id,
      reference: p.reference as string,
      entryPoint: p.entryPoint,
      k: opts.k,
      seed: seedOf(p),
      correctShare: opts.correctShare,
      shareConcentration: opts.shareConcentration,
      brokenShare: opts.brokenShare,
    })),
  );
  const samples: Sample[] = [];
  results.forEach((result, i) => {
    const problem = usable[i];
    if (result.error) {
      skips.push({ problemId: problem.id, stage: 'sample', reason: 'reference does not parse', detail: result.error });
      return;
    }
    if (result.candidates.length === 0) {
      skips.push({ problemId: problem.id, stage: 'sample', reason: 'no mutation site in the reference' });
      return;
    }
    result.candidates.forEach((c, index) => {
      samples.push({
        id: mutantSampleId(problem.id, opts.round, index),
        problemId: problem.id,
        round: opts.round,
        index,
        code: c.code,
        ...(c.broken === 'syntax' ? { finishReason: 'length' } : {}),
        missingEntryPoint: c.broken === 'missing-entry-point',
        provenance: {
          generator: MUTATION_SAMPLER_GENERATOR,
          mutation: c.mutation,
          seed: seedOf(problem),
          hashes: { reference: hashOf(problem.reference as string) },
        },
        codeHash: hashOf(c.code),
      });
    });
  });
  return { samples, skips };
}
