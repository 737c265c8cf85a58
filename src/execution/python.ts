/**
 * Finding the real Python interpreter once. `python3` on PATH may be a shim (pyenv) that costs
 * 0.1-0.7 s per start; we ask it once for `sys.executable` and use that path from then on.
 * `resolvePythonAsync` asks without blocking Node (the engine starts while `plum eval` loads data).
 */
import { execFile, execFileSync } from 'node:child_process';
import { SandboxError } from '../errors.js';

const ASK = ['-c', 'import sys; print(sys.executable)'];

let resolved: string | undefined;
let pending: Promise<string> | undefined;

function hintOf(): string {
  return process.env.PLUM_PYTHON || 'python3';
}

function checked(hint: string, out: string): string {
  const path = out.trim();
  if (!path) throw new SandboxError(`${hint} did not report sys.executable`);
  return path;
}

function cannotStart(hint: string, err: unknown): SandboxError {
  return new SandboxError(`cannot start Python (${hint}); install python3 or set PLUM_PYTHON`, { cause: err });
}

/** `resolvePython()` without blocking the event loop. */
export function resolvePythonAsync(): Promise<string> {
  if (resolved) return Promise.resolve(resolved);
  const hint = hintOf();
  pending ??= new Promise<string>((resolve, reject) => {
    execFile(hint, ASK, { encoding: 'utf8', timeout: 30_000 }, (err, out) => {
      pending = undefined;
      if (err) return reject(cannotStart(hint, err));
      try {
        resolve((resolved ??= checked(hint, out)));
      } catch (error) {
        reject(error);
      }
    });
  });
  return pending;
}

/** Absolute path of the real interpreter: `$PLUM_PYTHON`, else what `python3` reports. */
export function resolvePython(): string {
  if (resolved) return resolved;
  const hint = hintOf();
  let out: string;
  try {
    out = execFileSync(hint, ASK, { encoding: 'utf8', timeout: 30_000 });
  } catch (err) {
    throw cannotStart(hint, err);
  }
  return (resolved = checked(hint, out));
}
