// The compiled CLI in dist/. `bin/build.js` compiles src/ with tsc and writes dist/build-stamp.json,
// a hash of the paths and contents of the sources it compiled (src/**/*.ts and the tsconfig files).
// `compiledEntry()` returns dist/cli/main.js only when the sources still hash to that stamp (~5 ms),
// so an edit in src/ is never hidden by an old build: bin/plum.js then runs the sources through tsx.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = 'build-stamp.json';
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function tsFiles(base, rel = 'src') {
  const out = [];
  for (const entry of readdirSync(join(base, rel), { withFileTypes: true })) {
    const path = `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...tsFiles(base, path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The files a build compiles, relative to `base`, sorted. */
export function sourceFiles(base = root) {
  return [...CONFIGS, ...tsFiles(base).sort()];
}

/** Hash of the sources' paths and contents. */
export function sourceHash(base = root, files = sourceFiles(base)) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${readFileSync(join(base, file))}\0`);
  return hash.digest('hex');
}

export function stampPath(base = root) {
  return join(base, 'dist', STAMP);
}

/** dist/cli/main.js when dist/ was built from the sources as they are now, else undefined. */
export function compiledEntry(base = root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(base), 'utf8'));
  } catch {
    return undefined;
  }
  try {
    return sourceHash(base) === stamp.hash ? join(base, 'dist', 'cli', 'main.js') : undefined;
  } catch {
    return undefined;
  }
}
