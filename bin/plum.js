#!/usr/bin/env node
// The `plum` command: loads the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.env.PLUM_ROOT ??= root;
register();
const { main } = await import(pathToFileURL(join(root, 'src/cli/main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
