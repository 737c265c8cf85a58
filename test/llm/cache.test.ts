import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashOf } from '../../src/io/hash.js';
import { ResponseCache, sampleCacheKey, type CachedSample, type SampleRequestKey } from '../../src/llm/cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plum-llm-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const messages = [{ role: 'user' as const, content: 'write f' }];
function entry(index: number, text = `answer ${index}`): CachedSample {
  const request: SampleRequestKey = { model: 'm', messagesHash: hashOf(messages), temperature: 1, topP: 1, maxTokens: 10, seed: null, stop: null, index };
  return { key: sampleCacheKey(request), request, text, finishReason: 'stop', usage: { promptTokens: 3, completionTokens: 2 }, servedModel: 'm', createdAt: 'now' };
}

describe('ResponseCache', () => {
  it('stores samples as JSONL lines with their prompt once, and finds them from another instance', async () => {
    const cache = new ResponseCache(dir);
    const entries = [0, 1, 2].map((i) => entry(i));
    await Promise.all([cache.putMany(entries.slice(0, 2), { messagesHash: hashOf(messages), messages }), cache.put(entries[2], { messagesHash: hashOf(messages), messages })]);
    await cache.close();
    const [segment] = readdirSync(dir);
    const lines = readFileSync(join(dir, segment), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ messagesHash: hashOf(messages), messages });

    const again = new ResponseCache(dir);
    expect(again.count).toBe(3);
    const got = await again.getMany([entries[2].key, 'missing', entries[0].key]);
    expect(got.map((g) => g?.text)).toEqual(['answer 2', undefined, 'answer 0']);
    await again.close();
  });

  it('writes a sample put while the previous write is being closed (nothing left waiting)', async () => {
    const cache = new ResponseCache(dir);
    for (let i = 0; i < 20; i += 1) {
      await cache.put(entry(2 * i)); // resolves once written, while the segment is being closed
      const next = cache.put(entry(2 * i + 1));
      const stuck = new Promise((resolve) => setTimeout(() => resolve('stuck'), 5_000));
      expect(await Promise.race([next.then(() => 'written'), stuck])).toBe('written');
    }
    expect(new ResponseCache(dir).count).toBe(40);
  });

  it('ignores a torn last line and garbage left by a crash', async () => {
    const cache = new ResponseCache(dir);
    await cache.put(entry(0));
    await cache.close();
    const [segment] = readdirSync(dir);
    appendFileSync(join(dir, segment), 'not json\n' + JSON.stringify(entry(1)).slice(0, 40));
    const again = new ResponseCache(dir);
    expect(again.count).toBe(1);
    expect((await again.get(entry(0).key))?.text).toBe('answer 0');
    expect(await again.get(entry(1).key)).toBeUndefined();
    // New writes go to a new segment, never after the torn line.
    await again.put(entry(1));
    await again.close();
    expect(readdirSync(dir)).toHaveLength(2);
    expect(new ResponseCache(dir).count).toBe(2);
  });
});
