import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJsonlAtomic } from '../../src/io/jsonl.js';
import { runPaths } from '../../src/io/run-dir.js';
import { packageRoot } from '../../src/paths.js';
import type { Label } from '../../src/records.js';
import { compareRounds, listRoundsWithLabels } from '../../src/rounds/compare-rounds.js';
import { formatRoundComparison } from '../../src/rounds/format-rounds.js';

let dir: string;

function labels(round: number, spec: Record<string, string>): Label[] {
  // spec: problemId -> string of c (chosen), r (rejected), x (excluded)
  return Object.entries(spec).flatMap(([problemId, marks]) =>
    [...marks].map((m, i) => ({
      sampleId: `${problemId}::r${round}::s${i}`,
      problemId,
      round,
      label: m === 'c' ? 'chosen' : m === 'r' ? 'rejected' : 'excluded',
      reason: 'test',
      failureKind: m === 'c' ? 'none' : 'assertion',
      testsPassed: 0,
      testsTotal: 1,
    })),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plum-rounds-'));
  const paths = runPaths(dir);
  await writeJsonlAtomic(paths.round(1).labels, labels(1, { a: 'rrrr', b: 'ccrr', c: 'cccc', d: 'rrxx' }));
  await writeJsonlAtomic(paths.round(1).dpo, [{}, {}, {}, {}]);
  await writeJsonlAtomic(paths.round(2).labels, labels(2, { a: 'crrr', b: 'cccr', c: 'rrrr', e: 'cc' }));
  await writeJsonlAtomic(paths.round(2).dpo, [{}, {}, {}]);
  await writeJsonlAtomic(paths.round(2).kto, [{}, {}]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareRounds', () => {
  it('summarises each round and what changed between rounds', async () => {
    expect(listRoundsWithLabels(dir)).toEqual([1, 2]);
    const cmp = await compareRounds(dir);
    expect(cmp.rounds[0]).toMatchObject({ round: 1, problems: 4, samples: 16, chosen: 6, rejected: 8, excluded: 2, solved: 2, mixed: 1, pairs: 4, kto: null });
    expect(cmp.rounds[0].meanPassRate).toBeCloseTo((0 + 0.5 + 1 + 0) / 4);
    expect(cmp.rounds[1]).toMatchObject({ round: 2, problems: 4, solved: 3, pairs: 3, kto: 2 });
    const [t] = cmp.transitions;
    expect(t).toMatchObject({ from: 1, to: 2, newlySolved: ['a'], lost: ['c'], improved: 2, worsened: 1 });
    expect(cmp.problems.find((p) => p.problemId === 'e')?.passRates).toEqual({ 1: null, 2: 1 });
    expect(cmp.problems.find((p) => p.problemId === 'd')?.passRates).toEqual({ 1: 0, 2: null });
  });

  it('prints a table, and `plum rounds` prints it from the command line', async () => {
    const text = formatRoundComparison(await compareRounds(dir), { perProblem: true });
    expect(text).toMatch(/round 1 -> 2: .*2 improved, 1 worsened/);
    expect(text).toContain('newly solved 1: a');
    expect(text).toContain('lost 1: c');
    const cli = execFileSync(process.execPath, [join(packageRoot(), 'bin', 'plum.js'), 'rounds', dir, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(cli).transitions[0].newlySolved).toEqual(['a']);
  });
});
