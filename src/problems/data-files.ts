/**
 * Finding a benchmark file in a folder the user names (it may hold the file directly or in the
 * usual sub-folder, e.g. `<dir>/mbpp/mbpp.jsonl`), or saying clearly where to download it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataMissingError } from '../errors.js';

/** A benchmark file plum can read, with where to get it. */
export interface DataFileSpec {
  /** Human name, e.g. "MBPP (original)". */
  label: string;
  /** Accepted file names, in order of preference. */
  names: string[];
  /** Sub-folders of the data dir also searched. */
  subdirs: string[];
  /** Where to download it. */
  url: string;
}

/** The path of the first matching file, or a DataMissingError listing where we looked. */
export function locateDataFile(dataDir: string, spec: DataFileSpec): string {
  const root = resolve(dataDir);
  const dirs = [root, ...spec.subdirs.map((d) => join(root, d))];
  for (const dir of dirs) {
    for (const name of spec.names) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  throw new DataMissingError(
    `${spec.label} not found: looked for ${spec.names.join(' or ')} in ${dirs.join(', ')}. ` +
      `Download it from ${spec.url} into ${root}.`,
  );
}

/** The benchmark files the problem loaders read. */
export const DATA_FILES = {
  mbpp: {
    label: 'MBPP (original)',
    names: ['mbpp.jsonl'],
    subdirs: ['mbpp'],
    url: 'https://github.com/google-research/google-research/raw/master/mbpp/mbpp.jsonl',
  },
  mbppSanitized: {
    label: 'MBPP (sanitized)',
    names: ['sanitized-mbpp.json'],
    subdirs: ['mbpp'],
    url: 'https://github.com/google-research/google-research/raw/master/mbpp/sanitized-mbpp.json',
  },
  mbppPlus: {
    label: 'MBPP+ (EvalPlus v0.2.0)',
    names: ['MbppPlus.jsonl.gz', 'MbppPlus.jsonl', 'MbppPlus-v0.2.0.jsonl.gz', 'MbppPlus-v0.2.0.jsonl'],
    subdirs: ['mbppplus', 'mbpp'],
    url: 'https://github.com/evalplus/mbppplus_release/releases/tag/v0.2.0 (MbppPlus.jsonl.gz)',
  },
} satisfies Record<string, DataFileSpec>;
