/**
 * Hostile workspaces (issue 5, "Robustness"): symlink loops, unreadable files
 * and folders, files that vanish or change kind during a scan, and non-Python
 * files named `.py`. The scan must complete (exit code 0 or 1, never a crash or
 * a hang) and say what it skipped and why.
 *
 * The permission tests run the CLI as `nobody` (through setpriv or runuser)
 * when the tests run as root, for whom mode 000 blocks nothing; without either
 * tool they are skipped with a message.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { discover } from '../server/src/core/discover';
import { lint } from '../server/src/core/lint';
import { DEFAULT_SETTINGS, type FileProblem } from '../server/src/core/types';
import { CLI, describeRun, ensureBuilt, problemLines, runCli, type CliRun } from './helpers/robustness';

ensureBuilt();
const tmp = mkdtempSync(join(tmpdir(), 'threadlint-ws-'));
chmodSync(tmp, 0o755); // the permission tests run as nobody, who must reach the projects
after(() => {
  chmodAll(tmp);
  rmSync(tmp, { recursive: true, force: true });
});

/** Gives every folder back its permissions, so the temporary tree can be removed. */
function chmodAll(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) chmodAll(join(dir, entry.name));
    }
  } catch {
    // already gone
  }
}

const HAZARD = 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n';
const CLEAN = 'def add(a, b):\n    return a + b\n';

let counter = 0;
/** A fresh, world-readable folder with the given files (relative path -> text or bytes). */
function project(files: Record<string, string | Buffer>): string {
  const root = join(tmp, `p${counter++}`);
  mkdirSync(root, { recursive: true, mode: 0o755 });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true, mode: 0o755 });
    writeFileSync(join(root, rel), content, { mode: 0o644 });
  }
  return root;
}

/** The CLI finished on its own, with 0 or 1, and without an internal error. */
function assertCompleted(r: CliRun): void {
  assert.equal(r.signal, null, `killed (hung?): ${describeRun(r)}`);
  assert.ok(r.status === 0 || r.status === 1, `exit code 0 or 1: ${describeRun(r)}`);
  assert.doesNotMatch(r.stderr, /internal error|RangeError|Maximum call stack|EACCES.*\n\s+at /i, describeRun(r));
}

/** `path -> "kind: reason"` from the text report, failing on a path reported twice. */
function reported(r: CliRun): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of problemLines(r.stdout)) {
    assert.ok(!out.has(p.path), `${p.path} reported twice:\n${r.stdout}`);
    out.set(p.path, `${p.kind}: ${p.reason}`);
  }
  return out;
}

function check(root: string, args: string[] = ['.'], env: Record<string, string> = {}, wrapper?: string[], cli?: string): CliRun {
  return runCli(['check', '--no-progress', '--no-cache', ...args], root, { env, wrapper, timeout: 60_000, cli });
}

describe('symlink loops', () => {
  test('links to the parent, to the folder itself and to themselves: reported once each, real files analysed once', () => {
    const root = project({ 'app.py': HAZARD, 'pkg/__init__.py': '', 'pkg/mod.py': HAZARD, 'pkg/deep/x.py': CLEAN });
    symlinkSync('..', join(root, 'pkg', 'up')); // dir -> parent
    symlinkSync('../..', join(root, 'pkg', 'deep', 'top')); // dir -> grandparent
    symlinkSync('.', join(root, 'pkg', 'self')); // dir -> itself
    symlinkSync('loop.py', join(root, 'loop.py')); // file -> itself
    symlinkSync('ping.py', join(root, 'pong.py'));
    symlinkSync('pong.py', join(root, 'ping.py'));
    symlinkSync('missing.py', join(root, 'gone.py')); // broken
    symlinkSync('pkg', join(root, 'alias')); // a second way to the same package
    const r = check(root);
    assertCompleted(r);
    assert.equal(r.status, 1, describeRun(r));
    const problems = reported(r);
    assert.match(problems.get('pkg/up') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('pkg/deep/top') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('pkg/self') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('loop.py') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('ping.py') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('pong.py') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('gone.py') ?? '', /^skipped: broken symlink/, r.stdout);
    // Each hazard is reported once: no file is analysed twice through a link.
    const findingLines = r.stdout.split('\n').filter((l) => /: TL\d{3} /.test(l));
    assert.deepEqual(findingLines.map((l) => l.split(':')[0]).sort(), ['app.py', 'pkg/mod.py'], r.stdout);
  });

  test('the folder named on the command line is itself a link into a loop', () => {
    const root = project({ 'real/a.py': HAZARD });
    symlinkSync('..', join(root, 'real', 'back'));
    symlinkSync('real', join(root, 'link'));
    const r = check(root, ['link']);
    assertCompleted(r);
    assert.equal(r.status, 1, describeRun(r));
    // link -> real; link/back -> the project root, holding `real` and `link` again: both loops.
    const problems = reported(r);
    assert.match(problems.get('link/back/real') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.match(problems.get('link/back/link') ?? '', /^skipped: symlink loop/, r.stdout);
    assert.equal(r.stdout.split('\n').filter((l) => /: TL\d{3} /.test(l)).length, 1, `a.py analysed once:\n${r.stdout}`);
  });
});

describe('unreadable files and folders', () => {
  /**
   * How to run the CLI as a user that permissions apply to, or why that is not possible.
   * The clone may sit in a folder only root can enter (CI's clone does), so nobody runs a copy
   * of the bundle placed in the world-readable temp folder.
   */
  function asUnprivileged(): { wrapper: string[]; cli?: string } | { skip: string } {
    if (process.getuid?.() !== 0) return { wrapper: [] };
    const dist = join(tmp, 'dist');
    mkdirSync(dist, { recursive: true });
    for (const f of readdirSync(dirname(CLI))) if (/\.(js|wasm)$/.test(f)) copyFileSync(join(dirname(CLI), f), join(dist, f));
    const cli = join(dist, 'cli.js');
    const candidates = [
      ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
      ['runuser', '-u', 'nobody', '--'],
    ];
    for (const wrapper of candidates) {
      const probe = spawnSync(wrapper[0], [...wrapper.slice(1), process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8', cwd: tmp });
      if (probe.status === 0 && probe.stdout !== '0') return { wrapper, cli };
    }
    return { skip: 'running as root and neither setpriv nor runuser can switch to nobody: mode 000 would not block root' };
  }
  const runner = asUnprivileged();

  test('files and folders without read or search permission are reported; the others analysed', (t) => {
    if ('skip' in runner) return t.skip(runner.skip);
    const root = project({
      'ok.py': HAZARD,
      'secret.py': HAZARD,
      'locked/inner.py': HAZARD,
      'listonly/x.py': HAZARD, // readable folder, not searchable: names are listed, files cannot be opened
      'searchonly/y.py': HAZARD, // searchable folder, not readable: cannot be listed
      'nested/ok/z.py': CLEAN,
      'nested/locked/w.py': HAZARD,
    });
    chmodSync(join(root, 'secret.py'), 0o000);
    chmodSync(join(root, 'locked'), 0o000);
    chmodSync(join(root, 'listonly'), 0o444);
    chmodSync(join(root, 'searchonly'), 0o111);
    chmodSync(join(root, 'nested', 'locked'), 0o000);
    const r = check(root, ['.'], {}, runner.wrapper, runner.cli);
    assertCompleted(r);
    assert.equal(r.status, 1, `ok.py has a finding: ${describeRun(r)}`);
    const problems = reported(r);
    assert.match(problems.get('secret.py') ?? '', /^skipped: cannot read file: permission denied$/, r.stdout);
    assert.match(problems.get('locked') ?? '', /^skipped: cannot read folder: permission denied$/, r.stdout);
    assert.match(problems.get('listonly/x.py') ?? '', /^skipped: cannot read file: permission denied$/, r.stdout);
    assert.match(problems.get('searchonly') ?? '', /^skipped: cannot read folder: permission denied$/, r.stdout);
    assert.match(problems.get('nested/locked') ?? '', /^skipped: cannot read folder: permission denied$/, r.stdout);
    assert.match(r.stdout, /^ok\.py:5:5: TL\d{3} /m, r.stdout);
    assert.doesNotMatch(r.stdout, /^(secret|locked|listonly|searchonly|nested)\S*:\d+:\d+: TL/m, 'nothing unreadable was analysed');
  });

  test('an unreadable file named explicitly, and the summary cache in a folder it cannot write', (t) => {
    if ('skip' in runner) return t.skip(runner.skip);
    const root = project({ 'ok.py': HAZARD, 'secret.py': CLEAN });
    chmodSync(join(root, 'secret.py'), 0o000);
    chmodSync(root, 0o555);
    // With the cache on (the default): nobody cannot create .threadlint_cache here, which must not matter.
    const r = runCli(['check', '--no-progress', 'secret.py', 'ok.py'], root, { wrapper: runner.wrapper, timeout: 60_000, cli: runner.cli });
    assertCompleted(r);
    assert.equal(r.status, 1, describeRun(r));
    assert.match(reported(r).get('secret.py') ?? '', /^skipped: cannot read file: permission denied$/, r.stdout);
    assert.equal(existsSync(join(root, '.threadlint_cache')), false);
  });
});

describe('files that vanish or change during a scan', () => {
  test('lint(): files deleted, replaced by a folder, a FIFO, a device or a huge file while earlier ones are analysed', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}.py`);
    const root = project(Object.fromEntries(names.map((n) => [n, HAZARD])));
    const paths = names.map((n) => join(root, n));
    const changes: Record<string, (path: string) => void> = {
      'm02.py': (p) => unlinkSync(p),
      'm03.py': (p) => {
        unlinkSync(p);
        mkdirSync(p);
      },
      'm05.py': (p) => {
        unlinkSync(p);
        spawnSync('mkfifo', [p]);
      },
      'm06.py': (p) => {
        unlinkSync(p);
        symlinkSync('/dev/zero', p);
      },
      'm08.py': (p) => writeFileSync(p, Buffer.alloc(5 * 1024 * 1024, 'x = 1\n')),
      'm09.py': (p) => writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      'm10.py': (p) => unlinkSync(p),
    };
    let fired = false;
    const result = await lint(paths.map((path) => ({ path })), {
      settings: DEFAULT_SETTINGS,
      workers: 0,
      onProgress: (done) => {
        // After the first file: change the files that are still to come.
        if (done !== 1 || fired) return;
        fired = true;
        for (const [name, change] of Object.entries(changes)) change(join(root, name));
      },
    });
    assert.ok(fired);
    const byName = new Map<string, FileProblem>(result.problems.map((p) => [p.path.slice(root.length + 1), p]));
    const say = (n: string) => (byName.has(n) ? `${byName.get(n)!.kind}: ${byName.get(n)!.reason}` : 'analysed');
    assert.match(say('m02.py'), /^skipped: cannot read: ENOENT$/);
    assert.match(say('m03.py'), /^skipped: not a regular file$/);
    if (existsSync(join(root, 'm05.py'))) assert.match(say('m05.py'), /^skipped: not a regular file$/, 'a FIFO is not read (reading it would block)');
    assert.match(say('m06.py'), /^skipped: not a regular file$/, 'a device is not read');
    assert.match(say('m08.py'), /^skipped: file is larger than the 4096 KiB limit/);
    assert.match(say('m09.py'), /^skipped: binary file/);
    assert.match(say('m10.py'), /^skipped: cannot read: ENOENT$/);
    for (const n of ['m00.py', 'm01.py', 'm04.py', 'm07.py', 'm11.py']) assert.equal(say(n), 'analysed', n);
    assert.equal(result.files, 5);
    assert.deepEqual([...new Set(result.findings.map((f) => f.path.slice(root.length + 1)))].sort(), ['m00.py', 'm01.py', 'm04.py', 'm07.py', 'm11.py']);
  });

  test('lint() after discover(): files removed in between are reported, the rest analysed', async () => {
    const root = project({ 'a.py': HAZARD, 'pkg/b.py': HAZARD, 'pkg/c.py': CLEAN, 'd.py': HAZARD });
    const { files, problems } = discover([root]);
    assert.equal(files.length, 4);
    assert.deepEqual(problems, []);
    rmSync(join(root, 'pkg'), { recursive: true });
    const result = await lint(files.map((path) => ({ path })), { settings: DEFAULT_SETTINGS, workers: 0 });
    assert.deepEqual(
      result.problems.map((p) => [p.path.slice(root.length + 1), p.kind, p.reason]),
      [
        ['pkg/b.py', 'skipped', 'cannot read: ENOENT'],
        ['pkg/c.py', 'skipped', 'cannot read: ENOENT'],
      ],
    );
    assert.equal(result.files, 2);
    assert.equal(result.findings.length, 2);
  });

  test('the CLI on two worker threads while folders are deleted under it: completes, every skip has a reason', async (t) => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 40; d++) for (let f = 0; f < 40; f++) files[`d${String(d).padStart(2, '0')}/m${f}.py`] = f % 4 === 0 ? HAZARD : CLEAN;
    const root = project(files);
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, 'check', '--no-progress', '--no-cache', '.'], {
      cwd: root,
      env: { ...process.env, THREADLINT_WORKERS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let exited = false;
    const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (status, signal) => {
        exited = true;
        resolve({ status, signal });
      }),
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    // Delete one folder every few milliseconds, from the last, until the scan ends.
    let removed = 0;
    for (let d = 39; d >= 0 && !exited; d--) {
      await new Promise((r) => setTimeout(r, 5));
      rmSync(join(root, `d${String(d).padStart(2, '0')}`), { recursive: true, force: true });
      removed++;
    }
    const { status, signal } = await done;
    clearTimeout(killer);
    const r: CliRun = { status, signal, stdout, stderr, ms: performance.now() - start };
    assertCompleted(r);
    for (const p of problemLines(stdout)) {
      assert.match(p.path, /^d\d\d(\/m\d+\.py)?$/, `a path of the tree: ${p.path}`);
      assert.match(`${p.kind}: ${p.reason}`, /^skipped: (cannot read|cannot read folder|cannot read file|cannot resolve folder|not a regular file)\b/, `a clear reason: ${p.path}: ${p.reason}`);
    }
    t.diagnostic(`${removed} of 40 folders deleted while the scan ran (${Math.round(r.ms)} ms); ${problemLines(stdout).length} entries reported skipped`);
  });
});

describe('non-Python files named .py', () => {
  test('binary, PNG, UTF-16 and other non-UTF-8 files are skipped with the reason (a PEP 263 coding declaration is honoured); a folder named .py is walked', () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HAZARD, 'utf16le')]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const root = project({
      'good.py': HAZARD,
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]),
      'image.py': Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
      'utf16le.py': utf16le,
      'utf16be.py': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      'utf16_cjk.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('中文字符', 'utf16le')]),
      'latin1.py': Buffer.from('# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n', 'latin1'),
      'gzip.py': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff]),
      'cp1252.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0x93, 0x71, 0x94, 0x22, 0x0a]), // x = "“q”" in Windows-1252
      'pkg.py/inside.py': HAZARD,
      'empty.py': '',
    });
    const hasMkfifo = spawnSync('mkfifo', [join(root, 'pipe.py')]).status === 0;
    symlinkSync('/dev/zero', join(root, 'zero.py'));
    const r = check(root);
    assertCompleted(r);
    assert.equal(r.status, 1, describeRun(r));
    const problems = reported(r);
    assert.equal(problems.get('binary.py'), 'skipped: binary file (contains NUL bytes)');
    assert.equal(problems.get('image.py'), 'skipped: binary file (contains NUL bytes)');
    assert.match(problems.get('utf16le.py') ?? '', /^skipped: (binary file \(contains NUL bytes\)|not valid UTF-8)/);
    assert.match(problems.get('utf16be.py') ?? '', /^skipped: (binary file \(contains NUL bytes\)|not valid UTF-8)/);
    assert.equal(problems.get('utf16_cjk.py'), 'skipped: not valid UTF-8');
    assert.equal(problems.get('latin1.py'), undefined, 'a Latin-1 file declaring its coding is analysed');
    assert.equal(problems.get('gzip.py'), 'skipped: binary file (contains NUL bytes)');
    assert.equal(problems.get('cp1252.py'), 'skipped: not valid UTF-8');
    const analysed = r.stdout.split('\n').filter((l) => /: TL\d{3} /.test(l)).map((l) => l.split(':')[0]);
    assert.deepEqual([...new Set(analysed)].sort(), ['good.py', 'pkg.py/inside.py'], r.stdout);
    // A FIFO or a device found by the walk is not a file: passed over without reading it (which would block).
    assert.equal(problems.has('zero.py'), false, r.stdout);
    if (hasMkfifo) assert.equal(problems.has('pipe.py'), false, r.stdout);
  });

  test('a FIFO and a device named explicitly are skipped as not regular files, without blocking', (t) => {
    const root = project({ 'good.py': CLEAN });
    if (spawnSync('mkfifo', [join(root, 'pipe.py')]).status !== 0) return t.skip('mkfifo is not available');
    symlinkSync('/dev/zero', join(root, 'zero.py'));
    symlinkSync('/dev/urandom', join(root, 'random.py'));
    const r = check(root, ['pipe.py', 'zero.py', 'random.py', 'good.py']);
    assertCompleted(r);
    assert.equal(r.status, 0, describeRun(r));
    const problems = reported(r);
    for (const n of ['pipe.py', 'zero.py', 'random.py']) assert.equal(problems.get(n), 'skipped: not a regular file', `${n}\n${r.stdout}`);
    assert.ok(r.ms < 30_000);
  });
});
