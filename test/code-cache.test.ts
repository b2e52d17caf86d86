/**
 * The V8 code cache the entry scripts load their bundles through
 * (server/src/boot/codeCache.ts): the first start writes it, the next uses it,
 * a corrupt file is rejected and replaced, a folder others can write to is
 * never used, and none of this changes what the server or the CLI reports.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { codeCacheDir } from '../server/src/boot/codeCache';
import { LspClient } from './helpers/lspClient';
import { CLI, ensureBuilt, REPO } from './helpers/robustness';

ensureBuilt();

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-codecache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SOURCE = 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = request.user\n';
const posix = process.platform !== 'win32';

/** Starts the server with the cache in `dir`, opens one file, and returns what it logged about the cache and the diagnostics. */
async function session(dir: string, env: Record<string, string> = {}): Promise<{ state: string; diagnostics: Diagnostic[] }> {
  const client = await LspClient.start({ env: { THREADLINT_CODE_CACHE_DIR: dir, ...env } });
  try {
    await client.waitFor('the start-up log line', () => client.logs.some((l) => l.message.includes('code cache')));
    const line = client.logs.find((l) => l.message.includes('code cache'))!.message;
    const state = /code cache (off \([^)]*\)|\w+)/.exec(line)?.[1] ?? line;
    const published = await client.open(join(tmp, 'views.py'), SOURCE);
    return { state, diagnostics: published.diagnostics };
  } finally {
    await client.stop();
  }
}

function serverCaches(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('server.bundle-') && n.endsWith('.bin'));
}

describe('V8 code cache', () => {
  test('the first start writes it, the next uses it, with the same diagnostics', async () => {
    const dir = join(tmp, 'fresh');
    const first = await session(dir);
    assert.equal(first.state, 'created');
    const files = serverCaches(dir);
    assert.equal(files.length, 1, `one cache file for the server bundle, found ${readdirSync(dir).join(', ')}`);
    if (posix) {
      assert.equal(statSync(dir).mode & 0o777, 0o700, 'the folder is private');
      assert.equal(statSync(join(dir, files[0])).mode & 0o777, 0o600, 'the file is private');
    }
    const second = await session(dir);
    assert.equal(second.state, 'used');
    assert.ok(first.diagnostics.some((d) => d.code === 'TL007'), JSON.stringify(first.diagnostics));
    assert.deepEqual(second.diagnostics, first.diagnostics);
  });

  test('a corrupt cache is rejected, the server still works, and the file is replaced', async () => {
    const dir = join(tmp, 'corrupt');
    const clean = await session(dir);
    const [file] = serverCaches(dir);
    const garbage = Buffer.alloc(statSync(join(dir, file)).size, 0x5a);
    writeFileSync(join(dir, file), garbage);
    const rejected = await session(dir);
    assert.equal(rejected.state, 'rejected');
    assert.deepEqual(rejected.diagnostics, clean.diagnostics);
    assert.notDeepEqual(readFileSync(join(dir, file)), garbage, 'rewritten after the rejection');
    assert.equal((await session(dir)).state, 'used');
  });

  test('a folder other users can write to is never used', { skip: !posix && 'POSIX permissions' }, async () => {
    const dir = join(tmp, 'shared');
    await session(dir);
    chmodSync(dir, 0o777);
    const before = readdirSync(dir).map((n) => [n, statSync(join(dir, n)).mtimeMs]);
    const result = await session(dir);
    assert.equal(result.state, 'off (writable by other users)');
    assert.ok(result.diagnostics.some((d) => d.code === 'TL007'));
    assert.deepEqual(readdirSync(dir).map((n) => [n, statSync(join(dir, n)).mtimeMs]), before, 'nothing written');
  });

  test('writing a cache removes other builds of the same bundle and abandoned temporary files', async () => {
    const dir = join(tmp, 'prune');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const v8 = process.versions.v8.replace(/[^\w.]/g, '_');
    const otherBuild = `server.bundle-0000000000000000-${v8}.bin`;
    const otherV8 = 'server.bundle-0000000000000000-1.2.3.bin';
    const oldTmp = `server.bundle-0000000000000000-${v8}.bin.1.0.tmp`;
    const freshTmp = `server.bundle-0000000000000000-${v8}.bin.2.0.tmp`;
    for (const name of [otherBuild, otherV8, oldTmp, freshTmp]) writeFileSync(join(dir, name), 'x');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(join(dir, oldTmp), twoMinutesAgo, twoMinutesAgo);
    assert.equal((await session(dir)).state, 'created');
    const left = readdirSync(dir);
    assert.ok(!left.includes(otherBuild), 'the other build of this V8 is removed');
    assert.ok(!left.includes(oldTmp), 'an abandoned temporary file is removed');
    assert.ok(left.includes(otherV8), "another V8's cache (an editor's) is kept");
    assert.ok(left.includes(freshTmp), 'a temporary file that may still be written is kept');
    assert.equal(serverCaches(dir).filter((n) => n !== otherV8).length, 1);
  });

  test('THREADLINT_CODE_CACHE=0 turns it off', async () => {
    const dir = join(tmp, 'disabled');
    const result = await session(dir, { THREADLINT_CODE_CACHE: '0' });
    assert.equal(result.state, 'off (THREADLINT_CODE_CACHE)');
    assert.ok(result.diagnostics.some((d) => d.code === 'TL007'));
  });

  test('the CLI writes its own cache and reports the same with it', () => {
    const dir = join(tmp, 'cli');
    const run = () =>
      spawnSync(process.execPath, [CLI, 'check', join(REPO, 'examples', 'djangoapp'), '--no-cache', '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, THREADLINT_CODE_CACHE_DIR: dir, THREADLINT_WORKERS: '0' },
      });
    const first = run();
    assert.ok(readdirSync(dir).some((n) => n.startsWith('cli.bundle-')), `cli cache written: ${readdirSync(dir).join(', ')}`);
    const second = run();
    assert.equal(second.status, first.status);
    assert.ok(JSON.parse(first.stdout).length > 0);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  });

  test("the CLI's batch JIT flags (boot/jit.ts) get a cache file of their own, so neither flag set rejects the other's", () => {
    const dir = join(tmp, 'cli-flags');
    const run = (tuning?: string) =>
      spawnSync(process.execPath, [CLI, 'check', join(REPO, 'examples', 'djangoapp'), '--no-cache', '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, THREADLINT_CODE_CACHE_DIR: dir, THREADLINT_WORKERS: '0', ...(tuning === undefined ? {} : { THREADLINT_V8_TUNING: tuning }) },
      });
    const cliCaches = () => readdirSync(dir).filter((n) => n.startsWith('cli.bundle-') && n.endsWith('.bin')).sort();
    const tuned = run();
    const [tunedFile] = cliCaches();
    const stamp = statSync(join(dir, tunedFile)).mtimeMs;
    const plain = run('0');
    assert.equal(cliCaches().length, 2, `one file per flag set: ${cliCaches().join(', ')}`);
    const again = run();
    assert.equal(cliCaches().length, 2);
    assert.equal(statSync(join(dir, tunedFile)).mtimeMs, stamp, 'the tuned run used its file instead of rewriting it');
    assert.deepEqual(JSON.parse(plain.stdout), JSON.parse(tuned.stdout), 'the JIT flags change nothing the CLI reports');
    assert.deepEqual(JSON.parse(again.stdout), JSON.parse(tuned.stdout));
  });

  test('the default folder is the per-user cache folder', () => {
    assert.equal(codeCacheDir({ THREADLINT_CODE_CACHE_DIR: '/x/y' }), '/x/y');
    if (process.platform === 'linux') {
      assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/home/u/.xdg' }), join('/home/u/.xdg', 'threadlint', 'code-cache'));
      assert.match(codeCacheDir({})!, /\.cache\/threadlint\/code-cache$/);
    }
  });
});
