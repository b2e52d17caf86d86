/**
 * Path globs as the configuration writes them (`exclude`, `per-file-ignores`,
 * the editor's `threadlint.exclude` and `files.exclude`): relative to a root
 * folder (a pyproject.toml's or a workspace folder), in POSIX form, matched
 * with picomatch (dot files included). A glob that matches a folder covers
 * everything below it, and a glob without a slash also matches a file or
 * folder of that name at any depth (`"conftest.py"`, `"migrations"`), as in
 * Ruff.
 */
import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';

export class PathGlobs {
  private readonly full: picomatch.Matcher | undefined;
  /** The globs without a slash, matched against base names. */
  private readonly base: picomatch.Matcher | undefined;

  constructor(
    /** Absolute folder the globs are relative to. */
    readonly root: string,
    globs: readonly string[],
  ) {
    const patterns = globs.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')).filter((p) => p !== '');
    const baseOnly = patterns.filter((p) => !p.includes('/'));
    this.full = patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
    this.base = baseOnly.length > 0 ? picomatch(baseOnly, { dot: true }) : undefined;
  }

  get empty(): boolean {
    return this.full === undefined;
  }

  /** Whether the absolute `path`, or a folder between the root and it, matches. Paths outside the root never do. */
  matches(path: string): boolean {
    const rel = this.full && this.relativePath(path);
    if (!rel) return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (this.full!(parts.slice(0, i).join('/'))) return true;
      if (this.base?.(parts[i - 1])) return true;
    }
    return false;
  }

  /**
   * Whether `path` itself matches, its folders aside: for a walk that has already checked each
   * folder on its way down.
   */
  matchesEntry(path: string): boolean {
    const rel = this.full && this.relativePath(path);
    if (!rel) return false;
    return this.full!(rel) || (this.base !== undefined && this.base(rel.slice(rel.lastIndexOf('/') + 1)));
  }

  /** Whether the absolute `path` lies below the root. */
  contains(path: string): boolean {
    return this.relativePath(path) !== undefined;
  }

  private relativePath(path: string): string | undefined {
    const native = relative(this.root, path);
    if (native === '' || isAbsolute(native)) return undefined;
    const rel = toPosix(native);
    return rel === '..' || rel.startsWith('../') ? undefined : rel;
  }
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
