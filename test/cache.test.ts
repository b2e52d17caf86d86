/**
 * The summary cache (.threadlint_cache/): written on the first scan, reused
 * on the next, invalidated by a content change (the file and the files that
 * depend on it are judged afresh), ignored when corrupt, and never touched
 * with --no-cache.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SummaryCache } from '../server/src/core/cache';

const cli = join(__dirname, '..', 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'threadlint-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string): string {
  const root = join(tmp, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'pyproject.toml'), '[tool.threadlint]\n');
  writeFileSync(join(root, 'state.py'), 'CACHE = {}\n');
  writeFileSync(join(root, 'views.py'), 'from state import CACHE\n\n\ndef view(request, k):\n    CACHE[k] = 1\n');
  return root;
}

function check(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--no-progress', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, findings: r.stdout ? (JSON.parse(r.stdout) as { code: string; filename: string }[]) : [], stderr: r.stderr };
}

function packs(root: string): string[] {
  const dir = join(root, '.threadlint_cache', 'v3');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => join(dir, f)) : [];
}

test('the first scan writes the pack and a .gitignore; the second reads it', () => {
  const root = project('reuse');
  const first = check(root);
  assert.deepEqual(first.findings.map((f) => f.code), ['TL002']);
  assert.deepEqual(packs(root).map((p) => p.slice(p.lastIndexOf('/') + 1)).sort(), ['index.bin', 'summaries.bin']);
  assert.match(readFileSync(join(root, '.threadlint_cache', '.gitignore'), 'utf8'), /^\*$/m);
  const second = check(root);
  assert.deepEqual(second.findings, first.findings);
});

test('a file touched without a change is still a hit; a changed file invalidates itself, and its dependents are judged afresh', () => {
  const root = project('invalidate');
  assert.equal(check(root).findings.length, 1);
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'views.py'), later, later);
  assert.equal(check(root).findings.length, 1);
  // CACHE becomes a tuple: the write in views.py (unchanged, cached) is no longer a mutation of a shared dict.
  writeFileSync(join(root, 'state.py'), 'CACHE = ()\n');
  assert.equal(check(root).findings.length, 0);
  writeFileSync(join(root, 'state.py'), 'CACHE = {}\n');
  assert.equal(check(root).findings.length, 1);
});

test('entries are keyed by content: a summary is only reused for the same text, module and settings', () => {
  const a = SummaryCache.key('salt', 'm', false, 'x = 1\n');
  assert.equal(a, SummaryCache.key('salt', 'm', false, 'x = 1\n'));
  assert.notEqual(a, SummaryCache.key('salt', 'm', false, 'x = 2\n'));
  assert.notEqual(a, SummaryCache.key('salt', 'n', false, 'x = 1\n'));
  assert.notEqual(a, SummaryCache.key('other', 'm', false, 'x = 1\n'));
});

test('a corrupt cache entry is ignored and rewritten', () => {
  const root = project('corrupt');
  const first = check(root);
  for (const pack of packs(root)) writeFileSync(pack, 'not a cache pack');
  const second = check(root);
  assert.deepEqual(second.findings, first.findings);
  assert.equal(check(root).findings.length, 1);
});

test('--no-cache neither reads nor writes the cache', () => {
  const root = project('nocache');
  assert.equal(check(root, '--no-cache').findings.length, 1);
  assert.ok(!existsSync(join(root, '.threadlint_cache')));
});

test('a lost summaries pack is only a miss: the files are summarised again', () => {
  const root = project('lost');
  const first = check(root);
  rmSync(join(root, '.threadlint_cache', 'v3', 'summaries.bin'));
  // Touch a file so the run cannot reuse the last findings and needs the summaries.
  writeFileSync(join(root, 'views.py'), readFileSync(join(root, 'views.py'), 'utf8') + '\n');
  assert.deepEqual(check(root).findings, first.findings);
});

test('the key of a file summarised on an empty cache (read where it is parsed) is the key a later run computes from its text', async () => {
  const { lint } = await import('../server/src/core/lint');
  const { DEFAULT_SETTINGS } = await import('../server/src/core/types');
  const root = project('keys');
  // A lone CR and a BOM: the key is of the decoded text, before the parser's line-ending fix-up.
  writeFileSync(join(root, 'cr.py'), '\ufeffX = 1\rY = []\r\ndef f(k):\r    Y.append(k)\n');
  const inputs = ['state.py', 'views.py', 'cr.py'].map((f) => ({ path: join(root, f) }));
  const run = async () => {
    const progress: [number, number][] = [];
    const result = await lint(inputs, { settings: DEFAULT_SETTINGS, cacheDir: join(root, '.threadlint_cache'), workers: 0, onProgress: (done, total) => progress.push([done, total]) });
    return { result, progress };
  };
  const first = await run();
  assert.deepEqual(first.progress[0], [1, 3], 'nothing cached: every file summarised');
  const later = new Date(Date.now() + 5000);
  for (const { path } of inputs) utimesSync(path, later, later);
  // Every modification time changed: each file is read here and its key compared with the stored one.
  const second = await run();
  assert.deepEqual(second.progress[0], [3, 3], 'all three found by their content key');
  assert.deepEqual(second.result.findings, first.result.findings);
});
