/**
 * The one entry point of the analysis core: `lint(files, options)` analyses a
 * group of Python files together (cross-file) and returns findings and the
 * files it could not analyse. The CLI and the language server are thin layers
 * over this function.
 *
 * Per-file work (read, parse, summarise) runs on worker threads for large
 * groups; the cross-file pass, suppression and severity overrides run here.
 */
import { statSync } from 'node:fs';
import { ModuleNamer } from './analysis/modules';
import { RuntimeMemo, Workspace } from './analysis/resolve';
import type { FileSummary, Span } from './analysis/summary';
import { analyzeFile, readSource, type FileJob, type FileJobOptions, type FileOutcome } from './analyzeFile';
import { CACHE_FORMAT, SummaryCache, type IndexEntry } from './cache';
import { computeFixes } from './fixes';
import { createParser } from './parser';
import { WorkerPool } from './pool';
import { enabledRules, findRule, selectorMatches } from './rules';
import { PathGlobs } from './globs';
import type { Finding, FileProblem, LintResult, LintSettings, PerFileIgnore, SourceInput } from './types';

export interface LintOptions {
  settings: LintSettings;
  /** Worker threads for the per-file work; 0 analyses on the calling thread. Default: chosen by file count. */
  workers?: number;
  /** Called as files finish their per-file pass. */
  onProgress?: (done: number, total: number) => void;
  /** Folder of the summary cache (e.g. `<project>/.threadlint_cache`); no cache when absent. */
  cacheDir?: string;
  /** Compute quick fixes (`finding.fixes`); off by default, as it re-parses every file with findings. */
  fixes?: boolean;
  /** Worker threads to use instead of starting new ones (the CLI lends one pool to every project); ignored when `workers` is set. */
  pool?: WorkerPool;
  /** Stop the pool's threads once the per-file pass is done, so their memory is free for the cross-file pass (the CLI's last project). */
  releasePool?: boolean;
}

/** Versions the cache: any change to the analysis must not reuse old summaries. */
const VERSION = `${CACHE_FORMAT}:${process.env.THREADLINT_BUILD ?? 'dev'}`;


export async function lint(inputs: SourceInput[], options: LintOptions): Promise<LintResult> {
  const { settings } = options;
  const cache = options.cacheDir ? new SummaryCache(options.cacheDir, cacheSalt(settings)) : undefined;
  const run = await summariseWith(inputs, options, cache);
  const resultKey = cache ? SummaryCache.resultKey(run.keys, JSON.stringify(settings)) : '';
  const previous = cache && run.allHit && !options.fixes ? cache.result(resultKey) : undefined;
  if (previous) return unchangedResult(inputs, run, previous);
  const summaries = await run.materialize();
  if (options.releasePool) await options.pool?.release();
  const problems: FileProblem[] = [];
  const files: FileSummary[] = [];
  summaries.forEach((outcome, i) => {
    if (outcome.ok) {
      files.push(outcome.summary);
      if (outcome.summary.syntaxErrors.length > 0) problems.push(partialProblem(inputs[i].path, outcome.summary.syntaxErrors[0]));
    } else {
      problems.push({ path: inputs[i].path, kind: 'skipped', reason: outcome.reason });
    }
  });
  const findings = findingsFor(files, settings);
  if (cache) {
    cache.setResult(resultKey, findings);
    cache.save(new Set(inputs.map((i) => i.path)));
  }
  if (options.fixes) {
    const given = new Map(inputs.filter((i) => i.text !== undefined).map((i) => [i.path, i.text!]));
    const sourceOf = (path: string) => {
      const text = given.get(path);
      if (text !== undefined) return text;
      const read = readSource(path, settings.maxFileBytes);
      return 'text' in read ? read.text : undefined;
    };
    await computeFixes(findings, sourceOf, { summaries: files, models: { lockFactories: settings.lockFactories, threadSafeTypes: settings.threadSafeTypes } });
  }
  let lines = 0;
  for (const f of files) lines += f.lines;
  return { findings, problems, files: files.length, lines };
}

function partialProblem(path: string, [line, col]: Span): FileProblem {
  return { path, kind: 'partial', reason: `syntax error at ${line + 1}:${col + 1}; findings are reported for the parts that parse` };
}

/** Nothing changed since the last run with these settings: its findings still stand, no summary is read. */
function unchangedResult(inputs: SourceInput[], run: Summaries, findings: Finding[]): LintResult {
  const problems: FileProblem[] = [];
  let files = 0;
  let lines = 0;
  inputs.forEach((input, i) => {
    const hit = run.hits[i];
    const outcome = run.outcomes[i];
    if (hit) {
      files++;
      lines += hit.lines;
      if (hit.syntaxError) problems.push(partialProblem(input.path, hit.syntaxError));
    } else if (outcome && !outcome.ok) {
      problems.push({ path: input.path, kind: 'skipped', reason: outcome.reason });
    }
  });
  return { findings, problems, files, lines };
}

/**
 * The cross-file pass over ready summaries, with suppressions and severity
 * overrides applied. It walks chains of definitions (imports, aliases, base
 * classes) iteratively or to a fixed depth, so no project can overflow it.
 * With `only`, findings are judged in those paths alone; the other files
 * still inform the pass.
 */
export function findingsFor(files: FileSummary[], settings: LintSettings, options: CrossFileOptions = {}): Finding[] {
  return crossFile(files, settings, options);
}

export interface CrossFileOptions {
  /** Judge findings in these paths only. */
  only?: ReadonlySet<string>;
  /** Reuse the import-time analysis of the previous pass with this memo when its inputs are unchanged. */
  runtimeMemo?: RuntimeMemo;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}

function crossFile(files: FileSummary[], settings: LintSettings, { only, runtimeMemo }: CrossFileOptions): Finding[] {
  const workspace = new Workspace(files, {
    framework: settings.framework,
    consoleScripts: settings.consoleScripts,
    appFactories: settings.appFactories,
    lockFactories: settings.lockFactories,
    threadSafeTypes: settings.threadSafeTypes,
    runtimeMemo,
  });
  const enabled = enabledRules(settings.select, settings.ignore);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const ignoredInFile = perFileIgnores(settings.perFileIgnores);
  const findings = workspace.findings(enabled, only).filter((f) => !isSuppressed(f, byPath.get(f.path)!) && !ignoredInFile(f));
  for (const f of findings) {
    for (const [selector, severity] of Object.entries(settings.severity)) {
      const rule = findRule(f.code);
      if (rule && selectorMatches(selector, rule)) f.severity = severity;
    }
  }
  return findings.sort(compareFindings);
}

function pragmaMatches(selectors: string[], f: Finding): boolean {
  const rule = findRule(f.code)!;
  return selectors.some((s) => s === '*' || selectorMatches(s, rule));
}

/** Whether `per-file-ignores` turns a finding off in its file (entries are matched once per file). */
function perFileIgnores(entries: readonly PerFileIgnore[]): (f: Finding) => boolean {
  if (entries.length === 0) return () => false;
  const compiled = entries.map((entry) => {
    const negated = entry.glob.startsWith('!');
    return { negated, globs: new PathGlobs(entry.root, [negated ? entry.glob.slice(1) : entry.glob]), ignore: entry.ignore };
  });
  const selectorsByPath = new Map<string, string[]>();
  return (f) => {
    let selectors = selectorsByPath.get(f.path);
    if (selectors === undefined) {
      // `!glob`: every file below the pyproject.toml's folder that the glob does not match.
      selectors = compiled
        .filter(({ negated, globs }) => (negated ? globs.contains(f.path) && !globs.matches(f.path) : globs.matches(f.path)))
        .flatMap((c) => c.ignore);
      selectorsByPath.set(f.path, selectors);
    }
    return selectors.length > 0 && pragmaMatches(selectors, f);
  };
}

function isSuppressed(f: Finding, file: FileSummary): boolean {
  if (file.pragmas.file.length > 0 && pragmaMatches(file.pragmas.file, f)) return true;
  const selectors = file.pragmas.lines[f.range.start.line];
  return selectors !== undefined && pragmaMatches(selectors, f);
}

function jobOptions(settings: LintSettings): FileJobOptions {
  return { lockFactories: settings.lockFactories, threadSafeTypes: settings.threadSafeTypes, maxFileBytes: settings.maxFileBytes };
}

/** Per-file summaries, in input order. */
export async function summarise(inputs: SourceInput[], options: LintOptions): Promise<FileOutcome[]> {
  const cache = options.cacheDir ? new SummaryCache(options.cacheDir, cacheSalt(options.settings)) : undefined;
  const outcomes = await (await summariseWith(inputs, options, cache)).materialize();
  cache?.save(new Set(inputs.map((i) => i.path)));
  return outcomes;
}

interface Summaries {
  /** Per input; `undefined` for cache hits until `materialize()` reads their summaries. */
  outcomes: (FileOutcome | undefined)[];
  /** Per input: the cache key of its summary (or of its problem), when a cache is in use. */
  keys: string[];
  /** Per input: the cache index entry of a hit. */
  hits: (IndexEntry | undefined)[];
  /** Every file is unchanged since the last run. */
  allHit: boolean;
  /** Fills in the summaries of cache hits (re-summarising any the cache turns out to lack). */
  materialize(): Promise<FileOutcome[]>;
}

/** Summaries through the cache: unchanged files (by size and mtime, else by content hash) are not parsed again. */
async function summariseWith(inputs: SourceInput[], options: LintOptions, cache: SummaryCache | undefined): Promise<Summaries> {
  const namer = new ModuleNamer(new Set(inputs.map((i) => i.path)));
  const allJobs: FileJob[] = inputs.map((input) => ({ path: input.path, text: input.text, ...namer.nameOf(input.path) }));
  if (!cache) {
    const outcomes = await summariseJobs(allJobs, options);
    return { outcomes, keys: [], hits: [], allHit: false, materialize: async () => outcomes };
  }

  const { settings } = options;
  const out: (FileOutcome | undefined)[] = new Array(allJobs.length);
  const keys: string[] = new Array(allJobs.length);
  const hits: (IndexEntry | undefined)[] = new Array(allJobs.length);
  const misses: { index: number; key: string; job: FileJob; size: number; mtimeMs: number }[] = [];
  const record = (path: string, key: string, size: number, mtimeMs: number, summary: FileSummary) =>
    cache.set(path, { key, size, mtimeMs, module: summary.module, lines: summary.lines, syntaxError: summary.syntaxErrors[0] ?? null }, summary);
  allJobs.forEach((job, index) => {
    let text = job.text;
    let size = -1;
    let mtimeMs = -1;
    const previous = cache.entry(job.path);
    if (text === undefined) {
      try {
        const st = statSync(job.path);
        size = st.size;
        mtimeMs = st.mtimeMs;
      } catch {
        // readSource below reports why.
      }
      if (previous && previous.size === size && previous.mtimeMs === mtimeMs && previous.module === job.module) {
        keys[index] = previous.key;
        hits[index] = previous;
        return;
      }
      if (!previous) {
        // Nothing cached to compare with: the file is summarised whatever its content, so the worker
        // reads it and computes its key (on an empty cache, no serial pass over every file here).
        misses.push({ index, key: '', job: { ...job, cacheSalt: cache.salt }, size, mtimeMs });
        return;
      }
      const read = readSource(job.path, settings.maxFileBytes);
      if ('reason' in read) {
        out[index] = { ok: false, reason: read.reason };
        keys[index] = `skipped:${read.reason}`;
        return;
      }
      text = read.text;
    }
    const key = cache.keyFor(job.module, job.isPackage, text);
    keys[index] = key;
    if (previous && previous.key === key) {
      hits[index] = previous;
      if (size >= 0 && (previous.size !== size || previous.mtimeMs !== mtimeMs)) cache.set(job.path, { ...previous, size, mtimeMs });
    } else misses.push({ index, key, job: { ...job, text }, size, mtimeMs });
  });
  const total = allJobs.length;
  const hitCount = total - misses.length;
  if (hitCount > 0) options.onProgress?.(hitCount, total);
  const fresh = await summariseJobs(
    misses.map((m) => m.job),
    { ...options, onProgress: options.onProgress && ((done) => options.onProgress!(hitCount + done, total)) },
  );
  fresh.forEach((outcome, k) => {
    const miss = misses[k];
    if (outcome.ok) {
      const key = miss.key || outcome.key!;
      keys[miss.index] = key;
      const { key: _, ...plain } = outcome;
      out[miss.index] = plain;
      record(miss.job.path, key, miss.size, miss.mtimeMs, outcome.summary);
    } else {
      out[miss.index] = outcome;
      keys[miss.index] = `skipped:${outcome.reason}`;
    }
  });
  const materialize = async (): Promise<FileOutcome[]> => {
    const lost: number[] = [];
    hits.forEach((hit, i) => {
      if (!hit || out[i]) return;
      const summary = cache.summary(allJobs[i].path, hit.key);
      if (summary) out[i] = { ok: true, summary };
      else lost.push(i);
    });
    if (lost.length > 0) {
      // The index named a summary the pack does not hold: summarise those files again.
      const again = await summariseJobs(lost.map((i) => allJobs[i]), { ...options, onProgress: undefined });
      again.forEach((outcome, k) => {
        out[lost[k]] = outcome;
        const hit = hits[lost[k]]!;
        if (outcome.ok) record(allJobs[lost[k]].path, hit.key, hit.size, hit.mtimeMs, outcome.summary);
      });
    }
    return out as FileOutcome[];
  };
  return { outcomes: out, keys, hits, allHit: misses.length === 0, materialize };
}

/** What, besides a file's text, changes its summary. */
function cacheSalt(settings: LintSettings): string {
  return JSON.stringify([VERSION, settings.lockFactories, settings.threadSafeTypes]);
}

async function summariseJobs(jobs: FileJob[], options: LintOptions): Promise<FileOutcome[]> {
  const count = WorkerPool.countFor(jobs.length, options.workers);
  const fileOptions = jobOptions(options.settings);
  if (count <= 0) {
    const parser = await createParser();
    const out: FileOutcome[] = [];
    for (const job of jobs) {
      out.push(analyzeFile(job, parser, fileOptions));
      options.onProgress?.(out.length, jobs.length);
    }
    parser.delete();
    return out;
  }
  if (options.pool && options.workers === undefined) return options.pool.summarise(jobs, fileOptions, options.onProgress);
  const pool = new WorkerPool(WorkerPool.script()!, count);
  try {
    return await pool.summarise(jobs, fileOptions, options.onProgress);
  } finally {
    await pool.close();
  }
}
