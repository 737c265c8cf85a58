// The slow one: all 164 canonical HumanEval+ solutions (v0.1.10, ../shared/data; skipped when
// absent) pass their base and plus inputs, expected outputs computed from scratch (~125k calls).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';

import { describeWithData, sharedData } from '../support/shared-data.js';

const data = sharedData;

describeWithData('HumanEval+ on ../shared/data', ['humanevalplus'], () => {
  it('passes all 164 canonical solutions on base and plus inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-humanevalplus-'));
    const rows = gunzipSync(readFileSync(join(data, 'humanevalplus', 'HumanEvalPlus.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    const samples = join(dir, 'canonical.jsonl');
    writeFileSync(samples, rows.map((r) => JSON.stringify({ task_id: r.task_id, completion: r.canonical_solution })).join('\n') + '\n');
    const report = await evaluateSamples({
      dataset: 'humaneval+',
      samples,
      dataDir: data,
      cacheDir: null,
      expectedCacheDir: join(dir, 'expected'),
      progress: false,
    });
    const failed = report.results
      .filter((r) => !r.base_passed || !r.plus_passed)
      .map((r) => `${r.task_id}: base ${r.base!.verdict} plus ${r.plus!.verdict} ${JSON.stringify([...r.base!.failures, ...r.plus!.failures].slice(0, 2))}`);
    expect(failed).toEqual([]);
    expect(report.results).toHaveLength(164);
    expect(report.basePassAtK).toEqual({ 'pass@1': 1 });
    expect(report.plusPassAtK).toEqual({ 'pass@1': 1 });
    const tests = report.results.reduce((n, r) => n + r.base!.testsTotal + r.plus!.testsTotal, 0);
    expect(tests).toBe(124253);
  }, 900_000);
});
