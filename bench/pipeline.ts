/**
 * Benchmark of the labels, pairs, stats and export stages over recorded executions:
 * synthesises 10,000 problems x 16 samples (problems, filter decisions, samples, executions and
 * mutation scores as JSONL on disk, kept between runs under the temp dir), then runs the stages
 * streaming from those files in a fresh child process per repetition and prints time per stage and
 * peak RSS (median of the repetitions). Memory must stay under 1 GB.
 *
 *   npm run bench:pipeline [-- --problems 10000 --samples 16 --runs 3 --dir /tmp/plum-bench-pipeline]
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportTrlDataset } from '../src/export/export-trl.js';
import { readJsonl } from '../src/io/jsonl.js';
import { buildTrainingPrompt } from '../src/pairs/prompt.js';
import { seededRandom } from '../src/pairs/seeded-random.js';
import { indexLabels, labelExecutions, streamPreferences } from '../src/pairs/stream.js';
import { DpoPair, Execution, FilterDecision, KtoExample, Label, MutationScore, Problem, Sample, type TestOutcome } from '../src/records.js';
import { createStatsAccumulator } from '../src/stats/collect-stats.js';
import { formatStatsSummary } from '../src/stats/format-stats.js';

// ---------------------------------------------------------------------------------------------
// options

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const problems = Number(argValue('problems', '10000'));
const samplesPerProblem = Number(argValue('samples', '16'));
const runs = Number(argValue('runs', '3'));
const dir = resolve(argValue('dir', join(tmpdir(), 'plum-bench-pipeline')));
const testsPerProblem = 10;
const files = {
  marker: join(dir, 'synthetic.json'),
  problems: join(dir, '01-problems.jsonl'),
  decisions: join(dir, '03-filter-decisions.jsonl'),
  samples: join(dir, '04-samples.jsonl'),
  executions: join(dir, '05-executions.jsonl'),
  mutation: join(dir, '05-mutation-scores.jsonl'),
  labels: join(dir, 'out', '06-labels.jsonl'),
  dpo: join(dir, 'out', '07-dpo-pairs.jsonl'),
  kto: join(dir, 'out', '07-kto-examples.jsonl'),
  stats: join(dir, 'out', 'stats.json'),
  export: join(dir, 'out', 'export'),
};

// ---------------------------------------------------------------------------------------------
// a buffered line writer (one syscall per MiB)

function openLineWriter(file: string) {
  const fd = openSync(file, 'w');
  let buffer = '';
  let count = 0;
  return {
    write(record: unknown) {
      buffer += JSON.stringify(record) + '\n';
      count += 1;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      if (buffer) writeSync(fd, buffer);
      closeSync(fd);
      return count;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// synthesis

const failureVerdicts: { verdict: TestOutcome['verdict']; errorType?: string }[] = [
  { verdict: 'fail' },
  { verdict: 'fail' },
  { verdict: 'fail' },
  { verdict: 'error', errorType: 'TypeError' },
  { verdict: 'error', errorType: 'IndexError' },
  { verdict: 'error', errorType: 'ValueError' },
  { verdict: 'error', errorType: 'ZeroDivisionError' },
  { verdict: 'timeout' },
  { verdict: 'crash', errorType: 'SIGKILL' },
];

function synthesise(): void {
  const params = { problems, samplesPerProblem, testsPerProblem, version: 2 };
  if (existsSync(files.marker) && readFileSync(files.marker, 'utf8') === JSON.stringify(params)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const random = seededRandom(42, 'bench-pipeline');
  const w = {
    problems: openLineWriter(files.problems),
    decisions: openLineWriter(files.decisions),
    samples: openLineWriter(files.samples),
    executions: openLineWriter(files.executions),
    mutation: openLineWriter(files.mutation),
  };
  for (let p = 0; p < problems; p += 1) {
    const problemId = `synthetic/${p}`;
    const entryPoint = `solve_${p}`;
    const problem: Problem = {
      id: problemId,
      source: 'synthetic',
      instruction: `Write a function ${entryPoint}(xs, k) that returns the sum of the k largest distinct values in the list xs (problem ${p}). Return 0 for an empty list.`,
      entryPoint,
      signature: `def ${entryPoint}(xs: list[int], k: int) -> int:`,
      reference: `def ${entryPoint}(xs, k):\n    return sum(sorted(set(xs), reverse=True)[:k])\n`,
      examples: [{ args: '[[3, 1, 2], 2]', expected: '5' }],
      benchmarkTests: [],
      tags: ['lists'],
      provenance: { generator: 'bench-synthetic', seed: 42 },
      contentHash: `h${p}`,
    };
    w.problems.write(problem);
    const keptIds: string[] = [];
    for (let t = 0; t < testsPerProblem; t += 1) {
      const testId = `${problemId}/t${t}`;
      const dropped = t >= 8; // two of ten dropped
      const reason = t === 8 ? 'reference fails' : 'duplicate';
      w.decisions.write({
        testId,
        problemId,
        kept: !dropped,
        decisions: [
          { heuristic: 'consistency', keep: !(dropped && t === 8), reason: t === 8 ? reason : 'reference passes' },
          { heuristic: 'duplicate', keep: !(dropped && t === 9), reason: t === 9 ? 'duplicate' : 'unique' },
          { heuristic: 'trivial', keep: true, reason: 'calls the entry point' },
        ],
      });
      if (!dropped) keptIds.push(testId);
    }
    // per-problem difficulty: some all-pass, some all-fail, mostly mixed
    const u = random();
    const passRate = u < 0.15 ? 1 : u < 0.3 ? 0 : random();
    let passedCodes = 0;
    for (let s = 0; s < samplesPerProblem; s += 1) {
      const sampleId = `${problemId}/r0/s${s}`;
      const syntaxError = random() < 0.03;
      const passes = !syntaxError && random() < passRate;
      const variant = random() < 0.1 ? 0 : s; // some duplicate code
      const name = ['top', 'best', 'ranked', 'values', 'largest', 'ordered', 'desc', 'picked'][variant % 8];
      const body = passes
        ? `    seen_${variant} = set(xs)\n    ${name} = sorted(seen_${variant}, reverse=True)\n    return sum(${name}[:k])\n`
        : syntaxError
          ? `    return sum(sorted(xs)[:k]\n`
          : `    ${name}_${variant} = sorted(xs, reverse=True)\n    return sum(${name}_${variant}[:k${variant % 3 === 0 ? ' + 1' : ''}])\n`;
      const code = `def ${entryPoint}(xs, k):\n    """Sum of the k largest distinct values."""\n    if not xs:\n        return 0\n${body}`;
      const raw = `Here is a solution:\n\n\`\`\`python\n${code}\`\`\`\n\nIt sorts the distinct values and sums the first k.`;
      const sample: Sample = { id: sampleId, problemId, round: 0, index: s, code, raw, missingEntryPoint: false, provenance: { generator: 'bench-synthetic', seed: 42 }, codeHash: `c${p}-${variant}-${passes}` };
      w.samples.write(sample);
      if (passes) passedCodes += 1;
      let tests: TestOutcome[];
      let verdict: TestOutcome['verdict'] = 'pass';
      if (syntaxError) {
        tests = [];
        verdict = 'syntax_error';
      } else if (passes) {
        tests = keptIds.map((testId) => ({ testId, verdict: 'pass', durationMs: Math.round(random() * 30) / 10 }));
      } else {
        const failing = failureVerdicts[Math.floor(random() * failureVerdicts.length)];
        const at = Math.floor(random() * keptIds.length);
        tests = keptIds.map((testId, i) => {
          if (i < at) return { testId, verdict: 'pass', durationMs: 1.2 };
          if (i === at) return { testId, verdict: failing.verdict, durationMs: failing.verdict === 'timeout' ? 2000 : 1.5, ...(failing.errorType ? { errorType: failing.errorType, message: 'synthetic failure' } : {}) };
          return { testId, verdict: random() < 0.5 ? 'pass' : 'fail', durationMs: 1 };
        });
        verdict = failing.verdict;
      }
      const execution: Execution = { sampleId, problemId, round: 0, verdict, tests, durationMs: 20 + Math.round(random() * 100), cached: false };
      w.executions.write(execution);
    }
    w.mutation.write({
      problemId,
      round: 0,
      score: passedCodes === 0 ? null : Math.round(random() * 100) / 100,
      killed: [],
      survived: [],
      equivalent: [],
      variantsKilled: [],
      testsKept: keptIds.length,
      poolTests: 40,
      method: 'synthetic',
    });
  }
  const counts = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.close()]));
  writeFileSync(files.marker, JSON.stringify(params));
  console.error(`synthesised ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s under ${dir}`);
}

// ---------------------------------------------------------------------------------------------
// one measured run of the stages (in a child process)

async function runStages(): Promise<Record<string, number>> {
  mkdirSync(join(dir, 'out'), { recursive: true });
  const times: Record<string, number> = {};
  const stats = createStatsAccumulator({ round: 0 });
  let t0 = performance.now();

  // labels: kept tests per problem from the filter decisions, then executions -> labels
  const kept = new Map<string, string[]>();
  for await (const { value } of readJsonl(files.decisions, FilterDecision)) {
    stats.addFilterDecision(value);
    if (!value.kept) continue;
    let ids = kept.get(value.problemId);
    if (!ids) kept.set(value.problemId, (ids = []));
    ids.push(value.testId);
  }
  async function* executions() {
    for await (const { value } of readJsonl(files.executions, Execution)) yield value;
  }
  const labelsOut = openLineWriter(files.labels);
  for await (const label of labelExecutions(executions(), (problemId) => ({ keptTestIds: kept.get(problemId) ?? [] }))) {
    stats.addLabel(label);
    labelsOut.write(label);
  }
  labelsOut.close();
  kept.clear();
  times.labels = performance.now() - t0;

  // pairs: labels indexed, samples streamed and grouped, DPO + KTO written
  t0 = performance.now();
  const prompts = new Map<string, string>();
  for await (const { value } of readJsonl(files.problems, Problem)) prompts.set(value.id, buildTrainingPrompt(value));
  async function* labels() {
    for await (const { value } of readJsonl(files.labels, Label)) yield value;
  }
  const index = await indexLabels(labels());
  async function* samples() {
    for await (const { value } of readJsonl(files.samples, Sample)) yield value;
  }
  const dpoOut = openLineWriter(files.dpo);
  const ktoOut = openLineWriter(files.kto);
  const strategy = 'all';
  for await (const data of streamPreferences(samples(), index, (id) => prompts.get(id) ?? '', { strategy, maxPairsPerProblem: 16 })) {
    for (const p of data.dpo) dpoOut.write(p);
    for (const k of data.kto) ktoOut.write(k);
    stats.addPairsSummary(data.summary, strategy);
  }
  times.dpoPairs = dpoOut.close();
  times.ktoExamples = ktoOut.close();
  index.bySample.clear();
  times.pairs = performance.now() - t0;

  // stats: mutation scores + summary
  t0 = performance.now();
  for await (const { value } of readJsonl(files.mutation, MutationScore)) stats.addMutationScore(value);
  const result = stats.finish();
  writeFileSync(files.stats, JSON.stringify(result, null, 2));
  const summary = formatStatsSummary(result);
  times.stats = performance.now() - t0;

  // export: TRL JSONL + configs + card, streamed from the pair files
  t0 = performance.now();
  async function* dpoPairs() {
    for await (const { value } of readJsonl(files.dpo, DpoPair)) yield value;
  }
  async function* ktoExamples() {
    for await (const { value } of readJsonl(files.kto, KtoExample)) yield value;
  }
  await exportTrlDataset(dpoPairs(), ktoExamples(), { outDir: files.export, stats: result, provenance: { generator: 'bench-synthetic' } });
  times.export = performance.now() - t0;

  if (process.argv.includes('--print-summary')) console.error(summary);
  times.peakRssMb = process.resourceUsage().maxRSS / 1024;
  return times;
}

// ---------------------------------------------------------------------------------------------
// driver

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    process.stdout.write(JSON.stringify(await runStages()));
    return;
  }
  synthesise();
  const results: Record<string, number>[] = [];
  for (let r = 0; r < runs; r += 1) {
    const args = [join(process.cwd(), 'bin', 'run-ts.js'), process.argv[1], '--child', '--dir', dir, '--problems', String(problems), '--samples', String(samplesPerProblem)];
    if (r === 0) args.push('--print-summary');
    const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    const times = JSON.parse(out) as Record<string, number>;
    results.push(times);
    console.error(`run ${r + 1}/${runs}: labels ${(times.labels / 1000).toFixed(2)} s, pairs ${(times.pairs / 1000).toFixed(2)} s, stats ${(times.stats / 1000).toFixed(2)} s, export ${(times.export / 1000).toFixed(2)} s, peak RSS ${times.peakRssMb.toFixed(0)} MB`);
  }
  const m = (key: string) => median(results.map((r) => r[key]));
  const total = m('labels') + m('pairs') + m('stats');
  const n = problems * samplesPerProblem;
  console.log(`bench:pipeline  ${problems} problems x ${samplesPerProblem} samples = ${n} executions (median of ${runs} runs, fresh process each)`);
  console.log(`  labels   ${(m('labels') / 1000).toFixed(2)} s  (${Math.round(n / (m('labels') / 1000))} executions/s)`);
  console.log(`  pairs    ${(m('pairs') / 1000).toFixed(2)} s  (${results[0].dpoPairs} DPO pairs, ${results[0].ktoExamples} KTO examples)`);
  console.log(`  stats    ${(m('stats') / 1000).toFixed(2)} s`);
  console.log(`  total    ${(total / 1000).toFixed(2)} s  labels+pairs+stats`);
  console.log(`  export   ${(m('export') / 1000).toFixed(2)} s  (TRL JSONL + configs + card)`);
  const peak = Math.max(...results.map((r) => r.peakRssMb));
  console.log(`  peak RSS ${peak.toFixed(0)} MB (max over runs; limit 1024 MB) ${peak < 1024 ? 'OK' : 'OVER LIMIT'}`);
  if (peak >= 1024) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
