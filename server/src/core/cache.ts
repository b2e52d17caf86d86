/**
 * The summary cache: one entry per analysed file under `.threadlint_cache/`,
 * keyed by a hash of the file's content, its module name, the settings that
 * shape the per-file pass and the threadlint version (like Ruff's cache). A
 * file whose content changes misses and is summarised again; the cross-file
 * pass always runs on the current summaries, so files that depend on it are
 * judged afresh without being re-parsed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileSummary } from './analysis/summary';

/** Bump when the summary format or the per-file analysis changes meaning. */
export const CACHE_FORMAT = 1;

export class SummaryCache {
  private readonly dir: string;
  private ready = false;

  constructor(
    root: string,
    private readonly salt: string,
  ) {
    this.dir = join(root, `v${CACHE_FORMAT}`);
    this.root = root;
  }

  private readonly root: string;

  static key(salt: string, module: string, isPackage: boolean, text: string): string {
    return createHash('sha256').update(salt).update('\0').update(module).update(isPackage ? '\0p\0' : '\0m\0').update(text).digest('hex');
  }

  keyFor(module: string, isPackage: boolean, text: string): string {
    return SummaryCache.key(this.salt, module, isPackage, text);
  }

  private entryPath(path: string): string {
    return join(this.dir, `${createHash('sha1').update(path).digest('hex')}.bin`);
  }

  get(path: string, key: string): FileSummary | undefined {
    try {
      const entry = deserialize(readFileSync(this.entryPath(path))) as { key: string; summary: FileSummary };
      return entry.key === key && entry.summary.path === path ? entry.summary : undefined;
    } catch {
      return undefined;
    }
  }

  set(path: string, key: string, summary: FileSummary): void {
    try {
      if (!this.ready) {
        mkdirSync(this.dir, { recursive: true });
        const ignore = join(this.root, '.gitignore');
        if (!existsSync(ignore)) writeFileSync(ignore, '# Created by threadlint: the cache is not for version control.\n*\n');
        this.ready = true;
      }
      const file = this.entryPath(path);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize({ key, summary }));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  }
}
