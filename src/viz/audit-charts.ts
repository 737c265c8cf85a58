/**
 * Figures of a label audit (round-K/audit.json, `plum audit`): chosen precision per problem for plum
 * and for the base-tests-only baseline, and where the false *chosen* come from, by problem and by
 * sample source. Pure functions of an AuditSummary; an audit without chosen samples gives empty figures.
 */
import type { AuditSummary } from '../records.js';
import { baseLayout, plotColors, type Figure } from './figure.js';

/** Chosen precision P(correct | chosen) per problem (problems with a chosen sample), lowest first. */
export function auditPrecisionByProblemChart(summary: AuditSummary, limit = 60): Figure {
  const rows = summary.perProblem
    .filter((g) => g.plum.chosenPrecision !== null || g.baseline.chosenPrecision !== null)
    .sort((a, b) => (a.plum.chosenPrecision ?? 1) - (b.plum.chosenPrecision ?? 1) || (a.baseline.chosenPrecision ?? 1) - (b.baseline.chosenPrecision ?? 1) || a.key.localeCompare(b.key))
    .slice(0, limit);
  const title = 'Chosen precision per problem (lowest first)';
  const x = rows.map((g) => g.key);
  return {
    key: 'audit-precision-per-problem',
    title,
    data: rows.length
      ? [
          { type: 'bar', name: 'plum', x, y: rows.map((g) => g.plum.chosenPrecision), marker: { color: plotColors.accent } },
          { type: 'bar', name: 'base tests only', x, y: rows.map((g) => g.baseline.chosenPrecision), marker: { color: plotColors.neutral } },
        ]
      : [],
    layout: baseLayout(title, 'problem', 'P(correct | chosen)', { barmode: 'group', showlegend: true, xaxis: { type: 'category', automargin: true }, yaxis: { range: [0, 1.05], title: { text: 'P(correct | chosen)' } } }),
    note: 'A bar below 1 means wrong code was labelled chosen there; the grey bar is what the benchmark\'s own tests alone would give.',
  };
}

/** Chosen samples per problem split into correct and wrong (problems with a false chosen), most wrong first. */
export function falseChosenByProblemChart(summary: AuditSummary, limit = 40): Figure {
  const rows = summary.perProblem.filter((g) => g.plum.chosenWrong > 0).sort((a, b) => b.plum.chosenWrong - a.plum.chosenWrong || a.key.localeCompare(b.key)).slice(0, limit);
  return stackedChosen('audit-false-chosen-per-problem', 'False chosen per problem', 'problem', rows.map((g) => [g.key, g.plum.chosenCorrect, g.plum.chosenWrong]));
}

/** Chosen samples per sample source (generator; mutant / variant for the mutation sampler), correct and wrong. */
export function falseChosenBySourceChart(summary: AuditSummary): Figure {
  const rows = summary.perSource.filter((g) => g.plum.chosenCorrect + g.plum.chosenWrong > 0).sort((a, b) => b.plum.chosenWrong - a.plum.chosenWrong || a.key.localeCompare(b.key));
  return stackedChosen('audit-false-chosen-per-source', 'Chosen samples per sample source', 'sample source', rows.map((g) => [g.key, g.plum.chosenCorrect, g.plum.chosenWrong]));
}

function stackedChosen(key: string, title: string, xTitle: string, rows: [string, number, number][]): Figure {
  const x = rows.map((r) => r[0]);
  return {
    key,
    title,
    data: rows.length
      ? [
          { type: 'bar', name: 'chosen, correct', x, y: rows.map((r) => r[1]), marker: { color: plotColors.good } },
          { type: 'bar', name: 'chosen, wrong (false chosen)', x, y: rows.map((r) => r[2]), marker: { color: plotColors.bad } },
        ]
      : [],
    layout: baseLayout(title, xTitle, 'chosen samples', { barmode: 'stack', showlegend: true, xaxis: { type: 'category', automargin: true, title: { text: xTitle } } }),
    note: 'Red: samples plum labelled chosen that the oracle (HumanEval+ / MBPP+) fails.',
  };
}

/** Every figure of an audit, in report order. */
export function auditFigures(summary: AuditSummary): Figure[] {
  return [auditPrecisionByProblemChart(summary), falseChosenByProblemChart(summary), falseChosenBySourceChart(summary)];
}
