/**
 * Lock → RLock (TL010): the lock's creation `threading.Lock()` (or `Lock()`
 * from `from threading import Lock`, or an alias) becomes `RLock()`, so the
 * thread holding it may acquire it again.
 *
 * Unsafe: the re-entered code now runs while the outer holder may have left
 * the data half-updated, and an RLock may only be released by the thread that
 * holds it (code that releases the lock from another thread, using it as a
 * signal, breaks).
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, Fix } from '../types';
import { ensureMember, exportedByAll, fileEdits, usedElsewhere, type FixEnv, type FixFile } from './context';
import { importForms, nameIsFree, nameUses, nodeAt } from './python';

/** The `Lock` callee of the assignment that created the lock at a related location. */
function lockCreation(finding: Finding, file: FixFile): Node | null {
  for (const r of [...finding.related].reverse()) {
    if (r.path !== file.path) continue;
    const node = nodeAt(file.root, file.src, r.range);
    if (!node || (node.type !== 'identifier' && node.type !== 'attribute')) continue;
    const assignment = node.parent;
    if (assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(node)) continue;
    const call = assignment.childForFieldName('right');
    if (call?.type !== 'call') continue;
    const callee = call.childForFieldName('function');
    if (callee) return callee;
  }
  return null;
}

export function rlockFix(finding: Finding, file: FixFile, env: FixEnv): Fix[] {
  if (finding.code !== 'TL010') return [];
  const callee = lockCreation(finding, file);
  if (!callee) return [];
  // `_lock.locked()`: an RLock has no `locked()` before Python 3.14, so that call would raise.
  const target = callee.parent?.parent?.childForFieldName('left')?.text;
  if (target !== undefined && file.src.text.includes(`${target}.locked(`)) return [];
  const { src } = file;
  let edits;
  if (callee.type === 'attribute') {
    const attr = callee.childForFieldName('attribute');
    // `threading.Lock()` only: `asyncio.Lock` has no re-entrant sibling, `_thread` neither.
    const module = callee.childForFieldName('object')?.text ?? '';
    if (attr?.text !== 'Lock' || !importForms(file.root, 'threading').moduleAliases.includes(module)) return [];
    edits = [src.edit(attr.startIndex, attr.endIndex, 'RLock')];
  } else if (callee.type === 'identifier') {
    const forms = importForms(file.root, 'threading');
    const imported = [...forms.names.entries()].find(([, local]) => local === callee.text);
    if (!imported || imported[0] !== 'Lock') return [];
    // (The annotation of `_lock: Lock = Lock()` changes with the call, below.)
    const typeOf = callee.parent?.parent?.type === 'assignment' ? callee.parent.parent.childForFieldName('type') : null;
    const uses = nameUses(file.root, callee.text).filter((n) => !(typeOf !== null && n.parent?.equals(typeOf)));
    // `Lock` or `Lock as L`, as the from-import names it.
    const importName = forms.fromStatement
      ?.childrenForFieldName('name')
      .find((n) =>
        n?.type === 'dotted_name'
          ? n.text === 'Lock' && callee.text === 'Lock'
          : n?.type === 'aliased_import' && n.childForFieldName('name')?.text === 'Lock' && n.childForFieldName('alias')?.text === callee.text,
      );
    const reexported = usedElsewhere(env, file, callee.text) || exportedByAll(file.root, callee.text);
    if (uses.length === 1 && importName && !reexported && !forms.names.has('RLock') && nameIsFree(file.root, 'RLock')) {
      // `Lock` is imported for this one call: import RLock instead, leaving no unused import behind.
      edits = [src.edit(importName.startIndex, importName.endIndex, 'RLock'), src.edit(callee.startIndex, callee.endIndex, 'RLock')];
    } else {
      const rlock = ensureMember(file, 'threading', 'RLock', callee.startIndex);
      edits = [...rlock.edits, src.edit(callee.startIndex, callee.endIndex, rlock.expr)];
    }
  } else {
    return [];
  }
  // `_lock: Lock = Lock()`: the annotation names the new type too.
  const annotation = callee.parent?.parent?.type === 'assignment' ? callee.parent.parent.childForFieldName('type') : null;
  const replaced = edits.find((e) => e.range.start.line === callee.startPosition.row && e.newText.endsWith('RLock'));
  if (annotation && annotation.text === callee.text && replaced) {
    const prefix = callee.type === 'attribute' ? callee.text.slice(0, callee.text.lastIndexOf('.') + 1) : '';
    edits.push(src.edit(annotation.startIndex, annotation.endIndex, prefix + replaced.newText));
  }
  return [
    {
      title: `Make \`${callee.text}()\` a re-entrant \`RLock()\``,
      safety: 'unsafe',
      isPreferred: true,
      edits: fileEdits(file, edits),
    },
  ];
}
