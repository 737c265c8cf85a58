/**
 * The `plum` command line: one module per command in this folder, loaded on demand. Errors of the
 * PlumError family are printed as one clear message (no stack trace); anything else is a bug and
 * shows its stack.
 */
import { fileSystemError, PlumError } from '../errors.js';
import type { CliCommand } from './command.js';

/** Command name -> module loader. Add a line here when a command is added. */
const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  eval: () => import('./eval.js'),
  run: () => import('./run.js'),
  problems: () => import('./problems.js'),
  testgen: () => import('./testgen.js'),
  filter: () => import('./filter.js'),
  sample: () => import('./sample.js'),
  execute: () => import('./execute.js'),
  mutation: () => import('./mutation.js'),
  label: () => import('./label.js'),
  pairs: () => import('./pairs.js'),
  stats: () => import('./stats.js'),
  export: () => import('./export.js'),
  report: () => import('./report.js'),
  rounds: () => import('./rounds.js'),
};

function help(): string {
  return [
    'usage: plum <command> [options]',
    '',
    'commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
    '',
    'Run `plum <command> --help` for the options of a command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = [help()];
    console.log(lines.join('\n'));
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`plum: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const { command } = await load();
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
