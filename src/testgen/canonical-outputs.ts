/**
 * Canonical expected values from the reference's outputs (reprs reported by the engine), through
 * the trusted helper python/canonical_outputs.py: read as literals (never executed), sets sorted,
 * NaN and objects without a literal repr rejected. One process for all outputs.
 */
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { runPythonTool } from '../execution/python-tool.js';

/** The canonical form of one output, or why it has none. */
export type CanonicalOutput = { ok: true; expected: string; hasFloat: boolean } | { ok: false; reason: string };

/** Canonicalise many output reprs in one Python process (same order as the input). */
export async function canonicaliseOutputs(outputs: string[]): Promise<CanonicalOutput[]> {
  if (outputs.length === 0) return [];
  const script = join(packageRoot(), 'src', 'testgen', 'python', 'canonical_outputs.py');
  const out = await runPythonTool<{ results: CanonicalOutput[] }>(script, { outputs }, { timeoutMs: 300_000 });
  return out.results;
}
