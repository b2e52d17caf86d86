/**
 * "Guard with a lock": wraps the racy statement(s) in `with <lock>:`. For
 * check-then-act (TL005) the whole `if` is wrapped, or, for an `if` without
 * branches whose test is free of side effects, double-checked locking is
 * offered (test, lock, test again); when the write is already under a lock
 * but the test is outside it, the test is repeated inside the lock.
 *
 * The lock: one that already guards the same object elsewhere in the file
 * (from the summary's held locks), else a new one next to the object —
 * `_<name>_lock` after a module-level definition, a class attribute after a
 * class attribute, an instance attribute at the top of `__init__` for state of
 * a long-lived object — with `import threading` added when missing. A new
 * lock is an `RLock` when the guarded code calls something that could come
 * back to the same lock (a recursive memoised function, a callback) or is in a
 * `__del__` finalizer, so the fix cannot deadlock a single thread.
 *
 * Neighbouring statements of the same block that touch the same object and
 * are reported too are wrapped in one block. Indentation (spaces or tabs),
 * comments, blank lines, continuation lines, string contents and the line
 * ending are kept.
 */
import type { Node } from 'web-tree-sitter';
import { endsInExit } from '../analysis/collect';
import { own, IMPORTED_HELPER_KEY, IMPORTED_LOCK_VALUE, READ_BEFORE_LOCK_NOTE, MAIN_THREAD_ONLY_NOTE, SIGNAL_GUARD_NOTE, type FileSummary, type ValueKind } from '../analysis/summary';
import type { Finding, Fix, TextEdit } from '../types';
import { classIndexOf, ensureMember, fileEdits, mergeEdits, type FixEnv, type FixFile } from './context';
import {
  chainText,
  COMPOUND,
  descendants,
  docstringOf,
  enclosingClass,
  enclosingFunction,
  enclosingStatement,
  hasSuspension,
  insideString,
  lockNameFor,
  nameIsFree,
  nodeAt,
  ownsLines,
  statementsOf,
  topLevelStatement,
} from './python';
import { stepBetween } from './text';

/** Rules whose finding a lock around the statement removes. */
const LOCKABLE = new Set(['TL002', 'TL003', 'TL005', 'TL006', 'TL008', 'TL012']);

/** Calls that cannot reach back into the lock: builtins that do not run user code worth worrying about. */
const QUIET_CALLS = new Set([
  'len', 'str', 'int', 'float', 'bool', 'list', 'dict', 'set', 'tuple', 'frozenset', 'sorted', 'min', 'max', 'sum',
  'abs', 'isinstance', 'issubclass', 'hasattr', 'getattr', 'repr', 'id', 'hash', 'iter', 'next', 'range', 'enumerate',
  'zip', 'any', 'all', 'round', 'divmod', 'type', 'object', 'time.time', 'time.monotonic', 'time.perf_counter',
]);

/** Methods of containers that do not call user code (beyond `__hash__`/`__eq__` of keys). */
const CONTAINER_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'clear', 'update', 'setdefault', 'add', 'discard',
  'sort', 'reverse', 'appendleft', 'extendleft', 'popleft', 'rotate', 'get', 'keys', 'values', 'items', 'copy',
  'count', 'index', 'difference_update', 'intersection_update', 'symmetric_difference_update',
]);

type Target =
  | { scope: 'module'; name: string; def: Node }
  | { scope: 'class'; name: string; cls: Node; def: Node; receiver: string }
  | { scope: 'instance'; name: string; cls: Node; receiver: string }
  /** A module-level object of another scanned file, reached as `mod.NAME` (prefix `mod`) or imported by `from mod import NAME`. */
  | { scope: 'remote'; name: string; def: Node; other: FixFile; prefix: string | null; importStmt: Node | null; text: string };

interface Lock {
  /** The expression used in `with`. */
  expr: string;
  /** The name shown in titles. */
  name: string;
  /** An existing non-reentrant lock (threading.Lock) is reused. */
  plainExisting?: boolean;
  /** Edits that create it and make it reachable (empty when it exists and is). */
  create: (reentrant: boolean) => Fix['edits'];
}

interface Plan {
  finding: Finding;
  target: Target;
  key: string;
  /** The statements to wrap (siblings, in order). */
  region: Node[];
  /** For TL005: the `if`, and the `with` already inside it when the write is locked but the test is not. */
  ifNode?: Node;
  lockedWith?: Node;
}

// ---------------------------------------------------------------- what the finding touches

/** The expression written or mutated by the statement an access span points at. */
export function accessTarget(node: Node): Node | null {
  let n: Node | null = node;
  if (n.type === 'expression_statement') n = n.namedChildren[0];
  if (!n) return null;
  switch (n.type) {
    case 'augmented_assignment':
    case 'assignment': {
      const left = n.childForFieldName('left');
      if (!left) return null;
      return left.type === 'subscript' ? left.childForFieldName('value') : left;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute') return fn.childForFieldName('object');
      if (fn?.type === 'identifier' && fn.text === 'next') return n.childForFieldName('arguments')?.namedChildren[0] ?? null;
      return null;
    }
    case 'subscript':
      return n.childForFieldName('value');
    case 'delete_statement': {
      const t = n.namedChildren[0];
      return t?.type === 'subscript' ? t.childForFieldName('value') : t;
    }
    case 'attribute':
    case 'identifier':
      return n;
    default:
      return null;
  }
}

/** The module-level or class-body statement of a definition the finding relates to, if it is in this file. */
function relatedDef(finding: Finding, file: FixFile, name: string): { node: Node; cls: Node | null } | null {
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const node = nodeAt(file.root, file.src, r.range);
    if (!node || node.type !== 'identifier' || node.text !== name) continue;
    const stmt = enclosingStatement(node);
    if (!stmt) continue;
    if (stmt.parent?.type === 'module' || (topLevelStatement(stmt) && !enclosingFunction(node) && !enclosingClass(node))) {
      return { node, cls: null };
    }
    const cls = enclosingClass(node);
    if (cls && stmt.parent?.parent?.equals(cls)) return { node, cls };
  }
  return null;
}

/** A long-lived class the finding names (related location on a class name). */
function relatedClass(finding: Finding, file: FixFile): Node | null {
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const node = nodeAt(file.root, file.src, r.range);
    if (node?.type === 'identifier' && node.parent?.type === 'class_definition' && node.parent.childForFieldName('name')?.equals(node)) {
      return node.parent;
    }
  }
  return null;
}

function selfNameOf(fn: Node | null): string {
  const first = fn?.childForFieldName('parameters')?.namedChildren[0];
  if (!first) return '';
  if (first.type === 'identifier') return first.text;
  if (first.type === 'typed_parameter') return first.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '';
  return '';
}

/** A module-level definition of `name` in another file, from the finding's related locations. */
function remoteDef(finding: Finding, file: FixFile, env: FixEnv, name: string): { other: FixFile; node: Node } | null {
  for (const r of finding.related) {
    if (r.path === file.path) continue;
    const other = env.fileAt(r.path);
    if (!other || other.root.hasError) continue;
    const def = relatedDef({ ...finding, related: [r] }, other, name);
    if (def && !def.cls) return { other, node: def.node };
  }
  return null;
}

/** The module-level `from ... import NAME` statement of this file that binds `local`. */
function fromImportOf(file: FixFile, local: string): Node | null {
  for (const stmt of file.root.namedChildren) {
    if (stmt?.type !== 'import_from_statement') continue;
    for (const n of stmt.childrenForFieldName('name')) {
      if (!n) continue;
      const bound = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      if (bound === local) return stmt;
    }
  }
  return null;
}

function findTarget(finding: Finding, file: FixFile, env: FixEnv, access: Node): Target | null {
  const expr = accessTarget(access);
  const text = chainText(expr);
  if (!expr || !text) return null;
  const parts = text.split('.');
  if (parts.length === 1) {
    const def = relatedDef(finding, file, text);
    if (def && !def.cls) return { scope: 'module', name: text, def: def.node };
    if (def) return null;
    // `from state import CACHE` ... `CACHE[k] = v`: the object lives in state.py.
    const importStmt = fromImportOf(file, text);
    if (!importStmt) return null;
    const remote = [...finding.related].map((r) => r.path).find((p) => p !== file.path);
    const other = remote ? env.fileAt(remote) : undefined;
    const defName = other ? nodeAt(other.root, other.src, finding.related.find((r) => r.path === remote)!.range)?.text : undefined;
    if (!other || !defName) return null;
    const rd = remoteDef(finding, file, env, defName);
    if (!rd) return null;
    return { scope: 'remote', name: defName, def: rd.node, other: rd.other, prefix: null, importStmt, text };
  }
  // `mod.NAME` / `pkg.mod.NAME`, where the prefix names an imported module holding the object.
  const importedBase = own(file.summary?.defs, parts[0])?.value.k === 'import';
  if (importedBase) {
    const rd = remoteDef(finding, file, env, parts[parts.length - 1]);
    if (rd) return { scope: 'remote', name: parts[parts.length - 1], def: rd.node, other: rd.other, prefix: parts.slice(0, -1).join('.'), importStmt: null, text };
  }
  // An attribute of a module-level object of this file (`FLAGS.beta = True`): guard the object.
  const objectDef = relatedDef(finding, file, parts[0]);
  if (objectDef && !objectDef.cls) return { scope: 'module', name: parts[0], def: objectDef.node };
  if (parts.length !== 2) return null;
  const [receiver, attr] = parts;
  if (/^__.*__$/.test(attr)) return null; // `self.__dict__[k] = v` and the like: the object model itself
  const fn = enclosingFunction(access);
  const method = fn && enclosingClass(fn) ? fn : null;
  const isSelf = method !== null && selfNameOf(method) === receiver;
  const def = relatedDef(finding, file, attr);
  if (def?.cls) {
    const clsName = def.cls.childForFieldName('name')?.text;
    if (!isSelf && receiver !== clsName) {
      // `Sub.attr` for an attribute of a base class in this file is fine too.
      const inFile = file.root.descendantsOfType('class_definition').some((c) => c?.childForFieldName('name')?.text === receiver);
      if (!inFile) return null;
    }
    return { scope: 'class', name: attr, cls: def.cls, def: def.node, receiver };
  }
  const cls = relatedClass(finding, file);
  if (cls && isSelf && method && enclosingClass(method)?.equals(cls) && !isClassMethod(method) && !customAttributes(file, env, cls)) {
    return { scope: 'instance', name: attr, cls, receiver };
  }
  return null;
}

const ATTRIBUTE_HOOKS = ['__setattr__', '__getattr__', '__getattribute__', '__delattr__'];

/**
 * Whether instances of the class handle attributes themselves (`__setattr__`,
 * `__getattr__`, `__slots__`, in the class or a base found in the scanned
 * files, such as Django's LazyObject): setting a new lock attribute on them
 * could run arbitrary code or fail.
 */
function customAttributes(file: FixFile, env: FixEnv, cls: Node): boolean {
  const summary = file.summary;
  const idx = classIndexOf(summary, cls);
  if (!summary || idx < 0) return true;
  const byName = new Map<string, { s: typeof summary; i: number }>();
  for (const s of env.summaries) s.classes.forEach((c, i) => byName.set(`${s.module}.${c.qualname}`, { s, i }));
  const seen = new Set<string>();
  const visit = (s: typeof summary, i: number): boolean => {
    const key = `${s.path}#${i}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const info = s.classes[i];
    if (ATTRIBUTE_HOOKS.some((m) => Object.hasOwn(info.methods, m)) || Object.hasOwn(info.attrs, '__slots__')) return true;
    for (const base of info.bases) {
      const found = byName.get(base);
      if (found && visit(found.s, found.i)) return true;
      if (!found && /(^|\.)(LazyObject|SimpleLazyObject|LazySettings|local|Local)$/.test(base)) return true;
    }
    return false;
  };
  return visit(summary, idx);
}

function isClassMethod(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  const name = fn.childForFieldName('name')?.text;
  if (name === '__new__' || name === '__init_subclass__') return true;
  return decorated?.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*classmethod\b/.test(d.text)) ?? false;
}

/** Identifies the guarded object across the workspace (the key of `env.reentrant`). */
function objectKey(file: FixFile, t: Target): string {
  switch (t.scope) {
    case 'module':
      return `${file.path}\u0000${t.name}`;
    case 'remote':
      return `${t.other.path}\u0000${t.name}`;
    default:
      return `${file.path}\u0000${t.cls.startIndex}.${t.name}`;
  }
}

/** Identifies the target within a file, for merging neighbouring statements (same object, same spelling). */
function targetKey(file: FixFile, t: Target): string {
  return `${objectKey(file, t)}\u0000${t.scope === 'class' || t.scope === 'instance' ? t.receiver : t.scope === 'remote' ? t.text : ''}`;
}

function describe(t: Target): string {
  if (t.scope === 'module') return t.name;
  if (t.scope === 'remote') return t.text;
  return `${t.receiver}.${t.name}`;
}

// ---------------------------------------------------------------- the lock

/** Locks already held around writes of the same object in this file, most used first. */
function existingLocks(file: FixFile, t: Target, method: Node | null): string[] {
  const s = t.scope === 'remote' ? t.other.summary : file.summary;
  const counts = new Map<string, number>();
  const bump = (expr: string) => counts.set(expr, (counts.get(expr) ?? 0) + 1);
  if (s) {
    if (t.scope === 'module' || t.scope === 'remote') {
      const chain = `${s.module}.${t.name}`;
      for (const a of s.accesses) {
        if (a.target.t !== 'chain' || a.target.chain !== chain) continue;
        for (const key of a.held) {
          const def = own(s.defs, key);
          if (!key.includes('.') && isThreadLock(def?.value)) bump(key);
        }
      }
    } else {
      const idx = classIndexOf(s, t.cls);
      const info = s.classes[idx];
      const selfName = selfNameOf(method);
      if (info) {
        for (const a of s.accesses) {
          if (a.target.t !== 'self' || a.target.cls !== idx || a.target.attr !== t.name) continue;
          for (const key of a.held) {
            const m = /^self#(\d+)\.(\w+)$/.exec(key);
            if (!m || Number(m[1]) !== idx) continue;
            const lockAttr = m[2];
            const classLock = isThreadLock(own(info.attrs, lockAttr)?.value);
            const instanceLock = isThreadLock(own(info.instanceAttrs, lockAttr)?.value);
            if (classLock || (instanceLock && t.receiver === selfName)) bump(`${t.receiver}.${lockAttr}`);
          }
        }
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

/** A lock a plain `with` can take: not an `asyncio` one, which needs `async with` and guards only coroutines. */
function isThreadLock(value: ValueKind | undefined): boolean {
  return value?.k === 'lock' && !value.factory.startsWith('asyncio.');
}

function isPlainLock(summary: FixFile['summary'], name: string): boolean {
  const v = own(summary?.defs, name)?.value;
  return v?.k === 'lock' && !v.reentrant;
}

const MODEL_BASES = /\b(BaseModel|BaseSettings|RootModel|SQLModel|Struct)\b/;

/** `wanted`, or `wanted_2`, `wanted_3` when it is taken. */
function freeName(wanted: string, isFree: (name: string) => boolean): string | null {
  for (const name of [wanted, `${wanted}_2`, `${wanted}_3`]) if (isFree(name)) return name;
  return null;
}

/** A module-level lock `wanted` after the top-level statement holding `def`, in `host` (which may be another file). */
function moduleLock(host: FixFile, def: Node, wanted: string): ((reentrant: boolean) => Fix['edits']) | null {
  const { src } = host;
  const top = topLevelStatement(def);
  if (!top) return null;
  // For data kept on a function or a class (`lookup.calls += 1`), the lock goes above its definition,
  // two blank lines apart, as between definitions; after any other statement, on the next line.
  const above = top.type === 'function_definition' || top.type === 'class_definition' || top.type === 'decorated_definition';
  // (Above the comment lines right above the definition too: they belong to it.)
  let row = top.startPosition.row;
  // (Not above a shebang or an encoding declaration, which must stay on the first two lines.)
  while (above && row > 0 && src.lineText(row - 1).trimStart().startsWith('#') && !(row - 1 <= 1 && /^#!|coding[:=]/.test(src.lineText(row - 1)))) row--;
  const at = above ? src.lineStart(row) : src.nextLineStart(top.endPosition.row);
  return (reentrant) => {
    const factory = ensureMember(host, 'threading', reentrant ? 'RLock' : 'Lock', at);
    const prefix = at === src.text.length && !src.text.endsWith('\n') ? src.eol : '';
    const line = `${wanted} = ${factory.expr}()${src.eol}${above ? src.eol + src.eol : ''}`;
    // An import the fix adds at or below `at` (a module whose first statement is the definition, under
    // its comment): the lock goes right after that import, which it needs.
    const late = above ? factory.edits.findIndex((e) => src.offsetAt(e.range.start) >= at) : -1;
    if (late >= 0) {
      // (A blank line between the import and the lock, unless the import brought its own.)
      const gap = (text: string) => (text.endsWith(src.eol + src.eol) ? '' : src.eol);
      const edits = factory.edits.map((e, i) => (i === late ? { ...e, newText: `${e.newText}${gap(e.newText)}${line}` } : e));
      return fileEdits(host, edits);
    }
    return fileEdits(host, [...factory.edits, src.insert(at, `${prefix}${line}`)]);
  };
}

/**
 * A lock imported from another scanned module (`from .sync import db_guard`, or `sync.db_guard`) held
 * around writes of the same module-level object in this file, when that module makes it as a thread
 * lock: its expression here, and whether it is a plain (non-reentrant) lock. Another lock for the
 * same object would not exclude the code that holds this one.
 */
function importedGuard(file: FixFile, t: Target, env: FixEnv): { expr: string; plain: boolean } | null {
  const s = file.summary;
  if (!s || t.scope !== 'module') return null;
  const chain = `${s.module}.${t.name}`;
  const counts = new Map<string, number>();
  for (const a of s.accesses) {
    if (a.target.t !== 'chain' || a.target.chain !== chain) continue;
    for (const key of a.held) if (key.startsWith(IMPORTED_HELPER_KEY) && key.endsWith(IMPORTED_LOCK_VALUE)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key] of [...counts].sort((x, y) => y[1] - x[1])) {
    const canonical = key.slice(IMPORTED_HELPER_KEY.length, -IMPORTED_LOCK_VALUE.length);
    const dot = canonical.lastIndexOf('.');
    if (dot < 0) continue;
    const module = canonical.slice(0, dot);
    const name = canonical.slice(dot + 1);
    const value = own(env.summaries.find((f) => f.module === module)?.defs, name)?.value;
    if (value?.k !== 'lock' || !isThreadLock(value)) continue;
    const plain = !value.reentrant;
    // Its name here: the name imported (under any alias), or the module's, `sync.db_guard`.
    for (const local of Object.keys(s.defs)) {
      const v = s.defs[local].value;
      if (v.k === 'import' && v.target === canonical) return { expr: local, plain };
    }
    for (const local of Object.keys(s.defs)) {
      const v = s.defs[local].value;
      if (v.k === 'import' && v.target === module) return { expr: `${local}.${name}`, plain };
    }
  }
  return null;
}

function lockFor(file: FixFile, t: Target, method: Node | null, env: FixEnv): Lock | null {
  const { src, root } = file;
  const existing = existingLocks(file, t, method);
  const wanted = lockNameFor(t.name);
  if (t.scope === 'remote') {
    const other = t.other;
    const name = existing[0] ?? wanted;
    const exists = existing.length > 0 || isThreadLock(own(other.summary?.defs, name)?.value);
    if (!exists && !nameIsFree(other.root, name)) return null;
    const create = exists ? () => [] as Fix['edits'] : moduleLock(other, t.def, name);
    if (!create) return null;
    const plain = exists && isPlainLock(other.summary, name);
    if (t.prefix !== null) return { expr: `${t.prefix}.${name}`, name, plainExisting: plain, create };
    // Imported by name: import the lock beside it.
    const stmt = t.importStmt!;
    // (A `from helpers import _cache_lock` of another module binds the name to something else.)
    const already = fromImportOf(file, name);
    if (already && already.childForFieldName('module_name')?.text !== stmt.childForFieldName('module_name')?.text) return null;
    if (!already && !nameIsFree(root, name)) return null;
    const names = stmt.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const last = names[names.length - 1];
    if (!last) return null;
    return {
      expr: name,
      name,
      plainExisting: plain,
      create: (reentrant) => mergeEdits(create(reentrant), already ? [] : fileEdits(file, [src.insert(last.endIndex, `, ${name}`)])),
    };
  }
  if (existing.length > 0) {
    const plain = t.scope === 'module' ? isPlainLock(file.summary, existing[0]) : false;
    return { expr: existing[0], name: existing[0], plainExisting: plain, create: () => [] };
  }
  const guard = importedGuard(file, t, env);
  if (guard) return { expr: guard.expr, name: guard.expr, plainExisting: guard.plain, create: () => [] };
  const s = file.summary;
  if (t.scope === 'module') {
    const def = own(s?.defs, wanted);
    if (isThreadLock(def?.value)) return { expr: wanted, name: wanted, plainExisting: isPlainLock(s, wanted), create: () => [] };
    const free = freeName(wanted, (n) => nameIsFree(root, n));
    const create = free ? moduleLock(file, t.def, free) : null;
    return free && create ? { expr: free, name: free, create } : null;
  }
  const body = t.cls.childForFieldName('body');
  if (!body) return null;
  // A pydantic (or SQLModel, msgspec) model makes its own fields of what its class body assigns: a
  // `_lock = Lock()` there becomes a private attribute copied (deep-copied) for each instance, and
  // `self._lock = ...` on an undeclared name raises.
  if (MODEL_BASES.test(t.cls.childForFieldName('superclasses')?.text ?? '')) return null;
  const idx = classIndexOf(s, t.cls);
  const info = s?.classes[idx];
  const taken = (n: string) => (info ? Object.hasOwn(info.attrs, n) || Object.hasOwn(info.instanceAttrs, n) || Object.hasOwn(info.methods, n) : !nameIsFree(root, n));
  const known = own(info?.attrs, wanted)?.value ?? (t.scope === 'instance' ? own(info?.instanceAttrs, wanted)?.value : undefined);
  if (known?.k === 'lock' && isThreadLock(known)) {
    return { expr: `${t.receiver}.${wanted}`, name: wanted, plainExisting: !known.reentrant, create: () => [] };
  }
  const free = freeName(wanted, (n) => !taken(n) && nameIsFree(root, n));
  if (!free) return null;
  if (t.scope === 'class') {
    const stmt = enclosingStatement(t.def);
    if (!stmt || !ownsLines(src, stmt)) return null;
    const at = src.nextLineStart(stmt.endPosition.row);
    const indent = src.indentOf(stmt.startPosition.row);
    return {
      expr: `${t.receiver}.${free}`,
      name: free,
      create: (reentrant) => {
        const factory = ensureMember(file, 'threading', reentrant ? 'RLock' : 'Lock', t.cls.startIndex);
        return fileEdits(file, [...factory.edits, src.insert(at, `${indent}${free} = ${factory.expr}()${src.eol}`)]);
      },
    };
  }
  // Instance state: a lock made in __init__, or a class-level one when there is no __init__, or when the
  // class has its own `__new__` (a singleton's `__init__` runs again at every call: a lock made there
  // would be replaced while another thread holds the old one).
  const methods = statementsOf(body).filter((s2) => s2.type === 'function_definition');
  const ownNew = methods.some((m) => m.childForFieldName('name')?.text === '__new__') || (s !== undefined && idx >= 0 && inheritsNew(s, idx));
  const init = ownNew ? undefined : methods.find((m) => m.childForFieldName('name')?.text === '__init__');
  const place = init ? blockTop(file, init) : blockTop(file, t.cls);
  if (!place) return null;
  const selfName = init ? selfNameOf(init) : '';
  if (init && !selfName) return null;
  return {
    expr: `${t.receiver}.${free}`,
    name: free,
    create: (reentrant) => {
      const factory = ensureMember(file, 'threading', reentrant ? 'RLock' : 'Lock', t.cls.startIndex);
      const line = init ? `${selfName}.${free} = ${factory.expr}()` : `${free} = ${factory.expr}()`;
      // A class-level lock right above a method gets a blank line, as PEP 8 spaces methods.
      const next = init ? null : statementsOf(body).find((m) => m.startIndex >= place.at);
      const placeRow = src.positionAt(place.at).line;
      const spacer = next && (next.type === 'function_definition' || next.type === 'decorated_definition') && !(placeRow < src.lineCount && src.isBlank(placeRow)) ? src.eol : '';
      return fileEdits(file, [...factory.edits, src.insert(place.at, `${place.indent}${line}${src.eol}${spacer}`)]);
    },
  };
}

/** Whether a class of the file (by index) inherits a `__new__` from a class of the same file (its bases, and theirs). */
function inheritsNew(summary: FileSummary, index: number): boolean {
  const seen = new Set<number>([index]);
  const queue = [index];
  while (queue.length > 0) {
    const info = summary.classes[queue.pop()!];
    for (const base of info.bases) {
      const j = summary.classes.findIndex((c) => `${summary.module}.${c.qualname}` === base);
      if (j < 0 || seen.has(j)) continue;
      if (Object.hasOwn(summary.classes[j].methods, '__new__')) return true;
      seen.add(j);
      queue.push(j);
    }
  }
  return false;
}

/**
 * Where a new first statement of a function or class body goes: after the
 * docstring, or right after the header line; with the body's indentation.
 * Null for a body written on the header line.
 */
export function blockTop(file: FixFile, def: Node): { at: number; indent: string } | null {
  const { src } = file;
  const body = def.childForFieldName('body');
  if (!body) return null;
  const stmts = statementsOf(body);
  const first = stmts[0];
  if (!first) return null;
  const colonRow = body.previousSibling?.endPosition.row ?? def.startPosition.row;
  if (first.startPosition.row === colonRow) return null;
  const indent = src.indentOf(first.startPosition.row);
  const doc = docstringOf(body);
  if (doc) {
    if (stmts[1] && stmts[1].startPosition.row === doc.endPosition.row) return null;
    if (!ownsLines(src, doc)) return null;
    return { at: src.nextLineStart(doc.endPosition.row), indent };
  }
  return { at: src.nextLineStart(colonRow), indent };
}

// ---------------------------------------------------------------- regions

/**
 * Whether the code in `nodes` waits for another thread: `future.result()`, `thread.join()` (no
 * argument or a timeout, unlike `", ".join(parts)`), `event.wait()`, `concurrent.futures.wait(...)`,
 * `as_completed(...)`, or takes another lock (`other.acquire()`).
 */
const WAITING_CALLS = new Set(['result', 'exception', 'wait', 'wait_for', 'as_completed', 'acquire']);

function waitsForOtherThreads(nodes: Node[]): boolean {
  for (const node of nodes) {
    for (const call of descendants(node, 'call')) {
      const fn = call.childForFieldName('function');
      const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (name === undefined) continue;
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a !== null && a.type !== 'comment');
      if (WAITING_CALLS.has(name)) return true;
      if (name === 'join' && fn?.type === 'attribute' && args.every((a) => a!.type === 'keyword_argument' || a!.type === 'integer' || a!.type === 'float')) return true;
    }
  }
  return false;
}

/** Whether the code in `nodes` calls something that could take the same lock again. */
function mayReenter(nodes: Node[], targetText: string): boolean {
  // A finalizer runs whenever the garbage collector gets to it, on whichever thread allocates:
  // possibly one that already holds this lock.
  if (nodes.some((n) => runByCollector(n))) return true;
  for (const node of nodes) {
    for (const call of descendants(node, 'call')) {
      const fn = call.childForFieldName('function');
      const chain = chainText(fn);
      if (!chain) return true;
      if (QUIET_CALLS.has(chain)) continue;
      const dot = chain.lastIndexOf('.');
      if (dot > 0 && chain.slice(0, dot) === targetText && CONTAINER_METHODS.has(chain.slice(dot + 1))) continue;
      if (dot > 0 && CONTAINER_METHODS.has(chain.slice(dot + 1)) && ['get', 'keys', 'values', 'items', 'copy', 'count', 'index'].includes(chain.slice(dot + 1))) continue;
      return true;
    }
  }
  return false;
}

/** Callbacks given to the garbage collector: `weakref.ref(obj, cb)`, `weakref.proxy(obj, cb)`, `weakref.finalize(obj, cb, ...)`. */
const COLLECTOR_CALLBACKS = /(^|\.)(ref|proxy|finalize)$/;

const collectorCallbackCache = new WeakMap<Node, Set<string>>();

/**
 * Names of the functions and methods this file hands to the garbage collector
 * as callbacks (`self` stands for the class's `__call__`, as in
 * `weakref.ref(obj, self)`).
 */
function collectorCallbacks(root: Node): Set<string> {
  let names = collectorCallbackCache.get(root);
  if (names) return names;
  names = new Set();
  for (const call of descendants(root, 'call')) {
    const callee = chainText(call.childForFieldName('function'));
    if (!callee || !COLLECTOR_CALLBACKS.test(callee) || (callee.includes('.') && !callee.startsWith('weakref.'))) continue;
    const cb = call.childForFieldName('arguments')?.namedChildren[1];
    const text = cb ? chainText(cb) : null;
    if (!text) continue;
    names.add(text === 'self' ? '__call__' : text.slice(text.lastIndexOf('.') + 1));
  }
  collectorCallbackCache.set(root, names);
  return names;
}

/** Code the garbage collector may run at any allocation: `__del__`, and functions registered as weakref callbacks. */
function runByCollector(node: Node): boolean {
  const fn = enclosingFunction(node);
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !name) return false;
  if (name === '__del__') return true;
  let root: Node = fn;
  while (root.parent) root = root.parent;
  return collectorCallbacks(root).has(name);
}

/**
 * Whether the body of a lazy initialisation makes `what` visible to other
 * threads in one simple statement (`_inst = Service()`, `_cache[key] = value`,
 * `del _sessions[token]`) and touches it nowhere else. Only then is
 * double-checked locking correct: its first test runs without the lock, so a
 * body that binds the object first and fills it afterwards (`_vars = {}` then
 * `_vars['prefix'] = ...`) would let another thread skip the lock and use a
 * half-built value.
 */
function publishesOnce(body: Node, what: string): boolean {
  const mention = new RegExp(`(?<![\\w.])${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`);
  const mentions = statementsOf(body).filter((s) => mention.test(s.text));
  return mentions.length === 1 && (mentions[0].type === 'expression_statement' || mentions[0].type === 'delete_statement');
}

/** A test that can be evaluated twice with the same result and no effect: names, attributes, comparisons, `.get()`, `len()`. */
function isPureTest(node: Node): boolean {
  for (const n of descendants(node, new Set(['call', 'named_expression', 'await', 'lambda', 'yield']))) {
    if (n.type !== 'call') return false;
    const chain = chainText(n.childForFieldName('function'));
    if (!chain) return false;
    if (!(['len', 'isinstance', 'hasattr', 'getattr', 'callable'].includes(chain) || chain.endsWith('.get'))) return false;
  }
  return true;
}

/** The indentation step for the body of a new block around `stmt`. */
function unitFor(file: FixFile, stmt: Node): string | null {
  const { src } = file;
  const indent = src.indentOf(stmt.startPosition.row);
  if (indent.includes(' ') && indent.includes('\t')) return null;
  if (indent.startsWith('\t')) return '\t';
  const header = stmt.parent?.parent;
  if (header && header.type !== 'module') {
    const step = stepBetween(src.indentOf(header.startPosition.row), indent);
    if (step && !step.includes('\t')) return step;
  }
  const unit = src.indentUnit();
  return unit === '\t' && indent.length > 0 ? null : unit;
}

/** Edits that put `header` before the lines of `first..last` and indent them by `levels` units (blank lines and string contents untouched). */
function wrapEdits(file: FixFile, first: Node, last: Node, header: string, unit: string, levels = 1): TextEdit[] {
  const { src, root } = file;
  const step = unit.repeat(levels);
  const edits: TextEdit[] = [src.insert(src.lineStart(first.startPosition.row), `${header}${step}`)];
  for (let row = first.startPosition.row + 1; row <= last.endPosition.row; row++) {
    if (src.isBlank(row)) continue;
    const at = src.lineStart(row);
    if (insideString(root, at)) continue;
    edits.push(src.insert(at, step));
  }
  return edits;
}

/**
 * Edits that replace `node`'s text with itself, line by line (leaving line
 * starts free for indentation). A fix that copies the text of `node` (the test
 * repeated by double-checked locking) carries them, so that fix-all never
 * combines it with another fix that rewrites that text: the copy would keep the
 * old text.
 */
function keepText(file: FixFile, node: Node): TextEdit[] {
  const { src } = file;
  const edits: TextEdit[] = [];
  for (let row = node.startPosition.row; row <= node.endPosition.row; row++) {
    const start = Math.max(node.startIndex, src.lineStart(row) + src.indentOf(row).length);
    const end = Math.min(node.endIndex, src.lineEnd(row));
    if (end > start) edits.push(src.edit(start, end, src.text.slice(start, end)));
  }
  return edits;
}

function regionOk(file: FixFile, region: Node[]): boolean {
  const first = region[0];
  const last = region[region.length - 1];
  if (!ownsLines(file.src, first) || !ownsLines(file.src, last)) return false;
  if (region.some((s) => hasSuspension(s))) return false;
  return true;
}

function insideWithOf(node: Node, lockExpr: string): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
    if (n.type !== 'with_statement') continue;
    for (const item of descendants(n.namedChildren.find((c) => c?.type === 'with_clause') ?? n, 'with_item')) {
      if (item.childForFieldName('value')?.text === lockExpr) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- plans and fixes

function planFor(finding: Finding, file: FixFile, env: FixEnv): Plan | null {
  if (!LOCKABLE.has(finding.code)) return null;
  // A store already under its lock, of a value read before the lock was taken: another lock around the
  // store would not cover the read (the read belongs inside the lock the code holds).
  if (finding.code === 'TL006' && finding.related.some((r) => r.message.endsWith(READ_BEFORE_LOCK_NOTE))) return null;
  // Code only the main thread runs, as a signal handler: a handler that waits for a lock the main thread
  // held when the signal came waits forever (no lock re-entry, not even a new one).
  if (finding.message.includes(`(${MAIN_THREAD_ONLY_NOTE}:`) || finding.message.includes(`(${SIGNAL_GUARD_NOTE}:`)) return null;
  const { src, root } = file;
  const at = nodeAt(root, src, finding.range);
  if (!at) return null;
  if (finding.code === 'TL005') {
    const lookup = eafpTry(at);
    if (lookup) return lookupPlan(finding, file, env, lookup);
    let ifNode: Node | null = at;
    while (ifNode && ifNode.type !== 'if_statement' && ifNode.type !== 'elif_clause') ifNode = ifNode.parent;
    if (!ifNode) return null;
    if (ifNode.type === 'elif_clause') ifNode = ifNode.parent;
    if (!ifNode || !ifNode.parent || (ifNode.parent.type !== 'block' && ifNode.parent.type !== 'module')) return null;
    // The write: the related location inside the `if`.
    let access: Node | null = null;
    for (const r of finding.related) {
      if (r.path !== file.path) continue;
      const start = src.offsetAt(r.range.start);
      if (start < ifNode.startIndex || start >= ifNode.endIndex) continue;
      access = nodeAt(root, src, r.range);
      if (access) break;
    }
    if (!access) return earlyExitPlan(finding, file, env, ifNode);
    const target = findTarget(finding, file, env, access);
    if (!target) return null;
    let lockedWith: Node | undefined;
    for (let n = access.parent; n && !n.equals(ifNode); n = n.parent) if (n.type === 'with_statement') lockedWith = n;
    return { finding, target, key: targetKey(file, target), region: [ifNode], ifNode, lockedWith };
  }
  if (finding.code === 'TL008' || finding.code === 'TL012') {
    // Only mutations of a shared object (TL008) and generators advanced with next() (TL012) are guarded.
    const inner = at.type === 'expression_statement' ? at.namedChildren[0] : at;
    if (finding.code === 'TL008' && !(inner?.type === 'call' || (inner?.type === 'assignment' && inner.childForFieldName('left')?.type === 'subscript') || at.type === 'delete_statement' || inner?.type === 'subscript')) return null;
    // `next(self.cycle_iter)`: a lock keeps the iterator intact, but every request still advances the
    // one cycle of all the others (Django's CycleNode keeps its state in render_context instead).
    if (finding.code === 'TL008' && descendants(at, 'call').some((c) => isNextCall(c))) return null;
    if (finding.code === 'TL012' && !isNextCall(inner)) return null;
  }
  const stmt = enclosingStatement(at);
  if (!stmt || COMPOUND.has(stmt.type)) return null;
  const target = findTarget(finding, file, env, at);
  if (!target) return null;
  if (target.scope === 'class' && usedAsWorkingStack(file, target)) return null;
  return { finding, target, key: targetKey(file, target), region: extendRegion(stmt, describeExpr(file, at)) };
}

/**
 * The `try` statement whose `try:` block holds `at`, a lookup the analysis took as the test of an
 * EAFP fill (`try: return _cache[k]` / `except KeyError: _cache[k] = ...`); null when an `if`, a
 * function or a class comes first.
 */
function eafpTry(at: Node): Node | null {
  for (let n: Node | null = at; n; n = n.parent) {
    if (n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return null;
    if (n.type === 'block' && n.parent?.type === 'try_statement') return n.parent.namedChildren.find((c) => c?.type === 'block')?.equals(n) ? n.parent : null;
  }
  return null;
}

/**
 * An EAFP fill: the whole `try` statement, lookup and handler, is guarded; with the statements after
 * it up to the write when the handler falls through (`except KeyError: pass`, then the fill).
 */
function lookupPlan(finding: Finding, file: FixFile, env: FixEnv, tryNode: Node): Plan | null {
  const { src, root } = file;
  if (!tryNode.parent || (tryNode.parent.type !== 'block' && tryNode.parent.type !== 'module')) return null;
  const block = tryNode.parent;
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const start = src.offsetAt(r.range.start);
    if (start < tryNode.startIndex || start >= block.endIndex) continue;
    const access = nodeAt(root, src, r.range);
    const target = access ? findTarget(finding, file, env, access) : null;
    if (!access || !target) continue;
    const region = statementsThrough(tryNode, access);
    return region ? { finding, target, key: targetKey(file, target), region } : null;
  }
  return null;
}

/** `first` and the statements after it in its block, up to the one that holds `access`; null when none does. */
function statementsThrough(first: Node, access: Node): Node[] | null {
  const region: Node[] = [];
  for (let n: Node | null = first; n; n = nextStatement(n)) {
    region.push(n);
    if (n.startIndex <= access.startIndex && access.endIndex <= n.endIndex) return region;
  }
  return null;
}

/**
 * `if _client is not None: return _client` and then `_client = make()` further down the same block
 * (the analysis puts the rest of the block under the test when the `if` always leaves and has no
 * `else`): the lock covers the `if` and every statement up to the one that writes, so the test and
 * the write happen under it together. Returning from inside `with` releases the lock.
 */
function earlyExitPlan(finding: Finding, file: FixFile, env: FixEnv, ifNode: Node): Plan | null {
  const { src, root } = file;
  const consequence = ifNode.childForFieldName('consequence');
  if (!consequence || ifNode.namedChildren.some((c) => c?.type === 'elif_clause' || c?.type === 'else_clause')) return null;
  if (!endsInExit(consequence)) return null;
  const block = ifNode.parent;
  if (!block) return null;
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const start = src.offsetAt(r.range.start);
    if (start < ifNode.endIndex || start >= block.endIndex) continue;
    const access = nodeAt(root, src, r.range);
    if (!access) continue;
    // The statement of the block that holds the write, and every statement from the `if` to it.
    const region = statementsThrough(ifNode, access);
    if (region === null) continue;
    const target = findTarget(finding, file, env, access);
    return target ? { finding, target, key: targetKey(file, target), region } : null;
  }
  return null;
}

const PUSH_METHODS = new Set(['append', 'extend', 'insert', 'appendleft', 'extendleft']);

/**
 * A list (or deque) class attribute that the class's methods push onto and pop
 * from through `self`: a parse stack, a list of pending items, each instance's
 * working state declared on the class by mistake. A lock around each push and
 * pop keeps the list intact, but two instances still interleave their pushes
 * and pops, so the lock is not offered; making it an instance attribute is the
 * fix (instanceAttr.ts).
 */
function usedAsWorkingStack(file: FixFile, target: Extract<Target, { scope: 'class' }>): boolean {
  const s = file.summary;
  const cls = classIndexOf(s, target.cls);
  if (!s || cls < 0) return false;
  const value = own(s.classes[cls].attrs, target.name)?.value;
  if (!(value?.k === 'deque' || (value?.k === 'mutable' && value.type === 'list'))) return false;
  const ops = new Set<string>();
  for (const a of s.accesses) {
    if (a.op === 'mutate' && a.target.t === 'self' && a.target.via === 'self' && a.target.cls === cls && a.target.attr === target.name) ops.add(a.detail ?? '');
  }
  return [...PUSH_METHODS].some((m) => ops.has(m)) && (ops.has('pop') || ops.has('popleft'));
}

/** `next(x)` or `x.send(...)`: advancing a generator. */
function isNextCall(node: Node | null | undefined): boolean {
  if (node?.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  return (fn?.type === 'identifier' && fn.text === 'next') || (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'send');
}

/** The text of the accessed expression (`Field.creation_counter`, `_cache`), as written. */
function describeExpr(_file: FixFile, access: Node): string {
  return chainText(accessTarget(access)) ?? '';
}

const EXTENDABLE = new Set(['expression_statement', 'return_statement', 'delete_statement', 'assert_statement']);

/** True when the statement reads or writes `text` (an identifier or attribute chain), outside nested functions. */
function mentions(stmt: Node, text: string): boolean {
  if (!text) return false;
  const last = text.slice(text.lastIndexOf('.') + 1);
  for (const n of descendants(stmt, new Set(['identifier', 'attribute']))) {
    if (chainText(n) !== text) continue;
    if (n.type === 'identifier' && n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.equals(n)) continue;
    if (last && n.text.endsWith(last)) return true;
  }
  return false;
}

/**
 * The racy region around a statement: the neighbouring simple statements of
 * the same block that also use the object (the read before the write,
 * `value = X` then `X += 1`; the use after it), so the lock covers the read
 * and the write together.
 */
function extendRegion(stmt: Node, text: string): Node[] {
  const region = [stmt];
  const ok = (n: Node | null): n is Node => n !== null && EXTENDABLE.has(n.type) && !hasSuspension(n) && mentions(n, text);
  for (let n = previousStatement(stmt); ok(n) && n.type !== 'return_statement'; n = previousStatement(n)) region.unshift(n);
  // `items = REG.get(k, [])`, `log(...)`, `REG[k] = items + [x]`: the read a few simple statements up,
  // through a local the region uses, with what lies between (a lock around the write alone loses updates).
  const used = new Set(region.flatMap((n) => descendants(n, 'identifier').map((id) => id.text)));
  const between: Node[] = [];
  for (let n = previousStatement(region[0]); n !== null && between.length < 5; n = previousStatement(n)) {
    if (!EXTENDABLE.has(n.type) || n.type === 'return_statement' || hasSuspension(n)) break;
    between.unshift(n);
    if (mentions(n, text) && [...used].some((name) => assignsName(n!, name))) {
      region.unshift(...between);
      break;
    }
  }
  if (region[region.length - 1].type !== 'return_statement') {
    for (let n = nextStatement(stmt); ok(n); n = nextStatement(n)) {
      region.push(n);
      if (n.type === 'return_statement') break;
    }
  }
  return region;
}

/**
 * For an `if` whose test does not name `what` itself: the statement right before it when that is
 * a one-line lookup `v = what.get(...)` and the test reads `v`, else null (no lock fix can repeat
 * the test). Undefined when the test names `what` (`if k not in CACHE:`).
 */
function lookupTested(ifNode: Node, cond: Node, what: string): Node | null | undefined {
  if (mentions(cond, what)) return undefined;
  const prev = previousStatement(ifNode);
  const assignment = prev?.type === 'expression_statement' && prev.namedChildCount === 1 ? prev.namedChildren[0] : null;
  if (!prev || assignment?.type !== 'assignment' || prev.startPosition.row !== prev.endPosition.row) return null;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  const callee = right?.type === 'call' ? right.childForFieldName('function') : null;
  if (left?.type !== 'identifier' || callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'get') return null;
  if (chainText(callee.childForFieldName('object')) !== what || !mentions(cond, left.text)) return null;
  return prev;
}

/** Whether `node` assigns the plain name `name` (`name = ...`, `name += ...`, `a, name = ...`). */
function assignsName(node: Node, name: string): boolean {
  for (const a of descendants(node, new Set(['assignment', 'augmented_assignment', 'for_statement', 'named_expression']))) {
    const left = a.childForFieldName(a.type === 'named_expression' ? 'name' : 'left');
    if (!left) continue;
    if (left.type === 'identifier' ? left.text === name : descendants(left, 'identifier').some((id) => id.text === name)) return true;
  }
  return false;
}

function previousStatement(stmt: Node): Node | null {
  for (let n = stmt.previousNamedSibling; n; n = n.previousNamedSibling) if (n.type !== 'comment') return n;
  return null;
}

/** Next statement of the same block (skipping comments), or null. */
function nextStatement(stmt: Node): Node | null {
  for (let n = stmt.nextNamedSibling; n; n = n.nextNamedSibling) if (n.type !== 'comment') return n;
  return null;
}

/** Merges plans for neighbouring statements of one block that touch the same object. */
function mergeNeighbours(plans: Plan[]): void {
  const simple = plans.filter((p) => !p.ifNode).sort((a, b) => a.region[0].startIndex - b.region[0].startIndex);
  const groups: { key: string; stmts: Node[]; plans: Plan[] }[] = [];
  for (const p of simple) {
    // Same object, and the regions touch or overlap (same block, consecutive statements).
    // (A statement inside one the group wraps already, `_counts[k] += 1` in an EAFP `try:`, is covered by it.)
    const covered = (s: Node, g: { stmts: Node[] }) => g.stmts.some((x) => x.startIndex <= s.startIndex && s.endIndex <= x.endIndex);
    const group = groups.find((g) => {
      if (g.key !== p.key) return false;
      const last = g.stmts[g.stmts.length - 1];
      const next = nextStatement(last);
      return p.region.some((s) => covered(s, g)) || (next !== null && next.equals(p.region[0]));
    });
    if (group) {
      for (const s of p.region) if (!covered(s, group)) group.stmts.push(s);
      group.plans.push(p);
    } else {
      groups.push({ key: p.key, stmts: [...p.region], plans: [p] });
    }
  }
  for (const g of groups) {
    g.stmts.sort((a, b) => a.startIndex - b.startIndex);
    for (const p of g.plans) p.region = g.stmts;
  }
}

function fixesFor(plan: Plan, file: FixFile, env: FixEnv): Fix[] {
  const { src } = file;
  const method = enclosingFunction(plan.region[0]);
  const lock = lockFor(file, plan.target, method, env);
  if (!lock) return [];
  if (plan.region.some((s) => insideWithOf(s, lock.expr))) return [];
  const what = describe(plan.target);
  const out: Fix[] = [];
  // A new lock is re-entrant when any guarded region of this object may call back into code taking it.
  const reentrant = env.reentrant.has(objectKey(file, plan.target)) || mayReenter(plan.region, what);
  const finish = (title: string, region: Node[], body: (lockExpr: string) => TextEdit[] | null, safe: boolean, preferred: boolean) => {
    const edits = body(lock.expr);
    if (!edits) return;
    // Reusing a plain Lock around code that calls out could deadlock if that code takes the lock too;
    // any lock held while the region waits for another thread (`pool.submit(f).result()`) deadlocks
    // when that thread needs the lock, which no RLock prevents.
    const risky = (lock.plainExisting === true && mayReenter(region, what)) || waitsForOtherThreads(region);
    out.push({
      title,
      safety: safe && !risky ? 'safe' : 'unsafe',
      isPreferred: preferred || undefined,
      edits: mergeEdits(lock.create(reentrant), fileEdits(file, edits)),
    });
  };

  if (plan.ifNode) {
    const ifNode = plan.ifNode;
    const cond = ifNode.childForFieldName('condition');
    if (!cond) return [];
    // `v = D.get(k)` then `if v is None:`: the lookup is part of the test, inside the lock and when repeated.
    const lookup = lookupTested(ifNode, cond, what);
    if (lookup === null) return [];
    const pure = isPureTest(cond) && (!lookup || isPureTest(lookup));
    if (plan.lockedWith) {
      // The write is locked, the test is not: test again inside the lock.
      const w = plan.lockedWith;
      const wBody = w.childForFieldName('body');
      const stmts = wBody ? statementsOf(wBody) : [];
      if (stmts.length === 0 || !ownsLines(src, stmts[0]) || !ownsLines(src, stmts[stmts.length - 1])) return [];
      if (stmts[0].startPosition.row === w.startPosition.row) return [];
      const withLock = w.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren[0]?.childForFieldName('value')?.text ?? 'the lock';
      const unit = unitFor(file, stmts[0]);
      if (!unit) return [];
      // Writes between the test and the lock would make the second test see a different state.
      const before = statementsOf(ifNode.childForFieldName('consequence')!).filter((s) => s.endIndex <= w.startIndex);
      const writesBefore = before.some((s) => s.text.includes(what));
      // `v = compute(k)` before the lock: looking `v` up again inside it would overwrite the value to store.
      const lookupName = lookup?.namedChildren[0]?.childForFieldName('left')?.text;
      if (lookupName && before.some((s) => assignsName(s, lookupName))) return [];
      const indent = src.indentOf(stmts[0].startPosition.row);
      const again = lookup ? `${indent}${lookup.text}${src.eol}` : '';
      const edits = [
        ...wrapEdits(file, stmts[0], stmts[stmts.length - 1], `${again}${indent}if ${cond.text}:${src.eol}`, unit),
        ...keepText(file, cond),
        ...(lookup ? keepText(file, lookup) : []),
      ];
      out.push({
        title: `Test \`${what}\` again inside \`${withLock}\``,
        safety: pure && !writesBefore ? 'safe' : 'unsafe',
        isPreferred: true,
        edits: fileEdits(file, edits),
      });
      return out;
    }
    const first = lookup ?? ifNode;
    if (!regionOk(file, [first, ifNode])) return [];
    const unit = unitFor(file, ifNode);
    if (!unit) return [];
    const indent = src.indentOf(ifNode.startPosition.row);
    const consequence = ifNode.childForFieldName('consequence');
    const simpleIf = !ifNode.namedChildren.some((c) => c?.type === 'elif_clause' || c?.type === 'else_clause');
    const canDcl = simpleIf && consequence !== null && publishesOnce(consequence, what);
    const dcl = canDcl && pure;
    finish(
      `Guard the test and the update of \`${what}\` with \`${lock.name}\``,
      [first, ifNode],
      (expr) => wrapEdits(file, first, ifNode, `${indent}with ${expr}:${src.eol}`, unit),
      true,
      !dcl,
    );
    if (canDcl) {
      const again = lookup ? `${indent}${unit}${unit}${lookup.text}${src.eol}` : '';
      finish(
        `Use double-checked locking for \`${what}\` with \`${lock.name}\``,
        [ifNode],
        (expr) => [
          ...wrapEdits(file, ifNode, ifNode, `${indent}if ${cond.text}:${src.eol}${indent}${unit}with ${expr}:${src.eol}${again}`, unit, 2),
          ...keepText(file, cond),
          ...(lookup ? keepText(file, lookup) : []),
        ],
        pure,
        dcl,
      );
    }
    return out;
  }

  if (!regionOk(file, plan.region)) return [];
  const first = plan.region[0];
  const last = plan.region[plan.region.length - 1];
  const unit = unitFor(file, first);
  if (!unit) return [];
  const indent = src.indentOf(first.startPosition.row);
  const noun = plan.finding.code === 'TL006' ? 'update' : plan.finding.code === 'TL012' ? 'use' : 'change';
  finish(
    plan.finding.code === 'TL005' ? `Guard the lookup and the update of \`${what}\` with \`${lock.name}\`` : `Guard \`${what}\` ${noun} with \`${lock.name}\``,
    plan.region,
    (expr) => wrapEdits(file, first, last, `${indent}with ${expr}:${src.eol}`, unit),
    true,
    true,
  );
  return out;
}

export interface LockPlans {
  plans: Plan[];
}

/** The lock plans of a file (neighbours merged); `noteReentrant` records objects whose regions may re-enter. */
export function lockPlans(file: FixFile, env: FixEnv): LockPlans {
  const plans: Plan[] = [];
  for (const f of file.findings) {
    const plan = planFor(f, file, env);
    if (plan) plans.push(plan);
  }
  mergeNeighbours(plans);
  for (const plan of plans) {
    if (mayReenter(plan.region, describe(plan.target))) env.reentrant.add(objectKey(file, plan.target));
  }
  return { plans };
}

/** Lock fixes for the planned findings of a file (call after every file's `lockPlans`). */
export function lockFixes(file: FixFile, env: FixEnv, planned: LockPlans): Map<Finding, Fix[]> {
  const out = new Map<Finding, Fix[]>();
  for (const plan of planned.plans) {
    const fixes = fixesFor(plan, file, env);
    if (fixes.length > 0) out.set(plan.finding, fixes);
  }
  return out;
}
