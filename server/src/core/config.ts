/**
 * Project configuration: finds the nearest `pyproject.toml` above a path,
 * reads its `[tool.threadlint]` table, checks every key and resolves it into
 * `LintSettings` plus the exclude globs. Every mistake becomes a `ConfigError`
 * that names the file and the key (or the line, for TOML syntax errors).
 * Results are cached per folder; `clearConfigCache` forgets them (the language
 * server calls it when a pyproject.toml changes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { addEntryPoints, entryPointsTxt, pyprojectScripts, setupCfgEntryPoints, type EntryPoints } from './analysis/entryPoints';
import { findRule, unknownSelectors } from './rules';
import { DEFAULT_SETTINGS, SEVERITIES, type FrameworkProfile, type LintSettings, type PerFileIgnore, type Severity } from './types';

export const CONFIG_FILE = 'pyproject.toml';
/** Read beside a pyproject.toml for the entry points it declares (analysis/entryPoints.ts). */
export const SETUP_CFG = 'setup.cfg';
/** The entry points of installed metadata, `*.egg-info/entry_points.txt` (packagingEntryPoints). */
export const ENTRY_POINTS_TXT = 'entry_points.txt';

export interface ResolvedConfig {
  /** Absolute path of the pyproject.toml the settings came from; absent when none was found. */
  path?: string;
  /** The pyproject's folder, or the folder the search started from when there is none. Exclude globs are relative to it. */
  root: string;
  settings: LintSettings;
  /** Globs of files and folders to skip, relative to `root`: `exclude` followed by `extend-exclude`. */
  exclude: string[];
}

/** A configuration that cannot be used. `message` starts with the absolute file path; `describe(cwd)` shortens it. */
export class ConfigError extends Error {
  constructor(
    /** Absolute path of the offending file. */
    readonly file: string,
    /** What is wrong, without the file name: `[tool.threadlint] framework: expected ...`. */
    readonly detail: string,
    /** 1-based line, for TOML syntax errors. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}${column ? `:${column}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }

  /** The message with the file path relative to `cwd` when the file lies inside it. */
  describe(cwd: string): string {
    const rel = relative(cwd, this.file);
    const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : this.file;
    return `${shown}${this.line ? `:${this.line}` : ''}${this.column ? `:${this.column}` : ''}: ${this.detail}`;
  }
}

const FRAMEWORKS: readonly FrameworkProfile[] = ['auto', 'django', 'flask', 'none'];

const KNOWN_KEYS = [
  'select',
  'ignore',
  'exclude',
  'extend-exclude',
  'lock-factories',
  'thread-safe-types',
  'framework',
  'max-file-size',
  'severity',
  'per-file-ignores',
  'extend-per-file-ignores',
] as const;

const DOTTED_NAME = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/** pyproject path (or '' for "none found") per folder. */
const locationCache = new Map<string, string>();
/** Resolved config per pyproject path. */
const fileCache = new Map<string, ResolvedConfig>();

export function clearConfigCache(): void {
  locationCache.clear();
  fileCache.clear();
  entryPointCache.clear();
}

/** The nearest pyproject.toml in `dir` or above it, or undefined. */
export function findPyproject(dir: string): string | undefined {
  const start = resolve(dir);
  const walked: string[] = [];
  let found: string | undefined;
  for (let current = start; ; current = dirname(current)) {
    const cached = locationCache.get(current);
    if (cached !== undefined) {
      found = cached || undefined;
      break;
    }
    walked.push(current);
    const candidate = join(current, CONFIG_FILE);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    if (dirname(current) === current) break;
  }
  for (const d of walked) locationCache.set(d, found ?? '');
  return found;
}

/**
 * The configuration that applies to `path` (a file or a folder): the nearest
 * pyproject.toml walking up, or defaults rooted at the folder when there is none.
 */
export function loadConfig(path: string): ResolvedConfig {
  const abs = resolve(path);
  // Python files are files: skip the stat that would tell (this runs once per scanned file).
  const dir = abs.endsWith('.py') ? dirname(abs) : isDirectory(abs) ? abs : dirname(abs);
  const pyproject = findPyproject(dir);
  if (!pyproject) return { root: dir, settings: cloneDefaults(), exclude: [] };
  return loadConfigFile(pyproject);
}

/** Reads one pyproject.toml (named explicitly, e.g. by `--config`). A file without `[tool.threadlint]` gives defaults. */
export function loadConfigFile(file: string): ResolvedConfig {
  const abs = resolve(file);
  const cached = fileCache.get(abs);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new ConfigError(abs, `cannot read configuration: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const resolved = parseConfig(text, abs);
  // The entry points the project's setup.cfg and installed metadata beside it declare (pbr projects declare theirs there).
  resolved.settings = withEntryPoints(resolved.settings, dirname(abs));
  fileCache.set(abs, resolved);
  return resolved;
}

/** Entry points per folder (packagingEntryPoints), until clearConfigCache. */
const entryPointCache = new Map<string, EntryPoints>();

/**
 * The entry points a project folder declares outside pyproject.toml: its `setup.cfg`
 * (`[options.entry_points]`, pbr's `[entry_points]`) and the `entry_points.txt` of the
 * `*.egg-info`/`*.dist-info` folders in it or in its `src/` (what `pip install -e .` leaves in a
 * checkout, and what an installed package has beside it). Unreadable files are passed over.
 */
export function packagingEntryPoints(folder: string): EntryPoints {
  const abs = resolve(folder);
  const known = entryPointCache.get(abs);
  if (known) return known;
  const out: EntryPoints = { console: [], wsgi: [] };
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const cfg = read(join(abs, SETUP_CFG));
  if (cfg !== undefined) addEntryPoints(out, setupCfgEntryPoints(cfg));
  for (const dir of [abs, join(abs, 'src')]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!name.endsWith('.egg-info') && !name.endsWith('.dist-info')) continue;
      const txt = read(join(dir, name, ENTRY_POINTS_TXT));
      if (txt !== undefined) addEntryPoints(out, entryPointsTxt(txt));
    }
  }
  entryPointCache.set(abs, out);
  return out;
}

/** `settings` with the entry points `folder` declares (packagingEntryPoints) added; a new object when there are any. */
export function withEntryPoints(settings: LintSettings, folder: string): LintSettings {
  const declared = packagingEntryPoints(folder);
  if (declared.console.length === 0 && declared.wsgi.length === 0) return settings;
  const merged: EntryPoints = { console: [...settings.consoleScripts], wsgi: [...settings.appFactories] };
  addEntryPoints(merged, declared);
  return { ...settings, consoleScripts: merged.console, appFactories: merged.wsgi };
}

/** Parses pyproject.toml text; `file` is used for the root folder and in error messages. */
export function parseConfig(text: string, file: string): ResolvedConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const firstLine = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      throw new ConfigError(file, `invalid TOML: ${firstLine}`, err.line, err.column);
    }
    throw new ConfigError(file, `invalid TOML: ${String(err)}`);
  }
  const root = dirname(file);
  const resolved = resolveTool(doc, file);
  resolved.settings.consoleScripts = pyprojectScripts(doc);
  return { path: file, root, ...resolved };
}

/** The settings of `[tool.threadlint]` (defaults without one) and its exclude globs. */
function resolveTool(doc: Record<string, unknown>, file: string): Omit<ResolvedConfig, 'path' | 'root'> {
  const tool = doc.tool;
  if (tool === undefined) return { settings: cloneDefaults(), exclude: [] };
  if (!isTable(tool)) throw new ConfigError(file, `tool: expected a table, got ${describe(tool)}`);
  const section = tool.threadlint;
  if (section === undefined) return { settings: cloneDefaults(), exclude: [] };
  if (!isTable(section)) throw new ConfigError(file, `tool.threadlint: expected a table, got ${describe(section)}`);
  return resolveSection(section, file);
}

function resolveSection(section: Record<string, unknown>, file: string): Omit<ResolvedConfig, 'path' | 'root'> {
  const fail = (key: string, detail: string, table = '[tool.threadlint]'): never => {
    throw new ConfigError(file, `${table} ${key}: ${detail}`);
  };

  for (const key of Object.keys(section)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      const hint = closest(key, KNOWN_KEYS);
      fail(key, `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${KNOWN_KEYS.join(', ')}`);
    }
  }

  const strings = (key: string, value = section[key], table?: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(key, `expected an array of strings, got ${describe(value)}`, table);
    value.forEach((item, i) => {
      if (typeof item !== 'string') fail(`${key}[${i}]`, `expected a string, got ${describe(item)}`, table);
      else if (item.trim() === '') fail(`${key}[${i}]`, 'expected a non-empty string', table);
    });
    return value.map((s: string) => s.trim());
  };

  const selectors = (key: string, value = section[key], table?: string): string[] => {
    const list = strings(key, value, table);
    const unknown = unknownSelectors(list);
    if (unknown.length > 0) {
      fail(key, `unknown rule selector${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => JSON.stringify(s)).join(', ')} (expected rule codes such as "TL002", code prefixes such as "TL0", rule names, or "ALL")`, table);
    }
    return list;
  };

  // `"tests/**" = ["TL009"]`: globs relative to this file's folder, as for `exclude`.
  const perFileIgnores = (key: string): PerFileIgnore[] => {
    const value = section[key];
    if (value === undefined) return [];
    if (!isTable(value)) return fail(key, `expected a table of globs to rule lists, such as [tool.threadlint.${key}] "tests/**" = ["TL009"], got ${describe(value)}`);
    const table = `[tool.threadlint.${key}]`;
    return Object.entries(value).map(([glob, rules]) => {
      const name = JSON.stringify(glob);
      const body = glob.trim().replace(/^!/, '');
      if (body.trim() === '') fail(name, 'expected a non-empty glob', table);
      if (isAbsolute(body)) fail(name, `expected a glob relative to ${CONFIG_FILE}'s folder, got an absolute path`, table);
      return { root: dirname(file), glob: glob.trim(), ignore: selectors(name, rules, table) };
    });
  };

  const dottedNames = (key: string): string[] => {
    const list = strings(key);
    list.forEach((name, i) => {
      if (!DOTTED_NAME.test(name)) fail(`${key}[${i}]`, `expected a dotted Python name such as "mylib.locks.make_lock", got ${JSON.stringify(name)}`);
    });
    return list;
  };

  const globs = (key: string): string[] => {
    const list = strings(key);
    list.forEach((glob, i) => {
      if (isAbsolute(glob)) fail(`${key}[${i}]`, `expected a glob relative to ${CONFIG_FILE}'s folder, got the absolute path ${JSON.stringify(glob)}`);
    });
    return list;
  };

  const settings = cloneDefaults();
  settings.select = selectors('select');
  settings.ignore = selectors('ignore');
  settings.lockFactories = dottedNames('lock-factories');
  settings.threadSafeTypes = dottedNames('thread-safe-types');

  const framework = section.framework;
  if (framework !== undefined) {
    if (typeof framework !== 'string' || !(FRAMEWORKS as readonly string[]).includes(framework)) {
      fail('framework', `expected one of ${FRAMEWORKS.join(', ')}, got ${describe(framework)}`);
    }
    settings.framework = framework as FrameworkProfile;
  }

  const maxSize = section['max-file-size'];
  if (maxSize !== undefined) {
    if (typeof maxSize !== 'number' || !Number.isInteger(maxSize) || maxSize <= 0) {
      fail('max-file-size', `expected a positive integer number of bytes, got ${describe(maxSize)}`);
    }
    settings.maxFileBytes = maxSize as number;
  }

  const severity = section.severity;
  if (severity !== undefined) {
    if (!isTable(severity)) fail('severity', `expected a table such as [tool.threadlint.severity], got ${describe(severity)}`);
    for (const [key, value] of Object.entries(severity as Record<string, unknown>)) {
      const rule = findRule(key);
      if (!rule) fail(key, 'unknown rule code or name', '[tool.threadlint.severity]');
      if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) {
        fail(key, `expected one of ${SEVERITIES.join(', ')}, got ${describe(value)}`, '[tool.threadlint.severity]');
      }
      settings.severity[rule!.code] = value as Severity;
    }
  }

  settings.perFileIgnores = [...perFileIgnores('per-file-ignores'), ...perFileIgnores('extend-per-file-ignores')];

  return { settings, exclude: [...globs('exclude'), ...globs('extend-exclude')] };
}

function cloneDefaults(): LintSettings {
  return {
    ...DEFAULT_SETTINGS,
    select: [...DEFAULT_SETTINGS.select],
    ignore: [...DEFAULT_SETTINGS.ignore],
    severity: { ...DEFAULT_SETTINGS.severity },
    lockFactories: [...DEFAULT_SETTINGS.lockFactories],
    threadSafeTypes: [...DEFAULT_SETTINGS.threadSafeTypes],
    perFileIgnores: [],
    consoleScripts: [],
    appFactories: [],
  };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A value as it should appear after "got" in an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return String(value);
}

/** The known key within edit distance 2 of `key`, if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
