/**
 * The on-disk response cache of the LLM client: one JSON file per completed sample, named by the
 * hash of the full request (model, messages, sampling parameters, seed, sample index), written
 * through a temporary file and a rename so a `kill -9` leaves either the whole entry or none.
 * A rerun finds every completed sample here and sends no request. Does not decide what to ask
 * (client.ts) and never expires entries.
 */
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
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
  messages: ChatMessage[];
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number | null;
  stop: string[] | null;
  /** Position of the sample among the request's n samples. */
  index: number;
  /** Caller's distinction not sent to the server (e.g. the round), so equal requests can be sampled afresh. */
  salt?: string;
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

/** The cache key of one sample. */
export function sampleCacheKey(request: SampleRequestKey): string {
  return hashOf({ v: 1, ...request });
}

/** A folder of cached samples. */
export class ResponseCache {
  private readonly madeDirs = new Set<string>();
  private counter = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private pathOf(key: string): { folder: string; file: string } {
    const folder = join(this.dir, key.slice(0, 2));
    return { folder, file: join(folder, `${key}.json`) };
  }

  /** The cached sample for `key`, or undefined (also for an unreadable entry, which is then refetched). */
  async get(key: string): Promise<CachedSample | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.pathOf(key).file, 'utf8')) as CachedSample;
      return entry.key === key && typeof entry.text === 'string' ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Store one sample atomically (temporary file + rename). */
  async put(entry: CachedSample): Promise<void> {
    const { folder, file } = this.pathOf(entry.key);
    if (!this.madeDirs.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.madeDirs.add(folder);
    }
    const tmp = `${file}.tmp-${process.pid}-${(this.counter += 1)}`;
    await writeFile(tmp, JSON.stringify(entry));
    await rename(tmp, file);
  }
}
