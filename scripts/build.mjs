// Bundles the CLI, the analysis worker, the language server and the extension
// client into single CommonJS files under dist/, and copies the two
// tree-sitter .wasm files beside them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const release = process.argv.includes('--release');
const out = 'dist';
mkdirSync(out, { recursive: true });

// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks: use its CJS build.
const webTreeSitterCjs = join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.cjs');

/**
 * Four changes to web-tree-sitter's JavaScript glue, made as it is bundled (the library's behaviour
 * is unchanged; measured on Django, one thread: 2.46 -> 2.19 s, docs/benchmarks.md):
 *
 * - Every node handed between JavaScript and WebAssembly goes through a transfer buffer, written
 *   and read with Emscripten's generic `setValue(ptr, v, "i32")` / `getValue(ptr, "i32")`: five
 *   calls per node, each dispatching on its type string. They become the little-endian DataView
 *   accesses those calls end in (`LE_HEAP_STORE_I32` / `LE_HEAP_LOAD_I32`), on any host.
 * - `Node` keeps its WebAssembly handle as the array element `[0]`, which gives every node object
 *   an elements store of its own (an extra allocation per node, and the walk creates millions of
 *   nodes). It becomes the named property `_h`; only the constructor and `marshalNode` use it.
 *   The class fields move into the constructor so that nodes keep one shape.
 *
 * - The parser reads the source through a callback that copies up to 5,119 UTF-16 code units
 *   into a buffer in WebAssembly memory with Emscripten's `stringToUTF16`, a JavaScript loop over
 *   `charCodeAt`, after the generic `setValue`. The lexer asks again at every position outside its
 *   current chunk, so the copy ran for ~10 % of the parse (profile of Django + stdlib). It becomes
 *   one `Buffer#write(..., "utf16le")` into the same bytes (a native copy; same code units, lone
 *   surrogates included) and a plain little-endian store of the length; the parse of Django +
 *   stdlib on one thread takes ~25 % less time, with identical trees.
 *
 * - `children` and `namedChildren` fill `new Array(count)`, a holey array (and an empty one has yet
 *   another elements kind), where the walk's own lists (`[]`, `filter()`) are packed: code handed
 *   both kinds met up to four array shapes at one place, and optimised code deoptimised as each new
 *   one showed up. They fill `[]` in order instead, which stays packed (same elements).
 *
 * Each edit checks that the code it expects is there, so a web-tree-sitter update that changes it
 * fails the build instead of going unpatched or wrong.
 */
function patchWebTreeSitter(text) {
  const expect = (ok, what) => {
    if (!ok) throw new Error(`web-tree-sitter patch: ${what} not found; review scripts/build.mjs against the new version`);
  };
  const i32 = (text.match(/C\.[gs]etValue\([^;]*?"i32"\)/g) ?? []).length;
  let out = text
    .replace(/C\.getValue\(([^,()]+), "i32"\)/g, 'C.HEAP_DATA_VIEW.getInt32($1, true)')
    .replace(/C\.setValue\(([^,()]+), ([^,()]+), "i32"\)/g, 'C.HEAP_DATA_VIEW.setInt32($1, $2, true)');
  expect(i32 > 0 && !/C\.[gs]etValue\([^;]*?"i32"\)/.test(out), 'C.getValue/C.setValue with "i32" in simple form');
  const start = out.indexOf('var Node = class {');
  const end = out.indexOf('\nvar ', start + 1);
  expect(start >= 0 && end > start, 'the Node class');
  let cls = out.slice(start, end);
  const fields = /^ {2}(\[0\] = 0|_children|_namedChildren|id|startIndex|startPosition|tree);$/gm;
  expect((cls.match(fields) ?? []).length === 7, "Node's seven field declarations");
  expect(!/(^|[^\w.])this\[0\]/m.test(cls.replace(fields, '').replace('this[0] = other;', '')), "Node's handle used only by its constructor");
  cls = cls.replace(fields, '');
  expect(cls.includes('    this[0] = other;'), "Node's constructor");
  cls = cls.replace('    this[0] = other;', '    this._h = other;\n    this._children = void 0;\n    this._namedChildren = void 0;');
  out = out.slice(0, start) + cls + out.slice(end);
  const marshal = 'C.HEAP_DATA_VIEW.setInt32(address, node[0], true)';
  expect(out.split(marshal).length === 2 && out.split('node[0]').length === 2, 'marshalNode as the only reader of node[0]');
  out = out.replace(marshal, 'C.HEAP_DATA_VIEW.setInt32(address, node._h, true)');
  for (const list of ['this._children', 'this._namedChildren']) {
    const made = `${list} = new Array(count);`;
    expect(out.split(made).length === 2, `${list} made as new Array(count)`);
    out = out.replace(made, `${list} = [];`);
  }
  // The parse callback's copy of the source text (see above). `INPUT_BUFFER_SIZE` bytes hold
  // `INPUT_BUFFER_SIZE / 2 - 1` code units and a terminating zero, as stringToUTF16 writes them.
  const copy = `            setValue(lengthAddress, string.length, "i32");
            stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);`;
  const callback = '        function _tree_sitter_parse_callback(';
  expect(out.split(copy).length === 2 && out.split(callback).length === 2 && out.includes('const INPUT_BUFFER_SIZE = 10 * 1024;'), 'the parse callback copying with stringToUTF16');
  return out.replace(
    copy,
    `            LE_HEAP_STORE_I32((lengthAddress >> 2) * 4, string.length);
            const units = Math.min(string.length, INPUT_BUFFER_SIZE / 2 - 1);
            if (tlInputView === void 0 || tlInputView.buffer !== HEAPU8.buffer) tlInputView = Buffer.from(HEAPU8.buffer, HEAPU8.byteOffset, HEAPU8.byteLength);
            tlInputView.write(string, inputBufferAddress, units * 2, "utf16le");
            HEAPU8[inputBufferAddress + units * 2] = 0;
            HEAPU8[inputBufferAddress + units * 2 + 1] = 0;`,
  ).replace(callback, `        var tlInputView;\n${callback}`);
}

const webTreeSitterToCjs = {
  name: 'web-tree-sitter-cjs',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: webTreeSitterCjs }));
    b.onLoad({ filter: /[\\/]web-tree-sitter[\\/]tree-sitter\.cjs$/ }, (args) => ({
      contents: patchWebTreeSitter(readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

// A fingerprint of the analysis sources: summaries cached by another build are never reused.
function fingerprint(dir) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) hash.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}
const buildId = fingerprint('server/src/core');

// The CLI, the server and the worker are each a bundle (dist/<name>.bundle.js) behind a small
// entry script (dist/<name>.js) that loads it through V8's code cache (server/src/boot/codeCache.ts).
const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node', cached: true, batch: true },
  { in: 'server/src/core/worker.ts', out: 'worker', cached: true },
  { in: 'server/src/server.ts', out: 'server', cached: true },
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: release,
  logLevel: 'warning',
};

for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  const bundle = entry.cached ? `${entry.out}.bundle.js` : `${entry.out}.js`;
  await build({
    ...common,
    entryPoints: [entry.in],
    outfile: join(out, bundle),
    sourcemap: !release,
    banner: entry.banner && !entry.cached ? { js: entry.banner } : undefined,
    define: { 'process.env.THREADLINT_BUILD': JSON.stringify(buildId) },
    plugins: [webTreeSitterToCjs],
    // Only used from sources, where the .wasm files are not beside the bundle.
    external: [...(entry.external ?? []), 'web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/package.json'],
  });
  if (!entry.cached) continue;
  const id = createHash('sha256').update(readFileSync(join(out, bundle))).digest('hex').slice(0, 16);
  await build({
    ...common,
    entryPoints: ['server/src/boot/entry.ts'],
    outfile: join(out, `${entry.out}.js`),
    banner: entry.banner ? { js: entry.banner } : undefined,
    define: { THREADLINT_BUNDLE: JSON.stringify(bundle), THREADLINT_BUNDLE_ID: JSON.stringify(id), THREADLINT_BATCH: String(entry.batch === true) },
  });
}

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(out, 'tree-sitter.wasm'));
copyFileSync(join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), join(out, 'tree-sitter-python.wasm'));
