#!/usr/bin/env node
// The `plum` command: runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs)
// when it was built from the sources as they are now, else the TypeScript sources through tsx (no
// build needed while developing; PLUM_TSX=1 forces it). See dist.js.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledEntry, root } from './dist.js';

process.env.PLUM_ROOT ??= root;
let entry = process.env.PLUM_TSX === '1' ? undefined : compiledEntry();
if (!entry) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'src', 'cli', 'main.ts');
} else {
  // `plum eval`: its first Python worker starts now, while the CLI's modules load (see standby.ts)
  const { startStandbyFor } = await import(pathToFileURL(join(root, 'dist', 'execution', 'standby.js')).href);
  startStandbyFor(process.argv.slice(2));
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
