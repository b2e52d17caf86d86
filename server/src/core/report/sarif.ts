/**
 * The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers:
 * one run whose driver lists every registered rule (`sarifRuleTable`), results
 * with 1-based regions and URIs relative to the `ROOT` base (the working
 * folder), related locations, and skipped files as tool execution
 * notifications.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, RULES } from '../rules';
import type { FileProblem, Finding, Range, Severity } from '../types';
import { displayPath } from './text';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/threadlint/threadlint';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

let cachedVersion: string | undefined;

/** threadlint's version, read from the package.json above this file (or above the bundle in dist/). */
export function threadlintVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'threadlint' && pkg.version) return (cachedVersion = pkg.version);
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) return (cachedVersion = '0.0.0');
  }
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

/** One entry per registered rule, in registry order (a result's `ruleIndex` points into it). */
export function sarifRuleTable(): SarifRule[] {
  return RULES.map((rule) => {
    const url = docsUrl(rule);
    return {
      id: rule.code,
      name: rule.name,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.summary },
      helpUri: url,
      help: { text: `${rule.summary} See ${url}`, markdown: `${rule.summary}\n\n[${rule.code} ${rule.name}](${url})` },
      defaultConfiguration: { level: sarifLevel(rule.severity) },
      properties: { tags: ['thread-safety', 'concurrency'] },
    };
  });
}

function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const shown = displayPath(path, cwd);
  if (shown === path) return { uri: pathToFileURL(path).href };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' };
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function toSarif(findings: readonly Finding[], problems: readonly FileProblem[], options: { cwd: string }) {
  const rules = sarifRuleTable();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const rootUri = pathToFileURL(options.cwd).href.replace(/\/?$/, '/');
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'threadlint',
            informationUri: INFORMATION_URI,
            version: threadlintVersion(),
            semanticVersion: threadlintVersion(),
            rules,
          },
        },
        originalUriBaseIds: { ROOT: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: problems.map((p) => ({
              level: p.kind === 'skipped' ? 'warning' : 'note',
              message: { text: `${p.kind === 'skipped' ? 'Skipped' : 'Analysed only in part'}: ${p.reason}` },
              descriptor: { id: p.kind },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.path, options.cwd) } }],
            })),
          },
        ],
        results: findings.map((f) => ({
          ruleId: f.code,
          ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [
            { physicalLocation: { artifactLocation: artifactLocation(f.path, options.cwd), region: region(f.range) } },
          ],
          ...(f.related.length > 0
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i + 1,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: artifactLocation(r.path, options.cwd), region: region(r.range) },
                })),
              }
            : {}),
        })),
      },
    ],
  };
}

export function formatSarif(findings: readonly Finding[], problems: readonly FileProblem[], options: { cwd: string }): string {
  return `${JSON.stringify(toSarif(findings, problems, options), null, 2)}\n`;
}
