/**
 * The CLI command factory for the pipeline: `plum run` (all stages) and `plum <stage>` (one stage),
 * each a thin wrapper that parses the shared options, calls `runPipeline` and prints the summary.
 */
import type { CliCommand } from '../cli/command.js';
import { PIPELINE_OPTIONS_USAGE, parsePipelineArgs } from './cli-options.js';
import { runPipeline } from './run-pipeline.js';
import { STAGES, type StageName } from './stage-registry.js';
import { formatRunSummary, readStatsSummary } from './summary.js';
import { compareRounds, listRoundsWithLabels } from '../rounds/compare-rounds.js';
import { formatRoundComparison } from '../rounds/format-rounds.js';

/** `plum run`, or `plum <stage>` when `stage` is given. */
export function pipelineCommand(stage?: StageName): CliCommand {
  const def = stage ? STAGES.find((s) => s.name === stage) : undefined;
  const name = stage ?? 'run';
  const summary = def ? def.summary : 'run the whole pipeline (problems -> tests -> filter -> samples -> executions -> mutation scores -> labels -> DPO/KTO -> stats -> TRL export)';
  return {
    name,
    usage: [`usage: plum ${name} [options]`, '', summary, '', 'options:', PIPELINE_OPTIONS_USAGE].join('\n'),
    async run(argv) {
      const options = parsePipelineArgs(argv);
      const report = await runPipeline({ ...options, stages: stage ? [stage] : undefined });
      const statsSummary = !stage || stage === 'stats' ? readStatsSummary(report.paths.round(report.round).stats) : undefined;
      process.stdout.write(formatRunSummary(report, statsSummary));
      // With more than one labelled round, compare them (pass rates, pairs, problems solved or lost).
      if (!stage && listRoundsWithLabels(report.runDir).length > 1) {
        process.stdout.write(`\n${formatRoundComparison(await compareRounds(report.runDir))}\n`);
      }
      return 0;
    },
  };
}
