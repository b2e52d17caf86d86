/**
 * Loads a bundle (dist/*.bundle.js) through V8's code cache, the way Node 22's
 * `module.enableCompileCache()` does for its own loader, so a process that
 * starts again skips compiling the JavaScript it compiled last time: the
 * language server answers `initialize` sooner and its first analysis runs on
 * cached bytecode (docs/benchmarks.md, "Cold start").
 *
 * The cache holds V8 bytecode of threadlint's own bundles, never anything
 * derived from the user's code. It lives in a private directory of the user's
 * cache folder (the extension passes its VS Code global storage), one file per
 * bundle, build and V8 version, written atomically. V8 checks each file
 * against the source, its version and flags and rejects any that does not
 * match; a rejected or unreadable cache only means a normal compile. A
 * directory that someone else could write to is never used, since bytecode
 * read from it would run as ours. `THREADLINT_CODE_CACHE=0` turns it off.
 *
 * No dependencies beyond Node: this file is bundled into the small entry
 * scripts (dist/cli.js, dist/server.js, dist/worker.js) that load the bundles.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** What happened to the code cache in this thread: reported in the server's log. */
export type CodeCacheState = 'used' | 'created' | 'rejected' | `off (${string})`;

const STATE_KEY = Symbol.for('threadlint.codeCache');
/** Saved this long after start (and at exit), so the functions the first run compiled are in it. */
const SAVE_AFTER_MS = 1000;

/** The state of the code cache of this thread's bundle, when it was loaded through loadBundle(). */
export function codeCacheState(): CodeCacheState | undefined {
  return (globalThis as Record<symbol, CodeCacheState | undefined>)[STATE_KEY];
}

/** The directory for the cache: THREADLINT_CODE_CACHE_DIR, else the platform's per-user cache folder. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.THREADLINT_CODE_CACHE_DIR) return env.THREADLINT_CODE_CACHE_DIR;
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'threadlint', 'code-cache') : undefined;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'threadlint', 'code-cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'threadlint', 'code-cache');
}

/** Why `dir` may not hold bytecode we will run, or undefined when it is ours alone. Creates it (private) when missing. */
export function unsafeCacheDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return 'not a directory';
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return 'owned by another user';
      if ((st.mode & 0o022) !== 0) return 'writable by other users';
    }
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'not usable';
  }
}

function setState(state: CodeCacheState): void {
  (globalThis as Record<symbol, CodeCacheState>)[STATE_KEY] = state;
}

/**
 * Compiles and runs the CommonJS bundle `file` as if `stub` (the entry script
 * that calls this) had required it, then hands its exports to `stub`. The
 * bundle sees itself as the main module when the stub is. `id` names this
 * build of the bundle (a hash of it, computed at build time; hashed here when
 * missing).
 */
export function loadBundle(file: string, stub: NodeModule, id?: string): void {
  const source = readFileSync(file, 'utf8');
  const off = /^(0|false|off|no)$/i.test(process.env.THREADLINT_CODE_CACHE ?? '') ? 'THREADLINT_CODE_CACHE' : undefined;
  let dir: string | undefined;
  try {
    dir = off ? undefined : codeCacheDir();
  } catch {
    dir = undefined; // no home folder: start without the cache
  }
  const unsafe = off ?? (dir ? unsafeCacheDir(dir) : 'no cache folder');
  // One file per bundle, source and V8 version: an extension host's Node and the CLI's do not overwrite each other.
  const v8 = process.versions.v8.replace(/[^\w.]/g, '_');
  const build = `${basename(file, '.js')}-${id ?? createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
  // V8 rejects cached data made under other flags (the CLI sets its own, boot/jit.ts): one file per flag set.
  const key = `${build}-${cachedDataVersionTag().toString(16)}-${v8}`;
  const cachePath = dir && !unsafe ? join(dir, `${key}.bin`) : undefined;
  let cachedData: Buffer | undefined;
  if (cachePath) {
    try {
      cachedData = readPrivateFile(cachePath);
    } catch {
      cachedData = undefined;
    }
  }
  const importDefault = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
    ...(importDefault ? { importModuleDynamically: importDefault as never } : {}),
  });
  if (!cachePath) setState(`off (${unsafe})`);
  else if (cachedData && !script.cachedDataRejected) setState('used');
  else {
    setState(cachedData ? 'rejected' : 'created');
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        writeAtomically(cachePath, script.createCachedData());
        prune(dirname(cachePath), basename(file, '.js'), v8, build);
      } catch {
        // A cache that cannot be written only means compiling again next time.
      }
    };
    setTimeout(save, SAVE_AFTER_MS).unref();
    process.once('exit', save);
  }

  const bundle = new Module(file, stub);
  bundle.filename = file;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  const req = ((id: string) => bundle.require(id)) as NodeJS.Require;
  req.resolve = ((request: string) => (Module as unknown as { _resolveFilename(r: string, m: NodeModule): string })._resolveFilename(request, bundle)) as NodeJS.RequireResolve;
  req.cache = require.cache;
  req.main = require.main === stub ? bundle : require.main;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  run.call(bundle.exports, bundle.exports, req, bundle, file, dirname(file));
  bundle.loaded = true;
  stub.exports = bundle.exports;
}

/** Reads a cache file only when it is a regular file of this user's. */
function readPrivateFile(path: string): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (process.platform !== 'win32' && typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAtomically(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  try {
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/**
 * Removes the caches of other builds of the same bundle for the same V8 (other V8s, e.g. an
 * editor's, keep theirs), keeping every flag set's file of `build`, and temporary files a process left when it was stopped
 * while writing (older than a minute, so none still being written).
 */
function prune(dir: string, bundle: string, v8: string, build: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${bundle}-`)) continue;
    let stale = !name.startsWith(`${build}-`) && name.endsWith(`-${v8}.bin`);
    if (!stale && name.endsWith('.tmp')) {
      try {
        stale = now - statSync(join(dir, name)).mtimeMs > 60_000;
      } catch {
        stale = false;
      }
    }
    if (stale) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // another process may have removed it
      }
    }
  }
}
