/** summariseAudit and the audit figures (pure): confusion matrices, groups, empty cases, the printed table. */
import { describe, expect, it } from 'vitest';
import { formatAuditSummary } from '../../src/audit/format-audit.js';
import { labelQuality, summariseAudit } from '../../src/audit/summarise.js';
import { AuditSummary, type AuditRecord } from '../../src/records.js';
import { auditFigures } from '../../src/viz/audit-charts.js';

function rec(sampleId: string, problemId: string, label: AuditRecord['label'], correct: boolean | undefined, basePassed = correct, source = 'samples'): AuditRecord {
  const judged = correct !== undefined;
  return {
    sampleId, problemId, round: 1, index: 0, source, label, judged,
    ...(judged ? { correct, plusPassed: correct, basePassed, baselineLabel: basePassed ? 'chosen' : 'rejected' } : { notJudgedReason: 'not a task of the oracle dataset' }),
  } as AuditRecord;
}

const records = [
  rec('a', 'P/1', 'chosen', true),
  rec('b', 'P/1', 'chosen', false, true, 'mutation-sampler:mutant'),
  rec('c', 'P/1', 'rejected', false, false, 'mutation-sampler:mutant'),
  rec('d', 'P/2', 'rejected', true),
  rec('e', 'P/2', 'excluded', false, false),
  rec('f', 'X/9', 'chosen', undefined),
];

describe('summariseAudit', () => {
  const s = summariseAudit(records, { oracle: 'humaneval+', keptTestsByProblem: new Map([['P/1', 3], ['P/2', 0], ['P/3', 0]]), now: new Date(0) });

  it('scores plum and the baseline on judged chosen/rejected samples', () => {
    expect(AuditSummary.parse(s)).toEqual(s);
    expect(s).toMatchObject({ round: 1, samples: 6, judged: 5, correct: 2, wrong: 3, excluded: { samples: 1, correct: 0, wrong: 1 }, createdAt: '1970-01-01T00:00:00.000Z' });
    expect(s.plum).toEqual({ chosenCorrect: 1, chosenWrong: 1, rejectedCorrect: 1, rejectedWrong: 1, chosenPrecision: 0.5, rejectedPrecision: 0.5, recall: 0.5, accuracy: 0.5 });
    expect(s.baseline).toMatchObject({ chosenCorrect: 2, chosenWrong: 1, rejectedCorrect: 0, rejectedWrong: 1, recall: 1 });
  });

  it('groups by problem and by source, counts not-judged samples and problems with zero kept tests', () => {
    expect(s.perProblem.map((g) => [g.key, g.samples, g.keptTests, g.plum.chosenWrong])).toEqual([['P/1', 3, 3, 1], ['P/2', 2, 0, 0], ['X/9', 1, undefined, 0]]);
    expect(s.perSource.map((g) => [g.key, g.samples, g.plum.chosenWrong, g.plum.rejectedWrong])).toEqual([['samples', 4, 0, 0], ['mutation-sampler:mutant', 2, 1, 1]]);
    expect(s.notJudged).toEqual({ samples: 1, problems: ['X/9'], reasons: { 'not a task of the oracle dataset': 1 } });
    expect(s.zeroKeptTests).toEqual({ problems: 2, audited: 1, ids: ['P/2', 'P/3'] });
  });

  it('leaves undefined rates null, prints the table and draws the figures', () => {
    expect(labelQuality([], () => true)).toMatchObject({ chosenPrecision: null, rejectedPrecision: null, recall: null, accuracy: null });
    const text = formatAuditSummary(s);
    expect(text).toMatch(/plum \(kept tests\)\s+2\s+1\s+50\.0%\s+2\s+1\s+50\.0%\s+50\.0%/);
    expect(text).toContain('NOT JUDGED: 1 samples of 1 problems (1 not a task of the oracle dataset), e.g. X/9');
    expect(text).toContain('problems with zero kept tests: 2 (1 with samples here)');
    const [precision, byProblem, bySource] = auditFigures(s);
    expect(precision.data[0].x).toEqual(['P/1', 'P/2']);
    expect(byProblem.data[1].y).toEqual([1]);
    expect(bySource.data[0].x).toEqual(['mutation-sampler:mutant', 'samples']);
    expect(auditFigures(summariseAudit([])).every((f) => f.data.length === 0)).toBe(true);
  });
});

describe('sampleSource', () => {
  it('names the generator, the model of an LLM, the kind of a mutation-sampler candidate', async () => {
    const { sampleSource } = await import('../../src/audit/audit-round.js');
    expect(sampleSource({ provenance: { generator: 'samples', source: 'f.jsonl:3' } })).toBe('samples');
    expect(sampleSource({ provenance: { generator: 'llm-policy', model: 'qwen' } })).toBe('llm-policy:qwen');
    expect(sampleSource({ provenance: { generator: 'mutation-sampler', mutation: 'variant:rename-local(a -> b)' } })).toBe('mutation-sampler:variant');
    expect(sampleSource({ provenance: { generator: 'mutation-sampler', mutation: 'mutant:swap(< -> <=)@L2:3' } })).toBe('mutation-sampler:mutant');
    expect(sampleSource({ provenance: { generator: 'mutation-sampler', mutation: 'broken:truncated' } })).toBe('mutation-sampler:broken');
  });
});
