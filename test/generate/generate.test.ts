// `plum generate` end to end against the local OpenAI-compatible server: chat and completion styles,
// the samples file `plum eval` then scores, failed requests left out and asked again by a rerun, and
// a `kill -9` in the middle of a run after which the rerun asks only for the unanswered tasks.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSamples } from '../../src/generate/generate.js';
import { EVALPLUS_INSTRUCTION_PREFIX } from '../../src/generate/prompts.js';
import { packageRoot } from '../../src/paths.js';
import { GeneratedSample } from '../../src/records.js';
import { startFakeLlmServer, type FakeChatRequest, type FakeLlmServer } from '../support/fake-llm-server.js';

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'plum-generate-'));
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Six HumanEval-format tasks; the fake model gets `mul` wrong. */
const bodies: Record<string, string> = {
  add: 'return a + b',
  sub: 'return a - b',
  mul: 'return a + b', // wrong on purpose
  neg: 'return -a',
  double: 'return 2 * a',
  square: 'return a * a',
};
const expected: Record<string, [string, string]> = {
  add: ['a, b', 'assert candidate(2, 3) == 5'],
  sub: ['a, b', 'assert candidate(5, 3) == 2'],
  mul: ['a, b', 'assert candidate(2, 3) == 6'],
  neg: ['a', 'assert candidate(4) == -4'],
  double: ['a', 'assert candidate(4) == 8'],
  square: ['a', 'assert candidate(3) == 9'],
};
const problems = join(dir, 'problems.jsonl');
writeFileSync(
  problems,
  Object.entries(expected)
    .map(([name, [args, check]], i) =>
      JSON.stringify({
        task_id: `Small/${i}`,
        prompt: `def ${name}(${args}):\n    """Compute ${name}."""\n`,
        canonical_solution: `    ${bodies[name === 'mul' ? 'square' : name]}\n`,
        test: `def check(candidate):\n    ${check}\n`,
        entry_point: name,
      }),
    )
    .join('\n') + '\n',
);

/** The fake model: reads the function name from the prompt and answers in the requested style. */
function coder(request: FakeChatRequest): string {
  const name = /def (\w+)\(/.exec(request.prompt)?.[1] ?? 'unknown';
  if (request.api === 'completions') return `    ${bodies[name]}\n`;
  const args = expected[name]?.[0] ?? '';
  return `Here is the solution:\n\n\`\`\`python\ndef ${name}(${args}):\n    ${bodies[name]}\n\`\`\`\n\nIt passes the tests.`;
}

function plum(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'plum.js'), ...args], { cwd: dir, env: { ...process.env, PLUM_CACHE_DIR: join(dir, 'plum-cache'), ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const readSamples = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => GeneratedSample.parse(JSON.parse(l)));

describe('plum generate (CLI) against a local OpenAI-compatible server', () => {
  it('writes chat samples in EvalPlus\'s instruction style that plum eval scores, and a rerun sends no request', async () => {
    server = await startFakeLlmServer({ answer: (r) => coder(r) });
    const out = join(dir, 'chat.jsonl');
    const args = ['generate', '--dataset', 'humaneval', '--problem-file', problems, '--model', 'fake-model', '--base-url', server.url, '--out', out];
    const first = await plum(args);
    expect(first.stderr).toContain('generate humaneval');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('6 samples of 6/6 tasks');
    expect(server.stats.chatRequests).toBe(6);
    // The prompt is EvalPlus's: the instruction, then the task's prompt in a python fence.
    const sent = server.stats.log.filter((e) => e.path === '/v1/chat/completions');
    expect(sent).toHaveLength(6);
    const samples = readSamples(out);
    expect(samples.map((s) => s.task_id)).toEqual(['Small/0', 'Small/1', 'Small/2', 'Small/3', 'Small/4', 'Small/5']);
    expect(samples[0]).toMatchObject({ sample_index: 0, model: 'fake-model', style: 'instruct', dataset: 'humaneval', finish_reason: 'stop' });
    expect(samples[0].solution).toBe('def add(a, b):\n    return a + b\n');
    expect(samples[0].raw).toContain('Here is the solution');
    expect(samples[0].completion).toBeUndefined();

    server.reset();
    const again = await plum(args);
    expect(again.code).toBe(0);
    expect(server.stats.chatRequests).toBe(0);
    expect(again.stdout).toContain('6 samples from the cache');

    const evaluated = await plum(['eval', '--dataset', 'humaneval', '--samples', out, '--problem-file', problems, '--jobs', '1']);
    expect(evaluated.stderr).not.toMatch(/Error/);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain('6 samples of 6/6 tasks');
    expect(evaluated.stdout).toContain('pass@1: 0.8333'); // 5 of 6: mul is wrong
    // the summary beside the results names the model the samples file records
    const summary = JSON.parse(readFileSync(`${out}_results.summary.json`, 'utf8'));
    expect(summary).toMatchObject({ kind: 'plum-eval-summary', dataset: 'humaneval', model: 'fake-model' });
  }, 120_000);

  it('asks base models on /completions with the prompt as is and EvalPlus\'s stops; solution = prompt + continuation', async () => {
    const prompts: string[] = [];
    const stops: unknown[] = [];
    server = await startFakeLlmServer({
      answer: (r) => {
        prompts.push(r.prompt);
        stops.push(r.stop);
        return coder(r);
      },
    });
    const out = join(dir, 'base.jsonl');
    const run = await plum(['generate', '--dataset', 'humaneval', '--problem-file', problems, '--model', 'fake-model', '--base-url', server.url, '--out', out, '--style', 'completion', '--n', '2', '--temperature', '0.8']);
    expect(run.code).toBe(0);
    const asked = server.stats.log.filter((e) => e.path !== '/v1/models'); // the preflight lists the models
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((e) => e.path === '/v1/completions')).toBe(true);
    expect(prompts).toContain('def add(a, b):\n    """Compute add."""\n');
    expect(stops[0]).toEqual(expect.arrayContaining(['\ndef ', '\nclass ', '\nif __name__', '\nprint(']));
    const samples = readSamples(out);
    expect(samples).toHaveLength(12);
    expect(samples.map((s) => `${s.task_id}#${s.sample_index}`).slice(0, 2)).toEqual(['Small/0#0', 'Small/0#1']);
    expect(samples[0]).toMatchObject({ style: 'completion', completion: '    return a + b\n', solution: 'def add(a, b):\n    """Compute add."""\n    return a + b\n' });
    const evaluated = await plum(['eval', '--dataset', 'humaneval', '--samples', out, '--problem-file', problems, '--jobs', '1']);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain('12 samples of 6/6 tasks');
    expect(evaluated.stdout).toContain('pass@1: 0.8333');
  }, 120_000);

  it('leaves a task whose request failed out of the file, and the rerun asks only for it', async () => {
    let failMul = true;
    server = await startFakeLlmServer({ answer: (r) => coder(r), fault: (r) => (failMul && r.prompt.includes('def mul(') ? { kind: 'server_error', status: 503 } : undefined) });
    const out = join(dir, 'retry.jsonl');
    const options = { dataset: 'humaneval' as const, problemFile: problems, out, endpoint: { baseUrl: server.url, model: 'fake-model', maxRetries: 1 }, progress: false };
    const first = await generateSamples(options);
    expect(first.failed.map((f) => f.taskId)).toEqual(['Small/2']);
    expect(first.failed[0].error).toContain('503');
    expect(readSamples(out).map((s) => s.task_id)).toEqual(['Small/0', 'Small/1', 'Small/3', 'Small/4', 'Small/5']);

    failMul = false;
    server.reset();
    const second = await generateSamples(options);
    expect(second.failed).toEqual([]);
    expect(server.stats.chatRequests).toBe(1);
    expect(second.cachedSamples).toBe(5);
    expect(readSamples(out).map((s) => s.task_id)).toEqual(['Small/0', 'Small/1', 'Small/2', 'Small/3', 'Small/4', 'Small/5']);
    expect(first.usage?.retries.server_error).toBe(1);
  }, 60_000);

  it('after kill -9 in the middle of a run, the rerun asks only for the tasks not yet answered', async () => {
    // Tasks 3-5 answer only after a minute: the run is killed while they are in flight.
    let slow = true;
    server = await startFakeLlmServer({
      answer: (r) => coder(r),
      fault: (r) => (slow && /def (neg|double|square)\(/.test(r.prompt) ? { kind: 'slow', delayMs: 60_000 } : undefined),
    });
    const out = join(dir, 'killed.jsonl');
    const args = ['generate', '--dataset', 'humaneval', '--problem-file', problems, '--model', 'fake-model', '--base-url', server.url, '--out', out];
    const child = spawn(process.execPath, [join(root, 'bin', 'plum.js'), ...args], { cwd: dir, stdio: 'ignore', env: { ...process.env, PLUM_CACHE_DIR: join(dir, 'plum-cache') } });
    const cacheDir = join(dir, 'killed.llm-cache');
    const cachedSamples = () =>
      existsSync(cacheDir) ? readdirSync(cacheDir).flatMap((f) => readFileSync(join(cacheDir, f), 'utf8').split('\n')).filter((l) => l.includes('"key"')).length : 0;
    const deadline = Date.now() + 90_000;
    while (cachedSamples() < 3 || server.stats.chatRequests < 6) {
      if (Date.now() > deadline) throw new Error(`the first run did not get going (${cachedSamples()} cached, ${server.stats.chatRequests} requests)`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(out)).toBe(false); // the samples file is written whole at the end, never half

    slow = false;
    server.reset();
    const rerun = await plum(args);
    expect(rerun.code).toBe(0);
    expect(server.stats.chatRequests).toBe(3); // neg, double, square only
    expect(rerun.stdout).toContain('3 samples from the cache');
    expect(readSamples(out)).toHaveLength(6);
  }, 180_000);

  it('stops at once with one line naming the setting when the model is not served', async () => {
    server = await startFakeLlmServer({ answer: (r) => coder(r) });
    const run = await plum(['generate', '--dataset', 'humaneval', '--problem-file', problems, '--model', 'other-model', '--base-url', server.url, '--out', join(dir, 'none.jsonl')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('model "other-model" is not served');
    expect(run.stderr).toContain('set --model to one of: fake-model');
    expect(existsSync(join(dir, 'none.jsonl'))).toBe(false);
  }, 60_000);
});

describe('prompt in the chat request', () => {
  it('is EvalPlus\'s instruction prefix and the prompt in a python fence', async () => {
    const seen: string[] = [];
    server = await startFakeLlmServer({ answer: (r) => (seen.push(r.prompt), coder(r)) });
    await generateSamples({ dataset: 'humaneval', problemFile: problems, out: join(dir, 'prompt.jsonl'), endpoint: { baseUrl: server.url, model: 'fake-model' }, limit: 1, progress: false });
    expect(seen).toEqual([`${EVALPLUS_INSTRUCTION_PREFIX}\n\`\`\`python\ndef add(a, b):\n    """Compute add."""\n\`\`\``]);
  }, 30_000);
});
