/**
 * The `plum` command line: one module per command in this folder, loaded on demand. Errors of the
 * PlumError family are printed as one clear message (no stack trace); anything else is a bug and
 * shows its stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean, fileSystemError, PlumError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { CliCommand } from './command.js';

/** Command name -> its one line for `plum --help` (here only, so help loads no command) and module loader. Add a line when a command is added. */
const commands: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  run: { summary: 'run the whole pipeline (every stage below, resuming where it stopped)', load: () => import('./run.js') },
  problems: { summary: 'load problems from the configured sources', load: () => import('./problems.js') },
  testgen: { summary: 'generate tests per problem (offline mutation or an LLM)', load: () => import('./testgen.js') },
  filter: { summary: 'keep trustworthy tests (reference consistency + heuristics)', load: () => import('./filter.js') },
  sample: { summary: 'candidate solutions per problem (mutants, an LLM policy or a samples file)', load: () => import('./sample.js') },
  execute: { summary: 'run every candidate against its kept tests in the sandbox', load: () => import('./execute.js') },
  mutation: { summary: 'mutation score of each problem\'s kept tests', load: () => import('./mutation.js') },
  label: { summary: 'chosen = passes every kept test, rejected = fails one', load: () => import('./label.js') },
  pairs: { summary: 'DPO pairs and KTO examples from the labels', load: () => import('./pairs.js') },
  stats: { summary: 'statistics of a round (stats.json)', load: () => import('./stats.js') },
  export: { summary: 'TRL files, trl dpo/kto configs and a dataset card', load: () => import('./export.js') },
  report: { summary: 'a standalone HTML report of a run', load: () => import('./report.js') },
  rounds: { summary: 'compare the rounds of a run', load: () => import('./rounds.js') },
  eval: { summary: 'evaluate samples on HumanEval(+), MBPP+, LeetCode, LeetCodeDataset, LiveCodeBench (pass@k)', load: () => import('./eval.js') },
  sanitize: { summary: 'take the code out of model answers, keep what the entry point needs (as evalplus.sanitize)', load: () => import('./sanitize.js') },
  worker: { summary: 'take execution jobs from a Redis queue and run them in this machine\'s sandbox', load: () => import('./worker.js') },
  audit: { summary: 'judge a labelled round with HumanEval+ / MBPP+: precision and recall of the labels', load: () => import('./audit.js') },
  generate: { summary: 'samples of a benchmark from a model behind an OpenAI-compatible endpoint (for plum eval)', load: () => import('./generate.js') },
  compare: { summary: 'pass@1 of several evaluations side by side: deltas, flipped tasks, a chart', load: () => import('./compare.js') },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'usage: plum <command> [options]',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `plum <command> --help` for the options of a command; `plum --version` for the version.',
  ].join('\n');
}

function version(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`plum ${version()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = [help()];
    console.log(lines.join('\n'));
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`plum: unknown command "${name}"${didYouMean(name, Object.keys(commands))}\n\n${help()}`);
    return 2;
  }
  const { command } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (thrown) {
    const err = fileSystemError(thrown) ?? thrown;
    if (err instanceof PlumError) {
      console.error(`plum ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
