/**
 * Per-thread / per-context state for a module global rebound at run time
 * (TL001) or holding request data (TL007):
 *
 * - threading.local: the global's definition goes, a module-level
 *   `threading.local()` is reused or created, writes become `_local.NAME = v`
 *   and reads `getattr(_local, "NAME", <initial value>)`;
 * - ContextVar: `NAME = ContextVar("NAME", default=<initial value>)`, writes
 *   become `NAME.set(v)` and reads `NAME.get()` (preferred when the name is
 *   used in `async def` code, where threading.local is shared by coroutines).
 *
 * Every use of the name in the module is rewritten, following Python's scope
 * rules (a function that binds the name without `global` has its own local;
 * closures see their enclosing function's). The fix is refused when another
 * scanned file imports the name, when `__all__` exports it, when the initial
 * value is not an immutable literal, or when a use cannot be rewritten (del,
 * `+=`, walrus, `nonlocal`, a class body binding it, ...), and when some
 * write of the name is made under a lock (the value is shared on purpose).
 *
 * Unsafe: other threads (and, for ContextVar, other contexts) no longer see the
 * value, which is the point, but code relying on a process-wide value breaks.
 */
import type { Node } from 'web-tree-sitter';
import { own } from '../analysis/summary';
import type { Finding, Fix, TextEdit } from '../types';
import { ensureMember, exportedByAll, fileEdits, usedElsewhere, type FixEnv, type FixFile } from './context';
import { descendants, enclosingQuotes, importInsertOffset, isImmutableLiteral, literalFor, nameIsFree, nodeAt, ownsLines, quoted } from './python';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const TARGET_LISTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'parenthesized_expression']);

type Use =
  | { kind: 'read'; node: Node; async: boolean }
  | { kind: 'write'; node: Node; async: boolean; simple: Node | null }
  | { kind: 'global'; node: Node };

class Refuse extends Error {}

/** The scope an occurrence belongs to: the innermost function/lambda/class/comprehension, respecting where defaults, decorators and the first iterable are evaluated. */
function scopeOf(node: Node): Node | null {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (!SCOPES.has(n.type)) continue;
    if (n.type === 'function_definition') {
      const body = n.childForFieldName('body');
      const params = n.childForFieldName('parameters');
      if (body?.equals(child)) return n;
      if (params?.equals(child)) {
        // Parameter names belong to the function; defaults and annotations to the enclosing scope.
        if (isParamName(node)) return n;
        continue;
      }
      continue; // name, decorators, return annotation
    }
    if (n.type === 'lambda') {
      const params = n.childForFieldName('parameters');
      if (params?.equals(child) && !isParamName(node)) continue;
      return n;
    }
    if (n.type === 'class_definition') {
      if (n.childForFieldName('body')?.equals(child)) return n;
      continue;
    }
    // Comprehension: the first `for ... in <iterable>` is evaluated outside.
    const firstFor = n.namedChildren.find((c) => c?.type === 'for_in_clause');
    if (firstFor && firstFor.equals(child) && firstFor.childForFieldName('right')?.equals(node)) continue;
    if (firstFor && firstFor.equals(child)) {
      const right = firstFor.childForFieldName('right');
      if (right && node.startIndex >= right.startIndex && node.endIndex <= right.endIndex) continue;
    }
    return n;
  }
  return null;
}

function isParamName(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'parameters' || p.type === 'lambda_parameters') return true;
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.equals(id) ?? false;
  if (p.type === 'typed_parameter') return p.namedChildren[0]?.equals(id) ?? false;
  if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') return isParamName(p);
  return false;
}

/** How an identifier occurrence uses its name. */
function roleOf(id: Node): 'skip' | 'read' | 'write' | 'param' | 'refuse' | 'global' | 'nonlocal' {
  const p = id.parent;
  if (!p) return 'read';
  switch (p.type) {
    case 'attribute':
      return p.childForFieldName('attribute')?.equals(id) ? 'skip' : 'read';
    case 'keyword_argument':
      return p.childForFieldName('name')?.equals(id) ? 'skip' : 'read';
    case 'dotted_name':
    case 'aliased_import':
    case 'import_statement':
    case 'import_from_statement':
      return 'refuse';
    case 'global_statement':
      return 'global';
    case 'nonlocal_statement':
      return 'nonlocal';
    case 'function_definition':
    case 'class_definition':
      return p.childForFieldName('name')?.equals(id) ? 'refuse' : 'read';
    case 'named_expression':
      return p.childForFieldName('name')?.equals(id) ? 'refuse' : 'read';
    case 'augmented_assignment':
      return p.childForFieldName('left')?.equals(id) ? 'refuse' : 'read';
    case 'delete_statement':
      return 'refuse';
    case 'as_pattern_target':
      return 'write';
    case 'assignment':
      return p.childForFieldName('left')?.equals(id) ? 'write' : 'read';
    case 'for_statement':
    case 'for_in_clause':
      return p.childForFieldName('left')?.equals(id) ? (p.type === 'for_in_clause' ? 'refuse' : 'write') : 'read';
    case 'case_pattern':
    case 'keyword_pattern':
    case 'splat_pattern':
    case 'dict_pattern':
      return 'refuse';
    default:
      break;
  }
  if (isParamName(id)) return 'param';
  if (p.type === 'as_pattern') {
    // except E as X / with f() as X
    const alias = p.childForFieldName('alias');
    if (alias && (alias.equals(id) || alias.namedChildren.some((c) => c?.equals(id)))) {
      return p.parent?.type === 'with_item' ? 'write' : 'refuse';
    }
  }
  if (TARGET_LISTS.has(p.type)) {
    // Inside a target list: a write when the list is an assignment/for target.
    let n: Node = p;
    while (n.parent && TARGET_LISTS.has(n.parent.type)) n = n.parent;
    const holder = n.parent;
    if (holder?.type === 'assignment' && holder.childForFieldName('left')?.equals(n)) return 'write';
    if (holder?.type === 'for_statement' && holder.childForFieldName('left')?.equals(n)) return 'write';
    if (holder?.type === 'for_in_clause' && holder.childForFieldName('left')?.equals(n)) return 'refuse';
    if (holder?.type === 'delete_statement' || holder?.type === 'augmented_assignment') return holder.type === 'delete_statement' ? 'refuse' : 'read';
  }
  return 'read';
}

function isAsync(fn: Node): boolean {
  return fn.type === 'function_definition' && fn.children[0]?.type === 'async';
}

/** Every use of module-global `name` in the module, or a Refuse. */
function globalUses(root: Node, name: string): Use[] {
  const ids = descendants(root, 'identifier').filter((n) => n.text === name);
  interface ScopeInfo { binds: boolean; global: boolean; nonlocal: boolean }
  const scopes = new Map<number, ScopeInfo>();
  const info = (scope: Node) => {
    let s = scopes.get(scope.id);
    if (!s) scopes.set(scope.id, (s = { binds: false, global: false, nonlocal: false }));
    return s;
  };
  const occurrences: { id: Node; scope: Node | null; role: ReturnType<typeof roleOf> }[] = [];
  for (const id of ids) {
    const role = roleOf(id);
    if (role === 'skip') continue;
    const scope = scopeOf(id);
    occurrences.push({ id, scope, role });
    if (!scope) continue;
    const s = info(scope);
    if (role === 'global') s.global = true;
    else if (role === 'nonlocal') s.nonlocal = true;
    else if (role === 'write' || role === 'param' || role === 'refuse') s.binds = true;
  }
  // The lexically enclosing scope of a scope node is the scope its definition sits in.
  const parentScope = (scope: Node): Node | null => scopeOf(scope);
  /** Whether a name used in `scope` refers to the module global. */
  const isGlobal = (scope: Node | null): boolean => {
    for (let s = scope; s; s = parentScope(s)) {
      const i = scopes.get(s.id);
      if (s.type === 'class_definition') {
        if (i?.binds) throw new Refuse('a class body binds the name');
        // Names in a class body that it does not bind come from the global scope (enclosing functions aside).
        continue;
      }
      if (!i) continue;
      if (i.nonlocal) throw new Refuse('nonlocal');
      if (i.global) return true;
      if (i.binds) return false;
    }
    return true;
  };
  const uses: Use[] = [];
  for (const o of occurrences) {
    if (o.role === 'global') {
      uses.push({ kind: 'global', node: o.id });
      continue;
    }
    if (o.role === 'nonlocal') continue;
    if (!isGlobal(o.scope)) continue;
    let fn: Node | null = o.scope;
    while (fn && fn.type !== 'function_definition') fn = scopeOf(fn);
    const inAsync = fn ? isAsync(fn) : false;
    if (o.role === 'refuse' || o.role === 'param') throw new Refuse(`cannot rewrite ${o.id.parent?.type}`);
    if (o.role === 'write') {
      const assignment = o.id.parent;
      const simple =
        assignment?.type === 'assignment' &&
        assignment.childForFieldName('left')?.equals(o.id) &&
        assignment.parent?.type === 'expression_statement' &&
        assignment.childForFieldName('right')?.type !== 'assignment' &&
        !assignment.childForFieldName('type')
          ? assignment
          : null;
      uses.push({ kind: 'write', node: o.id, async: inAsync, simple });
    } else {
      uses.push({ kind: 'read', node: o.id, async: inAsync });
    }
  }
  return uses;
}

/** Edits removing `name` from each `global` statement (the whole statement when it is the only name). */
function globalEdits(file: FixFile, uses: Use[], name: string): TextEdit[] {
  const { src } = file;
  const edits: TextEdit[] = [];
  for (const u of uses) {
    if (u.kind !== 'global') continue;
    const stmt = u.node.parent!;
    const names = stmt.namedChildren.filter((c): c is Node => c?.type === 'identifier');
    const rest = names.filter((n) => n.text !== name).map((n) => n.text);
    if (rest.length > 0) {
      edits.push(src.edit(stmt.startIndex, stmt.endIndex, `global ${rest.join(', ')}`));
      continue;
    }
    if (!ownsLines(src, stmt)) throw new Refuse('global statement shares its line');
    const block = stmt.parent;
    const others = block?.namedChildren.filter((c) => c && c.type !== 'comment' && !c.equals(stmt)) ?? [];
    if (others.length === 0) throw new Refuse('global statement alone in its block');
    edits.push(removeLines(file, stmt));
  }
  return edits;
}

/** The module-level `name = <immutable literal>` that defines the global, from the finding's related location. */
function definition(finding: Finding, file: FixFile, name: string): { stmt: Node; assignment: Node; value: Node } | null {
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const id = nodeAt(file.root, file.src, r.range);
    if (id?.type !== 'identifier' || id.text !== name) continue;
    const assignment = id.parent;
    if (assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(id)) return null;
    const stmt = assignment.parent;
    if (stmt?.type !== 'expression_statement' || stmt.parent?.type !== 'module') return null;
    const value = assignment.childForFieldName('right');
    if (!value || !isImmutableLiteral(value, file.src) || !ownsLines(file.src, stmt)) return null;
    return { stmt, assignment, value };
  }
  return null;
}

/** The name of the global a TL001/TL007 finding rebinds, when the finding is such a rebinding. */
function reboundName(finding: Finding, file: FixFile): string | null {
  const node = nodeAt(file.root, file.src, finding.range);
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'as_pattern_target' && node.namedChildren[0]?.type === 'identifier') return node.namedChildren[0].text;
  const inner = node.type === 'expression_statement' ? node.namedChildren[0] : node;
  if (inner?.type === 'assignment') {
    const left = inner.childForFieldName('left');
    if (left?.type === 'identifier') return left.text;
  }
  return null;
}

/**
 * A write of the global made while a lock is held: the code shares the value
 * between threads on purpose (a lazily built opener or client), and a lock
 * fix may just have made it so; one copy per thread would undo that.
 */
function lockedSomewhere(file: FixFile, name: string): boolean {
  const s = file.summary;
  if (!s) return false;
  const chains = new Set([name, `${s.module}.${name}`]);
  return s.accesses.some((a) => a.target.t === 'chain' && chains.has(a.target.chain) && a.held.length > 0);
}

/** An existing module-level `threading.local()` instance to reuse. */
function existingLocal(file: FixFile): string | null {
  const s = file.summary;
  for (const stmt of file.root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call' || right.childForFieldName('arguments')?.namedChildCount !== 0) continue;
    const callee = right.childForFieldName('function')?.text ?? '';
    // Any import form (`th.local()` after `import threading as th`): the summary says what it made.
    if (!/^([\w.]+\.)?local$/.test(callee)) continue;
    if (!s || own(s.defs, left.text)?.value.k !== 'threadlocal') continue;
    return left.text;
  }
  return null;
}

export function stateFixes(finding: Finding, file: FixFile, env: FixEnv): Fix[] {
  if (finding.code !== 'TL001' && finding.code !== 'TL007') return [];
  const name = reboundName(finding, file);
  if (!name) return [];
  const def = definition(finding, file, name);
  if (!def) return [];
  if (usedElsewhere(env, file, name) || exportedByAll(file.root, name) || lockedSomewhere(file, name)) return [];
  let uses: Use[];
  try {
    uses = globalUses(file.root, name);
  } catch (e) {
    if (e instanceof Refuse) return [];
    throw e;
  }
  const isDef = (n: Node) => n.equals(def.assignment.childForFieldName('left')!);
  // One module-level binding only: the definition.
  const moduleWrites = uses.filter((u) => u.kind === 'write' && !enclosingFunctionLike(u.node));
  if (moduleWrites.length !== 1 || !isDef(moduleWrites[0].node)) return [];
  const rest = uses.filter((u) => !(u.kind === 'write' && isDef(u.node)));
  const anyAsync = rest.some((u) => u.kind !== 'global' && u.async);
  const { src } = file;
  const initial = def.value.text;
  const out: Fix[] = [];
  let globals: TextEdit[];
  try {
    globals = globalEdits(file, rest, name);
  } catch (e) {
    if (e instanceof Refuse) return [];
    throw e;
  }

  // threading.local
  if (!anyAsync) {
    const reuse = existingLocal(file);
    let localName = reuse;
    const edits: TextEdit[] = [];
    if (!localName) {
      localName = ['_local', '_thread_local', '_local_state'].find((n) => nameIsFree(file.root, n)) ?? null;
      if (localName) {
        const at = importInsertOffset(file.root, src, def.stmt.startIndex);
        const factory = ensureMember(file, 'threading', 'local', at);
        // Set apart from the imports above it by a blank line.
        const afterImport = at > 0 && !src.isBlank(src.positionAt(at - 1).line) && /^\s*(import|from)\s/.test(src.lineText(src.positionAt(at - 1).line));
        edits.push(...factory.edits, src.insert(at, `${afterImport ? src.eol : ''}${localName} = ${factory.expr}()${src.eol}`));
      }
    }
    if (localName) {
      edits.push(removeLines(file, def.stmt));
      edits.push(...globals);
      for (const u of rest) {
        if (u.kind === 'write') edits.push(src.edit(u.node.startIndex, u.node.endIndex, `${localName}.${name}`));
        else if (u.kind === 'read') {
          const forbidden = enclosingQuotes(u.node);
          const key = quoted(name, forbidden);
          const init = literalFor(def.value, forbidden);
          if (key === null || init === null) {
            localName = null;
            break;
          }
          edits.push(src.edit(u.node.startIndex, u.node.endIndex, `getattr(${localName}, ${key}, ${init})`));
        }
      }
    }
    if (localName) {
      out.push({
        title: `Move \`${name}\` to threading.local (\`${localName}.${name}\`)`,
        safety: 'unsafe',
        isPreferred: true,
        edits: fileEdits(file, edits),
      });
    }
  }

  // ContextVar
  if (rest.every((u) => u.kind !== 'write' || u.simple)) {
    const cv = ensureMember(file, 'contextvars', 'ContextVar', def.stmt.startIndex, 'from');
    const annotation = def.assignment.childForFieldName('type');
    const head = annotation ? `${name}: ${cv.expr}[${annotation.text}]` : name;
    const edits: TextEdit[] = [...cv.edits, src.edit(def.assignment.startIndex, def.assignment.endIndex, `${head} = ${cv.expr}(${JSON.stringify(name)}, default=${initial})`)];
    edits.push(...globals);
    for (const u of rest) {
      if (u.kind === 'write' && u.simple) {
        const value = u.simple.childForFieldName('right')!;
        edits.push(src.edit(u.simple.startIndex, u.simple.endIndex, `${name}.set(${value.text})`));
      } else if (u.kind === 'read' && !insideSimpleWrite(u.node, rest)) {
        edits.push(src.edit(u.node.startIndex, u.node.endIndex, `${name}.get()`));
      }
    }
    // A read inside the value of a rewritten write is rewritten within that write's text instead.
    const fixed = rewriteNestedReads(file, edits, rest, name);
    if (fixed) {
      out.push({
        title: `Move \`${name}\` to a ContextVar (\`${name}.get()\` / \`${name}.set()\`)`,
        safety: 'unsafe',
        isPreferred: anyAsync || undefined,
        edits: fileEdits(file, fixed),
      });
    }
  }
  return out;
}

/**
 * Deletes a statement's lines; when blank lines sit on both sides, also as
 * many blank lines below as there are above (at most), so the gap does not grow.
 */
function removeLines(file: FixFile, stmt: Node): TextEdit {
  const { src } = file;
  const first = stmt.startPosition.row;
  const last = stmt.endPosition.row;
  let above = 0;
  while (first - above - 1 >= 0 && src.isBlank(first - above - 1)) above++;
  let below = 0;
  while (last + below + 1 < src.lineCount - 1 && src.isBlank(last + below + 1)) below++;
  const extra = above > 0 ? Math.min(above, below) : 0;
  return src.edit(src.lineStart(first), src.nextLineStart(last + extra), '');
}

function enclosingFunctionLike(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (SCOPES.has(n.type)) return true;
  return false;
}

function insideSimpleWrite(node: Node, uses: Use[]): boolean {
  return uses.some((u) => u.kind === 'write' && u.simple && node.startIndex >= u.simple.startIndex && node.endIndex <= u.simple.endIndex);
}

/**
 * Writes are replaced as a whole (`NAME = v` -> `NAME.set(v)`); reads of the
 * name inside `v` must be rewritten inside that replacement text.
 */
function rewriteNestedReads(file: FixFile, edits: TextEdit[], uses: Use[], name: string): TextEdit[] | null {
  const { src } = file;
  for (const u of uses) {
    if (u.kind !== 'write' || !u.simple) continue;
    const value = u.simple.childForFieldName('right')!;
    const inner = uses.filter((r) => r.kind === 'read' && r.node.startIndex >= value.startIndex && r.node.endIndex <= value.endIndex);
    if (inner.length === 0) continue;
    let text = value.text;
    for (const r of [...inner].sort((a, b) => b.node.startIndex - a.node.startIndex)) {
      const s = r.node.startIndex - value.startIndex;
      text = `${text.slice(0, s)}${name}.get()${text.slice(s + name.length)}`;
    }
    const at = edits.findIndex((e) => src.offsetAt(e.range.start) === u.simple!.startIndex && src.offsetAt(e.range.end) === u.simple!.endIndex);
    if (at < 0) return null;
    edits[at] = src.edit(u.simple.startIndex, u.simple.endIndex, `${name}.set(${text})`);
  }
  return edits;
}
