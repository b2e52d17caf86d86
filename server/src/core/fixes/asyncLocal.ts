/**
 * threading.local in async code (TL011) → `asgiref.local.Local()`: the
 * module-level `threading.local()` the finding names is created as an
 * asgiref `Local` instead, which keeps one value per task in async code and
 * behaves like threading.local in threads; every use stays as it is. Offered
 * only where asgiref is at hand: the workspace imports Django or asgiref.
 *
 * Unsafe: each coroutine now has its own values (the point), and code run
 * through `sync_to_async`/`async_to_sync` shares them with its caller, as
 * asgiref documents; a threading.local subclass is left alone.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix } from '../types';
import { ensureMember, exportedByAll, fileEdits, usedElsewhere, type FixEnv, type FixFile } from './context';
import { importForms, nameUses, nodeAt, ownsLines, topLevelImports } from './python';

function usesAsgiref(env: FixEnv, file: FixFile): boolean {
  const summaries = env.summaries.length > 0 ? env.summaries : file.summary ? [file.summary] : [];
  return summaries.some((s) => Object.values(s.defs).some((d) => d.value.k === 'import' && /^(django|asgiref)(\.|$)/.test(d.value.target)));
}

export function asyncLocalFix(finding: Finding, file: FixFile, env: FixEnv): Fix[] {
  if (finding.code !== 'TL011' || !usesAsgiref(env, file)) return [];
  for (const r of finding.related) {
    if (r.path !== file.path) continue;
    const id = nodeAt(file.root, file.src, r.range);
    const assignment = id?.parent;
    if (id?.type !== 'identifier' || assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(id)) continue;
    if (assignment.parent?.parent?.type !== 'module') continue;
    const call = assignment.childForFieldName('right');
    if (call?.type !== 'call' || (call.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) continue;
    const callee = call.childForFieldName('function')?.text ?? '';
    const threading = importForms(file.root, 'threading');
    const isLocal =
      threading.moduleAliases.some((a) => callee === `${a}.local`) ||
      threading.names.get('local') === callee ||
      callee === '_threading_local.local';
    if (!isLocal) continue;
    const local = ensureMember(file, 'asgiref.local', 'Local', assignment.startIndex, 'from');
    // `from threading import local` there for this one call goes (no unused import left behind).
    const sole = soleFromImport(file, env, callee);
    const { src } = file;
    const dropImport = sole ? [src.edit(src.lineStarts[sole.startPosition.row], src.lineStarts[sole.endPosition.row + 1] ?? src.text.length, '')] : [];
    return [
      {
        title: `Create \`${id.text}\` with \`asgiref.local.Local()\` (one value per task in async code)`,
        safety: 'unsafe',
        isPreferred: true,
        edits: fileEdits(file, [...local.edits, ...dropImport, src.edit(call.startIndex, call.endIndex, `${local.expr}()`)]),
      },
    ];
  }
  return [];
}

/**
 * The statement `from threading import local` (or `… import local as L`) when it imports only the
 * name the call uses, owns its lines, the call is that name's one use, and no other module takes
 * the name from this one: the fix removes it.
 */
function soleFromImport(file: FixFile, env: FixEnv, callee: string): Node | null {
  if (callee.includes('.')) return null;
  for (const stmt of topLevelImports(file.root)) {
    if (stmt.type !== 'import_from_statement' || stmt.childForFieldName('module_name')?.text !== 'threading') continue;
    const names = stmt.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length !== 1) continue;
    const n = names[0];
    const bound = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
    const member = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
    if (member !== 'local' || bound !== callee) continue;
    if (nameUses(file.root, callee).length !== 1 || usedElsewhere(env, file, callee) || exportedByAll(file.root, callee)) return null;
    return ownsLines(file.src, stmt) ? stmt : null;
  }
  return null;
}
