/**
 * Where the tests find the public benchmark data: `$PLUM_DATA_DIR`, else `../shared/data` beside the
 * repository. Tests that need it use `describeWithData`, which skips them when it is absent and says
 * so on stderr (which tests, and why), so a run without the data is never silently thinner.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/** The benchmark data folder the tests read. */
export const sharedData = resolve(process.env.PLUM_DATA_DIR ?? join(packageRoot(), '..', 'shared', 'data'));

/** A path inside the data folder. */
export const dataPath = (...parts: string[]) => join(sharedData, ...parts);

/**
 * `describe` when every one of `needs` (paths relative to the data folder; default the folder itself)
 * exists, else a skipped `describe` with a line on stderr naming the suite and the missing path.
 */
export function describeWithData(name: string, needs: string[], body: () => void): void {
  const missing = (needs.length ? needs : ['.']).map((p) => dataPath(p)).find((p) => !existsSync(p));
  if (missing) {
    process.stderr.write(`SKIPPED (data missing): "${name}" needs ${missing}; set PLUM_DATA_DIR to the folder of ../shared/data\n`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}
