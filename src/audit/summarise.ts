/**
 * The figures of a label audit, from its records (pure): per labeller (plum, and the baseline "the
 * benchmark's own base tests only") a confusion matrix against the oracle with chosen precision
 * P(correct | chosen), rejected precision P(wrong | rejected) and recall P(chosen | correct); the same
 * per problem and per sample source. Both labellers are scored on the same samples: judged ones that
 * plum labelled chosen or rejected (plum's excluded samples are counted apart). Does not run anything.
 */
import type { AuditGroup, AuditRecord, AuditSummary, LabelQuality } from '../records.js';
import { groupBy } from '../pipeline/stages/inputs.js';

/** What the summary needs beside the records. */
export interface SummariseAuditOptions {
  round?: number;
  oracle?: string;
  datasetFile?: string;
  /** Kept tests per problem id, for every problem of the run (problems with 0 are counted). */
  keptTestsByProblem?: ReadonlyMap<string, number>;
  /** The moment written in `createdAt` (default now). */
  now?: Date;
}

const MAX_IDS = 50;

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** A labeller's confusion matrix and rates over `records`; `chosen(r)` is the labeller's verdict. */
export function labelQuality(records: readonly AuditRecord[], chosen: (r: AuditRecord) => boolean): LabelQuality {
  let chosenCorrect = 0, chosenWrong = 0, rejectedCorrect = 0, rejectedWrong = 0;
  for (const r of records) {
    if (chosen(r)) r.correct ? chosenCorrect++ : chosenWrong++;
    else r.correct ? rejectedCorrect++ : rejectedWrong++;
  }
  return {
    chosenCorrect,
    chosenWrong,
    rejectedCorrect,
    rejectedWrong,
    chosenPrecision: ratio(chosenCorrect, chosenCorrect + chosenWrong),
    rejectedPrecision: ratio(rejectedWrong, rejectedCorrect + rejectedWrong),
    recall: ratio(chosenCorrect, chosenCorrect + rejectedCorrect),
    accuracy: ratio(chosenCorrect + rejectedWrong, records.length),
  };
}

/** Judged samples that plum labelled chosen or rejected: the samples both labellers are scored on. */
export function scoredRecords(records: readonly AuditRecord[]): AuditRecord[] {
  return records.filter((r) => r.judged && (r.label === 'chosen' || r.label === 'rejected'));
}

function groupFigures(key: string, records: readonly AuditRecord[], keptTests?: number): AuditGroup {
  const judged = records.filter((r) => r.judged);
  const scored = scoredRecords(records);
  const group: AuditGroup = {
    key,
    samples: records.length,
    correct: judged.filter((r) => r.correct).length,
    excluded: judged.filter((r) => r.label === 'excluded').length,
    plum: labelQuality(scored, (r) => r.label === 'chosen'),
    baseline: labelQuality(scored, (r) => r.baselineLabel === 'chosen'),
  };
  if (keptTests !== undefined) group.keptTests = keptTests;
  return group;
}

/** The audit.json summary of a round's audit records. */
export function summariseAudit(records: readonly AuditRecord[], options: SummariseAuditOptions = {}): AuditSummary {
  const judged = records.filter((r) => r.judged);
  const notJudged = records.filter((r) => !r.judged);
  const scored = scoredRecords(records);
  const excluded = judged.filter((r) => r.label === 'excluded');
  const reasons: Record<string, number> = {};
  for (const r of notJudged) reasons[r.notJudgedReason ?? 'unknown'] = (reasons[r.notJudgedReason ?? 'unknown'] ?? 0) + 1;
  const kept = options.keptTestsByProblem;
  const zeroKept = kept ? [...kept].filter(([, n]) => n === 0).map(([id]) => id) : [];
  const auditedProblems = new Set(records.map((r) => r.problemId));
  const summary: AuditSummary = {
    createdAt: (options.now ?? new Date()).toISOString(),
    round: options.round ?? records[0]?.round ?? 0,
    oracle: options.oracle ?? '',
    samples: records.length,
    judged: judged.length,
    notJudged: { samples: notJudged.length, problems: [...new Set(notJudged.map((r) => r.problemId))].slice(0, MAX_IDS), reasons },
    correct: judged.filter((r) => r.correct).length,
    wrong: judged.filter((r) => !r.correct).length,
    excluded: { samples: excluded.length, correct: excluded.filter((r) => r.correct).length, wrong: excluded.filter((r) => !r.correct).length },
    plum: labelQuality(scored, (r) => r.label === 'chosen'),
    baseline: labelQuality(scored, (r) => r.baselineLabel === 'chosen'),
    perProblem: [...groupBy(records, (r) => r.problemId)].map(([id, rs]) => groupFigures(id, rs, kept?.get(id))),
    perSource: [...groupBy(records, (r) => r.source)].map(([source, rs]) => groupFigures(source, rs)),
    zeroKeptTests: { problems: zeroKept.length, audited: zeroKept.filter((id) => auditedProblems.has(id)).length, ids: zeroKept.slice(0, MAX_IDS) },
  };
  if (options.datasetFile) summary.datasetFile = options.datasetFile;
  return summary;
}
