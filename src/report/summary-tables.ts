/**
 * The summary tables of a run report: stage counts, filter drop reasons, skips, failure kinds,
 * slowest tests, run stages, and one row per problem. Pure functions of `RunData`.
 */
import type { RunData } from '../viz/run-figures.js';
import { tallyHeuristics } from '../viz/filter-charts.js';
import { passRatesByProblem } from '../viz/label-charts.js';
import { mutationScoreOf } from '../viz/mutation-charts.js';
import type { Table, TableCell } from '../viz/table.js';
import { countBy, sortedCounts } from '../viz/figure.js';

/** Counts at every stage, one row per quantity. */
export function stageCountsTable(data: RunData): Table {
  const labels = countBy(data.labels, (l) => l.label);
  const kept = data.decisions.filter((d) => d.kept).length;
  const rows: TableCell[][] = [
    ['problems', data.problems.length],
    ['problems skipped (any stage)', new Set(data.skips.map((s) => s.problemId)).size],
    ['tests generated', data.tests.length],
    ['tests kept by the filter', kept],
    ['samples', data.samples.length],
    ['executions', data.executions.executions],
    ['  of which from cache', data.executions.cached],
    ['chosen samples', labels.get('chosen') ?? 0],
    ['rejected samples', labels.get('rejected') ?? 0],
    ['excluded samples', labels.get('excluded') ?? 0],
    ['DPO pairs', data.dpo.length],
    ['KTO desirable', data.kto.filter((k) => k.label).length],
    ['KTO undesirable', data.kto.filter((k) => !k.label).length],
  ];
  return { key: 'stage-counts', title: `Run summary (round ${data.round})`, columns: ['quantity', 'count'], rows };
}

/** Drops per heuristic and reason. */
export function filterReasonsTable(data: RunData): Table {
  const rows: TableCell[][] = [];
  for (const t of tallyHeuristics(data.decisions)) {
    for (const [reason, n] of sortedCounts(t.reasons)) rows.push([t.heuristic, reason, n]);
    if (t.reasons.size === 0) rows.push([t.heuristic, '(dropped nothing)', 0]);
  }
  return { key: 'filter-reasons', title: 'Tests dropped, per heuristic and reason', columns: ['heuristic', 'reason', 'tests'], rows };
}

/** Skipped problems per stage and reason. */
export function skipsTable(data: RunData): Table {
  const counts = sortedCounts(countBy(data.skips, (s) => `${s.stage}\u0000${s.reason}`));
  return {
    key: 'skips',
    title: 'Skipped problems, per stage and reason',
    columns: ['stage', 'reason', 'problems'],
    rows: counts.map(([k, n]) => [...k.split('\u0000'), n]),
  };
}

/** Failure kinds and exception types of rejected samples. */
export function failureTable(data: RunData): Table {
  const rejected = data.labels.filter((l) => l.label === 'rejected');
  const counts = sortedCounts(countBy(rejected, (l) => `${l.failureKind}\u0000${l.errorType ?? ''}`));
  return {
    key: 'failures',
    title: 'Rejected samples by failure kind and exception type',
    columns: ['failure kind', 'exception type', 'samples'],
    rows: counts.map(([k, n]) => [...k.split('\u0000'), n]),
  };
}

/** The slowest test outcomes. */
export function slowestTestsTable(data: RunData): Table {
  return {
    key: 'slowest-tests',
    title: 'Slowest tests',
    columns: ['problem', 'sample', 'test', 'verdict', 'ms'],
    rows: data.executions.slowest.map((s) => [s.problemId, s.sampleId, s.testId, s.verdict, Math.round(s.durationMs * 10) / 10]),
  };
}

/** Stage bookkeeping from run.json: status and duration of each stage. */
export function runStagesTable(data: RunData): Table {
  const stages = (data.runState?.stages ?? {}) as Record<string, { status?: string; durationMs?: number; counts?: unknown }>;
  return {
    key: 'run-stages',
    title: 'Stages (run.json)',
    columns: ['stage', 'status', 'seconds', 'counts'],
    rows: Object.entries(stages).map(([name, s]) => [name, s.status ?? '', typeof s.durationMs === 'number' ? Math.round(s.durationMs / 100) / 10 : null, s.counts ? JSON.stringify(s.counts) : '']),
  };
}

/** One row per problem: kept tests, samples, labels, pass rate, pairs, mutation score. */
export function perProblemTable(data: RunData, maxRows = 500): Table {
  const kept = countBy(data.decisions.filter((d) => d.kept), (d) => d.problemId);
  const generated = countBy(data.tests, (t) => t.problemId);
  const chosen = countBy(data.labels.filter((l) => l.label === 'chosen'), (l) => l.problemId);
  const rejected = countBy(data.labels.filter((l) => l.label === 'rejected'), (l) => l.problemId);
  const pairs = countBy(data.dpo, (p) => p.problemId);
  const rates = passRatesByProblem(data.labels);
  const scores = new Map(data.mutationScores.map((m) => [m.problemId, mutationScoreOf(m)]));
  const rows = data.problems.slice(0, maxRows).map((p): TableCell[] => [
    p.id,
    p.difficulty ?? '',
    generated.get(p.id) ?? 0,
    kept.get(p.id) ?? 0,
    chosen.get(p.id) ?? 0,
    rejected.get(p.id) ?? 0,
    rates.has(p.id) ? Math.round(rates.get(p.id)! * 1000) / 1000 : null,
    pairs.get(p.id) ?? 0,
    scores.get(p.id) ?? null,
  ]);
  return {
    key: 'per-problem',
    title: 'Per problem',
    columns: ['problem', 'difficulty', 'tests', 'kept', 'chosen', 'rejected', 'pass rate', 'pairs', 'mutation score'],
    rows,
    caption: data.problems.length > maxRows ? `showing ${maxRows} of ${data.problems.length} problems` : undefined,
  };
}

/** Every summary table of the report, in order. */
export function buildSummaryTables(data: RunData): Table[] {
  return [stageCountsTable(data), runStagesTable(data), skipsTable(data), filterReasonsTable(data), failureTable(data), slowestTestsTable(data), perProblemTable(data)];
}
