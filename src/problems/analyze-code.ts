/**
 * The TypeScript side of python/analyze_code.py: finds the reference program, entry point,
 * signature and example calls in code (a model answer's blocks or a benchmark's solution) with
 * Python's `ast`. Items are sent in batches, one Python process per batch. Nothing is executed.
 */
import { join } from 'node:path';
import { runPythonTool } from '../execution/python-tool.js';
import { packageRoot } from '../paths.js';

/** One piece of code to analyse. */
export interface CodeAnalysisItem {
  /** Echoed back in the result. */
  key: string;
  /** Candidate code blocks, in order (`lang` is the fence tag, '' when none). */
  blocks: { code: string; lang: string }[];
  /** Known entry point; null = choose one (functions called by the tests, then by demo code, then named in the instruction). */
  entryPoint: string | null;
  /** Test code whose asserts give example calls (and hint the entry point). */
  testCode?: string | null;
  /** Another name under which tests call the entry point (`candidate` in HumanEval). */
  callee?: string | null;
  instruction?: string | null;
  /** Keep only imports, functions, classes and plain assignments of the chosen block. */
  clean: boolean;
  /** Most example calls to collect. */
  maxExamples?: number;
}

/** What the analysis found. */
export interface CodeAnalysis {
  key: string;
  status: 'ok' | 'no-code' | 'not-python' | 'syntax-error' | 'no-function';
  detail?: string;
  reference?: string;
  entryPoint?: string;
  signature?: string;
  examples: { args: string; expected?: string }[];
}

/** Path of the Python helper. */
export function analyzeCodeScript(): string {
  return join(packageRoot(), 'src', 'problems', 'python', 'analyze_code.py');
}

/** Analyse items in one Python process. */
export async function analyzeCode(items: CodeAnalysisItem[]): Promise<CodeAnalysis[]> {
  if (items.length === 0) return [];
  const { results } = await runPythonTool<{ results: CodeAnalysis[] }>(analyzeCodeScript(), { items });
  return results;
}
