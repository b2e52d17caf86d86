/**
 * Exclude globs applied to single paths, with the semantics discovery uses for
 * `[tool.threadlint] exclude` while it walks folders: a pattern relative to
 * its root matches a folder or file on the way down, and a pattern without a
 * slash matches a base name at any depth. Used for open documents (which are
 * not discovered) and for the editor's `threadlint.exclude` / `files.exclude`.
 */
import { relative, sep } from 'node:path';
import picomatch from 'picomatch';

export class PathExclusion {
  private readonly full: picomatch.Matcher | undefined;
  private readonly base: picomatch.Matcher | undefined;

  constructor(
    private readonly root: string,
    patterns: string[],
  ) {
    const cleaned = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')).filter((p) => p !== '');
    const baseOnly = cleaned.filter((p) => !p.includes('/'));
    this.full = cleaned.length > 0 ? picomatch(cleaned, { dot: true }) : undefined;
    this.base = baseOnly.length > 0 ? picomatch(baseOnly, { dot: true }) : undefined;
  }

  get empty(): boolean {
    return this.full === undefined;
  }

  /** True when `path`, or a folder between the root and it, is excluded. Paths outside the root never are. */
  matches(path: string): boolean {
    if (!this.full) return false;
    let rel = relative(this.root, path);
    if (sep !== '/') rel = rel.split(sep).join('/');
    if (rel === '' || rel === '..' || rel.startsWith('../') || rel.startsWith('/')) return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (this.full(parts.slice(0, i).join('/'))) return true;
      if (this.base?.(parts[i - 1])) return true;
    }
    return false;
  }
}
