/**
 * Quick fixes. Golden tests: every `test/fixtures-fix/<fix>/<name>.input.py`
 * (and every sub-folder, linted as one workspace) is copied to a temporary
 * folder as `<name>.py`, fixed with the fixes whose title matches the file's
 * `# fix: <regex>` header (the preferred fix when there is no header) until
 * nothing changes, and compared with `<name>.expected.py`. Every output must
 * parse without ERROR nodes and pass `python3 -m py_compile`; re-linting it
 * must report none of the fixed findings and nothing new; fixing
 * it again must change nothing. `UPDATE_GOLDEN=1` rewrites the expected files.
 *
 * Also: the shape of `finding.fixes` (one preferred fix, suppressions last,
 * safety declared), fix merging, the unified diff, and the CLI's `--fix`,
 * `--unsafe-fixes` and `--diff`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyEdits } from '../server/src/core/fixes/text';
import { chosenFix, lineEdits, mergeFixes, unifiedDiff } from '../server/src/core/fixes/apply';
import { fixAll, fixDocument } from '../server/src/core/fixes/fixAll';
import { lint, summarise } from '../server/src/core/lint';
import { createParser } from '../server/src/core/parser';
import { DEFAULT_SETTINGS, type Finding, type Fix } from '../server/src/core/types';
import { ensureBuilt } from './helpers/robustness';

const ROOT = join(__dirname, 'fixtures-fix');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const scratch = mkdtempSync(join(tmpdir(), 'threadlint-fixes-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface GoldenCase {
  name: string;
  /** Input files (absolute), all linted together. */
  inputs: string[];
}

function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const fix of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, fix);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) {
        const inputs = readdirSync(full).filter((f) => f.endsWith('.input.py')).sort().map((f) => join(full, f));
        if (inputs.length > 0) cases.push({ name: `${fix}/${entry}`, inputs });
      } else if (entry.endsWith('.input.py')) {
        cases.push({ name: `${fix}/${entry.replace(/\.input\.py$/, '')}`, inputs: [full] });
      }
    }
  }
  return cases;
}

/** The `# fix: <regex>` header of a file, if any. */
function headerOf(text: string): RegExp | undefined {
  const m = /^# fix: (.*?)\r?$/m.exec(text.split(/\r?\n/).slice(0, 4).join('\n'));
  return m ? new RegExp(m[1]) : undefined;
}

function pickerFor(headers: Map<string, RegExp | undefined>) {
  return (f: Finding): Fix | undefined => {
    const re = headers.get(f.path);
    const fixes = f.fixes ?? [];
    if (!re) return chosenFix(f, 'unsafe');
    const matching = fixes.filter((x) => re.test(x.title));
    return matching.find((x) => x.isPreferred) ?? matching[0];
  };
}

/** Findings as a multiset key: rule and message (lines move when code is inserted). */
const key = (f: Finding) => `${f.code} ${f.message}`;

const compiled: string[] = [];

describe('golden fixes (test/fixtures-fix)', () => {
  const cases = goldenCases();
  test('there are golden cases for every fix', () => {
    const folders = new Set(cases.map((c) => c.name.split('/')[0]));
    for (const f of ['suppress', 'none-sentinel', 'lock-guard', 'check-then-act', 'rlock', 'thread-local', 'contextvar', 'instance-attribute', 'render-context', 'async-local']) {
      assert.ok(folders.has(f), `no golden case for ${f}`);
    }
  });

  for (const c of cases) {
    test(c.name, async () => {
      const dir = join(scratch, c.name.replace(/\//g, '__'));
      mkdirSync(dir, { recursive: true });
      const files = c.inputs.map((input) => {
        const target = join(dir, basename(input).replace(/\.input\.py$/, '.py'));
        copyFileSync(input, target);
        return { input, target, expected: input.replace(/\.input\.py$/, '.expected.py') };
      });
      const headers = new Map(files.map((f) => [f.target, headerOf(readFileSync(f.target, 'utf8'))]));
      const inputs = files.map((f) => ({ path: f.target }));
      const options = { settings: DEFAULT_SETTINGS, workers: 0 };
      const before = await lint(inputs, options);
      const fixed = await fixAll(inputs, { ...options, pick: pickerFor(headers) });
      assert.ok(fixed.applied > 0, `${c.name}: no fix was applied`);

      const parser = await createParser();
      try {
        for (const f of files) {
          const output = fixed.changed.get(f.target)?.after ?? readFileSync(f.target, 'utf8');
          writeFileSync(f.target, output);
          compiled.push(f.target);
          const tree = parser.parse(output)!;
          const errors = tree.rootNode.descendantsOfType('ERROR').length + (tree.rootNode.hasError ? 1 : 0);
          tree.delete();
          assert.equal(errors, 0, `${c.name}/${basename(f.target)}: the fixed file has syntax errors:\n${output}`);
          if (UPDATE) writeFileSync(f.expected, output);
          assert.ok(existsSync(f.expected), `missing ${relative(ROOT, f.expected)} (run with UPDATE_GOLDEN=1 and review it)`);
          const expected = readFileSync(f.expected, 'utf8');
          if (output !== expected) {
            assert.fail(`${c.name}/${basename(f.target)} differs from ${relative(ROOT, f.expected)}:\n${unifiedDiff(basename(f.expected), expected, output)}`);
          }
        }
      } finally {
        parser.delete();
      }

      // Re-linting reports exactly the findings that were not fixed: nothing new.
      const fixedCount = [...fixed.fixedByRule.values()].reduce((a, b) => a + b, 0);
      const remaining = new Map<string, number>();
      for (const f of before.findings) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
      for (const f of fixed.result.findings) {
        const n = remaining.get(key(f)) ?? 0;
        assert.ok(n > 0, `${c.name}: new finding after the fix: ${f.code} ${f.message} at ${basename(f.path)}:${f.range.start.line + 1}`);
        remaining.set(key(f), n - 1);
      }
      // (A lock around a region may also cover a neighbouring finding: fewer is fine, more is not.)
      assert.ok(fixed.result.findings.length <= before.findings.length - fixedCount, `${c.name}: findings before ${before.findings.length}, fixed ${fixedCount}, after ${fixed.result.findings.length}`);

      // Idempotent: a second run over the output changes nothing.
      const again = await fixAll(inputs, { ...options, pick: pickerFor(headers) });
      assert.equal(again.changed.size, 0, `${c.name}: fixing twice changed ${[...again.changed.keys()].map((p) => basename(p)).join(', ')}`);
    });
  }

  test('every fixed output passes python3 -m py_compile', (t) => {
    const check = spawnSync('python3', ['--version']);
    if (check.error) {
      t.skip('python3 not available');
      return;
    }
    assert.ok(compiled.length > 0);
    const run = spawnSync('python3', ['-m', 'py_compile', ...compiled], { encoding: 'utf8' });
    assert.equal(run.status, 0, `py_compile failed:\n${run.stdout}${run.stderr}`);
  });
});

async function fixesOf(source: string, name = 'mod.py'): Promise<Finding[]> {
  const dir = mkdtempSync(join(scratch, 'shape-'));
  const path = join(dir, name);
  writeFileSync(path, source);
  const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0, fixes: true });
  return result.findings;
}

describe('finding.fixes', () => {
  test('off by default; with fixes: true every finding has fixes, one preferred, suppressions last', async () => {
    const source = ['CACHE = {}', '', '', 'def put(k, v):', '    CACHE[k] = v', ''].join('\n');
    const dir = mkdtempSync(join(scratch, 'off-'));
    const path = join(dir, 'mod.py');
    writeFileSync(path, source);
    const plain = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    assert.equal(plain.findings.length, 1);
    assert.equal(plain.findings[0].fixes, undefined);
    const [finding] = await fixesOf(source);
    const fixes = finding.fixes!;
    assert.deepEqual(
      fixes.map((f) => [f.title, f.safety, f.kind ?? 'fix', f.isPreferred ?? false]),
      [
        ['Guard `CACHE` change with `_cache_lock`', 'safe', 'fix', true],
        ['Suppress TL002 on this line', 'safe', 'suppression', false],
        ['Suppress TL002 in this file', 'safe', 'suppression', false],
      ],
    );
    assert.deepEqual(fixes[1].edits, [{ path: finding.path, edits: [{ range: { start: { line: 4, character: 16 }, end: { line: 4, character: 16 } }, newText: '  # threadlint: ignore[TL002]' }] }]);
    const fixedText = applyEdits(source, fixes[0].edits[0].edits);
    assert.equal(fixedText, ['import threading', '', 'CACHE = {}', '_cache_lock = threading.Lock()', '', '', 'def put(k, v):', '    with _cache_lock:', '        CACHE[k] = v', ''].join('\n'));
  });

  test('fix-all never applies suppressions, and applies unsafe fixes only when asked', async () => {
    const [finding] = await fixesOf(['def add(x, items=[]):', '    items.append(x)', '    return items', ''].join('\n'));
    assert.equal(finding.code, 'TL004');
    assert.equal(chosenFix(finding, 'safe'), undefined);
    assert.equal(chosenFix(finding, 'unsafe')?.safety, 'unsafe');
    const [chdir] = await fixesOf(['import os', '', '', 'def go():', '    os.chdir("/")', ''].join('\n'));
    assert.equal(chdir.code, 'TL009');
    assert.ok(chdir.fixes!.every((f) => f.kind === 'suppression'));
    assert.equal(chosenFix(chdir, 'unsafe'), undefined);
  });

  test('a lock held while the guarded code waits for another thread makes the fix unsafe', async () => {
    const source = [
      'from concurrent.futures import ThreadPoolExecutor',
      '',
      'POOL = ThreadPoolExecutor(2)',
      'RESULTS = {}',
      '',
      '',
      'def worker(k):',
      '    RESULTS[k] = "pending"',
      '    return k * 2',
      '',
      '',
      'def run(k):',
      '    # The pool thread running worker() needs the lock this would hold while waiting for it.',
      '    RESULTS[k] = POOL.submit(worker, k).result()',
      '',
      '',
      'def names(parts):',
      '    RESULTS["names"] = ", ".join(parts)',
      '',
    ].join('\n');
    const findings = (await fixesOf(source)).filter((f) => f.code === 'TL002');
    const safety = findings.map((f) => [f.range.start.line + 1, chosenFix(f, 'unsafe')?.safety]);
    assert.deepEqual(safety, [[8, 'safe'], [14, 'unsafe'], [18, 'safe']]);
  });

  test('no lock in a pydantic model, no second __init__ where the body binds one', async () => {
    const model = await fixesOf([
      'from typing import ClassVar',
      '',
      'from pydantic import BaseModel',
      '',
      '',
      'class Job(BaseModel):',
      '    name: str',
      '    registry: ClassVar[dict] = {}',
      '',
      '    def register(self):',
      '        self.registry[self.name] = self',
      '',
    ].join('\n'));
    const tl003 = model.find((f) => f.code === 'TL003');
    assert.ok(tl003, 'TL003 reported');
    assert.deepEqual(tl003.fixes!.filter((f) => f.kind !== 'suppression').map((f) => f.title), [], 'a lock in the class body would become a private attribute of every instance');
    const bound = await fixesOf([
      'class Stack:',
      '    items = []',
      '    __init__ = object.__init__',
      '',
      '    def push(self, x):',
      '        self.items.append(x)',
      '',
    ].join('\n'));
    const push = bound.find((f) => f.code === 'TL003');
    assert.ok(push, 'TL003 reported');
    assert.ok(!push.fixes!.some((f) => /__init__|instance/i.test(f.title)), push.fixes!.map((f) => f.title).join('; '));
  });

  test('no lock fix for a store already under its lock whose value was read before the lock was taken', async () => {
    const findings = await fixesOf([
      'import threading',
      '',
      '_lock = threading.Lock()',
      '_hits = 0',
      '',
      '',
      'def hit():',
      '    global _hits',
      '    n = _hits',
      '    with _lock:',
      '        _hits = n + 1',
      '',
    ].join('\n'));
    const f = findings.find((x) => x.code === 'TL006');
    assert.ok(f, 'TL006 reported');
    assert.equal(f.range.start.line, 10);
    assert.deepEqual(f.related.map((r) => r.range.start.line), [3, 8], 'the global, then the read into `n`');
    assert.deepEqual(f.fixes!.filter((x) => x.kind !== 'suppression').map((x) => x.title), [], 'another lock around the store would not cover the read');
  });

  test('no fix that edits code for a file with syntax errors; suppressions still offered', async () => {
    const findings = await fixesOf(['CACHE = {}', '', 'def put(k, v):', '    CACHE[k] = v', '', 'def broken(:', '    pass', ''].join('\n'));
    const f = findings.find((x) => x.code === 'TL002');
    assert.ok(f, 'the intact part is still analysed');
    assert.deepEqual(f.fixes?.map((x) => x.kind), ['suppression', 'suppression']);
  });

  test('a pragma goes where a backslash continuation or a multi-line string ends, and suppresses the finding from there', async () => {
    const source = ['CACHE = {}', '', '', 'def put(k, v):', '    CACHE[k] = \\', '        v', '    CACHE[v] = """', '', '    text"""', '    note = "CACHE[k] = 1  # noqa"', '    CACHE[note] = 1', ''].join('\n');
    const findings = await fixesOf(source);
    const lines = (f: Finding) => f.fixes!.find((x) => x.title === `Suppress ${f.code} on this line`)!.edits[0].edits.map((e) => e.range.start.line);
    assert.deepEqual(findings.map((f) => f.range.start.line), [4, 6, 10], '"# noqa" inside a string suppresses nothing');
    assert.deepEqual(lines(findings[0]), [5], 'after the continuation');
    assert.deepEqual(lines(findings[1]), [8], 'after the string, past its blank line');
    const suppressed = source.replace('        v\n', '        v  # threadlint: ignore[TL002]\n').replace('    text"""\n', '    text"""  # noqa: TL002\n');
    assert.deepEqual((await fixesOf(suppressed)).map((f) => f.range.start.line), [10]);
  });

  test('the thread-local rewrite is refused when another file imports the name', async () => {
    const dir = mkdtempSync(join(scratch, 'imported-'));
    writeFileSync(join(dir, 'state.py'), ['USER = None', '', '', 'def login(u):', '    global USER', '    USER = u', ''].join('\n'));
    writeFileSync(join(dir, 'views.py'), ['from state import USER', '', '', 'def show():', '    return USER', ''].join('\n'));
    const result = await lint([{ path: join(dir, 'state.py') }, { path: join(dir, 'views.py') }], { settings: DEFAULT_SETTINGS, workers: 0, fixes: true });
    const f = result.findings.find((x) => x.code === 'TL001')!;
    assert.deepEqual(f.fixes!.filter((x) => x.kind !== 'suppression'), []);
    // Alone, the module gets both rewrites.
    const alone = await lint([{ path: join(dir, 'state.py') }], { settings: DEFAULT_SETTINGS, workers: 0, fixes: true });
    assert.deepEqual(
      alone.findings[0].fixes!.filter((x) => x.kind !== 'suppression').map((x) => x.title),
      ['Move `USER` to threading.local (`_local.USER`)', 'Move `USER` to a ContextVar (`USER.get()` / `USER.set()`)'],
    );
  });
  test('an import the fix leaves unused goes, unless another module takes the name from this one', async () => {
    const dir = mkdtempSync(join(scratch, 'reexport-'));
    const locks = ['from threading import Lock as L', '', '_lock = L()', '_items = {}', '', '', 'def put(k, v):', '    with _lock:', '        _items[k] = v', '        _touch(k)', '', '', 'def _touch(k):', '    with _lock:', '        _items[k] = 1', ''].join('\n');
    writeFileSync(join(dir, 'locks.py'), locks);
    const rlockEdits = async (files: string[]) => {
      const result = await lint(files.map((f) => ({ path: join(dir, f) })), { settings: DEFAULT_SETTINGS, workers: 0, fixes: true });
      const fix = result.findings.find((x) => x.code === 'TL010')!.fixes!.find((x) => /RLock/.test(x.title))!;
      return fix.edits.flatMap((e) => e.edits.map((t) => t.newText));
    };
    assert.deepEqual(await rlockEdits(['locks.py']), ['RLock', 'RLock'], '`Lock as L` becomes `RLock`, the call `RLock()`');
    writeFileSync(join(dir, 'users.py'), ['from locks import L', '', 'other = L()', ''].join('\n'));
    assert.deepEqual(await rlockEdits(['locks.py', 'users.py']), [', RLock', 'RLock'], 'L stays importable from locks');
    writeFileSync(join(dir, 'starred.py'), ['from locks import *', '', 'other = L()', ''].join('\n'));
    assert.deepEqual(await rlockEdits(['locks.py', 'starred.py']), [', RLock', 'RLock'], 'and from a star import of locks');
    // `case L():` uses the name too.
    writeFileSync(join(dir, 'locks.py'), `${locks}\n\ndef kind(x):\n    match x:\n        case L():\n            return "lock"\n    return "other"\n`);
    assert.deepEqual(await rlockEdits(['locks.py']), [', RLock', 'RLock'], 'a class pattern is a use');
  });

  test('the thread-local rewrite is refused when a write of the name holds a lock (the value is shared on purpose)', async () => {
    const lazy = (guarded: boolean) => [
      'import threading',
      '',
      '_opener = None',
      '_opener_lock = threading.Lock()',
      '',
      '',
      'def get_opener():',
      '    global _opener',
      ...(guarded ? ['    with _opener_lock:', '        if _opener is None:', '            _opener = object()'] : ['    if _opener is None:', '        _opener = object()']),
      '    return _opener',
      '',
      '',
      'def install_opener(opener):',
      '    global _opener',
      '    _opener = opener',
      '',
    ].join('\n');
    const rewrites = (findings: Finding[]) =>
      findings.filter((f) => f.code === 'TL001').flatMap((f) => f.fixes!.filter((x) => x.kind !== 'suppression').map((x) => x.title));
    assert.deepEqual(rewrites(await fixesOf(lazy(true))), []);
    // The same module without the lock gets them.
    assert.ok(rewrites(await fixesOf(lazy(false))).some((t) => t.startsWith('Move `_opener` to threading.local')));
  });
});

describe('merging and diffs', () => {
  const edit = (line: number, character: number, newText: string, endCharacter = character) => ({
    range: { start: { line, character }, end: { line, character: endCharacter } },
    newText,
  });
  const fix = (...edits: ReturnType<typeof edit>[]): Fix => ({ title: 't', safety: 'safe', edits: [{ path: 'a.py', edits }] });

  test('identical edits are shared, colliding fixes wait, the rest apply', () => {
    const text = 'a\nb\nc\n';
    const importA = edit(0, 0, 'import threading\n');
    const one = fix(importA, edit(1, 0, 'X'));
    const two = fix(importA, edit(2, 0, 'Y'));
    const clash = fix(edit(1, 0, 'Z'));
    // Replaces `a\nb`, which holds the point where `one` inserts X.
    const inside: Fix = { title: 't', safety: 'safe', edits: [{ path: 'a.py', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 1 } }, newText: 'q' }] }] };
    const merged = mergeFixes([one, two, clash, inside], () => text);
    assert.deepEqual(merged.applied, [one, two]);
    assert.deepEqual(merged.deferred, [clash, inside]);
    assert.equal(applyEdits(text, merged.edits.get('a.py')!), 'import threading\na\nXb\nYc\n');
  });

  test('unified diff: hunks with context, CRLF kept, missing final newline marked; git apply accepts it', (t) => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\r\n`).join('');
    const after = before.replace('line 3\r\n', 'line 3\r\nnew\r\n').replace('line 18\r\n', '').concat('end');
    const diff = unifiedDiff('f.py', before, after);
    assert.match(diff, /^--- a\/f\.py\n\+\+\+ b\/f\.py\n@@ -1,6 \+1,7 @@\n/);
    assert.match(diff, /\+new\r\n/);
    assert.match(diff, /\+end\n\\ No newline at end of file\n$/);
    assert.equal(unifiedDiff('f.py', before, before), '');
    const git = spawnSync('git', ['--version']);
    if (git.error) {
      t.skip('git not available');
      return;
    }
    const dir = mkdtempSync(join(scratch, 'diff-'));
    writeFileSync(join(dir, 'f.py'), before);
    writeFileSync(join(dir, 'p.diff'), diff);
    const run = spawnSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(dir, 'f.py'), 'utf8'), after);
  });
});

describe('fix-all for one editor document (fixDocument)', () => {
  test('applies the safe fixes of the document only, as line edits on the original text', async () => {
    const dir = mkdtempSync(join(scratch, 'doc-'));
    const path = join(dir, 'app.py');
    const text = ['CACHE = {}', 'COUNT = 0', '', '', 'def put(k, v):', '    CACHE[k] = v', '', '', 'def bump():', '    global COUNT', '    COUNT += 1', '', '', 'def add(x, items=[]):', '    items.append(x)', '    return items'].join('\r\n');
    const result = await fixDocument(path, text, { settings: DEFAULT_SETTINGS });
    assert.equal(result.fixed, 2);
    assert.equal(applyEdits(text, result.edits), result.text);
    assert.match(result.text, /\r\n    with _cache_lock:\r\n        CACHE\[k\] = v\r\n/);
    assert.match(result.text, /def add\(x, items=\[\]\):/, 'unsafe fixes are not applied');
    assert.ok(result.edits.every((e) => e.range.start.line !== 0 || e.newText.startsWith('import threading')), JSON.stringify(result.edits));
    const unsafe = await fixDocument(path, text, { settings: DEFAULT_SETTINGS, level: 'unsafe' });
    assert.match(unsafe.text, /items=None/);
  });

  test('a fix that would also edit another file is left out', async () => {
    const dir = mkdtempSync(join(scratch, 'doc-cross-'));
    const state = join(dir, 'state.py');
    const views = join(dir, 'views.py');
    writeFileSync(state, 'CACHE = {}\n');
    const text = 'from state import CACHE\n\n\ndef put(k, v):\n    CACHE[k] = v\n';
    writeFileSync(views, text);
    const outcomes = await summarise([{ path: state }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const others = outcomes.flatMap((o) => (o.ok ? [o.summary] : []));
    const result = await fixDocument(views, text, { settings: DEFAULT_SETTINGS, others });
    assert.equal(result.fixed, 0);
    assert.deepEqual(result.edits, []);
  });

  test('line edits reproduce the new text (CRLF, no final newline, insertions at both ends)', () => {
    const pairs: [string, string][] = [
      ['a\nb\nc\n', 'x\na\nb\nc\ny\n'],
      ['a\r\nb\r\nc', 'a\r\nB\r\nc'],
      ['a\nb', 'a\nb\nc'],
      ['', 'x\n'],
      ['a\nb\nc\nd\ne\n', 'a\nc\nd\nE\ne\nf'],
    ];
    for (const [before, after] of pairs) assert.equal(applyEdits(before, lineEdits(before, after)), after, JSON.stringify([before, after]));
  });
});

describe('threadlint check --fix / --diff', () => {
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args, '--no-progress', '--no-cache'], { cwd, encoding: 'utf8' });
  const project = () => {
    const dir = mkdtempSync(join(scratch, 'cli-'));
    writeFileSync(join(dir, 'app.py'), ['CACHE = {}', '', '', 'def put(k, v):', '    CACHE[k] = v', '', '', 'def add(x, items=[]):', '    items.append(x)', '    return items', ''].join('\n'));
    writeFileSync(join(dir, 'bom.py'), `\ufeff${['COUNT = 0', '', '', 'def bump():', '    global COUNT', '    COUNT += 1', ''].join('\n')}`);
    return dir;
  };

  test('--diff prints the safe changes, writes nothing and exits 1; 0 when there is nothing to fix', (t) => {
    ensureBuilt();
    const dir = project();
    const app = readFileSync(join(dir, 'app.py'), 'utf8');
    const r = run(['check', '--diff', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^--- a\/app\.py\n\+\+\+ b\/app\.py\n/m);
    assert.match(r.stdout, /\+    with _cache_lock:\n/);
    assert.doesNotMatch(r.stdout, /items=None/, 'unsafe fixes need --unsafe-fixes');
    assert.match(r.stderr, /Would fix 2 findings in 2 files \(TL002: 1, TL006: 1\)/);
    assert.equal(readFileSync(join(dir, 'app.py'), 'utf8'), app);
    const unsafe = run(['check', '--diff', '--unsafe-fixes', 'app.py'], dir);
    assert.match(unsafe.stdout, /\+def add\(x, items=None\):/);
    const clean = mkdtempSync(join(scratch, 'clean-'));
    writeFileSync(join(clean, 'ok.py'), 'X = 1\n');
    const none = run(['check', '--diff', '.'], clean);
    assert.equal(none.status, 0, none.stderr);
    assert.equal(none.stdout, '');
  });

  test('--fix writes the fixed files (keeping a BOM), reports what remains, and a second run fixes nothing', (t) => {
    ensureBuilt();
    const dir = project();
    const r = run(['check', '--fix', '.'], dir);
    assert.equal(r.status, 1, 'TL004 remains (its fix is unsafe)');
    assert.match(r.stderr, /Fixed 2 findings in 2 files \(TL002: 1, TL006: 1\)/);
    assert.match(r.stdout, /app\.py:\d+:5: TL004 /);
    assert.doesNotMatch(r.stdout, /TL002|TL006/);
    const bom = readFileSync(join(dir, 'bom.py'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bom.toString('utf8'), /with _count_lock:\n        COUNT \+= 1/);
    const second = run(['check', '--fix', '.'], dir);
    assert.match(second.stderr, /Fixed nothing/);
    const all = run(['check', '--fix', '--unsafe-fixes', '.'], dir);
    assert.equal(all.status, 0, all.stdout + all.stderr);
    assert.match(readFileSync(join(dir, 'app.py'), 'utf8'), /if items is None:\n        items = \[\]/);
    const compile = spawnSync('python3', ['-m', 'py_compile', join(dir, 'app.py'), join(dir, 'bom.py')]);
    if (!compile.error) assert.equal(compile.status, 0, String(compile.stderr));
  });

  test('--add-ignore suppresses every finding on its line (one pragma per line), --diff previews it, --fix with it is a usage error', () => {
    ensureBuilt();
    const dir = mkdtempSync(join(scratch, 'ignore-'));
    const source = [
      'import os',
      '',
      'CACHE = {}',
      'TOTAL = 0',
      '',
      '',
      'def view(request):',
      '    global TOTAL',
      '    CACHE[request.path] = os.chdir("/")  # keep this comment',
      '    TOTAL += 1',
      '    CACHE["k"] = \\',
      '        1',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'app.py'), source);
    const preview = run(['check', '--add-ignore', '--diff', '.'], dir);
    assert.equal(preview.status, 1, preview.stderr);
    assert.match(preview.stdout, /^\+    TOTAL \+= 1  # threadlint: ignore\[TL006\]$/m);
    assert.match(preview.stderr, /^Would suppress 4 findings in 1 file \(TL002: 2, TL006: 1, TL009: 1\)\.$/m);
    assert.equal(readFileSync(join(dir, 'app.py'), 'utf8'), source, '--diff writes nothing');
    const r = run(['check', '--add-ignore', '.'], dir);
    assert.match(r.stderr, /Suppressed 4 findings in 1 file/);
    const after = readFileSync(join(dir, 'app.py'), 'utf8');
    assert.match(after, /^    CACHE\[request\.path\] = os\.chdir\("\/"\)  # keep this comment  # threadlint: ignore\[TL002, TL009\]$/m);
    assert.match(after, /^    CACHE\["k"\] = \\\n        1  # threadlint: ignore\[TL002\]$/m, 'at the end of a backslash continuation');
    assert.equal(r.status, 0, r.stdout);
    const compile = spawnSync('python3', ['-m', 'py_compile', join(dir, 'app.py')]);
    if (!compile.error) assert.equal(compile.status, 0, String(compile.stderr));
    const again = run(['check', '--add-noqa', '.'], dir);
    assert.match(again.stderr, /^Suppressed nothing\.$/m);
    assert.equal(again.status, 0);
    const both = run(['check', '--add-ignore', '--fix', '.'], dir);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--add-ignore suppresses findings, --fix repairs them/);
  });

  test('--fix writes a Latin-1 file back in Latin-1 and leaves a file in another encoding alone', (t) => {
    ensureBuilt();
    const dir = mkdtempSync(join(scratch, 'enc-'));
    const body = (coding: string) => Buffer.concat([
      Buffer.from(`# -*- coding: ${coding} -*-\nNAMES = []\n\n\ndef add(n):\n    NAMES.append(n + "`),
      Buffer.from([0xe9, 0x80]),
      Buffer.from('")\n'),
    ]);
    writeFileSync(join(dir, 'latin.py'), body('latin-1'));
    writeFileSync(join(dir, 'win.py'), body('cp1252'));
    const r = run(['check', '--fix', '.'], dir);
    assert.match(r.stderr, /win\.py: not fixed: the file is in cp1252/);
    const latin = readFileSync(join(dir, 'latin.py'));
    assert.match(latin.toString('latin1'), /with _names_lock:\n        NAMES\.append/);
    assert.ok(latin.includes(Buffer.from([0x22, 0xe9, 0x80, 0x22])), 'the Latin-1 bytes are kept as they were');
    assert.deepEqual(readFileSync(join(dir, 'win.py')), body('cp1252'), 'not rewritten');
  });
});
