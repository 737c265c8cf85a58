/**
 * Static analysis of tests through plum's trusted Python tool (analyse-tests.py): AST normal forms
 * for duplicates (an `assert f(a) == e` and a call test of the same args and expected value share
 * one), entry-point calls and constant asserts for triviality. Parses only; never runs test code.
 * Calls made in the same moment (the filter stage analyses many problems at once) are coalesced
 * into one Python process.
 */
import { join } from 'node:path';
import { runPythonTool } from '../execution/python-tool.js';
import { packageRoot } from '../paths.js';
import { TestAnalysis, type TestCase } from '../records.js';

interface Pending {
  request: { entryPoint: string | null; tests: unknown[] };
  resolve(value: TestAnalysis[]): void;
  reject(error: unknown): void;
}

/** How long calls wait for company before a Python process is started (ms). */
const COALESCE_MS = 15;
let queue: Pending[] = [];
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  const batch = queue;
  queue = [];
  timer = undefined;
  const script = join(packageRoot(), 'src', 'filter', 'analyse-tests.py');
  runPythonTool<unknown[][]>(script, { batch: batch.map((p) => p.request) }).then(
    (results) => batch.forEach((p, i) => {
      try {
        p.resolve(results[i].map((r) => TestAnalysis.parse(r)));
      } catch (err) {
        p.reject(err);
      }
    }),
    (err) => batch.forEach((p) => p.reject(err)),
  );
}

/** Analyse `tests` of a problem whose entry point is `entryPoint`. */
export function analyseTests(tests: readonly TestCase[], entryPoint: string | null): Promise<TestAnalysis[]> {
  if (tests.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    queue.push({ request: { entryPoint, tests: tests.map((t) => ({ ...t.spec, id: t.id })) }, resolve, reject });
    timer ??= setTimeout(flush, COALESCE_MS);
  });
}
