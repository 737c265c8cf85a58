// `plum eval --evalplus-json` read back as EvalPlus reads eval_results.json: by real Python
// (test/support/evalplus_reader.py), and when an EvalPlus checkout is present (BASELINE_EVALPLUS, or
// /work/meas/evalplus) by EvalPlus's own evaluate() loading the file; the summary beside --out, --k,
// failures with input and expected output, --base-only, and MBPP's integer ids on the real MBPP+.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSamples, type EvaluationReport } from '../../src/eval/evaluate.js';
import { summaryPathFor } from '../../src/eval/summary.js';
import { createEngine } from '../../src/execution/engine.js';
import { resolvePython } from '../../src/execution/python.js';
import type { Engine } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { EvalSummary } from '../../src/records.js';
import { dataPath, describeWithData } from '../support/shared-data.js';

const root = packageRoot();
const fixture = join(root, 'test', 'fixtures', 'eval', 'mini-humanevalplus.jsonl');
const reader = join(root, 'test', 'support', 'evalplus_reader.py');
const evalPlusDir = [process.env.BASELINE_EVALPLUS, '/work/meas/evalplus'].find((d) => d && existsSync(join(d, 'evalplus', 'evaluate.py')));
if (!evalPlusDir) process.stderr.write('SKIPPED (no EvalPlus checkout): EvalPlus\'s own evaluate() reading --evalplus-json; set BASELINE_EVALPLUS to a folder holding its evalplus package\n');

interface ReaderOutput {
  mode: string;
  tasks: number;
  samples: number;
  statuses: string[];
  pass_at_k: Record<string, Record<string, number>>;
  printed: string[] | null;
  date: string;
  hash: string;
  file_pass_at_k: Record<string, Record<string, number>>;
  fail_tests: Record<string, [unknown[], unknown[]][]>;
}

function readBack(file: string, dataset: 'humaneval' | 'mbpp', withEvalPlus: boolean): Promise<ReaderOutput> {
  const args = [reader, file, dataset, ...(withEvalPlus && evalPlusDir ? [evalPlusDir] : [])];
  return new Promise((resolve, reject) => {
    execFile(resolvePython(), args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`evalplus_reader.py failed: ${stderr.slice(-3000)}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/** The pass@k lines EvalPlus's evaluate() prints ("pass@1:\t0.500"), by section. */
function printedPassAtK(printed: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section = '';
  for (const line of printed) {
    if (line.includes('(base tests)')) section = 'base';
    else if (line.includes('(base + extra tests)')) section = 'plus';
    else (out[section] ??= {})[line.split(':')[0]] = line.split('\t')[1];
  }
  return out;
}

const SAMPLES = [
  { task_id: 'Mini/0', solution: 'def count_up(n):\n    return list(range(n))\n' },
  { task_id: 'Mini/0', solution: 'def count_up(n):\n    return list(range(n if n < 100 else n + 1))\n' }, // fails plus only
  { task_id: 'Mini/3', solution: "def spaced(n):\n    return ' '.join(map(str, range(n + 1))) + ' '\n" }, // fails base
  { task_id: 'Mini/3', solution: 'def spaced(n)\n    return 1\n' }, // syntax error: no input ran
  { task_id: 'Mini/5', solution: 'def is_even(n):\n    while True:\n        pass\n' }, // loops
  { task_id: 'Mini/5', solution: 'def is_even(n):\n    return n % 2 == 0\n' },
];

describe('--evalplus-json on an EvalPlus-format fixture', () => {
  let engine: Engine;
  let dir: string;
  let report: EvaluationReport;
  let out: ReaderOutput;

  beforeAll(async () => {
    engine = await createEngine({ cacheDir: null, shardJobs: false });
    dir = mkdtempSync(join(tmpdir(), 'plum-evalplus-json-'));
    const samples = join(dir, 'samples.jsonl');
    writeFileSync(samples, SAMPLES.map((s) => JSON.stringify(s)).join('\n') + '\n');
    report = await evaluateSamples({
      dataset: 'humaneval+',
      samples,
      problemFile: fixture,
      engine,
      expectedCacheDir: join(dir, 'expected'),
      progress: false,
      plus: { minTimeLimitMs: 500 },
      ks: [1, 2],
      evalPlusJson: join(dir, 'eval_results.json'),
    });
    out = await readBack(join(dir, 'eval_results.json'), 'humaneval', true);
  }, 180_000);

  afterAll(async () => engine?.close());

  it('has EvalPlus\'s keys, statuses and fail tests', () => {
    expect(out.tasks).toBe(3);
    expect(out.samples).toBe(6);
    expect(out.statuses.every((s) => ['pass', 'fail', 'timeout'].includes(s))).toBe(true);
    expect(out.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(out.hash).toBe(createHash('md5').update(readFileSync(fixture)).digest('hex'));
    // first failing input, as the file holds it; [] when no input ran (syntax error)
    expect(out.fail_tests['Mini/0']).toEqual([[[], []], [[], [[3000]]]]);
    expect(out.fail_tests['Mini/3'][0][0]).toEqual([[3]]);
    expect(out.fail_tests['Mini/3'][1]).toEqual([[], []]);
    const doc = JSON.parse(readFileSync(join(dir, 'eval_results.json'), 'utf8'));
    expect(doc.eval['Mini/0'][1]).toMatchObject({ base_status: 'pass', plus_status: 'fail' });
    expect(doc.eval['Mini/3'][1]).toMatchObject({ base_status: 'fail', plus_status: 'fail' });
    expect(doc.eval['Mini/5'][0].base_status).not.toBe('pass');
  });

  it('gives the pass@k EvalPlus computes from it, and the summary and records agree', () => {
    // Mini/0: 2 base, 1 plus; Mini/3: 0, 0; Mini/5: 1, 1 (of 2 each)
    expect(out.pass_at_k.base['pass@1']).toBeCloseTo((1 + 0 + 0.5) / 3, 12);
    expect(out.pass_at_k.plus['pass@1']).toBeCloseTo((0.5 + 0 + 0.5) / 3, 12);
    expect(out.file_pass_at_k).toEqual({ base: report.basePassAtK, plus: report.plusPassAtK });
    for (const metric of ['base', 'plus']) {
      for (const k of ['pass@1']) expect(out.file_pass_at_k[metric][k]).toBeCloseTo(out.pass_at_k[metric][k], 12);
    }
    const summary = EvalSummary.parse(JSON.parse(readFileSync(summaryPathFor(report.outFile), 'utf8')));
    expect(summary.overall).toMatchObject({ tasks: 3, samples: 6 });
    expect(summary.ks).toEqual([1, 2]);
    expect(summary.overall.passAtK.base['pass@2']).toBeCloseTo((1 + 0 + 1) / 3, 12);
    expect(summary.datasetFile).toBe(fixture);
  });

  it('keeps each failing test\'s input, expected and actual output in the records', () => {
    const failing = report.results[1].plus!.failures[0];
    expect(failing).toMatchObject({ testId: 'plus/0', input: '[3000]', verdict: 'fail' });
    expect(failing.expected).toBeDefined();
    expect(failing.message).toMatch(/^got /);
  });

  it.skipIf(!evalPlusDir)('loads in EvalPlus\'s own evaluate() with the same pass@k', async () => {
    expect(out.mode).toBe('evalplus');
    const printed = printedPassAtK(out.printed!);
    for (const metric of ['base', 'plus']) {
      for (const [k, v] of Object.entries(report[metric === 'base' ? 'basePassAtK' : 'plusPassAtK']!)) {
        if (k === 'pass@1') expect(printed[metric][k]).toBe(v.toFixed(3));
      }
    }
  });
});

describeWithData('--evalplus-json on MBPP+ with MBPP integer ids', ['mbppplus/MbppPlus.jsonl.gz'], () => {
  let engine: Engine;
  let dir: string;
  const samples = [
    { task_id: 11, solution: 'def remove_Occ(s, ch):\n    i = s.find(ch)\n    if i >= 0:\n        s = s[:i] + s[i + 1:]\n    j = s.rfind(ch)\n    if j >= 0:\n        s = s[:j] + s[j + 1:]\n    return s\n' },
    { task_id: 11, solution: 'def remove_Occ(s, ch):\n    return s\n' },
    { task_id: 'Mbpp/2', solution: 'def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n' },
    { task_id: 1, solution: 'def min_cost(cost, m, n):\n    return 0\n' }, // MBPP task 1 is not in MBPP+: skipped
  ];

  beforeAll(async () => {
    engine = await createEngine({ cacheDir: null, shardJobs: false });
    dir = mkdtempSync(join(tmpdir(), 'plum-evalplus-mbpp-'));
    writeFileSync(join(dir, 'samples.jsonl'), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  });
  afterAll(async () => engine?.close());

  it('mbpp+: skips and counts samples of tasks MBPP+ left out, and EvalPlus reads the file', async () => {
    const report = await evaluateSamples({
      dataset: 'mbpp+',
      samples: join(dir, 'samples.jsonl'),
      dataDir: dataPath(),
      engine,
      expectedCacheDir: join(dir, 'expected'),
      progress: false,
      evalPlusJson: join(dir, 'mbpp.json'),
    });
    expect(report.leftOut).toEqual([{ taskId: '1', line: 4 }]);
    expect(report.results.map((r) => [r.task_id, r.base_passed, r.plus_passed])).toEqual([
      ['Mbpp/11', true, true],
      ['Mbpp/11', false, false],
      ['Mbpp/2', true, true],
    ]);
    const summary = EvalSummary.parse(JSON.parse(readFileSync(summaryPathFor(report.outFile), 'utf8')));
    expect(summary.samplesLeftOut).toBe(1);
    const out = await readBack(join(dir, 'mbpp.json'), 'mbpp', true);
    expect(out.samples).toBe(3);
    const md5 = createHash('md5').update(gunzipSync(readFileSync(dataPath('mbppplus', 'MbppPlus.jsonl.gz')))).digest('hex');
    expect(out.hash).toBe(md5);
    // Mbpp/2's inputs are tuples for the program, lists in the file (EvalPlus's serialised form)
    expect(out.pass_at_k.plus['pass@1']).toBeCloseTo(report.plusPassAtK!['pass@1'], 12);
    expect(out.fail_tests['Mbpp/11'][1][0]).toEqual([['hello', 'l']]);
  }, 300_000);

  it('mbpp: the base inputs only, reported as passed; plus_status null in the EvalPlus file', async () => {
    const report = await evaluateSamples({
      dataset: 'mbpp',
      samples: join(dir, 'samples.jsonl'),
      dataDir: dataPath(),
      engine,
      expectedCacheDir: join(dir, 'expected'),
      progress: false,
      evalPlusJson: join(dir, 'mbpp-base.json'),
    });
    expect(report.results.map((r) => [r.task_id, r.passed, r.plus])).toEqual([
      ['Mbpp/11', true, undefined],
      ['Mbpp/11', false, undefined],
      ['Mbpp/2', true, undefined],
    ]);
    expect(report.passAtK!['pass@1']).toBeCloseTo(0.75, 12);
    expect(report.outFile).toMatch(/_mbpp_results\.jsonl$/);
    const out = await readBack(join(dir, 'mbpp-base.json'), 'mbpp', true);
    expect(out.statuses).toContain('None');
    expect(Object.keys(out.pass_at_k)).toEqual(['base']);
    expect(out.pass_at_k.base['pass@1']).toBeCloseTo(0.75, 12);
  }, 300_000);
});
