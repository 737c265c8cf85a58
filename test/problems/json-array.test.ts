// Line numbers of JSON-array elements, and Python-written JSON with NaN/Infinity.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaError } from '../../src/index.js';
import { arrayElementLines, readJsonArrayWithLines } from '../../src/problems/json-array.js';
import { nullifyNonFiniteTokens, readPythonJsonl } from '../../src/problems/python-json.js';

describe('JSON arrays with line numbers', () => {
  it('finds where each element starts, ignoring brackets and quotes inside strings', () => {
    const text = '[\n  {"a": "x,]{\\"["},\n  {"b": [1,\n 2]},\n  3, "s"\n]';
    expect(arrayElementLines(text)).toEqual([2, 3, 5, 5]);
    expect(arrayElementLines('[]')).toEqual([]);
  });

  it('reports invalid JSON at the line of the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-json-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '[\n  {"a": 1},\n  {"b": 2,}\n]\n');
    expect(() => readJsonArrayWithLines(file)).toThrow(SchemaError);
    expect(() => readJsonArrayWithLines(file)).toThrow(/bad\.json:3: not valid JSON/);
  });
});

describe('Python-written JSONL', () => {
  it('turns NaN and Infinity outside strings into null, leaving strings alone', () => {
    expect(nullifyNonFiniteTokens('{"x": [-Infinity, Infinity, NaN], "s": "NaN Infinity"}')).toBe('{"x": [null, null, null], "s": "NaN Infinity"}');
  });

  it('streams such a file with validation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-pyjson-'));
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, '{"id": "a", "v": [NaN]}\n\n{"id": 3}\n');
    const seen: string[] = [];
    const read = async () => {
      for await (const { value } of readPythonJsonl(file, z.object({ id: z.string() }))) seen.push(value.id);
    };
    await expect(read()).rejects.toThrow(/rows\.jsonl:3: field "id"/);
    expect(seen).toEqual(['a']);
  });
});
