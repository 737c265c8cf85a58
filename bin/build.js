#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` runs it): compiles src/ to dist/ with tsc
// (tsconfig.build.json), then stamps dist/ with the hash of the sources it was built from (see
// dist.js). The new dist/ replaces the old one by renames, so a `plum` started meanwhile sees a whole
// build or none (and then runs through tsx). Without TypeScript (an install without dev dependencies)
// it builds nothing and says so: plum then runs through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, sourceHash } from './dist.js';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('plum build: typescript is not installed; plum will run its sources through tsx');
  process.exit(0);
}
const hash = sourceHash(); // before compiling: a source edited meanwhile makes the build stale, never wrongly fresh
const dist = join(root, 'dist');
const tmp = `${dist}.tmp-${process.pid}`;
const old = `${dist}.old-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', tmp], { stdio: 'inherit' });
if (run.status !== 0) {
  rmSync(tmp, { recursive: true, force: true });
  console.error(`plum build: tsc failed (${run.signal ?? `exit ${run.status}`}); plum will run its sources through tsx`);
  process.exit(run.status || 1);
}
writeFileSync(join(tmp, 'build-stamp.json'), JSON.stringify({ hash, builtAt: new Date().toISOString() }) + '\n');
if (existsSync(dist)) renameSync(dist, old);
renameSync(tmp, dist);
rmSync(old, { recursive: true, force: true });
