/**
 * Python names that are also names of JavaScript's Object.prototype members
 * (`constructor`, `toString`, `__proto__`, ...) are analysed like any other
 * name: the same project written with such a name and with a plain one gives
 * the same findings, on the calling thread, on worker threads and when the
 * summaries come back from the cache. (PyYAML's constructor.py once made the
 * per-file pass throw, and a class attribute named `valueOf` the cross-file one.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { lint } from '../server/src/core/lint';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { CLI, ensureBuilt } from './helpers/robustness';

ensureBuilt();

const NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z_]\w*$/.test(n));
const PLAIN = 'plain_name';

/** One package per name; `N` stands for the name in every place a name can be. */
const TEMPLATE: Record<string, string> = {
  '__init__.py': '',
  'state.py': `import threading

N = {}
_lock = threading.Lock()


class Box:
    N = []

    def add(self, key):
        self.N.append(key)
        Box.N.append(key)


class Service:
    def __init__(self, get_response):
        self.get_response = get_response

    def N(self, request):
        return self.get_response(request)

    def __call__(self, request):
        self.last = request.user
        return self.N(request)


def remember(key, value):
    N[key] = value


def guarded(key):
    with _lock:
        N[key] = 1
        _under_lock(key)


def _under_lock(key):
    N.pop(key, None)
`,
  'views.py': `from . import state
from .state import N

counter = 0
latest = None


def view(request):
    N[request.path] = 1
    state.N.pop(request.path, None)


def bump(N):
    global counter, latest
    counter += N
    latest = N(counter)
`,
  'N.py': `REGISTRY = {}
`,
  'uses_module.py': `from . import N
from .N import REGISTRY


def handler(key):
    N.REGISTRY[key] = 1
    REGISTRY.pop(key, None)
`,
  'other.py': `CACHE = {}


def handler(N, key):
    N(key)
    CACHE[key] = 1
    if key not in CACHE:
        CACHE[key] = N
`,
};

function write(root: string, pkg: string, name: string): void {
  for (const [file, text] of Object.entries(TEMPLATE)) {
    const path = join(root, pkg, file.replace(/^N\.py$/, `${name}.py`));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text.replace(/\bN\b/g, name));
  }
}

type Row = [file: string, line: number, column: number, code: string, severity: string];

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-names-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('Python names that JavaScript objects also have', () => {
  const root = join(tmp, 'all');
  const packages = new Map<string, string>([[PLAIN, 'p_plain']]);
  NAMES.forEach((n, i) => packages.set(n, `p${i}`));
  for (const [name, pkg] of packages) write(root, pkg, name);

  async function inThread(pkg: string): Promise<Row[]> {
    const name = [...packages].find(([, p]) => p === pkg)![0];
    const files = Object.keys(TEMPLATE).map((f) => ({ path: join(root, pkg, f.replace(/^N\.py$/, `${name}.py`)) }));
    const result = await lint(files, { settings: DEFAULT_SETTINGS, workers: 0 });
    assert.deepEqual(result.problems, [], `${pkg}: files not analysed`);
    return result.findings.map((f) => [basename(f.path).replace(`${name}.py`, 'N.py'), f.range.start.line, f.range.start.character, f.code, f.severity] as Row).sort();
  }

  test('the plain-name project has findings of several rules (the comparison means something)', async () => {
    const rows = await inThread('p_plain');
    const codes = new Set(rows.map((r) => r[3]));
    assert.deepEqual(rows.filter((r) => r[0] === 'uses_module.py').map((r) => r[3]), ['TL002', 'TL002'], 'the module named after the name is resolved');
    for (const code of ['TL001', 'TL002', 'TL003', 'TL005', 'TL006', 'TL007']) assert.ok(codes.has(code), `no ${code} in ${[...codes].join(', ')}`);
  });

  test('each name gives the plain name\'s findings (calling thread)', async () => {
    const plain = await inThread('p_plain');
    for (const name of NAMES) assert.deepEqual(await inThread(packages.get(name)!), plain, `with the name ${name}`);
  });

  test('each name gives the plain name\'s findings on worker threads and from the cache', () => {
    const byPackage = (stdout: string) => {
      const out = new Map<string, Row[]>();
      for (const f of JSON.parse(stdout) as { filename: string; location: { row: number; column: number }; code: string; severity: string }[]) {
        const pkg = basename(dirname(f.filename));
        if (!out.has(pkg)) out.set(pkg, []);
        out.get(pkg)!.push([basename(f.filename).replace(/^.*(?<!uses_module|other|state|views|__init__)\.py$/, 'N.py'), f.location.row - 1, f.location.column - 1, f.code, f.severity]);
      }
      for (const rows of out.values()) rows.sort();
      return out;
    };
    const check = (label: string) => {
      // THREADLINT_WORKERS forces two threads (the project is below the size that starts them by itself).
      const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: root, encoding: 'utf8', env: { ...process.env, THREADLINT_WORKERS: '2' }, timeout: 120_000 });
      assert.equal(run.status, 1, `${label}: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /skipped|internal error/, label);
      const found = byPackage(run.stdout);
      const plain = found.get('p_plain');
      assert.ok(plain && plain.length > 0, `${label}: no findings for the plain name`);
      for (const name of NAMES) assert.deepEqual(found.get(packages.get(name)!), plain, `${label}: with the name ${name}`);
    };
    check('worker threads, writing the cache');
    // One changed file: the others' summaries are read back from the cache.
    writeFileSync(join(root, 'p_plain', 'other.py'), TEMPLATE['other.py'].replace(/\bN\b/g, PLAIN) + '\n# edited\n');
    check('summaries from the cache');
  });
});
