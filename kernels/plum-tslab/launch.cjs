// Starts the tslab kernel for plum: working directory = the repository root (tslab resolves
// notebook imports such as "./src/index" against it). Two adjustments to tslab 1.0.22, which
// compiles the imported src/ files itself with its bundled TypeScript 5.0 and fixed options:
// - `strict` is switched on, so cells see plum's types as tsconfig.json defines them (zod's
//   inferred types, narrowing) and are checked like the rest of the code;
// - files under src/ are neither type-checked nor emitted with declarations here, only
//   transpiled: src/ is type-checked by the project's own TypeScript (`npx tsc --noEmit`),
//   TypeScript 5.0 disagrees with it on a few constructs, and checking all of src/ made the
//   first import take most of a notebook's time. Cells are checked as usual, against src/'s types.
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
const noWatcher = () => ({ close() {} });
ts.sys.watchFile = noWatcher;
ts.sys.watchDirectory = noWatcher;
const srcDir = path.join(root, 'src') + path.sep;
const inSrc = (fileName) => path.resolve(fileName).startsWith(srcDir);
// Only the cell's files are checked (checking all of src/ on the first import took most of its time).
const cellDiagnostics = (program, files) => ts.getPreEmitDiagnosticsOfFiles(program, files.filter((f) => !inSrc(f.fileName))).filter((d) => !(d.file && inSrc(d.file.fileName)));
// src/ files are emitted by plain transpilation (no type information, like tsx does): tslab's
// full emit with declarations type-checked every file of src/ on the first import (~10x slower).
function transpilingBuilder(...args) {
  const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(...args);
  const host = args[2];
  const options = builder.getCompilerOptions();
  const emit = builder.emit.bind(builder);
  builder.emit = (target, writeFile, ...rest) => {
    if (!target || !inSrc(target.fileName) || !target.fileName.endsWith('.ts') || target.fileName.endsWith('.d.ts')) {
      const write = writeFile ?? host.writeFile.bind(host);
      return emit(target, (name, text, ...more) => write(name, name.endsWith('.js') ? text.replace(/(\bfrom\s*|\brequire\(\s*|\bimport\(\s*)(["'])plum\2/g, '$1"./src/index"') : text, ...more), ...rest);
    }
    const { outputText } = ts.transpileModule(target.text, { fileName: target.fileName, compilerOptions: { ...options, declaration: false } });
    const jsFile = path.join(path.resolve(root, options.outDir), path.relative(root, target.fileName)).replace(/\.ts$/, '.js');
    writeFile(jsFile, outputText, false, undefined, [target]);
    return { emitSkipped: false, diagnostics: [] };
  };
  return builder;
}
// `import ... from "plum"` in a cell: the type checker maps it to src/index.ts (paths), and the
// cell's emitted `from "plum"` is rewritten to `from "./src/index"`, which tslab serves.
const plumPaths = { baseUrl: root, paths: { plum: ['src/index.ts'] } };
const strictHost = (rootFiles, options, system, createProgram, ...rest) =>
  ts.createWatchCompilerHost(rootFiles, { ...options, strict: true, ...plumPaths }, system, createProgram ?? transpilingBuilder, ...rest);
const replaced = { createWatchCompilerHost: strictHost, getPreEmitDiagnosticsOfFiles: cellDiagnostics };
// The module's exports are read-only getters, so wrap them in a proxy that swaps two functions.
cached.exports = new Proxy(ts, {
  get(target, key) {
    return Object.prototype.hasOwnProperty.call(replaced, key) ? replaced[key] : Reflect.get(target, key);
  },
});
// tslab never publishes `execute_input`, so executed cells kept a null execution_count ("In [ ]"):
// announce each request's number on iopub before running it, as the Python kernel does.
const { ZmqServer } = require(path.join(tslabDir, 'dist', 'jupyter.js'));
const handleExecute = ZmqServer.prototype.handleExecute;
ZmqServer.prototype.handleExecute = function (sock, msg) {
  const input = msg.createReply();
  input.header.msg_type = 'execute_input';
  input.content = { code: msg.content.code, execution_count: (this.handler.execCount ?? 0) + 1 };
  input.signAndSend(this.connInfo.key, this.iopub);
  return handleExecute.call(this, sock, msg);
};
require(path.join(tslabDir, 'dist', 'main.js')).main();
