/**
 * Template node state → `context.render_context` (TL008 in `Node.render`):
 * Django parses a template once and renders the same Node objects on many
 * threads, so per-render values belong in `context.render_context`, which is
 * private to one rendering of one template. `self.x = v` in `render(self,
 * context)` becomes `context.render_context[self, "x"] = v` and reads of
 * `self.x` there become `context.render_context.get((self, "x"), <initial>)`,
 * the initial value being what `__init__` assigned (an immutable literal) or
 * None.
 *
 * Offered only when `self.x` is used nowhere but in `render` (and assigned an
 * immutable literal in `__init__`, or not at all) and `.x` appears on no other
 * object of the file. Unsafe: a value set by one render is no longer seen by
 * the next one (the point), and subclasses reading `self.x` would miss it.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix, TextEdit } from '../types';
import { fileEdits, type FixEnv, type FixFile } from './context';
import { descendants, enclosingClass, enclosingFunction, enclosingQuotes, enclosingStatement, isImmutableLiteral, literalFor, nodeAt, ownsLines, quoted } from './python';

function params(fn: Node): string[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? [])
    .filter((p): p is Node => p !== null)
    .map((p) => (p.type === 'identifier' ? p.text : p.type === 'typed_parameter' ? p.namedChildren[0]?.text ?? '' : ''));
}

export function renderContextFixes(file: FixFile, _env: FixEnv): Map<Finding, Fix[]> {
  const out = new Map<Finding, Fix[]>();
  const cache = new Map<string, Fix | null>();
  for (const f of file.findings) {
    if (f.code !== 'TL008' || !/template node/i.test(f.message)) continue;
    const node = nodeAt(file.root, file.src, f.range);
    const assignment = node?.type === 'expression_statement' ? node.namedChildren[0] : node;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'attribute') continue;
    const render = enclosingFunction(assignment);
    if (!render || render.childForFieldName('name')?.text !== 'render') continue;
    const cls = enclosingClass(render);
    if (!cls) continue;
    const attr = left.childForFieldName('attribute')?.text ?? '';
    const key = `${render.startIndex}:${attr}`;
    if (!cache.has(key)) cache.set(key, build(file, cls, render, attr));
    const fix = cache.get(key);
    if (fix) out.set(f, [fix]);
  }
  return out;
}

function build(file: FixFile, cls: Node, render: Node, attr: string): Fix | null {
  const { src, root } = file;
  const [self, context] = params(render);
  if (!self || !context) return null;
  let initialNode: Node | null = null;
  const inRender: Node[] = [];
  let initStmt: Node | null = null;
  for (const a of descendants(root, 'attribute')) {
    if (a.childForFieldName('attribute')?.text !== attr) continue;
    const fn = enclosingFunction(a);
    const obj = a.childForFieldName('object');
    if (fn && fn.equals(render) && obj?.text === self) {
      inRender.push(a);
      continue;
    }
    // Nested functions inside render see the same `self` and `context`.
    let outer = fn;
    while (outer && !outer.equals(render)) outer = enclosingFunction(outer);
    if (outer && obj?.text === self) {
      inRender.push(a);
      continue;
    }
    if (fn && fn.childForFieldName('name')?.text === '__init__' && enclosingClass(fn)?.equals(cls) && obj?.text === params(fn)[0]) {
      const assignment = a.parent;
      const value = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.equals(a) ? assignment.childForFieldName('right') : null;
      const stmt = assignment ? enclosingStatement(assignment) : null;
      if (!value || !isImmutableLiteral(value, src) || initStmt || !stmt || stmt.type !== 'expression_statement' || !ownsLines(src, stmt)) return null;
      initialNode = value;
      initStmt = stmt;
      continue;
    }
    return null;
  }
  const store = `${context}.render_context`;
  const edits: TextEdit[] = [];
  for (const a of inRender) {
    // Inside an f-string replacement field, use the other quote (before Python 3.12 the same one ends the string).
    const name = quoted(attr, enclosingQuotes(a));
    if (!name) return null;
    const key = `${self}, ${name}`;
    const parent = a.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.equals(a)) {
      edits.push(src.edit(a.startIndex, a.endIndex, `${store}[${key}]`));
    } else if (parent?.type === 'augmented_assignment' && parent.childForFieldName('left')?.equals(a)) {
      return null;
    } else if (parent?.type === 'delete_statement') {
      return null;
    } else {
      const init = initialNode ? literalFor(initialNode, enclosingQuotes(a)) : 'None';
      if (init === null) return null;
      edits.push(src.edit(a.startIndex, a.endIndex, `${store}.get((${key}), ${init})`));
    }
  }
  if (initStmt) {
    // The value now lives per render; __init__ no longer needs it. Keep the line if removing it would empty the body.
    const block = initStmt.parent;
    const others = block?.namedChildren.filter((c) => c && c.type !== 'comment' && !c.equals(initStmt!)) ?? [];
    if (others.length > 0) edits.push(src.edit(src.lineStart(initStmt.startPosition.row), src.nextLineStart(initStmt.endPosition.row), ''));
    // Kept: the copied initial value must not be rewritten by another fix applied with this one.
    else if (initialNode) edits.push(src.edit(initialNode.startIndex, initialNode.endIndex, initialNode.text));
  }
  return {
    title: `Keep \`${self}.${attr}\` in \`${store}\` (one value per render)`,
    safety: 'unsafe',
    isPreferred: true,
    edits: fileEdits(file, edits),
  };
}
