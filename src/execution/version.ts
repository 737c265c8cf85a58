/**
 * The engine's version, part of every verdict-cache key: bump it when verdict semantics change.
 * (The Python harness files are also hashed into the key, see languages/python.ts.)
 */
export const ENGINE_VERSION = '0.1.0';
