import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolvePython } from '../../src/execution/python.js';
import { exportTrlDataset } from '../../src/export/export-trl.js';
import { renderDatasetCard } from '../../src/export/dataset-card.js';
import { ktoLossWeights } from '../../src/pairs/kto-weights.js';
import { buildTrlConfig, renderTrlConfig } from '../../src/export/trl-config.js';
import { toTrlDpoRow, toTrlKtoRow } from '../../src/export/trl-rows.js';
import type { DpoPair, KtoExample } from '../../src/records.js';

const pair = (i: number): DpoPair => ({ id: `d${i}`, problemId: 'p1', round: 0, prompt: 'Add two numbers.', chosen: 'def add(a, b): return a + b', rejected: 'def add(a, b): return a - b', chosenSampleId: 'c', rejectedSampleId: `r${i}`, strategy: 'all' });
const kto = (i: number, label: boolean): KtoExample => ({ id: `k${i}`, problemId: 'p1', round: 0, sampleId: `s${i}`, prompt: 'Add two numbers.', completion: `code ${i}`, label });

function hasPyYaml(): boolean {
  try {
    execFileSync(resolvePython(), ['-c', 'import yaml'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'plum-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TRL rows', () => {
  it('are conversational: prompt as user messages, answers as assistant messages', () => {
    expect(toTrlDpoRow(pair(0))).toEqual({
      prompt: [{ role: 'user', content: 'Add two numbers.' }],
      chosen: [{ role: 'assistant', content: 'def add(a, b): return a + b' }],
      rejected: [{ role: 'assistant', content: 'def add(a, b): return a - b' }],
    });
    expect(toTrlKtoRow(kto(0, true), { systemPrompt: 'You write Python.' })).toEqual({
      prompt: [{ role: 'system', content: 'You write Python.' }, { role: 'user', content: 'Add two numbers.' }],
      completion: [{ role: 'assistant', content: 'code 0' }],
      label: true,
    });
  });
});

describe('exportTrlDataset', async () => {
  const ktoExamples = [kto(0, true), kto(1, false), kto(2, false), kto(3, false)];
  const result = await exportTrlDataset([pair(0), pair(1)], ktoExamples, {
    outDir: dir,
    training: { model: 'Qwen/Qwen2.5-Coder-0.5B-Instruct' },
    provenance: { run: 'runs/test', seed: 1 },
    config: { strategy: 'all' },
  });

  it('writes TRL JSONL files with the TRL field names', () => {
    expect(result).toMatchObject({ dpoRows: 2, ktoRows: 4, ktoDesirable: 1, ktoUndesirable: 3 });
    const dpoLines = readFileSync(result.files.dpo, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(dpoLines[0]).sort()).toEqual(['chosen', 'prompt', 'rejected']);
    const ktoLines = readFileSync(result.files.kto, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(ktoLines[0]).sort()).toEqual(['completion', 'label', 'prompt']);
    expect(ktoLines.map((l) => l.label)).toEqual([true, false, false, false]);
  });

  it('writes trl dpo / trl kto configs pointing at the files, with balancing KTO weights', () => {
    const dpo = parse(readFileSync(result.files.dpoConfig, 'utf8'));
    expect(dpo).toMatchObject({ model_name_or_path: 'Qwen/Qwen2.5-Coder-0.5B-Instruct', dataset_name: './dpo', beta: 0.1, learning_rate: 5e-7 });
    const ktoConfig = parse(readFileSync(result.files.ktoConfig, 'utf8'));
    expect(ktoConfig).toMatchObject({ dataset_name: './kto', desirable_weight: 3, undesirable_weight: 1 });
    expect(ktoConfig.per_device_train_batch_size).toBeGreaterThan(1);
    expect(readFileSync(result.files.ktoConfig, 'utf8')).toContain('trl kto --config trl-kto.yaml');
  });

  it('writes floats as 5.0e-7, which PyYAML (YAML 1.1) reads as a number', () => {
    const text = renderTrlConfig('dpo', buildTrlConfig('dpo', { learningRate: 5e-7 }));
    expect(text).toMatch(/^learning_rate: 5\.0e-7$/m);
  });

  it.skipIf(!hasPyYaml())('PyYAML, as TrlParser uses it, reads the config back', () => {
    const text = renderTrlConfig('dpo', buildTrlConfig('dpo', { learningRate: 5e-7 }));
    const py = execFileSync(resolvePython(), ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: text, encoding: 'utf8' });
    expect(JSON.parse(py).learning_rate).toBe(5e-7);
  });

  it('writes a dataset card with counts, provenance, config and the training command', () => {
    const card = readFileSync(result.files.card, 'utf8');
    expect(card).toMatch(/^---\n/);
    expect(card).toContain('path: dpo/train.jsonl');
    expect(card).toContain('| `dpo/train.jsonl` | 2 |');
    expect(card).toContain('1 true, 3 false');
    expect(card).toContain('trl dpo --config trl-dpo.yaml --model_name_or_path Qwen/Qwen2.5-Coder-0.5B-Instruct');
    expect(card).toContain('run: runs/test');
    expect(card).toContain('cd <this directory>');
    expect(card).not.toContain(dir); // no absolute path of the machine that wrote it
    expect(card).toContain('learning_rate: 5.0e-7'); // PyYAML (YAML 1.1) reads 5e-7 as a string
    expect(card).not.toMatch(/: \d+e-\d+$/m);
    expect(card).toContain('export: { training: { model: NAME } }');
    expect(card).toContain('strategy: all');
    expect(card).toContain('desirable_weight=3');
  });
});

describe('dataset card wording', () => {
  const base = { dpoRows: 1, ktoRows: 2, ktoDesirable: 1, ktoUndesirable: 1, ktoWeights: ktoLossWeights(1, 1), provenance: {}, config: {}, model: 'm' };
  it('says on-policy only for a policy\'s own samples', () => {
    expect(renderDatasetCard({ ...base, sampler: 'mutation' })).toContain('not on-policy: mutants of the reference');
    expect(renderDatasetCard({ ...base, sampler: 'llm' })).toContain('On-policy, test-verified');
    expect(renderDatasetCard({ ...base, sampler: 'samples' })).toContain('from a samples file');
  });
});
