/** `plum report` over a synthetic run directory: loading, tables, the written page, CLI errors. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunData, listRounds } from '../../src/report/run-data.js';
import { buildSummaryTables } from '../../src/report/summary-tables.js';
import { writeRunReport } from '../../src/report/write-report.js';
import { buildRunFigures } from '../../src/viz/run-figures.js';
import { writeSyntheticRun } from './synthetic-run.js';

let runDir: string;
beforeAll(async () => {
  runDir = await writeSyntheticRun(join(mkdtempSync(join(tmpdir(), 'plum-report-')), 'run'));
});

describe('report', () => {
  it('loads every stage of the run', async () => {
    expect(listRounds(runDir)).toEqual([0]);
    const data = await loadRunData(runDir);
    expect(data.problems).toHaveLength(12);
    expect(data.tests).toHaveLength(72);
    expect(data.executions.executions).toBe(72);
    expect(data.labels).toHaveLength(72);
    expect(data.mutationScores).toHaveLength(12);
    expect(data.dpo.length).toBeGreaterThan(0);
    const figures = buildRunFigures(data);
    expect(figures.every((f) => f.data.length > 0)).toBe(true);
    const summary = buildSummaryTables(data)[0];
    const row = (q: string) => summary.rows.find((r) => r[0] === q)?.[1];
    expect(row('DPO pairs')).toBe(data.dpo.length);
    expect((row('chosen samples') as number) + (row('rejected samples') as number)).toBe(72);
  });

  it('writes a standalone page with every figure and table', async () => {
    const out = join(runDir, 'r.html');
    const written = await writeRunReport(runDir, { out });
    const html = readFileSync(out, 'utf8');
    expect(written.figuresWithData).toBe(written.figures);
    expect(html.match(/class="plum-figure"/g)).toHaveLength(written.figures);
    expect(html).toContain('Per problem');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('tolerates a run whose later stages have not run', async () => {
    const dir = await writeSyntheticRun(join(mkdtempSync(join(tmpdir(), 'plum-report-')), 'run'), 3, 2);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'round-0'), { recursive: true });
    const written = await writeRunReport(dir);
    expect(written.figuresWithData).toBeGreaterThan(0);
    expect(written.figuresWithData).toBeLessThan(written.figures);
  });

  it('runs as `plum report` and reports a missing directory clearly', async () => {
    const ok = await execa('node', ['bin/plum.js', 'report', runDir], { reject: false });
    expect(ok.stdout).toContain('report.html');
    expect(ok.exitCode).toBe(0);
    const bad = await execa('node', ['bin/plum.js', 'report', join(runDir, 'nope')], { reject: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('run directory not found');
    expect(bad.stderr).not.toContain('    at ');
  });
});
