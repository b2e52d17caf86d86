/**
 * The summary cache under `.threadlint_cache/`, like Ruff's. Per project, an
 * index maps each analysed file to the key of its summary — a hash of the
 * file's content, its module name, the settings that shape the per-file pass
 * and the build — with the file's size and modification time, so an unchanged
 * file skips the read and the hash. The summaries themselves sit in a second
 * pack that is only read when some file changed: a rescan of an unchanged tree
 * reads the small index and reuses the findings of the last run. A changed
 * file misses and is summarised again; the cross-file pass then runs on
 * current summaries, so the files that depend on it are judged afresh without
 * being re-parsed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileSummary, Span } from './analysis/summary';
import type { Finding } from './types';

/** Bump when the pack format changes. */
export const CACHE_FORMAT = 3;

export interface IndexEntry {
  key: string;
  size: number;
  mtimeMs: number;
  module: string;
  lines: number;
  /** The first syntax error, if the file has any (for the `partial` problem). */
  syntaxError: Span | null;
}

interface Index {
  salt: string;
  entries: Record<string, IndexEntry>;
  /** The findings of the last run, valid while the run key matches. */
  result?: { key: string; findings: Finding[] };
}

interface Summaries {
  salt: string;
  summaries: Record<string, FileSummary>;
}

export class SummaryCache {
  private readonly dir: string;
  private readonly index: Index;
  private summaries: Record<string, FileSummary> | undefined;
  private indexDirty = false;
  private summariesDirty = false;

  constructor(
    private readonly root: string,
    readonly salt: string,
  ) {
    this.dir = join(root, `v${CACHE_FORMAT}`);
    const index = this.read<Index>('index.bin');
    this.index = index && typeof index.entries === 'object' ? index : { salt, entries: {} };
  }

  private read<T extends { salt: string }>(name: string): T | undefined {
    try {
      const value = deserialize(readFileSync(join(this.dir, name))) as T;
      return value && value.salt === this.salt ? value : undefined;
    } catch {
      return undefined; // missing or unreadable: start empty
    }
  }

  private loadSummaries(): Record<string, FileSummary> {
    this.summaries ??= this.read<Summaries>('summaries.bin')?.summaries ?? {};
    return this.summaries;
  }

  static key(salt: string, module: string, isPackage: boolean, text: string): string {
    return createHash('sha256').update(salt).update('\0').update(module).update(isPackage ? '\0p\0' : '\0m\0').update(text).digest('hex');
  }

  keyFor(module: string, isPackage: boolean, text: string): string {
    return SummaryCache.key(this.salt, module, isPackage, text);
  }

  entry(path: string): IndexEntry | undefined {
    return this.index.entries[path];
  }

  /** The cached summary of a file (reads the summaries pack on first use). */
  summary(path: string, key: string): FileSummary | undefined {
    const s = this.index.entries[path]?.key === key ? this.loadSummaries()[path] : undefined;
    return s?.path === path ? s : undefined;
  }

  /** Records a file's entry; with a summary when it was (re)computed. */
  set(path: string, entry: IndexEntry, summary?: FileSummary): void {
    this.index.entries[path] = entry;
    this.indexDirty = true;
    if (summary) {
      this.loadSummaries()[path] = summary;
      this.summariesDirty = true;
    }
  }

  /** A key for a whole run: every file's key, in order, and the settings of the cross-file pass. */
  static resultKey(fileKeys: string[], settings: string): string {
    const h = createHash('sha256').update(settings);
    for (const k of fileKeys) h.update('\0').update(k);
    return h.digest('hex');
  }

  result(key: string): Finding[] | undefined {
    return this.index.result?.key === key ? this.index.result.findings : undefined;
  }

  setResult(key: string, findings: Finding[]): void {
    this.index.result = { key, findings };
    this.indexDirty = true;
  }

  /** Writes what changed; entries of files not seen this run are dropped. */
  save(seen: ReadonlySet<string>): void {
    for (const path of Object.keys(this.index.entries)) {
      if (!seen.has(path)) {
        delete this.index.entries[path];
        this.indexDirty = true;
        if (this.loadSummaries()[path]) {
          delete this.summaries![path];
          this.summariesDirty = true;
        }
      }
    }
    if (!this.indexDirty && !this.summariesDirty) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const ignore = join(this.root, '.gitignore');
      if (!existsSync(ignore)) writeFileSync(ignore, '# Created by threadlint: the cache is not for version control.\n*\n');
      // Summaries first: an index never names a summary the pack lacks (a missing one is only a miss).
      if (this.summariesDirty) this.write('summaries.bin', { salt: this.salt, summaries: this.summaries! } satisfies Summaries);
      if (this.indexDirty) this.write('index.bin', this.index);
      this.indexDirty = this.summariesDirty = false;
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  }

  private write(name: string, value: unknown): void {
    const file = join(this.dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(value));
    renameSync(tmp, file);
  }
}
