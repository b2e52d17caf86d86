/**
 * Runs of comment lines, hidden from the parser.
 *
 * tree-sitter-python's external scanner, at each line end, looks past every
 * following comment line for the indentation of the next line of code; each
 * comment is then lexed as a token of its own and the scan starts again at
 * its line end. A run of n comment lines therefore costs O(n²): the 185-line
 * history of magic numbers in the standard library's
 * `importlib/_bootstrap_external.py` takes ~34 ms of that file's ~44 ms
 * parse, and over Django and the standard library such runs cost ~10 % of
 * all parsing (docs/benchmarks.md). The analysis never looks at comment
 * nodes (pragmas are read from the source text), so the batch path parses a
 * copy of the text in which the comment lines of such runs are spaces: the
 * same length, so every offset and position stays the same, and a run of
 * blank lines is a single scan.
 *
 * Which lines are comments is decided by a small tokenizer that skips
 * string literals. It does not need to be perfect: `parseWithoutCommentRuns`
 * checks the tree and parses the original text instead when a blanked line
 * lies inside a string there, or when the file has a syntax error.
 */
import type { Parser, Range, Tree } from 'web-tree-sitter';

/** Comment lines fewer than this in a row are left alone: the scan they cost is small. */
export const MIN_RUN = 3;

export interface BlankedText {
  /** The text with the comment lines of long runs replaced by spaces (same length). */
  text: string;
  /** Offset of the `#` of every blanked comment line. */
  starts: number[];
  /** Each run: from its first `#` to the end of its last comment (before the line break). */
  runs: [number, number][];
}

const INTERESTING = /[#'"]/g;
const TRIPLE_END: Record<string, RegExp> = { "'''": /\\[\s\S]|'''/g, '"""': /\\[\s\S]|"""/g };
const SINGLE_END: Record<string, RegExp> = { "'": /\\[\s\S]|'|\n/g, '"': /\\[\s\S]|"|\n/g };

/** Start and end (before the line break) of every comment that is alone on its line, in order. */
export function fullLineComments(text: string): [number, number][] {
  const out: [number, number][] = [];
  INTERESTING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INTERESTING.exec(text))) {
    const at = m.index;
    if (m[0] === '#') {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      let lineStart = at;
      while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t' || text[lineStart - 1] === '\f')) lineStart--;
      if (lineStart === 0 || text[lineStart - 1] === '\n') out.push([at, text[end - 1] === '\r' ? end - 1 : end]);
      INTERESTING.lastIndex = end;
      continue;
    }
    // A string literal (any prefix: the end is found the same way for raw, byte and f-strings).
    const quote = m[0];
    const triple = text.startsWith(quote.repeat(3), at) ? quote.repeat(3) : undefined;
    const endRe = triple ? TRIPLE_END[triple] : SINGLE_END[quote];
    endRe.lastIndex = at + (triple ? 3 : 1);
    let close: RegExpExecArray | null;
    let next = text.length;
    while ((close = endRe.exec(text))) {
      if (close[0][0] === '\\') continue;
      next = close[0] === '\n' ? close.index : close.index + close[0].length;
      break;
    }
    INTERESTING.lastIndex = next;
  }
  return out;
}

/**
 * The text with the comment lines of every run of at least `minRun` comment lines (blank lines
 * between them do not break a run) replaced by spaces; undefined when there is no such run.
 */
export function blankCommentRuns(text: string, minRun = MIN_RUN): BlankedText | undefined {
  const comments = fullLineComments(text);
  if (comments.length < minRun) return undefined;
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  for (const c of comments) {
    const previous = run[run.length - 1];
    if (previous && !/^\s*$/.test(text.slice(previous[1], c[0]))) {
      if (run.length >= minRun) runs.push(run);
      run = [];
    }
    run.push(c);
  }
  if (run.length >= minRun) runs.push(run);
  if (runs.length === 0) return undefined;
  const parts: string[] = [];
  const starts: number[] = [];
  let at = 0;
  for (const r of runs) {
    for (const [start, end] of r) {
      parts.push(text.slice(at, start), ' '.repeat(end - start));
      starts.push(start);
      at = end;
    }
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), starts, runs: runs.map((r) => [r[0][0], r[r.length - 1][1]] as [number, number]) };
}

const STRING_PARTS = new Set(['string', 'string_content', 'escape_sequence', 'string_start', 'string_end']);

export interface HiddenParse {
  tree: Tree;
  /** The text the tree was parsed from: `text` itself, or `text` with comment runs blanked. */
  input: string;
}

export interface HidingOptions {
  /**
   * The previous tree, already told about the user's edits (`tree.edit`), and its input with the
   * same edits applied: the parse is incremental, and the lines whose blanking changed are
   * reported to the tree as edits of their own. The tree is not deleted.
   */
  previous?: HiddenParse;
  /**
   * Keep a blanked parse that has syntax errors (the editor, where text being typed is often
   * incomplete). Without it such a file is parsed again as it is, so the CLI's results for a
   * broken file are exactly those of a plain parse.
   */
  allowErrors?: boolean;
}

/**
 * Parses `text` as `parser.parse(text)` would, with long comment runs hidden from the parser.
 * The tree's nodes read their text from `text` itself (comments included), so nothing but the
 * missing comment nodes tells the two apart. Falls back to a plain parse of `text` when a
 * blanked line is inside a string literal in the tree (and, unless allowed, on syntax errors).
 */
export function parseHidingCommentRuns(parser: Parser, text: string, options: HidingOptions = {}): HiddenParse | null {
  const blanked = blankCommentRuns(text);
  const input = blanked?.text ?? text;
  const { previous } = options;
  if (previous) reportBlankingChanges(previous.tree, previous.input, input);
  // The blanked runs are also left out of the parser's included ranges: its lexer then jumps over
  // them instead of reading every space (a keystroke just above a 5,000-line run: 85 -> 0.6 ms).
  const tree = parser.parse(input, previous?.tree ?? null, blanked ? { includedRanges: includedRanges(input, blanked.runs) } : undefined);
  if (!tree || !blanked) return tree && { tree, input };
  const internals = tree as unknown as { textCallback?: (index: number) => string };
  const root = tree.rootNode;
  let ok = typeof internals.textCallback === 'function' && (options.allowErrors === true || !root.hasError);
  // The first line of each run is enough: a line that starts with `#` outside a string is a comment,
  // and so is every such line after it, up to the next line of code.
  for (let i = 0; ok && i < blanked.runs.length; i++) {
    const node = root.descendantForIndex(blanked.runs[i][0]);
    ok = node !== null && !STRING_PARTS.has(node.type);
  }
  if (!ok) {
    tree.delete();
    const plain = parser.parse(text);
    return plain && { tree: plain, input: text };
  }
  internals.textCallback = (index: number) => text.slice(index);
  return { tree, input };
}

/** The parts of `text` outside `runs` (sorted, not overlapping), as tree-sitter ranges (UTF-16 offsets and columns). */
function includedRanges(text: string, runs: [number, number][]): Range[] {
  const out: Range[] = [];
  let row = 0;
  let lineStart = 0;
  let scanned = 0;
  const point = (index: number) => {
    for (let nl = text.indexOf('\n', scanned); nl >= 0 && nl < index; nl = text.indexOf('\n', nl + 1)) {
      row++;
      lineStart = nl + 1;
    }
    scanned = index;
    return { row, column: index - lineStart };
  };
  let from = 0;
  let fromPoint = { row: 0, column: 0 };
  for (const [start, end] of runs) {
    if (start > from) out.push({ startIndex: from, endIndex: start, startPosition: fromPoint, endPosition: point(start) });
    else point(start);
    from = end;
    fromPoint = point(end);
  }
  out.push({ startIndex: from, endIndex: 0x7fffffff, startPosition: fromPoint, endPosition: { row: 0x7fffffff, column: 0x7fffffff } });
  return out;
}

/** Batch use: the tree alone (see parseHidingCommentRuns). */
export function parseWithoutCommentRuns(parser: Parser, text: string): Tree | null {
  return parseHidingCommentRuns(parser, text)?.tree ?? null;
}

/**
 * Tells `tree` (parsed from `before`, edits applied) where `after` differs from `before`: lines
 * that became, or stopped being, part of a blanked run. Both texts have the same length.
 */
function reportBlankingChanges(tree: Tree, before: string, after: string): void {
  if (before === after) return;
  let i = 0;
  const n = after.length;
  let row = 0;
  let lineStart = 0;
  while (i < n) {
    if (before.charCodeAt(i) === after.charCodeAt(i)) {
      if (after.charCodeAt(i) === 10) {
        row++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    // Blanking changes whole comment texts, never line breaks: the difference ends on this line.
    let end = i;
    while (end < n && before.charCodeAt(end) !== after.charCodeAt(end)) end++;
    const start = { row, column: i - lineStart };
    const stop = { row, column: end - lineStart };
    tree.edit({ startIndex: i, oldEndIndex: end, newEndIndex: end, startPosition: start, oldEndPosition: stop, newEndPosition: stop });
    i = end;
  }
}
