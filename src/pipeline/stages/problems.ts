/**
 * Stage 1, problems: load every configured source (embedded set, instruct JSONL, HumanEval, MBPP)
 * into 01-problems.jsonl, and the items that could not be used, with their reasons, into
 * 01-problem-skips.jsonl (both written atomically). `problems.limit` keeps the first N problems.
 */
import { ConfigError } from '../../errors.js';
import { writeJsonlAtomic } from '../../io/jsonl.js';
import type { Problem, ProblemSkip } from '../../records.js';
import { streamProblems } from '../../problems/load.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';

export async function runProblemsStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const limit = config.problems.limit ?? Number.POSITIVE_INFINITY;
  const problems: Problem[] = [];
  const skips: ProblemSkip[] = [];
  const origin = new Map<string, string>();
  for (const spec of config.problems.sources) {
    if (problems.length >= limit) break;
    const name = 'path' in spec && spec.path ? `${spec.kind} ${spec.path}` : 'dataDir' in spec ? `${spec.kind} ${spec.dataDir}` : spec.kind;
    for await (const item of streamProblems(spec, { limit: limit - problems.length })) {
      if (item.kind === 'skip') {
        skips.push(item.skip);
        continue;
      }
      const first = origin.get(item.problem.id);
      if (first !== undefined) {
        throw new ConfigError(`problem id "${item.problem.id}" appears in two sources (${first} and ${name}); ids must be unique across problems.sources`);
      }
      origin.set(item.problem.id, name);
      problems.push(item.problem);
    }
  }
  await writeJsonlAtomic(ctx.paths.problems, problems);
  await writeJsonlAtomic(ctx.paths.problemSkips, skips);
  ctx.log(`problems: ${problems.length} loaded, ${skips.length} skipped`);
  return { counts: { problems: problems.length, skipped: skips.length } };
}
