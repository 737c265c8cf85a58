/** `plum rounds RUN_DIR`: compare the rounds of a run (pass rates, solved, pairs, newly solved/lost). Thin wrapper over src/rounds. */
import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { compareRounds } from '../rounds/compare-rounds.js';
import { formatRoundComparison } from '../rounds/format-rounds.js';
import { parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum rounds RUN_DIR [--per-problem] [--json] [--rounds 1,2]

Compares the rounds of a run directory (round-<K>/06-labels.jsonl, 07-dpo.jsonl): per round the
samples, chosen/rejected, mean per-problem pass rate, problems solved and pairs; between rounds the
problems newly solved and lost.

options:
  --per-problem   also print every problem's pass rate per round
  --json          print the comparison as JSON instead of tables
  --rounds LIST   only these rounds (comma-separated)`;

export const command: CliCommand = {
  name: 'rounds',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { 'per-problem': { type: 'boolean' }, json: { type: 'boolean' }, rounds: { type: 'string' } },
    }, `\n\n${usage}`);
    const runDir = positionals[0];
    if (!runDir) throw new ConfigError('plum rounds needs the run directory: plum rounds runs/<name>');
    if (!existsSync(runDir)) throw new ConfigError(`run directory ${runDir} does not exist`);
    const rounds = values.rounds?.split(',').map((s) => {
      const k = Number(s.trim());
      if (!Number.isInteger(k) || k < 0) throw new ConfigError(`--rounds: "${s}" is not a round number`);
      return k;
    });
    const cmp = await compareRounds(runDir, { rounds });
    process.stdout.write((values.json ? JSON.stringify(cmp, null, 2) : formatRoundComparison(cmp, { perProblem: values['per-problem'] })) + '\n');
    return 0;
  },
};
