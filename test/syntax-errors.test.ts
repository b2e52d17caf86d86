/**
 * Where the per-file pass says the syntax errors are (`syntaxErrorSpans`,
 * which enters only the subtrees holding an error) must be where tree-sitter
 * itself lists them: every ERROR node (`descendantsOfType('ERROR')`, which
 * walks the whole tree), or, when there is none, every MISSING token. The
 * fixture and example files are broken at random (fixed seed) the way typing
 * breaks code: a character, a bracket, a colon or a keyword inserted, a range
 * deleted, a closing bracket or colon deleted, a line dedented.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { spanOf, syntaxErrorSpans } from '../server/src/core/analysis/collect';
import type { Span } from '../server/src/core/analysis/summary';
import { createParser } from '../server/src/core/parser';
import { pythonFiles } from './helpers/fixtures';
import { Rng } from './helpers/robustness';

const ROOT = join(__dirname, '..');


/** tree-sitter's own answer: a walk of every node. */
function oracle(root: Node): Span[] {
  const errors = root.descendantsOfType('ERROR').flatMap((n) => (n ? [spanOf(n)] : []));
  if (errors.length > 0) return errors;
  const missing: Span[] = [];
  const visit = (n: Node): void => {
    if (n.isMissing) missing.push(spanOf(n));
    else if (n.hasError) for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return missing;
}

const BREAKS = ['(', ')', '[', ']', '{', '}', ':', '=', ',', '"', "'", '"""', '\\', 'def ', 'class ', 'if ', 'else:', 'lambda', '@', '\n', '\n    ', ' ', 'x'];

function breakText(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(4)) {
    case 3: {
      // A closing bracket or a block's colon deleted: tree-sitter often inserts a MISSING token.
      const closers = [...text.matchAll(/[)\]}:]/g)];
      if (closers.length === 0) return text;
      const c = closers[rng.int(closers.length)].index!;
      return text.slice(0, c) + text.slice(c + 1);
    }
    case 0:
      return text.slice(0, at) + BREAKS[rng.int(BREAKS.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rng.int(40)));
    default: {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      return text.slice(0, lineStart) + text.slice(lineStart).replace(/^ {1,4}/, '');
    }
  }
}

test('syntax errors are found where tree-sitter lists them, in the same order', async () => {
  const parser = await createParser();
  const files = [...pythonFiles(join(ROOT, 'test', 'fixtures')), ...pythonFiles(join(ROOT, 'examples'))];
  assert.ok(files.length > 40, `only ${files.length} files`);
  const rng = new Rng(20261125);
  let broken = 0;
  let withMissing = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    let text = original;
    for (let i = 0; i < 16; i++) {
      // One break at a time from the file as it is (MISSING tokens are common then), or on top of the previous ones.
      text = breakText(i % 2 === 0 ? original : text, rng);
      const tree = parser.parse(text)!;
      try {
        const expected = oracle(tree.rootNode);
        assert.deepEqual(syntaxErrorSpans(tree.rootNode), expected, `${file} after ${i + 1} breaks`);
        if (expected.length > 0) broken++;
        if (expected.length > 0 && tree.rootNode.descendantsOfType('ERROR').length === 0) withMissing++;
      } finally {
        tree.delete();
      }
    }
  }
  // The comparison has seen both kinds of error, many times (the counts move with the fixture files; these floors leave room).
  assert.ok(broken > 300, `only ${broken} broken versions`);
  assert.ok(withMissing >= 10, `only ${withMissing} versions with MISSING tokens and no ERROR node`);
});
