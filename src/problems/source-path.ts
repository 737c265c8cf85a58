/**
 * How a problem's provenance names the file it came from: relative to the package root for files
 * inside plum (so records do not depend on where the repository was cloned), absolute otherwise.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { packageRoot } from '../paths.js';

/** `file:line`, with `file` relative to the package root when it lies inside it. */
export function describeSource(file: string, line?: number): string {
  const abs = resolve(file);
  const rel = relative(packageRoot(), abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return line === undefined ? shown : `${shown}:${line}`;
}
