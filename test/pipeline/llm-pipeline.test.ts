/**
 * The whole pipeline with the LLM test generator and the LLM policy, against the local fake
 * OpenAI-compatible server (scripted answers, faults on): every problem ends with tests or a
 * recorded skip, the pairs come out, and a forced rerun sends zero requests (response cache).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePipelineConfig } from '../../src/pipeline/load-config.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { buildPolicyPrompt } from '../../src/sample/llm-prompt.js';
import { faultsByRate, startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { makeTasks, scriptedCoder } from '../llm/support/scripted-coder.js';

const work = mkdtempSync(join(tmpdir(), 'plum-llm-pipe-'));
const tasks = makeTasks(7);
let server: FakeLlmServer;

beforeAll(async () => {
  server = await startFakeLlmServer({ answer: scriptedCoder(tasks), fault: faultsByRate({ rateLimit: 0.15, serverError: 0.15 }) });
});
afterAll(async () => server?.close());

const readLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

describe('plum run with LLM generators', () => {
  it('runs end to end with faults, records every problem, and reruns from the cache', async () => {
    const instruct = join(work, 'tasks.jsonl');
    writeFileSync(instruct, tasks.map((t) => JSON.stringify({ instruction: `Task ${t.id}: write a Python function add_${t.k} that takes an integer x and returns x plus ${t.k}.` })).join('\n') + '\n');
    const endpoint = { baseUrl: server.url, model: 'fake-model', apiKey: 'k', maxRetries: 6 };
    const config = parsePipelineConfig({
      problems: { sources: [{ kind: 'instruct', path: instruct }] },
      testgen: { generator: 'llm' },
      sample: { generator: 'llm' },
      llm: { testgen: { ...endpoint, numTests: 5 }, policy: { ...endpoint, samples: 4 } },
    });
    const runDir = join(work, 'run');
    const quiet = { progress: { enabled: false }, log: () => {} };
    const report = await runPipeline({ runDir, config, noCache: true, ...quiet });
    expect(report.stages.map((s) => s.name)).toContain('export');

    const problems = readLines(join(runDir, '01-problems.jsonl'));
    const tested = new Set(readLines(join(runDir, '02-tests.jsonl')).map((t) => t.problemId));
    const skipped = new Set(readLines(join(runDir, '02-test-skips.jsonl')).map((s) => s.problemId));
    for (const p of problems) expect(tested.has(p.id) || skipped.has(p.id), p.id).toBe(true);
    expect(readLines(join(runDir, '02-llm-answers.jsonl')).length).toBeGreaterThan(0);
    const samples = readLines(join(runDir, 'round-0/04-samples.jsonl'));
    expect(samples.length).toBeGreaterThan(0);
    expect(new Set(samples.map((s) => s.id)).size).toBe(samples.length);
    const dpo = readLines(join(runDir, 'round-0/07-dpo.jsonl'));
    expect(dpo.length).toBeGreaterThan(0);
    // On-policy: the pair's prompt is the policy's sampling prompt.
    const updated = new Map(problems.map((p) => [p.id, p]));
    for (const p of readLines(join(runDir, '02-problem-updates.jsonl'))) updated.set(p.id, p);
    expect(dpo[0].prompt).toBe(buildPolicyPrompt(updated.get(dpo[0].problemId)));
    const stats = JSON.parse(readFileSync(join(runDir, 'round-0/stats.json'), 'utf8'));
    expect(stats.llm?.testgen?.requests).toBeGreaterThan(0);
    // Instructions without example calls: the mutation pool is seeded from the LLM's asserts, so scores exist.
    const scores = readLines(join(runDir, 'round-0/mutation-scores.jsonl'));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.filter((m) => m.score !== null).length).toBeGreaterThan(0);
    const truncated = () => JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).stages['sample@round-0'].counts['llm.truncatedSamples'];
    const truncatedFirst = truncated();
    expect(truncatedFirst).toBeGreaterThan(0);

    server.reset();
    await runPipeline({ runDir, config, noCache: true, force: true, ...quiet });
    expect(server.stats.chatRequests).toBe(0);
    expect(truncated()).toBe(truncatedFirst); // counted from the samples, cached or not
  });

  it('a bad endpoint fails before any stage writes', async () => {
    const config = parsePipelineConfig({
      testgen: { generator: 'llm' },
      llm: { testgen: { baseUrl: server.url, model: 'no-such-model', apiKey: 'k' } },
    });
    const runDir = join(work, 'bad');
    await expect(runPipeline({ runDir, config, progress: { enabled: false }, log: () => {} })).rejects.toThrow(/no-such-model/);
    expect(() => readFileSync(join(runDir, '01-problems.jsonl'))).toThrow();
  });
});
