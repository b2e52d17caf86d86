/**
 * Unit tests of the language server's parts that need no server process:
 * incremental reparsing (a kept tree edited change by change must summarise
 * exactly like a fresh parse), the suppress-on-this-line edit, editor
 * settings validation and their precedence over pyproject.toml, exclude globs
 * for single paths, and the neighbourhood of the quick cross-file pass.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { analyzeFile } from '../server/src/core/analyzeFile';
import { clearConfigCache } from '../server/src/core/config';
import { createParser } from '../server/src/core/parser';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { suppressionEdit } from '../server/src/lsp/codeActions';
import { OpenDocument } from '../server/src/lsp/documents';
import { PathGlobs } from '../server/src/core/globs';
import { neighbourhood } from '../server/src/lsp/neighbourhood';
import { findingsFor } from '../server/src/core/lint';
import { Projects } from '../server/src/lsp/projects';
import { warmUp, warmUpTyping } from '../server/src/lsp/warmup';
import { mergeSettings, parseEditorSettings, parseFilesExclude } from '../server/src/lsp/settings';

const repo = join(__dirname, '..');
const OPTIONS = { lockFactories: [], threadSafeTypes: [], maxFileBytes: 4 * 1024 * 1024 };

let parser: Parser;
before(async () => {
  parser = await createParser();
});

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fresh(path: string, text: string) {
  const outcome = analyzeFile({ path, text, module: 'shop.views', isPackage: false }, parser, OPTIONS);
  assert.ok(outcome.ok);
  return outcome.summary;
}

describe('incremental reparsing', () => {
  test('a kept tree edited change by change summarises exactly like a fresh parse', () => {
    const path = join(repo, 'examples', 'djangoapp', 'shop', 'views.py');
    let text = readFileSync(path, 'utf8');
    const doc = new OpenDocument('file:///views.py', path, true, 'shop.views', false, 'python', 1, text);
    const first = doc.analyse(parser, OPTIONS);
    assert.ok(first.ok);
    assert.deepEqual(first.summary, fresh(path, text));
    const next = random(7);
    // The reference document gives LSP's view of lines (`\n`, `\r\n` and a lone `\r` all end one).
    let reference = TextDocument.create('file:///views.py', 'python', 1, text);
    const pieces = ['x', '\n', '    ', 'é', '😀', 'CACHE[k] = 1\n', '(', ')', '#', '"""', 'global X\n', '', '\r\n'];
    const position = (offset: number) => {
      // Never between the two characters of a \r\n.
      const t = reference.getText();
      if (offset > 0 && t[offset - 1] === '\r' && t[offset] === '\n') offset++;
      return reference.positionAt(offset);
    };
    for (let version = 2; version < 80; version++) {
      // One to three changes per notification, each against the text the previous one left.
      const changes = [];
      for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
        const length = reference.getText().length;
        const start = Math.floor(next() * (length + 1));
        const end = next() < 0.5 ? start : Math.min(length, start + Math.floor(next() * 12));
        const change = { range: { start: position(start), end: position(end) }, text: pieces[Math.floor(next() * pieces.length)] };
        if (reference.offsetAt(change.range.end) < reference.offsetAt(change.range.start)) change.range.end = change.range.start;
        changes.push(change);
        reference = TextDocument.update(reference, [change], version);
      }
      text = reference.getText();
      doc.update(changes, version);
      assert.equal(doc.text, text);
      const outcome = doc.analyse(parser, OPTIONS);
      assert.ok(outcome.ok);
      assert.deepEqual(outcome.summary, fresh(path, text), `after version ${version}: ${JSON.stringify(changes)}`);
    }
    doc.dispose();
  });

  test('a full-text change replaces the tree', () => {
    const doc = new OpenDocument('file:///a.py', '/a.py', true, 'a', false, 'python', 1, 'X = 1\n');
    assert.ok(doc.analyse(parser, OPTIONS).ok);
    doc.update([{ text: 'CACHE = {}\n\ndef f(request):\n    CACHE[1] = 2\n' }], 2);
    const outcome = doc.analyse(parser, OPTIONS);
    assert.ok(outcome.ok);
    assert.equal(outcome.summary.accesses.length, 1);
    doc.dispose();
  });

  test('binary text and oversized text are refused with a reason', () => {
    const doc = new OpenDocument('file:///b.py', '/b.py', true, 'b', false, 'python', 1, 'PK\u0000\u0003');
    assert.deepEqual(doc.analyse(parser, OPTIONS), { ok: false, reason: 'binary content (NUL characters)' });
    const big = new OpenDocument('file:///c.py', '/c.py', true, 'c', false, 'python', 1, 'x = 1\n'.repeat(100));
    const outcome = big.analyse(parser, { ...OPTIONS, maxFileBytes: 100 });
    assert.equal(outcome.ok, false);
  });
});

describe('suppression edit', () => {
  const apply = (line: string, code: string, withTree = false): string | null => {
    const source = `${line}\n`;
    const tree = withTree ? parser.parse(source)! : undefined;
    try {
      const edit = suppressionEdit(line, 0, code, tree);
      if (!edit) return null;
      return line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    } finally {
      tree?.delete();
    }
  };

  test('appends a pragma after the code (and after an existing comment)', () => {
    for (const withTree of [false, true]) {
      assert.equal(apply('    CACHE[k] = v', 'TL002', withTree), '    CACHE[k] = v  # threadlint: ignore[TL002]');
      assert.equal(apply('    CACHE[k] = v   ', 'TL002', withTree), '    CACHE[k] = v  # threadlint: ignore[TL002]');
      assert.equal(apply('    CACHE[k] = v  # why', 'tl002', withTree), '    CACHE[k] = v  # why  # threadlint: ignore[TL002]');
      assert.equal(apply('    CACHE["#"] = v', 'TL002', withTree), '    CACHE["#"] = v  # threadlint: ignore[TL002]');
    }
  });

  test('merges into an existing pragma list, keeping it', () => {
    for (const withTree of [false, true]) {
      assert.equal(apply('x.append(1)  # threadlint: ignore[TL001]', 'TL002', withTree), 'x.append(1)  # threadlint: ignore[TL001, TL002]');
      assert.equal(apply('x.append(1)  # threadlint: ignore[ TL001 , TL005 ]  # note', 'TL002', withTree), 'x.append(1)  # threadlint: ignore[TL001, TL005, TL002]  # note');
      assert.equal(apply('x.append(1)  # threadlint: ignore[]', 'TL002', withTree), 'x.append(1)  # threadlint: ignore[TL002]');
    }
  });

  test('offers nothing where the rule is already suppressed or a comment cannot go', () => {
    assert.equal(apply('x.append(1)  # threadlint: ignore', 'TL002'), null);
    assert.equal(apply('x.append(1)  # threadlint: ignore[TL002]', 'TL002'), null);
    assert.equal(apply('x.append(1)  # threadlint: ignore[shared-mutable-mutation]', 'TL002'), null);
    assert.equal(apply('x.append(1)  # threadlint: ignore[TL0]', 'TL002'), null);
    assert.equal(apply('x.append(1)  # threadlint: ignore[*]', 'TL002'), null);
    assert.equal(apply('x = a + \\', 'TL002'), null);
    assert.equal(apply('x = a + \\', 'TL002', true), null);
    assert.equal(apply('x.append("""', 'TL002'), null);
    assert.equal(apply('   ', 'TL002'), null);
    assert.equal(apply('x.append(1)', 'TL999'), null);
    // `ignore-file` is not a line pragma.
    assert.equal(apply('x.append(1)  # threadlint: ignore-file[TL001]', 'TL002'), 'x.append(1)  # threadlint: ignore-file[TL001]  # threadlint: ignore[TL002]');
  });

  test('with a tree, a line that ends inside a multi-line string gets nothing', () => {
    const source = 'CACHE.append("""\nmore\n""")\n';
    const tree = parser.parse(source)!;
    assert.equal(suppressionEdit('CACHE.append("""', 0, 'TL002', tree), null);
    tree.delete();
  });
});

describe('editor settings', () => {
  test('bad values are reported and dropped, good ones kept', () => {
    const warnings: string[] = [];
    const s = parseEditorSettings(
      {
        enable: 'yes',
        select: ['TL002', 'TL999', 'check-then-act'],
        ignore: 'TL001',
        severity: { TL002: 'error', 'read-modify-write': 'hint', TL999: 'error', TL003: 'fatal' },
        exclude: ['build/**', 3],
        framework: 'rails',
        diagnosticsDelay: -1,
      },
      (m) => warnings.push(m),
    );
    assert.deepEqual(s, {
      enable: true,
      select: ['TL002', 'check-then-act'],
      ignore: [],
      severity: { TL002: 'error', TL006: 'hint' },
      exclude: [],
      framework: null,
      diagnosticsDelay: 150,
    });
    assert.equal(warnings.length, 8, warnings.join('\n'));
    assert.deepEqual(parseEditorSettings(null, () => assert.fail('no warning for absent settings')).select, []);
    assert.deepEqual(parseFilesExclude({ '**/.git': true, '**/node_modules': false, build: true }), ['**/.git', 'build']);
  });

  test('editor settings win over pyproject.toml where they are set', () => {
    const project = { ...DEFAULT_SETTINGS, select: ['TL0'], ignore: ['TL005'], severity: { TL002: 'hint' as const }, framework: 'django' as const };
    const defaults = parseEditorSettings({}, () => {});
    assert.deepEqual(mergeSettings(project, defaults), project);
    const ignore = mergeSettings(project, { ...defaults, ignore: ['TL006'] });
    assert.deepEqual([ignore.select, ignore.ignore], [['TL0'], ['TL005', 'TL006']]);
    const select = mergeSettings(project, { ...defaults, select: ['TL002'], ignore: ['TL006'] });
    assert.deepEqual([select.select, select.ignore], [['TL002'], ['TL006']]);
    const severity = mergeSettings(project, { ...defaults, severity: { TL002: 'error', TL003: 'information' } });
    assert.deepEqual(severity.severity, { TL002: 'error', TL003: 'information' });
    assert.equal(mergeSettings(project, { ...defaults, framework: 'auto' }).framework, 'django');
    assert.equal(mergeSettings(project, { ...defaults, framework: 'flask' }).framework, 'flask');
  });
});

describe('exclusion of single paths', () => {
  test('globs match folders on the way and base names at any depth', () => {
    const e = new PathGlobs('/p', ['*/migrations/*', 'generated', 'build/', './docs/**']);
    assert.equal(e.matches('/p/shop/migrations/0001_initial.py'), true);
    assert.equal(e.matches('/p/a/b/generated/x.py'), true);
    assert.equal(e.matches('/p/build/lib/x.py'), true);
    assert.equal(e.matches('/p/docs/conf.py'), true);
    assert.equal(e.matches('/p/shop/views.py'), false);
    assert.equal(e.matches('/elsewhere/generated/x.py'), false);
    assert.equal(new PathGlobs('/p', []).matches('/p/x.py'), false);
  });

  test('matchesEntry leaves the folders on the way to the walk; contains tells inside from outside', () => {
    const e = new PathGlobs('/p', ['generated', 'shop/*.py']);
    assert.equal(e.matchesEntry('/p/a/generated'), true);
    assert.equal(e.matchesEntry('/p/a/generated/x.py'), false, 'the walk never enters the folder');
    assert.equal(e.matches('/p/a/generated/x.py'), true);
    assert.equal(e.matchesEntry('/p/shop/views.py'), true);
    assert.equal(e.matchesEntry('/p/shop/sub/views.py'), false);
    assert.equal(e.contains('/p/shop/sub/views.py'), true);
    assert.equal(e.contains('/p'), false);
    assert.equal(e.contains('/elsewhere/x.py'), false);
  });
});

describe('neighbourhood of the quick pass', () => {
  test('takes the file, what it imports, what imports it and what those import', () => {
    const make = (path: string, module: string, text: string) => {
      const o = analyzeFile({ path, text, module, isPackage: false }, parser, OPTIONS);
      assert.ok(o.ok);
      return o.summary;
    };
    const state = make('/p/app/state.py', 'app.state', 'CACHE = {}\n');
    const helpers = make('/p/app/helpers.py', 'app.helpers', 'def norm(x):\n    return x\n');
    const views = make('/p/app/views.py', 'app.views', 'from app.state import CACHE\nfrom app import helpers\n\ndef view(request):\n    CACHE[helpers.norm(request.path)] = 1\n');
    const urls = make('/p/app/urls.py', 'app.urls', 'from app.views import view\nfrom app.other import X\n');
    const other = make('/p/app/other.py', 'app.other', 'X = 1\n');
    const unrelated = make('/p/app/unrelated.py', 'app.unrelated', 'Y = []\n');
    const files = [helpers, other, state, unrelated, urls, views];
    assert.deepEqual(neighbourhood(views, files).map((f) => f.module), ['app.helpers', 'app.other', 'app.state', 'app.urls', 'app.views']);
    assert.deepEqual(neighbourhood(state, files).map((f) => f.module), ['app.helpers', 'app.state', 'app.views']);
    assert.deepEqual(neighbourhood(unrelated, files).map((f) => f.module), ['app.unrelated']);
  });

  test('follows names a package re-exports to the module that defines them, both ways', () => {
    const make = (path: string, module: string, text: string, isPackage = false) => {
      const o = analyzeFile({ path, text, module, isPackage }, parser, OPTIONS);
      assert.ok(o.ok);
      return o.summary;
    };
    // As django.apps re-exports `apps` from django.apps.registry, and django.dispatch `Signal` from .dispatcher.
    const init = make('/p/reg/__init__.py', 'reg', 'from .registry import apps\nfrom .signals import Signal\n', true);
    const registry = make('/p/reg/registry.py', 'reg.registry', 'class Apps:\n    pass\n\napps = Apps()\n');
    const signals = make('/p/reg/signals.py', 'reg.signals', 'class Signal:\n    def send(self):\n        self.sent = True\n');
    const views = make('/p/views.py', 'views', 'from reg import apps\n\ndef reset(request):\n    apps.ready = False\n');
    const hooks = make('/p/hooks.py', 'hooks', 'from reg import Signal\n\nsaved = Signal()\n');
    const files = [hooks, init, registry, signals, views];
    assert.ok(neighbourhood(views, files).includes(registry), 'where `apps` is defined');
    assert.ok(neighbourhood(signals, files).includes(hooks), 'a module that makes a Signal through the package');
    const modules = (target: typeof views) => neighbourhood(target, files).map((f) => f.module);
    assert.deepEqual(modules(views), ['reg', 'reg.registry', 'views']);
    assert.deepEqual(modules(signals), ['hooks', 'reg', 'reg.registry', 'reg.signals'], 'with what the importers import');
  });
  test('takes the modules a star import reaches, through chains of them', () => {
    const make = (path: string, module: string, text: string) => {
      const o = analyzeFile({ path, text, module, isPackage: false }, parser, OPTIONS);
      assert.ok(o.ok);
      return o.summary;
    };
    const registry = make('/p/registry.py', 'registry', '__all__ = ["HANDLERS"]\nHANDLERS = []\n');
    const defaults = make('/p/defaults.py', 'defaults', 'from registry import *\nSEEN = set()\n');
    const views = make('/p/views.py', 'views', 'from defaults import *\n\ndef view(request):\n    HANDLERS.append(1)\n');
    const unrelated = make('/p/unrelated.py', 'unrelated', 'Y = []\n');
    const files = [defaults, registry, unrelated, views];
    assert.deepEqual(views.starImports, ['defaults']);
    assert.deepEqual(registry.exports, ['HANDLERS']);
    assert.deepEqual(neighbourhood(views, files).map((f) => f.module), ['defaults', 'registry', 'views']);
  });
  test('takes every module of an imported name when two roots have one (two services side by side)', () => {
    const make = (path: string, module: string, text: string, isPackage = false) => {
      const o = analyzeFile({ path, text, module, isPackage }, parser, OPTIONS);
      assert.ok(o.ok);
      return o.summary;
    };
    // /p/svc_a and /p/svc_b each run with their own folder on sys.path, each with an `app` package.
    const initA = make('/p/svc_a/app/__init__.py', 'app', '', true);
    const stateA = make('/p/svc_a/app/state.py', 'app.state', 'HITS = {}\n');
    const initB = make('/p/svc_b/app/__init__.py', 'app', '', true);
    const stateB = make('/p/svc_b/app/state.py', 'app.state', 'SEEN = []\n');
    const viewsB = make('/p/svc_b/app/views.py', 'app.views', 'from app.state import SEEN\n\ndef view(request):\n    SEEN.append(request.path)\n');
    const files = [initA, stateA, initB, stateB, viewsB];
    const picked = neighbourhood(viewsB, files);
    assert.ok(picked.includes(stateB), "svc_b's own app.state");
    // And the cross-file pass over it takes svc_b's own `app.state` (svc_a's has no SEEN).
    assert.deepEqual(findingsFor(picked, DEFAULT_SETTINGS).map((f) => `${f.path}:${f.code}`), ['/p/svc_b/app/views.py:TL007']);
    assert.deepEqual(findingsFor(files, DEFAULT_SETTINGS).map((f) => `${f.path}:${f.code}`), ['/p/svc_b/app/views.py:TL007']);
    // A module only the other root's package has is not svc_b's: Python would not find `app.locks` there.
    const locksA = make('/p/svc_a/app/locks.py', 'app.locks', 'import threading\nguard = threading.Lock()\n');
    const lockedB = make('/p/svc_b/app/locked.py', 'app.locked', 'from app.locks import guard\nfrom app.state import SEEN\n\ndef view(request):\n    with guard:\n        SEEN.append(request.path)\n');
    assert.deepEqual(findingsFor([...files, locksA, lockedB], DEFAULT_SETTINGS).map((f) => `${f.path}:${f.code}`).sort(), ['/p/svc_b/app/locked.py:TL007', '/p/svc_b/app/views.py:TL007']);
  });
});

describe('warm-up', () => {
  /** The parser with its parse() calls counted. */
  function counting(): { parser: Parser; parses: () => number; alone: () => number } {
    let n = 0;
    let alone = 0;
    const counted = Object.create(parser) as Parser;
    counted.parse = ((...args: Parameters<Parser['parse']>) => {
      n++;
      if (args[2]?.includedRanges?.length === 1 && !args[1]) alone++;
      return parser.parse(...args);
    }) as Parser['parse'];
    return { parser: counted, parses: () => n, alone: () => alone };
  }

  test('runs its rounds, and none while the client is sending', async () => {
    const all = counting();
    await warmUp(all.parser, { rounds: 3 });
    assert.equal(all.parses(), 3);

    // Busy for the first checks (a didOpen arriving): no round starts until it is quiet.
    const quiet = counting();
    let checks = 0;
    let parsesWhileBusy = -1;
    await warmUp(quiet.parser, {
      rounds: 2,
      busy: () => {
        checks++;
        if (checks === 4) parsesWhileBusy = quiet.parses();
        return checks <= 4;
      },
    });
    assert.equal(parsesWhileBusy, 0, 'no round while busy');
    assert.equal(quiet.parses(), 2, 'the rounds run once quiet');

    // Stopped (a document is open): no more rounds.
    const stopped = counting();
    await warmUp(stopped.parser, { rounds: 5, stop: () => stopped.parses() >= 1 });
    assert.equal(stopped.parses(), 1);
  });

  test('the typing warm-up types its statement, keystroke by keystroke, through the quick path', () => {
    const all = counting();
    const typed = warmUpTyping(all.parser);
    assert.equal(typed, '\n        x = len(self.items)'.length);
    assert.equal(all.alone(), typed, 'the method typed in is parsed alone at every keystroke');
    assert.equal(all.parses(), typed + 2, 'one full parse before the typing and one after it');
  });
});

describe('projects without a pyproject.toml', () => {
  test('a workspace folder\'s entry points (an *.egg-info, a setup.cfg) are in its project\'s settings, read again after reset()', () => {
    const folder = mkdtempSync(join(tmpdir(), 'threadlint-projects-'));
    try {
      mkdirSync(join(folder, 'tool.egg-info'));
      writeFileSync(join(folder, 'tool.egg-info', 'entry_points.txt'), '[console_scripts]\ntool = tool.cli:main\n');
      const projects = new Projects(() => [folder], () => {});
      const project = projects.of(join(folder, 'tool', 'cli.py'));
      assert.equal(project.key, `folder:${folder}`);
      assert.deepEqual(project.config.settings.consoleScripts, ['tool.cli:main']);
      assert.equal(projects.of(join(folder, 'tool', 'other.py')).config.settings, project.config.settings, 'one settings object per folder');
      writeFileSync(join(folder, 'setup.cfg'), '[entry_points]\nwsgi_scripts =\n    tool-api = tool.api:build_app\n');
      clearConfigCache();
      projects.reset();
      assert.deepEqual(projects.of(join(folder, 'tool', 'cli.py')).config.settings.appFactories, ['tool.api:build_app']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
