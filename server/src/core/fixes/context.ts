/**
 * What a fix is computed from: the file's current text and a fresh syntax
 * tree (re-parsed only for files that have findings), the file's summary when
 * the caller has one, the other findings of the file (fixes for neighbouring
 * statements are merged), and the summaries of the whole workspace (to refuse
 * a rewrite that would break another file's import). Also the one place that
 * adds an import for a name a fix needs.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { FileSummary } from '../analysis/summary';
import type { Finding, Fix, TextEdit } from '../types';
import { descendants, importForms, importInsertOffset, nameIsFree, stdlibImportPlace } from './python';
import { SourceText } from './text';

export interface FixFile {
  path: string;
  src: SourceText;
  tree: Tree;
  root: Node;
  summary?: FileSummary;
  /** The findings of this file (all of them, for merging neighbouring fixes). */
  findings: Finding[];
}

export interface FixEnv {
  summaries: readonly FileSummary[];
  summaryOf(path: string): FileSummary | undefined;
  /** Another file of the workspace, parsed on demand (for fixes that also edit the file defining an object). */
  fileAt(path: string): FixFile | undefined;
  /** Keys of objects (see lock.ts) some guarded region of which may call back into code taking the same lock. */
  reentrant: Set<string>;
}

/** Merges per-path edit lists. */
export function mergeEdits(...parts: Fix['edits'][]): Fix['edits'] {
  const out: Fix['edits'] = [];
  for (const part of parts) {
    for (const entry of part) {
      const have = out.find((e) => e.path === entry.path);
      if (have) have.edits.push(...entry.edits);
      else out.push({ path: entry.path, edits: [...entry.edits] });
    }
  }
  return out;
}

/** One kind of fix: given a finding of its file, zero or more fixes. */
export type Fixer = (finding: Finding, file: FixFile, env: FixEnv) => Fix[];

/** Edits of one file as a Fix's `edits` entry. */
export function fileEdits(file: FixFile, edits: TextEdit[]): Fix['edits'] {
  return [{ path: file.path, edits }];
}

/**
 * An expression naming `module.member` in this file (`threading.Lock`, `Lock`,
 * `th.Lock`), and the edits that make it available: nothing when it already
 * is, the member added to an existing `from module import ...`, or a new
 * `import module` placed before `before` (an offset where it is first used).
 */
export function ensureMember(file: FixFile, module: string, member: string, before: number, style: 'module' | 'from' = 'module'): { expr: string; edits: TextEdit[] } {
  const forms = importForms(file.root, module);
  const local = forms.names.get(member);
  if (local && forms.fromStatement && forms.fromStatement.startIndex < before) return { expr: local, edits: [] };
  // (An import below `before`, `import threading` after the function a lock goes above, binds the name too late.)
  const alias = forms.moduleAliases.find((_, i) => forms.moduleAliasAt[i] < before);
  if (alias) return { expr: `${alias}.${member}`, edits: [] };
  const from = forms.fromStatement;
  if (from && from.endIndex <= before && nameIsFree(file.root, member)) {
    const names = from.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const last = names[names.length - 1];
    if (last) return { expr: member, edits: [file.src.insert(last.endIndex, `, ${member}`)] };
  }
  if (style === 'from' && nameIsFree(file.root, member)) {
    const at = importInsertOffset(file.root, file.src, before);
    return { expr: member, edits: [file.src.insert(at, `from ${module} import ${member}${file.src.eol}${blankAfter(file, at)}`)] };
  }
  let bound = module;
  // (A name bound only by a later `import threading` of the same module may be imported again, earlier.)
  if (!nameIsFree(file.root, module) && !forms.moduleAliases.includes(module)) {
    // `threading` is some other name here (a local module, a parameter): import under a private alias.
    bound = `_${module}`;
    if (!nameIsFree(file.root, bound)) bound = module;
  }
  const { at, section } = stdlibImportPlace(file.root, file.src, module, before);
  const statement = bound === module ? `import ${module}` : `import ${module} as ${bound}`;
  return { expr: `${bound}.${member}`, edits: [file.src.insert(at, statement + file.src.eol + (section ? file.src.eol : blankAfter(file, at)))] };
}

/** Line breaks that keep a new import apart from code right below it. */
function blankAfter(file: FixFile, at: number): string {
  const { src } = file;
  if (at >= src.text.length) return '';
  const line = src.positionAt(at).line;
  const text = src.lineText(line);
  if (text.trim() === '' || /^(import|from)\s/.test(text) || text.startsWith('#')) return '';
  // Two blank lines above a top-level `def` or `class` (PEP 8, pycodestyle E302).
  return /^(def|class|async\s+def)\s|^@/.test(text) ? src.eol + src.eol : src.eol;
}

/** The summary's class index for a class_definition node (matched by the name's position). */
export function classIndexOf(summary: FileSummary | undefined, cls: Node): number {
  if (!summary) return -1;
  const name = cls.childForFieldName('name');
  if (!name) return -1;
  return summary.classes.findIndex((c) => c.span[0] === name.startPosition.row && c.span[1] === name.startPosition.column);
}

/** Whether another scanned file uses `module.name` (an import, a reference or an access). */
export function usedElsewhere(env: FixEnv, file: FixFile, name: string): boolean {
  const module = file.summary?.module;
  if (!module) return false;
  const chain = `${module}.${name}`;
  const hits = (c: string) => c === chain || c.startsWith(`${chain}.`);
  // `from module import *` elsewhere takes the name too, when the module exports it.
  const exported = file.summary?.exportsUnknown || (file.summary?.exports ? file.summary.exports.includes(name) : !name.startsWith('_'));
  const stem = module.slice(module.lastIndexOf('.') + 1);
  for (const s of env.summaries) {
    if (s.path === file.path) continue;
    if (exported && s.starImports.some((m) => m === module || m === stem || m.endsWith(`.${stem}`))) return true;
    for (const d of Object.values(s.defs)) if (d.value.k === 'import' && hits(d.value.target)) return true;
    if (s.refs.some((r) => hits(r.chain))) return true;
    if (s.accesses.some((a) => a.target.t === 'chain' && hits(a.target.chain))) return true;
  }
  return false;
}

/** Whether the module's `__all__` names `name`. */
export function exportedByAll(root: Node, name: string): boolean {
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment' && a?.type !== 'augmented_assignment') continue;
    if (a.childForFieldName('left')?.text !== '__all__') continue;
    const right = a.childForFieldName('right');
    if (right && descendants(right, 'string_content').some((s) => s.text === name)) return true;
  }
  return false;
}
