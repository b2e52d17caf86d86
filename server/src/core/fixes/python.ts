/**
 * Syntax-tree helpers for the fixes: find the node a finding points at, the
 * statement around it, whether a statement has its lines to itself, the body
 * of a function after its docstring, module-level statements and imports, and
 * where a new module-level line may go. Everything reads a web-tree-sitter
 * tree of the file's current text together with its `SourceText`.
 */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../types';
import { SourceText } from './text';

export const COMPOUND = new Set([
  'if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement',
  'function_definition', 'class_definition', 'decorated_definition', 'match_statement',
]);

export function isStatementNode(node: Node): boolean {
  const parent = node.parent;
  return parent !== null && (parent.type === 'block' || parent.type === 'module') && node.type !== 'comment';
}

/** The smallest node spanning `range`, widened to the node whose span equals it when one does. */
export function nodeAt(root: Node, src: SourceText, range: Range): Node | null {
  const start = src.offsetAt(range.start);
  const end = src.offsetAt(range.end);
  let node: Node | null = root.descendantForIndex(start, Math.max(start, end - 1));
  if (!node) return null;
  // descendantForIndex may stop at a child token; climb to the node that covers the whole range.
  while (node.parent && (node.startIndex > start || node.endIndex < end)) node = node.parent;
  // Prefer the outermost node with exactly this span (e.g. the `assignment`, not its `expression_statement`'s child).
  while (node.parent && node.parent.startIndex === start && node.parent.endIndex === end && node.parent.type !== 'module' && node.parent.type !== 'block' && !isStatementNode(node)) {
    node = node.parent;
  }
  return node;
}

export function enclosingStatement(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parent) if (isStatementNode(n)) return n;
  return null;
}

export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

export function enclosingClass(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'class_definition') return n;
    if (n.type === 'function_definition') return null;
  }
  return null;
}

/** The statement as it stands in its block: a decorated definition includes its decorators. */
export function outerStatement(node: Node): Node {
  return node.parent?.type === 'decorated_definition' ? node.parent : node;
}

/** The top-level (module child) statement containing `node`. */
export function topLevelStatement(node: Node): Node | null {
  let n: Node | null = node;
  while (n && n.parent && n.parent.type !== 'module') n = n.parent;
  return n && n.parent?.type === 'module' ? n : null;
}

/**
 * True when the statement starts its first line (only indentation before it)
 * and nothing but a comment follows it on its last line, so whole lines can be
 * indented, moved or removed.
 */
export function ownsLines(src: SourceText, stmt: Node): boolean {
  const first = stmt.startPosition.row;
  const before = src.text.slice(src.lineStart(first), stmt.startIndex);
  if (before.trim() !== '') return false;
  const last = stmt.endPosition.row;
  const after = src.text.slice(stmt.endIndex, src.lineEnd(last));
  return /^[ \t]*(#.*)?$/.test(after);
}

/** True when `offset` lies inside a string literal (not at its start): a line starting there is string content. */
export function insideString(root: Node, offset: number): boolean {
  for (let n: Node | null = root.descendantForIndex(offset, offset); n; n = n.parent) {
    if (n.type === 'string' && n.startIndex < offset && offset < n.endIndex) return true;
  }
  return false;
}

/** A string statement at the start of a block: the docstring. */
export function docstringOf(block: Node): Node | null {
  const first = block.namedChildren.find((c) => c && c.type !== 'comment');
  if (first?.type !== 'expression_statement' || first.namedChildCount !== 1) return null;
  const expr = first.namedChildren[0];
  if (!expr || (expr.type !== 'string' && expr.type !== 'concatenated_string')) return null;
  return first;
}

/** Named non-comment statements of a block. */
export function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** `a.b.c` of identifiers and attributes, or null. */
export function chainText(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const obj = chainText(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : null;
  }
  return null;
}

/** Every descendant (including `node`) of the given types. */
export function descendants(node: Node, types: ReadonlySet<string> | string): Node[] {
  const wanted = typeof types === 'string' ? new Set([types]) : types;
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (wanted.has(n.type)) out.push(n);
    for (const c of n.children) if (c) walk(c);
  };
  walk(node);
  return out;
}

/** Whether a region holds code that must not run under a threading lock (await, yield) or leaves it oddly. */
export function hasSuspension(node: Node): boolean {
  return descendants(node, new Set(['await', 'yield'])).some((n) => n.isNamed || n.parent?.type === 'await' || n.type === 'yield');
}

/** A literal whose value cannot change: None, True/False, numbers, plain strings, tuples of those. */
export function isImmutableLiteral(node: Node, src: SourceText): boolean {
  switch (node.type) {
    case 'none':
    case 'true':
    case 'false':
    case 'integer':
    case 'float':
      return true;
    case 'string': {
      const head = src.text.slice(node.startIndex, node.startIndex + 3);
      return !/^[a-eg-zA-EG-Z]*[fF]/.test(head);
    }
    case 'concatenated_string':
      return node.namedChildren.every((c) => c !== null && isImmutableLiteral(c, src));
    case 'unary_operator':
      return node.namedChildren.every((c) => c !== null && isImmutableLiteral(c, src));
    case 'tuple':
    case 'parenthesized_expression':
      return node.namedChildren.every((c) => c !== null && c.type !== 'comment' && isImmutableLiteral(c, src));
    default:
      return false;
  }
}

/** Module-level import statements, in order. */
export function topLevelImports(root: Node): Node[] {
  return root.namedChildren.filter(
    (c): c is Node => c !== null && (c.type === 'import_statement' || c.type === 'import_from_statement' || c.type === 'future_import_statement'),
  );
}

export interface ImportForms {
  /** Local names bound to the module itself (`import threading`, `import threading as th`). */
  moduleAliases: string[];
  /** Where the import statement binding each of `moduleAliases` starts (code above it cannot use the name). */
  moduleAliasAt: number[];
  /** Imported member -> local name (`from threading import Lock as L`: Lock -> L). */
  names: Map<string, string>;
  /** The first `from <module> import ...` statement (not `*`), to extend. */
  fromStatement: Node | null;
}

/** How a module and its members are imported at module level. */
export function importForms(root: Node, module: string): ImportForms {
  const out: ImportForms = { moduleAliases: [], moduleAliasAt: [], names: new Map(), fromStatement: null };
  for (const stmt of topLevelImports(root)) {
    if (stmt.type === 'import_statement') {
      for (const c of stmt.namedChildren) {
        if (!c) continue;
        if (c.type === 'dotted_name' && c.text === module) {
          out.moduleAliases.push(module);
          out.moduleAliasAt.push(stmt.startIndex);
        } else if (c.type === 'aliased_import' && c.childForFieldName('name')?.text === module) {
          const alias = c.childForFieldName('alias')?.text;
          if (alias) {
            out.moduleAliases.push(alias);
            out.moduleAliasAt.push(stmt.startIndex);
          }
        }
      }
    } else if (stmt.type === 'import_from_statement') {
      const name = stmt.childForFieldName('module_name');
      if (!name || name.type !== 'dotted_name' || name.text !== module) continue;
      if (stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
      if (!out.fromStatement) out.fromStatement = stmt;
      for (const c of stmt.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'dotted_name') out.names.set(c.text, c.text);
        else if (c.type === 'aliased_import') {
          const n = c.childForFieldName('name')?.text;
          const alias = c.childForFieldName('alias')?.text;
          if (n && alias) out.names.set(n, alias);
        }
      }
    }
  }
  return out;
}

/**
 * Where a new module-level import goes: after the last module-level import
 * that ends before `before` (an offset), else after the module docstring and
 * the leading comments.
 */
export function importInsertOffset(root: Node, src: SourceText, before: number): number {
  let last: Node | null = null;
  for (const stmt of topLevelImports(root)) if (stmt.endIndex <= before) last = stmt;
  if (last) return src.nextLineStart(last.endPosition.row);
  return moduleHeaderEnd(root, src);
}

/**
 * Top-level modules of the Python standard library: CPython 3.11's
 * `sys.stdlib_module_names`, without the private ones. Only used to place a
 * new `import` where an import sorter (isort, Ruff's `I` rules) would put it.
 */
const STDLIB = new Set([
  'abc', 'aifc', 'antigravity', 'argparse', 'array', 'ast', 'asynchat', 'asyncio', 'asyncore',
  'atexit', 'audioop', 'base64', 'bdb', 'binascii', 'bisect', 'builtins', 'bz2', 'cProfile',
  'calendar', 'cgi', 'cgitb', 'chunk', 'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections',
  'colorsys', 'compileall', 'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy',
  'copyreg', 'crypt', 'csv', 'ctypes', 'curses', 'dataclasses', 'datetime', 'dbm', 'decimal',
  'difflib', 'dis', 'distutils', 'doctest', 'email', 'encodings', 'ensurepip', 'enum', 'errno',
  'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch', 'fractions', 'ftplib', 'functools',
  'gc', 'genericpath', 'getopt', 'getpass', 'gettext', 'glob', 'graphlib', 'grp', 'gzip', 'hashlib',
  'heapq', 'hmac', 'html', 'http', 'idlelib', 'imaplib', 'imghdr', 'imp', 'importlib', 'inspect',
  'io', 'ipaddress', 'itertools', 'json', 'keyword', 'lib2to3', 'linecache', 'locale', 'logging',
  'lzma', 'mailbox', 'mailcap', 'marshal', 'math', 'mimetypes', 'mmap', 'modulefinder', 'msilib',
  'msvcrt', 'multiprocessing', 'netrc', 'nis', 'nntplib', 'nt', 'ntpath', 'nturl2path', 'numbers',
  'opcode', 'operator', 'optparse', 'os', 'ossaudiodev', 'pathlib', 'pdb', 'pickle', 'pickletools',
  'pipes', 'pkgutil', 'platform', 'plistlib', 'poplib', 'posix', 'posixpath', 'pprint', 'profile',
  'pstats', 'pty', 'pwd', 'py_compile', 'pyclbr', 'pydoc', 'pydoc_data', 'pyexpat', 'queue',
  'quopri', 'random', 're', 'readline', 'reprlib', 'resource', 'rlcompleter', 'runpy', 'sched',
  'secrets', 'select', 'selectors', 'shelve', 'shlex', 'shutil', 'signal', 'site', 'smtpd',
  'smtplib', 'sndhdr', 'socket', 'socketserver', 'spwd', 'sqlite3', 'sre_compile', 'sre_constants',
  'sre_parse', 'ssl', 'stat', 'statistics', 'string', 'stringprep', 'struct', 'subprocess', 'sunau',
  'symtable', 'sys', 'sysconfig', 'syslog', 'tabnanny', 'tarfile', 'telnetlib', 'tempfile',
  'termios', 'textwrap', 'this', 'threading', 'time', 'timeit', 'tkinter', 'token', 'tokenize',
  'tomllib', 'trace', 'traceback', 'tracemalloc', 'tty', 'turtle', 'turtledemo', 'types', 'typing',
  'unicodedata', 'unittest', 'urllib', 'uu', 'uuid', 'venv', 'warnings', 'wave', 'weakref',
  'webbrowser', 'winreg', 'winsound', 'wsgiref', 'xdrlib', 'xml', 'xmlrpc', 'zipapp', 'zipfile',
  'zipimport', 'zlib', 'zoneinfo',
]);

/** The top-level module a module-level import statement names first (`os` for `import os.path`, `django` for `from django.db import x`); '' for relative imports. */
function importedTop(stmt: Node): string {
  const first = stmt.type === 'import_statement' ? stmt.childrenForFieldName('name')[0] : stmt.childForFieldName('module_name');
  const dotted = first?.type === 'aliased_import' ? first.childForFieldName('name') : first;
  if (!dotted || dotted.type !== 'dotted_name') return '';
  return dotted.namedChildren[0]?.text ?? '';
}

/**
 * Where `import MODULE` of a standard-library module goes, so that an import
 * sorter would leave it there: in alphabetical order among the plain imports
 * of the standard library; else just before the first standard-library
 * `from` import; else before the first other import (after `from __future__`),
 * set apart by a blank line as its own section. Only imports that end before
 * `before` count; with none, importInsertOffset decides.
 */
export function stdlibImportPlace(root: Node, src: SourceText, module: string, before: number): { at: number; section: boolean } {
  if (!STDLIB.has(module.split('.')[0])) return { at: importInsertOffset(root, src, before), section: false };
  const imports = topLevelImports(root).filter((s) => s.endIndex <= before && s.type !== 'future_import_statement');
  const plain = imports.filter((s) => s.type === 'import_statement' && STDLIB.has(importedTop(s)));
  if (plain.length > 0) {
    const after = plain.find((s) => importedTop(s).toLowerCase() > module.toLowerCase());
    return { at: after ? src.lineStart(after.startPosition.row) : src.nextLineStart(plain[plain.length - 1].endPosition.row), section: false };
  }
  const fromStd = imports.find((s) => s.type === 'import_from_statement' && STDLIB.has(importedTop(s)));
  if (fromStd) return { at: src.lineStart(fromStd.startPosition.row), section: false };
  if (imports.length > 0) return { at: src.lineStart(imports[0].startPosition.row), section: true };
  return { at: importInsertOffset(root, src, before), section: false };
}

/** The offset after the shebang, encoding line, leading comments and module docstring. */
export function moduleHeaderEnd(root: Node, src: SourceText): number {
  const first = root.namedChildren.find((c) => c && c.type !== 'comment');
  if (first && first.type === 'expression_statement' && docstringOf(root) === first) {
    return src.nextLineStart(first.endPosition.row);
  }
  let line = 0;
  while (line < src.lineCount - 1 && /^[ \t]*#/.test(src.lineText(line))) line++;
  return src.lineStart(line);
}

const identifierCache = new WeakMap<Node, Set<string>>();

/** Every identifier used in the tree (names in code, not in strings or comments). */
export function identifierNames(root: Node): Set<string> {
  let names = identifierCache.get(root);
  if (!names) {
    names = new Set();
    for (const n of descendants(root, 'identifier')) names.add(n.text);
    identifierCache.set(root, names);
  }
  return names;
}

/** True when no identifier of the file is `name`, so a new binding of it cannot clash. */
/**
 * The identifiers that use a name as a variable: not an attribute's member (`threading.local`),
 * a keyword argument's name, or the names an import statement binds.
 */
export function nameUses(root: Node, name: string): Node[] {
  return descendants(root, 'identifier').filter((i) => {
    if (i.text !== name) return false;
    const p = i.parent;
    if (!p) return true;
    if (p.type === 'aliased_import') return false;
    // A dotted name is a use in a pattern (`case local():`, `case state.IDLE:`), by its first part;
    // in an import it names a module or what is imported.
    if (p.type === 'dotted_name') {
      const statement = p.parent?.type === 'aliased_import' ? p.parent.parent : p.parent;
      if (statement?.type === 'import_statement' || statement?.type === 'import_from_statement' || statement?.type === 'future_import_statement') return false;
      return p.namedChildren[0]?.equals(i) ?? false;
    }
    if (p.type === 'attribute' && p.childForFieldName('attribute')?.equals(i)) return false;
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.equals(i)) return false;
    return true;
  });
}

export function nameIsFree(root: Node, name: string): boolean {
  return !identifierNames(root).has(name);
}

/** A lock name derived from what it guards: `_cache` -> `_cache_lock`, `CACHE` -> `_cache_lock`. */
export function lockNameFor(name: string): string {
  const base = name.replace(/^_+/, '').toLowerCase() || 'state';
  return `_${base}_lock`;
}

/** Quote characters of the f-strings whose replacement fields enclose `node` (text put there must not use them before Python 3.12). */
export function enclosingQuotes(node: Node): Set<string> {
  const out = new Set<string>();
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'string') continue;
    const start = n.children.find((c) => c?.type === 'string_start')?.text ?? n.text.slice(0, 2);
    const quote = /["']/.exec(start)?.[0];
    if (quote) out.add(quote);
  }
  return out;
}

/** A string literal `text` written with a quote that is not forbidden, or null when it cannot be. */
export function quoted(value: string, forbidden: Set<string>): string | null {
  for (const q of ['"', "'"]) {
    if (forbidden.has(q) || value.includes(q) || value.includes('\\')) continue;
    return `${q}${value}${q}`;
  }
  return null;
}

/** A literal's source text made usable inside f-strings quoted with `forbidden`, or null. */
export function literalFor(node: Node, forbidden: Set<string>): string | null {
  const text = node.text;
  if (![...forbidden].some((q) => text.includes(q))) return text;
  if (node.type === 'string') {
    const content = node.children.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    const start = node.children.find((c) => c?.type === 'string_start')?.text ?? '';
    if (!/^["']$/.test(start) || node.children.some((c) => c?.type === 'escape_sequence' || c?.type === 'interpolation')) return null;
    return quoted(content, forbidden);
  }
  return null;
}
