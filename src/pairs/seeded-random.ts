/**
 * A small seeded PRNG (mulberry32) keyed by (seed, problem id), so random pairing of a problem does
 * not depend on the order problems are streamed in.
 */
import { createHash } from 'node:crypto';

/** A function returning floats in [0, 1), deterministic for `(seed, key)`. */
export function seededRandom(seed: number, key: string): () => number {
  let state = createHash('sha256').update(`${seed}:${key}`).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with `random`. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
