/**
 * Stage 6, label: the PLUM rule over the round's executions — chosen = passes every kept test,
 * rejected = fails at least one; syntax-invalid samples excluded by default (`label.excludeSyntaxErrors`).
 * Streams 05-executions.jsonl into round-K/06-labels.jsonl (written atomically).
 */
import { readJsonl, writeJsonlAtomic } from '../../io/jsonl.js';
import { Execution, Sample, type Label } from '../../records.js';
import { labelExecutions } from '../../pairs/stream.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { readKeptTestIdsByProblem, readProblems, requireFile } from './inputs.js';

export async function runLabelStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  const problems = new Map((await readProblems(ctx.paths)).map((p) => [p.id, p]));
  const keptByProblem = await readKeptTestIdsByProblem(ctx.paths.filter);
  const missingEntryPoint = new Set<string>();
  for await (const { value } of readJsonl(requireFile(round.samples, 'sample'), Sample)) if (value.missingEntryPoint) missingEntryPoint.add(value.id);

  async function* executions(): AsyncGenerator<Execution> {
    for await (const { value } of readJsonl(requireFile(round.executions, 'execute'), Execution)) yield value;
  }
  const counts: Record<string, number> = { labels: 0, chosen: 0, rejected: 0, excluded: 0 };
  async function* counted(labels: AsyncIterable<Label>): AsyncGenerator<Label> {
    for await (const label of labels) {
      counts.labels += 1;
      counts[label.label] += 1;
      yield label;
    }
  }
  const labels = labelExecutions(
    executions(),
    (problemId) => ({ keptTestIds: keptByProblem.get(problemId) ?? new Set(), entryPoint: problems.get(problemId)?.entryPoint }),
    { syntaxInvalid: config.label.excludeSyntaxErrors ? 'exclude' : 'reject' },
    (sampleId) => ({ missingEntryPoint: missingEntryPoint.has(sampleId) }),
  );
  await writeJsonlAtomic(round.labels, counted(labels));
  return { counts };
}
