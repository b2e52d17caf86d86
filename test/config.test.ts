/**
 * Configuration: finding the nearest pyproject.toml, resolving
 * `[tool.threadlint]` into settings, and one test per error path (each error
 * must name the file and the key, or the line for TOML syntax errors).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { clearConfigCache, ConfigError, findPyproject, loadConfig, loadConfigFile, parseConfig, withEntryPoints } from '../server/src/core/config';
import { DEFAULT_SETTINGS } from '../server/src/core/types';

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-config-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => clearConfigCache());

let counter = 0;
/** A fresh folder with the given files (relative path -> text). */
function project(files: Record<string, string>): string {
  const root = join(tmp, `p${counter++}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

/** Parses `body` as the `[tool.threadlint]` section and returns the ConfigError it raises. */
function errorFor(toml: string): ConfigError {
  const file = join(tmp, 'virtual', 'pyproject.toml');
  try {
    parseConfig(toml, file);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.file, file);
    return err;
  }
  assert.fail(`no error for:\n${toml}`);
}

function described(toml: string): string {
  return errorFor(toml).describe(join(tmp, 'virtual'));
}

describe('finding the configuration', () => {
  test('walks up to the nearest pyproject.toml', () => {
    const root = project({
      'pyproject.toml': '[tool.threadlint]\nframework = "django"\n',
      'app/views/index.py': '',
      'sub/pyproject.toml': '[tool.threadlint]\nframework = "flask"\n',
      'sub/pkg/mod.py': '',
    });
    assert.equal(findPyproject(join(root, 'app', 'views')), join(root, 'pyproject.toml'));
    const app = loadConfig(join(root, 'app', 'views', 'index.py'));
    assert.equal(app.path, join(root, 'pyproject.toml'));
    assert.equal(app.root, root);
    assert.equal(app.settings.framework, 'django');
    const sub = loadConfig(join(root, 'sub', 'pkg', 'mod.py'));
    assert.equal(sub.path, join(root, 'sub', 'pyproject.toml'));
    assert.equal(sub.root, join(root, 'sub'));
    assert.equal(sub.settings.framework, 'flask');
  });

  test('a folder argument starts the search in that folder', () => {
    const root = project({ 'pkg/pyproject.toml': '[tool.threadlint]\nframework = "none"\n' });
    assert.equal(loadConfig(join(root, 'pkg')).settings.framework, 'none');
  });

  test('no pyproject.toml: defaults rooted at the start folder', () => {
    const root = project({ 'a/b.py': '' });
    // tmpdir() might sit below a pyproject.toml on a developer machine; only assert when it does not.
    const config = loadConfig(join(root, 'a', 'b.py'));
    if (config.path === undefined) {
      assert.equal(config.root, join(root, 'a'));
      assert.deepEqual(config.settings, DEFAULT_SETTINGS);
      assert.deepEqual(config.exclude, []);
    }
  });

  test('a pyproject.toml without [tool.threadlint] gives defaults and still marks the project root', () => {
    const root = project({ 'pyproject.toml': '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n', 'm.py': '' });
    const config = loadConfig(join(root, 'm.py'));
    assert.equal(config.path, join(root, 'pyproject.toml'));
    assert.equal(config.root, root);
    assert.deepEqual(config.settings, DEFAULT_SETTINGS);
  });

  test('defaults are copies: changing one result does not change another', () => {
    const a = project({ 'pyproject.toml': '' });
    const b = project({ 'pyproject.toml': '' });
    loadConfig(a).settings.select.push('TL001');
    assert.deepEqual(loadConfig(b).settings.select, []);
    assert.deepEqual(DEFAULT_SETTINGS.select, []);
  });

  test('results are cached per folder until clearConfigCache', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nframework = "django"\n' });
    const first = loadConfig(root);
    writeFileSync(join(root, 'pyproject.toml'), '[tool.threadlint]\nframework = "flask"\n');
    assert.equal(loadConfig(root), first);
    clearConfigCache();
    assert.equal(loadConfig(root).settings.framework, 'flask');
  });

  test('loadConfigFile reads an explicit file; a missing one is a ConfigError naming it', () => {
    const root = project({ 'custom.toml': '[tool.threadlint]\nselect = ["TL002"]\n' });
    const config = loadConfigFile(join(root, 'custom.toml'));
    assert.deepEqual(config.settings.select, ['TL002']);
    assert.equal(config.root, root);
    assert.throws(() => loadConfigFile(join(root, 'missing.toml')), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /missing\.toml: cannot read configuration: ENOENT/);
      return true;
    });
  });
});

describe('resolving [tool.threadlint]', () => {
  test('every key', () => {
    const config = parseConfig(
      `[tool.threadlint]
select = ["TL0", "check-then-act", " TL002 "]
ignore = ["TL008"]
exclude = ["migrations/**"]
extend-exclude = ["*_pb2.py", "vendor"]
lock-factories = ["mylib.locks.make_lock"]
thread-safe-types = ["mylib.SafeCache", "SafeDict"]
framework = "flask"
max-file-size = 1000

[tool.threadlint.severity]
TL008 = "information"
check-then-act = "error"
tl001 = "hint"
`,
      '/proj/pyproject.toml',
    );
    assert.equal(config.path, '/proj/pyproject.toml');
    assert.equal(config.root, '/proj');
    assert.deepEqual(config.settings, {
      select: ['TL0', 'check-then-act', 'TL002'],
      ignore: ['TL008'],
      severity: { TL008: 'information', TL005: 'error', TL001: 'hint' },
      framework: 'flask',
      lockFactories: ['mylib.locks.make_lock'],
      threadSafeTypes: ['mylib.SafeCache', 'SafeDict'],
      maxFileBytes: 1000,
      perFileIgnores: [],
      consoleScripts: [],
      appFactories: [],
    });
    assert.deepEqual(config.exclude, ['migrations/**', '*_pb2.py', 'vendor']);
  });

  test('per-file-ignores and extend-per-file-ignores: globs relative to the file, in the order written', () => {
    const config = parseConfig(
      `[tool.threadlint.per-file-ignores]
"tests/**" = ["TL009", "process-wide-state-change"]
"conftest.py" = ["ALL"]
"!app/**" = [" TL0 "]

[tool.threadlint.extend-per-file-ignores]
"scripts/*.py" = ["TL001"]
`,
      '/proj/pyproject.toml',
    );
    assert.deepEqual(config.settings.perFileIgnores, [
      { root: '/proj', glob: 'tests/**', ignore: ['TL009', 'process-wide-state-change'] },
      { root: '/proj', glob: 'conftest.py', ignore: ['ALL'] },
      { root: '/proj', glob: '!app/**', ignore: ['TL0'] },
      { root: '/proj', glob: 'scripts/*.py', ignore: ['TL001'] },
    ]);
  });

  test('console scripts come from [project.scripts], [project.gui-scripts] and [tool.poetry.scripts], with or without [tool.threadlint]', () => {
    const config = parseConfig(
      `[project]
name = "mytool"

[project.scripts]
mytool = "mytool.cli:main"
mytool-sync = " mytool.cli : Sync.run [fast] "
broken = "not a reference"
number = 3

[project.gui-scripts]
mytool-gui = "mytool.gui:start"

[project.entry-points."paste.app_factory"]
main = "mytool.web:make_app"

[tool.poetry.scripts]
poetry-tool = "mytool.cli:main"
poetry-new = { callable = "mytool.admin:run" }
`,
      '/proj/pyproject.toml',
    );
    assert.deepEqual(config.settings.consoleScripts, ['mytool.cli:main', 'mytool.cli:Sync.run', 'mytool.gui:start', 'mytool.admin:run']);
    assert.deepEqual(parseConfig('[project.scripts]\nx = "a.b:c"\n[tool.threadlint]\nselect = ["TL001"]\n', '/p/pyproject.toml').settings.consoleScripts, ['a.b:c']);
  });

  test('the setup.cfg beside a pyproject.toml adds its console scripts and pbr wsgi_scripts', () => {
    const root = project({
      'pyproject.toml': '[project.scripts]\ntool = "tool.cli:main"\n',
      'setup.cfg': '[metadata]\nname = tool\n\n[entry_points]\nconsole_scripts =\n    tool-manage = tool.cmd.manage:main\n    tool = tool.cli:main\nwsgi_scripts =\n    tool-wsgi = tool.server.wsgi:initialize_application\noslo.config.opts =\n    tool = tool.conf.opts:list_opts\n',
    });
    const config = loadConfig(join(root, 'tool', 'cli.py'));
    // (oslo-config-generator's `oslo.config.opts` hooks count as command-line roots.)
    assert.deepEqual(config.settings.consoleScripts, ['tool.cli:main', 'tool.cmd.manage:main', 'tool.conf.opts:list_opts']);
    assert.deepEqual(config.settings.appFactories, ['tool.server.wsgi:initialize_application']);
    // Without a pyproject.toml the setup.cfg is not looked for: settings are the defaults (the CLI and
    // the language server add what the folder they check declares: withEntryPoints()).
    const alone = project({ 'setup.cfg': '[options.entry_points]\nconsole_scripts = x = a.b:c\n' });
    assert.deepEqual(loadConfig(alone).settings.consoleScripts, []);
    assert.deepEqual(withEntryPoints(loadConfig(alone).settings, alone).consoleScripts, ['a.b:c']);
  });

  test('the entry_points.txt of *.egg-info and *.dist-info folders beside pyproject.toml and in src/', () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "tool"\n',
      'tool.egg-info/entry_points.txt': '[console_scripts]\ntool = tool.cli:main\n[wsgi_scripts]\ntool-api = tool.api:build_app\n',
      'src/other-1.0.dist-info/entry_points.txt': '[gui_scripts]\nviewer = other.gui:main\n',
      'notes.egg-info.txt': '',
    });
    const config = loadConfig(root);
    assert.deepEqual(config.settings.consoleScripts, ['tool.cli:main', 'other.gui:main']);
    assert.deepEqual(config.settings.appFactories, ['tool.api:build_app']);
  });

  test('selectors accept ALL, prefixes and names', () => {
    const config = parseConfig('[tool.threadlint]\nselect = ["ALL"]\nignore = ["TL01", "global-rebinding"]\n', '/p/pyproject.toml');
    assert.deepEqual(config.settings.select, ['ALL']);
    assert.deepEqual(config.settings.ignore, ['TL01', 'global-rebinding']);
  });
});

describe('configuration errors name the file and the key', () => {
  test('the example from the spec', () => {
    assert.equal(
      described('[tool.threadlint]\nframework = "fast"\n'),
      'pyproject.toml: [tool.threadlint] framework: expected one of auto, django, flask, none, got "fast"',
    );
  });

  test('message carries the absolute path; describe() shortens it only inside cwd', () => {
    const err = errorFor('[tool.threadlint]\nframework = 1\n');
    assert.equal(err.message, `${join(tmp, 'virtual', 'pyproject.toml')}: [tool.threadlint] framework: expected one of auto, django, flask, none, got 1`);
    assert.equal(err.describe('/somewhere/else'), err.message);
    assert.equal(err.name, 'ConfigError');
  });

  const cases: [string, string, RegExp][] = [
    ['unknown key', 'frameworks = "django"', /\[tool\.threadlint\] frameworks: unknown key \(did you mean "framework"\?\); known keys: select, ignore/],
    ['unknown key without a near match', 'colour = true', /\[tool\.threadlint\] colour: unknown key; known keys:/],
    ['select not an array', 'select = "TL001"', /\[tool\.threadlint\] select: expected an array of strings, got "TL001"/],
    ['select item not a string', 'select = ["TL001", 2]', /\[tool\.threadlint\] select\[1\]: expected a string, got 2/],
    ['select item empty', 'select = [" "]', /\[tool\.threadlint\] select\[0\]: expected a non-empty string/],
    ['unknown selector', 'select = ["TL999"]', /\[tool\.threadlint\] select: unknown rule selector "TL999"/],
    ['unknown selectors in ignore', 'ignore = ["E501", "TL002", "nope"]', /\[tool\.threadlint\] ignore: unknown rule selectors "E501", "nope"/],
    ['exclude not an array', 'exclude = "migrations"', /\[tool\.threadlint\] exclude: expected an array of strings, got "migrations"/],
    ['exclude absolute', 'exclude = ["/abs/path"]', /\[tool\.threadlint\] exclude\[0\]: expected a glob relative to pyproject\.toml's folder/],
    ['extend-exclude item', 'extend-exclude = [true]', /\[tool\.threadlint\] extend-exclude\[0\]: expected a string, got true/],
    ['lock-factories not dotted', 'lock-factories = ["my lib.make"]', /\[tool\.threadlint\] lock-factories\[0\]: expected a dotted Python name .* got "my lib\.make"/],
    ['thread-safe-types table', 'thread-safe-types = { a = 1 }', /\[tool\.threadlint\] thread-safe-types: expected an array of strings, got a table/],
    ['framework wrong type', 'framework = ["django"]', /\[tool\.threadlint\] framework: expected one of auto, django, flask, none, got an array/],
    ['max-file-size string', 'max-file-size = "4MB"', /\[tool\.threadlint\] max-file-size: expected a positive integer number of bytes, got "4MB"/],
    ['max-file-size float', 'max-file-size = 1.5', /\[tool\.threadlint\] max-file-size: .* got 1\.5/],
    ['max-file-size zero', 'max-file-size = 0', /\[tool\.threadlint\] max-file-size: .* got 0/],
    ['max-file-size negative', 'max-file-size = -10', /\[tool\.threadlint\] max-file-size: .* got -10/],
    ['max-file-size date', 'max-file-size = 2024-01-01', /\[tool\.threadlint\] max-file-size: .* got a date/],
    ['severity not a table', 'severity = "error"', /\[tool\.threadlint\] severity: expected a table/],
  ];
  for (const [name, body, expected] of cases) {
    test(name, () => {
      const text = described(`[tool.threadlint]\n${body}\n`);
      assert.match(text, /^pyproject\.toml: /);
      assert.match(text, expected);
    });
  }

  test('per-file-ignores: errors name the table and the glob', () => {
    assert.equal(
      described('[tool.threadlint.per-file-ignores]\n"tests/**" = ["TL999"]\n'),
      'pyproject.toml: [tool.threadlint.per-file-ignores] "tests/**": unknown rule selector "TL999" (expected rule codes such as "TL002", code prefixes such as "TL0", rule names, or "ALL")',
    );
    assert.equal(
      described('[tool.threadlint.per-file-ignores]\n"tests/**" = "TL009"\n'),
      'pyproject.toml: [tool.threadlint.per-file-ignores] "tests/**": expected an array of strings, got "TL009"',
    );
    assert.equal(
      described('[tool.threadlint.extend-per-file-ignores]\n"tests/**" = [1]\n'),
      'pyproject.toml: [tool.threadlint.extend-per-file-ignores] "tests/**"[0]: expected a string, got 1',
    );
    assert.equal(
      described('[tool.threadlint.per-file-ignores]\n"/abs/**" = ["TL001"]\n'),
      'pyproject.toml: [tool.threadlint.per-file-ignores] "/abs/**": expected a glob relative to pyproject.toml\'s folder, got an absolute path',
    );
    assert.equal(
      described('[tool.threadlint.per-file-ignores]\n"!" = ["TL001"]\n'),
      'pyproject.toml: [tool.threadlint.per-file-ignores] "!": expected a non-empty glob',
    );
    assert.match(
      described('[tool.threadlint]\nper-file-ignores = ["tests/**"]\n'),
      /^pyproject\.toml: \[tool\.threadlint\] per-file-ignores: expected a table of globs to rule lists, such as \[tool\.threadlint\.per-file-ignores\] "tests\/\*\*" = \["TL009"\], got an array$/,
    );
    assert.match(described('[tool.threadlint]\nper-file-ignore = {}\n'), /unknown key \(did you mean "per-file-ignores"\?\)/);
  });

  test('severity: unknown rule', () => {
    assert.equal(
      described('[tool.threadlint.severity]\nTL999 = "error"\n'),
      'pyproject.toml: [tool.threadlint.severity] TL999: unknown rule code or name',
    );
  });

  test('severity: a prefix is not a rule', () => {
    assert.match(described('[tool.threadlint.severity]\nTL0 = "error"\n'), /\[tool\.threadlint\.severity\] TL0: unknown rule code or name/);
  });

  test('severity: bad level', () => {
    assert.equal(
      described('[tool.threadlint.severity]\nTL008 = "info"\n'),
      'pyproject.toml: [tool.threadlint.severity] TL008: expected one of error, warning, information, hint, got "info"',
    );
  });

  test('tool.threadlint not a table', () => {
    assert.match(described('[tool]\nthreadlint = "on"\n'), /^pyproject\.toml: tool\.threadlint: expected a table, got "on"/);
  });

  test('tool not a table', () => {
    assert.match(described('tool = 3\n'), /^pyproject\.toml: tool: expected a table, got 3/);
  });

  test('TOML syntax error names the file and the line', () => {
    const err = errorFor('[project]\nname = "x"\n\n[tool.threadlint\nselect = []\n');
    assert.equal(err.line, 4);
    assert.match(err.describe(join(tmp, 'virtual')), /^pyproject\.toml:4:\d+: invalid TOML: /);
    assert.doesNotMatch(err.message, /\n/, 'one line, without the code excerpt');
  });

  test('duplicate key is a syntax error with its line', () => {
    const err = errorFor('[tool.threadlint]\nframework = "django"\nframework = "flask"\n');
    assert.equal(err.line, 3);
  });

  test('errors surface through loadConfig for the files below', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nselect = ["TL999"]\n', 'pkg/m.py': '' });
    assert.throws(() => loadConfig(join(root, 'pkg', 'm.py')), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.file, join(root, 'pyproject.toml'));
      assert.equal(err.describe(root), 'pyproject.toml: [tool.threadlint] select: unknown rule selector "TL999" (expected rule codes such as "TL002", code prefixes such as "TL0", rule names, or "ALL")');
      return true;
    });
  });
});
