#!/usr/bin/env node
/**
 * The scan benchmark (`npm run bench`; not part of the test suite).
 *
 * Scans real code that no one here wrote with the built CLI (dist/cli.js) and
 * measures each scan as a whole child process: wall time, user+sys CPU and
 * peak RSS. Then compares threadlint with pylint (Debian) and Ruff's
 * WebAssembly build on the same files, alternating the tools, and scans 1x,
 * 2x and 4x copies of Django to show how cost grows with the amount of code.
 *
 * Writes bench/results/scan-<time>.json (raw numbers, git-ignored),
 * docs/benchmarks-scan.svg (the chart) and the part of docs/benchmarks.md
 * between the `bench:scan` markers (the rest of that file is left alone).
 *
 * Options:
 *   --runs N           runs per measurement, median reported (default 5, at least 5 for the docs)
 *   --only a,b         corpora to scan: django, stdlib, web, big, scaling (default all)
 *   --compare a,b      corpora for the pylint/Ruff comparison (default django,web; "none" skips it)
 *   --no-workers       skip the THREADLINT_WORKERS=0/1/2 sweep
 *   --no-cache-bench   skip the summary-cache measurements (empty / unchanged / one file changed)
 *   --no-profile       skip the CPU profile of one in-thread Django scan
 *   --no-calibrate     skip measuring how much two parallel processes slow each other down
 *   --no-docs          do not touch docs/ (raw JSON only)
 *   --quiet-wait S     before each run, wait up to S seconds for the machine to be idle (default 10)
 *   --keep             keep the temporary corpus folder
 *   --from-json FILE   measure nothing: rewrite the docs from a results file of an earlier run
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readCpuTimes, sleep, waitForQuiet } from './machine.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');
const DOC = join(ROOT, 'docs', 'benchmarks.md');
const SVG = join(ROOT, 'docs', 'benchmarks-scan.svg');
const DIST_PKGS = '/usr/lib/python3/dist-packages';
const TIME = '/usr/bin/time';
const PYLINT_ARGS = ['--disable=all', '--enable=global-statement,dangerous-default-value', '-j', '2'];
const RUFF_RULES = 'PLW0603,B006,RUF012';
const BEGIN = '<!-- bench:scan:begin -->';
const END = '<!-- bench:scan:end -->';

// ---------------------------------------------------------------- options

function parseOptions(argv) {
  const o = {
    runs: 5,
    only: ['django', 'stdlib', 'web', 'big', 'scaling'],
    compare: ['django', 'web'],
    workers: true,
    cache: true,
    profile: true,
    calibrate: true,
    docs: true,
    quietWait: 10,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runs') o.runs = Math.max(1, Number(value()));
    else if (a === '--only') o.only = value().split(',');
    else if (a === '--compare') {
      const v = value();
      o.compare = v === 'none' ? [] : v.split(',');
    }
    else if (a === '--no-workers') o.workers = false;
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--no-cache-bench') o.cache = false;
    else if (a === '--no-calibrate') o.calibrate = false;
    else if (a === '--no-docs') o.docs = false;
    else if (a === '--quiet-wait') o.quietWait = Number(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--from-json') o.fromJson = value();
    else if (a === '-h' || a === '--help') {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (o.runs < 5 && o.docs) log(`note: --runs ${o.runs} is below 5; docs/ will say so`);
  return o;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------- prerequisites

/** Debian packages the bench needs, with the path that shows each is installed. */
const DEBIAN = [
  { pkg: 'time', path: TIME, what: 'GNU time (CPU and peak RSS of each run)' },
  { pkg: 'python3-django', path: join(DIST_PKGS, 'django'), what: 'Django corpus' },
  { pkg: 'python3-flask', path: join(DIST_PKGS, 'flask'), what: 'Flask corpus' },
  { pkg: 'python3-werkzeug', path: join(DIST_PKGS, 'werkzeug'), what: 'Werkzeug corpus' },
  { pkg: 'python3-requests', path: join(DIST_PKGS, 'requests'), what: 'Requests corpus' },
  { pkg: 'pylint', path: '/usr/bin/pylint', what: 'pylint comparison' },
];

function ensureDebianPackages() {
  const missing = DEBIAN.filter((d) => !existsSync(d.path));
  if (missing.length === 0) return;
  const names = missing.map((d) => d.pkg);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log(`bench: installing ${names.join(' ')} with apt-get`);
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...names], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
    if (install() !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      install();
    }
  }
  const still = DEBIAN.filter((d) => !existsSync(d.path));
  if (still.length > 0) {
    log(`bench: missing ${still.map((d) => `${d.pkg} (${d.what})`).join(', ')}`);
    log(`bench: install them with: sudo apt-get install -y ${still.map((d) => d.pkg).join(' ')}`);
    log('bench: going on without them');
  }
}

function ensureRuffWasm() {
  const pkg = join(BENCH, 'node_modules', '@astral-sh', 'ruff-wasm-nodejs', 'package.json');
  if (existsSync(pkg)) return true;
  log('bench: installing the bench dependencies (npm ci in bench/)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
  return r.status === 0 && existsSync(pkg);
}

/** A private copy of dist/, so a rebuild by someone else during the bench cannot change what is measured. */
function snapshotDist(tmp) {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'cli.js'))) fail('dist/cli.js is missing: run `npm run build` first (npm run bench does)');
  const copy = join(tmp, 'threadlint-dist');
  mkdirSync(copy);
  for (const name of readdirSync(dist)) {
    // The entry scripts, the bundles they load (dist/<name>.bundle.js) and their maps.
    if (/^(cli|worker)(\.bundle)?\.js(\.map)?$|\.wasm$/.test(name)) cpSync(join(dist, name), join(copy, name));
  }
  return join(copy, 'cli.js');
}

// ---------------------------------------------------------------- machine

function sh(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
  const flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? '';
  const memKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const commit = sh('git', ['rev-parse', 'HEAD'], { cwd: ROOT });
  const dirty = sh('git', ['status', '--porcelain', '--', 'server', 'client', 'scripts', 'package.json'], { cwd: ROOT });
  return {
    nproc: Number(sh('nproc', [])) || availableParallelism(),
    cpuModel: model,
    cpuMHz: mhz ? Number(mhz) : null,
    hypervisor: flags.split(' ').includes('hypervisor'),
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: sh('uname', ['-sr']),
    os: /^PRETTY_NAME="?(.*?)"?$/m.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? null,
    node: process.version,
    threadlintCommit: commit,
    threadlintDirty: dirty ? dirty.split('\n').length : 0,
    loadavgAtStart: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
  };
}

// ---------------------------------------------------------------- corpora

function isPyFile(name) {
  return name.endsWith('.py');
}

function countLines(text) {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/**
 * Copies the .py files under `src` to `dest` (same layout), skipping folders
 * for which `skipDir(relPath, name)` is true and symlinked folders. `rewrite`
 * may change each file's text. Returns the copied files and their line count.
 */
function copyPython(src, dest, { skipDir = () => false, rewrite } = {}) {
  const files = [];
  let lines = 0;
  let bytes = 0;
  const walk = (dir, rel) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const from = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === '__pycache__' || skipDir(relPath, entry.name)) continue;
        walk(from, relPath);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isPyFile(entry.name)) {
        let st;
        try {
          st = statSync(from);
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        let text = readFileSync(from, 'latin1');
        if (rewrite) text = rewrite(text);
        const to = join(dest, relPath);
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, text, 'latin1');
        files.push(to);
        lines += countLines(text);
        bytes += text.length;
      }
    }
  };
  walk(src, '');
  return { files, lines, bytes };
}

function pythonStdlib() {
  const out = sh('python3', ['-c', "import sysconfig, sys; print(sysconfig.get_paths()['stdlib']); print(sys.version.split()[0]); print(sys.executable)"]);
  if (!out) return null;
  const [path, version, executable] = out.split('\n');
  return { path, version, executable };
}

/** Folders of the stdlib that are not the standard library proper (third-party packages) or are its own test suites. */
const STDLIB_SKIP = new Set(['site-packages', 'dist-packages', 'test', 'tests', 'idle_test', 'lib-dynload']);
function stdlibSkip(relPath, name) {
  return STDLIB_SKIP.has(name) || /^config-\d/.test(relPath);
}

function prepareCorpora(tmp, only) {
  const corpora = {};
  const add = (key, c) => {
    c.key = key;
    c.lines = c.parts.reduce((s, p) => s + p.lines, 0);
    c.bytes = c.parts.reduce((s, p) => s + p.bytes, 0);
    c.files = c.parts.flatMap((p) => p.files);
    c.listFile = join(tmp, `${key}.files`);
    writeFileSync(c.listFile, `${c.files.join('\n')}\n`);
    corpora[key] = c;
  };
  const want = (k) => only.includes(k);
  const djangoSrc = join(DIST_PKGS, 'django');
  const haveDjango = existsSync(djangoSrc);
  const djangoVersion = haveDjango ? /^VERSION\s*=\s*\((.*?)\)/m.exec(readFileSync(join(djangoSrc, '__init__.py'), 'utf8'))?.[1].split(',').slice(0, 3).map((s) => s.trim()).join('.') : null;

  let django;
  if (haveDjango && (want('django') || want('big'))) {
    log('bench: copying Django');
    const root = join(tmp, 'django');
    django = { root, ...copyPython(djangoSrc, join(root, 'django')) };
    if (want('django')) add('django', { label: 'Django', source: `${djangoSrc} (python3-django ${djangoVersion})`, cwd: root, paths: ['.'], parts: [django] });
  }
  const std = pythonStdlib();
  let stdlib;
  if (std && existsSync(std.path) && (want('stdlib') || want('big'))) {
    log(`bench: copying the stdlib of ${std.executable}`);
    const root = join(tmp, 'stdlib');
    stdlib = { root, ...copyPython(std.path, root, { skipDir: stdlibSkip }) };
    if (want('stdlib')) {
      add('stdlib', {
        label: 'Python stdlib',
        source: `${std.path} (Python ${std.version}, the stdlib of \`python3\` on the PATH, ${std.executable}; without \`site-packages/\` (third-party code), \`lib-dynload/\` and the test suites: \`test/\`, every \`tests/\` and \`test/\` folder, \`idlelib/idle_test/\`)`,
        cwd: root,
        paths: ['.'],
        parts: [stdlib],
      });
    }
  }
  if (want('web')) {
    const root = join(tmp, 'web');
    const parts = [];
    const names = [];
    for (const name of ['flask', 'werkzeug', 'requests']) {
      const src = join(DIST_PKGS, name);
      if (!existsSync(src)) continue;
      parts.push(copyPython(src, join(root, name)));
      names.push(name);
    }
    if (parts.length > 0) add('web', { label: 'Flask + Werkzeug + Requests', source: names.map((n) => join(DIST_PKGS, n)).join(', '), cwd: root, paths: ['.'], parts });
  }
  if (want('big') && django && stdlib) {
    add('big', {
      label: 'Django + stdlib (~450k lines)',
      source: 'the Django and stdlib copies above, scanned together in one run (one cross-file index)',
      cwd: tmp,
      paths: ['django', 'stdlib'],
      parts: [django, stdlib],
    });
  }
  if (want('scaling') && haveDjango) {
    for (const k of [1, 2, 4]) {
      log(`bench: copying Django ${k}x`);
      const root = join(tmp, `django-x${k}`);
      const parts = [];
      for (let i = 1; i <= k; i++) {
        const name = `django_c${i}`;
        // Each copy is its own package: its absolute imports of `django` name the copy, so cross-file resolution stays inside it.
        const rewrite = (text) => text.replace(/^([ \t]*(?:from|import)[ \t]+)django\b/gm, `$1${name}`);
        parts.push(copyPython(djangoSrc, join(root, name), { rewrite }));
      }
      add(`djangox${k}`, {
        label: `Django ${k}x`,
        source: k === 1 ? "one copy of Django as the package `django_c1` (its imports of `django` rewritten to that name)" : `${k} copies of Django as the packages \`django_c1\` … \`django_c${k}\` (each copy's imports of \`django\` rewritten to its own name)`,
        cwd: root,
        paths: ['.'],
        parts,
        copies: k,
      });
    }
  }
  return { corpora, stdlibInfo: std, djangoVersion };
}

// ---------------------------------------------------------------- measuring

const CLK_TCK = Number(sh('getconf', ['CLK_TCK'])) || 100;

/** The process tree under `pid` (pid included), from /proc/<pid>/task/<tid>/children. */
function processTree(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop();
    out.push(p);
    let tasks;
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      } catch {
        // gone
      }
    }
  }
  return out;
}

function rssKb(pid) {
  try {
    return Number(/^VmRSS:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

let haveTime = null;

/**
 * Runs a command as a child process and measures it: wall time (from spawn to
 * exit, in this process), user+sys CPU and peak RSS from GNU time (`%U %S %M`,
 * which count the whole tree of children that were waited for; `%M` is the
 * largest single process), and the peak of the summed RSS of the whole process
 * tree, sampled every 20 ms from /proc (what matters for tools that fork
 * workers, like pylint -j 2).
 */
async function measure(cmd, args, { cwd, env = {}, stdoutFile, quietWait }) {
  if (haveTime === null) haveTime = existsSync(TIME);
  const idleBefore = await waitForQuiet(quietWait);
  const timeFile = join(tmpdir(), `threadlint-bench-time-${process.pid}`);
  const argv = haveTime ? [TIME, '-f', '%e %U %S %M', '-o', timeFile, cmd, ...args] : [cmd, ...args];
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const errFile = `${stdoutFile ?? timeFile}.stderr`;
  const err = openSync(errFile, 'w');
  const stat0 = readCpuTimes();
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, err] });
  let treePeak = 0;
  const sample = () => {
    let sum = 0;
    for (const p of processTree(child.pid)) if (!(haveTime && p === child.pid)) sum += rssKb(p);
    if (sum > treePeak) treePeak = sum;
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise((done) => child.on('exit', (c, sig) => done(c ?? sig)));
  const wall = (performance.now() - t0) / 1000;
  const stat1 = readCpuTimes();
  clearInterval(timer);
  const busy = (stat1.total - stat0.total - (stat1.idle - stat0.idle)) / CLK_TCK;
  if (typeof out === 'number') closeSync(out);
  closeSync(err);
  const result = { wall, user: null, sys: null, cpu: null, maxRssMB: null, treeRssMB: treePeak / 1024, exit: code, idleBefore, stderrFile: errFile };
  if (haveTime) {
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop();
    const [e, u, s, m] = line.split(' ').map(Number);
    // CPU seconds that the rest of the machine used during the run, per second: other work competing with the measured tool.
    Object.assign(result, { user: u, sys: s, cpu: u + s, maxRssMB: m / 1024, timeWall: e, otherCores: Math.max(0, busy - (u + s)) / wall });
    rmSync(timeFile, { force: true });
  }
  return result;
}

function median(xs) {
  const v = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function summary(runs) {
  const pick = (k) => runs.map((r) => r[k]);
  const walls = pick('wall');
  return {
    runs: runs.length,
    wall: median(walls),
    wallMin: Math.min(...walls),
    wallMax: Math.max(...walls),
    cpu: median(pick('cpu')),
    user: median(pick('user')),
    sys: median(pick('sys')),
    maxRssMB: median(pick('maxRssMB')),
    treeRssMB: median(pick('treeRssMB')),
    idleBefore: median(pick('idleBefore')),
    otherCores: median(pick('otherCores')),
  };
}

// ---------------------------------------------------------------- the tools

/** Extra CLI flags for a full (uncached) scan: `--no-cache` when this build has the summary cache. */
let coldFlags = [];

function threadlintRun(cli, corpus, tmp, opts, env = {}, flags = coldFlags) {
  const outFile = join(tmp, `out-threadlint-${corpus.key}.json`);
  return measure(process.execPath, [cli, 'check', ...corpus.paths, '--format', 'json', '--no-progress', ...flags], { cwd: corpus.cwd, env, stdoutFile: outFile, quietWait: opts.quietWait }).then((r) => {
    if (r.exit !== 0 && r.exit !== 1) throw new Error(`threadlint exited with ${r.exit} on ${corpus.key}: ${readFileSync(r.stderrFile, 'utf8').slice(0, 2000)}`);
    const findings = JSON.parse(readFileSync(outFile, 'utf8'));
    const perRule = {};
    for (const f of findings) {
      const key = `${f.code} ${f.rule}`;
      perRule[key] = (perRule[key] ?? 0) + 1;
    }
    const problems = readFileSync(r.stderrFile, 'utf8').split('\n').filter((l) => /: (skipped|partial): /.test(l));
    return { ...r, findings: findings.length, perRule, problems: problems.length, problemKinds: countBy(problems.map((l) => /: (skipped|partial): /.exec(l)[1])) };
  });
}

function pylintRun(corpus, tmp, opts) {
  const outFile = join(tmp, `out-pylint-${corpus.key}.txt`);
  return measure('pylint', [...PYLINT_ARGS, '--persistent=n', '--score=n', ...corpus.files.map((f) => relative(corpus.cwd, f))], { cwd: corpus.cwd, stdoutFile: outFile, quietWait: opts.quietWait }).then((r) => {
    if (typeof r.exit !== 'number' || r.exit & 1 || r.exit >= 32) throw new Error(`pylint failed (exit ${r.exit}) on ${corpus.key}: ${readFileSync(r.stderrFile, 'utf8').slice(0, 2000)}`);
    const codes = [...readFileSync(outFile, 'utf8').matchAll(/^[^\n]*?:\d+:\d+: ([CRWEF]\d{4}): /gm)].map((m) => m[1]);
    return { ...r, findings: codes.length, perRule: countBy(codes) };
  });
}

function ruffRun(corpus, tmp, opts) {
  const outFile = join(tmp, `out-ruff-${corpus.key}.json`);
  return measure(process.execPath, [join(BENCH, 'ruff-driver.mjs'), corpus.listFile, RUFF_RULES], { cwd: corpus.cwd, stdoutFile: outFile, quietWait: opts.quietWait }).then((r) => {
    if (r.exit !== 0) throw new Error(`ruff driver exited with ${r.exit}: ${readFileSync(r.stderrFile, 'utf8').slice(0, 2000)}`);
    const out = JSON.parse(readFileSync(outFile, 'utf8'));
    return { ...r, findings: out.diagnostics, perRule: out.counts, ruffVersion: out.version, failed: out.failed };
  });
}

function countBy(xs) {
  const m = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return m;
}

// ---------------------------------------------------------------- the summary cache

function cacheSupported(cli) {
  const r = spawnSync(process.execPath, [cli, 'check', '--help'], { encoding: 'utf8' });
  return /--no-cache\b/.test(r.stdout ?? '');
}

function folderBytes(dir) {
  let total = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        total += lstatSync(p).size;
        files++;
      }
    }
  };
  try {
    walk(dir);
  } catch {
    // none
  }
  return { bytes: total, files };
}

/**
 * The content-hash cache, per round: a scan with an empty cache (which writes
 * it), a second scan of the unchanged tree, and a scan after one widely
 * imported file changed (a comment appended; restored afterwards).
 */
async function cacheBench(cli, corpus, tmp, opts) {
  const cacheDir = join(corpus.cwd, '.threadlint_cache');
  const edited = corpus.files.find((f) => f.endsWith('/django/utils/functional.py')) ?? corpus.files[0];
  const original = readFileSync(edited, 'latin1');
  const cold = [];
  const warm = [];
  const edit = [];
  let size = null;
  for (let r = 0; r < opts.runs; r++) {
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(await threadlintRun(cli, corpus, tmp, opts, {}, []));
    size ??= folderBytes(cacheDir);
    warm.push(await threadlintRun(cli, corpus, tmp, opts, {}, []));
    writeFileSync(edited, `${original}\n# bench edit ${r}\n`, 'latin1');
    try {
      edit.push(await threadlintRun(cli, corpus, tmp, opts, {}, []));
    } finally {
      writeFileSync(edited, original, 'latin1');
    }
    log(`bench: cache round ${r + 1}/${opts.runs}: empty ${f1(cold.at(-1).wall)} s, unchanged ${f1(warm.at(-1).wall)} s, one file changed ${f1(edit.at(-1).wall)} s`);
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const sameFindings = warm.every((w) => w.findings === cold[0].findings) && edit.every((e) => e.findings === cold[0].findings);
  return { corpus: corpus.key, editedFile: relative(corpus.cwd, edited), cacheBytes: size?.bytes ?? null, cacheFiles: size?.files ?? null, sameFindings, cold: { ...summary(cold), raw: cold }, warm: { ...summary(warm), raw: warm }, edit: { ...summary(edit), raw: edit } };
}

// ---------------------------------------------------------------- calibration and profile

/** How much slower each of two CPU-bound processes runs when both run at once. */
async function calibrate(opts) {
  const loop = 'let x = 0; for (let i = 0; i < 6e8; i++) x = (x + i * 7) % 1000003; if (x < 0) console.log(x);';
  const once = async () => {
    await waitForQuiet(opts.quietWait);
    const t0 = performance.now();
    await new Promise((done) => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }).on('exit', done));
    return (performance.now() - t0) / 1000;
  };
  const pair = async () => {
    await waitForQuiet(opts.quietWait);
    const t0 = performance.now();
    const one = () =>
      new Promise((done) => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }).on('exit', () => done((performance.now() - t0) / 1000)));
    return Promise.all([one(), one()]);
  };
  const alone = [];
  const both = [];
  for (let i = 0; i < 3; i++) {
    alone.push(await once());
    both.push(...(await pair()));
  }
  const a = median(alone);
  const b = median(both);
  return { alone, both, aloneMedian: a, bothMedian: b, slowdown: b / a, effectiveCores: (2 * a) / b };
}

/** One in-thread (THREADLINT_WORKERS=0) scan under `node --cpu-prof`; self time per function, mapped to the TypeScript sources. */
async function profile(cli, corpus, tmp, resultsDir) {
  const dir = join(tmp, 'cpuprof');
  mkdirSync(dir, { recursive: true });
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, cli, 'check', ...corpus.paths, '--format', 'json', '--no-progress', ...coldFlags], {
    cwd: corpus.cwd,
    env: { ...process.env, THREADLINT_WORKERS: '0' },
    stdio: 'ignore',
  });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  cpSync(join(dir, file), join(resultsDir, `scan-${corpus.key}.cpuprofile`));
  const selfUs = new Map();
  for (let i = 0; i < prof.samples.length; i++) selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const mapper = sourceMapper(cli.replace(/\.js$/, '.bundle.js'));
  const byFn = new Map();
  const byFile = new Map();
  let total = 0;
  for (const node of prof.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const cf = node.callFrame;
    let where = cf.url ? basename(cf.url) : '';
    let source = where || cf.functionName;
    if (cf.url && cf.url.endsWith('/cli.bundle.js') && cf.lineNumber >= 0) {
      const m = mapper(cf.lineNumber, cf.columnNumber);
      if (m) {
        where = `${m.source}:${m.line + 1}`;
        source = m.source;
      }
    } else if (cf.url.startsWith('wasm://')) {
      source = 'tree-sitter (WASM)';
      where = 'tree-sitter (WASM)';
    }
    const name = `${cf.functionName || '(anonymous)'}`;
    const key = `${name}\t${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    if (cf.functionName === '(garbage collector)') source = '(garbage collector)';
    else if (cf.functionName === '(program)' || cf.functionName === '(idle)') source = cf.functionName;
    else if (!cf.url) source = '(native / builtins)';
    else if (cf.url.startsWith('node:')) source = '(node internals)';
    byFile.set(source, (byFile.get(source) ?? 0) + us);
  }
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => ({ key: k, ms: us / 1000, share: us / total }));
  return { corpus: corpus.key, totalMs: total / 1000, functions: top(byFn, 15).map((t) => ({ fn: t.key.split('\t')[0], where: t.key.split('\t')[1], ms: t.ms, share: t.share })), files: top(byFile, 12).map((t) => ({ file: t.key, ms: t.ms, share: t.share })) };
}

/** A minimal source-map reader (VLQ mappings) for the bundle's .map file: (line, column) → original source and line. */
function sourceMapper(bundle) {
  let map;
  try {
    // A release (minified) build has no map; a map left beside it by an earlier build would be stale.
    if (!/\/\/# sourceMappingURL=\S+\.map\s*$/.test(readFileSync(bundle, 'utf8').slice(-300))) return () => null;
    map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'));
  } catch {
    return () => null;
  }
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = map.mappings.split(';');
  const decoded = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const line of lines) {
    const segs = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const vals = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0];
      if (vals.length >= 4) {
        src += vals[1];
        srcLine += vals[2];
        srcCol += vals[3];
        segs.push([col, src, srcLine]);
      }
    }
    decoded.push(segs);
  }
  const clean = (s) => s.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
  return (line, column) => {
    const segs = decoded[line];
    if (!segs || segs.length === 0) return null;
    let best = segs[0];
    for (const s of segs) {
      if (s[0] <= column) best = s;
      else break;
    }
    return { source: clean(map.sources[best[1]]), line: best[2] };
  };
}

// ---------------------------------------------------------------- linear fit

/** Least squares y = a + b·x, with R². */
function fit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  const a = my - b * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - a - b * p.x) ** 2, 0);
  return { a, b, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

// ---------------------------------------------------------------- chart

function niceStep(max, ticks) {
  const raw = max / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function chart(results) {
  const W = 760;
  const H = 460;
  const m = { l: 64, r: 28, t: 44, b: 56 };
  const scan = results.scans;
  const series = ['djangox1', 'djangox2', 'djangox4'].filter((k) => scan[k]);
  const others = ['web', 'django', 'stdlib', 'big'].filter((k) => scan[k]);
  const all = [...series, ...others].map((k) => scan[k]);
  if (all.length === 0) return null;
  const xMax = Math.max(...all.map((s) => s.lines), 450000) * 1.05;
  const yMax = Math.max(...all.map((s) => Math.max(s.wallMax, s.cpu ?? 0)), 3) * 1.12;
  const xStep = niceStep(xMax, 6);
  const yStep = niceStep(yMax, 6);
  const X = (v) => m.l + (v / xMax) * (W - m.l - m.r);
  const Y = (v) => H - m.b - (v / yMax) * (H - m.t - m.b);
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  o.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  o.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">threadlint scan time vs corpus size (median of ${results.options.runs} runs)</text>`);
  for (let v = 0; v <= xMax; v += xStep) {
    o.push(`<line x1="${X(v)}" y1="${m.t}" x2="${X(v)}" y2="${H - m.b}" stroke="#eee"/>`);
    o.push(`<text x="${X(v)}" y="${H - m.b + 16}" text-anchor="middle">${v / 1000}k</text>`);
  }
  for (let v = 0; v <= yMax; v += yStep) {
    o.push(`<line x1="${m.l}" y1="${Y(v)}" x2="${W - m.r}" y2="${Y(v)}" stroke="#eee"/>`);
    o.push(`<text x="${m.l - 6}" y="${Y(v) + 4}" text-anchor="end">${+v.toFixed(2)} s</text>`);
  }
  o.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#333"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#333"/>`);
  o.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 14}" text-anchor="middle">lines of Python scanned</text>`);
  o.push(`<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">seconds (whole process)</text>`);
  // Target: 450k lines in 3 s.
  o.push(`<line x1="${m.l}" y1="${Y(3)}" x2="${W - m.r}" y2="${Y(3)}" stroke="#c62828" stroke-dasharray="6 4"/>`);
  o.push(`<text x="${W - m.r - 4}" y="${Y(3) - 6}" text-anchor="end" fill="#c62828">target: 450k lines in ≤ 3 s wall</text>`);
  if (series.length >= 2) {
    const f = results.scaling?.wallFit;
    if (f) o.push(`<line x1="${X(0)}" y1="${Y(f.a)}" x2="${X(xMax)}" y2="${Y(f.a + f.b * xMax)}" stroke="#1565c0" stroke-dasharray="2 4" opacity="0.6"/>`);
    const path = (key, color, dash) => `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash ? 'stroke-dasharray="6 3"' : ''} points="${series.map((k) => `${X(scan[k].lines).toFixed(1)},${Y(scan[k][key]).toFixed(1)}`).join(' ')}"/>`;
    o.push(path('wall', '#1565c0', false));
    if (series.every((k) => scan[k].cpu !== null)) o.push(path('cpu', '#ef6c00', true));
  }
  for (const k of [...series, ...others]) {
    const s = scan[k];
    const isSeries = series.includes(k);
    o.push(`<line x1="${X(s.lines)}" y1="${Y(s.wallMin)}" x2="${X(s.lines)}" y2="${Y(s.wallMax)}" stroke="#1565c0" opacity="0.5"/>`);
    if (isSeries) o.push(`<circle cx="${X(s.lines)}" cy="${Y(s.wall)}" r="5" fill="#1565c0"><title>${esc(s.label)}: ${s.wall.toFixed(2)} s wall</title></circle>`);
    else o.push(`<rect x="${X(s.lines) - 5}" y="${Y(s.wall) - 5}" width="10" height="10" fill="#2e7d32"><title>${esc(s.label)}: ${s.wall.toFixed(2)} s wall</title></rect>`);
    if (s.cpu !== null) o.push(`<circle cx="${X(s.lines)}" cy="${Y(s.cpu)}" r="4" fill="#fff" stroke="${isSeries ? '#ef6c00' : '#8d6e63'}" stroke-width="2"><title>${esc(s.label)}: ${s.cpu.toFixed(2)} s CPU</title></circle>`);
    const label = isSeries ? s.label : s.label.replace(/ \(~450k lines\)/, '');
    const right = X(s.lines) > (m.l + W - m.r) * 0.6;
    o.push(`<text x="${X(s.lines) + (right ? -9 : 9)}" y="${Y(s.wall) + (isSeries ? -8 : 16)}" text-anchor="${right ? 'end' : 'start'}" fill="#333">${esc(label)}</text>`);
  }
  // Legend.
  const lx = m.l + 12;
  let ly = m.t + 8;
  const legend = (shape, text) => {
    o.push(`${shape(lx, ly)}<text x="${lx + 22}" y="${ly + 4}">${esc(text)}</text>`);
    ly += 18;
  };
  legend((x, y) => `<line x1="${x}" y1="${y}" x2="${x + 16}" y2="${y}" stroke="#1565c0" stroke-width="2"/><circle cx="${x + 8}" cy="${y}" r="4" fill="#1565c0"/>`, 'Django 1x/2x/4x: wall (bar: min–max)');
  legend((x, y) => `<line x1="${x}" y1="${y}" x2="${x + 16}" y2="${y}" stroke="#ef6c00" stroke-width="2" stroke-dasharray="6 3"/><circle cx="${x + 8}" cy="${y}" r="3.5" fill="#fff" stroke="#ef6c00" stroke-width="2"/>`, 'Django 1x/2x/4x: CPU (user+sys)');
  legend((x, y) => `<rect x="${x + 3}" y="${y - 5}" width="10" height="10" fill="#2e7d32"/>`, 'other corpora: wall (hollow: CPU)');
  if (results.scaling?.wallFit) legend((x, y) => `<line x1="${x}" y1="${y}" x2="${x + 16}" y2="${y}" stroke="#1565c0" stroke-dasharray="2 4"/>`, `linear fit of the Django copies (R² ${results.scaling.wallFit.r2.toFixed(3)})`);
  o.push(`<text x="${W - m.r}" y="${H - 2}" text-anchor="end" font-size="10" fill="#777">${esc(`${results.machine.nproc} vCPU ${results.machine.cpuModel}, Node ${results.machine.node}, threadlint ${(results.machine.threadlintCommit ?? '').slice(0, 10)}, ${results.date.slice(0, 10)}`)}</text>`);
  o.push('</svg>');
  return `${o.join('\n')}\n`;
}

// ---------------------------------------------------------------- docs

const f1 = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const int = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const mb = (x) => (x === null || x === undefined ? 'n/a' : `${Math.round(x)} MB`);

/** A Markdown table; columns whose cells all start with a digit are right-aligned. */
function table(head, rows) {
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^(\d|n\/a)/.test(String(r[i]))));
  return [`| ${head.join(' | ')} |`, `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function markdown(results) {
  const { machine: mc, scans, compare, scaling, workers, calibration, prof, options } = results;
  const L = [];
  const order = ['django', 'stdlib', 'web', 'big', 'djangox1', 'djangox2', 'djangox4'].filter((k) => scans[k]);
  L.push(BEGIN);
  L.push('<!-- Generated by `npm run bench` (bench/scan.mjs): edit the script, not this section. -->');
  L.push('');
  L.push('## Scan benchmark (`npm run bench`)');
  L.push('');
  L.push(`Run on ${results.date.slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\`; raw numbers in \`bench/results/\` (not committed). Every number is the median of ${options.runs} runs${options.runs < 5 ? ' (**fewer than the 5 the method asks for**)' : ''}, each run a whole child process.`);
  L.push('');
  L.push('### Machine');
  L.push('');
  L.push(table(['', ''], [
    ['CPUs (nproc)', `${mc.nproc}${mc.hypervisor ? ' (virtual)' : ''}`],
    ['CPU model (/proc/cpuinfo)', `${mc.cpuModel}${mc.cpuMHz ? ` @ ${Math.round(mc.cpuMHz)} MHz` : ''}`],
    ['Memory', `${mc.memoryGiB} GiB`],
    ['OS / kernel', `${mc.os ?? '?'} / ${mc.kernel ?? '?'}`],
    ['Node', mc.node],
    ['threadlint commit', `${mc.threadlintCommit ?? 'unknown'}${mc.threadlintDirty ? ` (+ ${mc.threadlintDirty} uncommitted changes in server/, client/, scripts/ or package.json)` : ''}`],
    ['Load average at start', mc.loadavgAtStart.join(', ')],
    ...(calibration
      ? [['Two CPU-bound processes at once', `each ${f1(calibration.slowdown)}× slower than alone (${f1(calibration.aloneMedian)} s → ${f1(calibration.bothMedian)} s): the ${mc.nproc} vCPUs behave like **${f1(calibration.effectiveCores, 1)} cores**`]]
      : []),
  ]));
  L.push('');
  L.push('### Method');
  L.push('');
  L.push(`- Each run is a child process (\`node dist/cli.js check PATHS --format json --no-progress${results.hasCache ? ' --no-cache' : ''}\`, all rules${results.hasCache ? ', the summary cache off except in the cache section' : ''}, default worker count = ${Math.min(mc.nproc, 8)} worker threads) started under \`/usr/bin/time -f "%e %U %S %M"\` (GNU time${results.haveTime ? '' : ': **not installed on this run; CPU and max RSS are missing**'}). **Wall** is measured by the bench from spawn to exit; **CPU** is user+sys of the whole process tree (GNU time); **peak RSS** is GNU time's \`%M\` (the largest single process; for threadlint's one process with its worker threads that is the whole tool). For pylint, whose \`-j 2\` forks worker processes, the **tree RSS** column also sums the RSS of every process in the tree, sampled every 20 ms from \`/proc/<pid>/status\` (sampling can miss short peaks).`);
  L.push('- The files are copied to a temporary folder first (only the `.py` files), so every tool sees exactly the same files and no configuration of the source folders applies; the CLI is run from a private copy of `dist/` so a rebuild during the bench cannot change it.');
  L.push('- Corpora are scanned in rounds (every corpus once per round), and the tools of the comparison alternate A B C A B C, so slow drifts of the background load spread over all of them.');
  L.push(`- This machine is shared with other work. Before each run the bench waits up to ${options.quietWait} s for ≥ 75 % of the CPUs to be idle and records the idle CPUs it saw ("idle before"); when the wait ran out the run happened under load. CPU time is much less sensitive to that than wall time.`);
  L.push('- "Other load during" is the CPU time the rest of the machine used while the run went on (all CPUs\' busy time from `/proc/stat` minus the run\'s own user+sys), per second of the run: 0 means the tool had the machine to itself, 1 means one CPU\'s worth of other work competed with it.');
  L.push('- Lines are newline counts of the `.py` files (blank and comment lines included, like `wc -l`).');
  L.push('');
  L.push('### Corpora');
  L.push('');
  L.push(table(['Corpus', 'Source'], order.map((k) => [scans[k].label, scans[k].source])));
  L.push('');
  if (scans.django && scans.big) {
    L.push(`Debian 12 ships Django ${results.versions.django ?? ''} (${int(scans.django.fileCount)} files, ${int(scans.django.lines)} lines without its tests), far below the ~450k lines of the targets, so the target corpus is Django and the stdlib scanned together (${int(scans.big.lines)} lines). The copies for the scaling chart are renamed packages so that each copy's imports resolve inside that copy; the analysis treats a renamed copy almost exactly like the original (the finding counts of "Django" and "Django 1x" may differ by a finding or two where a rule keys on the name \`django\`).`);
    L.push('');
  }
  L.push('### Scans');
  L.push('');
  L.push(table(
    ['Corpus', 'files', 'lines', 'wall (min–max)', 'CPU user+sys', 'peak RSS', 'findings', 'skipped / partial files', 'idle CPUs before', 'other load during'],
    order.map((k) => {
      const s = scans[k];
      return [s.label, int(s.fileCount), int(s.lines), `${f1(s.wall)} s (${f1(s.wallMin)}–${f1(s.wallMax)})`, `${f1(s.cpu)} s`, mb(s.maxRssMB), int(s.findings), `${s.problemKinds.skipped ?? 0} / ${s.problemKinds.partial ?? 0}`, f1(s.idleBefore, 1), s.otherCores === undefined ? 'n/a' : `${f1(s.otherCores, 1)} CPUs`];
    }),
  ));
  L.push('');
  const ruleKeys = [...new Set(order.flatMap((k) => Object.keys(scans[k].perRule)))].sort();
  const ruleCols = ['django', 'stdlib', 'web', 'big'].filter((k) => scans[k]);
  if (ruleKeys.length > 0 && ruleCols.length > 0) {
    L.push('#### Findings per rule');
    L.push('');
    L.push(table(['Rule', ...ruleCols.map((k) => `${scans[k].label} findings`)], ruleKeys.map((r) => [`\`${r.split(' ')[0]}\` ${r.split(' ').slice(1).join(' ')}`, ...ruleCols.map((k) => int(scans[k].perRule[r] ?? 0))])));
    L.push('');
  }
  // Targets.
  L.push('### Targets (issues 2 and 5)');
  L.push('');
  const big = scans.big;
  const tRows = [];
  if (big) {
    tRows.push(['~450k lines, all rules: wall ≤ 3 s', `${int(big.lines)} lines: ${f1(big.wall)} s median, ${f1(big.wallMin)} s best, ${f1(big.cpu)} s CPU`, big.wall <= 3 ? 'met' : big.wallMin <= 3 ? 'met only in the best run' : 'not met']);
    tRows.push(['~450k lines, all rules: peak RSS ≤ 300 MB', mb(big.maxRssMB), big.maxRssMB !== null && big.maxRssMB <= 300 ? 'met' : 'not met']);
  }
  for (const c of compare) {
    const best = (t) => c.tools[t].wallMin / c.tools.threadlint.wallMin;
    if (c.ratios.ruff) tRows.push([`Ahead of Ruff WASM (3 rules) on ${c.label}`, `${f1(c.ratios.ruff.wall)}× faster (median wall), ${f1(best('ruff'))}× (best), ${f1(c.ratios.ruff.cpu)}× less CPU`, c.ratios.ruff.wall > 1 ? 'met' : 'not met']);
    if (c.ratios.pylint) tRows.push([`≥ 14× faster than pylint -j 2 on ${c.label}`, `${f1(c.ratios.pylint.wall, 1)}× (median wall), ${f1(best('pylint'), 1)}× (best), ${f1(c.ratios.pylint.cpu, 1)}× less CPU`, c.ratios.pylint.wall >= 14 ? 'met' : 'not met']);
  }
  if (scaling) {
    const [p1, p2, p4] = scaling.points;
    const m12 = p2.cpu - p1.cpu;
    const m24 = (p4.cpu - p2.cpu) / 2;
    tRows.push(['Scan time grows linearly with files (1×, 2×, 4× Django)', `4× Django: ${f1(scaling.ratio4.wall)}× the wall and ${f1(scaling.ratio4.cpu)}× the CPU of 1×; CPU per added copy ${f1(m12)} s (1×→2×) and ${f1(m24)} s (2×→4×); CPU fit R² ${f1(scaling.cpuFit.r2, 3)}`, scaling.ratio4.cpu <= 4.4 && m24 <= m12 * 1.35 && scaling.cpuFit.r2 >= 0.95 ? 'met (no super-linear growth)' : 'check']);
  }
  if (results.cache) tRows.push([`Content-hash cache: unchanged re-scan ≤ 0.5 s (${scans[results.cache.corpus]?.label ?? results.cache.corpus})`, `${f1(results.cache.warm.wall)} s`, results.cache.warm.wall <= 0.5 ? 'met' : 'not met']);
  else tRows.push(['Content-hash cache: unchanged re-scan ≤ 0.5 s', results.hasCache ? 'not measured on this run' : 'not implemented (no `.threadlint_cache/`, no `--no-cache`)', results.hasCache ? '—' : 'not implemented']);
  tRows.push(['Language server latency', 'see the language-server section (`npm run bench:lsp`)', '—']);
  L.push(table(['Target', 'Measured', 'Status'], tRows));
  L.push('');
  if (compare.length > 0) {
    L.push('### threadlint vs pylint vs Ruff (WebAssembly)');
    L.push('');
    L.push(`Same files, one run, tools alternating, median of ${options.runs} runs each. threadlint: all rules. pylint ${results.versions.pylint ?? ''}: \`pylint ${PYLINT_ARGS.join(' ')} --persistent=n --score=n FILES\` (the last two flags only stop it writing its stats cache and printing a score). Ruff ${results.versions.ruff ?? ''} (\`@astral-sh/ruff-wasm-nodejs\`, installed in \`bench/node_modules\`): \`node bench/ruff-driver.mjs\` lints every file with ${RUFF_RULES.split(',').map((r) => `\`${r}\``).join(', ')}. "×" columns: how many times faster / lighter threadlint is (the tool's number divided by threadlint's).`);
    L.push('');
    for (const c of compare) {
      L.push(`#### ${c.label} (${int(c.files)} files, ${int(c.lines)} lines)`);
      L.push('');
      const rows = [];
      for (const tool of ['threadlint', 'pylint', 'ruff']) {
        const s = c.tools[tool];
        if (!s) continue;
        const r = c.ratios[tool];
        rows.push([
          { threadlint: 'threadlint (all rules)', pylint: 'pylint -j 2 (2 checks)', ruff: 'Ruff WASM (3 rules)' }[tool],
          `${f1(s.wall)} s`,
          `${f1(s.wallMin)} s`,
          `${f1(s.cpu)} s`,
          mb(s.maxRssMB),
          mb(s.treeRssMB),
          int(s.findings),
          r ? `${f1(r.wall, 1)}×` : '1×',
          r ? `${f1(s.wallMin / c.tools.threadlint.wallMin, 1)}×` : '1×',
          r ? `${f1(r.cpu, 1)}×` : '1×',
          r && r.rss !== null ? `${f1(r.rss, 1)}×` : '1×',
        ]);
      }
      L.push(table(['Tool', 'wall (median)', 'wall (best)', 'CPU user+sys', 'peak RSS', 'tree RSS', 'findings', '× wall (median)', '× wall (best)', '× CPU', '× RSS'], rows));
      L.push('');
      const per = (tool) => Object.entries(c.tools[tool]?.perRule ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
      const other = ['threadlint', 'pylint', 'ruff'].filter((t) => c.tools[t]?.otherCores !== undefined && c.tools[t]?.otherCores !== null).map((t) => `${t} ${f1(c.tools[t].otherCores, 1)}`);
      L.push(`Findings: threadlint ${per('threadlint')}; pylint ${per('pylint')}; Ruff ${per('ruff')}.${other.length ? ` Other load during the runs (median CPUs busy with other work): ${other.join(', ')}.` : ''}`);
      L.push('');
    }
  }
  if (scaling) {
    L.push('### Scaling: 1×, 2×, 4× Django');
    L.push('');
    L.push('![threadlint scan time vs corpus size](benchmarks-scan.svg)');
    L.push('');
    L.push(table(['Corpus', 'files', 'lines', 'wall', 'CPU user+sys', 'peak RSS', '× of 1× wall', '× of 1× CPU', 'findings'], scaling.points.map((p) => [p.label, int(p.files), int(p.lines), `${f1(p.wall)} s`, `${f1(p.cpu)} s`, mb(p.maxRssMB), f1(p.wall / scaling.points[0].wall), f1(p.cpu / scaling.points[0].cpu), int(p.findings)])));
    L.push('');
    L.push(`Linear fit over the copies: wall ≈ ${f1(scaling.wallFit.a)} s + ${f1(scaling.wallFit.b * 1e6, 2)} s per million lines (R² ${f1(scaling.wallFit.r2, 3)}); CPU ≈ ${f1(scaling.cpuFit.a)} s + ${f1(scaling.cpuFit.b * 1e6, 2)} s per million lines (R² ${f1(scaling.cpuFit.r2, 3)}). The intercept is the fixed cost (Node, the bundle, loading and JIT-warming the WASM parser and the analysis in the main thread and in each worker thread); CPU is the steadier measure here, since the wall times move with the machine's other load. The findings grow in step with the copies (each copy is resolved on its own), so the cross-file pass stays per copy.`);
    L.push('');
  }
  if (workers && workers.length > 0) {
    L.push(`### Worker threads (${scans[workers[0].corpus]?.label ?? workers[0].corpus})`);
    L.push('');
    L.push(table(['THREADLINT_WORKERS', 'wall (min–max)', 'CPU user+sys', 'peak RSS', 'idle CPUs before', 'other load during'], workers.map((w) => [String(w.workers), `${f1(w.wall)} s (${f1(w.wallMin)}–${f1(w.wallMax)})`, `${f1(w.cpu)} s`, mb(w.maxRssMB), f1(w.idleBefore, 1), w.otherCores === undefined ? 'n/a' : `${f1(w.otherCores, 1)} CPUs`])));
    L.push('');
  }
  if (prof) {
    L.push(`### Where the time goes (one in-thread scan of ${scans[prof.corpus]?.label ?? prof.corpus} under \`node --cpu-prof\`)`);
    L.push('');
    L.push(`${f1(prof.totalMs / 1000)} s of samples with \`THREADLINT_WORKERS=0\`. Self time by source file:`);
    L.push('');
    L.push(table(['Source', 'self ms', 'share'], prof.files.map((f) => [f.file, int(f.ms), `${f1(f.share * 100, 1)} %`])));
    L.push('');
    L.push('Top functions by self time:');
    L.push('');
    L.push(table(['Function', 'Where', 'self ms', 'share'], prof.functions.map((f) => [`\`${f.fn}\``, f.where, int(f.ms), `${f1(f.share * 100, 1)} %`])));
    L.push('');
  }
  L.push('### Cache');
  L.push('');
  if (results.cache) {
    const c = results.cache;
    L.push(`The content-hash summary cache (\`.threadlint_cache/\`), on ${scans[c.corpus]?.label ?? c.corpus}, in rounds: a scan with the cache folder deleted first (it writes the cache: ${c.cacheFiles ?? '?'} files, ${mb(c.cacheBytes === null ? null : c.cacheBytes / 1048576)}), a second scan of the unchanged tree, and a scan after a comment is appended to \`${c.editedFile}\` (restored after the round). All the other scans on this page run with \`--no-cache\`. ${c.sameFindings ? 'Every cached scan reported the same number of findings as the uncached one.' : '**The cached scans reported a different number of findings than the uncached one.**'}`);
    L.push('');
    L.push(table(['Scenario', 'wall (min–max)', 'CPU user+sys', 'peak RSS', 'findings'], [
      ['Cache empty (scan and write it)', c.cold],
      ['Second scan, unchanged tree', c.warm],
      ['One file changed', c.edit],
    ].map(([name, s]) => [name, `${f1(s.wall)} s (${f1(s.wallMin)}–${f1(s.wallMax)})`, `${f1(s.cpu)} s`, mb(s.maxRssMB), int(s.raw.at(-1).findings)])));
  } else {
    L.push(table(['Scenario', 'Result'], [['Second scan of an unchanged tree (content-hash cache, issue 5)', results.hasCache ? 'not measured on this run (--no-cache-bench)' : 'not implemented'], ['One changed file re-scanned (it and its dependents only)', results.hasCache ? 'not measured on this run' : 'not implemented']]));
  }
  L.push('');
  L.push(END);
  return L.join('\n');
}

function writeDoc(section) {
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\nMeasurements of threadlint on real code no one here wrote. Each section is generated by its benchmark script; rerun it to refresh the numbers.\n\n';
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  if (i !== -1 && j > i) doc = doc.slice(0, i) + section + doc.slice(j + END.length);
  else doc = `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC, doc.endsWith('\n') ? doc : `${doc}\n`);
}

// ---------------------------------------------------------------- main

function writeOutputs(results) {
  const section = markdown(results);
  const svg = chart(results);
  if (svg) writeFileSync(SVG, svg);
  writeDoc(section);
  log('bench: wrote docs/benchmarks.md and docs/benchmarks-scan.svg');
  return section;
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.fromJson) {
    const section = writeOutputs(JSON.parse(readFileSync(opts.fromJson, 'utf8')));
    process.stdout.write(`${section}\n`);
    return;
  }
  ensureDebianPackages();
  const haveRuff = ensureRuffWasm();
  const tmp = mkdtempSync(join(tmpdir(), 'threadlint-bench-'));
  const resultsDir = join(BENCH, 'results');
  mkdirSync(resultsDir, { recursive: true });
  try {
    const cli = snapshotDist(tmp);
    const hasCache = cacheSupported(cli);
    coldFlags = hasCache ? ['--no-cache'] : [];
    const results = {
      date: new Date().toISOString(),
      command: `node bench/scan.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
      options: opts,
      machine: machine(),
      haveTime: existsSync(TIME),
      versions: {
        pylint: sh('pylint', ['--version'])?.split('\n')[0]?.replace(/^pylint\s*/, '') ?? null,
        ruff: null,
      },
      scans: {},
      compare: [],
      scaling: null,
      hasCache: false,
      cache: null,
      workers: [],
      calibration: null,
      prof: null,
    };
    log(`bench: machine ${results.machine.nproc} x ${results.machine.cpuModel}, load ${results.machine.loadavgAtStart.join(' ')}`);
    const { corpora, stdlibInfo, djangoVersion } = prepareCorpora(tmp, opts.only);
    results.versions.python = stdlibInfo?.version ?? null;
    results.versions.django = djangoVersion;
    for (const c of Object.values(corpora)) log(`bench: corpus ${c.key}: ${c.files.length} files, ${c.lines} lines`);

    if (opts.calibrate) {
      log('bench: calibrating: one CPU-bound process alone vs two at once');
      results.calibration = await calibrate(opts);
      log(`bench:   alone ${f1(results.calibration.aloneMedian)} s, two at once ${f1(results.calibration.bothMedian)} s each: ${f1(results.calibration.slowdown)}x slower, ~${f1(results.calibration.effectiveCores, 1)} cores`);
    }

    // Scans, in rounds over all corpora.
    const keys = Object.keys(corpora);
    const runs = Object.fromEntries(keys.map((k) => [k, []]));
    for (let r = 0; r < opts.runs; r++) {
      for (const k of keys) {
        const res = await threadlintRun(cli, corpora[k], tmp, opts);
        runs[k].push(res);
        log(`bench: round ${r + 1}/${opts.runs} ${k}: ${f1(res.wall)} s wall, ${f1(res.cpu)} s CPU, ${f1(res.maxRssMB, 0)} MB, ${res.findings} findings (idle ${f1(res.idleBefore, 1)})`);
      }
    }
    for (const k of keys) {
      const c = corpora[k];
      const last = runs[k][runs[k].length - 1];
      results.scans[k] = { key: k, label: c.label, source: c.source, fileCount: c.files.length, lines: c.lines, bytes: c.bytes, ...summary(runs[k]), findings: last.findings, perRule: last.perRule, problems: last.problems, problemKinds: last.problemKinds, raw: runs[k] };
    }
    const sc = ['djangox1', 'djangox2', 'djangox4'].filter((k) => results.scans[k]);
    if (sc.length === 3) {
      const pts = sc.map((k) => results.scans[k]);
      results.scaling = {
        points: pts.map((p) => ({ label: p.label, files: p.fileCount, lines: p.lines, wall: p.wall, cpu: p.cpu, maxRssMB: p.maxRssMB, findings: p.findings })),
        ratio2: { wall: pts[1].wall / pts[0].wall, cpu: pts[1].cpu / pts[0].cpu },
        ratio4: { wall: pts[2].wall / pts[0].wall, cpu: pts[2].cpu / pts[0].cpu },
        wallFit: fit(pts.map((p) => ({ x: p.lines, y: p.wall }))),
        cpuFit: fit(pts.map((p) => ({ x: p.lines, y: p.cpu }))),
      };
    }

    // Comparisons: A B C A B C on the same files.
    for (const k of opts.compare) {
      const c = corpora[k];
      if (!c) {
        log(`bench: no corpus ${k} to compare on`);
        continue;
      }
      const tools = { threadlint: [], pylint: [], ruff: [] };
      const havePylint = existsSync('/usr/bin/pylint') || sh('which', ['pylint']) !== null;
      for (let r = 0; r < opts.runs; r++) {
        tools.threadlint.push(await threadlintRun(cli, c, tmp, opts));
        if (havePylint) tools.pylint.push(await pylintRun(c, tmp, opts));
        if (haveRuff) tools.ruff.push(await ruffRun(c, tmp, opts));
        const last = (t) => (tools[t].length ? `${t} ${f1(tools[t][tools[t].length - 1].wall)} s` : '');
        log(`bench: compare ${k} round ${r + 1}/${opts.runs}: ${['threadlint', 'pylint', 'ruff'].map(last).filter(Boolean).join(', ')}`);
      }
      const entry = { key: k, label: c.label, files: c.files.length, lines: c.lines, tools: {}, ratios: {} };
      for (const [t, list] of Object.entries(tools)) {
        if (list.length === 0) continue;
        const last = list[list.length - 1];
        entry.tools[t] = { ...summary(list), findings: last.findings, perRule: last.perRule, raw: list };
        if (t === 'ruff') results.versions.ruff = last.ruffVersion;
      }
      const tl = entry.tools.threadlint;
      for (const t of ['pylint', 'ruff']) {
        const s = entry.tools[t];
        if (!s) continue;
        entry.ratios[t] = { wall: s.wall / tl.wall, cpu: s.cpu / tl.cpu, rss: s.maxRssMB !== null && tl.maxRssMB ? s.maxRssMB / tl.maxRssMB : null, treeRss: s.treeRssMB / tl.treeRssMB };
      }
      results.compare.push(entry);
    }

    // Worker-thread sweep on the biggest single corpus.
    const wk = corpora.big ?? corpora.django;
    if (opts.workers && wk) {
      const settings = ['0', '1', '2'];
      const lists = Object.fromEntries(settings.map((s) => [s, []]));
      for (let r = 0; r < opts.runs; r++) {
        for (const s of settings) {
          const res = await threadlintRun(cli, wk, tmp, opts, { THREADLINT_WORKERS: s });
          lists[s].push(res);
          log(`bench: workers=${s} round ${r + 1}/${opts.runs}: ${f1(res.wall)} s wall, ${f1(res.cpu)} s CPU, ${f1(res.maxRssMB, 0)} MB`);
        }
      }
      results.workers = settings.map((s) => ({ corpus: wk.key, workers: Number(s), ...summary(lists[s]), raw: lists[s] }));
    }

    results.hasCache = hasCache;
    const ck = corpora.big ?? corpora.django;
    if (hasCache && opts.cache && ck) results.cache = await cacheBench(cli, ck, tmp, opts);

    if (opts.profile && corpora.django) {
      log('bench: profiling one in-thread Django scan');
      results.prof = await profile(cli, corpora.django, tmp, resultsDir);
    }

    const stamp = results.date.replace(/[:.]/g, '-');
    const json = `${JSON.stringify(results, null, 2)}\n`;
    writeFileSync(join(resultsDir, `scan-${stamp}.json`), json);
    writeFileSync(join(resultsDir, 'scan-latest.json'), json);
    log(`bench: raw results in bench/results/scan-${stamp}.json`);
    const section = opts.docs ? writeOutputs(results) : markdown(results);
    process.stdout.write(`${section.split('\n').filter((l) => !l.startsWith('<!--')).join('\n')}\n`);
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
    else log(`bench: corpora kept in ${tmp}`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});
