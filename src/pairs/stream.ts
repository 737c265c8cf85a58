/**
 * Streaming helpers for the labels and pairs stages, so 10,000s of problems x samples run in
 * bounded memory: group records by problem (contiguous, or order-free with expected counts),
 * join samples with their labels, and label or pair problem by problem.
 */
import { PlumError } from '../errors.js';
import type { Execution, Label, Sample } from '../records.js';
import { buildProblemPreferences } from './build-preferences.js';
import { labelSample, type LabelOptions } from './label-sample.js';
import type { LabelledSample, PreferenceOptions, ProblemPreferenceData } from './types.js';

export interface GroupOptions {
  /**
   * Records per problem. With it, input may come in any order: a group is yielded as soon as it
   * is complete (memory holds only incomplete groups), the rest at the end. Without it, records of
   * a problem must be contiguous (a problem seen again after its group closed is an error).
   */
  expectedCounts?: ReadonlyMap<string, number>;
}

/** Group a stream of records by problem id. */
export async function* groupByProblem<T>(source: AsyncIterable<T> | Iterable<T>, problemIdOf: (item: T) => string, options: GroupOptions = {}): AsyncGenerator<{ problemId: string; items: T[] }> {
  const expected = options.expectedCounts;
  if (expected) {
    const open = new Map<string, T[]>();
    for await (const item of source) {
      const id = problemIdOf(item);
      let items = open.get(id);
      if (!items) open.set(id, (items = []));
      items.push(item);
      if (items.length >= (expected.get(id) ?? Infinity)) {
        open.delete(id);
        yield { problemId: id, items };
      }
    }
    for (const [problemId, items] of open) yield { problemId, items };
    return;
  }
  const closed = new Set<string>();
  let current: { problemId: string; items: T[] } | undefined;
  for await (const item of source) {
    const id = problemIdOf(item);
    if (current && current.problemId === id) {
      current.items.push(item);
      continue;
    }
    if (current) {
      closed.add(current.problemId);
      yield current;
    }
    if (closed.has(id)) {
      throw new PlumError(`records of problem ${id} are not contiguous; pass expectedCounts to group records in any order`);
    }
    current = { problemId: id, items: [item] };
  }
  if (current) yield current;
}

/** Everything labelling needs to know about a problem. */
export interface ProblemLabelContext {
  keptTestIds?: ReadonlySet<string> | readonly string[];
  entryPoint?: string | null;
}

/** Label executions one by one (no grouping needed). `sampleFlags` gives a sample's missingEntryPoint. */
export async function* labelExecutions(
  executions: AsyncIterable<Execution> | Iterable<Execution>,
  contextOf: (problemId: string) => ProblemLabelContext | undefined,
  options: Partial<LabelOptions> = {},
  sampleFlags?: (sampleId: string) => Pick<Sample, 'missingEntryPoint'> | undefined,
): AsyncGenerator<Label> {
  for await (const execution of executions) {
    const context = contextOf(execution.problemId) ?? {};
    yield labelSample({ execution, sample: sampleFlags?.(execution.sampleId), keptTestIds: context.keptTestIds, entryPoint: context.entryPoint }, options);
  }
}

/** The slim part of a label the pairs stage keeps in memory per sample. */
export type LabelIndex = Map<string, Label>;

/** Index labels by sample id, and count them per problem (for order-free grouping). */
export async function indexLabels(labels: AsyncIterable<Label> | Iterable<Label>): Promise<{ bySample: LabelIndex; perProblem: Map<string, number> }> {
  const bySample: LabelIndex = new Map();
  const perProblem = new Map<string, number>();
  for await (const label of labels) {
    if (!bySample.has(label.sampleId)) perProblem.set(label.problemId, (perProblem.get(label.problemId) ?? 0) + 1);
    bySample.set(label.sampleId, label);
  }
  return { bySample, perProblem };
}

/**
 * Stream preference data problem by problem: samples (any order) joined with their labels, grouped,
 * paired. Samples without a label are skipped (they were never executed) and counted in `unlabelled`.
 */
export async function* streamPreferences(
  samples: AsyncIterable<Sample> | Iterable<Sample>,
  labels: { bySample: LabelIndex; perProblem: Map<string, number> },
  promptOf: (problemId: string) => string,
  options: Partial<PreferenceOptions> = {},
  counters: { unlabelled: number } = { unlabelled: 0 },
): AsyncGenerator<ProblemPreferenceData> {
  async function* joined(): AsyncGenerator<LabelledSample> {
    for await (const sample of samples) {
      const label = labels.bySample.get(sample.id);
      if (!label) {
        counters.unlabelled += 1;
        continue;
      }
      yield { sample, label };
    }
  }
  for await (const group of groupByProblem(joined(), (s) => s.sample.problemId, { expectedCounts: labels.perProblem })) {
    group.items.sort((a, b) => a.sample.index - b.sample.index || (a.sample.id < b.sample.id ? -1 : 1));
    yield buildProblemPreferences({ problemId: group.problemId, prompt: promptOf(group.problemId), samples: group.items }, options);
  }
}
