/**
 * File discovery: which .py files a walk finds, which it skips (always-skipped
 * folders, nested .gitignore files, config exclude globs), and how bad entries
 * (symlink loops, broken symlinks, unreadable files and folders) are reported
 * as problems without stopping the walk.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { clearConfigCache, ConfigError } from '../server/src/core/config';
import { ModuleNamer } from '../server/src/core/analysis/modules';
import { discover } from '../server/src/core/discover';

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-discover-'));
after(() => {
  chmodAll(tmp);
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => clearConfigCache());

let counter = 0;
/** A fresh folder with the given files (relative path -> text); a trailing slash makes an empty folder. */
function project(files: Record<string, string>): string {
  const root = join(tmp, `p${counter++}`);
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    if (rel.endsWith('/')) {
      mkdirSync(join(root, rel), { recursive: true });
      continue;
    }
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** Paths relative to `root`, with forward slashes. */
function rel(root: string, paths: string[]): string[] {
  return paths.map((p) => p.slice(root.length + 1).split('\\').join('/'));
}

function chmodAll(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) chmodAll(join(dir, entry.name));
      else if (entry.isFile()) chmodSync(join(dir, entry.name), 0o644);
    }
  } catch {
    // best effort before cleanup
  }
}

describe('walking folders', () => {
  test('finds .py files only, sorted, as absolute paths', () => {
    const root = project({
      'b.py': '',
      'a.py': '',
      'pkg/__init__.py': '',
      'pkg/z.py': '',
      'pkg/stub.pyi': '',
      'pkg/notes.txt': '',
      'pkg/script': '',
      'A.py': '',
    });
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['A.py', 'a.py', 'b.py', 'pkg/__init__.py', 'pkg/z.py']);
    assert.ok(files.every((f) => f.startsWith(root)));
    assert.deepEqual(problems, []);
  });

  test('always skips tool and environment folders, and any folder holding pyvenv.cfg', () => {
    const root = project({
      'keep.py': '',
      '.git/hooks/x.py': '',
      'node_modules/pkg/x.py': '',
      '__pycache__/x.py': '',
      '.venv/lib/x.py': '',
      'venv/lib/x.py': '',
      '.tox/py311/x.py': '',
      '.threadlint_cache/x.py': '',
      'myenv/pyvenv.cfg': 'home = /usr/bin\n',
      'myenv/lib/site.py': '',
      'src/.hidden/ok.py': '',
    });
    assert.deepEqual(rel(root, discover([root]).files), ['keep.py', 'src/.hidden/ok.py']);
  });

  test('a folder named explicitly is walked even if its name is always skipped', () => {
    const root = project({ 'venv/tool.py': '', 'venv/pyvenv.cfg': '' });
    assert.deepEqual(rel(root, discover([join(root, 'venv')]).files), ['venv/tool.py']);
  });

  test('onFile hears of each file found in a walked folder, with the running count', () => {
    const root = project({ 'a.py': '', 'pkg/b.py': '', 'pkg/c.txt': '', 'z.py': '' });
    const heard: [number, string][] = [];
    const { files } = discover([root], { onFile: (count, path) => heard.push([count, path]) });
    assert.deepEqual(heard.map(([count]) => count), [1, 2, 3]);
    assert.deepEqual(heard.map(([, path]) => path).sort(), files);
  });

  test('overlapping arguments give each file once', () => {
    const root = project({ 'pkg/a.py': '', 'pkg/sub/b.py': '' });
    const { files } = discover([root, join(root, 'pkg'), join(root, 'pkg', 'a.py')]);
    assert.deepEqual(rel(root, files), ['pkg/a.py', 'pkg/sub/b.py']);
  });

  test('a path that does not exist is a problem, not a crash', () => {
    const root = project({ 'a.py': '' });
    const { files, problems } = discover([join(root, 'missing'), root]);
    assert.deepEqual(rel(root, files), ['a.py']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].kind, 'skipped');
    assert.match(problems[0].reason, /no such file or folder/);
  });
});

describe('.gitignore', () => {
  test('nested .gitignore files, with the deeper one taking precedence', () => {
    const root = project({
      '.gitignore': 'build/\n*.gen.py\n/top_only.py\n',
      'top_only.py': '',
      'app/top_only.py': '',
      'build/x.py': '',
      'a.gen.py': '',
      'app/.gitignore': 'local_settings.py\n!keep.gen.py\n',
      'app/local_settings.py': '',
      'app/keep.gen.py': '',
      'app/other.gen.py': '',
      'app/build/y.py': '',
      'app/views.py': '',
      'lib/local_settings.py': '',
      'lib/.gitignore': '# comment only\n',
    });
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['app/keep.gen.py', 'app/top_only.py', 'app/views.py', 'lib/local_settings.py']);
    assert.deepEqual(problems, []);
  });

  test('a .gitignore inside a folder applies to paths relative to that folder', () => {
    const root = project({ 'pkg/.gitignore': 'sub/*.py\n', 'pkg/sub/a.py': '', 'sub/b.py': '' });
    assert.deepEqual(rel(root, discover([root]).files), ['sub/b.py']);
  });

  test('.gitignore files above the start folder apply up to the git root, and .git/info/exclude', () => {
    const root = project({
      '.git/info/exclude': 'secret.py\n',
      '.gitignore': 'generated/\n',
      'src/.gitignore': '*_tmp.py\n',
      'src/app/generated/x.py': '',
      'src/app/secret.py': '',
      'src/app/a_tmp.py': '',
      'src/app/main.py': '',
    });
    assert.deepEqual(rel(root, discover([join(root, 'src', 'app')]).files), ['src/app/main.py']);
  });

  test('outside a git repository, only .gitignore files from the start folder down count', () => {
    const root = project({ '.gitignore': 'generated/\n', 'src/generated/x.py': '', 'src/.gitignore': 'skip.py\n', 'src/skip.py': '' });
    // No .git here (tmpdir is assumed not to be inside a repository).
    const { files } = discover([join(root, 'src')]);
    if (!files.some((f) => f.includes('generated'))) return; // an enclosing repository applied it: fine either way
    assert.deepEqual(rel(root, files), ['src/generated/x.py']);
  });

  test('files named explicitly are included even when ignored', () => {
    const root = project({ '.gitignore': 'ignored.py\nout/\n', 'ignored.py': '', 'out/gen.py': '', 'node_modules/m.py': '', 'script': '' });
    const named = ['ignored.py', 'out/gen.py', 'node_modules/m.py', 'script'].map((p) => join(root, p));
    assert.deepEqual(rel(root, discover(named).files), ['ignored.py', 'node_modules/m.py', 'out/gen.py', 'script']);
    assert.deepEqual(discover([root]).files, []);
  });
});

describe('config exclude globs', () => {
  test('exclude and extend-exclude are relative to the pyproject folder; slash-free globs match names at any depth', () => {
    const root = project({
      'pyproject.toml': '[tool.threadlint]\nexclude = ["migrations/**", "./docs/"]\nextend-exclude = ["*_pb2.py", "gen"]\n',
      'migrations/0001.py': '',
      'app/migrations/0001.py': '',
      'docs/conf.py': '',
      'app/api_pb2.py': '',
      'app/gen/x.py': '',
      'gen/y.py': '',
      'app/views.py': '',
    });
    assert.deepEqual(rel(root, discover([root]).files), ['app/migrations/0001.py', 'app/views.py']);
  });

  test('a nested project uses its own excludes', () => {
    const root = project({
      'pyproject.toml': '[tool.threadlint]\nexclude = ["legacy"]\n',
      'legacy/a.py': '',
      'svc/pyproject.toml': '[tool.threadlint]\nexclude = ["tests/**"]\n',
      'svc/legacy/b.py': '',
      'svc/tests/t.py': '',
      'svc/main.py': '',
    });
    assert.deepEqual(rel(root, discover([root]).files), ['svc/legacy/b.py', 'svc/main.py']);
  });

  test('configFor overrides the lookup (--config)', () => {
    const root = project({ 'pyproject.toml': '[tool.threadlint]\nexclude = ["a.py"]\n', 'a.py': '', 'b.py': '' });
    const files = discover([root], { configFor: () => ({ root, settings: {} as never, exclude: ['b.py'] }) }).files;
    assert.deepEqual(rel(root, files), ['a.py']);
  });

  test('an invalid pyproject on the way is a ConfigError', () => {
    const root = project({ 'pkg/pyproject.toml': '[tool.threadlint]\nexclude = 3\n', 'pkg/a.py': '' });
    assert.throws(() => discover([root]), ConfigError);
  });
});

describe('bad entries become problems and the walk continues', () => {
  test('symlink loop', () => {
    const root = project({ 'a/x.py': '', 'b.py': '' });
    symlinkSync('..', join(root, 'a', 'up'));
    symlinkSync('.', join(root, 'here'));
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['a/x.py', 'b.py']);
    assert.deepEqual(rel(root, problems.map((p) => p.path)), ['a/up', 'here']);
    for (const p of problems) {
      assert.equal(p.kind, 'skipped');
      assert.match(p.reason, /symlink loop/);
    }
  });

  test('a loop is found deep below plain folders, and below a start folder given through a symlink', () => {
    // Plain folders are not resolved one by one: their real path is the parent's plus the name.
    const real = project({ 'a/b/c/x.py': '', 'top.py': '' });
    symlinkSync(join('..', '..', '..'), join(real, 'a', 'b', 'c', 'up'));
    symlinkSync(real, join(real, 'a', 'abs'));
    const alias = join(tmp, `alias${counter++}`);
    symlinkSync(real, alias);
    for (const start of [real, alias]) {
      const { files, problems } = discover([start]);
      assert.deepEqual(rel(start, files), ['a/b/c/x.py', 'top.py']);
      assert.deepEqual(rel(start, problems.map((p) => p.path)), ['a/abs', 'a/b/c/up']);
      for (const p of problems) assert.match(p.reason, /symlink loop/);
    }
  });

  test('a symlink pointing to itself', () => {
    const root = project({ 'ok.py': '' });
    symlinkSync('self.py', join(root, 'self.py'));
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['ok.py']);
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /symlink loop/);
  });

  test('broken symlink', () => {
    const root = project({ 'ok.py': '', '.gitignore': 'ignored_link.py\n' });
    symlinkSync('missing.py', join(root, 'dangling.py'));
    symlinkSync('missing.py', join(root, 'ignored_link.py'));
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['ok.py']);
    assert.deepEqual(problems, [
      { path: join(root, 'dangling.py'), kind: 'skipped', reason: 'broken symlink: target missing.py does not exist' },
    ]);
  });

  test('a broken symlink named explicitly', () => {
    const root = project({});
    symlinkSync('nowhere.py', join(root, 'link.py'));
    const { files, problems } = discover([join(root, 'link.py')]);
    assert.deepEqual(files, []);
    assert.match(problems[0].reason, /broken symlink/);
  });

  test('symlinks to files and folders are followed; each file is listed once, preferring its real path', () => {
    const root = project({ 'real/a.py': '', 'real/b.py': '' });
    symlinkSync('real', join(root, 'alias'));
    symlinkSync(join('real', 'a.py'), join(root, 'z_link.py'));
    const outside = project({ 'ext.py': '' });
    symlinkSync(outside, join(root, 'external'));
    const { files, problems } = discover([root]);
    assert.deepEqual(rel(root, files), ['external/ext.py', 'real/a.py', 'real/b.py']);
    assert.deepEqual(problems, []);
  });

  test('unreadable file and folder (chmod 000)', (t) => {
    const root = project({ 'ok.py': '', 'secret.py': 'x = 1\n', 'locked/inner.py': '' });
    chmodSync(join(root, 'secret.py'), 0o000);
    chmodSync(join(root, 'locked'), 0o000);
    let readsBlocked = true;
    try {
      readFileSync(join(root, 'secret.py'));
      readsBlocked = false;
    } catch {
      // expected for a normal user
    }
    const { files, problems } = discover([root]);
    chmodSync(join(root, 'locked'), 0o755);
    chmodSync(join(root, 'secret.py'), 0o644);
    if (!readsBlocked) {
      t.skip('running as root: chmod 000 does not stop reads, so there is nothing unreadable to report');
      assert.deepEqual(rel(root, files), ['locked/inner.py', 'ok.py', 'secret.py']);
      return;
    }
    assert.deepEqual(rel(root, files), ['ok.py']);
    assert.deepEqual(
      problems.map((p) => [p.path, p.kind, p.reason]),
      [
        [join(root, 'locked'), 'skipped', 'cannot read folder: permission denied'],
        [join(root, 'secret.py'), 'skipped', 'cannot read file: permission denied'],
      ],
    );
  });
});

describe('module names', () => {
  test('packages give dotted names; a folder without __init__.py inside a package is a namespace portion of it (PEP 420); one outside any package starts the name', () => {
    const root = project({
      'proj/__init__.py': '',
      'proj/api.py': '',
      'proj/tests/__init__.py': '',
      'proj/tests/scenarios/replace.py': '',
      'proj/tests/scenarios/deep/more.py': '',
      'scripts/tool.py': '',
      'scripts/lib/helper.py': '',
    });
    const namer = new ModuleNamer();
    const name = (rel: string) => namer.nameOf(join(root, rel));
    assert.deepEqual(name('proj/api.py'), { module: 'proj.api', isPackage: false });
    assert.deepEqual(name('proj/__init__.py'), { module: 'proj', isPackage: true });
    assert.deepEqual(name('proj/tests/scenarios/replace.py'), { module: 'proj.tests.scenarios.replace', isPackage: false });
    assert.deepEqual(name('proj/tests/scenarios/deep/more.py'), { module: 'proj.tests.scenarios.deep.more', isPackage: false });
    assert.deepEqual(name('scripts/tool.py'), { module: 'tool', isPackage: false });
    assert.deepEqual(name('scripts/lib/helper.py'), { module: 'helper', isPackage: false });
  });
});
