// Starts the tslab kernel for plum: working directory = the repository root (tslab resolves
// notebook imports such as "./src/index" against it), and TypeScript's `strict` checks switched
// on, because tslab compiles the imported src/ files itself with fixed options that lack
// `strict`, and plum's code relies on strict null checks for type narrowing (like tsconfig.json).
// Files on disk are not watched: a source edited during a session (by you or a git pull) would
// otherwise crash tslab's incremental compiler ("Unexpected pending rebuildTimer"); restart the
// kernel to pick up changes to src/.
// Usage (from kernel.json): node kernels/plum-tslab/launch.cjs kernel --config-path FILE
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);
const tslabDir = path.dirname(require.resolve('tslab/package.json', { paths: [root] }));
const tsPath = require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] });
require(tsPath);
const cached = require.cache[tsPath];
const ts = cached.exports;
const strictHost = (rootFiles, options, ...rest) => ts.createWatchCompilerHost(rootFiles, { ...options, strict: true }, ...rest);
const noWatcher = () => ({ close() {} });
ts.sys.watchFile = noWatcher;
ts.sys.watchDirectory = noWatcher;
// The module's exports are read-only getters, so wrap them in a proxy that swaps one function.
cached.exports = new Proxy(ts, {
  get(target, key) {
    return key === 'createWatchCompilerHost' ? strictHost : Reflect.get(target, key);
  },
});
require(path.join(tslabDir, 'dist', 'main.js')).main();
