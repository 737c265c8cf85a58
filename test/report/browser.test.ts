/**
 * Opens the standalone HTML report of a synthetic run in headless Chromium (Debian `chromium`
 * driven by playwright-core, no network) and checks that every figure rendered with data traces.
 * Saves a full-page screenshot under the test's temporary folder. Skips when Chromium is absent.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/report/write-report.js';
import { writeSyntheticRun } from './synthetic-run.js';

const chromiumPath = '/usr/bin/chromium';

describe.skipIf(!existsSync(chromiumPath))('report in headless Chromium', () => {
  it('renders every figure with data traces', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'plum-report-browser-'));
    const runDir = await writeSyntheticRun(join(tmp, 'run'));
    const written = await writeRunReport(runDir);
    expect(written.figuresWithData).toBe(written.figures);

    // A fresh profile (user data dir) per test run; playwright passes it as --user-data-dir.
    const browser = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      // The report must open offline: refuse every request that is not the file itself.
      await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
      await page.goto(pathToFileURL(written.file).href);
      await page.waitForFunction(`document.querySelectorAll('.plum-figure .main-svg').length >= ${written.figures}`, undefined, { timeout: 30_000 });

      const figures = await page.$$eval('.plum-figure', (divs) =>
        divs.map((div) => {
          const data = (div as unknown as { data?: { x?: unknown[]; y?: unknown[] }[] }).data ?? [];
          return {
            key: div.getAttribute('data-key'),
            traces: data.length,
            points: data.reduce((n, t) => n + Math.max(t.x?.length ?? 0, t.y?.length ?? 0), 0),
            svg: div.querySelectorAll('.main-svg').length,
            bars: div.querySelectorAll('.point, .bars path').length,
          };
        }),
      );
      expect(errors).toEqual([]);
      expect(figures).toHaveLength(written.figures);
      for (const f of figures) {
        expect(f.traces, `${f.key} traces`).toBeGreaterThan(0);
        expect(f.points, `${f.key} points`).toBeGreaterThan(0);
        expect(f.svg, `${f.key} svg`).toBeGreaterThan(0);
        expect(f.bars, `${f.key} drawn bars`).toBeGreaterThan(0);
      }
      for (const key of ['pass-rate', 'pairs-per-problem', 'test-survival', 'mutation-score']) expect(figures.map((f) => f.key)).toContain(key);

      const shot = join(tmp, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      console.log(`report screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
  });
});
