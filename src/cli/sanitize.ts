/** `plum sanitize IN [OUT] [--dataset NAME]`: sanitise a samples file or folder. Thin wrapper over `sanitizeSamplesFile`. */
import { ConfigError } from '../errors.js';
import { sanitizeSamplesFile } from '../eval/sanitize-samples.js';
import { EVAL_DATASETS, evalDataset } from '../eval/datasets.js';
import { parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum sanitize IN [OUT] [--dataset NAME] [--data-dir DIR] [--problem-file FILE]

Sanitise model answers as evalplus.sanitize does: take the code out of chat answers (fenced blocks,
prose around them, a statement cut at the token limit) and, with --dataset, keep only what each
task's entry point needs (imports, helpers, classes, constants), dropping tests, prints, asserts,
__main__ blocks and example usage. IN is a samples file (JSONL with task_id and solution or
completion) or EvalPlus's folder layout (<task_id with "/" as "_">/<n>.py); OUT has the same layout
(default: IN-sanitized.jsonl, or the folder IN-sanitized), the raw input stays as it is.
\`plum eval\` sanitises chat-style samples itself; this command is for other tools or for reading.

options:
  --dataset NAME        ${Object.keys(EVAL_DATASETS).join(', ')}: entry points and prompts (without
                        it, the code is only taken out of fences and prose; completions need it)
  --data-dir DIR        folder searched for the dataset file (default: $PLUM_DATA_DIR)
  --problem-file FILE   use this dataset file instead`;

export const command: CliCommand = {
  name: 'sanitize',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      {
        args: argv,
        allowPositionals: true,
        options: { dataset: { type: 'string' }, 'data-dir': { type: 'string' }, 'problem-file': { type: 'string' } },
      },
      `\n\n${usage}`,
    );
    const [input, output, ...extra] = positionals;
    if (!input || extra.length > 0) throw new ConfigError(`give IN and at most one OUT\n\n${usage}`);
    const dataset = values.dataset;
    if (dataset !== undefined) evalDataset(dataset);
    const report = await sanitizeSamplesFile({
      input,
      output,
      dataset,
      dataDir: values['data-dir'],
      problemFile: values['problem-file'],
    });
    console.log(`sanitized ${report.changed} of ${report.samples} samples${report.noCode ? ` (${report.noCode} hold no code, written as given)` : ''}: ${report.output}`);
    return 0;
  },
};
