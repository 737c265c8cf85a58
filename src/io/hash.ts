/** The one way plum hashes: sha256 over canonical JSON (object keys sorted). */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

/** Hex sha256 of a string, or of the canonical JSON of any other value. */
export function hashOf(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return createHash('sha256').update(text).digest('hex');
}

/** A short id (16 hex chars) derived from content, for record ids. */
export function shortHash(value: unknown): string {
  return hashOf(value).slice(0, 16);
}
