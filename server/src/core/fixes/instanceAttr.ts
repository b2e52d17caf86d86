/**
 * Class attribute → instance attribute (TL003): a mutable class attribute that
 * is only used through `self` moves into `__init__` (created when absent, with
 * `*args, **kwargs` passed on to `super().__init__` when the class has bases),
 * so each instance gets its own object.
 *
 * Refused when the attribute is used through the class (`cls.x`, `Cls.x`),
 * when a subclass defines it, when its value names anything but builtin
 * constructors (the class scope is not visible in `__init__`), and for classes
 * whose `__init__` is generated or special (decorated classes such as
 * dataclasses, `__slots__`, `__new__`, enums, named tuples, typed dicts).
 *
 * Unsafe: changes no longer carry over between instances (the point), and
 * code reading `Cls.x` would break.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix, TextEdit } from '../types';
import { classIndexOf, fileEdits, type FixEnv, type FixFile } from './context';
import { blockTop } from './lock';
import { descendants, docstringOf, enclosingClass, enclosingFunction, enclosingStatement, nodeAt, ownsLines, statementsOf } from './python';

const SPECIAL_BASES = /(^|\.)(Enum|IntEnum|StrEnum|Flag|IntFlag|NamedTuple|TypedDict|Protocol|Model|Form|ModelForm|Serializer|ModelSerializer|BaseModel|Exception|BaseException)$/;
const CONSTRUCTORS = new Set(['list', 'dict', 'set', 'bytearray', 'defaultdict', 'OrderedDict', 'Counter', 'deque', 'collections']);

function classAttrDef(finding: Finding, file: FixFile): { cls: Node; stmt: Node; name: string; value: Node } | null {
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const id = nodeAt(file.root, file.src, r.range);
    if (id?.type !== 'identifier') continue;
    const assignment = id.parent;
    if (assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(id)) continue;
    const stmt = enclosingStatement(id);
    const cls = enclosingClass(id);
    if (!stmt || !cls || !stmt.parent?.parent?.equals(cls) || stmt.type !== 'expression_statement') continue;
    const value = assignment.childForFieldName('right');
    if (!value || value.type === 'assignment') continue;
    return { cls, stmt, name: id.text, value };
  }
  return null;
}

function selfName(fn: Node): string {
  const first = fn.childForFieldName('parameters')?.namedChildren[0];
  return first?.type === 'identifier' ? first.text : '';
}

function isPlainMethod(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  if (decorated?.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*(classmethod|staticmethod)\b/.test(d.text))) return false;
  const name = fn.childForFieldName('name')?.text;
  return name !== '__new__' && name !== '__init_subclass__' && name !== '__class_getitem__';
}

/** The value only builds a fresh container from literals (it can be evaluated in `__init__`). */
function portableValue(value: Node): boolean {
  for (const id of descendants(value, 'identifier')) {
    const p = id.parent;
    const isCallee = p?.type === 'call' && p.childForFieldName('function')?.equals(id);
    const isModule = p?.type === 'attribute' && p.childForFieldName('object')?.equals(id) && p.parent?.type === 'call';
    if (!(CONSTRUCTORS.has(id.text) && (isCallee || isModule)) && !(p?.type === 'attribute' && p.childForFieldName('attribute')?.equals(id))) return false;
  }
  return true;
}

export function instanceAttrFixes(file: FixFile, env: FixEnv): Map<Finding, Fix[]> {
  const out = new Map<Finding, Fix[]>();
  const done = new Map<string, Fix | null>();
  for (const f of file.findings) {
    if (f.code !== 'TL003') continue;
    const def = classAttrDef(f, file);
    if (!def) continue;
    const key = `${def.cls.startIndex}:${def.name}`;
    if (!done.has(key)) done.set(key, build(def, file, env));
    const fix = done.get(key);
    if (fix) out.set(f, [fix]);
  }
  return out;
}

function build(def: { cls: Node; stmt: Node; name: string; value: Node }, file: FixFile, env: FixEnv): Fix | null {
  const { src, root } = file;
  const { cls, stmt, name, value } = def;
  const clsName = cls.childForFieldName('name')?.text ?? '';
  const body = cls.childForFieldName('body');
  if (!body || !ownsLines(src, stmt) || !portableValue(value)) return null;
  if (cls.parent?.type === 'decorated_definition') return null;
  // A class nested in another (a serializer's `Meta`) is never instantiated: its `__init__` would never run.
  if (enclosingClass(cls)) return null;
  const supers = cls.childForFieldName('superclasses');
  const bases = (supers?.namedChildren ?? []).filter((b): b is Node => b !== null);
  if (bases.some((b) => b.type === 'keyword_argument' || SPECIAL_BASES.test(b.text) || b.type === 'list_splat' || b.type === 'dictionary_splat')) return null;
  const members = statementsOf(body);
  const methods = members.map((m) => (m.type === 'decorated_definition' ? m.childForFieldName('definition') : m)).filter((m): m is Node => m?.type === 'function_definition');
  const memberNames = new Set<string>();
  for (const m of members) {
    const a = m.type === 'expression_statement' ? m.namedChildren[0] : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (left?.type === 'identifier') memberNames.add(left.text);
  }
  for (const m of methods) memberNames.add(m.childForFieldName('name')?.text ?? '');
  if (memberNames.has('__slots__') || memberNames.has('__new__')) return null;
  // Assigned twice in the class body: not a simple default.
  if (members.filter((m) => m.type === 'expression_statement' && m.namedChildren[0]?.type === 'assignment' && m.namedChildren[0]?.childForFieldName('left')?.text === name).length !== 1) return null;

  // Every `<x>.name` in the file must be `self.name` inside a plain method of this class, or on an unrelated object.
  for (const attr of descendants(root, 'attribute')) {
    if (attr.childForFieldName('attribute')?.text !== name) continue;
    const obj = attr.childForFieldName('object');
    const fn = enclosingFunction(attr);
    const owner = fn ? enclosingClass(fn) : null;
    if (owner?.equals(cls) && fn && isPlainMethod(fn) && obj?.text === selfName(fn)) continue;
    if (obj?.text === clsName || obj?.text === 'cls' || obj?.text.startsWith('type(') || obj?.text === '__class__' || obj?.text.endsWith('.__class__')) return null;
    if (fn && owner && !owner.equals(cls) && obj?.text === selfName(fn)) {
      // A subclass using self.name is fine; a subclass defining it in its body is not (checked below).
      continue;
    }
  }
  // Subclasses (in this file and the workspace) must not define the attribute themselves.
  for (const other of root.descendantsOfType('class_definition')) {
    if (!other || other.equals(cls)) continue;
    const otherBases = other.childForFieldName('superclasses')?.namedChildren ?? [];
    if (!otherBases.some((b) => b?.text === clsName || b?.text.endsWith(`.${clsName}`))) continue;
    const otherBody = other.childForFieldName('body');
    if (otherBody && statementsOf(otherBody).some((m) => m.type === 'expression_statement' && m.namedChildren[0]?.type === 'assignment' && m.namedChildren[0]?.childForFieldName('left')?.text === name)) return null;
  }
  const summary = file.summary;
  const idx = classIndexOf(summary, cls);
  if (summary && idx >= 0) {
    const canonical = `${summary.module}.${summary.classes[idx].qualname}`;
    for (const s of env.summaries) {
      if (s.classes.some((c) => c.bases.includes(canonical) && Object.hasOwn(c.attrs, name))) return null;
      if (s.path !== file.path && s.accesses.some((a) => a.target.t === 'chain' && a.target.chain === `${canonical}.${name}`)) return null;
      if (s.path !== file.path && s.refs.some((r) => r.chain === `${canonical}.${name}`)) return null;
    }
  }

  // Remove the attribute's lines, and a blank line after them when a blank line or the header is above.
  let removeEnd = src.nextLineStart(stmt.endPosition.row);
  const below = stmt.endPosition.row + 1;
  const above = stmt.startPosition.row - 1;
  if (below < src.lineCount && src.isBlank(below) && (above <= cls.startPosition.row || src.isBlank(above))) removeEnd = src.nextLineStart(below);
  const edits: TextEdit[] = [src.edit(src.lineStart(stmt.startPosition.row), removeEnd, '')];
  // `stack = []  # states entered so far`: the comment moves with the attribute.
  const trailing = src.text.slice(stmt.endIndex, src.nextLineStart(stmt.endPosition.row)).trim();
  const comment = trailing.startsWith('#') ? `  ${trailing}` : '';
  const init = methods.find((m) => m.childForFieldName('name')?.text === '__init__');
  // `__init__ = object.__init__` (or any other binding of the name in the body): no second one.
  if (!init && memberNames.has('__init__')) return null;
  if (init) {
    const top = blockTop(file, init);
    const self = selfName(init);
    if (!top || !self) return null;
    edits.push(src.insert(top.at, `${top.indent}${self}.${name} = ${value.text}${comment}${src.eol}`));
  } else {
    const first = members[0];
    if (!first || first.startPosition.row === cls.startPosition.row) return null;
    const indent = src.indentOf(first.startPosition.row);
    const classIndent = src.indentOf(cls.startPosition.row);
    const unit = indent.startsWith(classIndent) && indent.length > classIndent.length ? indent.slice(classIndent.length) : null;
    if (!unit) return null;
    const hasBases = bases.some((b) => b.text !== 'object');
    const sig = hasBases ? 'self, *args, **kwargs' : 'self';
    const lines = [`${indent}def __init__(${sig}):`, `${indent}${unit}self.${name} = ${value.text}${comment}`];
    if (hasBases) lines.push(`${indent}${unit}super().__init__(*args, **kwargs)`);
    const firstMethod = members.find((m) => m.type === 'function_definition' || m.type === 'decorated_definition');
    const eol = src.eol;
    if (firstMethod) {
      // Before the first method and the comments right above it.
      let row = firstMethod.startPosition.row;
      while (row - 1 > stmt.endPosition.row && /^[ \t]*#/.test(src.lineText(row - 1))) row--;
      edits.push(src.insert(src.lineStart(row), `${lines.join(eol)}${eol}${eol}`));
    } else {
      const last = members[members.length - 1];
      const docOnly = members.every((m) => m.equals(stmt) || m.equals(docstringOf(body) ?? stmt));
      if (docOnly && members.length === 1) {
        // The attribute was the whole body: __init__ takes its place.
        edits[0] = src.edit(src.lineStart(stmt.startPosition.row), src.nextLineStart(stmt.endPosition.row), `${lines.join(eol)}${eol}`);
      } else {
        const at = src.nextLineStart(last.endPosition.row);
        const prefix = at === src.text.length && !src.text.endsWith('\n') ? eol : '';
        edits.push(src.insert(at, `${prefix}${eol}${lines.join(eol)}${eol}`));
      }
    }
  }
  return {
    title: `Make \`${name}\` an instance attribute, created in \`__init__\``,
    safety: 'unsafe',
    isPreferred: true,
    edits: fileEdits(file, edits),
  };
}
