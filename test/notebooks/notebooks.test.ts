/**
 * Executes every notebook in notebooks/ headless with `jupyter nbconvert --execute` on the repo's
 * tslab kernel (kernels/plum-tslab, found through JUPYTER_PATH) into a temporary folder; a cell
 * error (including a failed check cell) fails the test. Also checks that the committed notebooks
 * carry no outputs. Skips with a message when `jupyter` is not installed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';

const root = packageRoot();
const notebookDir = join(root, 'notebooks');
const notebooks = readdirSync(notebookDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const hasJupyter = (await execa('jupyter', ['nbconvert', '--version'], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!hasJupyter) console.warn('SKIPPED notebook execution: `jupyter nbconvert` is not installed (apt-get install jupyter-nbconvert jupyter-client)');

interface NotebookJson {
  metadata: { kernelspec?: { name?: string } };
  cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null; source: string[] | string }[];
}

describe('notebooks as committed', () => {
  it.each(notebooks)('%s has no outputs, uses the repo kernel, opens with a title and ends with checks', (name) => {
    const nb = JSON.parse(readFileSync(join(notebookDir, name), 'utf8')) as NotebookJson;
    expect(nb.metadata.kernelspec?.name).toBe('plum-tslab');
    for (const cell of nb.cells) {
      if (cell.cell_type !== 'code') continue;
      expect(cell.outputs ?? []).toEqual([]);
      expect(cell.execution_count ?? null).toBeNull();
    }
    const text = (c: NotebookJson['cells'][number]) => (Array.isArray(c.source) ? c.source.join('') : c.source);
    expect(text(nb.cells[0])).toMatch(/^# \d\d · /);
    const code = nb.cells.filter((c) => c.cell_type === 'code').map(text);
    expect(code.some((c) => c.includes('from "plum"'))).toBe(true); // the public barrel, as a user's notebook would
    expect(code.join('\n')).not.toMatch(/from "\.\/src\//);
    expect(code.at(-1)).toMatch(/check\(/);
  });
});

describe.skipIf(!hasJupyter)('notebooks execute headless', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'plum-notebooks-'));
  // The notebooks' own temporary run directories go under the test's folder (TMPDIR), removed after.
  const scratch = join(outDir, 'tmp');
  mkdirSync(scratch);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  /** Execute one notebook headless; returns its text outputs. Throws with the tail of the log on a cell error. */
  async function execute(name: string, out: string, env: Record<string, string> = {}): Promise<string> {
    const result = await execa(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=plum-tslab', '--ExecutePreprocessor.timeout=600', '--ExecutePreprocessor.startup_timeout=300', '--output-dir', out, join(notebookDir, name)],
      { cwd: root, env: { JUPYTER_PATH: root, TMPDIR: scratch, ...env }, reject: false, all: true },
    );
    if (result.exitCode !== 0) throw new Error(`${name} failed:\n${String(result.all).split('\n').slice(-40).join('\n')}`);
    const text = readFileSync(join(out, name), 'utf8');
    const executed = JSON.parse(text) as NotebookJson;
    // Every executed code cell is numbered (In [1], not In [ ]), and the plotly bundle is in the file at most once.
    for (const cell of executed.cells) if (cell.cell_type === 'code') expect(cell.execution_count).toEqual(expect.any(Number));
    expect(text.split('* plotly.js v').length - 1).toBeLessThanOrEqual(1);
    const outputs = executed.cells.flatMap((c) => (c.outputs ?? []) as { output_type: string; text?: string[] | string }[]);
    expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    return outputs.map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? ''))).join('');
  }

  it.each(notebooks)('%s runs without a cell error', async (name) => {
    await execute(name, outDir);
  }, 600_000);

  it('02-test-generation runs its LLM branch against a local OpenAI-compatible endpoint', async () => {
    const server = await startFakeLlmServer({
      answer: () => "```python\nassert slugify_title('Hello, World!') == 'hello-world'\nassert slugify_title('???') == ''\nassert slugify_title('A  B') == 'a-b'\n```",
    });
    try {
      const llmOut = join(outDir, 'llm');
      mkdirSync(llmOut);
      const text = await execute('02-test-generation.ipynb', llmOut, { PLUM_LLM_BASE_URL: server.url, PLUM_LLM_MODEL: 'fake-model' });
      expect(text).toContain('ok: the LLM test writer produced parsed tests');
      expect(text).not.toContain('SKIPPED');
      expect(server.stats.chatRequests).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 600_000);
});
