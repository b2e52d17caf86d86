/**
 * The workspace index: a FileSummary for every Python file of the workspace
 * folders as it is on disk, kept by path and grouped by project, so that the
 * cross-file pass for an edited document has the rest of its project at hand.
 * Built in the background with the core's `summarise` (worker threads for
 * large folders); refreshed incrementally by modification time, so a workspace
 * scan after the first only re-reads what changed. Open documents are not
 * here: the server overlays their in-memory summaries.
 */
import { statSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { ModuleNamer } from '../core/analysis/modules';
import type { FileSummary } from '../core/analysis/summary';
import { analyzeFile } from '../core/analyzeFile';
import { discover } from '../core/discover';
import { summarise } from '../core/lint';
import { WorkerPool } from '../core/pool';
import type { FileProblem } from '../core/types';
import { PathGlobs } from '../core/globs';
import type { Projects } from './projects';

export interface IndexEntry {
  path: string;
  project: string;
  summary?: FileSummary;
  /** Why the file is not analysed, when it is not. */
  problem?: string;
  mtimeMs: number;
  size: number;
}

/** A workspace folder and the editor's exclusions for it. */
export interface IndexFolder {
  path: string;
  exclude: string[];
  filesExclude: string[];
}

export interface RefreshResult {
  cancelled: boolean;
  /** Every file of the folders (analysed or not). */
  files: string[];
  /** Files discovery could not read (unreadable folders, broken symlinks). */
  problems: FileProblem[];
  /** Files (re)analysed in this refresh. */
  analysed: number;
}

export interface RefreshOptions {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Resolves when the caller gives up waiting (cancellation). */
  cancelled?: Promise<void>;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly byProject = new Map<string, Set<string>>();
  /** `summariesOf` per project, until the project's entries change. */
  private readonly sorted = new Map<string, FileSummary[]>();
  private generation = 0;
  private running: Promise<unknown> = Promise.resolve();
  /** Listeners of the refresh in progress (a scan that waits for the background index shows its progress). */
  private readonly progressListeners = new Set<(done: number, total: number) => void>();
  private busy = false;
  /** True once a first refresh has finished. */
  ready = false;

  constructor(private readonly projects: Projects) {}

  get size(): number {
    return this.entries.size;
  }

  get refreshing(): boolean {
    return this.busy;
  }

  get(path: string): IndexEntry | undefined {
    return this.entries.get(path);
  }

  /** Summaries of a project's files, in path order (a fresh array; the summaries are shared). */
  summariesOf(project: string): FileSummary[] {
    let list = this.sorted.get(project);
    if (!list) {
      list = [];
      for (const path of [...(this.byProject.get(project) ?? [])].sort()) {
        const s = this.entries.get(path)?.summary;
        if (s) list.push(s);
      }
      this.sorted.set(project, list);
    }
    return [...list];
  }

  projectKeys(): string[] {
    return [...this.byProject.keys()];
  }

  pathsOf(project: string): string[] {
    return [...(this.byProject.get(project) ?? [])].sort();
  }

  /** Forget everything (the configuration changed); results of refreshes still running are dropped. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.byProject.clear();
    this.sorted.clear();
    this.ready = false;
  }

  /** Makes the next refresh re-read every file (the configuration changed), keeping the old summaries until then. */
  invalidateAll(): void {
    this.invalidate(this.entries.keys());
  }

  /** Makes the next refresh re-read these files (changed on disk), whatever their time stamps say. */
  invalidate(paths: Iterable<string>): void {
    for (const path of paths) {
      const entry = this.entries.get(path);
      if (entry) entry.mtimeMs = -1;
    }
  }

  /** Follows the refresh in progress, if any. */
  watchProgress(listener: (done: number, total: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Discovers the folders' files and analyses the new and changed ones. Refreshes run one at a time. */
  refresh(folders: IndexFolder[], options: RefreshOptions = {}): Promise<RefreshResult> {
    const run = this.running.then(() => this.doRefresh(folders, options));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Waits for the refreshes queued so far. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Re-reads one file after a change on disk (or after its editor closed). */
  updateFile(path: string, parser: Parser): IndexEntry | undefined {
    const project = this.projects.of(path);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.remove(path);
      return undefined;
    }
    const { module, isPackage } = new ModuleNamer().nameOf(path);
    const outcome = analyzeFile({ path, module, isPackage }, parser, {
      lockFactories: project.config.settings.lockFactories,
      threadSafeTypes: project.config.settings.threadSafeTypes,
      maxFileBytes: project.config.settings.maxFileBytes,
    });
    const entry: IndexEntry = { path, project: project.key, mtimeMs: stat.mtimeMs, size: stat.size };
    if (outcome.ok) entry.summary = outcome.summary;
    else entry.problem = outcome.reason;
    this.put(entry);
    return entry;
  }

  remove(path: string): void {
    const old = this.entries.get(path);
    if (!old) return;
    this.entries.delete(path);
    this.byProject.get(old.project)?.delete(path);
    this.sorted.delete(old.project);
  }

  private put(entry: IndexEntry): void {
    const old = this.entries.get(entry.path);
    if (old && old.project !== entry.project) {
      this.byProject.get(old.project)?.delete(entry.path);
      this.sorted.delete(old.project);
    }
    this.sorted.delete(entry.project);
    this.entries.set(entry.path, entry);
    let set = this.byProject.get(entry.project);
    if (!set) this.byProject.set(entry.project, (set = new Set()));
    set.add(entry.path);
  }

  private async doRefresh(folders: IndexFolder[], options: RefreshOptions): Promise<RefreshResult> {
    this.busy = true;
    try {
      return await this.refreshNow(folders, options);
    } finally {
      this.busy = false;
    }
  }

  private async refreshNow(folders: IndexFolder[], options: RefreshOptions): Promise<RefreshResult> {
    const generation = this.generation;
    const report = (done: number, total: number) => {
      options.onProgress?.(done, total);
      for (const l of this.progressListeners) l(done, total);
    };
    const files: string[] = [];
    const problems: FileProblem[] = [];
    for (const folder of folders) {
      const found = discover([folder.path], { configFor: this.projects.configFor });
      const editorExclude = new PathGlobs(folder.path, [...folder.exclude, ...folder.filesExclude]);
      for (const f of found.files) if (!editorExclude.matches(f)) files.push(f);
      problems.push(...found.problems);
    }
    const wanted = new Set(files);
    for (const path of [...this.entries.keys()]) if (!wanted.has(path)) this.remove(path);

    // Group what is new or changed by project: one summarise() per project, like the CLI.
    const todo = new Map<string, { paths: string[]; project: ReturnType<Projects['of']>; stats: Map<string, { mtimeMs: number; size: number }> }>();
    let total = 0;
    for (const path of wanted) {
      let stat;
      try {
        stat = statSync(path);
      } catch {
        this.remove(path);
        continue;
      }
      const project = this.projects.of(path);
      const old = this.entries.get(path);
      if (old && old.mtimeMs === stat.mtimeMs && old.size === stat.size && old.project === project.key) continue;
      let group = todo.get(project.key);
      if (!group) todo.set(project.key, (group = { paths: [], project, stats: new Map() }));
      group.paths.push(path);
      group.stats.set(path, { mtimeMs: stat.mtimeMs, size: stat.size });
      total++;
    }

    report(0, total);
    // One set of worker threads for every project, as the CLI does; closed once the last work is in.
    const pool = WorkerPool.forFiles(Math.max(0, ...[...todo.values()].map((g) => g.paths.length)));
    let last: Promise<unknown> = Promise.resolve();
    let done = 0;
    try {
      for (const [key, group] of todo) {
        if (options.isCancelled?.()) return { cancelled: true, files, problems, analysed: done };
        const base = done;
        const work = summarise(group.paths.map((path) => ({ path })), {
          settings: group.project.config.settings,
          onProgress: (n) => report(base + n, total),
          pool,
        }).then((outcomes) => {
          if (generation !== this.generation) return;
          outcomes.forEach((outcome, i) => {
            const path = group.paths[i];
            const entry: IndexEntry = { path, project: key, ...group.stats.get(path)! };
            if (outcome.ok) entry.summary = outcome.summary;
            else entry.problem = outcome.reason;
            this.put(entry);
          });
        });
        last = work;
        // On cancellation stop waiting; the analysis still finishes and lands in the index.
        const cancelled = await Promise.race([work.then(() => false), (options.cancelled ?? new Promise<never>(() => {})).then(() => true)]);
        if (cancelled) {
          work.catch(() => undefined);
          return { cancelled: true, files, problems, analysed: done };
        }
        done += group.paths.length;
      }
    } finally {
      void last.catch(() => undefined).finally(() => pool?.close());
    }
    if (generation === this.generation) this.ready = true;
    return { cancelled: false, files, problems, analysed: done };
  }
}
