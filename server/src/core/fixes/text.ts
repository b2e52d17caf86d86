/**
 * Source text as the fixes see it: offsets <-> positions (zero-based lines
 * split at `\n`, as tree-sitter counts rows; UTF-16 columns, as LSP and the
 * findings do), the file's line ending, indentation of a line, and applying a
 * set of text edits. Plain string work, no tree.
 */
import type { Position, Range, TextEdit } from '../types';

export class SourceText {
  readonly lineStarts: number[] = [0];
  /** The file's line ending: the first one found, `\n` when there is none. */
  readonly eol: string;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    const first = text.indexOf('\n');
    this.eol = first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Lone `\r` line breaks (classic Mac): tree-sitter and LSP count lines differently there, so no fix is offered. */
  get hasLoneCR(): boolean {
    return /\r(?!\n)/.test(this.text);
  }

  offsetAt(p: Position): number {
    const line = Math.min(Math.max(p.line, 0), this.lineStarts.length - 1);
    return Math.min(this.lineStarts[line] + p.character, this.text.length);
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  /** End of the line's content (before `\r\n` / `\n`). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text[end - 1] === '\n') end--;
    if (end > this.lineStarts[line] && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Start of the next line (or the end of the text when `line` is the last). */
  nextLineStart(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Leading spaces and tabs of a line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  /** True when the line holds only whitespace. */
  isBlank(line: number): boolean {
    return this.lineText(line).trim() === '';
  }

  /**
   * The step of one indentation level: a tab when the file indents with tabs,
   * otherwise the smallest positive indent found (4 spaces when none is).
   */
  indentUnit(): string {
    let smallest = 0;
    for (let line = 0; line < this.lineStarts.length; line++) {
      const indent = this.indentOf(line);
      if (indent.length === 0 || this.isBlank(line)) continue;
      if (indent[0] === '\t') return '\t';
      if (smallest === 0 || indent.length < smallest) smallest = indent.length;
    }
    return smallest > 0 ? ' '.repeat(smallest) : '    ';
  }

  edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.range(start, end), newText };
  }

  insert(offset: number, newText: string): TextEdit {
    return this.edit(offset, offset, newText);
  }
}

/** The indentation step between a header line's indent and its body's indent, or null when they do not nest. */
export function stepBetween(outer: string, inner: string): string | null {
  if (!inner.startsWith(outer) || inner.length === outer.length) return null;
  return inner.slice(outer.length);
}

/** Offsets of the edits in `text`, sorted; throws when two edits overlap. */
function resolveEdits(src: SourceText, edits: TextEdit[]): { start: number; end: number; newText: string }[] {
  const resolved = edits
    .map((e, i) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  for (let k = 1; k < resolved.length; k++) {
    if (resolved[k].start < resolved[k - 1].end) throw new Error('overlapping edits');
  }
  return resolved;
}

/** Applies non-overlapping edits (insertions at one offset keep their given order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  if (edits.length === 0) return text;
  const src = new SourceText(text);
  const resolved = resolveEdits(src, edits);
  let out = '';
  let at = 0;
  for (const e of resolved) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Offset intervals of edits, for overlap checks between fixes. */
export function editSpans(src: SourceText, edits: TextEdit[]): { start: number; end: number; newText: string }[] {
  return edits.map((e) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), newText: e.newText }));
}
