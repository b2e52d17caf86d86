/**
 * The JSON report: an array with one object per finding, shaped like Ruff's
 * `--output-format json` (absolute `filename`, 1-based `location` and
 * `end_location`) plus the severity, the related locations and the rule's
 * documentation URL. Skipped files are not part of the array; the CLI prints
 * them on stderr.
 */
import { docsUrl, findRule } from '../rules';
import type { FileProblem, Finding, Position, Severity } from '../types';

export interface JsonLocation {
  row: number;
  column: number;
}

export interface JsonRelated {
  filename: string;
  location: JsonLocation;
  end_location: JsonLocation;
  message: string;
}

export interface JsonFinding {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  filename: string;
  location: JsonLocation;
  end_location: JsonLocation;
  related: JsonRelated[];
  url: string | null;
}

function location(position: Position): JsonLocation {
  return { row: position.line + 1, column: position.character + 1 };
}

export function toJsonFindings(findings: readonly Finding[]): JsonFinding[] {
  return findings.map((f) => {
    const rule = findRule(f.code);
    return {
      code: f.code,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      filename: f.path,
      location: location(f.range.start),
      end_location: location(f.range.end),
      related: f.related.map((r) => ({
        filename: r.path,
        location: location(r.range.start),
        end_location: location(r.range.end),
        message: r.message,
      })),
      url: rule ? docsUrl(rule) : null,
    };
  });
}

export function formatJson(findings: readonly Finding[], _problems: readonly FileProblem[], _options: { cwd: string }): string {
  return `${JSON.stringify(toJsonFindings(findings), null, 2)}\n`;
}
