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
import type { Finding, Fix } from '../types';
import { ensureMember, fileEdits, type FixEnv, type FixFile } from './context';
import { importForms, nodeAt } from './python';

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
    return [
      {
        title: `Create \`${id.text}\` with \`asgiref.local.Local()\` (one value per task in async code)`,
        safety: 'unsafe',
        isPreferred: true,
        edits: fileEdits(file, [...local.edits, file.src.edit(call.startIndex, call.endIndex, `${local.expr}()`)]),
      },
    ];
  }
  return [];
}
