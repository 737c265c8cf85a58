/**
 * Reading a whole-file JSON array (evol-codealpaca, sanitized-mbpp.json) with the line on which each
 * element starts, so that a bad element can be reported as file:line like a JSONL line. Loads the
 * file into memory: fine for instruction sets of a few thousand items, not for gigabytes.
 */
import { readFileSync } from 'node:fs';
import { SchemaError } from '../errors.js';
import type { JsonlLine } from '../io/jsonl.js';

/** The 1-based line on which each top-level element of a JSON array text starts. */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let awaiting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    const starts = depth === 1 && awaiting && c !== ',' && c !== ']' && !/\s/.test(c);
    if (starts) {
      lines.push(line);
      awaiting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) awaiting = true;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) awaiting = true;
  }
  return lines;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text[i] === '\n') line += 1;
  return line;
}

/** Parse a JSON array file into its elements with their start lines; bad JSON is a SchemaError. */
export function readJsonArrayWithLines(file: string): JsonlLine<unknown>[] {
  const text = readFileSync(file, 'utf8');
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    const line = pos ? lineAt(text, Number(pos[1])) : 1;
    throw new SchemaError(file, line, '', `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (!Array.isArray(values)) throw new SchemaError(file, 1, '', 'expected a JSON array of items');
  const lines = arrayElementLines(text);
  return values.map((value, i) => ({ line: lines[i] ?? 1, value }));
}
