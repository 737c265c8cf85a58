/**
 * Finding the real Python interpreter once. `python3` on PATH may be a shim (pyenv) that costs
 * ~0.7 s per start; we ask it once for `sys.executable` and use that path from then on.
 */
import { execFileSync } from 'node:child_process';
import { SandboxError } from '../errors.js';

let resolved: string | undefined;

/** Absolute path of the real interpreter: `$PLUM_PYTHON`, else what `python3` reports. */
export function resolvePython(): string {
  if (resolved) return resolved;
  const hint = process.env.PLUM_PYTHON || 'python3';
  try {
    const out = execFileSync(hint, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 30_000 });
    resolved = out.trim();
  } catch (err) {
    throw new SandboxError(`cannot start Python (${hint}); install python3 or set PLUM_PYTHON`, { cause: err });
  }
  if (!resolved) throw new SandboxError(`${hint} did not report sys.executable`);
  return resolved;
}
