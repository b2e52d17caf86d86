/**
 * The function-body memo of the per-file pass (collect.ts): the language
 * server passes the memo of a document's previous analysis, so a keystroke
 * re-walks only the function it changed and replays the others. Replaying
 * must give exactly the summary a full walk gives. These tests edit real
 * files at random (fixed seed: lines added and removed above, inside and
 * between functions, imports and module names bound or unbound, characters
 * typed and deleted) and compare, after every edit, the summary built with
 * the previous memo against one built without any, on the same tree.
 *
 * The cross-file pass has a memo too (RuntimeMemo: the import-time-only
 * analysis, reused while no file changed what it reads); the last test checks
 * its findings against a pass without it, edit after edit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { collect, type CollectInput, type FunctionMemo } from '../server/src/core/analysis/collect';
import { RuntimeMemo } from '../server/src/core/analysis/resolve';
import { findingsFor } from '../server/src/core/lint';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import type { FileSummary } from '../server/src/core/analysis/summary';
import { createParser } from '../server/src/core/parser';
import { pythonFiles } from './helpers/fixtures';
import { mulberry32 as random } from './helpers/robustness';

const ROOT = join(__dirname, '..');
const OPTIONS = { lockFactories: [], threadSafeTypes: [] };


/** Module-level lines that bind (or rebind) names the functions of the files use. */
const MODULE_LINES = [
  'from flask import request',
  'import threading',
  'CACHE = {}',
  'request = None',
  'from .models import CACHE',
  'import django.http as request',
  'COUNTER = 0',
  '_lock = threading.RLock()',
];

/** Statements a user might type, at the indentation of the line they go before. */
const SNIPPETS = [
  'CACHE[key] = value',
  'self.user = request.user',
  'global COUNTER',
  'COUNTER += 1',
  'with _lock:\n    SEEN.append(1)',
  '_lock.acquire()',
  '_lock.release()',
  'import threading',
  'from flask import request',
  'from django.conf import settings as request',
  'STATE = []',
  '_lock = threading.Lock()',
  'del CACHE',
  'def helper(self, items=[]):\n    items.append(1)\n    self._helper()',
  'def _helper(self):\n    with self._lock:\n        self.seen.append(2)',
  'class Inner:\n    data = {}\n    def m(self):\n        self.data["k"] = 1',
  'if key not in CACHE:\n    CACHE[key] = compute()',
  'self._count = self._count + 1',
  'return self.items.pop()',
  'x = [y for y in CACHE if y]',
  'yield request.GET',
  'os.environ["X"] = "1"',
  'import os.path\nos.path.join(CACHE)',
  'from . import views\nviews.handler(request)',
  'from threading import Lock\nLock()',
  '"""docstring"""',
];

function edit(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(rnd() * (lines.length + 1));
  const indent = /^[ \t]*/.exec(lines[Math.min(at, lines.length - 1)] ?? '')![0];
  const r = rnd();
  if (r < 0.15) {
    // A module-level line between two top-level statements, or the removal of one.
    const tops = lines.map((l, i) => (/^[A-Za-z@]/.test(l) ? i : -1)).filter((i) => i >= 0);
    const top = tops.length > 0 ? tops[Math.floor(rnd() * tops.length)] : 0;
    if (rnd() < 0.7 || !/^(import|from|[A-Za-z_]+ = )/.test(lines[top] ?? '')) lines.splice(top, 0, MODULE_LINES[Math.floor(rnd() * MODULE_LINES.length)]);
    else lines.splice(top, 1);
  } else if (r < 0.5) {
    const snippet = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
    lines.splice(at, 0, ...snippet.split('\n').map((l) => indent + l));
  } else if (r < 0.6 && lines.length > 1) {
    lines.splice(Math.min(at, lines.length - 1), 1 + Math.floor(rnd() * 2));
  } else if (r < 0.8) {
    // Typing: a few characters somewhere in a line.
    const line = Math.min(at, lines.length - 1);
    const col = Math.floor(rnd() * (lines[line].length + 1));
    const chars = ['x', '.', '(', ':', ' ', 'self.', '= ', '[k]', '\t'][Math.floor(rnd() * 9)];
    lines[line] = lines[line].slice(0, col) + chars + lines[line].slice(col);
  } else if (r < 0.9) {
    const line = Math.min(at, lines.length - 1);
    const col = Math.floor(rnd() * (lines[line].length + 1));
    lines[line] = lines[line].slice(0, col) + lines[line].slice(col + 1 + Math.floor(rnd() * 4));
  } else {
    lines.splice(at, 0, '');
  }
  return lines.join('\n');
}

function summarise(parser: Parser, text: string, path: string, memo?: CollectInput['memo'], module = 'pkg.mod'): FileSummary {
  const tree = parser.parse(text)!;
  try {
    return collect(tree, { path, module, isPackage: path.endsWith('__init__.py'), source: text, memo }, OPTIONS);
  } finally {
    tree.delete();
  }
}

/** Summarises `before` (keeping its memo), then `after` with that memo: the replayed summary, the full one, and how many bodies were replayed. */
function twoVersions(parser: Parser, before: string, after: string) {
  const first: FunctionMemo = new Map();
  summarise(parser, before, '/m.py', { next: first });
  const second: FunctionMemo = new Map();
  const replayed = summarise(parser, after, '/m.py', { previous: first, next: second });
  const reused = [...second.entries()].filter(([key, effects]) => first.get(key) === effects).length;
  return { replayed, full: summarise(parser, after, '/m.py'), reused };
}

describe('function-body memo', () => {
  const files = [...pythonFiles(join(ROOT, 'test', 'fixtures')), ...pythonFiles(join(ROOT, 'examples'))];

  test('replaying unchanged functions gives the summary of a full walk, edit after edit', async () => {
    const parser = await createParser();
    const rnd = random(20261125);
    let replayed = 0;
    let checked = 0;
    for (const path of files) {
      let text = readFileSync(path, 'utf8');
      let memo: FunctionMemo | undefined;
      for (let step = 0; step < 12; step++) {
        if (step > 0) text = edit(text, rnd);
        const next: FunctionMemo = new Map();
        const withMemo = summarise(parser, text, path, { previous: memo, next });
        const full = summarise(parser, text, path);
        assert.deepStrictEqual(withMemo, full, `${path}, after edit ${step}:\n${text}`);
        for (const [key, effects] of next) if (memo?.get(key) === effects) replayed++;
        memo = next;
        checked++;
      }
    }
    parser.delete();
    assert.ok(checked > 500, `checked ${checked} versions`);
    // Most functions survive an edit elsewhere: the memo must actually be used.
    assert.ok(replayed > checked, `replayed ${replayed} function bodies over ${checked} versions`);
  });

  test('a function that moves keeps its findings at its new place', async () => {
    const parser = await createParser();
    const before = [
      'import threading',
      'CACHE = {}',
      '_lock = threading.Lock()',
      '',
      'def view(request, key):',
      '    if key not in CACHE:',
      '        CACHE[key] = request.GET',
      '    with _lock:',
      '        _lock.acquire()',
    ].join('\n');
    // Lines that bind no module name: the body's walk would be the same, so it is replayed.
    const after = before.replace('CACHE = {}', 'CACHE = {}\n# the cache\n\nprint(CACHE)');
    const { replayed: moved, full, reused } = twoVersions(parser, before, after);
    assert.equal(reused, 1, 'the body of view() is replayed, not walked');
    assert.deepStrictEqual(moved, full);
    assert.deepStrictEqual(moved.accesses.map((a) => [a.op, a.span[0], a.check?.span[0]]), [['setitem', 9, 8]], 'the write and its check moved down three lines');
    assert.deepStrictEqual(moved.local.map((l) => [l.code, l.span[0]]), [['TL010', 11]], 'so did the lock taken twice');
    parser.delete();
  });

  test('functions and classes added before a replayed body renumber what it holds', async () => {
    const parser = await createParser();
    const before = [
      'import threading',
      '',
      'class A:',
      '    def a(self):',
      '        pass',
      '',
      'def outer(request):',
      '    class Inner:',
      '        data = {}',
      '        def m(self):',
      '            self.data["k"] = request.GET',
      '    return Inner',
      '',
      'class C:',
      '    def __init__(self):',
      '        self._lock = threading.Lock()',
      '    def m(self):',
      '        with self._lock:',
      '            self._helper()',
      '    def _helper(self):',
      '        with self._lock:',
      '            self.seen.append(1)',
      '    def _guarded(self):',
      '        self.count += 1',
      '    def n(self):',
      '        with self._lock:',
      '            self._guarded()',
      '    def r(self):',
      '        with self._lock:',
      '            self._lock.acquire()',
    ].join('\n');
    // A method (with a class inside) added to A: one more function and one more class before outer().
    const after = before.replace('        pass', '        pass\n\n    def b(self):\n        class Tmp:\n            pass\n        return Tmp');
    const { replayed, full, reused } = twoVersions(parser, before, after);
    assert.equal(reused, 8, 'A.a(), outer() and the six methods of C are replayed');
    assert.deepStrictEqual(replayed, full);
    assert.deepStrictEqual(full.classes.map((c) => c.qualname), ['A', 'A.b.<locals>.Tmp', 'outer.<locals>.Inner', 'C']);
    assert.ok(full.local.some((l) => l.code === 'TL010' && l.span[0] === after.split('\n').indexOf('            self._helper()')), 'the self._lock re-entry through _helper() is found where it now is');
    assert.ok(full.local.some((l) => l.code === 'TL010' && l.span[0] === after.split('\n').indexOf('            self._lock.acquire()')), 'and the one in r()');
    const guarded = full.accesses.find((a) => a.target.t === 'self' && a.target.attr === 'count');
    assert.deepStrictEqual([guarded?.target, guarded?.held], [{ t: 'self', cls: 3, attr: 'count', via: 'self' }, ['call:caller']], '_guarded() runs under the caller\'s lock');
    parser.delete();
  });

  /** The helper `_exclusive` stops locking between two versions (placed above or below `view`); `view` is unchanged. */
  async function helperStopsLocking(below: boolean): Promise<void> {
    const parser = await createParser();
    const head = ['import threading', 'from contextlib import contextmanager', '', '_lock = threading.Lock()', 'CACHE = {}', '', ''];
    const view = ['', '', 'def view(path):', '    with _exclusive():', '        CACHE[path] = CACHE.get(path, 0) + 1', '', ''];
    const locking = ['@contextmanager', 'def _exclusive():', '    with _lock:', '        yield'];
    const plain = ['@contextmanager', 'def _exclusive():', '    yield'];
    const version = (helper: string[]) => (below ? [...head, ...view, ...helper, ''] : [...head, ...helper, ...view]).join('\n');
    const first: FunctionMemo = new Map();
    const locked = summarise(parser, version(locking), '/m.py', { next: first });
    assert.deepStrictEqual(locked.accesses.map((a) => a.held), [['_lock']]);
    const after = version(plain);
    const again = summarise(parser, after, '/m.py', { previous: first, next: new Map() });
    assert.deepStrictEqual(again, summarise(parser, after, '/m.py'));
    assert.deepStrictEqual(again.accesses.map((a) => a.held), [[]]);
    parser.delete();
  }

  test('a body that uses a locking helper is walked again when the helper stops locking', () => helperStopsLocking(false));

  test('a body that uses a locking helper defined below it is replayed with that helper resolved again', () => helperStopsLocking(true));

  test('a body given a name of the module is replayed alike whatever the name is bound to', async () => {
    const parser = await createParser();
    // `on_price` is a value in one version, a function in the other, bound above an unchanged body.
    const body = ['', '', 'def create_app(bus):', '    bus.subscribe("price", on_price)', ''];
    const before = ['on_price = None', ...body].join('\n');
    const after = ['def on_price(sku):', '    return sku', ...body].join('\n');
    const { replayed, full } = twoVersions(parser, before, after);
    assert.deepStrictEqual(replayed, full);
    assert.ok(full.refs.some((r) => r.chain.endsWith('on_price') && r.from === 'escape'), 'the function given to an unknown call escapes');
    parser.delete();
  });

  test('a body is walked again when what it reads of the module or its class changes elsewhere', async () => {
    const parser = await createParser();
    const cases: [string, string, string][] = [
      // `Guard` a function, then a class whose `__enter__` takes `_lock` (a lock wrapper: `with Guard():` holds it).
      [
        'a lock-wrapper class in place of a function',
        ['import threading', '_lock = threading.Lock()', 'COUNT = {}', 'def Guard():', '    pass', 'def bump(k):', '    with Guard():', '        COUNT[k] = COUNT.get(k, 0) + 1'].join('\n'),
        ['import threading', '_lock = threading.Lock()', 'COUNT = {}', 'class Guard:', '    def __enter__(self):', '        _lock.acquire()', '    def __exit__(self, *a):', '        _lock.release()', 'def bump(k):', '    with Guard():', '        COUNT[k] = COUNT.get(k, 0) + 1'].join('\n'),
      ],
      // A nested class the method's `self.Meta` reads, removed from the class body above it.
      [
        'a class-body binding removed above a method',
        ['class Base:', '    class Meta:', '        fields = ["id"]', '', 'class Sub(Base):', '    class Meta(Base.Meta):', '        fields = Base.Meta.fields + ["x"]', '', '    def __init__(self):', '        self.Meta.fields.append("m")'].join('\n'),
        ['class Base:', '    class Meta:', '        fields = ["id"]', '', 'class Sub(Base):', '', '    def __init__(self):', '        self.Meta.fields.append("m")'].join('\n'),
      ],
      // Another function's line makes `_finalize` a weakref callback: its parameter becomes the caller's own member.
      [
        'a weakref callback named elsewhere',
        ['import weakref', '_strong = {}', 'def _finalize(ref):', '    _strong.pop(ref, None)', 'def keep(obj):', '    r = weakref.ref(obj)', '    _strong[r] = obj'].join('\n'),
        ['import weakref', '_strong = {}', 'def _finalize(ref):', '    _strong.pop(ref, None)', 'def keep(obj):', '    r = weakref.ref(obj, _finalize)', '    _strong[r] = obj'].join('\n'),
      ],
    ];
    for (const [what, before, after] of cases) {
      const { replayed, full } = twoVersions(parser, before, after);
      assert.deepStrictEqual(replayed, full, what);
    }
    parser.delete();
  });

  test('the same text in another place is walked again', async () => {
    const parser = await createParser();
    const method = ['    def m(self, items=[]):', '        self.items.append(1)', '        items.append(2)'];
    const inClass = ['class A:', ...method].join('\n');
    // The same lines with one indent less: a module-level function, where `self` is just a parameter.
    const atModule = method.map((l) => l.slice(4)).join('\n');
    const first: FunctionMemo = new Map();
    summarise(parser, inClass, '/m.py', { next: first });
    const second: FunctionMemo = new Map();
    const again = summarise(parser, `${inClass}\n\nclass B:\n${method.join('\n')}`, '/m.py', { previous: first, next: second });
    assert.deepStrictEqual(again, summarise(parser, `${inClass}\n\nclass B:\n${method.join('\n')}`, '/m.py'));
    assert.deepStrictEqual(again.accesses.map((a) => a.target), [
      { t: 'self', cls: 0, attr: 'items', via: 'self' },
      { t: 'self', cls: 1, attr: 'items', via: 'self' },
    ]);
    const third: FunctionMemo = new Map();
    const moduleLevel = summarise(parser, atModule, '/m.py', { previous: first, next: third });
    assert.deepStrictEqual(moduleLevel, summarise(parser, atModule, '/m.py'));
    parser.delete();
  });

  test('the import-time memo of the cross-file pass gives the findings of a pass without it', async () => {
    const parser = await createParser();
    const rnd = random(7);
    let reused = 0;
    let passes = 0;
    for (const dir of ['examples/djangoapp', 'test/fixtures/global-rebinding', 'test/fixtures/shared-mutable-mutation']) {
      const paths = pythonFiles(join(ROOT, dir));
      const texts = paths.map((p) => readFileSync(p, 'utf8'));
      const module = (p: string) => p.slice(ROOT.length + 1, -3).replace(/\//g, '.').replace(/\.__init__$/, '');
      const summaries = paths.map((p, i) => summarise(parser, texts[i], p, undefined, module(p)));
      const memo = new RuntimeMemo();
      for (let step = 0; step < 40; step++) {
        const k = Math.floor(rnd() * paths.length);
        texts[k] = edit(texts[k], rnd);
        summaries[k] = summarise(parser, texts[k], paths[k], undefined, module(paths[k]));
        const before = memo.importOnly;
        const withMemo = findingsFor(summaries, DEFAULT_SETTINGS, { runtimeMemo: memo });
        if (step > 0 && memo.importOnly === before) reused++;
        passes++;
        assert.deepStrictEqual(withMemo, findingsFor(summaries, DEFAULT_SETTINGS), `${dir}, edit ${step} of ${paths[k]}`);
      }
    }
    parser.delete();
    assert.ok(reused > 0 && reused < passes, `reused ${reused} of ${passes} passes`);
  });

  test('the import-time memo follows what decides run time: references, bindings, deletions', async () => {
    const parser = await createParser();
    const base = [
      'REGISTRY = {}',
      '',
      'def register(name):',
      '    REGISTRY[name] = 1',
      '',
      'def helper():',
      '    REGISTRY["x"] = 2',
      '',
      'reg = print',
      'register("a")',
      '',
      'def view():',
      '    pass',
    ];
    const versions: [string, string[]][] = [
      ['only import-time calls', base],
      ['a run-time call', base.map((l) => (l === '    pass' ? '    register("b")' : l))],
      ['back again', base],
      ['helper deleted after import', [...base, 'del helper']],
      ['an alias called at run time', base.map((l) => (l === '    pass' ? '    reg("c")' : l))],
      ['the alias now names register', base.map((l) => (l === '    pass' ? '    reg("c")' : l === 'reg = print' ? 'reg = register' : l))],
    ];
    const memo = new RuntimeMemo();
    const other = summarise(parser, 'import mod\n\ndef unrelated():\n    return mod.REGISTRY\n', '/w/other.py', undefined, 'other');
    const seen = new Set<string>();
    for (const [what, lines] of versions) {
      const mod = summarise(parser, lines.join('\n'), '/w/mod.py', undefined, 'mod');
      const withMemo = findingsFor([mod, other], DEFAULT_SETTINGS, { runtimeMemo: memo });
      const without = findingsFor([mod, other], DEFAULT_SETTINGS);
      assert.deepStrictEqual(withMemo, without, what);
      seen.add(without.map((f) => `${f.code}@${f.range.start.line}`).join(','));
    }
    // The versions differ in their findings, so a stale memo would show.
    assert.deepStrictEqual([...seen], ['TL002@6', 'TL002@3,TL002@6', '', 'TL002@3,TL002@6'].filter((x, i, a) => a.indexOf(x) === i));
    parser.delete();
  });

  test('the import-time memo follows the shapes that make start-up code: middleware, PasteDeploy factories', async () => {
    const parser = await createParser();
    const base = [
      '_boot = 0',
      '',
      'class Timing:',
      '    def __init__(self, get_response):',
      '        global _boot',
      '        _boot = _boot + 1',
      '        self.get_response = get_response',
      '',
      '    def __call__(self, request):',
      '        return self.get_response(request)',
      '',
      'def filter_factory(global_conf, **conf):',
      '    global _boot',
      '    _boot = _boot + 1',
    ];
    const versions: [string, string[]][] = [
      ['middleware and factory', base],
      ['the constructor no longer takes get_response', base.map((l) => l.replace('(self, get_response)', '(self, handler)'))],
      ['back again', base],
      ['the factory no longer takes global_conf', base.map((l) => l.replace('(global_conf, **conf)', '(conf)'))],
      ['back again', base],
    ];
    const memo = new RuntimeMemo();
    const seen = new Set<string>();
    for (const [what, lines] of versions) {
      const mod = summarise(parser, lines.join('\n'), '/w/mw.py', undefined, 'mw');
      const withMemo = findingsFor([mod], DEFAULT_SETTINGS, { runtimeMemo: memo });
      const without = findingsFor([mod], DEFAULT_SETTINGS);
      assert.deepStrictEqual(withMemo, without, what);
      seen.add(without.map((f) => `${f.code}@${f.range.start.line}`).join(','));
    }
    // The versions differ in their findings, so a stale memo would show.
    assert.equal(seen.size, 3, [...seen].join(' | '));
    parser.delete();
  });

  test('the import-time memo sees a binding that another file reaches through', async () => {
    const parser = await createParser();
    const parse = (path: string, module: string, text: string) => summarise(parser, text, path, undefined, module);
    // one.f() and two.f() run at import time, unless something calls them later: view() calls mod.f().
    const one = parse('/w/one.py', 'one', 'ONE = {}\n\ndef f():\n    ONE["a"] = 1\n\nf()\n');
    const two = parse('/w/two.py', 'two', 'TWO = {}\n\ndef f():\n    TWO["b"] = 1\n\nf()\n');
    const other = parse('/w/other.py', 'other', 'import mod\n\ndef view():\n    mod.f()\n');
    const memo = new RuntimeMemo();
    const found: string[][] = [];
    for (const target of ['one', 'two', 'one']) {
      // Only mod's bindings change: its references stay the same.
      const mod = parse('/w/mod.py', 'mod', `from ${target} import f\n`);
      const withMemo = findingsFor([one, two, mod, other], DEFAULT_SETTINGS, { runtimeMemo: memo });
      assert.deepStrictEqual(withMemo, findingsFor([one, two, mod, other], DEFAULT_SETTINGS), `f is ${target}.f`);
      found.push(withMemo.map((f) => `${f.code} ${f.path}:${f.range.start.line}`));
    }
    assert.deepStrictEqual(found, [['TL002 /w/one.py:3'], ['TL002 /w/two.py:3'], ['TL002 /w/one.py:3']]);
    parser.delete();
  });

  test('the import-time memo follows star imports and __all__', async () => {
    const parser = await createParser();
    const parse = (path: string, module: string, text: string) => summarise(parser, text, path, undefined, module);
    // state.init() rebinds CONFIG; app.py calls init() at import time, once a star import brings it in.
    const state = parse('/w/state.py', 'state', 'CONFIG = None\n\ndef init():\n    global CONFIG\n    CONFIG = object()\n\ndef view(request):\n    return CONFIG\n');
    const memo = new RuntimeMemo();
    const seen: string[] = [];
    for (const app of ['import os\n\ninit()\n', 'from state import *\n\ninit()\n', 'import os\n\ninit()\n']) {
      const mod = parse('/w/app.py', 'app', app);
      const withMemo = findingsFor([state, mod], DEFAULT_SETTINGS, { runtimeMemo: memo });
      assert.deepStrictEqual(withMemo, findingsFor([state, mod], DEFAULT_SETTINGS), app);
      seen.push(withMemo.map((f) => `${f.code}:${f.severity}`).join(','));
    }
    assert.notEqual(seen[0], seen[1], 'the star import changes what runs at import time');
    assert.equal(seen[0], seen[2]);
    parser.delete();
  });

  test('the import-time memo is kept while a method reads another attribute of self', async () => {
    const parser = await createParser();
    const memo = new RuntimeMemo();
    const pass = (body: string) => {
      const text = ['class Node:', '    def render(self, context):', '        self.user = context', `        return ${body}`, ''].join('\n');
      const mod = summarise(parser, text, '/w/mod.py', undefined, 'mod');
      const before = memo.importOnly;
      assert.deepStrictEqual(findingsFor([mod], DEFAULT_SETTINGS, { runtimeMemo: memo }), findingsFor([mod], DEFAULT_SETTINGS), body);
      return memo.importOnly === before;
    };
    pass('None');
    for (const body of ['self.u', 'self.us', 'self.user', 'self.user.name']) assert.equal(pass(body), true, body);
    parser.delete();
  });

  test('the import-time memo is kept while typing names it does not follow, and dropped for one it does', async () => {
    const parser = await createParser();
    const lines = ['REGISTRY = {}', '', 'def register(name):', '    REGISTRY[name] = 1', '', 'register("a")', '', 'def view(items):', '    pass'];
    const memo = new RuntimeMemo();
    const pass = (body: string) => {
      const mod = summarise(parser, [...lines.slice(0, -1), `    ${body}`].join('\n'), '/w/mod.py', undefined, 'mod');
      const before = memo.importOnly;
      const withMemo = findingsFor([mod], DEFAULT_SETTINGS, { runtimeMemo: memo });
      assert.deepStrictEqual(withMemo, findingsFor([mod], DEFAULT_SETTINGS), body);
      return { reused: memo.importOnly === before, findings: withMemo.length };
    };
    assert.deepStrictEqual(pass('pass'), { reused: false, findings: 0 });
    // Typing `total = len(items)` one step at a time: `len`, `items` and `total` name nothing the analysis follows.
    for (const body of ['t', 'tot', 'total = l', 'total = len(', 'total = len(items)']) assert.equal(pass(body).reused, true, body);
    // Calling register at run time changes what is import-time only: recomputed, and REGISTRY's write is now reported.
    const called = pass('register("b")');
    assert.deepStrictEqual(called, { reused: false, findings: 1 });
    parser.delete();
  });
});
