#!/usr/bin/env node
/**
 * Lints every file named in a list with Ruff's WebAssembly build
 * (@astral-sh/ruff-wasm-nodejs, installed by `npm ci` in bench/) and prints
 * the number of diagnostics per rule as JSON. Run by bench/scan.mjs as a
 * child process, so the whole process (module load, WASM compile, reading
 * and linting every file) is what gets timed.
 *
 *   node bench/ruff-driver.mjs FILE_LIST [RULE,...]
 *
 * FILE_LIST holds one path a line. Default rules: PLW0603 (global statement),
 * B006 (mutable argument default), RUF012 (mutable class default): the three
 * Ruff rules that overlap threadlint's catalogue.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const [listFile, rulesArg] = process.argv.slice(2);
if (!listFile) {
  process.stderr.write('usage: node bench/ruff-driver.mjs FILE_LIST [RULE,...]\n');
  process.exit(2);
}
const rules = (rulesArg ?? 'PLW0603,B006,RUF012').split(',');
const files = readFileSync(listFile, 'utf8').split('\n').filter((l) => l !== '');
const workspace = new Workspace({ lint: { select: rules } }, PositionEncoding.Utf16);

const counts = {};
let diagnostics = 0;
let failed = 0;
for (const file of files) {
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    failed++;
    continue;
  }
  let result;
  try {
    result = workspace.check(source);
  } catch {
    failed++;
    continue;
  }
  for (const d of result) {
    const code = d.code ?? 'syntax-error';
    counts[code] = (counts[code] ?? 0) + 1;
    diagnostics++;
  }
}
process.stdout.write(`${JSON.stringify({ version: Workspace.version(), files: files.length, failed, diagnostics, counts })}\n`);
