/**
 * The layout of a run directory: every artifact's path in one place, so stages, the CLI and
 * notebooks agree on names. It only computes paths (and creates folders); reading and writing
 * records is src/io/jsonl.ts, stage bookkeeping is src/pipeline/run-state.ts.
 *
 * ```
 * config.json  run.json
 * 01-problems.jsonl  01-problem-skips.jsonl  02-tests.jsonl  02-test-skips.jsonl
 * 02-problem-updates.jsonl  02-llm-answers.jsonl   (LLM test generator only)
 * 03-filter.jsonl  03-filter-evidence.jsonl
 * round-<K>/04-samples.jsonl 04-sample-skips.jsonl 05-executions.jsonl 06-labels.jsonl
 *           07-dpo.jsonl 07-pairs-summary.jsonl 08-kto.jsonl mutation-scores.jsonl stats.json export/
 *           audit.jsonl audit.json   (`plum audit`: labels judged by HumanEval+ / MBPP+)
 * .state/<stage>.done.jsonl   (per-problem completion markers of resumable stages)
 * ```
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths of one round's artifacts. */
export interface RoundPaths {
  dir: string;
  samples: string;
  sampleSkips: string;
  executions: string;
  labels: string;
  dpo: string;
  /** Per-problem pair counts (the pairs core's ProblemPairsSummary), read by the stats stage. */
  pairsSummary: string;
  kto: string;
  mutationScores: string;
  stats: string;
  exportDir: string;
  /** `plum audit`: one AuditRecord per sample, and the AuditSummary. */
  audit: string;
  auditSummary: string;
}

/** Paths of a run directory's artifacts. */
export interface RunPaths {
  dir: string;
  config: string;
  runState: string;
  problems: string;
  problemSkips: string;
  tests: string;
  testSkips: string;
  /** Problems the LLM test generator completed (entry point, signature, reference), overlaying 01. */
  problemUpdates: string;
  /** Raw answers of the LLM test generator, beside what was parsed from them. */
  llmAnswers: string;
  filter: string;
  filterEvidence: string;
  stateDir: string;
  /** Completion markers of a resumable stage (`testgen`, `filter`, `sample@round-0`, ...). */
  doneMarkers(stageKey: string): string;
  round(k: number): RoundPaths;
}

/** The default run directory for a run name: `runs/<name>` under the working directory. */
export function defaultRunDir(name: string): string {
  return resolve('runs', name);
}

/** Paths of the run directory `dir` (nothing is created). */
export function runPaths(dir: string): RunPaths {
  const root = resolve(dir);
  const at = (name: string) => join(root, name);
  return {
    dir: root,
    config: at('config.json'),
    runState: at('run.json'),
    problems: at('01-problems.jsonl'),
    problemSkips: at('01-problem-skips.jsonl'),
    tests: at('02-tests.jsonl'),
    testSkips: at('02-test-skips.jsonl'),
    problemUpdates: at('02-problem-updates.jsonl'),
    llmAnswers: at('02-llm-answers.jsonl'),
    filter: at('03-filter.jsonl'),
    filterEvidence: at('03-filter-evidence.jsonl'),
    stateDir: at('.state'),
    doneMarkers: (stageKey) => join(root, '.state', `${stageKey}.done.jsonl`),
    round(k) {
      const d = join(root, `round-${k}`);
      return {
        dir: d,
        samples: join(d, '04-samples.jsonl'),
        sampleSkips: join(d, '04-sample-skips.jsonl'),
        executions: join(d, '05-executions.jsonl'),
        labels: join(d, '06-labels.jsonl'),
        dpo: join(d, '07-dpo.jsonl'),
        pairsSummary: join(d, '07-pairs-summary.jsonl'),
        kto: join(d, '08-kto.jsonl'),
        mutationScores: join(d, 'mutation-scores.jsonl'),
        stats: join(d, 'stats.json'),
        exportDir: join(d, 'export'),
        audit: join(d, 'audit.jsonl'),
        auditSummary: join(d, 'audit.json'),
      };
    },
  };
}

/** Create the run directory (and the round folder) if needed; returns its paths. */
export function ensureRunDir(dir: string, round?: number): RunPaths {
  const paths = runPaths(dir);
  mkdirSync(paths.stateDir, { recursive: true });
  if (round !== undefined) mkdirSync(paths.round(round).dir, { recursive: true });
  return paths;
}
