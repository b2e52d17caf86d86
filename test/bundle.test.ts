/**
 * The built dist/ folder: each of the CLI, the server and the worker is an
 * entry script naming its bundle, and every bundle carries the edits
 * scripts/build.mjs makes to web-tree-sitter's glue (the findings from the
 * bundles are checked against the sources by the CLI, LSP and example tests).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureBuilt, REPO } from './helpers/robustness';

ensureBuilt();
const dist = (name: string) => readFileSync(join(REPO, 'dist', name), 'utf8');

describe('dist bundles', () => {
  for (const name of ['cli', 'server', 'worker']) {
    test(`${name}.js loads ${name}.bundle.js, which carries the web-tree-sitter edits`, () => {
      const entry = dist(`${name}.js`);
      assert.ok(entry.includes(`"${name}.bundle.js"`), `${name}.js names its bundle`);
      assert.ok(entry.length < 20_000, `${name}.js is a small entry script (${entry.length} bytes)`);
      const bundle = dist(`${name}.bundle.js`);
      assert.ok(bundle.includes('this._h = other'), "Node's handle is a named property");
      assert.doesNotMatch(bundle, /C\.[gs]etValue\([^;]*?"i32"\)/, 'no generic i32 getValue/setValue left');
      assert.ok(bundle.includes('C.HEAP_DATA_VIEW.setInt32(address, node._h, true)'), 'marshalNode writes the handle');
    });
  }
});
