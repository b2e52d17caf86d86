/**
 * Fixture-driven rule tests. Each folder under test/fixtures is linted as one
 * workspace (all its .py files together, so cross-file cases resolve), and the
 * findings must equal the `# expect: CODE` markers exactly: same file, line and
 * code, and the severity where the marker gives one. Findings of every rule
 * count, so a fixture that fires another rule by accident fails too.
 * Also: unit tests of the marker parser and the comparison, and sanity checks
 * of the fixture files themselves (they must parse as Python; `ok_` files carry
 * no markers).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { lint } from '../server/src/core/lint';
import { findRule } from '../server/src/core/rules';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import {
  compareFindings,
  formatDiff,
  isEmptyDiff,
  listFixtureWorkspaces,
  parseMarkers,
  relPath,
  sourceReader,
  toReported,
  workspaceExpectations,
  type Expectation,
  type Reported,
} from './helpers/fixtures';

const workspaces = listFixtureWorkspaces();

describe('marker parser', () => {
  test('reads a single code on the line it is written on (0-based)', () => {
    assert.deepEqual(parseMarkers('x = 1\n    CACHE[k] = v  # expect: TL002\n'), [{ line: 1, code: 'TL002' }]);
  });

  test('reads several codes, duplicates included, with optional severities', () => {
    assert.deepEqual(parseMarkers('a()  # expect: TL002, TL005(information),TL001, TL001\n'), [
      { line: 0, code: 'TL002' },
      { line: 0, code: 'TL005', severity: 'information' },
      { line: 0, code: 'TL001' },
      { line: 0, code: 'TL001' },
    ]);
  });

  test('stops at the next comment, so a pragma may follow the marker', () => {
    assert.deepEqual(parseMarkers('CACHE.clear()  # expect: TL002  # noqa: TL001'), [{ line: 0, code: 'TL002' }]);
    assert.deepEqual(parseMarkers('x += 1  # threadlint: ignore[TL005]  # expect: TL006(warning)'), [
      { line: 0, code: 'TL006', severity: 'warning' },
    ]);
  });

  test('counts lines the same way for \\n, \\r\\n and \\r', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.deepEqual(parseMarkers(['a = 1', 'b = 2', 'c()  # expect: TL009'].join(eol)), [{ line: 2, code: 'TL009' }], JSON.stringify(eol));
    }
  });

  test('ignores comments that are not markers', () => {
    assert.deepEqual(parseMarkers('# expected: TL002\n# threadlint: ignore[TL002]\nx = 1  # noqa\n'), []);
  });

  test('rejects malformed markers, naming the line', () => {
    assert.throws(() => parseMarkers('x\ny  # expect: TL02\n'), /line 2: bad expectation "TL02"/);
    assert.throws(() => parseMarkers('y  # expect:\n'), /line 1: .*names no rule code/);
    assert.throws(() => parseMarkers('y  # expect: TL002,\n'), /bad expectation ""/);
    assert.throws(() => parseMarkers('y  # expect: TL002(info)\n'), /unknown severity "info"/);
    assert.throws(() => parseMarkers('y  # expect: shared-mutable-mutation\n'), /bad expectation/);
  });
});

describe('finding comparison', () => {
  const at = (file: string, line: number, code: string, severity?: Expectation['severity']): Expectation =>
    severity ? { file, line, code, severity } : { file, line, code };
  const found = (file: string, line: number, code: string, severity: Reported['severity'] = 'warning'): Reported => ({
    file,
    line,
    code,
    severity,
    message: `${code} at ${line}`,
  });

  test('equal multisets give an empty diff; a marker without severity accepts any', () => {
    const diff = compareFindings(
      [at('a.py', 3, 'TL002'), at('a.py', 3, 'TL002'), at('b.py', 1, 'TL009', 'information')],
      [found('b.py', 1, 'TL009', 'information'), found('a.py', 3, 'TL002', 'hint'), found('a.py', 3, 'TL002')],
    );
    assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
  });

  test('reports missing, unexpected and wrong-severity findings', () => {
    const diff = compareFindings(
      [at('a.py', 3, 'TL002'), at('a.py', 3, 'TL002'), at('b.py', 1, 'TL009', 'warning')],
      [found('a.py', 3, 'TL002'), found('a.py', 4, 'TL002'), found('b.py', 1, 'TL009', 'information')],
    );
    assert.deepEqual(diff.missing, [at('a.py', 3, 'TL002')]);
    assert.deepEqual(diff.unexpected, [found('a.py', 4, 'TL002')]);
    assert.deepEqual(diff.wrongSeverity, [{ expected: at('b.py', 1, 'TL009', 'warning'), actual: found('b.py', 1, 'TL009', 'information') }]);
    const text = formatDiff(diff, (file, line) => `${file} line ${line}`);
    assert.match(text, /missing {5}a\.py:3 TL002\n {6}\| a\.py line 3/);
    assert.match(text, /unexpected {2}a\.py:4 TL002 \(warning\) "TL002 at 4"/);
    assert.match(text, /severity {4}b\.py:1 TL009: expected warning, got information/);
  });

  test('a severity marker is matched before a plain one at the same spot', () => {
    const diff = compareFindings(
      [at('a.py', 1, 'TL005'), at('a.py', 1, 'TL005', 'information')],
      [found('a.py', 1, 'TL005', 'information'), found('a.py', 1, 'TL005', 'warning')],
    );
    assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
  });
});

describe('fixture files', () => {
  test('every rule-named folder and the suppression folder exist and hold .py files', () => {
    assert.ok(workspaces.length > 0, 'no fixture folders found');
    for (const ws of workspaces) {
      assert.ok(ws.name === 'suppression' || findRule(ws.name)?.name === ws.name, `test/fixtures/${ws.name} is not named after a rule`);
      assert.ok(ws.files.length > 0, `test/fixtures/${ws.name} has no .py files`);
    }
  });

  test('markers parse and name known rules; ok_ files have none, bad_ files have some', () => {
    for (const ws of workspaces) {
      for (const file of ws.files) {
        const rel = `${ws.name}/${relPath(ws.dir, file)}`;
        let markers;
        try {
          markers = parseMarkers(readFileSync(file, 'utf8'));
        } catch (err) {
          assert.fail(`${rel}: ${(err as Error).message}`);
        }
        for (const m of markers) assert.ok(findRule(m.code)?.code === m.code, `${rel}:${m.line + 1}: unknown rule code ${m.code}`);
        const name = basename(file);
        if (name.startsWith('ok_')) assert.deepEqual(markers, [], `${rel} is an ok_ fixture but expects findings`);
        if (name.startsWith('bad_')) assert.ok(markers.length > 0, `${rel} is a bad_ fixture without any marker`);
      }
    }
  });

  test('every fixture is valid Python', (t) => {
    const files = workspaces.flatMap((ws) => ws.files);
    const script = [
      'import sys',
      'bad = []',
      'for path in sys.argv[1:]:',
      '    try:',
      '        compile(open(path, encoding="utf-8").read(), path, "exec")',
      '    except SyntaxError as err:',
      '        bad.append(f"{path}:{err.lineno}: {err.msg}")',
      'print("\\n".join(bad))',
      'sys.exit(1 if bad else 0)',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, ...files], { encoding: 'utf8' });
    if (run.error) {
      t.skip(`python3 not available: ${run.error.message}`);
      return;
    }
    assert.equal(run.status, 0, `fixtures that do not compile:\n${run.stdout}${run.stderr}`);
  });
});

describe('rule fixtures', () => {
  for (const ws of workspaces) {
    test(`${ws.name}: findings equal the # expect markers`, async () => {
      const expected = workspaceExpectations(ws);
      const result = await lint(
        ws.files.map((path) => ({ path })),
        { settings: DEFAULT_SETTINGS, workers: 0 },
      );
      const problems = result.problems.map((p) => `  ${p.kind} ${relPath(ws.dir, p.path)}: ${p.reason}`);
      assert.deepEqual(problems, [], `files not fully analysed in ${ws.name}:\n${problems.join('\n')}`);
      assert.equal(result.files, ws.files.length, `${ws.name}: files analysed`);
      const diff = compareFindings(
        expected,
        result.findings.map((f) => toReported(ws.dir, f)),
      );
      if (!isEmptyDiff(diff)) {
        const counts = `${diff.missing.length} missing, ${diff.unexpected.length} unexpected, ${diff.wrongSeverity.length} with another severity`;
        assert.fail(`test/fixtures/${ws.name}: ${counts}\n${formatDiff(diff, sourceReader(ws.dir))}`);
      }
      // Messages are sentences built from parts: no part may say the same thing twice.
      for (const f of result.findings) {
        const words = f.message.replace(/`[^`]*`/g, 'X').toLowerCase().match(/[a-z]+/g) ?? [];
        for (let i = 0; i + 3 <= words.length; i++) {
          const phrase = words.slice(i, i + 3).join(' ');
          assert.ok(!words.slice(i + 3).join(' ').includes(phrase) || /^(x|the|a|of|and|to) /.test(phrase), `${f.code} repeats "${phrase}": ${f.message}`);
        }
      }
    });
  }
});

describe('related locations say what kind of object is shared', () => {
  test('a middleware known by its name alone, in a package without Django, is not called Django middleware', async () => {
    const dir = join(__dirname, 'fixtures', 'long-lived-object-state');
    const result = await lint(
      [{ path: join(dir, 'bad_middleware.py') }, { path: join(dir, 'webob_middleware', 'ssl.py') }, { path: join(dir, 'webob_middleware', '__init__.py') }],
      { settings: DEFAULT_SETTINGS, workers: 0 },
    );
    const life = (file: string) => result.findings.filter((f) => f.path.endsWith(file)).flatMap((f) => f.related.map((r) => r.message)).filter((m) => m.includes('middleware'));
    assert.ok(life('bad_middleware.py').length > 0 && life('bad_middleware.py').every((m) => m.includes('is Django middleware')), life('bad_middleware.py').join('\n'));
    assert.ok(life('ssl.py').length > 0 && life('ssl.py').every((m) => !m.includes('Django')), life('ssl.py').join('\n'));
  });

  test('a singleton made by `__new__` is called one, not an instance made at module level', async () => {
    const path = join(__dirname, 'fixtures', 'long-lived-object-state', 'new_singleton.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const notes = result.findings.filter((f) => f.code === 'TL008').flatMap((f) => f.related.map((r) => r.message));
    assert.ok(notes.some((m) => /is a singleton: its `__new__` keeps one instance/.test(m)), notes.join('\n'));
    assert.ok(!notes.some((m) => m.includes('the class of that instance')), notes.join('\n'));
  });

  test('an instance made at module level: the class is shown where it is defined, the instance where it is made', async () => {
    const path = join(__dirname, 'fixtures', 'long-lived-object-state', 'bad_singletons.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const related = result.findings.filter((f) => f.code === 'TL008').flatMap((f) => f.related);
    const cls = related.find((r) => r.message.endsWith('the class of that instance, is defined here'));
    const made = related.find((r) => r.message.includes('one instance, created at import time'));
    assert.ok(cls && made, related.map((r) => r.message).join('\n'));
    const line = (n: number) => readFileSync(path, 'utf8').split('\n')[n];
    assert.match(line(cls.range.start.line), /^\s*class /);
    assert.doesNotMatch(line(made.range.start.line), /^\s*class /);
  });
});

describe('findings in test code say so', () => {
  test('also one that is information for a reason of its own', async () => {
    const root = mkdtempSync(join(tmpdir(), 'threadlint-quiet-'));
    mkdirSync(join(root, 'tests'));
    const path = join(root, 'tests', 'test_settings.py');
    writeFileSync(path, 'from django.conf import settings\n\n\ndef test_debug():\n    settings.DEBUG = True\n\n\nCACHE = {}\n\n\ndef test_cache(key, value):\n    CACHE[key] = value\n');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    assert.ok(result.findings.length >= 2, result.findings.map((f) => f.message).join('\n'));
    for (const f of result.findings) {
      assert.equal(f.severity, 'information', f.message);
      assert.match(f.message, /\(test code: reported as information\)\.?$/, f.message);
    }
  });
});

describe('start-up and command-line roots that other code can still reach', () => {
  /** Lints the files of a fresh folder (relative path -> source) and returns `path:line CODE(severity)` for each finding. */
  async function lintFolder(files: Record<string, string>): Promise<string[]> {
    const root = mkdtempSync(join(tmpdir(), 'threadlint-roots-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    const result = await lint(Object.keys(files).map((rel) => ({ path: join(root, rel) })), { settings: DEFAULT_SETTINGS, workers: 0 });
    return result.findings.map((f) => `${f.path.slice(root.length + 1)}:${f.range.start.line + 1} ${f.code}(${f.severity})`).sort();
  }

  const EXTENSION = 'from sphinx.util import logging\n\n_URLS = {}\n\n\ndef setup(app):\n    _URLS["ticket"] = app.config.ticket_url\n';
  test("a Sphinx extension's setup(app) is command-line code, unless the project runs Sphinx itself", async () => {
    assert.deepEqual(await lintFolder({ 'docs_ext.py': EXTENSION }), ['docs_ext.py:7 TL002(information)']);
    const builds = 'from sphinx.application import Sphinx\n\n\ndef preview(request):\n    Sphinx("src", "conf", "out", "doctrees", "html").build()\n';
    assert.deepEqual(await lintFolder({ 'docs_ext.py': EXTENSION, 'views.py': builds }), ['docs_ext.py:7 TL002(warning)']);
  });

  const LOADER = 'import importlib\n\n\ndef load(names):\n    for name in names:\n        mod = importlib.import_module("engines." + name)\n        if hasattr(mod, "init"):\n            getattr(mod, "init")({})\n\n\nload(["wiki"])\n';
  const ENGINE = '_token = None\n\n\ndef init(settings):\n    global _token\n    _token = settings.get("token")\n\n\ndef headers():\n    return {"Authorization": _token}\n';
  test("a plugin's init() that a loader looks up by name is import-time code, unless code also calls it through an object", async () => {
    assert.deepEqual(await lintFolder({ 'engines/__init__.py': LOADER, 'engines/wiki.py': ENGINE }), []);
    const reload = 'import importlib\n\nimport engines\n\n\ndef reset(request, name):\n    mod = importlib.import_module(engines.__name__ + "." + name)\n    mod.init({"token": request.GET["t"]})\n';
    assert.deepEqual(await lintFolder({ 'engines/__init__.py': LOADER, 'engines/wiki.py': ENGINE, 'views.py': reload }), ['engines/wiki.py:6 TL001(warning)']);
  });
});

describe('TL009 reports a change a function undoes itself once', () => {
  test('the restore is a related location of the change, not a finding of its own', async () => {
    const path = join(__dirname, 'fixtures', 'process-wide-state-change', 'bad_process_state.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const lines = new Set(result.findings.filter((f) => f.code === 'TL009').map((f) => f.range.start.line + 1));
    for (const [change, restore] of [[103, 108], [153, 157]]) {
      assert.ok(lines.has(change) && !lines.has(restore), `${change}/${restore}: ${[...lines].join(',')}`);
      const f = result.findings.find((x) => x.code === 'TL009' && x.range.start.line + 1 === change)!;
      assert.ok(f.related.some((r) => r.range.start.line + 1 === restore && /is called here too, in the same function/.test(r.message)), JSON.stringify(f.related));
    }
  });
});

describe('TL005 names what an idempotent lazy initialisation stores', () => {
  test('a logger of a constant name: logging and oslo.log', async () => {
    const path = join(__dirname, 'fixtures', 'global-rebinding', 'bad_lazy_regex.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const byLine = new Map(result.findings.filter((f) => f.code === 'TL005').map((f) => [f.range.start.line + 1, f]));
    assert.match(byLine.get(65)?.message ?? '', /stores the logger of a constant name \(`logging` keeps one logger per name\)/);
    assert.match(byLine.get(88)?.message ?? '', /stores the oslo\.log logger of a constant name \(oslo\.log keeps one adapter per name\)/);
  });
});

describe('TL005 says when a container tested for emptiness is filled in place', () => {
  test('filled entry by entry in a loop: the partly filled wording; one entry: the plain one', async () => {
    const path = join(__dirname, 'fixtures', 'check-then-act', 'fill_in_place.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const byLine = new Map(result.findings.filter((f) => f.code === 'TL005').map((f) => [f.range.start.line + 1, f]));
    for (const line of [11, 20]) assert.match(byLine.get(line)?.message ?? '', /filled in place, entry by entry, without a lock: .* uses it partly filled/, `line ${line}`);
    for (const line of [28, 38]) assert.match(byLine.get(line)?.message ?? '', /so another thread can act between the test and the write\.$/, `line ${line}`);
  });
});

describe('TL005 says when an entry read back after the test can be removed', () => {
  test('a removal elsewhere is named with where it happens; without one the message is the plain one', async () => {
    const path = join(__dirname, 'fixtures', 'check-then-act', 'bad_check_then_read.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const byLine = new Map(result.findings.filter((f) => f.code === 'TL005').map((f) => [f.range.start.line + 1, f]));
    for (const [line, fn, at] of [[11, 'forget', 19], [23, 'logout', 29], [34, 'reset_patterns', 40]] as const) {
      const f = byLine.get(line);
      assert.match(f?.message ?? '', new RegExp(`\`${fn}\\(\\)\` can remove the entry before it is read, which raises KeyError`), `line ${line}`);
      assert.ok(f?.related.some((r) => r.message === `\`${fn}()\` removes entries here` && r.range.start.line + 1 === at), JSON.stringify(f?.related));
    }
    for (const line of [45, 61]) {
      const f = byLine.get(line);
      assert.doesNotMatch(f?.message ?? 'missing', /KeyError/, `line ${line}`);
      assert.ok(!f?.related.some((r) => r.message.endsWith('removes entries here')), JSON.stringify(f?.related));
    }
  });
});

describe('TL005 says when a lazy initialisation publishes before it sets up', () => {
  test('set-up after the assignment is named, with where it happens; set-up in a local or in the `else:` arm is not', async () => {
    const path = join(__dirname, 'fixtures', 'check-then-act', 'bad_lazy_setup_after_publish.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const byLine = new Map(result.findings.map((f) => [f.range.start.line + 1, f]));
    for (const [line, setup] of [[16, 18], [25, 28], [63, 67], [74, 76], [87, 90]]) {
      const f = byLine.get(line);
      assert.match(f?.message ?? '', /assigned before it is set up: .* use it before the set-up has run/, `line ${line}`);
      assert.ok(f?.related.some((r) => r.message === 'set up here, after it was assigned' && r.range.start.line + 1 === setup), JSON.stringify(f?.related));
    }
    for (const line of [35, 45, 95, 106]) {
      const f = byLine.get(line);
      assert.match(f?.message ?? '', /so another thread can act between the test and the write\.$/, `line ${line}`);
      assert.ok(!f?.related.some((r) => r.message.startsWith('set up here')), JSON.stringify(f?.related));
    }
  });
});

describe('TL010 says what a re-entry does', () => {
  test('a blocking acquire deadlocks; one with a timeout waits it out and fails', async () => {
    const path = join(__dirname, 'fixtures', 'non-reentrant-lock-reacquired', 'try_acquire_helpers.py');
    const result = await lint([{ path }], { settings: DEFAULT_SETTINGS, workers: 0 });
    const byCallee = new Map(result.findings.map((f) => [f.message.slice(0, f.message.indexOf('()')), f.message]));
    assert.match(byCallee.get('`self._flush_now') ?? '', /; the call deadlocks\.$/);
    assert.match(byCallee.get('`self._flush_soon') ?? '', / with a timeout, .*; it waits out the whole timeout and then fails, every time\.$/);
  });
});
