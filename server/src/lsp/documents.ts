/**
 * Open documents: the text (updated by incremental `didChange` events), one
 * syntax tree per document kept in step with `tree.edit` so each change is a
 * cheap incremental reparse, and the document's latest FileSummary. Summaries
 * are built with the core's `collect`, exactly as `analyzeFile` does for files
 * on disk, but from the kept tree instead of a fresh parse.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Edit, Parser, Tree } from 'web-tree-sitter';
import { forGrammar, summariseTree, type FileOutcome } from '../core/analyzeFile';
import { parseHidingCommentRuns } from '../core/commentRuns';
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
  /** The core's fixes for `findings`, computed on the first code-action request of a version. */
  fixes: { version: number; byKey: Map<string, Fix[]> } | undefined;
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
  analyse(parser: Parser, options: ModelOptions & { maxFileBytes: number }): AnalysisOutcome {
    const text = this.text;
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
    const loneCr = LONE_CR.test(text);
    if (this.stale && this.tree && loneCr) this.dropTree();
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
    const memoKey = JSON.stringify([options.lockFactories, options.threadSafeTypes]);
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

  private dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = true;
  }
}

/** Where inserted text ends, in tree-sitter's rows (split at `\n`) and UTF-16 columns. */
function endOf(row: number, column: number, text: string): { row: number; column: number } {
  const last = text.lastIndexOf('\n');
  if (last < 0) return { row, column: column + text.length };
  let rows = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) rows++;
  return { row: row + rows, column: text.length - last - 1 };
}
