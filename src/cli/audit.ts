/**
 * `plum audit RUN_DIR --oracle humaneval+|mbpp+ [--round K] [--data-dir DIR]`: judge every labelled
 * sample of a round with HumanEval+ / MBPP+ and print how far plum's labels can be trusted. Thin
 * wrapper over `auditRound` (src/audit/audit-round.ts).
 */
import { AUDIT_ORACLES, auditRound } from '../audit/audit-round.js';
import { formatAuditSummary } from '../audit/format-audit.js';
import { ConfigError } from '../errors.js';
import type { EvalPlusBenchmark } from '../problems/benchmarks.js';
import { integerOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum audit RUN_DIR --oracle humaneval+|mbpp+ [--round K] [--data-dir DIR] [--jobs N] [--no-cache]

Judges every sample of a labelled round (round-K/04-samples.jsonl, 06-labels.jsonl) with a strong
oracle, EvalPlus's base + extra inputs (the machinery of \`plum eval\`), and compares plum's labels with
it: chosen precision P(correct | chosen), rejected precision P(wrong | rejected), recall of correct
samples, per problem and per sample source, beside the baseline "the benchmark's own base tests
only". The run's problem ids must be the oracle's task ids (HumanEval/N, Mbpp/N); other samples are
counted as not judged. Writes round-K/audit.jsonl (one line per sample: label, verdict, the first
failing strong test's input, expected and actual output) and round-K/audit.json (the figures).

options:
  --oracle NAME    humaneval+ (HumanEvalPlus.jsonl.gz) or mbpp+ (MbppPlus.jsonl.gz)
  --round K        round to audit (default: the latest labelled round)
  --data-dir DIR   folder searched recursively for the oracle's file (default: $PLUM_DATA_DIR)
  --jobs N         parallel workers (default: one per core)
  --no-cache       do not read or write the verdict cache`;

export const command: CliCommand = {
  name: 'audit',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { oracle: { type: 'string' }, round: { type: 'string' }, 'data-dir': { type: 'string' }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' } },
    }, `\n\n${usage}`);
    const [runDir, ...extra] = positionals;
    if (!runDir || extra.length) throw new ConfigError(`expected exactly one RUN_DIR\n\n${usage}`);
    const oracle = values.oracle as EvalPlusBenchmark | undefined;
    if (!oracle || !AUDIT_ORACLES.includes(oracle)) throw new ConfigError(`--oracle must be ${AUDIT_ORACLES.join(' or ')}${oracle ? `, got "${oracle}"` : ''}`);
    const result = await auditRound(runDir, {
      oracle,
      round: integerOption(values.round, '--round', 0),
      dataDir: values['data-dir'],
      jobs: integerOption(values.jobs, '--jobs', 1),
      noCache: values['no-cache'] ?? false,
    });
    console.log(formatAuditSummary(result.summary));
    console.log(`written: ${result.recordsFile}, ${result.summaryFile}`);
    return 0;
  },
};
