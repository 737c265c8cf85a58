/**
 * Stage 6, label: the PLUM rule over the round's executions — chosen = passes every kept test,
 * rejected = fails at least one; syntax-invalid samples excluded by default (`label.excludeSyntaxErrors`).
 * A first pass over the executions looks for suspect references (src/pairs/reference-trust.ts) and
 * writes round-K/06-reference-suspects.jsonl; with `label.referenceSuspects: exclude` the samples of
 * those problems are labelled excluded. Streams 05-executions.jsonl into round-K/06-labels.jsonl
 * (both written atomically).
 */
import { readJsonl, writeJsonlAtomic } from '../../io/jsonl.js';
import { Execution, Sample, TestCase, type Label, type ReferenceSuspect } from '../../records.js';
import { labelExecutions } from '../../pairs/stream.js';
import { createReferenceTrust } from '../../pairs/reference-trust.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { readKeptTestIdsByProblem, readProblems, requireFile } from './inputs.js';

export async function runLabelStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  const problems = new Map((await readProblems(ctx.paths)).map((p) => [p.id, p]));
  const keptByProblem = await readKeptTestIdsByProblem(ctx.paths.filter);
  const missingEntryPoint = new Set<string>();
  const codeOf = new Map<string, string>();
  for await (const { value } of readJsonl(requireFile(round.samples, 'sample'), Sample)) {
    if (value.missingEntryPoint) missingEntryPoint.add(value.id);
    codeOf.set(value.id, value.codeHash);
  }

  async function* executions(): AsyncGenerator<Execution> {
    for await (const { value } of readJsonl(requireFile(round.executions, 'execute'), Execution)) yield value;
  }
  const suspects = await findSuspects(executions(), keptByProblem, codeOf, config, ctx);
  await writeJsonlAtomic(round.referenceSuspects, suspects);
  const excludedProblems = new Map(suspects.filter((s) => s.excluded).map((s) => [s.problemId, s]));

  const counts: Record<string, number> = { labels: 0, chosen: 0, rejected: 0, excluded: 0, referenceSuspects: suspects.length };
  async function* counted(labels: AsyncIterable<Label>): AsyncGenerator<Label> {
    for await (const original of labels) {
      const suspect = excludedProblems.get(original.problemId);
      const label: Label = suspect && original.label !== 'excluded'
        ? { ...original, label: 'excluded', reason: `reference suspect: ${suspect.agree} candidates agree on another output (${suspect.testId})`, failureKind: 'none' }
        : original;
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

/** The round's suspect references, with the evidence (the test's arguments and expected value). */
async function findSuspects(
  executions: AsyncIterable<Execution>,
  keptByProblem: Map<string, Set<string>>,
  codeOf: Map<string, string>,
  config: PipelineConfig,
  ctx: StageContext,
): Promise<ReferenceSuspect[]> {
  const trust = createReferenceTrust({ minAgree: config.label.suspectMinAgree });
  for await (const e of executions) {
    const kept = keptByProblem.get(e.problemId);
    if (kept) trust.add(e, kept, codeOf.get(e.sampleId));
  }
  const tests = new Map<string, TestCase>();
  const draft = trust.suspects(ctx.round, () => undefined, false);
  if (draft.length) {
    const wanted = new Set(draft.map((s) => s.testId));
    for await (const { value } of readJsonl(ctx.paths.tests, TestCase)) if (wanted.has(value.id)) tests.set(value.id, value);
  }
  return trust.suspects(ctx.round, (id) => tests.get(id), config.label.referenceSuspects === 'exclude');
}
