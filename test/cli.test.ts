/**
 * End-to-end tests of the `threadlint` binary: spawns `node dist/cli.js`
 * (built by `npm test` before the tests run) on temporary projects and checks
 * exit codes, the output formats, `--output`, rule selection, configuration
 * errors and the files that cannot be analysed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { RULES } from '../server/src/core/rules';
import { ensureBuilt } from './helpers/robustness';

const repo = join(__dirname, '..');
const cli = join(repo, 'dist', 'cli.js');
ensureBuilt();

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A fresh folder with the given files (relative path -> text or bytes). */
function project(files: Record<string, string | Buffer>): string {
  const root = join(tmp, `p${counter++}`);
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SHARED_CACHE = 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n';
const CLEAN = 'def add(a, b):\n    return a + b\n';

/** `count` clean modules in each of `folders`. */
function cleanFiles(folders: string[], count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of folders) for (let i = 0; i < count; i++) files[`${folder}/m${i}.py`] = CLEAN;
  return files;
}

function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at /m, 'no stack trace');
}

describe('commands', () => {
  test('--version', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = run([flag], tmp);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `threadlint ${pkg.version}\n`);
    }
  });

  test('--help, check --help; no command is a usage error', () => {
    const help = run(['--help'], tmp);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: threadlint <COMMAND>/);
    assert.match(help.stdout, /check \[PATHS\.\.\.\]/);
    const checkHelp = run(['check', '--help'], tmp);
    assert.equal(checkHelp.status, 0);
    for (const option of ['--format', '--output', '--select', '--ignore', '--exit-zero', '--statistics', '--no-progress', '--config', '--quiet']) {
      assert.ok(checkHelp.stdout.includes(option), option);
    }
    const none = run([], tmp);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Usage:/);
  });

  test('rules lists every rule, as text and JSON', () => {
    const text = run(['rules'], tmp);
    assert.equal(text.status, 0);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, RULES.length);
    RULES.forEach((rule, i) => assert.match(lines[i], new RegExp(`^${rule.code}\\s+${rule.name}\\s+${rule.severity}\\s+\\S`)));
    const json = run(['rules', '--format', 'json'], tmp);
    assert.equal(json.status, 0);
    const list = JSON.parse(json.stdout);
    assert.deepEqual(list.map((r: { code: string }) => r.code), RULES.map((r) => r.code));
    assert.match(list[0].url, /^https:\/\/.*global-rebinding\.md$/);
  });

  test('rule prints the documentation of the rules named, by code or name, or of all', () => {
    const page = (name: string) => readFileSync(join(repo, 'docs', 'rules', `${name}.md`), 'utf8');
    const one = run(['rule', 'TL002'], tmp);
    assert.equal(one.status, 0);
    assert.equal(one.stdout, page('shared-mutable-mutation'));
    const two = run(['rule', 'check-then-act', 'tl010'], tmp);
    assert.equal(two.stdout, `${page('check-then-act')}\n${page('non-reentrant-lock-reacquired')}`);
    const all = JSON.parse(run(['rule', '--all', '--format', 'json'], tmp).stdout) as { code: string; name: string; explanation: string }[];
    assert.deepEqual(all.map((r) => r.code), RULES.map((r) => r.code));
    for (const r of all) assert.equal(r.explanation, page(r.name), r.code);
  });
});

describe('usage errors exit with 2 and no stack trace', () => {
  const root = project({ 'a.py': CLEAN });
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['lint'], /unknown command 'lint'/],
    ['unknown option', ['check', '--colour'], /Unknown option '--colour'/],
    ['bad --format', ['check', '--format', 'xml'], /--format: expected one of text, full, json, sarif, github, got 'xml'/],
    ['option without its value', ['check', '--format'], /--format/],
    ['unknown --select', ['check', '--select', 'TL002,TL999'], /--select: unknown rule selector 'TL999'/],
    ['unknown --ignore', ['check', '--ignore', 'E501'], /--ignore: unknown rule selector 'E501'/],
    ['missing path', ['check', 'nope.py'], /path not found: nope\.py/],
    ['missing --config file', ['check', '--config', 'missing.toml'], /missing\.toml: cannot read configuration/],
    ['rules with a bad format', ['rules', '--format', 'sarif'], /--format: expected text or json/],
    ['rule without a code', ['rule'], /expected a rule code or name \(see `threadlint rules`\), or --all/],
    ['rule with an unknown code', ['rule', 'TL999'], /unknown rule 'TL999'/],
    ['rule with codes and --all', ['rule', 'TL001', '--all'], /give rule codes or --all, not both/],
  ];
  for (const [name, args, expected] of cases) {
    test(name, () => {
      const r = run(args, root);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^threadlint: error: /);
      assert.match(r.stderr, expected);
      assertNoStack(r.stderr);
      assert.equal(r.stdout, '');
    });
  }
});

describe('configuration errors exit with 2, naming the file and the key', () => {
  test('an invalid value', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nframework = "fast"\n', 'a.py': CLEAN });
    const r = run(['check'], root);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'threadlint: error: pyproject.toml: [tool.threadlint] framework: expected one of auto, django, flask, none, got "fast"\n');
    assert.equal(r.stdout, '');
  });

  test('a nested project with a bad key', () => {
    const root = project({ 'svc/pyproject.toml': '[tool.threadlint]\nselects = ["TL002"]\n', 'svc/a.py': CLEAN });
    const r = run(['check', '.'], root);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /svc\/pyproject\.toml: \[tool\.threadlint\] selects: unknown key \(did you mean "select"\?\)/);
    assertNoStack(r.stderr);
  });

  test('a TOML syntax error names the line', () => {
    const root = project({ 'pyproject.toml': '[project]\nname = "x"\n[tool.threadlint\n', 'a.py': CLEAN });
    const r = run(['check'], root);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^threadlint: error: pyproject\.toml:3:\d+: invalid TOML: /);
    assertNoStack(r.stderr);
  });

  test('--config with a bad file', () => {
    const root = project({ 'conf/custom.toml': '[tool.threadlint.severity]\nTL002 = "fatal"\n', 'a.py': CLEAN });
    const r = run(['check', '--config', 'conf/custom.toml'], root);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /conf\/custom\.toml: \[tool\.threadlint\.severity\] TL002: expected one of error, warning, information, hint, got "fatal"/);
  });
});

describe('runs that need no analysis', () => {
  test('a folder without Python files: exit 0 and a warning', () => {
    const root = project({ 'README.md': '# hi\n' });
    const r = run(['check'], root);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'All checks passed!\n');
    assert.match(r.stderr, /no Python files found/);
    const quiet = run(['check', '--quiet'], root);
    assert.equal(quiet.stdout, '');
    assert.equal(quiet.stderr, '');
  });

  test('empty JSON, SARIF and GitHub reports', () => {
    const root = project({ 'notes.txt': '' });
    assert.deepEqual(JSON.parse(run(['check', '--format', 'json'], root).stdout), []);
    const sarif = JSON.parse(run(['check', '--format', 'sarif'], root).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results, []);
    assert.equal(sarif.runs[0].tool.driver.rules.length, RULES.length);
    assert.equal(run(['check', '--format', 'github'], root).stdout, '');
  });

  test('colour follows FORCE_COLOR and NO_COLOR', () => {
    const root = project({});
    assert.doesNotMatch(run(['check'], root).stdout, /\x1b\[/, 'no colour when piped');
    assert.match(run(['check'], root, { FORCE_COLOR: '1' }).stdout, /\x1b\[/);
    assert.doesNotMatch(run(['check'], root, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\x1b\[/);
  });

  test('--output writes the report to a file', () => {
    const root = project({});
    const r = run(['check', '--format', 'json', '--output', 'out/report.json'], root);
    assert.equal(r.status, 2, 'the folder out/ does not exist');
    assert.match(r.stderr, /--output: cannot write/);
    const ok = run(['check', '--format', 'json', '-o', 'report.json'], root);
    assert.equal(ok.status, 0);
    assert.equal(ok.stdout, '');
    assert.deepEqual(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')), []);
  });
});

describe('checking code (needs lint())', () => {
  test('no findings: exit 0', () => {
    const root = project({ 'ok.py': CLEAN });
    const r = run(['check'], root);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'All checks passed!\n');
  });

  test('findings: exit 1, Ruff-like lines and a summary; --exit-zero gives 0', () => {
    const root = project({ 'app.py': SHARED_CACHE, 'ok.py': CLEAN });
    const r = run(['check'], root);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^app\.py:5:\d+: TL002 .+$/m);
    assert.match(r.stdout, /^Found 1 finding \(1 warning\) in 1 file\.$/m);
    assert.doesNotMatch(r.stderr, /\r/, 'no progress bar when stderr is not a TTY');
    assert.equal(run(['check', '--exit-zero'], root).status, 0);
    const quiet = run(['check', '-q'], root);
    assert.equal(quiet.status, 1);
    assert.doesNotMatch(quiet.stdout, /Found/);
  });

  test('the files checked are the ones named, and nothing but the cache is written into the project', () => {
    const root = project({ 'app.py': SHARED_CACHE, 'pkg/other.py': SHARED_CACHE, '.gitignore': 'pkg/\n' });
    const before = readdirSync(root, { recursive: true }).sort();
    const all = run(['check'], root);
    assert.equal(all.status, 1);
    assert.doesNotMatch(all.stdout, /pkg\/other\.py/, '.gitignore is honoured');
    const named = run(['check', 'pkg/other.py'], root);
    assert.match(named.stdout, /^pkg\/other\.py:5:\d+: TL002 /m, 'a file named explicitly is checked even if ignored');
    assert.doesNotMatch(named.stdout, /^app\.py/m);
    // The summary cache is the only thing written (and it ignores itself for git).
    const after = readdirSync(root, { recursive: true }).map(String).filter((p) => !p.startsWith('.threadlint_cache'));
    assert.deepEqual(after.sort(), before);
    assert.ok(readdirSync(join(root, '.threadlint_cache')).includes('.gitignore'));
    const untouched = project({ 'app.py': SHARED_CACHE });
    const listing = readdirSync(untouched, { recursive: true }).sort();
    run(['check', '--no-cache'], untouched);
    assert.deepEqual(readdirSync(untouched, { recursive: true }).sort(), listing, '--no-cache writes nothing');
  });

  test('a console script [project.scripts] declares is command-line code: information, and again a warning once the entry is gone (the cache follows)', () => {
    const cli = '_runs = 0\n\n\ndef main():\n    global _runs\n    _runs += 1\n    return _runs\n';
    const declared = '[project]\nname = "tool"\n\n[project.scripts]\ntool = "tool.cli:main"\n';
    const root = project({ 'pyproject.toml': declared, 'tool/__init__.py': '', 'tool/cli.py': cli });
    const first = run(['check', '--format', 'json'], root);
    assert.equal(first.status, 1, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL006', 'information']]);
    writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "tool"\n');
    const second = run(['check', '--format', 'json'], root);
    assert.deepEqual(JSON.parse(second.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL006', 'warning']]);
  });

  test('an application factory the setup.cfg beside pyproject.toml declares as a pbr wsgi_scripts entry is start-up code', () => {
    const wsgi = '_app = None\n\n\ndef initialize_application():\n    global _app\n    if _app is None:\n        _app = object()\n    return _app\n';
    const root = project({ 'pyproject.toml': '[project]\nname = "tool"\n', 'tool/__init__.py': '', 'tool/wsgi.py': wsgi });
    const before = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(before.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL005', 'warning']]);
    writeFileSync(join(root, 'setup.cfg'), '[entry_points]\nwsgi_scripts =\n    tool-wsgi = tool.wsgi:initialize_application\n');
    const after = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(after.stdout), []);
  });

  test('a lock made in the with statement holds nothing, unless it comes from a configured lock factory (an outside lock)', () => {
    const code = 'import threading\n\nfrom filelock import FileLock\n\ncounter = 0\n\n\ndef bump(request):\n    global counter\n    with FileLock("/tmp/counter.lock"):\n        counter += 1\n\n\ndef bump_fresh(request):\n    global counter\n    with threading.Lock():\n        counter += 1\n';
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nlock-factories = ["filelock.FileLock"]\n', 'app.py': code });
    const found = JSON.parse(run(['check', '--format', 'json', '--no-cache'], root).stdout) as { code: string; location: { row: number }; message: string }[];
    assert.deepEqual(found.map((f) => [f.code, f.location.row]), [['TL006', 17]]);
    assert.match(found[0].message, /a new one each time, which no other thread takes/);
  });

  test('a wsgi_scripts factory stays start-up code when its module gives it a second declared name (Keystone)', () => {
    const wsgi = '_app = None\n\n\ndef initialize_public_application():\n    global _app\n    if _app is None:\n        _app = object()\n    return _app\n\n\ninitialize_admin_application = initialize_public_application\n';
    const cfg = '[entry_points]\nwsgi_scripts =\n    tool-public = tool.wsgi:initialize_public_application\n    tool-admin = tool.wsgi:initialize_admin_application\n';
    const root = project({ 'pyproject.toml': '[project]\nname = "tool"\n', 'tool/__init__.py': '', 'tool/wsgi.py': wsgi, 'setup.cfg': cfg });
    assert.deepEqual(JSON.parse(run(['check', '--format', 'json', '--no-cache'], root).stdout), []);
    // Control: an alias the entry points do not declare is another public name any code may call.
    writeFileSync(join(root, 'setup.cfg'), '[entry_points]\nwsgi_scripts =\n    tool-admin = tool.wsgi:initialize_admin_application\n');
    const undeclared = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(undeclared.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL005', 'warning']]);
  });

  test('a wsgi_scripts factory stays start-up code when a test calls it too (the test runs in the test run)', () => {
    const rpc = '_transport = None\n\n\ndef init():\n    global _transport\n    _transport = object()\n\n\ndef transport():\n    return _transport\n';
    const wsgi = 'from tool import rpc\n\n\ndef initialize_application():\n    rpc.init()\n    return object()\n';
    const test = 'from tool import wsgi\n\n\ndef test_initialize_application():\n    assert wsgi.initialize_application()\n';
    const files = { 'pyproject.toml': '[project]\nname = "tool"\n', 'tool/__init__.py': '', 'tool/rpc.py': rpc, 'tool/wsgi.py': wsgi, 'tool/tests/__init__.py': '', 'tool/tests/test_wsgi.py': test };
    const root = project({ ...files, 'setup.cfg': '[entry_points]\nwsgi_scripts =\n    tool-wsgi = tool.wsgi:initialize_application\n' });
    assert.deepEqual(JSON.parse(run(['check', '--format', 'json', '--no-cache'], root).stdout), []);
    // Control: a served function that calls `init()` again makes it run time.
    writeFileSync(join(root, 'tool', 'views.py'), 'from tool import rpc\n\n\ndef reconnect(request):\n    rpc.init()\n');
    const served = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(served.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL001', 'warning']]);
  });

  test('an oslo.policy enforcer hook of an *.egg-info is a command-line root, unless served code calls it too', () => {
    const policy = 'from oslo_policy import policy\n\n_ENFORCER = None\n\n\ndef init(conf):\n    global _ENFORCER\n    if not _ENFORCER:\n        _ENFORCER = policy.Enforcer(conf)\n\n\ndef get_enforcer():\n    init(None)\n    return _ENFORCER\n';
    const root = project({ 'tool/__init__.py': '', 'tool/policy.py': policy });
    const before = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(before.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL005', 'warning']]);
    mkdirSync(join(root, 'tool.egg-info'));
    writeFileSync(join(root, 'tool.egg-info', 'entry_points.txt'), '[oslo.policy.enforcer]\ntool = tool.policy:get_enforcer\n');
    const hooked = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(hooked.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL005', 'information']]);
    // Control: a request handler that asks for the enforcer makes it run time again.
    writeFileSync(join(root, 'tool', 'views.py'), 'from tool import policy\n\n\ndef check(request):\n    return policy.get_enforcer()\n');
    const served = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(served.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL005', 'warning']]);
  });

  test('without a pyproject.toml, the entry points of an *.egg-info in the folder checked count (what pip install -e . leaves)', () => {
    const cli = '_runs = 0\n\n\ndef main():\n    global _runs\n    _runs += 1\n    return _runs\n';
    const root = project({ 'tool/__init__.py': '', 'tool/cli.py': cli });
    const before = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(before.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL006', 'warning']]);
    mkdirSync(join(root, 'tool.egg-info'));
    writeFileSync(join(root, 'tool.egg-info', 'entry_points.txt'), '[console_scripts]\ntool = tool.cli:main\n');
    const after = run(['check', '--format', 'json', '--no-cache'], root);
    assert.deepEqual(JSON.parse(after.stdout).map((f: { code: string; severity: string }) => [f.code, f.severity]), [['TL006', 'information']]);
  });

  test('--format json', () => {
    const root = project({ 'app.py': SHARED_CACHE });
    const r = run(['check', '--format', 'json'], root);
    assert.equal(r.status, 1);
    const [first, ...rest] = JSON.parse(r.stdout);
    assert.equal(rest.length, 0);
    assert.equal(first.code, 'TL002');
    assert.equal(first.rule, 'shared-mutable-mutation');
    assert.equal(first.severity, 'warning');
    assert.equal(first.filename, join(root, 'app.py'));
    assert.equal(first.location.row, 5);
    assert.ok(first.location.column >= 1);
    assert.ok(Array.isArray(first.related));
    assert.match(first.url, /shared-mutable-mutation\.md$/);
  });

  test('--format sarif', () => {
    const root = project({ 'app.py': SHARED_CACHE });
    const r = run(['check', '--format', 'sarif'], root);
    assert.equal(r.status, 1);
    const sarifRun = JSON.parse(r.stdout).runs[0];
    assert.equal(sarifRun.results.length, 1);
    const result = sarifRun.results[0];
    assert.equal(result.ruleId, 'TL002');
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, 'TL002');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'app.py', uriBaseId: 'ROOT' });
    assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  });

  test('--format github', () => {
    const root = project({ 'app.py': SHARED_CACHE });
    const r = run(['check', '--format', 'github'], root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^::warning file=app\.py,line=5,col=\d+,endLine=\d+,endColumn=\d+,title=TL002 shared-mutable-mutation::.+$/m);
  });

  test('--format full shows each finding in its source, with its related locations; --output-format and concise', () => {
    const root = project({ 'app.py': `\uFEFFimport os\r\n${SHARED_CACHE.replace('    CACHE', '\tCACHE')}` });
    const r = run(['check', '--format', 'full'], root);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      [
        'app.py:6:2: TL002 `CACHE` is a module-level dict shared by all threads; item assignment mutates it without a lock.',
        '  |',
        '4 |',
        '5 | def view(request):',
        '6 |     CACHE[request.path] = 1',
        '  |     ^^^^^^^^^^^^^^^^^^^^^^^ TL002',
        '  |',
        '  = related: `CACHE` is defined here, at module level: one object per process, shared by all threads (app.py:2:1)',
        '',
        'Found 1 finding (1 warning) in 1 file.',
        '',
      ].join('\n'),
    );
    assert.equal(run(['check', '--output-format', 'full'], root).stdout, r.stdout);
    assert.equal(run(['check', '--output-format', 'concise'], root).stdout, run(['check'], root).stdout);
    const both = run(['check', '--format', 'full', '--output-format', 'json'], root);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /give --format or --output-format, not both/);
  });

  test('--output', () => {
    const root = project({ 'app.py': SHARED_CACHE });
    const r = run(['check', '--output', 'report.txt'], root);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(join(root, 'report.txt'), 'utf8'), /^app\.py:5:\d+: TL002 /m);
  });

  test('--select and --ignore, over the configuration', () => {
    const root = project({ 'app.py': SHARED_CACHE });
    assert.equal(run(['check', '--select', 'TL001'], root).status, 0);
    assert.equal(run(['check', '--select', 'TL001,TL002'], root).status, 1);
    assert.equal(run(['check', '--select', 'shared-mutable-mutation'], root).status, 1);
    assert.equal(run(['check', '--ignore', 'TL002'], root).status, 0);
    assert.equal(run(['check', '--select', 'TL0', '--ignore', 'TL00'], root).status, 0);

    const configured = project({ 'pyproject.toml': '[tool.threadlint]\nignore = ["TL002"]\n', 'app.py': SHARED_CACHE });
    assert.equal(run(['check'], configured).status, 0, 'the config ignores TL002');
    assert.equal(run(['check', '--select', 'TL002'], configured).status, 1, '--select replaces the configured selection');
    assert.equal(run(['check', '--ignore', 'TL001'], configured).status, 0, '--ignore adds to the configured ignore list');
  });

  test('--statistics', () => {
    const root = project({ 'app.py': SHARED_CACHE, 'b.py': SHARED_CACHE });
    const r = run(['check', '--statistics'], root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^2 {2}TL002 {2}shared-mutable-mutation$/m);
    const json = run(['check', '--statistics', '--format', 'json'], root);
    assert.deepEqual(JSON.parse(json.stdout), [{ code: 'TL002', name: 'shared-mutable-mutation', count: 2 }]);
  });

  test('severity overrides from the configuration', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint.severity]\nshared-mutable-mutation = "error"\n', 'app.py': SHARED_CACHE });
    const r = run(['check', '--format', 'json'], root);
    assert.equal(JSON.parse(r.stdout)[0].severity, 'error');
    assert.match(run(['check', '--format', 'github'], root).stdout, /^::error /);
  });

  test('per-file-ignores: rules off in the files a glob matches, across the project, with the cache', () => {
    const CHDIR = 'import os\n\n\ndef go(path):\n    os.chdir(path)\n';
    const root = project({
      'pyproject.toml': [
        '[tool.threadlint.per-file-ignores]',
        '"scripts" = ["process-wide-state-change"]',
        '"conftest.py" = ["ALL"]',
        '"!app/**" = ["TL002"]',
        '',
      ].join('\n'),
      'app/state.py': SHARED_CACHE + CHDIR,
      'app/sub/conftest.py': SHARED_CACHE,
      'scripts/tool.py': SHARED_CACHE + CHDIR,
      'lib/other.py': SHARED_CACHE + CHDIR,
    });
    const found = (args: string[] = []) => {
      const r = run(['check', '--format', 'json', ...args], root);
      assert.equal(r.status, 1, r.stderr);
      return (JSON.parse(r.stdout) as { filename: string; code: string }[]).map((f) => `${f.filename.slice(root.length + 1)} ${f.code}`);
    };
    // app/state.py keeps both; conftest.py (a base name, at any depth) keeps none; scripts/ loses
    // TL009 and, being outside app/, TL002; lib/ loses TL002 only.
    const expected = ['app/state.py TL002', 'app/state.py TL009', 'lib/other.py TL009'];
    assert.deepEqual(found(), expected);
    assert.deepEqual(found(), expected, 'the same from the cache');
    assert.deepEqual(found(['--no-cache', '--select', 'TL009']), ['app/state.py TL009', 'lib/other.py TL009'], '--select does not undo them');
    writeFileSync(join(root, 'pyproject.toml'), '[tool.threadlint]\n');
    assert.equal(found().length, 7, 'the cached result is not reused under other settings');
  });

  test('a process-wide change undone in the same function is a warning in a web application only', () => {
    const UMASK = 'import os\n\n\ndef save(path):\n    old = os.umask(0o077)\n    try:\n        open(path, "w").close()\n    finally:\n        os.umask(old)\n';
    const severities = (root: string) => (JSON.parse(run(['check', '--format', 'json', '--no-cache'], root).stdout) as { severity: string }[]).map((f) => f.severity);
    // (One finding for the change and its undoing: the restore is a related location of the first call.)
    assert.deepEqual(severities(project({ 'tool.py': UMASK })), ['information'], 'a command-line tool: maybe start-up configuration');
    assert.deepEqual(severities(project({ 'storage.py': UMASK, 'views.py': 'from django.http import HttpResponse\n' })), ['warning']);
    const none = project({ 'pyproject.toml': '[tool.threadlint]\nframework = "none"\n', 'storage.py': UMASK, 'views.py': 'import flask\n' });
    assert.deepEqual(severities(none), ['information'], 'framework = "none" says it is not one');
  });

  test('--show-files and --show-settings list what would be checked and how, and check nothing', () => {
    const root = project({
      'pyproject.toml': '[project.scripts]\napp = "app:main"\n\n[tool.threadlint]\nexclude = ["gen"]\nignore = ["TL009"]\n\n[tool.threadlint.per-file-ignores]\n"tests" = ["ALL"]\n',
      'app.py': SHARED_CACHE,
      'gen/out.py': SHARED_CACHE,
      'tests/test_app.py': CLEAN,
      'bad.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0xff, 0x0a]),
    });
    const files = run(['check', '--show-files'], root);
    assert.equal(files.status, 0, 'nothing is checked, so no findings');
    assert.deepEqual(files.stdout.trimEnd().split('\n'), ['app.py', 'bad.py', 'tests/test_app.py']);
    assert.ok(!readdirSync(root).includes('.threadlint_cache'), 'no cache written');
    const settings = run(['check', '--show-settings', '--ignore', 'TL001'], root);
    assert.equal(settings.status, 0);
    const [head, ...body] = settings.stdout.trimEnd().split('\n');
    assert.equal(head, 'pyproject.toml:');
    const shown = JSON.parse(body.join('\n'));
    assert.deepEqual(shown.rules, RULES.map((r) => r.code).filter((c) => c !== 'TL001' && c !== 'TL009'));
    assert.deepEqual(shown.ignore, ['TL009', 'TL001']);
    assert.deepEqual(shown['per-file-ignores'], { tests: ['ALL'] });
    assert.deepEqual(shown['console-scripts (from packaging metadata)'], ['app:main']);
  });

  test('each project is linted with its own configuration', () => {
    const root = project({
      'one/pyproject.toml': '[tool.threadlint]\nignore = ["TL002"]\n',
      'one/app.py': SHARED_CACHE,
      'two/pyproject.toml': '[tool.threadlint]\n',
      'two/app.py': SHARED_CACHE,
    });
    const r = run(['check', '--format', 'json'], root);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { filename: string }) => f.filename), [join(root, 'two', 'app.py')]);
  });

  test('projects large enough for worker threads share them, each with its own file options', () => {
    // 70 files a project: the CLI starts one pool of worker threads and lends it to both projects.
    // The threads read and parse the files, so the size limit each batch carries must be its project's.
    const root = project({
      'one/pyproject.toml': '[tool.threadlint]\nmax-file-size = 20\n',
      'one/app.py': SHARED_CACHE,
      'two/pyproject.toml': '[tool.threadlint]\n',
      'two/app.py': SHARED_CACHE,
      ...cleanFiles(['one', 'two'], 70),
    });
    const r = run(['check', '--no-cache'], root, { THREADLINT_WORKERS: '2' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^two\/app\.py:5:5: TL002 /m);
    assert.match(r.stdout, /^one\/app\.py: skipped: .+$/m);
    assert.doesNotMatch(r.stdout, /^one\/app\.py:\d/m);
  });

  test('threads started while the folders are walked are closed when the projects turn out small, or on a bad config', () => {
    // 64 files found start the threads early; two projects of 32 files each need none.
    const root = project({
      'one/pyproject.toml': '[tool.threadlint]\n',
      'one/app.py': SHARED_CACHE,
      'two/pyproject.toml': '[tool.threadlint]\n',
      ...cleanFiles(['one', 'two'], 32),
    });
    // A process kept alive by a thread left running would be killed by run()'s timeout: no status.
    const small = run(['check'], root);
    assert.equal(small.status, 1, small.stderr);
    assert.match(small.stdout, /^one\/app\.py:5:5: TL002 /m);

    // A bad configuration found after the threads started: a usage error, and the process still ends.
    writeFileSync(join(root, 'two', 'pyproject.toml'), '[tool.threadlint]\nselect = 3\n');
    const bad = run(['check', '--no-cache'], root);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /two\/pyproject\.toml|select/);
  });

  test('--config applies one file to everything', () => {
    const root = project({ 'settings/lint.toml': '[tool.threadlint]\nselect = ["TL001"]\n', 'app.py': SHARED_CACHE });
    assert.equal(run(['check'], root).status, 1);
    assert.equal(run(['check', '--config', 'settings/lint.toml'], root).status, 0);
  });

  test('non-UTF-8, NUL-byte and syntax-error files are reported and the scan goes on', () => {
    const root = project({
      'app.py': SHARED_CACHE,
      'latin1.py': Buffer.from('name = "caf\xe9"\n', 'latin1'),
      'nul.py': Buffer.from('x = 1\n\0\0\0binary\n'),
      'broken.py': 'def f(:\n    return\n',
      'z_after.py': SHARED_CACHE,
    });
    const r = run(['check'], root);
    assert.equal(r.status, 1, r.stderr);
    assertNoStack(r.stderr);
    assert.match(r.stdout, /^app\.py:5:\d+: TL002 /m);
    assert.match(r.stdout, /^z_after\.py:5:\d+: TL002 /m);
    assert.match(r.stdout, /^latin1\.py: (skipped|partial): .+$/m);
    assert.match(r.stdout, /^nul\.py: (skipped|partial): .+$/m);
    assert.match(r.stdout, /^broken\.py: (skipped|partial): .+$/m);

    const json = run(['check', '--format', 'json'], root);
    assert.equal(JSON.parse(json.stdout).length, 2);
    assert.match(json.stderr, /^latin1\.py: (skipped|partial): /m, 'JSON has no place for problems: they go to stderr');

    const sarif = JSON.parse(run(['check', '--format', 'sarif'], root).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.ok(notes.some((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri === 'latin1.py'));
  });

  test('max-file-size from the configuration skips big files', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nmax-file-size = 20\n', 'app.py': SHARED_CACHE });
    const r = run(['check'], root);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^app\.py: skipped: .+$/m);
  });
});
