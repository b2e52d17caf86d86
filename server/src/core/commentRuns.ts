/**
 * Runs of comment lines, hidden from the parser.
 *
 * tree-sitter-python's external scanner, at each line end, looks past every
 * following comment line for the indentation of the next line of code; each
 * comment is then lexed as a token of its own and the scan starts again at
 * its line end. A run of n comment lines therefore costs O(n²): the 185-line
 * history of magic numbers in the standard library's
 * `importlib/_bootstrap_external.py` takes ~34 ms of that file's ~44 ms
 * parse, and a 5,000-line block of commented-out code 19 s
 * (docs/benchmarks.md). The analysis never looks at comment nodes (pragmas
 * are read from the source text), so such runs are left out of the parser's
 * included ranges: its lexer jumps from the line before a run to the line
 * after it, while offsets, positions and node text stay those of the text.
 *
 * Which lines are comments is decided by a small tokenizer that skips
 * string literals. It does not need to be perfect: `parseHidingCommentRuns`
 * checks the tree and parses the whole text instead when a run starts inside
 * a string there, or (unless allowed) when the file has a syntax error.
 */
import type { Parser, Range, Tree } from 'web-tree-sitter';

/** Comment lines fewer than this in a row are left alone: the scan they cost is small. */
export const MIN_RUN = 3;

export interface CommentRuns {
  /** Each run: from its first `#` to the end of its last comment (before the line break). */
  runs: [number, number][];
  /** How many comment lines the runs hold. */
  lines: number;
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
 * The runs of at least `minRun` comment lines alone on their lines (blank lines between them do
 * not break a run); undefined when there is none.
 */
export function commentRuns(text: string, minRun = MIN_RUN): CommentRuns | undefined {
  const comments = fullLineComments(text);
  if (comments.length < minRun) return undefined;
  const out: CommentRuns = { runs: [], lines: 0 };
  let first = 0;
  const close = (end: number) => {
    if (end - first < minRun) return;
    out.runs.push([comments[first][0], comments[end - 1][1]]);
    out.lines += end - first;
  };
  for (let i = 1; i < comments.length; i++) {
    if (!/^\s*$/.test(text.slice(comments[i - 1][1], comments[i][0]))) {
      close(i);
      first = i;
    }
  }
  close(comments.length);
  return out.runs.length > 0 ? out : undefined;
}

const STRING_PARTS = new Set(['string', 'string_content', 'escape_sequence', 'string_start', 'string_end']);

export interface HiddenParse {
  tree: Tree;
  /** Whether comment runs were left out (false: the whole text was parsed). */
  hidden: boolean;
}

export interface HidingOptions {
  /** The previous tree, already told about the edits since (`tree.edit`): the parse is incremental. It is not deleted. */
  previous?: Tree;
  /**
   * Keep a parse with runs hidden that has syntax errors (the editor, where text being typed is
   * often incomplete). Without it such a file is parsed again whole, so the CLI's results for a
   * broken file are exactly those of a plain parse.
   */
  allowErrors?: boolean;
}

/**
 * Parses `text` as `parser.parse(text)` would, with long comment runs outside the included
 * ranges, so nothing but the missing comment nodes tells the two apart. Falls back to parsing the
 * whole text when a run starts inside a string literal in the tree (and, unless allowed, on
 * syntax errors). With `previous`, tree-sitter itself re-reads where the included ranges moved.
 */
export function parseHidingCommentRuns(parser: Parser, text: string, options: HidingOptions = {}): HiddenParse | null {
  const found = commentRuns(text);
  const previous = options.previous ?? null;
  const tree = parser.parse(text, previous, found ? { includedRanges: includedRanges(text, found.runs) } : undefined);
  if (!tree || !found) return tree && { tree, hidden: false };
  const root = tree.rootNode;
  let ok = options.allowErrors === true || !root.hasError;
  // The first line of each run is enough: a line that starts with `#` outside a string is a comment,
  // and so is every such line after it, up to the next line of code.
  for (let i = 0; ok && i < found.runs.length; i++) {
    const node = root.descendantForIndex(found.runs[i][0]);
    ok = node !== null && !STRING_PARTS.has(node.type);
  }
  if (ok) return { tree, hidden: true };
  tree.delete();
  const plain = parser.parse(text, previous);
  return plain && { tree: plain, hidden: false };
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
