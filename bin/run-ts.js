#!/usr/bin/env node
// Runs one TypeScript file (benchmarks, scripts) through tsx: `node bin/run-ts.js bench/exec.ts [args]`.
import { register } from 'tsx/esm/api';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.PLUM_ROOT ??= join(dirname(fileURLToPath(import.meta.url)), '..');
register();
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
