/**
 * The language server's quick analysis of a keystroke (lsp/documents.ts,
 * `quickAnalysis`): the function being typed in is parsed alone and walked in
 * place of its old version in the kept tree. Where it is taken on text without
 * a syntax error, its summary must be exactly the summary of a fresh parse of
 * the whole text. These tests type into real files the way a user does (new
 * statements at the end of a body and in its middle, one character per change,
 * with deletions, and now and then an edit elsewhere) and compare after every
 * change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { analyzeFile } from '../server/src/core/analyzeFile';
import { createParser } from '../server/src/core/parser';
import { OpenDocument } from '../server/src/lsp/documents';
import { pythonFiles } from './helpers/fixtures';
import { mulberry32 as random } from './helpers/robustness';

const ROOT = join(__dirname, '..');
const OPTIONS = { lockFactories: [], threadSafeTypes: [], maxFileBytes: 1 << 20 };

/** Statements typed one character at a time (each after a new line at the body's indentation). */
const TYPED = [
  'self._count = self._count + 1',
  'cache = {}',
  'CACHE[key] = value',
  'if key not in CACHE:',
  'global COUNTER',
  'COUNTER += 1',
  'with _lock:',
  'return (a, [b, {c: d}])',
  'x = f"{request.GET}"  # note',
  '"""text"""',
  // Pragma-like text in a string is no pragma; a real one is (judged on the function typed in).
  'CACHE[key] = "# noqa"',
  'CACHE[key] = 1  # threadlint: ignore[TL002]',
];

let parser: Parser;
before(async () => {
  parser = await createParser();
});
after(() => parser.delete());

function fresh(path: string, text: string) {
  const outcome = analyzeFile({ path, text, module: 'pkg.mod', isPackage: false }, parser, OPTIONS);
  assert.ok(outcome.ok);
  return outcome.summary;
}

/**
 * One edit (`text` replaces `from`..`to`, offsets) of a document analysed once, then analysed again
 * with the quick path allowed: the document (to ask `quick` of, and dispose), the outcome, and the
 * summary a full parse of the edited text gives.
 */
function editOnce(text: string, from: number, to: number, insert: string) {
  const doc = new OpenDocument('file:///m.py', '/m.py', true, 'pkg.mod', false, 'python', 1, text);
  assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
  const reference = TextDocument.create('file:///m.py', 'python', 1, text);
  const change = { range: { start: reference.positionAt(from), end: reference.positionAt(to) }, text: insert };
  const edited = TextDocument.update(reference, [change], 2);
  doc.update([change], 2);
  const outcome = doc.analyse(parser, OPTIONS, { quick: true });
  assert.ok(outcome.ok);
  return { doc, outcome, full: fresh('/m.py', edited.getText()) };
}

/** Places to type: the end of a line inside a function body, with that line's indentation. */
function bodyLines(text: string): { line: number; indent: string }[] {
  const lines = text.split('\n');
  const out: { line: number; indent: string }[] = [];
  let inDef: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const indent = /^[ \t]*/.exec(l)![0];
    if (/^\s*(async\s+)?def\s/.test(l)) {
      inDef = indent.length;
      continue;
    }
    if (inDef !== null && l.trim() !== '' && indent.length > inDef && !/[([{,:\\]$/.test(l.trimEnd()) && !/"""|'''/.test(l)) out.push({ line: i, indent });
    if (l.trim() !== '' && indent.length <= (inDef ?? -1)) inDef = null;
  }
  return out;
}

describe('quick analysis of a keystroke', () => {
  test('typing inside functions summarises exactly like a fresh parse of the whole text', () => {
    const files = [...pythonFiles(join(ROOT, 'test', 'fixtures')), ...pythonFiles(join(ROOT, 'examples'))].filter((f) => bodyLines(readFileSync(f, 'utf8')).length > 0);
    const rnd = random(20261126);
    let quickExact = 0;
    let quickErrors = 0;
    let full = 0;
    for (const path of files) {
      let reference = TextDocument.create('file:///m.py', 'python', 1, readFileSync(path, 'utf8'));
      const doc = new OpenDocument('file:///m.py', path, true, 'pkg.mod', false, 'python', 1, reference.getText());
      assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
      let version = 1;
      const apply = (start: number, end: number, text: string) => {
        version++;
        const change = { range: { start: reference.positionAt(start), end: reference.positionAt(end) }, text };
        reference = TextDocument.update(reference, [change], version);
        doc.update([change], version);
        const outcome = doc.analyse(parser, OPTIONS, { quick: true });
        assert.ok(outcome.ok);
        if (!doc.quick) full++;
        else if (outcome.summary.syntaxErrors.length > 0) quickErrors++;
        else {
          quickExact++;
          assert.deepEqual(outcome.summary, fresh(path, reference.getText()), `${path}, version ${version}, ${JSON.stringify(change)}:\n${reference.getText()}`);
        }
      };
      for (let round = 0; round < 2; round++) {
        const places = bodyLines(reference.getText());
        if (places.length === 0) break;
        if (rnd() < 0.25) {
          // An edit elsewhere: a blank line or a module-level name at the top.
          apply(0, 0, rnd() < 0.5 ? '\n' : 'COUNTER = 0\n');
        }
        const { line, indent } = places[Math.floor(rnd() * places.length)];
        let at = reference.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
        const statement = TYPED[Math.floor(rnd() * TYPED.length)];
        for (const ch of ['\n', ...indent, ...statement]) {
          apply(at, at, ch);
          at += ch.length;
          if (rnd() < 0.1) {
            // A typo, deleted at once.
            apply(at, at, 'q');
            apply(at, at + 1, '');
          }
        }
        if (rnd() < 0.5) {
          // The statement deleted again, a character at a time from its end.
          for (let n = statement.length; n > 0; n--) {
            apply(at - 1, at, '');
            at--;
          }
        }
      }
      // When typing pauses, the server parses the whole text: exactly a fresh parse.
      const settled = doc.analyse(parser, OPTIONS);
      assert.ok(settled.ok);
      assert.equal(doc.quick, false);
      assert.deepEqual(settled.summary, fresh(path, reference.getText()), path);
      doc.dispose();
    }
    assert.ok(quickExact > 1000, `quick analyses compared: ${quickExact} (with syntax errors: ${quickErrors}, full: ${full})`);
    assert.ok(quickErrors > 100, `quick analyses of text with a syntax error: ${quickErrors}`);
  });

  test('is not taken for an edit outside a function, across two functions, or after a syntax error elsewhere', () => {
    const text = ['import threading', 'CACHE = {}', '', 'def a(key):', '    CACHE[key] = 1', '', 'class C:', '    def b(self):', '        self.x = 1', '', 'def c():', '    pass', ''].join('\n');
    const doc = new OpenDocument('file:///m.py', '/m.py', true, 'pkg.mod', false, 'python', 1, text);
    let reference = TextDocument.create('file:///m.py', 'python', 1, text);
    assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
    assert.equal(doc.quick, false, 'the first analysis parses the text');
    let version = 1;
    /** Types `insert` at the end of the line that ends with `after` (or at the start of the line with `line` as its number). */
    const type = (at: string | number, insert: string, column = Number.MAX_SAFE_INTEGER) => {
      const line = typeof at === 'number' ? at : reference.getText().split('\n').findIndex((l) => l.endsWith(at));
      assert.ok(line >= 0, String(at));
      const character = Math.min(column, reference.getText().split('\n')[line].length);
      const change = { range: { start: { line, character }, end: { line, character } }, text: insert };
      reference = TextDocument.update(reference, [change], ++version);
      doc.update([change], version);
      const outcome = doc.analyse(parser, OPTIONS, { quick: true });
      assert.ok(outcome.ok);
      return outcome.summary;
    };
    type('CACHE[key] = 1', '\n    CACHE.clear()');
    assert.equal(doc.quick, true, 'a new statement at the end of a function');
    type('self.x = 1', '\n        self.y = 2');
    assert.equal(doc.quick, false, 'changes in two functions since the last parse');
    type('self.y = 2', '\n        self.z = 3');
    assert.equal(doc.quick, true, 'a new statement at the end of a method');
    type('CACHE = {}', ' # module');
    assert.equal(doc.quick, false, 'a change at module level');
    type('CACHE[key] = 1', '\n    x = 1');
    assert.equal(doc.quick, true);
    type(0, 'x = (\n', 0);
    assert.equal(doc.quick, false, 'a syntax error at module level');
    const summary = type('x = 1', '\n    z = 3');
    assert.equal(doc.quick, false, 'the kept tree has a syntax error: no quick analysis');
    assert.deepEqual(summary, fresh('/m.py', reference.getText()));
    doc.dispose();
  });

  test('a statement typed at a shallower indentation ends the function: the whole text is parsed', () => {
    const text = ['class C:', '    def a(self):', '        return 1', '', '    def b(self):', '        return 2', ''].join('\n');
    const doc = new OpenDocument('file:///m.py', '/m.py', true, 'pkg.mod', false, 'python', 1, text);
    let reference = TextDocument.create('file:///m.py', 'python', 1, text);
    assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
    let version = 1;
    for (const ch of ['\n', ' ', ' ', ' ', ' ', 'X', ' ', '=', ' ', '{', '}']) {
      const end = reference.offsetAt({ line: 2, character: Number.MAX_SAFE_INTEGER }) + (version - 1);
      const change = { range: { start: reference.positionAt(end), end: reference.positionAt(end) }, text: ch };
      reference = TextDocument.update(reference, [change], ++version);
      doc.update([change], version);
      const outcome = doc.analyse(parser, OPTIONS, { quick: true });
      assert.ok(outcome.ok);
      if (doc.quick && outcome.summary.syntaxErrors.length === 0) assert.deepEqual(outcome.summary, fresh('/m.py', reference.getText()), JSON.stringify(reference.getText()));
    }
    assert.match(reference.getText(), /return 1\n {4}X = \{\}\n/);
    assert.equal(doc.quick, false, 'X = {} is a class attribute, not a statement of a()');
    const summary = doc.analyse(parser, OPTIONS).ok;
    assert.ok(summary);
    doc.dispose();
  });

  test('a decorator broken onto a line shallower than the method is a syntax error of the whole text: not the quick path', () => {
    const text = ['import falcon', '', '', 'class Report:', '    @falcon.before(check)', '    def on_get(self, req, resp):', '        resp.media = 1', ''].join('\n');
    const at = text.indexOf('before(');
    const { doc, outcome, full } = editOnce(text, at, at, '\n');
    assert.ok(outcome.ok);
    assert.equal(doc.quick, false, 'the method parsed alone reads `@falcon.` / `before(check)` as one decorator');
    assert.deepEqual(outcome.summary, full);
    assert.ok(outcome.summary.syntaxErrors.length > 0);
    doc.dispose();
  });

  test('edits to the next statement\'s line, or around a lone CR, parse the whole text; decorated functions take the quick path', () => {
    const text = ['import functools', '', 'class Store:', '    @functools.cached_property', '    def put(self):', '        return 1', '', '    def clear(self):', '        self.items = {}', ''].join('\n');
    const run = (edits: [string, string][], crlf = false) => {
      const start = crlf ? text.replace(/\n/g, '\r\n') : text;
      const doc = new OpenDocument('file:///m.py', '/m.py', true, 'pkg.mod', false, 'python', 1, start);
      let reference = TextDocument.create('file:///m.py', 'python', 1, start);
      assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
      const quick: boolean[] = [];
      let version = 1;
      for (const [after, insert] of edits) {
        const at = after === '' ? reference.getText().length : reference.getText().indexOf(after) + after.length;
        const change = { range: { start: reference.positionAt(at), end: reference.positionAt(at) }, text: insert };
        reference = TextDocument.update(reference, [change], ++version);
        doc.update([change], version);
        const outcome = doc.analyse(parser, OPTIONS, { quick: true });
        assert.ok(outcome.ok);
        quick.push(doc.quick);
        if (outcome.summary.syntaxErrors.length === 0) assert.deepEqual(outcome.summary, fresh('/m.py', reference.getText()), JSON.stringify(reference.getText()));
      }
      doc.dispose();
      return quick;
    };
    assert.deepEqual(run([['return 1', '\n        x = 2']]), [true], 'a statement typed in a decorated method');
    assert.deepEqual(run([['return 1\n\n', ' ']]), [false], 'the next method\'s line indented');
    assert.deepEqual(run([['return 1\n\n', '#']]), [false], 'the next method commented out');
    assert.deepEqual(run([['return 1\n\n    ', ' ']]), [false], 'the next method\'s indentation changed');
    // Enter in a CRLF document sent as "\r" then "\n": the tree parsed with the lone CR read as LF is not
    // reused by a quick analysis; the next full parse gives one that is (and every quick summary equals a full one).
    assert.deepEqual(run([['return 1', '\r'], ['return 1\r', '\n'], ['return 1\r\n', '        y = 3']], true), [false, false, true]);
  });

  test('a line break typed between a method\'s name and its parameters parses the whole text', () => {
    // The method parsed alone reads `def __init` / `(self, names=()):` as one header without an error; the whole text does not.
    const text = ['class Registry:', '    def __init__(self, names=()):', '        self.load(names)', '', '    def load(self, names):', '        self.names = list(names)', ''].join('\n');
    const at = text.indexOf('__(self');
    const { doc, outcome, full } = editOnce(text, at, at + 2, '\n');
    assert.ok(outcome.ok);
    assert.equal(doc.quick, false);
    assert.deepEqual(outcome.summary, full);
    doc.dispose();
  });

  test('a line break anywhere in a header (after `async`, `)`, `->` or the return type) leaves the keystroke to the full parse', () => {
    const method = (header: string) => `class R:\n    ${header}\n        self.names = list(names)\n\n    def other(self):\n        return 1\n`;
    const cases: [string, string][] = [
      [method('def load(self, names) -> list:'), 'names)'],
      [method('def load(self, names) -> list:'), 'names) ->'],
      [method('def load(self, names):'), 'names)'],
      [method('async def load(self, names):'), 'async'],
      ['X = {}\n\ndef load(names):\n    X[names] = 1\n\ndef other():\n    return 1\n', 'load(names)'],
      ['X = {}\n\ndef load(names):\n    X[names] = 1\n\ndef other():\n    return 1\n', 'def'],
    ];
    for (const [text, after] of cases) {
      const at = text.indexOf(after) + after.length;
      const { doc, outcome, full } = editOnce(text, at, at, '\n');
      assert.ok(outcome.ok);
      assert.deepEqual(outcome.summary, full, `a line break after ${JSON.stringify(after)}`);
      doc.dispose();
    }
  });

  test('a function followed by a run of comment lines is left to the incremental parse, which hides the run', () => {
    const text = ['def a():', '    return 1', ...Array.from({ length: 40 }, (_, i) => `# old line ${i}`), 'def b():', '    return 2', ''].join('\n');
    const doc = new OpenDocument('file:///m.py', '/m.py', true, 'pkg.mod', false, 'python', 1, text);
    assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
    doc.update([{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, text: '\n    x = 1' }], 2);
    const outcome = doc.analyse(parser, OPTIONS, { quick: true });
    assert.ok(outcome.ok);
    assert.equal(doc.quick, false);
    doc.dispose();
  });

  test('random edits anywhere (not only typing): every quick summary equals a full parse\'s', () => {
    const files = [...pythonFiles(join(ROOT, 'test', 'fixtures')), ...pythonFiles(join(ROOT, 'examples'))];
    const rnd = random(4242);
    const pieces = ['\n', ' ', '    ', '\t', '\\', '"', "'", '"""', '#', '(', ')', ':', ',', 'x', 'self.a = 1', 'CACHE[k] = v', 'global G', 'G += 1', '\n    ', '\n        ', 'é', '😀', '\r\n', 'def ', '@dec', 'class K:', 'return', 'with _lock:', 'if x:', 'pass', '[', ']', '{', '}', '\n    x = """\nq\n"""'];
    let compared = 0;
    for (let iteration = 0; iteration < 240; iteration++) {
      const path = files[Math.floor(rnd() * files.length)];
      let reference = TextDocument.create('file:///m.py', 'python', 1, readFileSync(path, 'utf8'));
      const doc = new OpenDocument('file:///m.py', path, true, 'pkg.mod', false, 'python', 1, reference.getText());
      assert.ok(doc.analyse(parser, OPTIONS, { quick: true }).ok);
      // Edits near one place, as a user makes them: around a random offset.
      let at = Math.floor(rnd() * reference.getText().length);
      for (let step = 0, version = 2; step < 8; step++, version++) {
        const length = reference.getText().length;
        at = Math.max(0, Math.min(length, at + Math.floor(rnd() * 40) - 20));
        const remove = rnd() < 0.3 ? Math.min(length - at, 1 + Math.floor(rnd() * 6)) : 0;
        const insert = rnd() < 0.8 ? pieces[Math.floor(rnd() * pieces.length)] : '';
        const change = { range: { start: reference.positionAt(at), end: reference.positionAt(at + remove) }, text: insert };
        reference = TextDocument.update(reference, [change], version);
        doc.update([change], version);
        const outcome = doc.analyse(parser, OPTIONS, { quick: true });
        assert.ok(outcome.ok);
        if (doc.quick && outcome.summary.syntaxErrors.length === 0) {
          compared++;
          assert.deepEqual(outcome.summary, fresh(path, reference.getText()), `${path} after ${JSON.stringify(change)}:\n${reference.getText()}`);
        }
      }
      doc.dispose();
    }
    assert.ok(compared > 60, `quick analyses compared: ${compared}`);
  });
});
