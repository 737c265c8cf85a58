/**
 * The resume loop of long stages: work item by item (usually problem by problem), append each
 * item's records to an append log, then append the item's key to a completion-marker log. After a
 * `kill -9`, finished items are skipped and an unfinished one is redone; its records are
 * deterministic (per-problem seeds, cached LLM answers), and the append log skips keys already
 * written, so nothing is missing and nothing duplicated. It knows nothing of what the records are.
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import { openAppendLog, type AppendLog } from '../io/jsonl.js';
import type { ProgressBar } from '../io/progress.js';

const Marker = z.object({ key: z.string() });

/** One output file of a resumable stage. */
export interface ResumableOutput<R> {
  file: string;
  schema: z.ZodType<R>;
  keyOf(record: R): string;
}

/** Options of `runResumable`. */
export interface ResumableOptions<T, O extends Record<string, unknown[]>> {
  /** Items to process, in order. */
  items: readonly T[];
  /** Stable key of an item (the problem id). */
  keyOf(item: T): string;
  /** The completion-marker log. */
  markersFile: string;
  /** Output logs by name (e.g. { tests, skips }). */
  outputs: { [K in keyof O]: ResumableOutput<O[K][number]> };
  /**
   * Compute the records of a batch of items (one entry per item, in order), by output name.
   * Must be deterministic for a given item, whatever batch it lands in.
   */
  work(batch: T[]): Promise<{ [K in keyof O]?: O[K] }[]>;
  /**
   * Whether an item's result is final (default: always). A non-final item's records are written
   * but it gets no completion marker, so a rerun tries it again (e.g. a request that failed after
   * its retries); its later records are appended beside the earlier ones.
   */
  isFinal?(item: T, produced: { [K in keyof O]?: O[K] }): boolean;
  /** Items per call of `work` (default 1). */
  batchSize?: number;
  /** Batches worked on at once (default 1). */
  concurrency?: number;
  progress?: ProgressBar;
}

/** Counts of a resumable run. */
export interface ResumableReport {
  /** Items done in earlier runs (skipped now). */
  skipped: number;
  /** Items worked on in this run. */
  processed: number;
  /** Items whose result was not final (tried again by a rerun). */
  retryLater: number;
  /** Records per output file after the run (earlier + new). */
  records: Record<string, number>;
}

/** Run the resume loop (see the file comment). */
export async function runResumable<T, O extends Record<string, unknown[]>>(options: ResumableOptions<T, O>): Promise<ResumableReport> {
  const markers = await openAppendLog(options.markersFile, Marker, (m) => m.key);
  const logs = {} as Record<string, AppendLog<unknown>>;
  try {
    for (const [name, out] of Object.entries(options.outputs) as [string, ResumableOutput<unknown>][]) {
      logs[name] = await openAppendLog(out.file, out.schema, out.keyOf);
    }
    const todo = options.items.filter((item) => !markers.keys.has(options.keyOf(item)));
    const skipped = options.items.length - todo.length;
    if (skipped) options.progress?.tick(skipped, 'resumed');
    const limit = pLimit(options.concurrency ?? 1);
    const size = Math.max(1, options.batchSize ?? 1);
    const batches: T[][] = [];
    for (let i = 0; i < todo.length; i += size) batches.push(todo.slice(i, i + size));
    let failure: { error: unknown } | undefined;
    let retried = 0;
    await Promise.allSettled(
      batches.map((batch) =>
        limit(async () => {
          if (failure) return;
          try {
            const produced = await options.work(batch);
            if (failure) return;
            batch.forEach((item, i) => {
              for (const [name, records] of Object.entries(produced[i] ?? {}) as [string, unknown[] | undefined][]) {
                for (const record of records ?? []) logs[name].append(record);
              }
              if (options.isFinal?.(item, produced[i] ?? {}) ?? true) markers.append({ key: options.keyOf(item) });
              else retried += 1;
            });
            options.progress?.tick(batch.length);
          } catch (error) {
            failure ??= { error };
          }
        }),
      ),
    );
    // Batches in flight finish before the logs close; the first error is then re-thrown.
    if (failure) throw failure.error;
    const records: Record<string, number> = {};
    for (const [name, log] of Object.entries(logs)) records[name] = log.keys.size;
    return { skipped, processed: todo.length, retryLater: retried, records };
  } finally {
    for (const log of Object.values(logs)) log.close();
    markers.close();
  }
}
