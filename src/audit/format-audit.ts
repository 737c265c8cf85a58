/**
 * The plain-text tables `plum audit` prints: plum's labels beside the baseline (base tests only),
 * the confusion matrices, the sample sources, and what was not judged. Pure.
 */
import type { AuditGroup, AuditSummary, LabelQuality } from '../records.js';
import { formatTable } from '../stats/format-stats.js';

/** A rate as a percentage, "-" when undefined. */
export function formatRate(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(1)}%`;
}

function qualityRow(name: string, q: LabelQuality): (string | number)[] {
  return [name, q.chosenCorrect + q.chosenWrong, q.chosenWrong, formatRate(q.chosenPrecision), q.rejectedCorrect + q.rejectedWrong, q.rejectedCorrect, formatRate(q.rejectedPrecision), formatRate(q.recall)];
}

const HEADER = ['labeller', 'chosen', 'wrong', 'P(correct|chosen)', 'rejected', 'correct', 'P(wrong|rejected)', 'recall'];

function sourceRow(g: AuditGroup): (string | number)[] {
  return [g.key, g.samples, g.correct, g.excluded, ...qualityRow('', g.plum).slice(1)];
}

/** The lines printed after an audit. */
export function formatAuditSummary(summary: AuditSummary): string {
  const s = summary;
  const parts = [
    `label audit of round ${s.round} against ${s.oracle}${s.datasetFile ? ` (${s.datasetFile})` : ''}`,
    `samples ${s.samples}: judged ${s.judged} (${s.correct} correct, ${s.wrong} wrong), excluded by plum ${s.excluded.samples} (${s.excluded.correct} of them correct)`,
  ];
  if (s.notJudged.samples > 0) {
    const reasons = Object.entries(s.notJudged.reasons).map(([r, n]) => `${n} ${r}`).join(', ');
    parts.push(`NOT JUDGED: ${s.notJudged.samples} samples of ${s.notJudged.problems.length}${s.notJudged.problems.length >= 50 ? '+' : ''} problems (${reasons}), e.g. ${s.notJudged.problems.slice(0, 3).join(', ')}`);
  }
  parts.push('', formatTable(HEADER, [qualityRow('plum (kept tests)', s.plum), qualityRow('base tests only', s.baseline)]));
  if (s.perSource.length > 1 || s.perSource[0]?.key) {
    parts.push('', 'plum labels per sample source:', formatTable(['source', 'samples', 'correct', 'excluded', 'chosen', 'wrong', 'P(correct|chosen)', 'rejected', 'correct', 'P(wrong|rejected)', 'recall'], s.perSource.map(sourceRow)));
  }
  const falseChosen = s.perProblem.filter((g) => g.plum.chosenWrong > 0).sort((a, b) => b.plum.chosenWrong - a.plum.chosenWrong);
  if (falseChosen.length) parts.push('', `false chosen in ${falseChosen.length} problems, most: ${falseChosen.slice(0, 8).map((g) => `${g.key} (${g.plum.chosenWrong})`).join(', ')}`);
  parts.push(`problems with zero kept tests: ${s.zeroKeptTests.problems} (${s.zeroKeptTests.audited} with samples here)`);
  return parts.join('\n');
}
