import { describe, expect, it } from 'vitest';
import { buildProblemPreferences, completionOf } from '../../src/pairs/build-preferences.js';
import { ktoLossWeights } from '../../src/pairs/kto-weights.js';
import { normaliseCode } from '../../src/pairs/normalise-code.js';
import { buildTrainingPrompt } from '../../src/pairs/prompt.js';
import { groupByProblem, indexLabels, labelExecutions, streamPreferences } from '../../src/pairs/stream.js';
import { PlumError } from '../../src/errors.js';
import { DpoPair, KtoExample } from '../../src/records.js';
import type { LabelledSample } from '../../src/pairs/types.js';
import { execution, label, pass, sample } from './fixtures.js';

const code = (n: number) => `def add(a, b):\n    return a + b + ${n}\n`;
function group(chosen: number, rejected: number, excluded = 0): LabelledSample[] {
  const out: LabelledSample[] = [];
  let i = 0;
  for (let c = 0; c < chosen; c += 1, i += 1) out.push({ sample: sample(`c${c}`, `def add(a, b):\n    return a + b  # v${c}\n    x = ${c}\n`, i), label: label(`c${c}`, 'chosen') });
  for (let r = 0; r < rejected; r += 1, i += 1) out.push({ sample: sample(`r${r}`, code(r + 1), i), label: label(`r${r}`, 'rejected') });
  for (let e = 0; e < excluded; e += 1, i += 1) out.push({ sample: sample(`e${e}`, 'def add(a, b) return', i), label: label(`e${e}`, 'excluded') });
  return out;
}

describe('normaliseCode', () => {
  it('ignores comments, blank lines, trailing and inner spacing, but not strings or indentation', () => {
    expect(normaliseCode('def f(x):\n\n    return x+1   # add one\n')).toBe(normaliseCode('def f(x):\n    return x+1'));
    expect(normaliseCode('x  =  1')).toBe(normaliseCode('x = 1'));
    expect(normaliseCode("s = 'a  # b'")).toBe("s = 'a  # b'");
    expect(normaliseCode('if x:\n    y\nz')).not.toBe(normaliseCode('if x:\n    y\n    z'));
    expect(normaliseCode('d = """\n  keep  # this\n"""\nx = 1  # drop')).toBe('d = """\n  keep  # this\n"""\nx = 1');
  });
});

describe('buildProblemPreferences', () => {
  it("'all' pairs every chosen with every rejected, capped, each chosen before any twice", () => {
    const data = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(2, 3, 1) }, { maxPairsPerProblem: 100 });
    expect(data.dpo).toHaveLength(6);
    for (const p of data.dpo) expect(DpoPair.parse(p)).toEqual(p);
    expect(new Set(data.dpo.map((p) => `${p.chosenSampleId}/${p.rejectedSampleId}`)).size).toBe(6);
    const capped = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(2, 3) }, { maxPairsPerProblem: 3 });
    expect(capped.dpo.map((p) => p.chosenSampleId)).toEqual(['c0', 'c1', 'c0']);
    expect(new Set(capped.dpo.map((p) => p.rejectedSampleId)).size).toBe(3);
    expect(data.summary).toMatchObject({ outcome: 'mixed', chosen: 2, rejected: 3, excluded: 1, pairs: 6, ktoDesirable: 2, ktoUndesirable: 3 });
  });

  it("'random-k' takes k seeded pairs, the same for the same seed", () => {
    const a = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(4, 4) }, { strategy: 'random-k', k: 5, seed: 7 });
    const b = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(4, 4) }, { strategy: 'random-k', k: 5, seed: 7 });
    const c = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(4, 4) }, { strategy: 'random-k', k: 5, seed: 8 });
    expect(a.dpo).toHaveLength(5);
    expect(a.dpo).toEqual(b.dpo);
    expect(c.dpo.map((p) => p.id)).not.toEqual(a.dpo.map((p) => p.id));
  });

  it("'one-per-chosen' pairs each chosen with one rejected", () => {
    const d = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(3, 5) }, { strategy: 'one-per-chosen' });
    expect(d.dpo.map((p) => p.chosenSampleId)).toEqual(['c0', 'c1', 'c2']);
    expect(new Set(d.dpo.map((p) => p.rejectedSampleId)).size).toBe(3);
    expect(d.dpo[0].strategy).toBe('one-per-chosen');
  });

  it('drops duplicate code and never pairs code labelled both ways', () => {
    const samples: LabelledSample[] = [
      { sample: sample('a', 'def f():\n    return 1\n', 0), label: label('a', 'chosen') },
      { sample: sample('b', 'def f():\n    return 1  # same\n', 1), label: label('b', 'chosen') },
      { sample: sample('c', 'def f():\n    return 2\n', 2), label: label('c', 'rejected') },
      { sample: sample('d', 'def f():\n    return 3\n', 3), label: label('d', 'chosen') },
      { sample: sample('e', 'def f():\n    return 3\n', 4), label: label('e', 'rejected') },
    ];
    const d = buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples });
    expect(d.summary).toMatchObject({ duplicates: 1, conflicts: 1, pairs: 1 });
    expect(d.dpo.map((p) => [p.chosenSampleId, p.rejectedSampleId])).toEqual([['a', 'c']]);
    expect(d.kto.map((k) => k.sampleId).sort()).toEqual(['a', 'c']);
  });

  it('counts all-pass and all-fail problems, which yield no pairs but still KTO examples', () => {
    const allPass = buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: group(3, 0) });
    expect(allPass.summary).toMatchObject({ outcome: 'all-pass', pairs: 0, ktoDesirable: 3 });
    const allFail = buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: group(0, 2, 1) });
    expect(allFail.summary).toMatchObject({ outcome: 'all-fail', pairs: 0, ktoUndesirable: 2 });
    expect(buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: group(0, 2) }, { ktoOnlyMixed: true }).kto).toEqual([]);
    expect(buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: group(0, 0, 2) }).summary.outcome).toBe('none-labelled');
  });

  it('KTO examples carry the prompt, the completion and a boolean label', () => {
    const d = buildProblemPreferences({ problemId: 'p1', prompt: 'Add.', samples: group(1, 1) });
    for (const k of d.kto) expect(KtoExample.parse(k)).toEqual(k);
    expect(d.kto.map((k) => k.label)).toEqual([true, false]);
    expect(d.kto[0].prompt).toBe('Add.');
  });

  it('trains on the raw model text when present, else fenced code', () => {
    expect(completionOf(sample('s', 'x = 1', 0, 'p1', 'Here:\n```python\nx = 1\n```'), 'auto')).toBe('Here:\n```python\nx = 1\n```');
    expect(completionOf(sample('s', 'x = 1\n'), 'auto')).toBe('```python\nx = 1\n```');
    expect(completionOf(sample('s', 'x = 1'), 'code')).toBe('x = 1');
  });
});

describe('prompt and KTO weights', () => {
  it('adds the signature hint only when the instruction lacks it', () => {
    expect(buildTrainingPrompt({ instruction: 'Add two numbers.', signature: 'def add(a, b):' })).toContain('```python\ndef add(a, b):\n```');
    expect(buildTrainingPrompt({ instruction: 'Write def add(a, b): adding.', signature: 'def add(a, b):' })).toBe('Write def add(a, b): adding.');
    expect(buildTrainingPrompt({ instruction: 'Add.', signature: 'def add(a, b):' }, { signatureHint: false })).toBe('Add.');
  });

  it("balances classes within TRL's 1 to 4/3 guidance", () => {
    for (const [d, u] of [[100, 300], [300, 100], [7, 3], [3, 7], [1, 1000], [50, 50]]) {
      const w = ktoLossWeights(d, u);
      expect(w.withinGuidance).toBe(true);
      expect(Math.min(w.desirableWeight, w.undesirableWeight)).toBe(1);
    }
    expect(ktoLossWeights(100, 300)).toMatchObject({ desirableWeight: 3, undesirableWeight: 1, ratio: 1 });
    expect(ktoLossWeights(0, 5)).toMatchObject({ desirableWeight: 1, undesirableWeight: 1, withinGuidance: false });
  });
});

describe('streaming', () => {
  it('groups contiguous records, and refuses a problem seen again', async () => {
    const groups = [];
    for await (const g of groupByProblem(['a', 'a', 'b'], (x) => x)) groups.push(g);
    expect(groups).toEqual([{ problemId: 'a', items: ['a', 'a'] }, { problemId: 'b', items: ['b'] }]);
    await expect(async () => {
      for await (const _ of groupByProblem(['a', 'b', 'a'], (x) => x));
    }).rejects.toThrow(PlumError);
  });

  it('groups records in any order given expected counts', async () => {
    const groups = [];
    for await (const g of groupByProblem(['a', 'b', 'a', 'c', 'b'], (x) => x, { expectedCounts: new Map([['a', 2], ['b', 2], ['c', 1]]) })) groups.push(g.problemId);
    expect(groups).toEqual(['a', 'c', 'b']);
  });

  it('labels executions, then joins samples and labels in any order into pairs', async () => {
    const executions = [execution('s1', [pass('t1')], undefined, 'p1'), execution('s2', [{ testId: 't1', verdict: 'fail', durationMs: 1 }], undefined, 'p1'), execution('s3', [pass('t1')], undefined, 'p2')];
    const labels = [];
    for await (const l of labelExecutions(executions, () => ({ keptTestIds: ['t1'] }))) labels.push(l);
    expect(labels.map((l) => l.label)).toEqual(['chosen', 'rejected', 'chosen']);
    const index = await indexLabels(labels);
    const samples = [sample('s3', 'a = 3', 0, 'p2'), sample('s2', 'a = 2', 1, 'p1'), sample('s9', 'a = 9', 2, 'p1'), sample('s1', 'a = 1', 0, 'p1')];
    const counters = { unlabelled: 0 };
    const out = [];
    for await (const d of streamPreferences(samples, index, (id) => `prompt ${id}`, {}, counters)) out.push(d);
    expect(out.map((d) => [d.problemId, d.summary.outcome, d.dpo.length])).toEqual([['p2', 'all-pass', 0], ['p1', 'mixed', 1]]);
    expect(out[1].dpo[0]).toMatchObject({ chosenSampleId: 's1', rejectedSampleId: 's2', prompt: 'prompt p1' });
    expect(counters.unlabelled).toBe(1);
  });
});

describe("'all' covers every pair exactly once", () => {
  it.each([[2, 3], [4, 6], [3, 3], [1, 5], [6, 4]])('%i chosen x %i rejected', (c, r) => {
    const d = buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: group(c, r) }, { maxPairsPerProblem: 1000 });
    expect(new Set(d.dpo.map((p) => `${p.chosenSampleId}/${p.rejectedSampleId}`)).size).toBe(c * r);
  });
});
