/**
 * The one entry point to problem sources: `loadProblems(spec, options)` returns every Problem and
 * every ProblemSkip of a source; `streamProblems` yields them one at a time (skips included, in
 * source order) so a large source need not sit in memory. Duplicate ids within a source are a
 * SchemaError. Loaders for each format live in their own files.
 */
import { ConfigError, SchemaError } from '../errors.js';
import type { Problem, ProblemSkip } from '../records.js';
import { streamEmbeddedProblems } from './embedded.js';
import { streamHumanEvalProblems } from './humaneval.js';
import { streamInstructProblems } from './instruct.js';
import { streamMbppProblems } from './mbpp.js';
import { ProblemSourceSpec, resolveLoadOptions, type LoadProblemsOptions, type ResolvedLoadOptions } from './spec.js';

/** One item of a problem stream: a usable problem or a recorded skip. */
export type ProblemStreamItem = { kind: 'problem'; problem: Problem } | { kind: 'skip'; skip: ProblemSkip };

/** What `loadProblems` returns. */
export interface LoadedProblems {
  problems: Problem[];
  skips: ProblemSkip[];
}

async function* streamFromSource(spec: ProblemSourceSpec, options: ResolvedLoadOptions): AsyncGenerator<ProblemStreamItem> {
  switch (spec.kind) {
    case 'embedded':
      for await (const problem of streamEmbeddedProblems(spec.path)) yield { kind: 'problem', problem };
      return;
    case 'instruct':
      yield* streamInstructProblems(spec.path, options);
      return;
    case 'humaneval':
      yield* streamHumanEvalProblems(spec.dataDir, spec.plus ?? false, options);
      return;
    case 'mbpp':
      yield* streamMbppProblems(spec.dataDir, spec.variant ?? 'original', options);
      return;
    default:
      throw new ConfigError(`unknown problem source "${(spec as { kind: string }).kind}"`);
  }
}

/** Stream the problems and skips of a source, in source order. */
export async function* streamProblems(spec: ProblemSourceSpec, options: LoadProblemsOptions = {}): AsyncGenerator<ProblemStreamItem> {
  const parsed = ProblemSourceSpec.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`problem source: field "${issue.path.join('.')}": ${issue.message}`);
  }
  const resolved = resolveLoadOptions(options);
  const seen = new Map<string, string>();
  let count = 0;
  if (resolved.limit <= 0) return;
  for await (const item of streamFromSource(parsed.data, resolved)) {
    if (item.kind === 'problem') {
      const where = item.problem.provenance.source ?? item.problem.id;
      const first = seen.get(item.problem.id);
      if (first !== undefined) {
        const [file, line] = splitSource(where);
        throw new SchemaError(file, line, 'id', `duplicate problem id "${item.problem.id}" (first at ${first})`);
      }
      seen.set(item.problem.id, where);
      count += 1;
    }
    yield item;
    if (count >= resolved.limit) return;
  }
}

/** Load every problem and skip of a source. */
export async function loadProblems(spec: ProblemSourceSpec, options: LoadProblemsOptions = {}): Promise<LoadedProblems> {
  const problems: Problem[] = [];
  const skips: ProblemSkip[] = [];
  for await (const item of streamProblems(spec, options)) {
    if (item.kind === 'problem') problems.push(item.problem);
    else skips.push(item.skip);
  }
  return { problems, skips };
}

function splitSource(source: string): [string, number] {
  const m = /^(.*):(\d+)$/.exec(source);
  return m ? [m[1], Number(m[2])] : [source, 0];
}
