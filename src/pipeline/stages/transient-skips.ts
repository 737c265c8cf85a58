/**
 * Skips that a rerun should retry (an LLM request that failed after its retries): such problems get
 * no completion marker, and once a later run gives them records their stale skip is dropped from
 * the skip file (rewritten atomically). Shared by the LLM branches of testgen and sample.
 */
import { existsSync } from 'node:fs';
import { readJsonlAll, writeJsonlAtomic } from '../../io/jsonl.js';
import { ProblemSkip } from '../../records.js';

/** Skip reasons that are not final. */
export const TRANSIENT_SKIP_REASONS = new Set(['llm_request_failed']);

/** True when an item's only outcome is a transient skip. */
export function isTransientOnly(produced: { skips?: ProblemSkip[] }, recordCount: number): boolean {
  return recordCount === 0 && (produced.skips ?? []).some((s) => TRANSIENT_SKIP_REASONS.has(s.reason));
}

/** Rewrite the skip file without the skips of problems that now have records. */
export async function dropResolvedSkips(skipsFile: string, resolved: ReadonlySet<string>): Promise<number> {
  if (!existsSync(skipsFile)) return 0;
  const skips = await readJsonlAll(skipsFile, ProblemSkip);
  const keep = skips.filter((s) => !resolved.has(s.problemId));
  if (keep.length !== skips.length) await writeJsonlAtomic(skipsFile, keep);
  return keep.length;
}
