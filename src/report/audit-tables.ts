/**
 * The "Label audit" tables of a run report, shown when the round has round-K/audit.json (`plum
 * audit`): plum's labels beside the base-tests-only baseline, and per sample source. Pure.
 */
import type { AuditGroup, AuditSummary, LabelQuality } from '../records.js';
import type { Table, TableCell } from '../viz/table.js';

const pct = (x: number | null): TableCell => (x === null ? null : Math.round(1000 * x) / 10);

function qualityCells(q: LabelQuality): TableCell[] {
  return [q.chosenCorrect + q.chosenWrong, q.chosenWrong, pct(q.chosenPrecision), q.rejectedCorrect + q.rejectedWrong, q.rejectedCorrect, pct(q.rejectedPrecision), pct(q.recall)];
}

const QUALITY_COLUMNS = ['chosen', 'false chosen', 'P(correct|chosen) %', 'rejected', 'false rejected', 'P(wrong|rejected) %', 'recall %'];

/** The label audit's tables: labellers compared, then sample sources. */
export function auditTables(audit: AuditSummary): Table[] {
  const notes = [
    `${audit.samples} samples, ${audit.judged} judged by ${audit.oracle} (${audit.correct} correct)`,
    audit.notJudged.samples ? `${audit.notJudged.samples} not judged (problem not in ${audit.oracle})` : '',
    `${audit.excluded.samples} excluded by plum, left out`,
    `${audit.zeroKeptTests.problems} problems with zero kept tests`,
  ].filter(Boolean);
  return [
    {
      key: 'label-audit',
      title: `Label audit against ${audit.oracle} (round ${audit.round})`,
      columns: ['labeller', ...QUALITY_COLUMNS],
      rows: [['plum (kept tests)', ...qualityCells(audit.plum)], ['base tests only', ...qualityCells(audit.baseline)]],
      caption: notes.join('; '),
    },
    {
      key: 'label-audit-sources',
      title: 'Label audit per sample source (plum\'s labels)',
      columns: ['source', 'samples', 'correct', ...QUALITY_COLUMNS],
      rows: audit.perSource.map((g: AuditGroup) => [g.key, g.samples, g.correct, ...qualityCells(g.plum)]),
    },
  ];
}
