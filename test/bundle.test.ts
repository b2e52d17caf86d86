/**
 * The built dist/ folder: each of the CLI, the server and the worker is an
 * entry script naming its bundle, and every bundle carries the edits
 * scripts/build.mjs makes to web-tree-sitter's glue (the findings from the
 * bundles are checked against the sources by the CLI, LSP and example tests).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { lint } from '../server/src/core/lint';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { ensureBuilt, REPO, runCli } from './helpers/robustness';

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
      assert.ok(bundle.includes('tlInputView.write(string, inputBufferAddress, units * 2, "utf16le")'), 'the parse callback copies natively');
      assert.ok(!bundle.includes('stringToUTF16(string, inputBufferAddress'), 'no stringToUTF16 in the parse callback');
    });
  }
});

describe('the bundled parser reads source text as the library does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadlint-bundle-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('text longer than one input chunk, non-BMP characters, CRLF and LF mixed: same findings as the unbundled library', async () => {
    // The parse callback hands tree-sitter 5,119 UTF-16 code units at a time: strings of varying
    // length put the chunk boundaries at many places (inside strings, surrogate pairs, CRLF pairs),
    // with findings on both sides of each.
    const parts: string[] = ['CACHE = {}\nTOTAL = 0\n\n\ndef view(request):\n    CACHE[request.path] = 1\n'];
    for (let i = 0; i < 40; i++) {
      const pad = 'x'.repeat(1000 + ((i * 977) % 5119));
      parts.push(`\n\ndef f${i}(request):\n    s = "${pad}\ud83d\ude00\u00e9 ${i}"\n    global TOTAL\n    TOTAL += ${i}\n    CACHE[s] = ${i}\n`);
    }
    const text = parts.join('').replace(/\n/g, (_, at: number) => (at % 3 === 0 ? '\r\n' : '\n'));
    const path = join(dir, 'chunks.py');
    writeFileSync(path, text, 'utf8');
    const cli = runCli(['check', '--format', 'json', '--no-cache', path], dir);
    assert.equal(cli.status, 1, cli.stderr);
    const bundled = JSON.parse(cli.stdout) as { code: string; location: { row: number; column: number } }[];
    const library = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const key = (code: string, row: number, column: number) => `${code}@${row}:${column}`;
    assert.ok(bundled.length >= 80, `findings on both sides of every chunk boundary (${bundled.length})`);
    assert.deepEqual(
      bundled.map((f) => key(f.code, f.location.row, f.location.column)),
      library.findings.map((f) => key(f.code, f.range.start.line + 1, f.range.start.character + 1)),
    );
  });
});
