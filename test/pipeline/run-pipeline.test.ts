/**
 * The runner's planning, in-process on a tiny real run: a rerun does nothing, a change to a derived
 * stage's config recomputes it and what follows, a change to a resumable stage's config is refused
 * (naming the field) until `restart`, and a deleted output is rebuilt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { runPaths } from '../../src/io/run-dir.js';
import { parsePipelineConfig } from '../../src/pipeline/load-config.js';
import { runPipeline, type PipelineReport } from '../../src/pipeline/run-pipeline.js';
import { readRunState } from '../../src/pipeline/run-state.js';

const runDir = join(mkdtempSync(join(tmpdir(), 'plum-runner-')), 'run');
const base = { problems: { limit: 3 }, sample: { k: 3 }, mutation: { enabled: false }, testgen: { maxTestsPerProblem: 5 } };
const quiet = { progress: { enabled: false }, log: () => {} };
const actions = (r: PipelineReport) => Object.fromEntries(r.stages.map((s) => [s.name, s.action]));

describe('runPipeline planning', () => {
  it('reruns, recomputes, refuses and restarts as the config says', async () => {
    const first = await runPipeline({ runDir, config: parsePipelineConfig(base), ...quiet });
    expect(new Set(Object.values(actions(first)))).toEqual(new Set(['ran']));
    const state = readRunState(runPaths(runDir).runState);
    expect(Object.values(state.stages).every((s) => s.status === 'complete')).toBe(true);
    expect(state.versions.python).toMatch(/^3\./);

    const again = await runPipeline({ runDir, config: parsePipelineConfig(base), ...quiet });
    expect(new Set(Object.values(actions(again)))).toEqual(new Set(['up-to-date']));

    const pairsChanged = await runPipeline({ runDir, config: parsePipelineConfig({ ...base, pairs: { strategy: 'one-per-chosen' } }), ...quiet });
    expect(actions(pairsChanged)).toMatchObject({ testgen: 'up-to-date', execute: 'up-to-date', label: 'up-to-date', pairs: 'redone', stats: 'redone', export: 'redone' });

    const kChanged = parsePipelineConfig({ ...base, pairs: { strategy: 'one-per-chosen' }, sample: { k: 2 } });
    await expect(runPipeline({ runDir, config: kChanged, ...quiet })).rejects.toThrow(ConfigError);
    await expect(runPipeline({ runDir, config: kChanged, ...quiet })).rejects.toThrow(/sample\.k/);
    const restarted = await runPipeline({ runDir, config: kChanged, restart: true, ...quiet });
    expect(actions(restarted)).toMatchObject({ filter: 'up-to-date', sample: 'redone', execute: 'redone', label: 'redone', pairs: 'redone' });
    expect(restarted.stages.find((s) => s.name === 'sample')?.counts.samples).toBe(6);

    rmSync(runPaths(runDir).round(0).dpo);
    const rebuilt = await runPipeline({ runDir, config: kChanged, ...quiet });
    expect(actions(rebuilt)).toMatchObject({ label: 'up-to-date', pairs: 'redone', stats: 'redone', export: 'redone' });
  });
});
