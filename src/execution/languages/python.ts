/**
 * Python as an engine language: the worker is src/execution/python/worker.py run by the real
 * interpreter (resolved once). Does not start anything itself (see ../worker-process.ts).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf } from '../../io/hash.js';
import { packageRoot } from '../../paths.js';
import { resolvePython } from '../python.js';
import type { LanguageRuntime } from './language.js';

const HARNESS_FILES = ['worker.py', 'harness.py', 'sandbox.py', 'oracles.py'];

/** Folder of the Python harness. */
export function pythonHarnessDir(): string {
  return join(packageRoot(), 'src', 'execution', 'python');
}

let fingerprintCache: string | undefined;

export const pythonLanguage: LanguageRuntime = {
  name: 'python',
  workerCommand() {
    return {
      command: resolvePython(),
      args: ['-s', '-B', join(pythonHarnessDir(), 'worker.py')],
      env: { PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    };
  },
  fingerprint() {
    if (fingerprintCache) return fingerprintCache;
    const dir = pythonHarnessDir();
    const texts = HARNESS_FILES.map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : ''));
    fingerprintCache = hashOf({ python: resolvePython(), texts });
    return fingerprintCache;
  },
};
