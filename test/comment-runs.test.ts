/**
 * Long runs of comment lines are hidden from the parser (server/src/core/commentRuns.ts): the
 * grammar's scanner reads a run of n comment lines n times over. Hiding them must change nothing
 * the analysis sees: the same summaries as a plain parse, node text with its comments, the plain
 * parse whenever a "comment" line was really inside a string, and in the editor the same
 * summaries after any edit as when the text is opened afresh.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { collect } from '../server/src/core/analysis/collect';
import { analyzeFile } from '../server/src/core/analyzeFile';
import { commentRuns, fullLineComments, MIN_RUN, parseHidingCommentRuns, parseWithoutCommentRuns } from '../server/src/core/commentRuns';
import { createParser } from '../server/src/core/parser';
import { OpenDocument } from '../server/src/lsp/documents';
import { pythonFiles } from './helpers/fixtures';
import { mulberry32 as random } from './helpers/robustness';

const ROOT = join(__dirname, '..');
const OPTIONS = { lockFactories: [], threadSafeTypes: [], maxFileBytes: 4 * 1024 * 1024 };

let parser: Parser;
before(async () => {
  parser = await createParser();
});

const RUN = ['    # one', '    # two', '', '    # three'];
const SOURCE = [
  'import threading',
  'CACHE = {}',
  '',
  'def view(request, key):',
  ...RUN,
  '    CACHE[key] = request.user  # stored',
  '    return call(',
  '        # first argument',
  '        # second argument',
  '        # third argument',
  '        key,',
  '    )',
  '',
].join('\n');

function summaryOf(tree: ReturnType<Parser['parse']>, text: string) {
  assert.ok(tree);
  return collect(tree, { path: '/m.py', module: 'm', isPackage: false, source: text }, OPTIONS);
}

describe('comment runs', () => {
  test('runs of comment lines alone on their lines, and nothing else', () => {
    const found = commentRuns(SOURCE);
    assert.ok(found);
    assert.equal(found.lines, 6, 'three comment lines in each of the two runs');
    const text = (r: [number, number]) => SOURCE.slice(r[0], r[1]);
    assert.deepEqual(found.runs.map(text), ['# one\n    # two\n\n    # three', '# first argument\n        # second argument\n        # third argument'], 'blank lines do not break a run');
    assert.ok(!found.runs.some((r) => text(r).includes('# stored')), 'a comment after code is not in a run');
    assert.equal(commentRuns('x = 1\n# a\n# b\ny = 2\n'), undefined, `runs shorter than ${MIN_RUN} are left alone`);
    const crlf = commentRuns('# a\r\n# b\r\n# c\r\nx = 1\r\n');
    assert.deepEqual(crlf?.runs, [[0, 13]], 'a run ends before the CRLF line break, which stays whole');
  });

  test('lines in string literals are not comments, whatever the quotes', () => {
    const inStrings = [
      's = """',
      '# a',
      '# b',
      '# c',
      '"""',
      "t = r'''\\'''",
      '# d',
      '# e',
      '# f',
      "'''",
      'u = "\\"#" + \'#\'',
      'v = f"{x}"  # tail',
      'w = "unterminated',
      '# g',
      '# h',
      '# i',
    ].join('\n');
    const comments = fullLineComments(inStrings).map(([start]) => inStrings.slice(start).split('\n')[0]);
    assert.deepEqual(comments, ['# g', '# h', '# i'], 'only the lines after the unterminated string, which ends at its line');
  });

  test('a parse with runs hidden summarises exactly like a plain one, and nodes read their text with comments', () => {
    const tree = parseWithoutCommentRuns(parser, SOURCE);
    const plain = parser.parse(SOURCE);
    assert.ok(tree && plain);
    assert.deepEqual(summaryOf(tree, SOURCE), summaryOf(plain, SOURCE));
    const call = tree.rootNode.descendantForIndex(SOURCE.indexOf('call(') + 1)!.parent!;
    assert.equal(call.type, 'call');
    assert.equal(call.text, SOURCE.slice(SOURCE.indexOf('call('), SOURCE.indexOf('    )') + 5), 'the argument list with its comments');
    assert.ok(!tree.rootNode.descendantsOfType('comment').some((c) => c?.text.includes('argument')), 'the run was hidden from the parser');
    tree.delete();
    plain.delete();
  });

  test("the runs are also outside the parser's included ranges, so its lexer jumps over them", () => {
    const hidden = parseHidingCommentRuns(parser, SOURCE)!;
    const ranges = hidden.tree.getIncludedRanges();
    const firstRun = [SOURCE.indexOf('# one'), SOURCE.indexOf('# three') + '# three'.length];
    const secondRun = [SOURCE.indexOf('# first'), SOURCE.indexOf('# third argument') + '# third argument'.length];
    assert.deepEqual(
      ranges.map((r) => [r.startIndex, r.endIndex]).slice(0, 2),
      [[0, firstRun[0]], [firstRun[1], secondRun[0]]],
    );
    assert.equal(ranges.length, 3);
    assert.equal(ranges[2].startIndex, secondRun[1]);
    assert.deepEqual(ranges[1].startPosition, { row: 7, column: 11 }, 'positions in UTF-16 columns, like the offsets');
    hidden.tree.delete();
  });

  test('every fixture and example summarises the same with runs hidden', () => {
    let blanked = 0;
    for (const path of [...pythonFiles(join(ROOT, 'test', 'fixtures')), ...pythonFiles(join(ROOT, 'examples'))]) {
      const text = readFileSync(path, 'utf8');
      if (commentRuns(text)) blanked++;
      const tree = parseWithoutCommentRuns(parser, text);
      const plain = parser.parse(text);
      assert.deepEqual(summaryOf(tree, text), summaryOf(plain, text), path);
      tree?.delete();
      plain?.delete();
    }
    assert.ok(blanked >= 5, `${blanked} files with comment runs`);
  });

  test('comments between the items of a literal change nothing, hidden or not', () => {
    // Found by editing real files at random: a tuple with comment lines among its items was not a literal.
    const text = ['WORDS = (', "    'a', 'b',", '    # one', '    # two', '    # three', "    'c',", ')', ''].join('\n');
    const plain = parser.parse(text)!;
    const hidden = parseWithoutCommentRuns(parser, text)!;
    const kinds = [plain, hidden].map((tree) => summaryOf(tree, text).defs.WORDS?.value);
    assert.deepEqual(kinds, [{ k: 'immutable' }, { k: 'immutable' }]);
    plain.delete();
    hidden.delete();
  });

  test('when the tokenizer is wrong about a string, the plain parse is used', () => {
    // Python 3.12 allows the enclosing quotes inside an f-string's replacement field; the
    // tokenizer ends the string early and takes the lines after for comments.
    const text = ['s = f"""{\'"""\'}', '# a', '# b', '# c', '"""', 'x = 1', ''].join('\n');
    assert.ok(commentRuns(text), 'the tokenizer takes the three lines for a run');
    const plain = parser.parse(text)!;
    assert.ok(!plain.rootNode.hasError, plain.rootNode.toString());
    const hidden = parseHidingCommentRuns(parser, text, { allowErrors: true });
    assert.ok(hidden);
    assert.equal(hidden.hidden, false, 'parsed as it is');
    assert.equal(hidden.tree.rootNode.toString(), plain.rootNode.toString());
    hidden.tree.delete();
    plain.delete();
  });

  test('a file with a syntax error is parsed as it is by the CLI, and kept with runs hidden in the editor', () => {
    const text = ['def f(:', '    # a', '    # b', '    # c', '    return 1', ''].join('\n');
    const cli = parseHidingCommentRuns(parser, text);
    const editor = parseHidingCommentRuns(parser, text, { allowErrors: true });
    assert.equal(cli?.hidden, false);
    assert.equal(editor?.hidden, true);
    cli?.tree.delete();
    editor?.tree.delete();
  });

  test('a 5,000-line comment run is hidden (the grammar alone reads it 5,000 times over)', () => {
    const text = ['def f():', '    x = 1', ...Array.from({ length: 5000 }, (_, i) => `    # line ${i}`), '    return x', ''].join('\n');
    assert.equal(commentRuns(text)?.lines, 5000);
    const hidden = parseHidingCommentRuns(parser, text);
    assert.equal(hidden?.hidden, true, 'the parse with the run hidden was kept');
    hidden?.tree.delete();
    assert.ok(analyzeFile({ path: '/long.py', text, module: 'long', isPackage: false }, parser, OPTIONS).ok);
  });

  test('in the editor, edits in and around comment runs summarise like the text opened afresh, edit after edit', () => {
    const lines = SOURCE.split('\n');
    lines.splice(2, 0, '# header', '# of', '# the module', 's = """', '# in a string', '# too', '# and here', '"""');
    const initial = lines.join('\n');
    // What the editor makes of the text when it opens it: the incremental path must agree, broken text included.
    const opened = (text: string) => {
      const hidden = parseHidingCommentRuns(parser, text, { allowErrors: true })!;
      const summary = summaryOf(hidden.tree, text);
      const tree = hidden.tree.rootNode.toString();
      hidden.tree.delete();
      return { summary, tree };
    };
    // What the CLI makes of it.
    const scanned = (text: string) => {
      const outcome = analyzeFile({ path: '/m.py', text, module: 'm', isPackage: false }, parser, OPTIONS);
      assert.ok(outcome.ok);
      return { ...outcome.summary, path: '/m.py' };
    };
    const next = random(20261126);
    const pieces = ['#', '# note\n', '    # note\n', '# a\n# b\n# c\n', '\n', '    ', 'x', 'CACHE[k] = 1\n', '', '', '"""'];
    let errorFree = 0;
    let blankedVersions = 0;
    // Short sessions from the same start, so that some versions stay free of syntax errors.
    for (let session = 0; session < 40; session++) {
      let reference = TextDocument.create('file:///m.py', 'python', 1, initial);
      const doc = new OpenDocument('file:///m.py', '/m.py', true, 'm', false, 'python', 1, initial);
      for (let version = 1; version <= 8; version++) {
        if (version > 1) {
          const length = reference.getText().length;
          // Half the edits at the start of a line, where typing keeps the text valid more often.
          let start = Math.floor(next() * (length + 1));
          if (next() < 0.5) start = reference.offsetAt({ line: reference.positionAt(start).line, character: 0 });
          const end = next() < 0.6 ? start : Math.min(length, start + Math.floor(next() * 6));
          const change = { range: { start: reference.positionAt(start), end: reference.positionAt(end) }, text: pieces[Math.floor(next() * pieces.length)] };
          reference = TextDocument.update(reference, [change], version);
          doc.update([change], version);
        }
        const text = reference.getText();
        const outcome = doc.analyse(parser, OPTIONS);
        assert.ok(outcome.ok);
        const summary = { ...outcome.summary, path: '/m.py' };
        const fresh = opened(text);
        assert.equal(doc.currentTree?.rootNode.toString(), fresh.tree, `the kept tree is the tree of its input: session ${session}, version ${version}:\n${text}`);
        assert.deepEqual(summary, { ...fresh.summary, path: '/m.py' }, `session ${session}, version ${version}:\n${text}`);
        if (commentRuns(text)) blankedVersions++;
        const plain = parser.parse(text)!;
        const broken = plain.rootNode.hasError;
        plain.delete();
        if (broken) continue;
        assert.deepEqual(summary, scanned(text), `session ${session}, version ${version} (no syntax error):\n${text}`);
        errorFree++;
      }
      doc.dispose();
    }
    assert.ok(errorFree >= 50, `${errorFree} error-free versions compared with the CLI's summary`);
    assert.ok(blankedVersions > 200, `${blankedVersions} versions with comment runs`);
  });
});
