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

const webTreeSitterToCjs = {
  name: 'web-tree-sitter-cjs',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: webTreeSitterCjs }));
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
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node', cached: true },
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
    define: { THREADLINT_BUNDLE: JSON.stringify(bundle), THREADLINT_BUNDLE_ID: JSON.stringify(id) },
  });
}

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(out, 'tree-sitter.wasm'));
copyFileSync(join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), join(out, 'tree-sitter-python.wasm'));
