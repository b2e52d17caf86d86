/**
 * Shared data types of the analysis core: positions, findings, rule metadata
 * and the settings that drive one lint run. Nothing here knows about LSP or the
 * CLI; both front ends translate these plain objects into their own formats.
 */

/** A zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A second location that explains a finding: the shared object's definition, the lock, the request source. */
export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export interface Finding {
  /** Stable rule code, e.g. `TL002`. */
  code: string;
  /** Kebab-case rule name, e.g. `shared-mutable-mutation`. */
  rule: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the finding is in. */
  path: string;
  range: Range;
  related: RelatedLocation[];
  /** Quick fixes, computed by the core (`lint(..., { fixes: true })`); absent when not asked for or none apply. */
  fixes?: Fix[];
}

/** A replacement of `range` (in the file's current text) by `newText`; an empty range inserts. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * One quick fix: text edits on one or more files. `safe` fixes keep the
 * behaviour of single-threaded code unchanged and are applied by fix-all and
 * `--fix`; `unsafe` ones change behaviour and are only offered (or applied
 * with `--unsafe-fixes`). Suppressions (`kind: 'suppression'`) are never
 * applied by fix-all.
 */
export interface Fix {
  title: string;
  safety: 'safe' | 'unsafe';
  /** The fix an editor should show first (and the one fix-all applies for the finding). */
  isPreferred?: boolean;
  /** `fix` (default) changes the code; `suppression` adds a pragma. */
  kind?: 'fix' | 'suppression';
  edits: { path: string; edits: TextEdit[] }[];
}

/** A file that was not analysed, or only partly. */
export interface FileProblem {
  path: string;
  /** `skipped`: not analysed at all; `partial`: analysed, but parts could not be parsed. */
  kind: 'skipped' | 'partial';
  reason: string;
}

export type FrameworkProfile = 'auto' | 'django' | 'flask' | 'none';

/** Settings that shape the analysis of one group of files (one project). */
export interface LintSettings {
  /** Rule codes or names to run; empty means all. Prefixes such as `TL0` are allowed. */
  select: string[];
  /** Rule codes or names to skip. */
  ignore: string[];
  /** Severity overrides by rule code. */
  severity: Record<string, Severity>;
  framework: FrameworkProfile;
  /** Extra dotted names of callables that create lock objects (e.g. `mylib.locks.make_lock`). */
  lockFactories: string[];
  /** Extra dotted names of types whose instances are safe to share (e.g. `mylib.SafeCache`). */
  threadSafeTypes: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileBytes: number;
  /** Rules skipped in some files only (`[tool.threadlint.per-file-ignores]`), in the order written. */
  perFileIgnores: PerFileIgnore[];
  /**
   * The console scripts the project's pyproject.toml declares (`[project.scripts]`,
   * `[project.gui-scripts]`, `[tool.poetry.scripts]`), and the `setup.cfg` beside it, as
   * `module:attr`: command-line code (analysis/entryPoints.ts). Not from `[tool.threadlint]`.
   */
  consoleScripts: string[];
  /** pbr's `wsgi_scripts` from the `setup.cfg` beside that pyproject.toml (`module:attr`): application factories, start-up code. */
  appFactories: string[];
}

/** One entry of `per-file-ignores`: the rules `ignore` names are not reported in the files `glob` matches. */
export interface PerFileIgnore {
  /** Absolute folder the glob is relative to: the pyproject.toml's. */
  root: string;
  /** The glob as written; with a leading `!`, the entry applies to the files the rest does not match. */
  glob: string;
  /** Rule codes, prefixes, names or `ALL`. */
  ignore: string[];
}

export const DEFAULT_SETTINGS: LintSettings = {
  select: [],
  ignore: [],
  severity: {},
  framework: 'auto',
  lockFactories: [],
  threadSafeTypes: [],
  maxFileBytes: 4 * 1024 * 1024,
  perFileIgnores: [],
  consoleScripts: [],
  appFactories: [],
};

/** One file given to `lint`: a path, and its text when the caller already has it (an open editor buffer). */
export interface SourceInput {
  path: string;
  text?: string;
}

export interface LintResult {
  findings: Finding[];
  problems: FileProblem[];
  /** Files analysed (not counting skipped ones). */
  files: number;
  lines: number;
}
