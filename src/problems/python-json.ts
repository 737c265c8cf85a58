/**
 * JSONL written by Python's `json.dumps` (EvalPlus releases) may contain the non-standard tokens
 * `NaN`, `Infinity` and `-Infinity`, which `JSON.parse` rejects. This streams such a file (optionally
 * .gz) and turns those tokens, outside strings, into `null` before the usual validation by
 * `parseJsonlLine`. Use it only where those values are not needed (prompts, solutions, asserts).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import { parseJsonlLine, type JsonlLine } from '../io/jsonl.js';

/** Replace NaN / Infinity / -Infinity tokens that are not inside strings by null. */
export function nullifyNonFiniteTokens(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = '';
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (text.startsWith('NaN', i)) {
      out += 'null';
      i += 2;
    } else if (text.startsWith('Infinity', i)) {
      out += 'null';
      i += 7;
    } else if (text.startsWith('-Infinity', i)) {
      out += 'null';
      i += 8;
    } else out += c;
  }
  return out;
}

/** Stream a Python-written JSONL file, validating each line against `schema`. */
export async function* readPythonJsonl<S extends z.ZodType>(file: string, schema: S): AsyncGenerator<JsonlLine<z.output<S>>> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n += 1;
      if (!text.trim()) continue;
      yield { line: n, value: parseJsonlLine(nullifyNonFiniteTokens(text), schema, file, n) };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
