/**
 * Code actions for threadlint diagnostics: "Suppress CODE on this line" (adds
 * `# threadlint: ignore[CODE]` at the end of the line, or adds CODE to the
 * pragma already there) and "Show documentation for CODE" (a command the
 * client may handle itself; otherwise the server answers it with
 * `window/showDocument`). Quick fixes from the quick-fix issue plug in here,
 * reading what they need from `Diagnostic.data`.
 */
import { CodeAction, CodeActionKind, TextEdit, type Command, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { Node, Tree } from 'web-tree-sitter';
import { findRule, selectorMatches } from '../core/rules';
import type { Fix } from '../core/types';
import { diagnosticData } from './diagnostics';
import { ServerCommands } from './protocol';

/** Where a pragma may go on a line: the start of its trailing comment, or why nothing may be appended. */
interface LineShape {
  commentStart: number;
  blocked?: string;
}

const PRAGMA_IN_COMMENT = /#\s*threadlint:\s*ignore(?![-\w])(?:\[([^\]]*)\])?/;

/** Lines a logical line may run on for (a pragma is looked for no further). */
const MAX_CONTINUATION = 500;

/**
 * The edit that suppresses `code` on `line`, or null when the line already
 * suppresses it or a comment cannot be appended. A line that ends inside a
 * multi-line string or with a backslash continuation takes the comment where
 * its logical line ends, when the tree and `lineAt` are given.
 */
export function suppressionEdit(lineText: string, line: number, code: string, tree?: Tree, lineAt?: (line: number) => string | undefined): TextEdit | null {
  const rule = findRule(code);
  if (!rule) return null;
  const end = lineText.replace(/\s+$/, '').length;
  if (end === 0) return null;
  const shape = tree ? shapeFromTree(tree, lineText, line, end) : shapeFromText(lineText);
  if (shape.blocked) {
    // A backslash continuation or a string running on: the pragma goes where the logical line ends
    // (it covers the lines above it that cannot end in a comment).
    for (let next = line + 1; tree && lineAt && next < line + MAX_CONTINUATION; next++) {
      const text = lineAt(next);
      if (text === undefined) return null;
      const last = text.replace(/\s+$/, '').length;
      if (last === 0) continue;
      if (!shapeFromTree(tree, text, next, last).blocked) return suppressionEdit(text, next, code, tree);
    }
    return null;
  }
  if (shape.commentStart >= 0) {
    const comment = lineText.slice(shape.commentStart);
    const m = PRAGMA_IN_COMMENT.exec(comment);
    if (m) {
      if (m[1] === undefined) return null; // a bare `ignore` suppresses every rule
      const selectors = m[1].split(',').map((s) => s.trim()).filter(Boolean);
      if (selectors.some((s) => s === '*' || selectorMatches(s, rule))) return null;
      const listStart = shape.commentStart + m.index + m[0].indexOf('[') + 1;
      const range: Range = { start: { line, character: listStart }, end: { line, character: listStart + m[1].length } };
      return TextEdit.replace(range, [...selectors, rule.code].join(', '));
    }
  }
  const range: Range = { start: { line, character: end }, end: { line, character: lineText.length } };
  return TextEdit.replace(range, `  # threadlint: ignore[${rule.code}]`);
}

function shapeFromTree(tree: Tree, lineText: string, line: number, end: number): LineShape {
  let node: Node | null = tree.rootNode.descendantForPosition({ row: line, column: end - 1 });
  if (node?.type === 'comment' && node.startPosition.row === line) return { commentStart: node.startPosition.column };
  if (lineText[end - 1] === '\\') return { commentStart: -1, blocked: 'the line continues with a backslash' };
  for (; node; node = node.parent) {
    if (node.type === 'string' && node.endPosition.row > line) return { commentStart: -1, blocked: 'the line ends inside a string' };
  }
  return { commentStart: -1 };
}

/** Without a tree: scan the line for a `#` outside string literals. */
function shapeFromText(lineText: string): LineShape {
  let quote = '';
  for (let i = 0; i < lineText.length; i++) {
    const c = lineText[i];
    if (quote) {
      if (c === '\\') i++;
      else if (lineText.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
    } else if (c === '#') {
      return { commentStart: i };
    } else if (c === '"' || c === "'") {
      quote = lineText.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    }
  }
  if (quote.length === 3) return { commentStart: -1, blocked: 'the line ends inside a string' };
  if (lineText.trimEnd().endsWith('\\')) return { commentStart: -1, blocked: 'the line continues with a backslash' };
  return { commentStart: -1 };
}

export interface CodeActionDocument {
  uri: string;
  version: number;
  lineText(line: number): string;
  tree?: Tree;
}

export interface CodeActionContext {
  /** Use `documentChanges` with versions (the client supports them) rather than `changes`. */
  versionedEdits: boolean;
  /** The core's fixes for a diagnostic (repairs, then suppressions), when they could be computed. */
  fixesFor?: (diagnostic: Diagnostic) => Fix[] | undefined;
  uriOf: (path: string) => string;
  /** The version of an open document, null for files that are not open. */
  versionOf: (path: string) => number | null;
}

/** A core `Fix` as a workspace edit (it may touch other files, e.g. to add a lock where the shared object lives). */
function fixEdit(fix: Fix, context: CodeActionContext): WorkspaceEdit {
  if (context.versionedEdits) {
    return {
      documentChanges: fix.edits.map((e) => ({ textDocument: { uri: context.uriOf(e.path), version: context.versionOf(e.path) }, edits: e.edits })),
    };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) (changes[context.uriOf(e.path)] ??= []).push(...e.edits);
  return { changes };
}

/** The kind of the fix-all action (`editor.codeActionsOnSave: { "source.fixAll.threadlint": "explicit" }`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.threadlint`;
export const FIX_ALL_TITLE = 'threadlint: Fix all safe fixes';

/** Whether `only` asks for the fix-all action: `source`, `source.fixAll` or `source.fixAll.threadlint` (never when absent). */
export function wantsFixAll(only: string[] | undefined): boolean {
  return !!only?.some((k) => k === FIX_ALL_KIND || FIX_ALL_KIND.startsWith(`${k}.`));
}

/** Whether `only` lets quick fixes through (absent, empty, or `quickfix`). */
export function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty);
}

/** The fix-all action for a document: `edits` (on its text at `version`) from the core's `fixDocument`; null when there are none. */
export function fixAllAction(uri: string, version: number, edits: TextEdit[], versionedEdits: boolean): CodeAction | null {
  if (edits.length === 0) return null;
  const edit: WorkspaceEdit = versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  return CodeAction.create(FIX_ALL_TITLE, edit, FIX_ALL_KIND);
}

/** The threadlint code actions for the diagnostics of a `textDocument/codeAction` request. */
export function codeActionsFor(
  doc: CodeActionDocument,
  diagnostics: Diagnostic[],
  only: string[] | undefined,
  context: CodeActionContext,
): CodeAction[] {
  if (!wantsQuickFixes(only)) return [];
  const actions: CodeAction[] = [];
  const suppressed = new Set<string>();
  const documented = new Set<string>();
  for (const diagnostic of diagnostics) {
    const data = diagnosticData(diagnostic);
    if (!data) continue;
    const key = `${data.line}:${data.code}`;
    const fixes = context.fixesFor?.(diagnostic);
    if (fixes && !suppressed.has(key)) {
      suppressed.add(key);
      for (const fix of fixes) {
        const action = CodeAction.create(fix.title, fixEdit(fix, context), CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.isPreferred) action.isPreferred = true;
        actions.push(action);
      }
    } else if (!suppressed.has(key)) {
      suppressed.add(key);
      const edit = suppressionEdit(doc.lineText(data.line), data.line, data.code, doc.tree, (l) => doc.lineText(l));
      if (edit) {
        const workspaceEdit: WorkspaceEdit = context.versionedEdits
          ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [edit] }] }
          : { changes: { [doc.uri]: [edit] } };
        const action = CodeAction.create(`Suppress ${data.code} on this line`, workspaceEdit, CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    if (!documented.has(data.code)) {
      documented.add(data.code);
      const command: Command = {
        title: `Show documentation for ${data.code}`,
        command: ServerCommands.showRuleDocumentation,
        arguments: [data.code],
      };
      const action = CodeAction.create(command.title, command, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
  }
  // Edits first (repairs, then suppressions, as the core orders them), then the documentation links.
  return [...actions.filter((a) => a.edit), ...actions.filter((a) => !a.edit)];
}
