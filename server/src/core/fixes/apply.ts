/**
 * Applying fixes: pick one fix per finding (the preferred one among those the
 * safety level allows; never a suppression), merge the picked fixes of a file
 * without overlaps (an edit identical to one already taken is shared, as when
 * two fixes add the same `import threading`; a fix that collides with one
 * already taken waits for the next round), apply them, and print unified
 * diffs. Used by fix-all (`fixAll.ts`), the CLI and the language server.
 */
import type { Finding, Fix, TextEdit } from '../types';
import { applyEdits, SourceText } from './text';

export type FixLevel = 'safe' | 'unsafe';

/** The fix fix-all would apply for a finding at this level, if any. */
export function chosenFix(finding: Finding, level: FixLevel): Fix | undefined {
  const allowed = (finding.fixes ?? []).filter((f) => (f.kind ?? 'fix') === 'fix' && (f.safety === 'safe' || level === 'unsafe'));
  return allowed.find((f) => f.isPreferred) ?? allowed[0];
}

interface Span {
  start: number;
  end: number;
  newText: string;
}

function sameEdit(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Two different edits collide when they overlap, or insert at the same point, or one inserts inside the other. */
function collide(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return false;
}

export interface MergeResult {
  /** Edits per path, ready to apply. */
  edits: Map<string, TextEdit[]>;
  applied: Fix[];
  deferred: Fix[];
}

/** Merges fixes (in order) into non-colliding edits per file; `texts` gives each file's current text. */
export function mergeFixes(fixes: Fix[], texts: (path: string) => string | undefined): MergeResult {
  const taken = new Map<string, Span[]>();
  const edits = new Map<string, TextEdit[]>();
  const sources = new Map<string, SourceText>();
  const srcOf = (path: string) => {
    let s = sources.get(path);
    if (!s) {
      const text = texts(path);
      if (text === undefined) return undefined;
      sources.set(path, (s = new SourceText(text)));
    }
    return s;
  };
  const applied: Fix[] = [];
  const deferred: Fix[] = [];
  const seen = new Set<Fix>();
  for (const fix of fixes) {
    if (seen.has(fix)) continue;
    seen.add(fix);
    const fresh: { path: string; span: Span; edit: TextEdit }[] = [];
    let ok = true;
    outer: for (const entry of fix.edits) {
      const src = srcOf(entry.path);
      if (!src) {
        ok = false;
        break;
      }
      const have = taken.get(entry.path) ?? [];
      for (const edit of entry.edits) {
        const span: Span = { start: src.offsetAt(edit.range.start), end: src.offsetAt(edit.range.end), newText: edit.newText };
        if (have.some((h) => sameEdit(h, span)) || fresh.some((f) => f.path === entry.path && sameEdit(f.span, span))) continue;
        if (have.some((h) => collide(h, span))) {
          ok = false;
          break outer;
        }
        fresh.push({ path: entry.path, span, edit });
      }
    }
    if (!ok) {
      deferred.push(fix);
      continue;
    }
    if (fresh.length === 0 && applied.some((a) => sameFix(a, fix))) continue;
    for (const f of fresh) {
      let list = taken.get(f.path);
      if (!list) taken.set(f.path, (list = []));
      list.push(f.span);
      let e = edits.get(f.path);
      if (!e) edits.set(f.path, (e = []));
      e.push(f.edit);
    }
    applied.push(fix);
  }
  return { edits, applied, deferred };
}

function sameFix(a: Fix, b: Fix): boolean {
  return JSON.stringify(a.edits) === JSON.stringify(b.edits);
}

/** Applies merged edits to one text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return applyEdits(text, edits);
}

// ---------------------------------------------------------------- unified diff

/** Lines with their endings, so CRLF files diff and patch faithfully. */
function splitLines(text: string): string[] {
  const out = text.match(/[^\n]*\n|[^\n]+$/g);
  return out ?? [];
}

/** Myers' O(ND) shortest edit script over lines: a list of [op, line] with op ' ', '-', '+'. */
function diffLines(a: string[], b: string[]): [' ' | '-' | '+', string][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack.
  const ops: [' ' | '-' | '+', string][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push([' ', a[x - 1]]);
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push(['+', b[y - 1]]);
    else ops.push(['-', a[x - 1]]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push([' ', a[x - 1]]);
    x--;
    y--;
  }
  return ops.reverse();
}

/**
 * Edits that turn `before` into `after`, one per changed run of lines (so an
 * editor keeps the cursor and folds of untouched lines).
 */
export function lineEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const ops = diffLines(splitLines(before), splitLines(after));
  const edits: TextEdit[] = [];
  let line = 0;
  for (let i = 0; i < ops.length; ) {
    if (ops[i][0] === ' ') {
      line++;
      i++;
      continue;
    }
    const start = line;
    let text = '';
    while (i < ops.length && ops[i][0] !== ' ') {
      if (ops[i][0] === '-') line++;
      else text += ops[i][1];
      i++;
    }
    edits.push({ range: { start: { line: start, character: 0 }, end: { line, character: 0 } }, newText: text });
  }
  // A last line without a line break ends at its own end, not at the start of a next line.
  const src = new SourceText(before);
  return edits.map((e) => (e.range.end.line >= src.lineCount ? { ...e, range: { start: e.range.start, end: src.positionAt(before.length) } } : e));
}

/** A unified diff (3 lines of context) of `before` → `after`, with `a/` and `b/` labels; '' when equal. */
export function unifiedDiff(label: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const absolute = label.startsWith('/') || /^[A-Za-z]:[\\/]/.test(label);
  const out: string[] = absolute ? [`--- ${label}\n`, `+++ ${label}\n`] : [`--- a/${label}\n`, `+++ b/${label}\n`];
  const show = (line: string) => (line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`);
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  while (i < ops.length) {
    // Find the next change.
    let j = i;
    while (j < ops.length && ops[j][0] === ' ') j++;
    if (j === ops.length) break;
    const startCtx = Math.max(i, j - context);
    aLine += startCtx - i;
    bLine += startCtx - i;
    // Extend the hunk while changes are within 2*context of each other.
    let end = j;
    let lastChange = j;
    while (end < ops.length) {
      if (ops[end][0] !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    const stop = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(startCtx, stop);
    const aCount = hunk.filter((o) => o[0] !== '+').length;
    const bCount = hunk.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@\n`);
    for (const [op, line] of hunk) out.push(op + show(line));
    aLine += aCount;
    bLine += bCount;
    i = stop;
  }
  return out.join('');
}
