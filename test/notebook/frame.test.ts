/** Records as polars DataFrames (flattening, explode, typed columns) and the line diff. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonlAtomic } from '../../src/io/jsonl.js';
import { Execution } from '../../src/records.js';
import { flattenRecord, frameHtml, loadFrame, recordsToFrame } from '../../src/notebook/frame.js';
import { diffHtml, diffLines } from '../../src/notebook/diff.js';
import pl from 'nodejs-polars';

describe('recordsToFrame', () => {
  it('flattens nested objects to dotted columns and arrays to JSON text', () => {
    expect(flattenRecord({ a: 1, p: { g: 'x', h: { k: 2 } }, l: [1, 2] })).toEqual({ a: 1, 'p.g': 'x', 'p.h.k': 2, l: '[1,2]' });
  });
  it('types columns explicitly and keeps nulls', () => {
    const df = recordsToFrame([{ n: 1, f: 0.5, b: true, s: 'x' }, { n: null, f: 2, s: 3 }]);
    expect(df.columns).toEqual(['n', 'f', 'b', 's']);
    expect(df.dtypes.map(String)).toEqual(['DataType(Int64)', 'DataType(Float64)', 'DataType(Bool)', 'DataType(String)']);
    expect(df.getColumn('s').toArray()).toEqual(['x', '3']);
    expect(df.getColumn('b').toArray()).toEqual([true, null]);
  });
  it('explodes an array field into one row per element', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plum-frame-')), 'executions.jsonl');
    const exec = (sampleId: string, verdicts: string[]) =>
      Execution.parse({ sampleId, problemId: 'p', round: 0, verdict: verdicts.includes('fail') ? 'fail' : 'pass', durationMs: 3, tests: verdicts.map((v, i) => ({ testId: `t${i}`, verdict: v, durationMs: 1 })) });
    await writeJsonlAtomic(file, [exec('s1', ['pass', 'fail']), exec('s2', ['pass'])]);
    const df = await loadFrame(file, { schema: Execution, explode: 'tests' });
    expect(df.height).toBe(3);
    expect(df.columns).toContain('tests.verdict');
    const byVerdict = df.groupBy('tests.verdict').agg(pl.col('sampleId').count().alias('n')).sort('tests.verdict');
    expect(byVerdict.toRecords()).toEqual([{ 'tests.verdict': 'fail', n: 1 }, { 'tests.verdict': 'pass', n: 2 }]);
    expect(frameHtml(df, { maxRows: 2 })).toContain('3 rows × ');
  });
});

describe('diffLines', () => {
  it('finds removed and added lines', () => {
    const d = diffLines('def f(x):\n    return x + 1\n', 'def f(x):\n    return x - 1\n');
    expect(d.map((l) => l.op)).toEqual(['same', 'removed', 'added', 'same']);
    expect(diffHtml('a<', 'b')).toContain('a&lt;');
  });
});
