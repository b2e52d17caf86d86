/**
 * The summary cache under `.threadlint_cache/`, like Ruff's: one pack per
 * project holding, for every analysed file, its summary keyed by a hash of
 * the file's content, module name, the settings that shape the per-file pass
 * and the build. A file's size and modification time let an unchanged file
 * skip the read and the hash; a changed file misses and is summarised again.
 * The cross-file pass always runs on current summaries, so files that depend
 * on a changed file are judged afresh without being re-parsed. When nothing
 * changed at all, the findings of the last run are reused as well.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileSummary } from './analysis/summary';
import type { Finding } from './types';

/** Bump when the pack format changes. */
export const CACHE_FORMAT = 2;

export interface CacheEntry {
  key: string;
  size: number;
  mtimeMs: number;
  summary: FileSummary;
}

interface Pack {
  salt: string;
  entries: Record<string, CacheEntry>;
  /** The findings of the last run, valid while `resultKey` matches. */
  result?: { key: string; findings: Finding[] };
}

export class SummaryCache {
  private readonly file: string;
  private pack: Pack;
  private dirty = false;

  constructor(
    private readonly root: string,
    private readonly salt: string,
  ) {
    this.file = join(root, `v${CACHE_FORMAT}`, 'summaries.bin');
    this.pack = this.load();
  }

  private load(): Pack {
    try {
      const pack = deserialize(readFileSync(this.file)) as Pack;
      if (pack && pack.salt === this.salt && typeof pack.entries === 'object') return pack;
    } catch {
      // Missing or unreadable: start empty.
    }
    return { salt: this.salt, entries: {} };
  }

  static key(salt: string, module: string, isPackage: boolean, text: string): string {
    return createHash('sha256').update(salt).update('\0').update(module).update(isPackage ? '\0p\0' : '\0m\0').update(text).digest('hex');
  }

  keyFor(module: string, isPackage: boolean, text: string): string {
    return SummaryCache.key(this.salt, module, isPackage, text);
  }

  entry(path: string): CacheEntry | undefined {
    const e = this.pack.entries[path];
    return e && e.summary?.path === path ? e : undefined;
  }

  set(path: string, entry: CacheEntry): void {
    this.pack.entries[path] = entry;
    this.dirty = true;
  }

  /** A key for a whole run: every file's key, in order, and the settings of the cross-file pass. */
  static resultKey(fileKeys: string[], settings: string): string {
    const h = createHash('sha256').update(settings);
    for (const k of fileKeys) h.update('\0').update(k);
    return h.digest('hex');
  }

  result(key: string): Finding[] | undefined {
    return this.pack.result?.key === key ? this.pack.result.findings : undefined;
  }

  setResult(key: string, findings: Finding[]): void {
    this.pack.result = { key, findings };
    this.dirty = true;
  }

  /** Writes the pack if anything changed; entries of files not seen this run are dropped. */
  save(seen: ReadonlySet<string>): void {
    for (const path of Object.keys(this.pack.entries)) {
      if (!seen.has(path)) {
        delete this.pack.entries[path];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    try {
      mkdirSync(join(this.root, `v${CACHE_FORMAT}`), { recursive: true });
      const ignore = join(this.root, '.gitignore');
      if (!existsSync(ignore)) writeFileSync(ignore, '# Created by threadlint: the cache is not for version control.\n*\n');
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(this.pack));
      renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  }
}
