/**
 * Static analysis of tests through plum's trusted Python tool (analyse-tests.py): AST normal forms
 * for duplicates, entry-point calls and constant asserts for triviality. Parses only; never runs
 * test code. One Python process per call, so callers batch a whole problem (or more).
 */
import { join } from 'node:path';
import { runPythonTool } from '../execution/python-tool.js';
import { packageRoot } from '../paths.js';
import { TestAnalysis, type TestCase } from '../records.js';

/** Analyse `tests` of a problem whose entry point is `entryPoint`. */
export async function analyseTests(tests: readonly TestCase[], entryPoint: string | null): Promise<TestAnalysis[]> {
  if (tests.length === 0) return [];
  const script = join(packageRoot(), 'src', 'filter', 'analyse-tests.py');
  const raw = await runPythonTool<unknown[]>(script, { entryPoint, tests: tests.map((t) => ({ ...t.spec, id: t.id })) });
  return raw.map((r) => TestAnalysis.parse(r));
}
