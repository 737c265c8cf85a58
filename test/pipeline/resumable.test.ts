import { mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readJsonlAll } from '../../src/io/jsonl.js';
import { runResumable } from '../../src/pipeline/resumable.js';

const Rec = z.object({ id: z.string(), item: z.number(), value: z.number() });
type Rec = z.infer<typeof Rec>;

const items = Array.from({ length: 20 }, (_, i) => i);
const recordsOf = (item: number): Rec[] => Array.from({ length: item % 3 }, (_, j) => ({ id: `${item}-${j}`, item, value: item * 10 + j }));

async function run(dir: string, failAt?: number) {
  let calls = 0;
  return runResumable({
    items,
    keyOf: (i) => String(i),
    markersFile: join(dir, 'markers.jsonl'),
    batchSize: 3,
    concurrency: 2,
    outputs: { recs: { file: join(dir, 'out.jsonl'), schema: Rec, keyOf: (r: Rec) => r.id } },
    async work(batch) {
      calls += 1;
      if (failAt !== undefined && calls === failAt) throw new Error('crash');
      return batch.map((i) => ({ recs: recordsOf(i) }));
    },
  });
}

const sorted = (recs: Rec[]) => [...recs].sort((a, b) => a.id.localeCompare(b.id));

describe('runResumable', () => {
  it('a run that dies half-way, then a rerun, gives the same records as one clean run', async () => {
    const clean = mkdtempSync(join(tmpdir(), 'plum-res-'));
    await run(clean);
    const broken = mkdtempSync(join(tmpdir(), 'plum-res-'));
    await expect(run(broken, 3)).rejects.toThrow('crash');
    // A torn last line, as a kill -9 mid-write leaves it.
    appendFileSync(join(broken, 'out.jsonl'), '{"id":"19-1","ite');
    const report = await run(broken);
    expect(report.skipped).toBeGreaterThan(0);
    const a = await readJsonlAll(join(clean, 'out.jsonl'), Rec);
    const b = await readJsonlAll(join(broken, 'out.jsonl'), Rec);
    expect(sorted(b)).toEqual(sorted(a));
    expect(new Set(b.map((r) => r.id)).size).toBe(b.length);
  });

  it('a rerun of a finished run does no work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-res-'));
    await run(dir);
    const again = await run(dir, 1);
    expect(again).toMatchObject({ skipped: items.length, processed: 0 });
  });
});
