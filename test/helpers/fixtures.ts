/**
 * Fixture support for the rule tests: reads the `# expect: TL002` markers
 * written beside the Python code, lists the fixture workspaces (one folder per
 * rule under test/fixtures, linted as one group with its sub-folders), and
 * compares expected against reported findings into a readable diff.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SEVERITIES, type Finding, type Severity } from '../../server/src/core/types';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');

/** One expected finding, as written in a `# expect:` comment. */
export interface Marker {
  /** Zero-based line of the comment, which is the line the finding starts on. */
  line: number;
  code: string;
  /** Checked only when written, as in `# expect: TL009(information)`. */
  severity?: Severity;
}

const MARKER = /#\s*expect:([^#\r\n]*)/;
const ITEM = /^(TL\d{3})(?:\(([a-z]+)\))?$/;

/**
 * The markers in a file's text. A marker is `# expect: CODE[(severity)][, ...]`;
 * the list ends at the end of the line or at the next `#` (so another comment,
 * such as a pragma, may follow it). A malformed item throws, naming the line, so
 * a typo in a fixture cannot silently expect nothing.
 */
export function parseMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const match = MARKER.exec(lineText);
    if (!match) return;
    const items = match[1].split(',').map((s) => s.trim());
    if (items.length === 1 && items[0] === '') throw new Error(`line ${line + 1}: \`# expect:\` names no rule code`);
    for (const item of items) {
      const m = ITEM.exec(item);
      if (!m) throw new Error(`line ${line + 1}: bad expectation ${JSON.stringify(item)} (want TL000 or TL000(severity))`);
      const severity = m[2];
      if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) {
        throw new Error(`line ${line + 1}: unknown severity ${JSON.stringify(severity)} (one of ${SEVERITIES.join(', ')})`);
      }
      markers.push(severity === undefined ? { line, code: m[1] } : { line, code: m[1], severity: severity as Severity });
    }
  });
  return markers;
}

/** A folder under test/fixtures: all its .py files, sub-folders included, are linted together. */
export interface FixtureWorkspace {
  /** Folder name: a rule name such as `shared-mutable-mutation`, or `suppression`. */
  name: string;
  dir: string;
  /** Absolute paths of its .py files, sorted. */
  files: string[];
}

/** All .py (and mod_wsgi .wsgi) files under `dir`, recursively (skipping `__pycache__` and dot folders), sorted. */
export function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pythonFiles(full));
    else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.wsgi'))) out.push(full);
  }
  return out.sort();
}

export function listFixtureWorkspaces(root: string = FIXTURES_DIR): FixtureWorkspace[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(root, name), files: pythonFiles(join(root, name)) }));
}

/** Path relative to the workspace, with `/` separators. */
export function relPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('/');
}

/** An expectation or a finding reduced to what is compared. `line` is 1-based. */
export interface Expectation {
  file: string;
  line: number;
  code: string;
  severity?: Severity;
}

export interface Reported extends Expectation {
  severity: Severity;
  message: string;
}

/** The expectations of every file of a workspace. */
export function workspaceExpectations(ws: FixtureWorkspace): Expectation[] {
  const out: Expectation[] = [];
  for (const file of ws.files) {
    const rel = relPath(ws.dir, file);
    let markers: Marker[];
    try {
      markers = parseMarkers(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${rel}: ${(err as Error).message}`);
    }
    for (const m of markers) out.push({ file: rel, line: m.line + 1, code: m.code, ...(m.severity ? { severity: m.severity } : {}) });
  }
  return out;
}

export function toReported(dir: string, f: Finding): Reported {
  return { file: relPath(dir, f.path), line: f.range.start.line + 1, code: f.code, severity: f.severity, message: f.message };
}

export interface FindingDiff {
  missing: Expectation[];
  unexpected: Reported[];
  /** Found where expected, but with another severity than the marker asks for. */
  wrongSeverity: { expected: Expectation; actual: Reported }[];
}

const sameSpot = (e: Expectation, r: Expectation) => e.file === r.file && e.line === r.line && e.code === r.code;

/**
 * Multiset comparison. Markers with a severity are matched first (exactly),
 * then markers without one match any remaining finding at the same file, line
 * and code. Leftovers that share a spot become `wrongSeverity`.
 */
export function compareFindings(expected: readonly Expectation[], actual: readonly Reported[]): FindingDiff {
  const remaining = [...actual];
  const take = (pred: (r: Reported) => boolean): boolean => {
    const i = remaining.findIndex(pred);
    if (i < 0) return false;
    remaining.splice(i, 1);
    return true;
  };
  const missing: Expectation[] = [];
  const ordered = [...expected.filter((e) => e.severity), ...expected.filter((e) => !e.severity)];
  for (const e of ordered) {
    if (!take((r) => sameSpot(e, r) && (!e.severity || r.severity === e.severity))) missing.push(e);
  }
  const wrongSeverity: FindingDiff['wrongSeverity'] = [];
  const stillMissing: Expectation[] = [];
  for (const e of missing) {
    const i = remaining.findIndex((r) => sameSpot(e, r));
    if (i >= 0) wrongSeverity.push({ expected: e, actual: remaining.splice(i, 1)[0] });
    else stillMissing.push(e);
  }
  const order = (a: Expectation, b: Expectation) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code);
  return { missing: stillMissing.sort(order), unexpected: remaining.sort(order), wrongSeverity };
}

export function isEmptyDiff(diff: FindingDiff): boolean {
  return diff.missing.length === 0 && diff.unexpected.length === 0 && diff.wrongSeverity.length === 0;
}

/**
 * The diff as text, one line per difference with the source line under it:
 *   missing     bad_containers.py:24 TL002
 *   unexpected  ok_locked.py:19 TL002 (warning) "message"
 * `source(file, line)` returns the text of a 1-based line of a workspace file.
 */
export function formatDiff(diff: FindingDiff, source: (file: string, line: number) => string | undefined): string {
  const lines: string[] = [];
  const code = (file: string, line: number) => {
    const text = source(file, line);
    if (text !== undefined) lines.push(`      | ${text.trim()}`);
  };
  const sev = (s?: Severity) => (s ? `(${s})` : '');
  for (const e of diff.missing) {
    lines.push(`  missing     ${e.file}:${e.line} ${e.code}${sev(e.severity)}`);
    code(e.file, e.line);
  }
  for (const r of diff.unexpected) {
    lines.push(`  unexpected  ${r.file}:${r.line} ${r.code} (${r.severity}) ${JSON.stringify(r.message)}`);
    code(r.file, r.line);
  }
  for (const { expected, actual } of diff.wrongSeverity) {
    lines.push(`  severity    ${expected.file}:${expected.line} ${expected.code}: expected ${expected.severity}, got ${actual.severity} ${JSON.stringify(actual.message)}`);
    code(expected.file, expected.line);
  }
  return lines.join('\n');
}

/** Reads 1-based lines of a workspace's files, caching each file. */
export function sourceReader(dir: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(join(dir, file), 'utf8').split(/\r\n|\r|\n/));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file)?.[line - 1];
  };
}
