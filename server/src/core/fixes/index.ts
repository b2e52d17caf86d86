/**
 * Quick fixes for findings, computed by the analysis core as plain text edits
 * on the file's current text. `computeFixes(findings, sources)` re-parses each
 * file that has findings (once), asks every fixer for its fixes, checks each
 * fix by applying it and re-parsing (no syntax error may appear, and no new
 * lock re-entry, TL010) and attaches the survivors to `finding.fixes`:
 * repairs first (the preferred one leading), then the two suppressions.
 *
 * The editor turns `finding.fixes` into code actions; fix-all and the CLI's
 * `--fix` apply the safe ones (see apply.ts and fixAll.ts).
 */
import type { Parser } from 'web-tree-sitter';
import { collect } from '../analysis/collect';
import type { ModelOptions } from '../analysis/models';
import type { FileSummary } from '../analysis/summary';
import { createParser } from '../parser';
import type { Finding, Fix } from '../types';
import { asyncLocalFix } from './asyncLocal';
import type { FixEnv, FixFile } from './context';
import { instanceAttrFixes } from './instanceAttr';
import { lockFixes, lockPlans, type LockPlans } from './lock';
import { renderContextFixes } from './renderContext';
import { rlockFix } from './rlock';
import { sentinelFixes } from './sentinel';
import { stateFixes } from './state';
import { fileSuppression, lineSuppression } from './suppress';
import { applyEdits, SourceText } from './text';

export interface ComputeFixesOptions {
  /** Summaries of every file of the workspace: to reuse locks and to refuse rewrites that would break another file. */
  summaries?: readonly FileSummary[];
  /** The models the run used (extra lock factories, thread-safe types), for the re-entry check. */
  models?: ModelOptions;
  /** A parser to reuse; one is created (and deleted) otherwise. */
  parser?: Parser;
  /**
   * The findings whose fixes are wanted (the rest only shape them: neighbouring guarded regions
   * merge, a lock one region re-enters is made re-entrant for all); each wanted fix is checked by
   * parsing and analysing the fixed file, the costly part. All findings when left out.
   */
  only?: (finding: Finding) => boolean;
}

export type SourceLookup = ReadonlyMap<string, string> | ((path: string) => string | undefined);

/** Attaches `fixes` to each finding that has some (in place) and returns the findings. */
export async function computeFixes(findings: Finding[], sources: SourceLookup, options: ComputeFixesOptions = {}): Promise<Finding[]> {
  if (findings.length === 0) return findings;
  const lookup = typeof sources === 'function' ? sources : (p: string) => sources.get(p);
  const summaries = options.summaries ?? [];
  const byPath = new Map(summaries.map((s) => [s.path, s]));
  const models: ModelOptions = options.models ?? { lockFactories: [], threadSafeTypes: [] };
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    let g = groups.get(f.path);
    if (!g) groups.set(f.path, (g = []));
    g.push(f);
  }
  const parser = options.parser ?? (await createParser());
  // Files are parsed once and kept until every fix is computed: a fix may also edit the file defining an object.
  const files = new Map<string, FixFile | null>();
  const open = (path: string): FixFile | undefined => {
    if (files.has(path)) return files.get(path) ?? undefined;
    let file: FixFile | null = null;
    const text = lookup(path);
    if (text !== undefined) {
      const src = new SourceText(text);
      const tree = src.hasLoneCR ? null : parser.parse(text);
      if (tree) file = { path, src, tree, root: tree.rootNode, summary: byPath.get(path), findings: groups.get(path) ?? [] };
    }
    files.set(path, file);
    return file ?? undefined;
  };
  const env: FixEnv = { summaries, summaryOf: (p) => byPath.get(p), fileAt: open, reentrant: new Set() };
  try {
    const withFindings = [...groups.keys()].map(open).filter((f): f is FixFile => f !== undefined);
    const plans = new Map(withFindings.map((file) => [file.path, file.root.hasError ? { plans: [] } : guarded(() => lockPlans(file, env), { plans: [] })]));
    for (const file of withFindings) fixFile(file, env, parser, models, plans.get(file.path)!, options.only);
  } finally {
    for (const file of files.values()) file?.tree.delete();
    if (!options.parser) parser.delete();
  }
  return findings;
}

function fixFile(file: FixFile, env: FixEnv, parser: Parser, models: ModelOptions, plans: LockPlans, only?: (finding: Finding) => boolean): void {
  const repairs = new Map<Finding, Fix[]>();
  const add = (f: Finding, fixes: Fix[] | undefined) => {
    if (!fixes || fixes.length === 0) return;
    let list = repairs.get(f);
    if (!list) repairs.set(f, (list = []));
    for (const fix of fixes) if (!list.includes(fix)) list.push(fix);
  };
  if (!file.root.hasError && !NO_CODE_FIXES.has(file.summary?.module ?? '')) {
    const none = new Map<Finding, Fix[]>();
    const perFile = [
      guarded(() => lockFixes(file, env, plans), none),
      guarded(() => sentinelFixes(file, env), none),
      guarded(() => instanceAttrFixes(file, env), none),
      guarded(() => renderContextFixes(file, env), none),
    ];
    for (const f of file.findings) {
      for (const m of perFile) add(f, m.get(f));
      for (const fixer of [stateFixes, rlockFix, asyncLocalFix]) add(f, guarded(() => fixer(f, file, env), []));
    }
  }
  const checked = new Map<Fix, boolean>();
  let baseline: Map<string, number> | undefined;
  for (const f of file.findings) {
    if (only !== undefined && !only(f)) continue;
    const good = (repairs.get(f) ?? []).filter((fix) => {
      let ok = checked.get(fix);
      if (ok === undefined) checked.set(fix, (ok = validate(fix, env, parser, models, (baseline ??= new Map()))));
      return ok;
    });
    // One preferred fix per finding: the first fixer's pick (safe lock fixes come before unsafe rewrites).
    const lead = good.findIndex((x) => x.isPreferred);
    const ordered = good.map((x, i) => (i === Math.max(lead, 0) ? (x.isPreferred ? x : { ...x, isPreferred: true }) : x.isPreferred ? { ...x, isPreferred: undefined } : x));
    ordered.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
    for (const x of ordered) if (x.isPreferred === undefined) delete x.isPreferred;
    const suppressions = [guarded(() => lineSuppression(f, file), null), guarded(() => fileSuppression(f, file), null)].filter((x): x is Fix => x !== null);
    const all = [...ordered, ...suppressions];
    if (all.length > 0) f.fixes = all;
  }
}

/**
 * Modules that the fixes' own imports depend on (or that `threading` imports
 * while it initialises): adding `import threading` or `contextvars` there
 * would be circular. Only suppressions are offered in them.
 */
const NO_CODE_FIXES = new Set([
  'threading', '_threading_local', '_weakrefset', 'contextvars', 'asgiref.local',
  'importlib._bootstrap', 'importlib._bootstrap_external',
]);

/** A fixer that fails (a shape of code it did not expect) offers nothing; it never fails the lint run. */
function guarded<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (e) {
    if (process.env.THREADLINT_DEBUG_FIXES) throw e;
    return fallback;
  }
}

/** A fix is kept when every file it edits parses cleanly afterwards and holds no more lock re-entries (TL010) than before. */
function validate(fix: Fix, env: FixEnv, parser: Parser, models: ModelOptions, baseline: Map<string, number>): boolean {
  for (const entry of fix.edits) {
    const file = env.fileAt(entry.path);
    if (!file || file.root.hasError) return false;
    let text: string;
    try {
      text = applyEdits(file.src.text, entry.edits);
    } catch {
      return false;
    }
    const tree = parser.parse(text);
    if (!tree) return false;
    const broken = tree.rootNode.hasError;
    tree.delete();
    if (broken) return false;
    let before = baseline.get(file.path);
    if (before === undefined) baseline.set(file.path, (before = reentryCount(file, file.src.text, parser, models)));
    if (reentryCount(file, text, parser, models) > before) return false;
  }
  return true;
}

function reentryCount(file: FixFile, text: string, parser: Parser, models: ModelOptions): number {
  const tree = parser.parse(text);
  if (!tree) return Number.POSITIVE_INFINITY;
  try {
    const module = file.summary?.module ?? 'module';
    const summary = collect(tree, { path: file.path, module, isPackage: file.path.endsWith('__init__.py'), source: text }, models);
    return summary.local.filter((l) => l.code === 'TL010').length;
  } catch {
    return Number.POSITIVE_INFINITY;
  } finally {
    tree.delete();
  }
}
