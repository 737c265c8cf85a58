/**
 * `plum report RUN_DIR [--round K] [--out FILE]`: write the standalone HTML report of a run
 * (summary tables and every figure, plotly inlined so the page opens offline).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { writeRunReport } from '../report/write-report.js';
import { integerOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum report RUN_DIR [--round K] [--out FILE]

Write one standalone HTML report of a run directory: stage counts, filter reasons, failure kinds,
slowest tests, per-problem table and every figure (pass-rate histogram, pairs per problem, test
survival per heuristic, mutation scores, verdicts, KTO balance, ...). plotly.js is inlined, so
the file opens offline.

options:
  --round K    round to report (default: the latest round-K folder)
  --out FILE   output file (default: RUN_DIR/report.html; RUN_DIR/report-round-K.html for K > 0)`;

export const command: CliCommand = {
  name: 'report',
  usage,
  async run(argv) {
    const parsed = parseCommandArgs({ args: argv, allowPositionals: true, options: { round: { type: 'string' }, out: { type: 'string' } } }, `\n\n${usage}`);
    const [runDir, ...extra] = parsed.positionals;
    if (!runDir || extra.length) throw new ConfigError(`expected exactly one RUN_DIR\n\n${usage}`);
    const round = integerOption(parsed.values.round, '--round', 0);
    if (round !== undefined) requireRound(runDir, round);
    const written = await writeRunReport(runDir, { round, out: parsed.values.out });
    console.log(`wrote ${written.file} (round ${written.round}, ${written.figuresWithData}/${written.figures} figures with data, ${(written.bytes / 1e6).toFixed(1)} MB)`);
    return 0;
  },
};

/** A round asked for must exist in the run directory (a report of nothing is an error, not a page). */
function requireRound(runDir: string, round: number): void {
  if (!existsSync(runDir)) throw new ConfigError(`run directory ${runDir} does not exist`);
  if (existsSync(join(runDir, `round-${round}`, '04-samples.jsonl'))) return;
  const rounds = readdirSync(runDir)
    .map((name) => /^round-(\d+)$/.exec(name)?.[1])
    .filter((k): k is string => k !== undefined && existsSync(join(runDir, `round-${k}`, '04-samples.jsonl')))
    .sort((a, b) => Number(a) - Number(b));
  throw new ConfigError(`${runDir} has no round ${round} (rounds with samples: ${rounds.length ? rounds.join(', ') : 'none'})`);
}
