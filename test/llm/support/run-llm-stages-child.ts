/**
 * A child process for the crash tests: runs LLM test generation then policy sampling over the
 * scripted tasks against a fake server, writing append logs the way a resumable stage does
 * (records keyed by id, a done-marker per problem). Killed with SIGKILL mid-run by the test, then
 * rerun to completion.
 *
 *   node bin/run-ts.js test/llm/support/run-llm-stages-child.ts <baseUrl> <outDir> <tasks>
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import { openAppendLog } from '../../../src/io/jsonl.js';
import { createLlmClient } from '../../../src/llm/client.js';
import { LlmEndpoint } from '../../../src/llm/config.js';
import { LlmAnswer, Problem, ProblemSkip, Sample, TestCase } from '../../../src/records.js';
import { samplePolicy } from '../../../src/sample/llm-policy.js';
import { generateTestsWithLlm } from '../../../src/testgen/llm-testgen.js';
import { z } from 'zod';
import { makeTasks, taskProblem } from './scripted-coder.js';

const [baseUrl, outDir, count] = process.argv.slice(2);
const Done = z.object({ problemId: z.string() });

async function main(): Promise<void> {
  const problems = makeTasks(Number(count)).map(taskProblem);
  const cacheDir = join(outDir, 'llm-cache');
  const backoff = { baseDelayMs: 5, maxDelayMs: 1500 };
  const endpoint = { baseUrl, model: 'coder', apiKey: 'k', concurrency: 4, timeoutMs: 500 };
  const testgen = createLlmClient(LlmEndpoint.parse(endpoint), { role: 'testgen', cacheDir, backoff });
  const policy = createLlmClient(LlmEndpoint.parse({ ...endpoint, model: 'policy' }), { role: 'policy', cacheDir, backoff });

  const tests = await openAppendLog(join(outDir, 'tests.jsonl'), TestCase, (t) => t.id);
  const skips = await openAppendLog(join(outDir, 'skips.jsonl'), ProblemSkip, (s) => `${s.stage}:${s.problemId}`);
  const answers = await openAppendLog(join(outDir, 'answers.jsonl'), LlmAnswer, (a) => a.problemId);
  const samples = await openAppendLog(join(outDir, 'samples.jsonl'), Sample, (s) => s.id);
  const updatedLog = await openAppendLog(join(outDir, 'problems.jsonl'), Problem, (p) => p.id);
  const testgenDone = await openAppendLog(join(outDir, 'testgen.done.jsonl'), Done, (d) => d.problemId);
  const sampleDone = await openAppendLog(join(outDir, 'sample.done.jsonl'), Done, (d) => d.problemId);
  const limit = pLimit(8);

  const withTests = new Set(tests.existing.map((t) => t.problemId));
  const updated = new Map(problems.map((p) => [p.id, p]));
  for (const p of updatedLog.existing) updated.set(p.id, p);
  await Promise.all(
    problems.map((problem) =>
      limit(async () => {
        if (testgenDone.keys.has(problem.id)) return;
        const r = await generateTestsWithLlm(problem, testgen, { numTests: 5 });
        if (r.answer) answers.append(r.answer);
        for (const t of r.tests) tests.append(t);
        if (r.skip) skips.append(r.skip);
        if (r.tests.length) withTests.add(problem.id);
        if (r.problemChanged) {
          updatedLog.append(r.problem);
          updated.set(problem.id, r.problem);
        }
        testgenDone.append({ problemId: problem.id });
      }),
    ),
  );
  await Promise.all(
    problems
      .filter((p) => withTests.has(p.id))
      .map((problem) =>
        limit(async () => {
          if (sampleDone.keys.has(problem.id)) return;
          // The entry point comes from the test generator when the instruction had none.
          const r = await samplePolicy(updated.get(problem.id)!, policy, { samples: 4, round: 1, seed: 0 });
          for (const s of r.samples) samples.append(s);
          if (r.skip) skips.append(r.skip);
          sampleDone.append({ problemId: problem.id });
        }),
      ),
  );
  for (const log of [tests, skips, answers, samples, updatedLog, testgenDone, sampleDone]) log.close();
  await testgen.close();
  await policy.close();
  process.stdout.write(JSON.stringify({ testgen: testgen.usage(), policy: policy.usage() }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
