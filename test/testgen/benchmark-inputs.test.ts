/**
 * The offline generator on real HumanEval+ / MBPP+ problems (../shared/data or $PLUM_DATA_DIR;
 * skipped with the reason printed when absent), real engine: the cases that used to get zero tests
 * or miss the input their wrong samples fail on, and proof that generated tests never read
 * EvalPlus's plus inputs (the same tests from a copy whose plus_input holds only sentinels).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { loadProblems } from '../../src/problems/load.js';
import type { Problem } from '../../src/records.js';
import { generateTestsBatch } from '../../src/testgen/generate-tests.js';
import type { OfflineTestgenResult } from '../../src/testgen/options.js';

const data = process.env.PLUM_DATA_DIR ?? join(packageRoot(), '..', 'shared', 'data');
const heFile = join(data, 'humanevalplus', 'HumanEvalPlus.jsonl.gz');
const mbppFile = join(data, 'mbppplus', 'MbppPlus.jsonl.gz');
const present = existsSync(heFile) && existsSync(mbppFile);
if (!present) console.log(`test/testgen/benchmark-inputs: skipped, ${heFile} or ${mbppFile} not found (set PLUM_DATA_DIR)`);

/** The line with its "plus_input" value replaced (scanned, not parsed: the files hold NaN / Infinity). */
function withSentinelPlusInputs(line: string): string {
  const key = '"plus_input": ';
  const start = line.indexOf(key) + key.length;
  if (start < key.length) throw new Error('no plus_input');
  let depth = 0;
  let end = start;
  for (let inString = false; end < line.length; end++) {
    const c = line[end];
    if (inString) {
      if (c === '\\') end++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) break;
  }
  return line.slice(0, start) + '[["PLUS-INPUT-SENTINEL"]]' + line.slice(end + 1);
}

const argsOf = (r: OfflineTestgenResult) => r.tests.map((t) => (t.spec as { args: string }).args);

describe.skipIf(!present)('offline tests on HumanEval+ and MBPP+', () => {
  let engine: Engine;
  let he: Problem[];
  let mbpp: Problem[];
  const byId = new Map<string, OfflineTestgenResult>();
  beforeAll(async () => {
    engine = await createEngine({ workers: 2, cacheDir: null });
    he = (await loadProblems({ kind: 'humaneval', dataDir: data, plus: true })).problems;
    mbpp = (await loadProblems({ kind: 'mbpp', dataDir: data, variant: 'plus' })).problems;
    const wanted = ['HumanEval/22', 'HumanEval/32', 'HumanEval/38', 'HumanEval/40', 'HumanEval/44', 'HumanEval/50', 'Mbpp/88'];
    const problems = [...he, ...mbpp].filter((p) => wanted.includes(p.id));
    for (const r of await generateTestsBatch(problems, {}, engine)) byId.set(r.problemId, r);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('HumanEval/32, /38, /50 and Mbpp/88 get tests (docstring calls, typed seeds, Counter output)', () => {
    for (const id of ['HumanEval/32', 'HumanEval/38', 'HumanEval/50', 'Mbpp/88']) {
      expect(byId.get(id)!.tests.length, id).toBeGreaterThan(0);
    }
    expect(byId.get('HumanEval/32')!.tests[0].provenance.mutation).toBe('seed#0'); // >>> round(find_zero([1, 2]), 2)
    expect(byId.get('HumanEval/38')!.tests[0].provenance.mutation).toBe('typed-seed#0');
    expect(byId.get('Mbpp/88')!.tests[0].spec).toMatchObject({ expected: '{10: 4, 20: 4, 40: 2, 50: 2, 30: 1}' });
  });

  it('HumanEval/22 gets bools, /40 the empty list, /44 x = 0, among the kept tests', () => {
    expect(argsOf(byId.get('HumanEval/22')!).some((a) => /True|False/.test(a))).toBe(true);
    expect(argsOf(byId.get('HumanEval/40')!)).toContain('[[]]');
    expect(argsOf(byId.get('HumanEval/44')!).some((a) => a.startsWith('[0, '))).toBe(true);
  });

  it('every inferred contract violation is recorded with the contract it breaks', () => {
    const drops = [...byId.values()].flatMap((r) => r.dropped.filter((d) => d.reason === 'contract-violation'));
    expect(drops.length).toBeGreaterThan(0);
    for (const d of drops) expect(d.detail).toMatch(/^(non-negative|positive|non-empty|same-length|index-in-range|alphabet\(.*\)|sorted|distinct) a\d/);
  });

  it('never reads plus inputs: a copy whose plus_input holds only sentinels gives the same tests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-plus-sentinel-'));
    try {
      const sentinel = (file: string, out: string) => {
        const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
        const changed = lines.map(withSentinelPlusInputs);
        expect(changed.join('\n')).not.toContain(lines[0].slice(lines[0].indexOf('"plus_input"'), lines[0].indexOf('"plus_input"') + 200));
        writeFileSync(join(dir, out), gzipSync(changed.join('\n') + '\n'));
      };
      sentinel(heFile, 'HumanEvalPlus.jsonl.gz');
      sentinel(mbppFile, 'MbppPlus.jsonl.gz');
      const heCopy = (await loadProblems({ kind: 'humaneval', dataDir: dir, plus: true }, { limit: 24 })).problems;
      const mbppCopy = (await loadProblems({ kind: 'mbpp', dataDir: dir, variant: 'plus' }, { limit: 16 })).problems;
      const copies = [...heCopy, ...mbppCopy];
      const originals = copies.map((c) => [...he, ...mbpp].find((p) => p.id === c.id)!);
      // Efficiency tests are left out: which grown input stays under the reference's time budget
      // depends on the machine's load at that moment, not on the data (they grow the same inputs).
      const options = { efficiencyTests: 0 };
      const [a, b] = [await generateTestsBatch(originals, options, engine), await generateTestsBatch(copies, options, engine)];
      expect(JSON.stringify(b.map((r) => [r.tests, r.dropped]))).toBe(JSON.stringify(a.map((r) => [r.tests, r.dropped])));
      expect(JSON.stringify(b)).not.toContain('PLUS-INPUT-SENTINEL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('no file of the test generator or the problem loaders names the plus inputs', () => {
    for (const dir of ['src/testgen', 'src/testgen/python', 'src/problems', 'src/problems/python']) {
      for (const name of readdirSync(join(packageRoot(), dir)).filter((n) => /\.(ts|py)$/.test(n))) {
        const text = readFileSync(join(packageRoot(), dir, name), 'utf8');
        if (name === 'benchmarks.ts') continue; // the shared reader of EvalPlus files, used by src/eval/ for the plus inputs
        expect(/plus_?input/i.test(text), `${dir}/${name}`).toBe(false);
      }
    }
  });
});
