/**
 * Candidate inputs for the offline test generator: seeds from a problem's example calls (and from
 * literal calls in its benchmark tests), then EvalPlus-style type-aware mutations of them, made by
 * the trusted helper python/mutate_inputs.py in one process for many problems. Runs no candidate
 * or reference code; deterministic for a given seed, and prefix-stable (asking for more inputs
 * returns the same first ones plus new ones).
 */
import { join } from 'node:path';
import type { Problem } from '../records.js';
import { packageRoot } from '../paths.js';
import { runPythonTool } from '../execution/python-tool.js';
import { defaultOfflineTestgenOptions } from './options.js';

/** One candidate input: the argument list as Python source and how it was made. */
export interface CandidateInput {
  /** Python expression of the argument list, canonical (sets sorted), e.g. "[[1, 2], 'a']". */
  args: string;
  /** "seed#0" or a chain like "seed#1 > a0:list.insert@2 > a1:int.+1". */
  mutation: string;
}

/** The candidates of one problem. */
export interface CandidateInputs {
  problemId: string;
  /** Number of distinct seed inputs found. */
  seeds: number;
  /** Example argument lists that could not be read as literals, with why. */
  unparsable: { args: string; reason: string }[];
  inputs: CandidateInput[];
  /** Inputs left out because they break a contract inferred from the seeds and the text (`non-negative a0`). */
  violations: (CandidateInput & { contract: string })[];
}

/** What to generate for one problem. */
export interface CandidateRequest {
  problem: Problem;
  seed: number;
  candidates: number;
  maxSteps: number;
  maxSize: number;
  /** Candidates past this index may shrink below the seeds' lengths (null = never). */
  relaxAfter: number | null;
  /** The input-side switches of `OfflineTestgenOptions` (default: its defaults). */
  features?: Partial<InputFeatures>;
}

/** Which input sources and checks are on (see `OfflineTestgenOptions` for each). */
export interface InputFeatures {
  docstringSeeds: boolean;
  typedSeeds: boolean;
  boundaryInputs: number;
  inferContracts: boolean;
}

function benchmarkCode(problem: Problem): string[] {
  return problem.benchmarkTests.flatMap((t) => (t.kind === 'assert' || t.kind === 'check' ? [t.code] : []));
}

/** Generate candidate inputs for many problems in one Python process. */
export async function generateCandidateInputs(requests: CandidateRequest[]): Promise<CandidateInputs[]> {
  if (requests.length === 0) return [];
  const script = join(packageRoot(), 'src', 'testgen', 'python', 'mutate_inputs.py');
  const payload = {
    problems: requests.map((r) => {
      const features = { ...defaultOfflineTestgenOptions, ...r.features };
      return {
        id: r.problem.id,
        entryPoint: r.problem.entryPoint,
        signature: r.problem.signature,
        seed: r.seed,
        examples: r.problem.examples.map((e) => e.args),
        texts: [r.problem.instruction],
        benchmarkCode: benchmarkCode(r.problem),
        candidates: r.candidates,
        maxSteps: r.maxSteps,
        maxSize: r.maxSize,
        ...(r.relaxAfter !== null ? { relaxAfter: r.relaxAfter } : {}),
        docSeeds: features.docstringSeeds,
        typedSeeds: features.typedSeeds,
        boundaries: features.boundaryInputs,
        contracts: features.inferContracts,
      };
    }),
  };
  type Reply = Omit<CandidateInputs, 'problemId'> & { id: string };
  const out = await runPythonTool<{ results: Reply[] }>(
    script,
    payload,
    { timeoutMs: 300_000 },
  );
  return out.results.map((r) => ({ problemId: r.id, seeds: r.seeds, unparsable: r.unparsable, inputs: r.inputs, violations: r.violations ?? [] }));
}
