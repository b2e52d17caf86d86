/**
 * Suppression fixes: `# threadlint: ignore[CODE]` at the end of the finding's
 * line (added to the list of a pragma already there), and
 * `# threadlint: ignore-file[CODE]` for the whole file. They change no
 * behaviour, but they are not repairs either: `kind: 'suppression'` keeps
 * them out of fix-all and `--fix`.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix, TextEdit } from '../types';
import { canEndInComment } from '../analysis/pragmas';
import { fileEdits, type FixFile } from './context';

const LINE_PRAGMA = /#\s*threadlint:\s*ignore(?![-\w])(\[([^\]]*)\])?/;
const FILE_PRAGMA = /#\s*threadlint:\s*ignore-file(\[([^\]]*)\])?/;

/** The comment that ends `line`, null when there is none; undefined when a comment cannot be appended. */
function trailingComment(file: FixFile, line: number): Node | null | undefined {
  const { src, root } = file;
  const text = src.lineText(line);
  const end = text.replace(/\s+$/, '').length;
  if (end === 0) return undefined;
  const offset = src.lineStart(line) + end - 1;
  let node: Node | null = root.descendantForIndex(offset, offset);
  if (node?.type === 'comment' && node.startPosition.row === line) return node;
  if (text[end - 1] === '\\') return undefined;
  for (; node; node = node.parent) {
    if (node.type === 'string' && node.endPosition.row > line) return undefined;
  }
  return null;
}

function mergeList(list: string, code: string): string {
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  return [...items, code].join(', ');
}

export function lineSuppression(finding: Finding, file: FixFile): Fix | null {
  const { src } = file;
  let line = finding.range.start.line;
  if (line >= src.lineCount) return null;
  let comment = trailingComment(file, line);
  // A backslash continuation, or a string running on: the comment goes where the logical line ends
  // (a pragma there covers the lines above it that cannot end in one, as Ruff's `noqa` does).
  const at = (offset: number) => file.root.descendantForIndex(offset, offset);
  while (comment === undefined && line + 1 < src.lineCount && !canEndInComment(src.text, at, src.lineStarts, line)) {
    line++;
    comment = trailingComment(file, line);
  }
  if (comment === undefined) return null;
  let edit: TextEdit;
  const m = comment ? LINE_PRAGMA.exec(comment.text) : null;
  if (comment && m) {
    if (m[1] === undefined) return null; // a bare `ignore` already suppresses every rule
    const listStart = comment.startIndex + m.index + m[0].indexOf('[') + 1;
    edit = src.edit(listStart, listStart + m[2].length, mergeList(m[2], finding.code));
  } else {
    const text = src.lineText(line);
    const end = src.lineStart(line) + text.replace(/\s+$/, '').length;
    edit = src.edit(end, src.lineEnd(line), `  # threadlint: ignore[${finding.code}]`);
  }
  return {
    title: `Suppress ${finding.code} on this line`,
    safety: 'safe',
    kind: 'suppression',
    edits: fileEdits(file, [edit]),
  };
}

export function fileSuppression(finding: Finding, file: FixFile): Fix | null {
  const { src, root } = file;
  for (const comment of root.descendantsOfType('comment')) {
    if (!comment) continue;
    const m = FILE_PRAGMA.exec(comment.text);
    if (!m) continue;
    if (m[1] === undefined) return null;
    const listStart = comment.startIndex + m.index + m[0].indexOf('[') + 1;
    return {
      title: `Suppress ${finding.code} in this file`,
      safety: 'safe',
      kind: 'suppression',
      edits: fileEdits(file, [src.edit(listStart, listStart + m[2].length, mergeList(m[2], finding.code))]),
    };
  }
  // After a shebang and an encoding declaration (which must stay on the first two lines).
  let line = 0;
  while (line < Math.min(2, src.lineCount - 1)) {
    const text = src.lineText(line);
    if ((line === 0 && text.startsWith('#!')) || /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(text)) line++;
    else break;
  }
  const at = src.lineStart(line);
  const newText = `# threadlint: ignore-file[${finding.code}]${src.eol}`;
  return {
    title: `Suppress ${finding.code} in this file`,
    safety: 'safe',
    kind: 'suppression',
    edits: fileEdits(file, [src.insert(at, newText)]),
  };
}
