/**
 * Columns in characters for the reports people read (`text`, `json`, `github`), as Ruff and pylint
 * count them. The analysis, the language server (LSP) and SARIF (`columnKind: utf16CodeUnits`)
 * count UTF-16 code units, which differ only on lines with characters outside the Basic
 * Multilingual Plane (an emoji counts two units, one character).
 */
import type { Finding, Position, Range } from '../types';

/** Lines of a file whose text holds a surrogate pair, else null (nothing to convert). */
function astralLines(text: string | undefined): string[] | null {
  if (text === undefined || !/[\uD800-\uDFFF]/.test(text)) return null;
  return textLines(text);
}

/** A 0-based column in UTF-16 code units of `line`, counted in characters (code points). */
export function characterColumn(line: string | undefined, utf16: number): number {
  if (line === undefined) return utf16;
  let character = 0;
  for (let i = 0; i < utf16 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    // The low half of a surrogate pair belongs to the character its high half started.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && line.charCodeAt(i - 1) >= 0xd800 && line.charCodeAt(i - 1) <= 0xdbff)) character++;
  }
  return character + Math.max(0, utf16 - line.length);
}

/** The lines of a text as the analysis counts them (a BOM left out; CRLF, CR and LF end lines). */
export function textLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** The findings with every position's column counted in characters (code points) instead of UTF-16 code units. */
export function inCharacterColumns(findings: readonly Finding[], read: (path: string) => string | undefined): Finding[] {
  const files = new Map<string, string[] | null>();
  const linesOf = (path: string): string[] | null => {
    let lines = files.get(path);
    if (lines === undefined) {
      lines = astralLines(read(path));
      files.set(path, lines);
    }
    return lines;
  };
  const position = (lines: string[], p: Position): Position => ({ line: p.line, character: characterColumn(lines[p.line], p.character) });
  const range = (path: string, r: Range): Range => {
    const lines = linesOf(path);
    return lines === null ? r : { start: position(lines, r.start), end: position(lines, r.end) };
  };
  return findings.map((f) => {
    if (linesOf(f.path) === null && f.related.every((r) => linesOf(r.path) === null)) return f;
    return { ...f, range: range(f.path, f.range), related: f.related.map((r) => ({ ...r, range: range(r.path, r.range) })) };
  });
}
