/**
 * `plum compare A B [C ...]`: pass@k of several evaluations side by side per benchmark, deltas
 * against the first, flipped tasks, and an HTML page with the charts. Thin wrapper over
 * `compareFiles` (src/compare/).
 */
import { resolve } from 'node:path';
import { compareFiles } from '../compare/compare-files.js';
import { comparisonHtml, formatComparison } from '../compare/format-compare.js';
import { ConfigError } from '../errors.js';
import { writeTextAtomic } from '../io/jsonl.js';
import { kListOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum compare A B [C ...] [--label NAME ...] [--k 1,10] [--html FILE] [--no-html] [--json FILE]

Compare evaluations of \`plum eval\`, one column per input, the first as the baseline: pass@k per
benchmark, the difference to the first column (points), and the tasks passing more or less often
(with one sample per task: passed in one and failed in the other). An input is a results file of
\`plum eval --out\`, its .summary.json, or a folder holding several evaluations (one per benchmark,
e.g. a checkpoint's humaneval+, mbpp+ and lcb results): rows are grouped by dataset, and an EvalPlus
evaluation fills two rows (humaneval+ gives humaneval = base tests and humaneval+ = base + extra).
Prints the table and the flipped tasks; writes an HTML page with the charts.

options:
  --label NAME     label of the next column, in input order (repeat; default: the model the
                   summaries name, else the file or folder name)
  --k LIST         ks of pass@k shown, e.g. 1,10 (default 1; the first is used for deltas and charts)
  --html FILE      the HTML page (default compare.html)
  --no-html        do not write the page
  --json FILE      the comparison as JSON too`;

export const command: CliCommand = {
  name: 'compare',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      {
        args: argv,
        allowPositionals: true,
        options: {
          label: { type: 'string', multiple: true },
          k: { type: 'string' },
          html: { type: 'string' },
          'no-html': { type: 'boolean' },
          json: { type: 'string' },
        },
      },
      `\n\n${usage}`,
    );
    if (positionals.length < 1) throw new ConfigError(`give at least one evaluation to show (two or more to compare)\n\n${usage}`);
    const labels = values.label ?? [];
    if (labels.length > positionals.length) throw new ConfigError(`${labels.length} --label for ${positionals.length} inputs`);
    const ks = kListOption(values.k); // in the order given: the first is the headline
    const comparison = await compareFiles(positionals, { labels, ks });
    console.log(formatComparison(comparison));
    if (!values['no-html']) {
      const html = resolve(values.html ?? 'compare.html');
      writeTextAtomic(html, comparisonHtml(comparison));
      console.log(`\nchart: ${html}`);
    }
    if (values.json) {
      const plain = {
        ...comparison,
        rows: comparison.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c ? { ...c, rates: Object.fromEntries(c.rates) } : null)) })),
      };
      writeTextAtomic(resolve(values.json), JSON.stringify(plain, null, 2) + '\n');
    }
    return 0;
  },
};
