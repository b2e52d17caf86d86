/**
 * Mutable default → `None` sentinel (TL004): the default becomes `None` and
 * the body starts (after its docstring) with `if arg is None: arg = <the old
 * default>`. Every mutated mutable default of the function that is reported is
 * converted by the same fix, so fix-all makes one edit per function.
 *
 * Unsafe: a caller that omits the argument now gets a fresh object on every
 * call, so whatever accumulated in the shared default across calls no longer
 * does, and a caller passing `None` explicitly now gets the default.
 *
 * Offered only when the default names nothing but builtins and module-level
 * imports (`[]`, `{}`, `set()`, `collections.deque(maxlen=5)`): names are looked
 * up again at each call in the body, where a parameter, a class-body name or a
 * loop variable of the definition would mean something else. The new lines go
 * after the body's leading `global`/`nonlocal` statements.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix, TextEdit } from '../types';
import { fileEdits, type FixEnv, type FixFile } from './context';
import { blockTop } from './lock';
import { insideString, nodeAt, statementsOf } from './python';

/** Builtins a default may call and still mean the same thing in the body. */
const SAFE_BUILTINS = new Set(['list', 'dict', 'set', 'bytearray', 'frozenset', 'tuple', 'str', 'int', 'float', 'bool', 'bytes', 'object', 'True', 'False', 'None']);

/** Names the file imports at module level (`import collections`, `from collections import deque`). */
function moduleImports(root: Node): Set<string> {
  const names = new Set<string>();
  for (const stmt of root.namedChildren) {
    if (stmt?.type !== 'import_statement' && stmt?.type !== 'import_from_statement') continue;
    for (const c of stmt.namedChildren) {
      if (c === null || (stmt.type === 'import_from_statement' && c.equals(stmt.childForFieldName('module_name')!))) continue;
      if (c.type === 'dotted_name') names.add(c.namedChildren[0]?.text ?? '');
      else if (c.type === 'aliased_import') names.add(c.childForFieldName('alias')?.text ?? '');
    }
  }
  return names;
}

/** Whether every name the default reads means the same at each call of `fn` as where it is defined. */
function sameInBody(value: Node, fn: Node, imports: Set<string>): boolean {
  const params = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    if (name) params.add(name.text);
  }
  for (const id of value.descendantsOfType('identifier')) {
    if (id === null) continue;
    const parent = id.parent;
    // `collections.deque`: only the first name is looked up; `deque(maxlen=5)`: a keyword is no name.
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(id)) continue;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(id)) continue;
    if (params.has(id.text) || !(SAFE_BUILTINS.has(id.text) || imports.has(id.text))) return false;
  }
  return true;
}

interface Param {
  name: string;
  value: Node;
}

/** The default-parameter a TL004 finding's related location (the default value) belongs to. */
function paramOf(finding: Finding, file: FixFile): { fn: Node; param: Param } | null {
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const value = nodeAt(file.root, file.src, r.range);
    const param = value?.parent;
    if (!value || !param || (param.type !== 'default_parameter' && param.type !== 'typed_default_parameter')) continue;
    if (!param.childForFieldName('value')?.equals(value)) continue;
    const name = param.childForFieldName('name');
    const fn = param.parent?.parent;
    if (name?.type !== 'identifier' || fn?.type !== 'function_definition') continue;
    return { fn, param: { name: name.text, value } };
  }
  return null;
}

export function sentinelFixes(file: FixFile, _env: FixEnv): Map<Finding, Fix[]> {
  const byFn = new Map<number, { fn: Node; params: Map<string, Param>; findings: Finding[] }>();
  for (const f of file.findings) {
    if (f.code !== 'TL004') continue;
    const found = paramOf(f, file);
    if (!found) continue;
    let entry = byFn.get(found.fn.startIndex);
    if (!entry) byFn.set(found.fn.startIndex, (entry = { fn: found.fn, params: new Map(), findings: [] }));
    entry.params.set(found.param.name, found.param);
    entry.findings.push(f);
  }
  const out = new Map<Finding, Fix[]>();
  const { src } = file;
  let imports: Set<string> | undefined;
  for (const { fn, params, findings } of byFn.values()) {
    imports ??= moduleImports(file.root);
    if (![...params.values()].every((p) => sameInBody(p.value, fn, imports!))) continue;
    const found = blockTop(file, fn);
    if (!found) continue;
    // After `global hits` and `nonlocal seen` at the top of the body (a name used before its `global` is an error).
    let top = found;
    for (const stmt of statementsOf(fn.childForFieldName('body')!)) {
      if (stmt.startIndex < top.at) continue;
      if (stmt.type !== 'global_statement' && stmt.type !== 'nonlocal_statement') break;
      const next = src.nextLineStart(stmt.endPosition.row);
      const rest = src.text.slice(stmt.endIndex, next).trim();
      if (stmt.startPosition.row !== stmt.endPosition.row || (rest !== '' && !rest.startsWith('#'))) {
        top = { at: -1, indent: top.indent };
        break;
      }
      top = { at: next, indent: top.indent };
    }
    if (top.at < 0) continue;
    const unit = top.indent.startsWith('\t') ? '\t' : stepFor(file, fn, top.indent);
    if (!unit) continue;
    const ordered = [...params.values()].sort((a, b) => a.value.startIndex - b.value.startIndex);
    const edits: TextEdit[] = [];
    let body = '';
    for (const p of ordered) {
      edits.push(src.edit(p.value.startIndex, p.value.endIndex, 'None'));
      body += `${top.indent}if ${p.name} is None:${src.eol}${top.indent}${unit}${p.name} = ${reindented(file, p.value, `${top.indent}${unit}`, `${p.name} = `)}${src.eol}`;
    }
    edits.push(src.insert(top.at, body));
    const names = ordered.map((p) => `\`${p.name}\``).join(', ');
    const fix: Fix = {
      title: `Use \`None\` as the default of ${names} and create the value in the body`,
      safety: 'unsafe',
      isPreferred: true,
      edits: fileEdits(file, edits),
    };
    for (const f of findings) out.set(f, [fix]);
  }
  return out;
}

/**
 * The value's text for a line indented by `indent`, after `prefix` (`name = `): continuation lines
 * (of a multi-line literal) move by as much as the first line's indentation does, or, where they
 * line up with the opening bracket (`{"a": 1,` then `"b": 2}` below the `"a"`), by as much as the
 * bracket moves, so they stay lined up; lines inside strings stay as they are.
 */
function reindented(file: FixFile, value: Node, indent: string, prefix: string): string {
  const { src, root } = file;
  const first = value.startPosition.row;
  const last = value.endPosition.row;
  if (first === last) return value.text;
  const original = src.indentOf(first);
  const rows: number[] = [];
  for (let row = first + 1; row <= last; row++) if (!src.isBlank(row) && !insideString(root, src.lineStart(row))) rows.push(row);
  const head = src.text.slice(value.startIndex, src.lineEnd(first)).replace(/#.*$/, '').trim();
  // Visual indentation: something follows the opening bracket on the first line.
  const visual = /^[[({]/.test(head) && head.length > 1 && rows.every((row) => src.indentOf(row).length > value.startPosition.column);
  let shift: (line: string) => string;
  if (visual) {
    const delta = indent.length + prefix.length - value.startPosition.column;
    if (delta < 0 && !rows.every((row) => /^ +$/.test(src.indentOf(row)) && src.indentOf(row).length + delta > indent.length)) return value.text;
    shift = (line) => (delta >= 0 ? ' '.repeat(delta) + line : line.slice(-delta));
  } else {
    if (!indent.startsWith(original)) return value.text;
    const extra = indent.slice(original.length);
    shift = (line) => extra + line;
  }
  let out = src.text.slice(value.startIndex, src.lineStart(first + 1));
  for (let row = first + 1; row <= last; row++) {
    const start = src.lineStart(row);
    const end = row === last ? value.endIndex : src.lineStart(row + 1);
    const line = src.text.slice(start, end);
    out += rows.includes(row) ? shift(line) : line;
  }
  return out;
}

function stepFor(file: FixFile, fn: Node, bodyIndent: string): string | null {
  const outer = file.src.indentOf(fn.startPosition.row);
  if (bodyIndent.startsWith(outer) && bodyIndent.length > outer.length) return bodyIndent.slice(outer.length);
  return null;
}
