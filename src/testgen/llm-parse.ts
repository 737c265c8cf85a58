/**
 * Parsing test-generation answers with Python's own parser: the code blocks of each answer go to
 * llm-parse-answer.py (a trusted helper, never candidate code), which returns the entry point, the
 * signature, the reference and one test per assert. Calls arriving close together are batched into
 * one Python process, so per-problem callers pay one interpreter start per batch, not per answer.
 */
import { join } from 'node:path';
import { runPythonTool } from '../execution/python-tool.js';
import { extractCodeBlocks, pythonBlocks } from '../llm/extract-code.js';
import { packageRoot } from '../paths.js';

/** One test as the parser split it. */
export interface ParsedTest {
  /** Test code: setup statements the assert needs, then the assert. */
  code: string;
  /** The assert exactly as it appeared in the answer. */
  raw: string;
  /** The assert calls the entry point (null when no entry point was known). */
  callsEntryPoint: boolean | null;
}

/** What the parser found in one answer. */
export interface ParsedTestgenAnswer {
  entryPoint: string | null;
  signature: string | null;
  reference: string | null;
  tests: ParsedTest[];
  /** null when usable; else no_code | unparseable | no_entry_point | no_reference | no_tests. */
  reason: string | null;
  /** Repairs and inferences (dropped trailing lines, inferred entry point). */
  notes: string[];
}

interface PendingAnswer {
  input: { id: string; blocks: { code: string; terminated: boolean }[]; entryPoint: string | null };
  resolve: (value: ParsedTestgenAnswer) => void;
  reject: (error: unknown) => void;
}

/** Batching knobs (defaults here). */
export const PARSE_BATCH = { maxSize: 64, waitMs: 15 };

const queue: PendingAnswer[] = [];
let timer: NodeJS.Timeout | undefined;
let nextId = 0;

function scriptPath(): string {
  return join(packageRoot(), 'src', 'testgen', 'llm-parse-answer.py');
}

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const batch = queue.splice(0, queue.length);
  if (batch.length === 0) return;
  runPythonTool<{ results: (ParsedTestgenAnswer & { id: string })[] }>(scriptPath(), { answers: batch.map((p) => p.input) })
    .then(({ results }) => {
      const byId = new Map(results.map((r) => [r.id, r]));
      for (const p of batch) {
        const r = byId.get(p.input.id);
        if (r) p.resolve({ entryPoint: r.entryPoint, signature: r.signature, reference: r.reference, tests: r.tests, reason: r.reason, notes: r.notes });
        else p.reject(new Error(`llm-parse-answer.py returned no result for answer ${p.input.id}`));
      }
    })
    .catch((error: unknown) => batch.forEach((p) => p.reject(error)));
}

/**
 * Parse one answer (batched with others arriving within a few ms). `entryPoint` is the name the
 * tests must call when the problem fixes it; null lets the parser infer it from the answer.
 */
export function parseTestgenAnswer(text: string, entryPoint: string | null): Promise<ParsedTestgenAnswer> {
  const blocks = pythonBlocks(extractCodeBlocks(text)).map((b) => ({ code: b.code, terminated: b.terminated }));
  if (blocks.length === 0) {
    return Promise.resolve({ entryPoint, signature: null, reference: null, tests: [], reason: 'no_code', notes: [] });
  }
  return new Promise((resolve, reject) => {
    queue.push({ input: { id: String((nextId += 1)), blocks, entryPoint }, resolve, reject });
    if (queue.length >= PARSE_BATCH.maxSize) flush();
    else if (!timer) timer = setTimeout(flush, PARSE_BATCH.waitMs);
  });
}
