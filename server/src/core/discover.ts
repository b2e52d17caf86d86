/**
 * File discovery: turns the paths given on the command line into the list of
 * Python files to analyse. Folders are walked with `fs`, honouring every
 * `.gitignore` on the way (plus the ones above the start folder up to the git
 * root, and `.git/info/exclude`), the config's exclude globs, and a fixed list
 * of folders that never hold project code. Files named explicitly are always
 * included, as in Ruff. Nothing here stops on a bad entry: unreadable files and
 * folders, symlink loops and broken symlinks become `FileProblem`s.
 */
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { loadConfig, type ResolvedConfig } from './config';
import { PathGlobs, toPosix } from './globs';
import type { FileProblem } from './types';

/** Folder names that are never walked into (unless named explicitly). */
/**
 * A file name the scan takes for Python source: `.py`, and mod_wsgi's `.wsgi` scripts (Python that the
 * server runs once per process as it loads the application: what they call at module level is start-up).
 */
export function isPythonSource(name: string): boolean {
  return name.endsWith('.py') || name.endsWith('.wsgi');
}

export const ALWAYS_SKIPPED = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.threadlint_cache',
]);

export interface DiscoverOptions {
  /** The configuration for a folder; default: the nearest pyproject.toml (`loadConfig`). May throw `ConfigError`. */
  configFor?: (dir: string) => ResolvedConfig;
  /** Called each time a Python file is found in a walked folder, with the running count. */
  onFile?: (count: number, path: string) => void;
}

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  problems: FileProblem[];
}

interface IgnoreLevel {
  base: string;
  matcher: ignore.Ignore;
}

export function discover(paths: string[], options: DiscoverOptions = {}): Discovery {
  const configFor = options.configFor ?? loadConfig;
  const files: string[] = [];
  /** Each file's path with every symlink resolved, when the walk knows it (undefined: ask realpath). */
  const reals: (string | undefined)[] = [];
  const problems: FileProblem[] = [];
  const excludeCache = new Map<string, PathGlobs | null>();
  let sawSymlink = false;

  const problem = (path: string, reason: string) => problems.push({ path, kind: 'skipped', reason });

  const matcherByDir = new Map<string, PathGlobs | null>();
  const excludeMatcher = (dir: string): PathGlobs | null => {
    const known = matcherByDir.get(dir);
    if (known !== undefined) return known;
    const config = configFor(dir);
    const key = `${config.path ?? ''}\0${config.root}`;
    let matcher = excludeCache.get(key);
    if (matcher === undefined) {
      const globs = new PathGlobs(config.root, config.exclude);
      matcher = globs.empty ? null : globs;
      excludeCache.set(key, matcher);
    }
    matcherByDir.set(dir, matcher);
    return matcher;
  };

  const isExcluded = (path: string, parent: string): boolean => {
    const matcher = excludeMatcher(parent);
    return matcher !== null && matcher.matchesEntry(path);
  };

  // `realDir` is `dir` with every symlink resolved: a subfolder reached through a plain folder entry is
  // `realDir/name`, so only symlinks (and the given roots) need a realpath call.
  const walk = (dir: string, realDir: string, levels: IgnoreLevel[], ancestors: Set<string>, isRoot: boolean) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problem(dir, `cannot read folder: ${errorText(err)}`);
      return;
    }
    if (!isRoot && entries.some((e) => e.name === 'pyvenv.cfg')) return;
    // A folder without its own pyproject.toml has its parent's configuration: no lookup (and no stat) needed.
    if (!isRoot && !entries.some((e) => e.name === 'pyproject.toml')) {
      const inherited = matcherByDir.get(dirname(dir));
      if (inherited !== undefined) matcherByDir.set(dir, inherited);
    }

    const gitignore = entries.find((e) => e.name === '.gitignore' && !e.isDirectory());
    if (gitignore) {
      const matcher = readIgnoreFile(join(dir, '.gitignore'));
      if (matcher) levels = [...levels, { base: dir, matcher }];
    }

    entries.sort((a, b) => compare(a.name, b.name));
    // (`dir` is absolute and normalised: a plain concatenation is `join()` without its normalising pass.)
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    const realPrefix = realDir.endsWith(sep) ? realDir : realDir + sep;
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = prefix + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        sawSymlink = true;
        let target: Stats;
        try {
          target = statSync(path);
        } catch (err) {
          // Only a link that could be Python source is worth a word: a dangling .js link is not our business.
          if (isPythonSource(entry.name) && !isIgnored(levels, path, false) && !isExcluded(path, dir)) problem(path, brokenLinkReason(path, err));
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (!isDir && !isFile) continue;
      if (isIgnored(levels, path, isDir) || isExcluded(path, dir)) continue;
      if (isDir) {
        let real: string;
        if (isLink) {
          try {
            real = realpathSync.native(path);
          } catch (err) {
            problem(path, `cannot resolve folder: ${errorText(err)}`);
            continue;
          }
        } else {
          real = realPrefix + entry.name;
        }
        if (ancestors.has(real)) {
          problem(path, `symlink loop: points to ${real}, which is already being scanned`);
          continue;
        }
        ancestors.add(real);
        walk(path, real, levels, ancestors, false);
        ancestors.delete(real);
      } else if (isPythonSource(entry.name)) {
        if (readable(path)) {
          files.push(path);
          reals.push(isLink ? undefined : realPrefix + entry.name);
          options.onFile?.(files.length, path);
        } else {
          problem(path, 'cannot read file: permission denied');
        }
      }
    }
  };

  for (const given of paths) {
    const path = resolve(given);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (err) {
      if (isSymlink(path)) problem(path, brokenLinkReason(path, err));
      else problem(path, `cannot read: ${errorText(err)}`);
      continue;
    }
    if (isSymlink(path)) sawSymlink = true;
    if (stats.isDirectory()) {
      let real: string;
      try {
        real = realpathSync.native(path);
      } catch (err) {
        problem(path, `cannot resolve folder: ${errorText(err)}`);
        continue;
      }
      if (real !== path) sawSymlink = true;
      walk(path, real, ancestorIgnoreLevels(path), new Set([real]), true);
    } else if (readable(path)) {
      files.push(path);
      reals.push(undefined);
    } else {
      problem(path, 'cannot read file: permission denied');
    }
  }

  return {
    files: sawSymlink ? dedupeByRealPath(files, reals) : [...new Set(files)].sort(compare),
    problems: dedupeProblems(problems),
  };
}

/**
 * The `.gitignore` files above `dir` (exclusive) up to the enclosing git
 * repository's root, and that root's `.git/info/exclude`; none when `dir` is
 * not inside a repository.
 */
function ancestorIgnoreLevels(dir: string): IgnoreLevel[] {
  const chain: string[] = [];
  let gitRoot: string | undefined;
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) {
      gitRoot = current;
      break;
    }
    if (dirname(current) === current) break;
    chain.push(current);
  }
  if (!gitRoot) return [];
  const levels: IgnoreLevel[] = [];
  const exclude = readIgnoreFile(join(gitRoot, '.git', 'info', 'exclude'));
  if (exclude) levels.push({ base: gitRoot, matcher: exclude });
  // `dir` itself is handled by the walk; its ancestors from the git root down.
  const above = [gitRoot, ...chain.slice(1).reverse()].filter((d) => d !== dir);
  for (const base of above) {
    const matcher = readIgnoreFile(join(base, '.gitignore'));
    if (matcher) levels.push({ base, matcher });
  }
  return levels;
}

function readIgnoreFile(file: string): ignore.Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

/** Git's precedence: the deepest `.gitignore` with a matching rule decides; a negation there re-includes. */
function isIgnored(levels: IgnoreLevel[], path: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const rel = toPosix(relative(levels[i].base, path));
    if (rel === '' || rel.startsWith('..')) continue;
    const result = levels[i].matcher.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** `files` without the ones that are another's path through a symlink; `reals[i]`, when known, is `files[i]` with every symlink resolved. */
function dedupeByRealPath(files: string[], reals: (string | undefined)[]): string[] {
  const known = new Map<string, string>();
  files.forEach((file, i) => {
    const real = reals[i];
    if (real !== undefined) known.set(file, real);
  });
  const byReal = new Map<string, string>();
  for (const file of [...new Set(files)].sort(compare)) {
    let real = known.get(file);
    if (real === undefined) {
      try {
        real = realpathSync.native(file);
      } catch {
        real = file;
      }
    }
    const kept = byReal.get(real);
    // Prefer the path without symlinks, then the first in sorted order.
    if (kept === undefined || (file === real && kept !== real)) byReal.set(real, file);
  }
  return [...byReal.values()].sort(compare);
}

function dedupeProblems(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.path}\0${p.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compare(a.path, b.path));
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function brokenLinkReason(path: string, err: unknown): string {
  let target = '';
  try {
    target = readlinkSync(path);
  } catch {
    // keep the reason without a target
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return `symlink loop${target ? ` (points to ${target})` : ''}`;
  return `broken symlink${target ? `: target ${target} does not exist` : ''}`;
}

function errorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'ENOTDIR') return 'not a folder';
  return code ?? String(err);
}

/** Code-unit order, independent of locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
