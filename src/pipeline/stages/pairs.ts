/**
 * Stage 7, pairs: join the round's samples with their labels, problem by problem, and build DPO
 * pairs (strategy and caps from the `pairs` config section) and KTO examples. The prompt of every
 * pair is the policy's sampling prompt (`buildPolicyPrompt`), so the data is on-policy. Streams into
 * round-K/07-dpo.jsonl, 08-kto.jsonl and 07-pairs-summary.jsonl (per-problem counts for the
 * statistics), each written atomically.
 */
import { readJsonl, writeJsonlAtomic } from '../../io/jsonl.js';
import { Label, Sample, type DpoPair, type KtoExample } from '../../records.js';
import { indexLabels, streamPreferences } from '../../pairs/stream.js';
import { buildPolicyPrompt } from '../../sample/llm-prompt.js';
import { policyForRound } from '../../llm/config.js';
import type { PreferenceOptions, ProblemPairsSummary } from '../../pairs/types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { createChannel } from '../channel.js';
import { readProblems, requireFile } from './inputs.js';

export async function runPairsStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const round = ctx.paths.round(ctx.round);
  const problems = new Map((await readProblems(ctx.paths)).map((p) => [p.id, p]));
  async function* labels(): AsyncGenerator<Label> {
    for await (const { value } of readJsonl(requireFile(round.labels, 'label'), Label)) yield value;
  }
  async function* samples(): AsyncGenerator<Sample> {
    for await (const { value } of readJsonl(requireFile(round.samples, 'sample'), Sample)) yield value;
  }
  const index = await indexLabels(labels());
  const options: Partial<PreferenceOptions> = { seed: config.seed, ...(config.pairs as Partial<PreferenceOptions>) };
  // The training prompt is exactly the prompt the policy is sampled with (on-policy), for every sampler.
  const promptDir = config.sample.generator === 'llm' && config.llm?.policy ? policyForRound(config.llm, ctx.round).promptDir : undefined;
  const promptOf = (problemId: string) => {
    const problem = problems.get(problemId);
    return problem ? buildPolicyPrompt(problem, promptDir) : '';
  };
  const kto = createChannel<KtoExample>();
  const summaries = createChannel<ProblemPairsSummary>();
  const counts: Record<string, number> = { problems: 0, dpoPairs: 0, ktoExamples: 0, problemsWithPairs: 0 };
  async function* dpo(): AsyncGenerator<DpoPair> {
    try {
      for await (const data of streamPreferences(samples(), index, promptOf, options)) {
        counts.problems += 1;
        if (data.dpo.length) counts.problemsWithPairs += 1;
        for (const example of data.kto) kto.push(example);
        counts.ktoExamples += data.kto.length;
        summaries.push(data.summary);
        counts.dpoPairs += data.dpo.length;
        for (const pair of data.dpo) yield pair;
      }
    } finally {
      kto.close();
      summaries.close();
    }
  }
  await Promise.all([writeJsonlAtomic(round.dpo, dpo()), writeJsonlAtomic(round.kto, kto), writeJsonlAtomic(round.pairsSummary, summaries)]);
  return { counts };
}
