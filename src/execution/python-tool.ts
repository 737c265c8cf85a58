/**
 * Running plum's OWN trusted Python helpers (AST analysis, input mutation, parsing), not candidate
 * code: candidate code always goes through the sandboxed engine. A tool is a Python script that
 * reads one JSON document on stdin and writes one JSON document on stdout.
 */
import { spawn } from 'node:child_process';
import { SandboxError } from '../errors.js';
import { resolvePython } from './python.js';

export interface PythonToolOptions {
  /** Kill the tool after this long (ms). Default 120 s. */
  timeoutMs?: number;
}

/** Run `script` with `input` as JSON on stdin; resolves with the JSON it prints on stdout. */
export function runPythonTool<T = unknown>(script: string, input: unknown, options: PythonToolOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(resolvePython(), ['-X', 'utf8', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new SandboxError(`cannot run ${script}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').slice(-2000);
      if (code !== 0) {
        reject(new SandboxError(`${script} exited with ${signal ?? code}: ${stderr}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
      } catch (e) {
        reject(new SandboxError(`${script} printed invalid JSON: ${stderr}`, { cause: e }));
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(input));
  });
}
