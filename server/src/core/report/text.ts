/**
 * The human-readable report, Ruff-like: one `path:line:col: CODE message` line
 * per finding (paths relative to the working folder, 1-based positions), the
 * files that were skipped, then a summary line. Also the `--statistics` table.
 * Colour is applied only when the caller asks for it.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { findRule } from '../rules';
import { characterColumn, textLines } from './columns';
import type { FileProblem, Finding, Severity } from '../types';

export interface TextOptions {
  cwd: string;
  /** ANSI colours; the CLI decides from TTY, NO_COLOR and FORCE_COLOR. */
  color?: boolean;
  /** The summary lines at the end (default true; `--quiet` turns them off). */
  summary?: boolean;
  /**
   * `--format full`: the text of a file, to show each finding in its source (two lines around
   * it, the range underlined) with its related locations; undefined when it cannot be read.
   */
  source?: (path: string) => string | undefined;
}

/** Lines shown before and after the first line of a finding in `--format full`. */
const CONTEXT_LINES = 2;

/** `path` relative to `cwd` with forward slashes when it lies inside `cwd`, otherwise unchanged. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

const ANSI = { bold: 1, dim: 2, red: 31, yellow: 33, blue: 34, cyan: 36, green: 32 } as const;
type Style = keyof typeof ANSI;

function painter(enabled: boolean) {
  return (text: string, ...styles: Style[]) =>
    enabled && styles.length > 0 ? `\x1b[${styles.map((s) => ANSI[s]).join(';')}m${text}\x1b[0m` : text;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

export function formatText(findings: readonly Finding[], problems: readonly FileProblem[], options: TextOptions): string {
  const paint = painter(options.color ?? false);
  const lines: string[] = [];
  const colon = paint(':', 'cyan');
  for (const f of findings) {
    // With the source at hand (`full`), the column in characters, as the other formats give it (report/columns.ts).
    const text = options.source?.(f.path);
    const column = text !== undefined && /[\uD800-\uDFFF]/.test(text) ? characterColumn(textLines(text)[f.range.start.line], f.range.start.character) : f.range.start.character;
    const where = `${paint(displayPath(f.path, options.cwd), 'bold')}${colon}${f.range.start.line + 1}${colon}${column + 1}${colon}`;
    lines.push(`${where} ${paint(f.code, 'bold', SEVERITY_STYLE[f.severity])} ${f.message}`);
    if (options.source) lines.push(...sourceFrame(f, options.source, options.cwd, paint));
  }
  for (const p of problems) {
    lines.push(`${paint(displayPath(p.path, options.cwd), 'bold')}${colon} ${paint(p.kind, p.kind === 'skipped' ? 'red' : 'yellow')}${colon} ${p.reason}`);
  }
  if (options.summary ?? true) {
    const summary = summaryLine(findings);
    lines.push(findings.length === 0 ? paint(summary, 'green') : paint(summary, 'bold'));
    const problemLine = problemSummary(problems);
    if (problemLine) lines.push(problemLine);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * A finding in its source, as Ruff's `full` output shows it: the line numbers in a gutter, the
 * first line of the range underlined with `^` and the rule code, then its related locations.
 */
function sourceFrame(f: Finding, source: (path: string) => string | undefined, cwd: string, paint: ReturnType<typeof painter>): string[] {
  const out: string[] = [];
  const text = source(f.path);
  const fileLines = text === undefined ? undefined : splitLines(text);
  const row = f.range.start.line;
  const shown = fileLines !== undefined && row < fileLines.length;
  const last = shown ? Math.min(fileLines.length - 1, row + CONTEXT_LINES) : 0;
  const width = String(last + 1).length;
  if (shown) {
    const first = Math.max(0, row - CONTEXT_LINES);
    const gutter = (label: string) => paint(`${label.padStart(width)} |`, 'blue', 'bold');
    out.push(gutter(''));
    for (let i = first; i <= last; i++) {
      const line = expandTabs(fileLines[i]);
      out.push(line === '' ? gutter(String(i + 1)) : `${gutter(String(i + 1))} ${line}`);
      if (i !== row) continue;
      const raw = fileLines[i];
      const start = expandTabs(raw.slice(0, f.range.start.character)).length;
      const endChar = f.range.end.line === row ? f.range.end.character : raw.length;
      const end = Math.max(start + 1, expandTabs(raw.slice(0, endChar)).length);
      out.push(`${gutter('')} ${' '.repeat(start)}${paint(`${'^'.repeat(end - start)} ${f.code}`, 'bold', SEVERITY_STYLE[f.severity])}`);
    }
    out.push(gutter(''));
  }
  for (const r of f.related) {
    const at = `${displayPath(r.path, cwd)}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
    out.push(`${' '.repeat(width)} ${paint('=', 'blue', 'bold')} ${paint('related', 'bold')}: ${r.message} (${at})`);
  }
  out.push('');
  return out;
}

/** Lines as tree-sitter counts rows (at `\n`), without their `\r` (and no empty line after a final line break). */
function splitLines(text: string): string[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** `Found 3 findings (2 warnings, 1 information) in 2 files.` or `All checks passed!` */
export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'All checks passed!';
  const bySeverity = new Map<Severity, number>();
  for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const parts: string[] = [];
  for (const severity of ['error', 'warning', 'information', 'hint'] as const) {
    const n = bySeverity.get(severity);
    if (n) parts.push(severity === 'information' ? `${n} information` : plural(n, severity));
  }
  const files = new Set(findings.map((f) => f.path)).size;
  return `Found ${plural(findings.length, 'finding')} (${parts.join(', ')}) in ${plural(files, 'file')}.`;
}

function problemSummary(problems: readonly FileProblem[]): string | undefined {
  const skipped = new Set(problems.filter((p) => p.kind === 'skipped').map((p) => p.path)).size;
  const partial = new Set(problems.filter((p) => p.kind === 'partial').map((p) => p.path)).size;
  const parts: string[] = [];
  if (skipped) parts.push(`${plural(skipped, 'file')} skipped`);
  if (partial) parts.push(`${plural(partial, 'file')} analysed only in part`);
  return parts.length > 0 ? `${parts.join(', ')}.` : undefined;
}

export interface RuleCount {
  code: string;
  name: string;
  count: number;
}

/** Findings per rule, most frequent first, then by code. */
export function ruleStatistics(findings: readonly Finding[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const f of findings) {
    const entry = counts.get(f.code) ?? { code: f.code, name: findRule(f.code)?.name ?? f.rule, count: 0 };
    entry.count++;
    counts.set(f.code, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The `--statistics` table: `count  CODE  rule-name`, one line per rule that has findings. */
export function formatStatistics(findings: readonly Finding[], options: { color?: boolean } = {}): string {
  const paint = painter(options.color ?? false);
  const rows = ruleStatistics(findings);
  if (rows.length === 0) return '';
  const countWidth = Math.max(...rows.map((r) => String(r.count).length));
  const codeWidth = Math.max(...rows.map((r) => r.code.length));
  return rows
    .map((r) => `${String(r.count).padStart(countWidth)}  ${paint(r.code.padEnd(codeWidth), 'bold')}  ${r.name}\n`)
    .join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
