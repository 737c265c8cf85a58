/** The "Label audit" section of `plum report`: shown with round-K/audit.json, absent without, a bad file named. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseAudit } from '../../src/audit/summarise.js';
import { runPaths } from '../../src/io/run-dir.js';
import type { AuditRecord } from '../../src/records.js';
import { loadRunData } from '../../src/report/run-data.js';
import { writeRunReport } from '../../src/report/write-report.js';
import { writeSyntheticRun } from './synthetic-run.js';

describe('report: label audit section', () => {
  it('appears when the round has audit.json, with its tables and figures', async () => {
    const dir = await writeSyntheticRun(join(mkdtempSync(join(tmpdir(), 'plum-report-audit-')), 'run'), 3, 2);
    const without = await writeRunReport(dir, { out: join(dir, 'plain.html') });
    expect(readFileSync(without.file, 'utf8')).not.toContain('Label audit');
    const records: AuditRecord[] = [
      { sampleId: 's1', problemId: 'p000', round: 0, index: 0, source: 'offline-mutation', label: 'chosen', judged: true, correct: false, basePassed: true, plusPassed: false, baselineLabel: 'chosen' },
      { sampleId: 's2', problemId: 'p000', round: 0, index: 1, source: 'offline-mutation', label: 'chosen', judged: true, correct: true, basePassed: true, plusPassed: true, baselineLabel: 'chosen' },
    ];
    writeFileSync(runPaths(dir).round(0).auditSummary, JSON.stringify(summariseAudit(records, { oracle: 'humaneval+' })));
    expect((await loadRunData(dir)).audit?.plum.chosenWrong).toBe(1);
    const written = await writeRunReport(dir, { out: join(dir, 'audited.html') });
    const html = readFileSync(written.file, 'utf8');
    expect(html).toContain('<h2>Label audit</h2>');
    expect(html).toContain('Label audit against humaneval+ (round 0)');
    expect(html).toContain('id="fig-audit-precision-per-problem"');
    expect(written.figures).toBe(without.figures + 3);
    expect(written.figuresWithData).toBe(without.figuresWithData + 3);
  });

  it('names a broken audit.json', async () => {
    const dir = await writeSyntheticRun(join(mkdtempSync(join(tmpdir(), 'plum-report-audit-')), 'run'), 2, 2);
    writeFileSync(runPaths(dir).round(0).auditSummary, JSON.stringify({ oracle: 'humaneval+' }));
    await expect(loadRunData(dir)).rejects.toThrow(/audit\.json: not an audit summary .*rerun `plum audit`/);
  });
});
