/**
 * The bundled example project (examples/djangoapp) is the README's first
 * command: scanning it must report exactly the hazards its `# expect:` markers
 * plant, nothing in the safe files, and the same set in every output format.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareFindings, formatDiff, isEmptyDiff, pythonFiles, relPath, sourceReader, workspaceExpectations, type Reported } from './helpers/fixtures';

const repo = join(__dirname, '..');
const example = join(repo, 'examples', 'djangoapp');
const cli = join(repo, 'dist', 'cli.js');

function check(format: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [cli, 'check', example, '--format', format, '--no-progress'], { cwd: repo, encoding: 'utf8' });
}

// Migrations are excluded by the example's pyproject.toml, so their markers (if any) do not count.
const files = pythonFiles(example).filter((f) => !f.includes('/migrations/'));
const expected = workspaceExpectations({ name: 'djangoapp', dir: example, files });

function assertSame(reported: Reported[]): void {
  const diff = compareFindings(expected, reported);
  assert.ok(isEmptyDiff(diff), formatDiff(diff, sourceReader(example)));
}

test('the example plants every rule at least once', () => {
  const codes = new Set(expected.map((e) => e.code));
  for (let i = 1; i <= 12; i++) assert.ok(codes.has(`TL${String(i).padStart(3, '0')}`), `no planted TL${String(i).padStart(3, '0')}`);
});

test('text output reports exactly the planted hazards', () => {
  const r = check('text');
  assert.equal(r.status, 1, r.stderr);
  const reported: Reported[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?):(\d+):(\d+): (TL\d{3}) (.*)$/.exec(line);
    if (m) reported.push({ file: relPath(example, join(repo, m[1])), line: Number(m[2]), code: m[4], severity: 'warning', message: m[5] });
  }
  // Text output carries no severity; compare without it.
  const diff = compareFindings(expected.map(({ severity: _s, ...e }) => e), reported);
  assert.ok(isEmptyDiff(diff), formatDiff(diff, sourceReader(example)));
});

test('JSON output reports exactly the planted hazards, with severities', () => {
  const r = check('json');
  assert.equal(r.status, 1, r.stderr);
  const items = JSON.parse(r.stdout) as { code: string; severity: Reported['severity']; message: string; filename: string; location: { row: number } }[];
  assertSame(items.map((i) => ({ file: relPath(example, i.filename), line: i.location.row, code: i.code, severity: i.severity, message: i.message })));
});

test('SARIF output reports exactly the planted hazards', () => {
  const r = check('sarif');
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  const base = log.runs[0].originalUriBaseIds.ROOT.uri as string;
  const reported: Reported[] = log.runs[0].results.map((res: any) => {
    const loc = res.locations[0].physicalLocation;
    const abs = decodeURIComponent(new URL(loc.artifactLocation.uri, base).pathname);
    const severity = res.level === 'warning' ? 'warning' : res.level === 'error' ? 'error' : 'information';
    return { file: relPath(example, abs), line: loc.region.startLine, code: res.ruleId, severity, message: res.message.text };
  });
  assertSame(reported);
});

test('GitHub annotations report exactly the planted hazards', () => {
  const r = check('github');
  assert.equal(r.status, 1, r.stderr);
  const reported: Reported[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^::(warning|notice|error) file=([^,]+),line=(\d+),.*title=(TL\d{3})/.exec(line);
    if (m) reported.push({ file: relPath(example, join(repo, m[2])), line: Number(m[3]), code: m[4], severity: m[1] === 'notice' ? 'information' : 'warning', message: '' });
  }
  assertSame(reported.filter((x) => x.code));
});

test('the safe files of the example produce no finding', () => {
  const r = check('json');
  const items = JSON.parse(r.stdout) as { filename: string }[];
  for (const safe of ['safe_cache.py', 'safe_state.py', 'safe_views.py', 'manage.py']) {
    assert.ok(!items.some((i) => i.filename.endsWith(safe)), `${safe} has findings`);
  }
  assert.ok(readFileSync(join(example, 'shop', 'safe_cache.py'), 'utf8').length > 0);
});
