/**
 * `compareFiles`: what `plum compare` and a notebook call. Each input (a results file of `plum eval`,
 * its summary, or a folder of evaluations) becomes one column, labelled by the given label, else
 * the model its summaries name, else the file or folder name; then `compareEvaluations`.
 */
import { columnLabels, compareEvaluations, type Comparison } from './compare.js';
import { loadEvaluations } from './load-evaluations.js';

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
  const labels = columnLabels(loaded, options.labels);
  return compareEvaluations(
    loaded.map((c, i) => ({ ...c, label: labels[i] })),
    { ks: options.ks },
  );
}
