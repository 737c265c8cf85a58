/**
 * `plum generate`: ask a model for samples of every task of a benchmark, in the prompt style the
 * benchmark expects (prompts.ts), through the one LLM client (limits, retries, `n` fallback), and
 * write a samples file `plum eval` reads (GeneratedSample lines, task order, atomically). Every
 * answer is stored in the response cache as it arrives, so a killed or failed run rerun with the
 * same command asks only for what is missing. A task whose request still fails after the retries
 * is left out of the file and listed (rerun to ask again); a request no retry can fix (bad key,
 * unknown model) stops the run. Runs no code.
 */
import { basename, dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { ConfigError } from '../errors.js';
import { writeJsonlAtomic } from '../io/jsonl.js';
import { createProgress } from '../io/progress.js';
import { checkOneEndpoint } from '../llm/check-endpoint.js';
import { createLlmClient, type Completion, type LlmClient } from '../llm/client.js';
import { LlmEndpoint, type LlmEndpointInput } from '../llm/config.js';
import { LlmRequestError } from '../llm/errors.js';
import type { StageUsage } from '../llm/usage.js';
import type { GeneratedSample } from '../records.js';
import { buildGenerationRequest, codeFromAnswer, type GenerationRequest, type GenerationTask, type PromptFamily, type PromptStyle } from './prompts.js';
import { loadGenerationTasks, PROMPT_FAMILY, type GenerateDataset, type TaskSourceOptions } from './tasks.js';

/** Sampling settings of `plum generate`, by the prompt family's benchmark (EvalPlus: 768 new tokens; LCB: 2000; DeepSeek LeetCode: 1024). */
export const DEFAULT_GENERATE_OPTIONS = {
  style: 'instruct' as PromptStyle,
  n: 1,
  /** Greedy, as EvalPlus and DeepSeek report pass@1. */
  temperature: 0,
  /** When sampling (temperature > 0): EvalPlus's vLLM provider and LiveCodeBench use 0.95. */
  topPSampling: 0.95,
  maxTokens: { humaneval: 768, mbpp: 768, leetcode: 1024, lcb: 2000 },
};

/** Options of `generateSamples`; defaults in DEFAULT_GENERATE_OPTIONS. */
export interface GenerateOptions extends TaskSourceOptions {
  dataset: GenerateDataset;
  /** The server and model (baseUrl, model, apiKeyEnv, concurrency, ...); as an `llm.*` endpoint of the pipeline config. */
  endpoint: LlmEndpointInput;
  style?: PromptStyle;
  /** Samples per task. */
  n?: number;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Base seed (sample i sent alone uses seed + i). */
  seed?: number;
  /** The samples file; default `defaultSamplesPath(...)`. */
  out?: string;
  /** Response cache folder; default `<out without .jsonl>.llm-cache` beside the samples file. */
  cacheDir?: string;
  /** Only the first `limit` tasks. */
  limit?: number;
  /** Check the endpoint before asking (GET /models). Default true. */
  preflight?: boolean;
  /** Progress bar on stderr. Default true. */
  progress?: boolean;
  /** Called before a retry (e.g. to log it). */
  onRetry?: (event: { kind: string; attempt: number; delayMs: number; message: string }) => void;
}

/** A task whose request failed after its retries (not in the file; a rerun asks again). */
export interface FailedTask {
  taskId: string;
  error: string;
}

/** What a generation produced. */
export interface GenerateReport {
  dataset: GenerateDataset;
  style: PromptStyle;
  model: string;
  datasetFile: string;
  outFile: string;
  cacheDir: string;
  tasks: number;
  samples: number;
  /** Samples answered from the cache (asked by an earlier run). */
  cachedSamples: number;
  failed: FailedTask[];
  usage: StageUsage | undefined;
  durationMs: number;
}

/** The default samples file: `<model>_<dataset>_<style>_temp_<T>.jsonl` in the current folder ("/" in the model as "--", as EvalPlus). */
export function defaultSamplesPath(model: string, dataset: string, style: PromptStyle, temperature: number): string {
  return `${model.replace(/^[./]+/, '').replace(/\//g, '--')}_${dataset}_${style}_temp_${temperature}.jsonl`;
}

/** The default cache folder of a samples file: beside it, so a new file (a new checkpoint) never reuses old answers. */
export function defaultGenerateCacheDir(out: string): string {
  return join(dirname(out), `${basename(out).replace(/\.jsonl(\.gz)?$/, '')}.llm-cache`);
}

/** The settings of one generation, resolved once. */
interface GenerationPlan {
  dataset: GenerateDataset;
  family: PromptFamily;
  style: PromptStyle;
  n: number;
  sampling: { temperature: number; topP: number; maxTokens: number; seed?: number };
  model: string;
}

/** The samples of one task's answers. */
function samplesOf(task: GenerationTask, plan: GenerationPlan, request: GenerationRequest, completions: Completion[]): GeneratedSample[] {
  return completions.map((c) => {
    const code = codeFromAnswer(task, plan.family, request, c.text);
    return {
      task_id: task.taskId,
      sample_index: c.index,
      solution: code.solution,
      ...(code.completion !== undefined ? { completion: code.completion } : {}),
      raw: c.text,
      model: plan.model,
      dataset: plan.dataset,
      style: plan.style,
      finish_reason: c.finishReason,
      cache_key: c.key,
    };
  });
}

/** Ask for one task's samples (cached ones come from disk). */
function askTask(client: LlmClient, task: GenerationTask, plan: GenerationPlan): Promise<{ request: GenerationRequest; completions: Completion[] }> {
  const request = buildGenerationRequest(task, plan.family, plan.style);
  const call =
    request.kind === 'text'
      ? client.completeText({ prompt: request.prompt, stop: request.stop, ...plan.sampling }, { n: plan.n, stage: 'generate' })
      : client.complete({ messages: request.messages, ...plan.sampling }, { n: plan.n, stage: 'generate' });
  return call.then((completions) => ({ request, completions }));
}

/** Resolve the options into a plan and an endpoint (ConfigError on a bad combination). */
function planOf(options: GenerateOptions): { plan: GenerationPlan; endpoint: LlmEndpoint } {
  const family = PROMPT_FAMILY[options.dataset];
  const n = options.n ?? DEFAULT_GENERATE_OPTIONS.n;
  const temperature = options.temperature ?? DEFAULT_GENERATE_OPTIONS.temperature;
  if (n > 1 && temperature === 0) throw new ConfigError(`--n ${n} with --temperature 0 asks ${n} times for the same greedy answer; give --temperature > 0 (e.g. 0.8)`);
  const parsed = LlmEndpoint.safeParse(options.endpoint);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`endpoint ${issue.path.join('.') || 'settings'}: ${issue.message}`);
  }
  const sampling = {
    temperature,
    topP: options.topP ?? (temperature > 0 ? DEFAULT_GENERATE_OPTIONS.topPSampling : 1),
    maxTokens: options.maxTokens ?? DEFAULT_GENERATE_OPTIONS.maxTokens[family],
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const plan = { dataset: options.dataset, family, style: options.style ?? DEFAULT_GENERATE_OPTIONS.style, n, sampling, model: parsed.data.model };
  return { plan, endpoint: parsed.data };
}

/** Ask the model about every task and write the samples file; see the file comment. */
export async function generateSamples(options: GenerateOptions): Promise<GenerateReport> {
  const started = Date.now();
  const { plan, endpoint } = planOf(options);
  const out = resolve(options.out ?? defaultSamplesPath(endpoint.model, options.dataset, plan.style, plan.sampling.temperature));
  const cacheDir = resolve(options.cacheDir ?? defaultGenerateCacheDir(out));
  const { file, tasks: allTasks } = loadGenerationTasks(options.dataset, options);
  const tasks = options.limit !== undefined ? allTasks.slice(0, options.limit) : allTasks;
  if (options.preflight ?? true) await checkOneEndpoint(endpoint, 'generate');

  const client = createLlmClient(endpoint, { role: 'generate', cacheDir, onRetry: options.onRetry });
  const bar = createProgress(`generate ${options.dataset}`, tasks.length, { enabled: options.progress ?? true });
  const byTask: GeneratedSample[][] = tasks.map(() => []);
  const failed: FailedTask[] = [];
  let cachedSamples = 0;
  // Tasks start at most `concurrency` at a time, so after a fatal error no queued task is sent.
  const limit = pLimit(endpoint.concurrency);
  let fatal: unknown;
  try {
    await Promise.all(
      tasks.map((task, t) =>
        limit(async () => {
          if (fatal) return;
          try {
            const { request, completions } = await askTask(client, task, plan);
            byTask[t] = samplesOf(task, plan, request, completions);
            cachedSamples += completions.filter((c) => c.cached).length;
          } catch (error) {
            // A fatal error (bad key, unknown model) stops the run; answers already cached stay for the rerun.
            if (!(error instanceof LlmRequestError) || error.fatal) throw (fatal ??= error);
            failed.push({ taskId: task.taskId, error: error.message });
          }
          bar.tick(1, failed.length ? `${failed.length} failed` : undefined);
        }),
      ),
    );
  } finally {
    bar.finish();
    await client.close();
  }
  const samples = byTask.flat();
  if (samples.length > 0) await writeJsonlAtomic(out, samples);
  return {
    dataset: options.dataset,
    style: plan.style,
    model: endpoint.model,
    datasetFile: file,
    outFile: out,
    cacheDir,
    tasks: tasks.length,
    samples: samples.length,
    cachedSamples,
    failed,
    usage: client.usage().generate,
    durationMs: Date.now() - started,
  };
}
