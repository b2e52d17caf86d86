/**
 * What the threadlint language server and its clients agree on, declared once:
 * command ids, the `threadlint.*` editor settings the server pulls, the shape
 * of a diagnostic's `data` and of the workspace-scan result. Plain types and
 * constants only, so the VS Code client and the tests can import it too.
 */
import type { FrameworkProfile, Severity } from '../core/types';

/** Commands the server executes (`workspace/executeCommand`). `threadlint.restart` and `threadlint.showOutput` belong to the client. */
export const ServerCommands = {
  scanWorkspace: 'threadlint.scanWorkspace',
  showRuleDocumentation: 'threadlint.showRuleDocumentation',
  /** Arguments: `{ uri, version? }` of an open document; applies its safe fixes through `workspace/applyEdit`. */
  applyFixAll: 'threadlint.applyFixAll',
} as const;

/** The result of `threadlint.applyFixAll`. */
export interface FixAllResult {
  /** Findings the applied edit fixes (0: nothing to fix, or the edit was not applied). */
  fixed: number;
  /** Whether the client applied the edit. */
  applied: boolean;
  /** Why nothing was applied, when nothing was. */
  reason?: string;
}

/** The diagnostic `source`. */
export const SOURCE = 'threadlint';

/** The `workspace/configuration` section the server pulls per resource. */
export const SETTINGS_SECTION = 'threadlint';

/**
 * `threadlint.*` editor settings, after validation. Editor settings win over
 * `[tool.threadlint]` in pyproject.toml wherever they are set ("editor first",
 * like Ruff's default `configurationPreference`); see `mergeSettings`.
 */
export interface EditorSettings {
  /** `false` turns diagnostics off for the resource. */
  enable: boolean;
  /** Non-empty: a new rule selection that replaces pyproject's `select` and `ignore` (as `--select` does on the command line). */
  select: string[];
  /** Rule selectors skipped on top of the selection. */
  ignore: string[];
  /** Severity per rule code or name; merged over pyproject's `[tool.threadlint.severity]`. */
  severity: Record<string, Severity>;
  /** Globs relative to the workspace folder, skipped on top of pyproject's `exclude`. */
  exclude: string[];
  /** A framework profile; `null` or "auto" keeps pyproject's (or automatic detection). */
  framework: FrameworkProfile | null;
  /** Milliseconds between the last keystroke and the analysis; 0 analyses at once. */
  diagnosticsDelay: number;
}

export const DEFAULT_EDITOR_SETTINGS: Readonly<EditorSettings> = {
  enable: true,
  select: [],
  ignore: [],
  severity: {},
  exclude: [],
  framework: null,
  diagnosticsDelay: 150,
};

/**
 * `Diagnostic.data`: what a code action needs without re-running analysis.
 * Quick fixes (the quick-fix issue) extend this with their edits.
 */
export interface DiagnosticData {
  code: string;
  rule: string;
  /** The rule's documentation page. */
  docs: string;
  /** The line a `# threadlint: ignore[CODE]` pragma must sit on (the finding's first line). */
  line: number;
  /** The document version the diagnostic was computed for; null for files that are not open. */
  version: number | null;
}

/** The result of `threadlint.scanWorkspace`, also summarised in a `window/showMessage`. */
export interface ScanResult {
  cancelled: boolean;
  /** Python files analysed. */
  files: number;
  /** Files that could not be analysed (binary, too large, unreadable, ...). */
  skipped: number;
  findings: number;
  /** Files with at least one finding. */
  filesWithFindings: number;
  /** Findings per rule code. */
  byRule: Record<string, number>;
  durationMs: number;
}
