/**
 * Fix-all: lint a group of files with fixes, apply the chosen fix of every
 * finding (safe ones, or unsafe ones too), merged without overlaps, then lint
 * the changed text again and repeat until nothing changes (at most a few
 * rounds: a fix that had to wait for a neighbour, or that now finds the lock
 * another fix created, gets its turn). Nothing is written here: the caller
 * gets the new texts and decides (the CLI's `--fix` writes, `--diff` prints).
 */
import type { FileSummary } from '../analysis/summary';
import { readSource } from '../analyzeFile';
import { findingsFor, lint, summarise, type LintOptions } from '../lint';
import type { Finding, Fix, LintResult, LintSettings, SourceInput, TextEdit } from '../types';
import { chosenFix, lineEdits, mergeFixes, applyTextEdits, type FixLevel } from './apply';
import { computeFixes } from './index';

export interface FixAllOptions extends LintOptions {
  level?: FixLevel;
  /** Rounds of lint + apply; the default is 4. */
  maxRounds?: number;
  /** Chooses the fix to apply for a finding, instead of the preferred fix allowed by `level`. */
  pick?: (finding: Finding) => Fix | undefined;
}

export interface FixAllResult {
  /** The lint result of the final text (what remains). */
  result: LintResult;
  /** Files whose text changed: path -> { before, after }. */
  changed: Map<string, { before: string; after: string }>;
  /** Findings fixed, by rule code. */
  fixedByRule: Map<string, number>;
  /** Fixes applied. */
  applied: number;
  rounds: number;
}

export async function fixAll(inputs: SourceInput[], options: FixAllOptions): Promise<FixAllResult> {
  const level = options.level ?? 'safe';
  const maxRounds = options.maxRounds ?? 4;
  const original = new Map<string, string>();
  const current = new Map<string, string>();
  for (const input of inputs) if (input.text !== undefined) current.set(input.path, input.text);
  const textOf = (path: string): string | undefined => {
    let t = current.get(path);
    if (t === undefined) {
      const read = readSource(path, options.settings.maxFileBytes);
      if ('reason' in read) return undefined;
      t = read.text;
      current.set(path, t);
    }
    return t;
  };
  const fixedByRule = new Map<string, number>();
  let applied = 0;
  let rounds = 0;
  let result: LintResult;
  for (;;) {
    const round = inputs.map((i) => ({ path: i.path, text: current.get(i.path) ?? i.text }));
    result = await lint(round, { ...options, fixes: true });
    if (rounds >= maxRounds) break;
    const picks: { code: string; fix: NonNullable<ReturnType<typeof chosenFix>> }[] = [];
    for (const f of result.findings) {
      const fix = options.pick ? options.pick(f) : chosenFix(f, level);
      if (fix) picks.push({ code: f.code, fix });
    }
    if (picks.length === 0) break;
    // Preferred order: as found (by file and position), so the outcome is deterministic.
    const merged = mergeFixes(picks.map((p) => p.fix), textOf);
    if (merged.applied.length === 0) break;
    const appliedSet = new Set(merged.applied);
    for (const p of picks) {
      if (!appliedSet.has(p.fix) && !merged.applied.some((a) => JSON.stringify(a.edits) === JSON.stringify(p.fix.edits))) continue;
      fixedByRule.set(p.code, (fixedByRule.get(p.code) ?? 0) + 1);
    }
    for (const [path, edits] of merged.edits) {
      const before = textOf(path);
      if (before === undefined) continue;
      if (!original.has(path)) original.set(path, before);
      current.set(path, applyTextEdits(before, edits));
    }
    applied += merged.applied.length;
    rounds++;
  }
  const changed = new Map<string, { before: string; after: string }>();
  for (const [path, before] of original) {
    const after = current.get(path)!;
    if (after !== before) changed.set(path, { before, after });
  }
  return { result, changed, fixedByRule, applied, rounds };
}

export interface FixDocumentOptions {
  settings: LintSettings;
  /** Summaries of the other files of the project, for the cross-file analysis (the document's own is recomputed). */
  others?: readonly FileSummary[];
  level?: FixLevel;
  maxRounds?: number;
}

export interface FixDocumentResult {
  text: string;
  /** Edits on the original text that give `text` (one per changed run of lines). */
  edits: TextEdit[];
  /** Findings fixed. */
  fixed: number;
}

/**
 * Fix-all for one open document (the editor's `source.fixAll`): the safe
 * fixes (or all, at level `unsafe`) that edit only this document, applied
 * round after round on its text. Other files are read from `others` and never
 * changed; a fix that would also edit another file (a lock created beside an
 * object defined elsewhere) is left for the quick-fix menu.
 */
export async function fixDocument(path: string, text: string, options: FixDocumentOptions): Promise<FixDocumentResult> {
  const level = options.level ?? 'safe';
  const maxRounds = options.maxRounds ?? 4;
  const { settings } = options;
  const others = (options.others ?? []).filter((s) => s.path !== path);
  let current = text;
  let fixed = 0;
  for (let round = 0; round < maxRounds; round++) {
    const [outcome] = await summarise([{ path, text: current }], { settings, workers: 0 });
    if (!outcome?.ok) break;
    const summaries = [...others, outcome.summary];
    const findings = findingsFor(summaries, settings).filter((f) => f.path === path);
    await computeFixes(findings, (p) => (p === path ? current : undefined), {
      summaries,
      models: { lockFactories: settings.lockFactories, threadSafeTypes: settings.threadSafeTypes },
    });
    const picks = findings.map((f) => chosenFix(f, level)).filter((f): f is Fix => f !== undefined);
    const merged = mergeFixes(picks, (p) => (p === path ? current : undefined));
    const edits = merged.edits.get(path);
    if (!edits || edits.length === 0) break;
    fixed += picks.filter((p) => merged.applied.includes(p)).length;
    current = applyTextEdits(current, edits);
  }
  return { text: current, edits: lineEdits(text, current), fixed };
}
