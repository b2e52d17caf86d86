/**
 * Findings of the analysis core as LSP diagnostics: code, link to the rule's
 * documentation, severity, related locations, and `data` carrying what code
 * actions need. Finding ranges are already zero-based UTF-16 positions, so
 * they pass through unchanged.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { docsUrl, findRule } from '../core/rules';
import type { Finding, Severity } from '../core/types';
import { SOURCE, type DiagnosticData } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, uriOf: (path: string) => string, version: number | null): Diagnostic {
  const rule = findRule(finding.code);
  const docs = rule ? docsUrl(rule) : '';
  const data: DiagnosticData = { code: finding.code, rule: finding.rule, docs, line: finding.range.start.line, version };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    source: SOURCE,
    message: finding.message,
    data,
  };
  if (docs) diagnostic.codeDescription = { href: docs };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: uriOf(r.path), range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** Reads `Diagnostic.data` back, tolerating diagnostics from older servers or other sources. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  const code = typeof data?.code === 'string' ? data.code : typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!code) return undefined;
  const rule = findRule(code);
  if (!rule) return undefined;
  return {
    code: rule.code,
    rule: rule.name,
    docs: docsUrl(rule),
    line: typeof data?.line === 'number' ? data.line : diagnostic.range.start.line,
    version: typeof data?.version === 'number' ? data.version : null,
  };
}
