/**
 * JSONL written by Python's `json.dumps` (EvalPlus releases) may contain the non-standard tokens
 * `NaN`, `Infinity` and `-Infinity`, which `JSON.parse` rejects. This streams such a file (optionally
 * .gz) and turns those tokens, outside strings, into `null` before the usual validation by
 * `readJsonl`. Use it only where those values are not needed (prompts, solutions, asserts).
 */
import type { z } from 'zod';
import { readJsonl, type JsonlLine } from '../io/jsonl.js';

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
export function readPythonJsonl<S extends z.ZodType>(file: string, schema: S): AsyncGenerator<JsonlLine<z.output<S>>> {
  return readJsonl(file, schema, { transformLine: nullifyNonFiniteTokens });
}
