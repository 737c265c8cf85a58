/**
 * Where plum's own files are (data/, kernels/). Works under tsx (ESM), compiled (dist/), vitest and
 * tslab (which turns modules into CommonJS, so this file avoids `import.meta`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function isPlumRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).name === 'plum';
  } catch {
    return false;
  }
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isPlumRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let cached: string | undefined;

/** The repository root: `$PLUM_ROOT`, else found upward from this file, else from the cwd. */
export function packageRoot(): string {
  if (cached) return cached;
  const fromEnv = process.env.PLUM_ROOT;
  if (fromEnv && isPlumRoot(fromEnv)) return (cached = resolve(fromEnv));
  const frame = /(?:file:\/\/)?(\/[^\s:()]+\/(?:src|dist)\/paths\.[jt]s)/.exec(new Error().stack ?? '');
  const fromFile = frame ? findUp(dirname(frame[1])) : undefined;
  cached = fromFile ?? findUp(process.cwd());
  if (!cached) throw new Error('cannot locate the plum package root; set PLUM_ROOT');
  return cached;
}

/** A path inside the repository's `data/` folder. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}

/** plum's version (package.json), or "unknown" when it cannot be read. */
export function plumVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}
