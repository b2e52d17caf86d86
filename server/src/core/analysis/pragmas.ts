/**
 * Suppression pragmas of a file: `# threadlint: ignore[...]`, `# threadlint: ignore-file[...]`
 * and `# noqa[: ...]`, read from comments (never from strings), and the lines a line pragma
 * covers: its own and those above it that cannot end in a comment (canEndInComment(), shared
 * with the suppress fix that writes a pragma where it counts).
 */
import type { Node } from 'web-tree-sitter';
import type { Pragmas } from './summary';

const PRAGMA = /#\s*(?:threadlint:\s*(ignore-file|ignore)(?:\[([^\]]*)\])?|noqa(?::\s*([A-Za-z0-9_, -]+))?)/g;

/** Finds `# threadlint: ignore[...]`, `# threadlint: ignore-file[...]` and `# noqa[: ...]` comments. */
export function parsePragmas(source: string, inComment: (offset: number) => boolean = () => true): Pragmas {
  const pragmas: Pragmas = { lines: {}, file: [] };
  if (!source.includes('threadlint') && !source.includes('noqa')) return pragmas;
  PRAGMA.lastIndex = 0;
  let line = 0;
  let lineStart = 0;
  for (let m = PRAGMA.exec(source); m; m = PRAGMA.exec(source)) {
    while (true) {
      const nl = source.indexOf('\n', lineStart);
      if (nl < 0 || nl >= m.index) break;
      line++;
      lineStart = nl + 1;
    }
    // (`"SELECT 1  # noqa"` in a string is not a pragma.)
    if (!inComment(m.index)) continue;
    const list = m[2] ?? m[3];
    const selectors = list === undefined ? ['*'] : list.split(',').map((s) => s.trim()).filter(Boolean);
    if (m[1] === 'ignore-file') pragmas.file.push(...(selectors.length ? selectors : ['*']));
    else (pragmas.lines[line] ??= []).push(...(selectors.length ? selectors : ['*']));
  }
  return pragmas;
}

/**
 * The file's pragmas, from comments only (not a `# noqa` inside a string). A line pragma also
 * covers the lines above it that cannot end in a comment (a backslash continuation, or a line that
 * ends inside a string running on), as Ruff's `noqa` does: the comment goes where the logical line
 * ends, and counts for a finding that starts on any of its lines.
 */
export function pragmasOf(source: string, root: Node, replace?: Node): Pragmas {
  // The node at an offset: in the function typed in (CollectInput.replace), from its own tree.
  const at = (offset: number): Node | null =>
    replace !== undefined && offset >= replace.startIndex && offset < replace.endIndex ? replace.descendantForIndex(offset, offset) : root.descendantForIndex(offset, offset);
  // Not inside a string (runs of comment lines are hidden from the parser, commentRuns.ts: a
  // pragma there has no comment node of its own).
  const pragmas = parsePragmas(source, (offset) => {
    for (let node: Node | null = at(offset); node; node = node.parent) {
      if (node.type === 'comment') return true;
      if (node.type === 'string') return false;
    }
    return true;
  });
  const rows = Object.keys(pragmas.lines);
  if (rows.length === 0) return pragmas;
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  for (const key of rows) {
    const selectors = pragmas.lines[Number(key)];
    for (let row = Number(key) - 1; row >= 0 && !canEndInComment(source, at, starts, row); row--) {
      const have = (pragmas.lines[row] ??= []);
      for (const sel of selectors) if (!have.includes(sel)) have.push(sel);
    }
  }
  return pragmas;
}

/** Whether a comment can end this row: it is not a backslash continuation and does not end inside a string that runs on. */
export function canEndInComment(source: string, at: (offset: number) => Node | null, starts: number[], row: number): boolean {
  const end = (starts[row + 1] ?? source.length + 1) - 1;
  let last = end - 1;
  while (last >= starts[row] && (source[last] === ' ' || source[last] === '\t' || source[last] === '\r')) last--;
  if (last >= starts[row] && source[last] === '\\') return at(last)?.type === 'comment';
  // (A blank row inside a string that runs on cannot hold a comment either.)
  const probe = last >= starts[row] ? last : starts[row];
  for (let node: Node | null = at(probe); node; node = node.parent) {
    if (node.type === 'comment') return true;
    if (node.type === 'string' && node.endPosition.row > row) return false;
  }
  return true;
}
