import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadPipelineConfig, parsePipelineConfig, resolveRoundConfig } from '../../src/pipeline/load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'plum-config-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('pipeline config', () => {
  it('defaults give the embedded offline run', () => {
    const c = parsePipelineConfig({});
    expect(c.name).toBe('default');
    expect(c.seed).toBe(1);
    expect(c.problems.sources).toEqual([{ kind: 'embedded' }]);
    expect(c.testgen.generator).toBe('offline');
    expect(c.sample).toMatchObject({ generator: 'mutation', k: 8 });
    expect(c.label.excludeSyntaxErrors).toBe(true);
  });

  it('reads YAML and JSON files', () => {
    const yaml = loadPipelineConfig(write('a.yaml', 'seed: 7\nsample:\n  k: 4\n'));
    expect(yaml.seed).toBe(7);
    expect(yaml.sample.k).toBe(4);
    const json = loadPipelineConfig(write('a.json', JSON.stringify({ problems: { limit: 3 } })));
    expect(json.problems.limit).toBe(3);
  });

  it('a wrong type names the file and the field path', () => {
    const file = write('bad.yaml', 'sample:\n  k: eight\n');
    expect(() => loadPipelineConfig(file)).toThrow(ConfigError);
    expect(() => loadPipelineConfig(file)).toThrow(/bad\.yaml: field "sample\.k"/);
  });

  it('an unknown key is an error (typos do not pass silently)', () => {
    const file = write('typo.yaml', 'sampel:\n  k: 4\n');
    expect(() => loadPipelineConfig(file)).toThrow(/typo\.yaml.*sampel/);
  });

  it('an unknown problem source kind names the field', () => {
    const file = write('src.yaml', 'problems:\n  sources:\n    - kind: nope\n');
    expect(() => loadPipelineConfig(file)).toThrow(/field "problems\.sources\.0\.kind"/);
  });

  it('YAML that does not parse is a ConfigError', () => {
    expect(() => loadPipelineConfig(write('broken.yaml', 'a: [1, 2\n'))).toThrow(ConfigError);
    expect(() => loadPipelineConfig(join(dir, 'missing.yaml'))).toThrow(/not found/);
  });

  it('per-round overrides merge onto the config and are validated up front', () => {
    const c = parsePipelineConfig({ sample: { k: 4 }, rounds: { '1': { sample: { k: 2 } } } });
    expect(resolveRoundConfig(c, 0).sample.k).toBe(4);
    expect(resolveRoundConfig(c, 1).sample).toMatchObject({ k: 2, generator: 'mutation' });
    expect(() => parsePipelineConfig({ rounds: { '1': { sample: { k: 'x' } } } }, 'cfg.yaml')).toThrow(/cfg\.yaml: field "rounds\.1\.sample\.k"/);
  });

  it('hosts the LLM section (validated by the LLM schema)', () => {
    const c = parsePipelineConfig({ testgen: { generator: 'llm' }, llm: { testgen: { model: 'm', baseUrl: 'http://127.0.0.1:1/v1' } } });
    expect(c.llm?.testgen?.model).toBe('m');
    expect(() => parsePipelineConfig({ llm: { policy: { model: 3 } } }, 'c.yaml')).toThrow(/field "llm\.policy\.model"/);
    expect(() => parsePipelineConfig({ sample: { generator: 'llm' } }, 'c.yaml')).toThrow(/field "llm\.policy": required/);
  });
});
