/**
 * Finding a benchmark file by its published name under a folder the user names (`--data-dir`,
 * default `$PLUM_DATA_DIR`): searched recursively, shallowest match first, hidden folders and
 * node_modules skipped. A missing file is a DataMissingError saying where to download it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataMissingError } from '../errors.js';

/** A file to look for. */
export interface NamedDataFile {
  /** The dataset name in messages, e.g. "humaneval+". */
  label: string;
  /** Published file names, most preferred first (e.g. the .gz as distributed, then a gunzipped copy). */
  names: string[];
  /** Where to download it (URL and what to take from there). */
  download: string;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The path of the file; several matches: the shallowest, with a note on stderr naming the others. */
export function findNamedFile(spec: NamedDataFile, dataDir: string | undefined = process.env.PLUM_DATA_DIR): string {
  const { label, names } = spec;
  const hint = `download ${spec.download} into the data directory`;
  if (!dataDir) {
    throw new DataMissingError(`no data directory given for ${label}: pass --data-dir DIR or set PLUM_DATA_DIR to a folder holding ${names[0]}; ${hint}`);
  }
  const root = resolve(dataDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new DataMissingError(`data directory ${root} does not exist; create it and ${hint}`);
  }
  const found: string[] = [];
  let level = [root];
  for (let depth = 0; depth < 8 && level.length; depth++) {
    for (const name of names) {
      for (const dir of level) {
        const candidate = join(dir, name);
        if (existsSync(candidate) && statSync(candidate).isFile()) found.push(candidate);
      }
    }
    const next: string[] = [];
    for (const dir of level) {
      for (const entry of listDir(dir)) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const path = join(dir, entry);
        try {
          if (statSync(path).isDirectory()) next.push(path);
        } catch {
          // unreadable entries are not ours to judge
        }
      }
    }
    level = next;
  }
  if (found.length === 0) throw new DataMissingError(`${names[0]} not found under ${root} (searched recursively); ${hint}`);
  if (found.length > 1) {
    process.stderr.write(
      `${label}: ${found.length} files of the published name under ${root}; using ${found[0]} (the shallowest, ${names.join(' before ')}); ` +
        `not used: ${found.slice(1).join(', ')}. Pass a narrower --data-dir (or --problem-file) to choose.\n`,
    );
  }
  return found[0];
}
