/**
 * Load one run directory (layout: src/io/run-dir.ts) into `RunData` for plots and tables: every
 * stage file is streamed and validated against its schema, and only the fields the report needs
 * are kept (executions are folded into a bounded digest), so large runs fit in memory. Files of
 * stages that have not run are treated as empty. It does not compute figures (src/viz/).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { PlumError } from '../errors.js';
import { runPaths } from '../io/run-dir.js';
import { readJsonl } from '../io/jsonl.js';
import { AuditSummary, DpoPair, Execution, FilterDecision, KtoExample, Label, MutationScore, Problem, ProblemSkip, Sample, TestCase } from '../records.js';
import { addExecution, newExecutionDigest } from '../viz/execution-digest.js';
import type { RunData } from '../viz/run-figures.js';
import type { MutationScoreLike } from '../viz/mutation-charts.js';

/** Options of `loadRunData`. */
export interface LoadRunDataOptions {
  /** Round to load; default: the highest `round-K` folder present (0 when none). */
  round?: number;
  /** How many slowest tests to keep (default 15). */
  keepSlowest?: number;
}

/** The rounds present in a run directory (`round-K` folders), ascending. */
export function listRounds(runDir: string): number[] {
  if (!existsSync(runDir)) return [];
  return readdirSync(runDir)
    .map((name) => /^round-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

async function collect<S extends z.ZodType, T>(file: string, schema: S, project: (v: z.output<S>) => T): Promise<T[]> {
  const out: T[] = [];
  if (!existsSync(file)) return out;
  for await (const { value } of readJsonl(file, schema)) out.push(project(value));
  return out;
}

function readJsonObject(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new PlumError(`${file}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

function readAudit(file: string): AuditSummary {
  const parsed = AuditSummary.safeParse(readJsonObject(file));
  if (!parsed.success) throw new PlumError(`${file}: not an audit summary (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); rerun \`plum audit\``);
  return parsed.data;
}

/** Load a run directory's records for one round. Throws a PlumError if `runDir` does not exist. */
export async function loadRunData(runDir: string, options: LoadRunDataOptions = {}): Promise<RunData> {
  if (!existsSync(runDir)) throw new PlumError(`run directory not found: ${runDir}`);
  const paths = runPaths(runDir);
  const round = options.round ?? listRounds(runDir).at(-1) ?? 0;
  const r = paths.round(round);
  const executions = newExecutionDigest(options.keepSlowest ?? 15);
  if (existsSync(r.executions)) for await (const { value } of readJsonl(r.executions, Execution)) addExecution(executions, value);
  return {
    runDir: paths.dir,
    round,
    problems: await collect(paths.problems, Problem, (p) => ({ id: p.id, source: p.source, difficulty: p.difficulty, tags: p.tags })),
    skips: [
      ...(await collect(paths.problemSkips, ProblemSkip, (s) => s)),
      ...(await collect(paths.testSkips, ProblemSkip, (s) => s)),
      ...(await collect(r.sampleSkips, ProblemSkip, (s) => s)),
    ],
    tests: await collect(paths.tests, TestCase, (t) => ({ id: t.id, problemId: t.problemId, generator: t.provenance.generator })),
    decisions: await collect(paths.filter, FilterDecision, (d) => d),
    samples: await collect(r.samples, Sample, (s) => ({ id: s.id, problemId: s.problemId, generator: s.provenance.generator, mutation: s.provenance.mutation })),
    executions,
    labels: await collect(r.labels, Label, (l) => l),
    dpo: await collect(r.dpo, DpoPair, (p) => ({ problemId: p.problemId, strategy: p.strategy })),
    kto: await collect(r.kto, KtoExample, (k) => ({ problemId: k.problemId, label: k.label })),
    mutationScores: await collect(r.mutationScores, MutationScore, (m): MutationScoreLike => ({ problemId: m.problemId, score: m.score })),
    stats: readJsonObject(r.stats),
    runState: readJsonObject(paths.runState),
    ...(existsSync(r.auditSummary) ? { audit: readAudit(r.auditSummary) } : {}),
  };
}
