/**
 * Finding the real Python interpreter once. `python3` on PATH may be a shim (pyenv) that costs
 * 0.1-0.7 s per start; we ask it once for `sys.executable` and use that path from then on.
 * `resolvePythonAsync` asks without blocking Node (the engine starts while `plum eval` loads data).
 *
 * The answer is remembered across runs in `python.json` of the cache folder, keyed by everything a shim
 * decides by (PATH, the version managers' variables and files from the working directory up, the
 * shim file itself): a changed key asks again, so does a remembered interpreter that is gone.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { SandboxError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { writeTextAtomic } from '../io/jsonl.js';
import { packageRoot } from '../paths.js';

const ASK = ['-c', 'import sys; print(sys.executable)'];

/** Environment variables that change which interpreter a `python3` shim starts. */
const SHIM_VARIABLES = ['PATH', 'PYENV_VERSION', 'PYENV_ROOT', 'PYENV_DIR', 'ASDF_PYTHON_VERSION', 'ASDF_DATA_DIR', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'UV_PYTHON'];
/** Version files a shim reads in the working directory or above it. */
const VERSION_FILES = ['.python-version', '.tool-versions'];

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

/** `$PLUM_CACHE_DIR/python.json`, else `<root>/.plum-cache/python.json`. */
function cacheFile(): string {
  return join(process.env.PLUM_CACHE_DIR || join(packageRoot(), '.plum-cache'), 'python.json');
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function fileStamp(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return null;
  }
}

/** What the answer for `hint` depends on, hashed. */
function shimKey(hint: string): string {
  const onPath = hint.includes('/') ? [hint] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, hint));
  let found: [string, string] | null = null;
  for (const file of onPath) {
    const stamp = fileStamp(file);
    if (stamp !== null) {
      found = [file, stamp];
      break;
    }
  }
  const versionFiles: [string, string | null][] = [];
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    for (const name of VERSION_FILES) {
      const text = readText(join(dir, name));
      if (text !== null) versionFiles.push([join(dir, name), text]);
    }
    if (dirname(dir) === dir) break;
  }
  const pyenvRoot = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  return hashOf({
    hint,
    env: SHIM_VARIABLES.map((v) => process.env[v] ?? null),
    found,
    versionFiles,
    pyenvGlobal: readText(join(pyenvRoot, 'version')),
    home: homedir(),
  });
}

/**
 * The remembered interpreter for `key`. The file names a program plum will run, so it is trusted
 * only when this user owns it and no one else may write it (a shared PLUM_CACHE_DIR).
 */
function remembered(key: string): string | undefined {
  const file = cacheFile();
  try {
    const st = statSync(file);
    if (st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) return undefined;
    const entry = JSON.parse(readText(file) ?? 'null') as { key?: string; python?: string } | null;
    if (entry?.key === key && typeof entry.python === 'string' && existsSync(entry.python)) return entry.python;
  } catch {
    // unreadable: ask again
  }
  return undefined;
}

function remember(key: string, python: string): string {
  const file = cacheFile();
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeTextAtomic(file, JSON.stringify({ key, python }) + '\n');
    chmodSync(file, 0o644);
  } catch {
    // a read-only cache only costs the question next time
  }
  return python;
}

/** The hint, what its answer depends on, and the interpreter remembered for that (if any). */
function lookUp(): { hint: string; key: string; known?: string } {
  const hint = hintOf();
  const key = shimKey(hint);
  return { hint, key, known: remembered(key) };
}

/** The interpreter when it is known without asking (resolved in this process, or remembered). */
export function rememberedPython(): string | undefined {
  return (resolved ??= lookUp().known);
}

/** `resolvePython()` without blocking the event loop. */
export function resolvePythonAsync(): Promise<string> {
  if (resolved) return Promise.resolve(resolved);
  if (pending) return pending;
  const { hint, key, known } = lookUp();
  if (known) return Promise.resolve((resolved = known));
  pending = new Promise<string>((resolve, reject) => {
    execFile(hint, ASK, { encoding: 'utf8', timeout: 30_000 }, (err, out) => {
      pending = undefined;
      if (err) return reject(cannotStart(hint, err));
      try {
        resolve((resolved ??= remember(key, checked(hint, out))));
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
  const { hint, key, known } = lookUp();
  if (known) return (resolved = known);
  let out: string;
  try {
    out = execFileSync(hint, ASK, { encoding: 'utf8', timeout: 30_000 });
  } catch (err) {
    throw cannotStart(hint, err);
  }
  return (resolved = remember(key, checked(hint, out)));
}
