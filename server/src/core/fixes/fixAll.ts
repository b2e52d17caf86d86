/**
 * Fix-all: lint a group of files with fixes, apply the chosen fix of every
 * finding (safe ones, or unsafe ones too), merged without overlaps, then lint
 * the changed text again and repeat until nothing changes (at most a few
 * rounds: a fix that had to wait for a neighbour, or that now finds the lock
 * another fix created, gets its turn). Nothing is written here: the caller
 * gets the new texts and decides (the CLI's `--fix` writes, `--diff` prints).
 */
import { readSource } from '../analyzeFile';
import { lint, type LintOptions } from '../lint';
import type { Finding, Fix, LintResult, SourceInput } from '../types';
import { chosenFix, mergeFixes, applyTextEdits, type FixLevel } from './apply';

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
