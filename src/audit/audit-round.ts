/**
 * `auditRound(runDir, options)`: the IO wrapper of the label audit. Reads a labelled round
 * (round-K/04-samples.jsonl, 06-labels.jsonl, and the filter's kept tests), judges every sample with
 * the strong oracle (./judge.ts), and writes round-K/audit.jsonl (one AuditRecord per sample) and
 * round-K/audit.json (the AuditSummary of ./summarise.ts), each atomically. Bad input (no run
 * directory, an unlabelled round, missing oracle data) is a ConfigError / DataMissingError before
 * anything runs. Does not print (src/cli/audit.ts does).
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { ConfigError } from '../errors.js';
import { createEngine } from '../execution/engine.js';
import type { Engine } from '../execution/types.js';
import { readJsonl, writeJsonlAtomic, writeTextAtomic } from '../io/jsonl.js';
import { runPaths } from '../io/run-dir.js';
import { isBrokenMutation, isVariantMutation } from '../mutation/mutate-reference.js';
import { readKeptTestIdsByProblem, readProblems } from '../pipeline/stages/inputs.js';
import { findBenchmarkFile, loadEvalPlus, type EvalPlusBenchmark } from '../problems/benchmarks.js';
import { Label, Sample, type AuditRecord, type AuditSummary } from '../records.js';
import { listRoundsWithLabels } from '../rounds/compare-rounds.js';
import { judgeWithOracle, type JudgeOptions, type OracleVerdict } from './judge.js';
import { summariseAudit } from './summarise.js';

/** The oracles `plum audit` knows. */
export const AUDIT_ORACLES: readonly EvalPlusBenchmark[] = ['humaneval+', 'mbpp+'];

/** Options of `auditRound`. */
export interface AuditOptions extends JudgeOptions {
  oracle: EvalPlusBenchmark;
  /** Round to audit; default the latest labelled round. */
  round?: number;
  /** Folder searched recursively for the oracle's file; default `$PLUM_DATA_DIR`. */
  dataDir?: string;
  /** Use this engine (left open) instead of starting one. */
  engine?: Engine;
  /** Engine workers when starting one (default one per core). */
  jobs?: number;
}

/** What `auditRound` wrote. */
export interface AuditResult {
  round: number;
  recordsFile: string;
  summaryFile: string;
  records: AuditRecord[];
  summary: AuditSummary;
}

/** The sample source an audit groups by: the generator, with the model (LLM policy) or, for the mutation sampler, the kind of candidate. */
export function sampleSource(sample: Pick<Sample, 'provenance'>): string {
  const { generator, mutation, model } = sample.provenance;
  if (model) return `${generator}:${model}`;
  if (!mutation) return generator;
  if (isBrokenMutation(mutation)) return `${generator}:broken`;
  return `${generator}:${isVariantMutation(mutation) ? 'variant' : 'mutant'}`;
}

function resolveRound(runDir: string, round: number | undefined): number {
  const labelled = listRoundsWithLabels(runDir);
  const k = round ?? labelled.at(-1);
  if (k === undefined) throw new ConfigError(`${runDir} has no labelled round (no round-K/06-labels.jsonl); run \`plum run --run-dir ${runDir}\` first`);
  if (!labelled.includes(k)) {
    throw new ConfigError(`round ${k} of ${runDir} is not labelled (no round-${k}/06-labels.jsonl); run \`plum label --run-dir ${runDir} --round ${k}\`${labelled.length ? ` or audit round ${labelled.join(', ')}` : ''}`);
  }
  return k;
}

/** One audit record from a sample, its label and the oracle's verdict. */
export function auditRecordOf(sample: Sample, label: Label | undefined, verdict: OracleVerdict): AuditRecord {
  const record: AuditRecord = {
    sampleId: sample.id,
    problemId: sample.problemId,
    round: sample.round,
    index: sample.index,
    source: sampleSource(sample),
    label: label?.label ?? 'unlabelled',
    judged: verdict.judged,
  };
  if (label) record.labelReason = label.reason;
  if (!verdict.judged) {
    record.notJudgedReason = verdict.reason;
    return record;
  }
  record.basePassed = verdict.basePassed;
  record.plusPassed = verdict.plusPassed;
  record.correct = verdict.plusPassed;
  record.baselineLabel = verdict.basePassed ? 'chosen' : 'rejected';
  record.baseTests = { passed: verdict.base.testsPassed, total: verdict.base.testsTotal };
  record.plusTests = { passed: verdict.plus.testsPassed, total: verdict.plus.testsTotal };
  if (verdict.firstFailure) record.firstFailure = verdict.firstFailure;
  return record;
}

/** Audit one labelled round of `runDir` against `options.oracle`; see the file comment. */
export async function auditRound(runDir: string, options: AuditOptions): Promise<AuditResult> {
  if (!AUDIT_ORACLES.includes(options.oracle)) throw new ConfigError(`unknown oracle "${options.oracle}" (known: ${AUDIT_ORACLES.join(', ')})`);
  if (!existsSync(runDir)) throw new ConfigError(`run directory ${runDir} does not exist`);
  const round = resolveRound(runDir, options.round);
  const paths = runPaths(runDir);
  const r = paths.round(round);
  if (!existsSync(r.samples)) throw new ConfigError(`${r.samples} is missing; round ${round} has labels but no samples`);
  const dataset = loadEvalPlus(options.oracle, findBenchmarkFile(options.oracle, options.dataDir ?? process.env.PLUM_DATA_DIR));

  const labels = new Map<string, Label>();
  for await (const { value } of readJsonl(r.labels, Label)) labels.set(value.sampleId, value);
  const samples: Sample[] = [];
  for await (const { value } of readJsonl(r.samples, Sample)) samples.push(value);
  const keptTestsByProblem = await keptTestCounts(runDir);

  const engine = options.engine ?? (await createEngine({ workers: options.jobs ?? Math.max(1, cpus().length), shardJobs: false }));
  let verdicts: Map<string, OracleVerdict>;
  try {
    verdicts = await judgeWithOracle(samples.map((s) => ({ id: s.id, problemId: s.problemId, code: s.code })), dataset, engine, options);
  } finally {
    if (!options.engine) await engine.close();
  }
  if (samples.length > 0 && samples.every((s) => !verdicts.get(s.id)!.judged)) {
    const other = options.oracle === 'humaneval+' ? 'mbpp+' : 'humaneval+';
    throw new ConfigError(
      `no sample of round ${round} is a task of ${options.oracle} (problem ids such as "${samples[0].problemId}"): ` +
        `HumanEval/N runs are audited with --oracle humaneval+, Mbpp/N runs with --oracle mbpp+; try --oracle ${other}`,
    );
  }
  const records = samples.map((s) => auditRecordOf(s, labels.get(s.id), verdicts.get(s.id)!));
  const summary = summariseAudit(records, { round, oracle: options.oracle, datasetFile: dataset.file, keptTestsByProblem });
  await writeJsonlAtomic(r.audit, records);
  writeTextAtomic(r.auditSummary, `${JSON.stringify(summary, null, 2)}\n`);
  return { round, recordsFile: r.audit, summaryFile: r.auditSummary, records, summary };
}

/** Kept tests per problem for every problem of the run (empty when the run has no problems or filter file). */
async function keptTestCounts(runDir: string): Promise<Map<string, number>> {
  const paths = runPaths(runDir);
  const out = new Map<string, number>();
  if (!existsSync(paths.problems) || !existsSync(paths.filter)) return out;
  const kept = await readKeptTestIdsByProblem(paths.filter);
  for (const p of await readProblems(paths)) out.set(p.id, kept.get(p.id)?.size ?? 0);
  return out;
}
