/**
 * GitHub Actions workflow commands: one `::warning file=...,line=...::message`
 * annotation per finding (`::error` for errors, `::notice` for information and
 * hints), escaped per the workflow-command rules. Related locations are added
 * as extra lines of the message; skipped files become warnings on the file.
 */
import type { FileProblem, Finding, Severity } from '../types';
import { displayPath } from './text';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=`, `title=`): the data escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function properties(props: [string, string | number][]): string {
  return props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
}

export function formatGithub(findings: readonly Finding[], problems: readonly FileProblem[], options: { cwd: string }): string {
  const lines: string[] = [];
  for (const f of findings) {
    const props = properties([
      ['file', displayPath(f.path, options.cwd)],
      ['line', f.range.start.line + 1],
      ['col', f.range.start.character + 1],
      ['endLine', f.range.end.line + 1],
      ['endColumn', f.range.end.character + 1],
      ['title', `${f.code} ${f.rule}`],
    ]);
    const related = f.related.map(
      (r) => `\n${displayPath(r.path, options.cwd)}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`,
    );
    lines.push(`::${COMMAND[f.severity]} ${props}::${escapeData(f.message + related.join(''))}`);
  }
  for (const p of problems) {
    const props = properties([
      ['file', displayPath(p.path, options.cwd)],
      ['title', p.kind === 'skipped' ? 'threadlint skipped this file' : 'threadlint analysed this file only in part'],
    ]);
    lines.push(`::warning ${props}::${escapeData(p.reason)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
