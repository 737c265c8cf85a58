/**
 * The on-disk response cache of the LLM client, keyed by the hash of the full request of each
 * sample (model, messages, sampling parameters, seed, sample index). A rerun finds every completed
 * sample here and sends no request; after a crash no completed sample is asked for again.
 *
 * Layout: the cache folder holds JSONL segments, one per client process
 * (`segment-<time>-<pid>-<n>.jsonl`), one CachedSample per line (plus one CachedMessages line per
 * distinct prompt, which samples name by `request.messagesHash`), so the entries are plain text to
 * grep and several processes can share a folder without locks. The samples of one response are
 * appended with one write call, and writes of a segment are serialised, so a `kill -9` can only
 * leave a torn last line, which is ignored when the folder is next opened. On open the segments
 * are scanned once into an in-memory index (key -> segment, offset, length); reads fetch the lines
 * by position. Files are open only during a read or a burst of writes, so nothing needs closing.
 * Never expires entries; does not decide what to ask (client.ts).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOf } from '../io/hash.js';

/** A chat message as sent to the server. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Everything that determines one sample's answer; its hash is the cache key. */
export interface SampleRequestKey {
  model: string;
  /** hashOf(messages): the messages themselves are stored once per request (a `messages` line). */
  messagesHash: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number | null;
  stop: string[] | null;
  /** Position of the sample among the request's n samples. */
  index: number;
  /** Caller's distinction not sent to the server (e.g. the round), so equal requests can be sampled afresh. */
  salt?: string;
  /** 'completions' for a plain-text prompt sent to /completions (its one user message is the prompt); absent for chat. */
  api?: 'completions';
}

/** Token counts of one sample (prompt tokens are the request's; completion tokens its own share). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** One cached sample: the request it answers and the answer. */
export interface CachedSample {
  key: string;
  request: SampleRequestKey;
  text: string;
  finishReason: string;
  usage: TokenUsage;
  /** Model name the server reported. */
  servedModel: string;
  createdAt: string;
}

/** A line storing the messages of requests once (samples refer to them by `messagesHash`). */
export interface CachedMessages {
  messagesHash: string;
  messages: ChatMessage[];
}

/** The cache key of one sample. */
export function sampleCacheKey(request: SampleRequestKey): string {
  return hashOf({ v: 2, ...request });
}

interface Location {
  segment: string;
  offset: number;
  length: number;
}

/** Lines waiting to be written in one call, with the callers to notify. */
interface PendingBatch {
  lines: string[];
  bytes: number;
  entries: { key: string; offset: number; length: number }[];
  done: (() => void)[];
  fail: ((e: unknown) => void)[];
}

const NEWLINE = 0x0a;
let segmentCounter = 0;

/** A folder of cached samples. */
export class ResponseCache {
  private readonly index = new Map<string, Location>();
  /** Prompts whose messages line this process has written (or found) already. */
  private readonly storedMessages = new Set<string>();
  private readonly segment: string;
  private size = 0;
  /** Lines waiting for the write in flight to finish (coalesced into the next write). */
  private pending: PendingBatch | undefined;
  private writing = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.scan();
    segmentCounter += 1;
    this.segment = `segment-${Date.now()}-${process.pid}-${segmentCounter}.jsonl`;
  }

  /** Number of cached samples. */
  get count(): number {
    return this.index.size;
  }

  /** Index every readable line of every segment (torn or foreign lines are skipped). */
  private scan(): void {
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const buffer = readFileSync(join(this.dir, name));
      let start = 0;
      for (;;) {
        const end = buffer.indexOf(NEWLINE, start);
        if (end < 0) break; // a torn last line (no newline) is ignored
        try {
          const entry = JSON.parse(buffer.toString('utf8', start, end)) as Partial<CachedSample>;
          if (typeof entry.key === 'string' && typeof entry.text === 'string') {
            this.index.set(entry.key, { segment: name, offset: start, length: end - start });
          } else if (typeof (entry as Partial<CachedMessages>).messagesHash === 'string') {
            this.storedMessages.add((entry as CachedMessages).messagesHash);
          }
        } catch {
          // not a cache line (e.g. a torn write followed by later lines): skip it
        }
        start = end + 1;
      }
    }
  }

  /** True when `key` is cached. */
  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The cached samples for `keys` (undefined where absent); adjacent lines are read in one call. */
  async getMany(keys: string[]): Promise<(CachedSample | undefined)[]> {
    const found = keys.map((key, i) => ({ i, key, at: this.index.get(key) })).filter((x) => x.at) as { i: number; key: string; at: Location }[];
    const out: (CachedSample | undefined)[] = keys.map(() => undefined);
    if (found.length === 0) return out;
    found.sort((a, b) => (a.at.segment < b.at.segment ? -1 : a.at.segment > b.at.segment ? 1 : a.at.offset - b.at.offset));
    // Group runs of lines that follow each other in one segment.
    let g = 0;
    while (g < found.length) {
      let h = g;
      while (h + 1 < found.length && found[h + 1].at.segment === found[g].at.segment && found[h + 1].at.offset === found[h].at.offset + found[h].at.length + 1) h += 1;
      const first = found[g].at;
      const last = found[h].at;
      const length = last.offset + last.length - first.offset;
      const buffer = Buffer.alloc(length);
      const handle = await open(join(this.dir, first.segment), 'r');
      try {
        await handle.read(buffer, 0, length, first.offset);
      } finally {
        await handle.close();
      }
      for (let j = g; j <= h; j += 1) {
        const rel = found[j].at.offset - first.offset;
        try {
          const entry = JSON.parse(buffer.toString('utf8', rel, rel + found[j].at.length)) as CachedSample;
          if (entry.key === found[j].key) out[found[j].i] = entry;
        } catch {
          // unreadable: treated as absent and fetched again
        }
      }
      g = h + 1;
    }
    return out;
  }

  /** The cached sample for `key`, or undefined. */
  async get(key: string): Promise<CachedSample | undefined> {
    return (await this.getMany([key]))[0];
  }

  /**
   * Append samples, preceded by their prompt's messages when this cache has not stored them yet
   * (one write call, shared with other callers waiting at the same time). Resolves once written.
   */
  putMany(entries: CachedSample[], messages?: CachedMessages): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (!this.pending) this.pending = { lines: [], bytes: 0, entries: [], done: [], fail: [] };
      const batch = this.pending;
      const add = (line: string) => {
        const length = Buffer.byteLength(line);
        batch.lines.push(line);
        batch.bytes += length + 1;
        return length;
      };
      if (messages && !this.storedMessages.has(messages.messagesHash)) {
        this.storedMessages.add(messages.messagesHash);
        add(JSON.stringify(messages));
      }
      for (const entry of entries) {
        const offset = this.size + batch.bytes;
        const length = add(JSON.stringify(entry));
        batch.entries.push({ key: entry.key, offset, length });
      }
      batch.done.push(resolve);
      batch.fail.push(reject);
      if (!this.writing) void this.drain();
    });
  }

  /** Store one sample. */
  put(entry: CachedSample, messages?: CachedMessages): Promise<void> {
    return this.putMany([entry], messages);
  }

  /**
   * Write pending batches one after the other; the segment is open only while there is work.
   * Batches queued while the file is being closed are picked up by the outer loop, and `writing`
   * is cleared only when nothing is pending (no await between that check and the assignment).
   */
  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending) {
        let handle: FileHandle | undefined;
        while (this.pending) {
          const batch: PendingBatch = this.pending;
          this.pending = undefined;
          const bytes = Buffer.from(batch.lines.join('\n') + '\n', 'utf8');
          // Offsets of a batch were computed against `size` at enqueue time; later batches build on it.
          this.size += bytes.length;
          try {
            handle ??= await open(join(this.dir, this.segment), 'a');
            let written = 0;
            while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
            for (const e of batch.entries) this.index.set(e.key, { segment: this.segment, offset: e.offset, length: e.length });
            batch.done.forEach((f) => f());
          } catch (error) {
            batch.fail.forEach((f) => f(error));
          }
        }
        await handle?.close().catch(() => {});
      }
    } finally {
      this.writing = false;
    }
  }

  /** Wait for pending writes (files are opened per read and per burst of writes, so nothing stays open). */
  async close(): Promise<void> {
    while (this.writing || this.pending) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
