#!/usr/bin/env node
/**
 * Fix-all on real code (a script, not a test): copies Django from Debian's
 * python3-django (/usr/lib/python3/dist-packages/django) to a temporary
 * folder, runs `threadlint check --fix` there (and, on a second copy,
 * `--fix --unsafe-fixes`), then compiles every file with CPython and prints
 * the number of findings fixed per rule, the findings left, the files and
 * lines changed, and whether every file still compiles.
 *
 * Usage: npm run build && node bench/fix-django.mjs [--source DIR] [--safe-only] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SOURCE = opt('--source') ?? '/usr/lib/python3/dist-packages/django';
const safeOnly = args.includes('--safe-only');
const keep = args.includes('--keep');

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
if (!existsSync(SOURCE)) {
  console.error(`${SOURCE} not found (apt-get install python3-django)`);
  process.exit(2);
}

/** Files that do not compile, as `path: error` lines (relative to `dir`). */
const COMPILE = `
import os, sys
root = sys.argv[1]
bad = []
count = 0
for folder, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if d != '__pycache__']
    for name in files:
        if not name.endswith('.py'):
            continue
        path = os.path.join(folder, name)
        count += 1
        try:
            with open(path, 'rb') as fh:
                compile(fh.read(), path, 'exec', dont_inherit=True)
        except SyntaxError as err:
            bad.append(f"{os.path.relpath(path, root)}:{err.lineno}: {err.msg}")
print(count)
print("\\n".join(bad))
`;

function compileAll(dir) {
  const r = spawnSync('python3', ['-c', COMPILE, dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const [count, ...bad] = r.stdout.trim().split('\n');
  return { count: Number(count), bad: bad.filter(Boolean) };
}

function statistics(dir) {
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--statistics', '--format', 'json', '--no-cache', '--no-progress', '--exit-zero'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const byRule = {};
  for (const row of JSON.parse(r.stdout)) byRule[row.code] = row.count;
  return byRule;
}

function diffStat(original, fixed) {
  const r = spawnSync('git', ['diff', '--no-index', '--numstat', original, fixed], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let files = 0;
  let added = 0;
  let removed = 0;
  for (const line of r.stdout.split('\n')) {
    const m = /^(\d+)\t(\d+)\t/.exec(line);
    if (!m) continue;
    files++;
    added += Number(m[1]);
    removed += Number(m[2]);
  }
  return { files, added, removed };
}

function run(label, extra) {
  const work = mkdtempSync(join(tmpdir(), 'threadlint-fix-django-'));
  const dir = join(work, 'django');
  cpSync(SOURCE, dir, { recursive: true, dereference: false });
  const before = compileAll(dir);
  const findingsBefore = statistics(dir);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--fix', ...extra, '--no-cache', '--no-progress', '--exit-zero', '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`threadlint exited ${r.status}: ${r.stderr}`);
  const after = compileAll(dir);
  // Idempotent: a second pass finds nothing more to change (`--diff` exits 0).
  const again = spawnSync(process.execPath, [CLI, 'check', dir, '--diff', ...extra, '--no-cache', '--no-progress', '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const findingsAfter = statistics(dir);
  // The summary line threadlint prints on stderr without --quiet is recomputed here from the counts.
  const fixed = {};
  for (const code of Object.keys(findingsBefore)) {
    const n = (findingsBefore[code] ?? 0) - (findingsAfter[code] ?? 0);
    if (n !== 0) fixed[code] = n;
  }
  const stat = diffStat(SOURCE, dir);
  const newlyBroken = after.bad.filter((b) => !before.bad.includes(b));
  console.log(`\n## ${label}: threadlint check --fix ${extra.join(' ')}`.trimEnd());
  console.log(`files: ${after.count}; fix-all took ${seconds.toFixed(1)} s`);
  console.log(`changed: ${stat.files} files, +${stat.added} -${stat.removed} lines`);
  console.log('findings fixed per rule (before -> after):');
  const codes = [...new Set([...Object.keys(findingsBefore), ...Object.keys(findingsAfter)])].sort();
  for (const code of codes) {
    const b = findingsBefore[code] ?? 0;
    const a = findingsAfter[code] ?? 0;
    console.log(`  ${code}  ${String(b - a).padStart(4)} fixed   (${b} -> ${a})`);
  }
  const total = (o) => Object.values(o).reduce((x, y) => x + y, 0);
  console.log(`  all    ${String(total(findingsBefore) - total(findingsAfter)).padStart(4)} fixed   (${total(findingsBefore)} -> ${total(findingsAfter)})`);
  console.log(`compile: ${after.count - after.bad.length}/${after.count} files compile (before the fix: ${before.count - before.bad.length}/${before.count})`);
  console.log(`second pass: ${again.status === 0 ? 'no changes (idempotent)' : `would change more:\n${again.stdout.slice(0, 4000)}`}`);
  if (newlyBroken.length > 0) {
    console.log('NEWLY BROKEN:');
    for (const b of newlyBroken) console.log(`  ${b}`);
  }
  if (keep) console.log(`kept: ${dir}`);
  else rmSync(work, { recursive: true, force: true });
  return newlyBroken.length === 0 && again.status === 0;
}

let ok = run('safe fixes', []);
if (!safeOnly) ok = run('safe and unsafe fixes', ['--unsafe-fixes']) && ok;
process.exit(ok ? 0 : 1);
