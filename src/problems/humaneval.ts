/**
 * HumanEval and HumanEval+ as Problem records: the reference is prompt + canonical solution, the
 * benchmark test is the task's own `check(candidate)` function, and the examples are the
 * `assert candidate(<literals>) == <literal>` lines of that check (found with Python's `ast`).
 * Reading and finding the files is src/problems/benchmarks.ts; EvalPlus's base/plus inputs are used by
 * the evaluator (src/eval/), not here.
 */
import { basename } from 'node:path';
import { hashOf } from '../io/hash.js';
import type { TestSpec } from '../records.js';
import { analyzeCode } from './analyze-code.js';
import { loadBenchmark, type HumanEvalTask } from './benchmarks.js';
import type { ProblemStreamItem } from './load.js';
import { makeProblem } from './make-problem.js';
import { describeSource } from './source-path.js';
import type { ResolvedLoadOptions } from './spec.js';

/** The instruction a chat model gets for a HumanEval prompt. */
export function humanEvalInstruction(prompt: string): string {
  return `Complete the following Python function.\n\n\`\`\`python\n${prompt.replace(/^(\s*\n)+/, '').replace(/\s+$/, '')}\n\`\`\``;
}

function splitSource(source: string): [string, number] {
  const m = /^(.*):(\d+)$/.exec(source);
  return m ? [m[1], Number(m[2])] : [source, 0];
}

/** Stream the problems (and skips) of HumanEval or HumanEval+ found in `dataDir`. */
export async function* streamHumanEvalProblems(dataDir: string, plus: boolean, options: ResolvedLoadOptions): AsyncGenerator<ProblemStreamItem> {
  const loaded = plus ? loadBenchmark('humaneval+', dataDir) : loadBenchmark('humaneval', dataDir);
  const tasks: HumanEvalTask[] = loaded.tasks;
  const source = plus ? 'humanevalplus' : 'humaneval';
  for (let start = 0; start < tasks.length; start += options.batchSize) {
    const batch = tasks.slice(start, start + options.batchSize);
    const analyses = await analyzeCode(
      batch.map((t) => ({
        key: t.taskId,
        blocks: [{ code: t.prompt + t.canonicalSolution, lang: 'python' }],
        entryPoint: t.entryPoint,
        testCode: t.test,
        callee: 'candidate',
        clean: false,
        maxExamples: 10,
      })),
    );
    for (const [i, task] of batch.entries()) {
      const analysis = analyses[i];
      const [file, line] = splitSource(task.source);
      const where = describeSource(file, line);
      if (analysis.status !== 'ok') {
        yield { kind: 'skip', skip: { problemId: task.taskId, stage: 'problems', reason: analysis.status, detail: `${where}: field "canonical_solution": ${analysis.detail ?? ''}` } };
        continue;
      }
      const check: TestSpec = { id: 'check', kind: 'check', code: task.test, entryPoint: task.entryPoint };
      const problem = makeProblem({
        id: task.taskId,
        source,
        instruction: humanEvalInstruction(task.prompt),
        entryPoint: task.entryPoint,
        signature: analysis.signature!,
        reference: task.prompt + task.canonicalSolution,
        examples: analysis.examples,
        benchmarkTests: [check],
        tags: [source],
        provenance: {
          generator: source,
          source: where,
          hashes: { file: loaded.contentHash, row: hashOf({ prompt: task.prompt, solution: task.canonicalSolution, test: task.test }) },
        },
      });
      yield { kind: 'problem', problem };
    }
    if (options.progress) process.stderr.write(`problems: ${basename(loaded.file)}: ${Math.min(start + options.batchSize, tasks.length)} tasks read\n`);
  }
}
