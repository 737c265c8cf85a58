// Bad input to the problem loaders: every case is a SchemaError naming file, line and field, a
// ConfigError for a wrong source spec, a DataMissingError saying where to download, or a recorded
// ProblemSkip with its reason; never a stray exception.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataMissingError, loadProblems, packageRoot, SchemaError, type ProblemSourceSpec } from '../../src/index.js';

const fixture = (name: string) => join(packageRoot(), 'test', 'fixtures', 'problems', name);

async function schemaErrorOf(spec: ProblemSourceSpec): Promise<SchemaError> {
  const err = await loadProblems(spec, { progress: false }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SchemaError);
  return err as SchemaError;
}

describe('embedded-format files', () => {
  it('a malformed JSON line names file and line', async () => {
    const err = await schemaErrorOf({ kind: 'embedded', path: fixture('embedded-bad-json.jsonl') });
    expect(err.file).toBe(fixture('embedded-bad-json.jsonl'));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/embedded-bad-json\.jsonl:2: not valid JSON/);
  });

  it('a missing field names file, line and field', async () => {
    const err = await schemaErrorOf({ kind: 'embedded', path: fixture('embedded-missing-field.jsonl') });
    expect([err.line, err.field]).toEqual([2, 'reference']);
    expect(err.message).toMatch(/embedded-missing-field\.jsonl:2: field "reference"/);
  });

  it('a field of the wrong type names file, line and field (blank lines counted)', async () => {
    const err = await schemaErrorOf({ kind: 'embedded', path: fixture('embedded-wrong-type.jsonl') });
    expect([err.line, err.field]).toEqual([3, 'examples']);
  });

  it('a duplicate id names the second line and the first', async () => {
    const err = await schemaErrorOf({ kind: 'embedded', path: fixture('embedded-duplicate-id.jsonl') });
    expect([err.line, err.field]).toEqual([2, 'id']);
    expect(err.message).toMatch(/duplicate problem id "embedded\/slugify_title" \(first at .*embedded-duplicate-id\.jsonl:1\)/);
  });
});

describe('instruction files', () => {
  it('a wrong type in JSONL names file, line and field', async () => {
    const err = await schemaErrorOf({ kind: 'instruct', path: fixture('instruct-wrong-type.jsonl') });
    expect([err.line, err.field]).toEqual([3, 'instruction']);
  });

  it('a missing field in a JSON array names the line where the element starts', async () => {
    const err = await schemaErrorOf({ kind: 'instruct', path: fixture('instruct-missing-field.json') });
    expect([err.line, err.field]).toEqual([6, 'instruction']);
  });

  it('a reference that does not parse is a skip with reason, file and line', async () => {
    const { problems, skips } = await loadProblems({ kind: 'instruct', path: fixture('instruct-mixed.jsonl') }, { progress: false });
    const skip = skips.find((s) => s.problemId === 'instruct-mixed/2');
    expect(skip).toMatchObject({ stage: 'problems', reason: 'syntax-error' });
    expect(skip!.detail).toMatch(/test\/fixtures\/problems\/instruct-mixed\.jsonl:2: line 1: expected ':'/);
    expect(problems.some((p) => p.id === 'instruct-mixed/2')).toBe(false);
  });
});

describe('benchmark sources', () => {
  it('an MBPP reference that does not parse (Python 2) is a skip naming file, line and field', async () => {
    const { problems, skips } = await loadProblems({ kind: 'mbpp', dataDir: fixture('mbpp-broken') }, { progress: false });
    expect(problems.map((p) => p.id)).toEqual(['mbpp/901', 'mbpp/903']);
    expect(skips).toHaveLength(1);
    expect(skips[0]).toMatchObject({ problemId: 'mbpp/902', reason: 'syntax-error' });
    expect(skips[0].detail).toMatch(/mbpp-broken\/mbpp\.jsonl:2: field "code": line 2/);
  });

  it('a missing benchmark file is a DataMissingError saying where to download it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plum-nodata-'));
    await expect(loadProblems({ kind: 'mbpp', dataDir: empty, variant: 'plus' })).rejects.toThrow(DataMissingError);
    await expect(loadProblems({ kind: 'mbpp', dataDir: empty, variant: 'plus' })).rejects.toThrow(/MbppPlus\.jsonl\.gz.*github\.com\/evalplus\/mbppplus_release/);
    await expect(loadProblems({ kind: 'humaneval', dataDir: empty })).rejects.toThrow(DataMissingError);
    await expect(loadProblems({ kind: 'humaneval', dataDir: empty, plus: true })).rejects.toThrow(/HumanEvalPlus\.jsonl\.gz/);
  });

  it('a source spec of the wrong shape is a ConfigError naming the field', async () => {
    const bad = { kind: 'mbpp', dataDir: 3 } as unknown as ProblemSourceSpec;
    await expect(loadProblems(bad)).rejects.toThrow(ConfigError);
    await expect(loadProblems(bad)).rejects.toThrow(/field "dataDir"/);
    await expect(loadProblems({ kind: 'nope' } as unknown as ProblemSourceSpec)).rejects.toThrow(ConfigError);
  });
});
