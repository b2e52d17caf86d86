/**
 * Open documents: the text (updated by incremental `didChange` events), one
 * syntax tree per document kept in step with `tree.edit` so each change is a
 * cheap incremental reparse, and the document's latest FileSummary. Summaries
 * are built with the core's `collect`, exactly as `analyzeFile` does for files
 * on disk, but from the kept tree instead of a fresh parse.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Edit, Node, Parser, Range, Tree } from 'web-tree-sitter';
import { forGrammar, summariseTree, type FileOutcome } from '../core/analyzeFile';
import { commentRuns, parseHidingCommentRuns } from '../core/commentRuns';
import type { FunctionMemo } from '../core/analysis/collect';
import type { ModelOptions } from '../core/analysis/models';
import type { FileSummary } from '../core/analysis/summary';
import type { Finding, Fix, LintSettings } from '../core/types';
import { DEFAULT_EDITOR_SETTINGS } from './protocol';

const LONE_CR = /\r(?!\n)/;

export type AnalysisOutcome = FileOutcome;

export class OpenDocument {
  private document: TextDocument;
  private tree: Tree | undefined;
  /** True when the tree has edits the parser has not seen yet. */
  private stale = true;
  /**
   * The text changed since the kept tree was parsed, as one span of offsets in the current text
   * (undefined when the tree is up to date): what a quick analysis must parse again.
   */
  private dirty: [number, number] | undefined;
  /** The last analysis was a quick one (see `quickAnalysis`): the kept tree has not seen its edits. */
  quick = false;
  /** The kept tree was parsed from text with a lone CR read as LF: its rows are not the text's once that CR is gone. */
  private treeFromLoneCr = false;
  summary: FileSummary | undefined;
  /** Why the document is not analysed (binary, too large, ...), or undefined. */
  problem: string | undefined;
  /** The debounce delay from the document's last known settings. */
  delay = DEFAULT_EDITOR_SETTINGS.diagnosticsDelay;
  /** The merged settings of the last analysis, and as JSON: open documents with equal keys share a cross-file pass. */
  settings: LintSettings | undefined;
  settingsKey: string | undefined;
  /** The findings last published for the document (computed from `analysedVersion`). */
  findings: Finding[] = [];
  /**
   * The core's fixes for `findings` of one version, computed for the diagnostics a code-action
   * request names, when first asked (`computed`: the finding keys done, with or without fixes).
   */
  fixes: { version: number; byKey: Map<string, Fix[]>; computed: Set<string> } | undefined;
  /** The version `summary` was built from. */
  analysedVersion: number;
  /** The first check waited (or chose not to wait) for the background index. */
  waitedForIndex = false;
  /** Function bodies of the last analysis, replayed for the functions an edit leaves alone; tied to the model options it was built with. */
  private memo: { key: string; functions: FunctionMemo } | undefined;
  /** Debounce timer of the next analysis. */
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  constructor(
    readonly uri: string,
    /** The file-system path (or the URI, for documents that are not files). */
    readonly path: string,
    readonly isFile: boolean,
    readonly module: string,
    readonly isPackage: boolean,
    languageId: string,
    version: number,
    text: string,
  ) {
    this.document = TextDocument.create(uri, languageId, version, text);
    this.analysedVersion = version;
  }

  get version(): number {
    return this.document.version;
  }

  get text(): string {
    return this.document.getText();
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  /** The tree of the last analysis (for code actions); undefined when the text changed since or there is none. */
  get currentTree(): Tree | undefined {
    return this.stale ? undefined : this.tree;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.document.lineCount) return '';
    const text = this.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return text.replace(/\r?\n$|\r$/, '');
  }

  /** Applies `didChange` events in order, editing the kept tree alongside. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && this.tree) {
        const { start, end } = change.range;
        const startIndex = this.document.offsetAt(start);
        const oldEndIndex = this.document.offsetAt(end);
        // The document clamps positions past the end; use the positions of the clamped offsets.
        const startPosition = this.document.positionAt(startIndex);
        const oldEndPosition = this.document.positionAt(oldEndIndex);
        const edit: Edit = {
          startIndex,
          oldEndIndex,
          newEndIndex: startIndex + change.text.length,
          startPosition: { row: startPosition.line, column: startPosition.character },
          oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.character },
          newEndPosition: endOf(startPosition.line, startPosition.character, change.text),
        };
        this.tree.edit(edit);
        this.dirty = widen(this.dirty, startIndex, oldEndIndex, edit.newEndIndex);
      } else if (!('range' in change)) {
        this.dropTree();
      }
      this.document = TextDocument.update(this.document, [change], version);
    }
    this.stale = true;
  }

  /**
   * Reparses (incrementally when a tree is kept) and summarises. Never throws:
   * what cannot be analysed becomes `{ ok: false, reason }`.
   */
  analyse(parser: Parser, options: ModelOptions & { maxFileBytes: number }, { quick = false } = {}): AnalysisOutcome {
    const text = this.text;
    this.quick = false;
    if (text.length > options.maxFileBytes) {
      this.dropTree();
      return { ok: false, reason: `larger than the ${Math.round(options.maxFileBytes / 1024)} KiB limit (max-file-size)` };
    }
    if (text.includes('\0')) {
      this.dropTree();
      return { ok: false, reason: 'binary content (NUL characters)' };
    }
    // tree-sitter counts rows at `\n` only, LSP also at a lone `\r`: such text is parsed from scratch,
    // with each lone `\r` read as `\n` (same length, so offsets and LSP positions still agree).
    // (Most text has no CR at all: a plain search first, on every keystroke.)
    const loneCr = text.includes('\r') && LONE_CR.test(text);
    if (this.stale && this.tree && loneCr) this.dropTree();
    const memoKey = JSON.stringify([options.lockFactories, options.threadSafeTypes]);
    if (quick && this.stale && !loneCr) {
      const outcome = this.quickAnalysis(parser, text, options, memoKey);
      if (outcome) return outcome;
    }
    let tree: Tree | null;
    const parsed = loneCr ? forGrammar(text) : text;
    try {
      // Long comment runs are hidden from the grammar's quadratic scan (core/commentRuns.ts) on
      // every parse alike, incremental or not.
      tree = this.tree && !this.stale ? this.tree : (parseHidingCommentRuns(parser, parsed, { previous: this.tree, allowErrors: true })?.tree ?? null);
    } catch (e) {
      this.dropTree();
      return { ok: false, reason: `the parser failed: ${(e as Error).message}` };
    }
    if (!tree) {
      this.dropTree();
      return { ok: false, reason: 'the parser gave up on this file' };
    }
    if (tree !== this.tree) {
      // Freed once the diagnostics are out: ~0.4 ms per keystroke on query.py, off the typing latency.
      const old = this.tree;
      if (old) setImmediate(() => old.delete());
      this.tree = tree;
    }
    this.stale = false;
    this.dirty = undefined;
    this.treeFromLoneCr = loneCr;
    const previous = this.memo?.key === memoKey ? this.memo.functions : undefined;
    const next: FunctionMemo = new Map();
    const outcome = summariseTree(tree, { path: this.path, module: this.module, isPackage: this.isPackage, source: parsed, memo: { previous, next } }, options);
    this.memo = outcome.ok ? { key: memoKey, functions: next } : undefined;
    return outcome;
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = undefined;
    this.dropTree();
  }

  /**
   * The quick analysis of a keystroke inside one function: the function alone is parsed again,
   * from its first line to the next statement of its block, and walked in place of its old
   * version in the kept tree, whose other nodes the edits have only moved (`tree.edit`).
   *
   * An incremental reparse at the end of a block costs about half a full parse of the file
   * (docs/benchmarks.md, "Where a keystroke's time goes"): tree-sitter cannot reuse the rest of
   * the enclosing block, whose first token follows the external scanner's pending dedent. The
   * function alone parses in a fraction of a millisecond. Taken only where the result is the
   * full parse's: every change since the kept tree was parsed lies inside the function's span,
   * which parses as exactly one function definition starting where the old one did, and the
   * kept tree has no syntax error. When the function itself does not parse,
   * its walk is still what the user sees while typing (the parser's recovery inside it may differ
   * from a parse of the whole file), and the server follows with a full parse when typing pauses.
   * Undefined when the quick analysis does not apply.
   */
  private quickAnalysis(parser: Parser, text: string, options: ModelOptions, memoKey: string): AnalysisOutcome | undefined {
    const tree = this.tree;
    const dirty = this.dirty;
    const previous = this.memo?.key === memoKey ? this.memo.functions : undefined;
    // A kept tree with a syntax error anywhere is not used: the parser's recovery may have placed
    // the statements after the error differently (methods read as module-level functions, ...).
    if (!tree || !dirty || !previous || this.treeFromLoneCr || tree.rootNode.hasError) return undefined;
    const region = functionAround(tree.rootNode, dirty[0], dirty[1], text.length);
    if (!region || region.end - region.node.startIndex > QUICK_MAX_CHARS) return undefined;
    const { node: old, end } = region;
    // A run of comment lines is parsed at a quadratic cost unless hidden (core/commentRuns.ts), which
    // the incremental parse does: such a span is left to it.
    if (commentRuns(text.slice(old.startIndex, end)) !== undefined) return undefined;
    const endPosition = this.document.positionAt(end);
    const range: Range = { startIndex: old.startIndex, endIndex: end, startPosition: old.startPosition, endPosition: { row: endPosition.line, column: endPosition.character } };
    let alone: Tree | null;
    try {
      alone = parser.parse(text, null, { includedRanges: [range] });
    } catch {
      return undefined;
    }
    if (!alone) return undefined;
    try {
      const statements = alone.rootNode.namedChildren.filter((n) => n !== null && n.type !== 'comment');
      const fresh = statements.length === 1 ? statements[0] : null;
      if (!fresh || fresh.startIndex !== old.startIndex || fresh.type !== old.type || definitionType(fresh) !== 'function_definition') return undefined;
      if (!indentedWithin(text, fresh, end) || !endsBeforeStatement(text, end, region.next, dirty[1]) || !headerOnOneLine(fresh)) return undefined;
      // The kept tree's nodes read their text through the tree's input callback, still the text it
      // was parsed from; their offsets are the current text's (web-tree-sitter marks the field
      // internal; test/quick-analysis.test.ts compares every quick summary with a full parse's).
      (tree as unknown as { textCallback: (index: number) => string }).textCallback = (index: number) => text.slice(index);
      const next: FunctionMemo = new Map();
      const outcome = summariseTree(tree, { path: this.path, module: this.module, isPackage: this.isPackage, source: text, memo: { previous, next }, replace: fresh }, options);
      if (!outcome.ok) return undefined;
      // The lines the file has: the kept tree's root may end before text typed at the very end.
      outcome.summary.lines = Math.max(outcome.summary.lines, this.document.lineCount);
      this.memo = { key: memoKey, functions: next };
      this.quick = true;
      return outcome;
    } finally {
      alone.delete();
    }
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = true;
    this.dirty = undefined;
  }
}

/**
 * Whether `def`, the function's name and the `(` of its parameters share a line. A line break between
 * them (`def __init` then `(self):` on the next line) ends the statement in the whole text, but the
 * function parsed alone may read past it without an error.
 */
function headerOnOneLine(node: Node): boolean {
  const fn = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (!fn) return false;
  const name = fn.childForFieldName('name');
  const params = fn.childForFieldName('parameters');
  if (!name || !params) return false;
  const def = fn.type === 'function_definition' ? fn.children.find((c) => c?.type === 'def') : null;
  const row = def ? def.startPosition.row : name.startPosition.row;
  // (`async` too: `async` then `def` on the next line is no header.)
  if (fn.startPosition.row !== row || name.startPosition.row !== row || params.startPosition.row !== name.endPosition.row) return false;
  // And from the `)` to the header's `:`, the return annotation with it (`) -> List[str]:`).
  const returns = fn.childForFieldName('return_type');
  const colon = fn.children.find((c) => c !== null && c.type === ':' && c.startIndex >= params.endIndex);
  const last = params.endPosition.row;
  return colon !== undefined && colon !== null && colon.startPosition.row === last && (returns === null || (returns.startPosition.row === last && returns.endPosition.row === last));
}

/** A function longer than this (in UTF-16 code units) is not parsed alone: an incremental reparse is cheaper. */
const QUICK_MAX_CHARS = 32 * 1024;

/** The definition inside a decorated one, or the node itself. */
function definitionType(node: Node): string {
  return node.type === 'decorated_definition' ? (node.childForFieldName('definition')?.type ?? '') : node.type;
}

/**
 * The module-level function or method of a module-level class whose span holds the offsets
 * `from`..`to` (of the current text, in a tree edited to match it): the statement starts before
 * `from`, and `to` is before the next statement of its block (or the end of its class's span,
 * or of the text). Its span (`end`) runs to that next statement; `next` is the statement that
 * ends it (null at the end of the text).
 */
function functionAround(root: Node, from: number, to: number, textEnd: number): { node: Node; end: number; next: Node | null } | undefined {
  const outer = statementAround(root, from, to, textEnd, null, 0);
  if (!outer) return undefined;
  const type = definitionType(outer.node);
  if (type === 'function_definition') return outer;
  if (type !== 'class_definition') return undefined;
  const cls = outer.node.type === 'decorated_definition' ? outer.node.childForFieldName('definition') : outer.node;
  const body = cls?.childForFieldName('body');
  const inner = body ? statementAround(body, from, to, outer.end, outer.next, outer.node.startPosition.column) : undefined;
  return inner && definitionType(inner.node) === 'function_definition' ? inner : undefined;
}

/**
 * The statement of `block` around `from`..`to` and the statement after it: its next sibling, or
 * `after` (the enclosing statement's next, at column `afterColumn`). The grammar accepts siblings
 * at different columns (`return x` dedented below its function's body is read as a statement of
 * the module): a next statement that is not at the column a well-formed file puts it is not used.
 */
function statementAround(block: Node, from: number, to: number, limit: number, after: Node | null, afterColumn: number): { node: Node; end: number; next: Node | null } | undefined {
  let found: Node | undefined;
  for (const child of block.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.startIndex >= from) {
      if (!found || to >= child.startIndex || child.startPosition.column !== found.startPosition.column) return undefined;
      return { node: found, end: child.startIndex, next: child };
    }
    found = child;
  }
  if (!found || to >= limit || (after !== null && after.startPosition.column !== afterColumn)) return undefined;
  return { node: found, end: limit, next: after };
}

/**
 * Whether the span ends where the statement that followed the function (`next`) still starts a line
 * that no edit has touched (every change, up to `dirtyEnd`, lies before that line): then it has the
 * indentation and the line break it had. An edit to that line or its line break (joining it to the
 * function's last line, indenting or dedenting it, commenting it out) changes what follows the
 * function, which the function's parse alone cannot see. At the end of the text (`next` null) there
 * is nothing to check.
 */
function endsBeforeStatement(text: string, end: number, next: Node | null, dirtyEnd: number): boolean {
  if (next === null) return end >= text.length;
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  return dirtyEnd < lineStart && /^[ \t]*$/.test(text.slice(lineStart, end));
}

/**
 * Whether every line of code after the first line of `fn` up to `end` is indented deeper than
 * `fn`, or starts inside a string literal: the parse of the function alone then reads the
 * indentation as the parse of the whole text does. (A line at `fn`'s depth or less ends the
 * function in the whole text, but the parser of the function alone, which starts at depth 0,
 * would read it otherwise.) Comment lines do not count: the grammar reads indentation past them.
 */
function indentedWithin(text: string, fn: Node, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', fn.startIndex - 1) + 1;
  const indent = text.slice(lineStart, fn.startIndex);
  if (!/^[ \t]*$/.test(indent)) return false;
  // The header (decorators, `def`, parameters, return type): decorators sit at the `def`'s depth, and a
  // signature's lines are inside brackets, where indentation does not count. A line of it that starts
  // shallower than the function (`@falcon.` then `before(hook)` at column 0 while typing) ends the
  // function in the whole text, but not in the parse of the function alone: not taken.
  const def = fn.type === 'decorated_definition' ? fn.childForFieldName('definition') : fn;
  for (let nl = text.indexOf('\n', fn.startIndex); def !== null && nl >= 0 && nl < def.startIndex; nl = text.indexOf('\n', nl + 1)) {
    if (!text.startsWith(indent, nl + 1)) return false;
  }
  const signature = def?.childForFieldName('return_type') ?? def?.childForFieldName('parameters');
  if (!signature) return false;
  // The line break after the signature (lines between it and the body, comments or continuations, are checked).
  const headerEnd = text.indexOf('\n', signature.endIndex);
  if (headerEnd < 0) return false;
  for (let nl = headerEnd; nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const start = nl + 1;
    let at = start;
    while (at < end && (text[at] === ' ' || text[at] === '\t' || text[at] === '\f')) at++;
    const c = text[at];
    if (at >= end || c === '\n' || c === '\r' || c === '#') continue;
    if (at > start + indent.length && text.startsWith(indent, start)) continue;
    let inString = false;
    for (let n: Node | null = fn.descendantForIndex(at); n && !inString && n.startIndex >= fn.startIndex; n = n.parent) {
      inString = n.type === 'string' && n.startIndex < start;
    }
    if (!inString) return false;
  }
  return true;
}

/** The span `span` (offsets of the text before an edit of `start`..`oldEnd` to `start`..`newEnd`) after the edit, widened to hold the edit. */
function widen(span: [number, number] | undefined, start: number, oldEnd: number, newEnd: number): [number, number] {
  if (!span) return [start, newEnd];
  const map = (x: number): number => (x <= start ? x : x >= oldEnd ? x + newEnd - oldEnd : newEnd);
  return [Math.min(map(span[0]), start), Math.max(map(span[1]), newEnd)];
}

/** Where inserted text ends, in tree-sitter's rows (split at `\n`) and UTF-16 columns. */
function endOf(row: number, column: number, text: string): { row: number; column: number } {
  const last = text.lastIndexOf('\n');
  if (last < 0) return { row, column: column + text.length };
  let rows = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) rows++;
  return { row: row + rows, column: text.length - last - 1 };
}
