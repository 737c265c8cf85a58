/**
 * Everything plotted about one run: the `RunData` a report or notebook loads (slim projections of
 * each stage's records, see src/report/run-data.ts) and `buildRunFigures`, which turns it into the
 * list of figures in report order. Pure; figures for stages that have not run come out empty.
 */
import type { AuditSummary, FilterDecision, Label, ProblemSkip } from '../records.js';
import type { ExecutionDigest } from './execution-digest.js';
import { errorTypesChart, slowestTestsChart, verdictKindsChart } from './execution-charts.js';
import type { Figure } from './figure.js';
import { keptTestsPerProblemChart, testSurvivalChart } from './filter-charts.js';
import { failureKindsChart, labelCountsChart, passRateHistogram } from './label-charts.js';
import { mutationScoreHistogram, type MutationScoreLike } from './mutation-charts.js';
import { ktoBalanceChart, pairsPerProblemChart } from './pair-charts.js';

/** The data of one run and round, as loaded for plots and summary tables. */
export interface RunData {
  /** The run directory. */
  runDir: string;
  /** The round whose samples/labels/pairs are shown. */
  round: number;
  problems: { id: string; source: string; difficulty?: string; tags: string[] }[];
  skips: ProblemSkip[];
  tests: { id: string; problemId: string; generator: string }[];
  decisions: FilterDecision[];
  samples: { id: string; problemId: string; generator: string; mutation?: string }[];
  executions: ExecutionDigest;
  labels: Label[];
  dpo: { problemId: string; strategy: string }[];
  kto: { problemId: string; label: boolean }[];
  mutationScores: MutationScoreLike[];
  /** round-K/stats.json, when present. */
  stats?: Record<string, unknown>;
  /** run.json (stage bookkeeping), when present. */
  runState?: Record<string, unknown>;
  /** round-K/audit.json (`plum audit`), when present; the report shows it as its own section. */
  audit?: AuditSummary;
}

/** The figures of a run, in report order. */
export function buildRunFigures(data: RunData): Figure[] {
  return [
    testSurvivalChart(data.decisions),
    keptTestsPerProblemChart(data.decisions),
    mutationScoreHistogram(data.mutationScores),
    verdictKindsChart(data.executions),
    errorTypesChart(data.executions),
    slowestTestsChart(data.executions),
    labelCountsChart(data.labels),
    passRateHistogram(data.labels),
    failureKindsChart(data.labels),
    pairsPerProblemChart(data.dpo, new Set(data.labels.map((l) => l.problemId))),
    ktoBalanceChart(data.kto),
  ];
}
