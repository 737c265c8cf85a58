/**
 * `compareFiles`: what `plum compare` and a notebook call. Each input (a results file of `plum eval`,
 * its summary, or a folder of evaluations) becomes one column, labelled by the given label, else
 * the model its summaries name, else the file or folder name; then `compareEvaluations`.
 */
import { columnLabels, compareEvaluations, type Comparison } from './compare.js';
import { loadEvaluations, type LoadedEvaluation } from './load-evaluations.js';

/** Options of `compareFiles`. */
export interface CompareFilesOptions {
  /** Column labels, in input order (missing ones fall back to the model or the file name). */
  labels?: string[];
  /** ks of pass@k shown; the first is the headline (default [1]). */
  ks?: number[];
}

/** Load every input and compare them, the first input as the baseline. */
export async function compareFiles(inputs: string[], options: CompareFilesOptions = {}): Promise<Comparison> {
  const loaded = await Promise.all(inputs.map(async (source) => ({ source, evaluations: await loadEvaluations(source) })));
  separateTaskSets(loaded.flatMap((c) => c.evaluations));
  const labels = columnLabels(loaded, options.labels);
  return compareEvaluations(
    loaded.map((c, i) => ({ ...c, label: labels[i] })),
    { ks: options.ks },
  );
}

/**
 * Evaluations of one --dataset name on different task sets (two --problem-file files, a variant
 * beside the full set) get rows of their own, named by their alias; one task set keeps the dataset's name.
 */
function separateTaskSets(evaluations: LoadedEvaluation[]): void {
  const hashes = new Map<string, Set<string | undefined>>();
  for (const e of evaluations) hashes.set(e.dataset, (hashes.get(e.dataset) ?? new Set()).add(e.datasetHash));
  for (const e of evaluations) if ((hashes.get(e.dataset)?.size ?? 0) > 1 && e.alias) e.dataset = e.alias;
}
