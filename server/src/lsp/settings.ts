/**
 * Editor settings: pulled from the client with `workspace/configuration`
 * (section `threadlint`, plus VS Code's `files.exclude`) per resource, checked
 * value by value (a bad value is logged and replaced by its default, never
 * fatal), cached per resource until `workspace/didChangeConfiguration`, and
 * merged over the project's `[tool.threadlint]` settings.
 *
 * Precedence is "editor first", like Ruff's default `configurationPreference`:
 * a setting the user made in the editor overrides pyproject.toml; settings left
 * at their defaults (empty lists, `framework` null or "auto") defer to it.
 */
import { findRule, unknownSelectors } from '../core/rules';
import { SEVERITIES, type FrameworkProfile, type LintSettings, type Severity } from '../core/types';
import { DEFAULT_EDITOR_SETTINGS, SETTINGS_SECTION, type EditorSettings } from './protocol';

const FRAMEWORKS: readonly FrameworkProfile[] = ['auto', 'django', 'flask', 'none'];

/** Settings for one resource: threadlint's own and the globs of VS Code's `files.exclude`. */
export interface ResourceSettings {
  editor: EditorSettings;
  /** `files.exclude` globs that are switched on (workspace enumeration only). */
  filesExclude: string[];
}

/** Validates a raw `threadlint` settings object; `warn` receives one line per value that was dropped. */
export function parseEditorSettings(raw: unknown, warn: (message: string) => void): EditorSettings {
  const out: EditorSettings = { ...DEFAULT_EDITOR_SETTINGS, select: [], ignore: [], severity: {}, exclude: [] };
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`threadlint settings: expected an object, got ${JSON.stringify(raw)}; using defaults`);
    return out;
  }
  const s = raw as Record<string, unknown>;
  const bad = (key: string, expected: string) => warn(`threadlint.${key}: expected ${expected}, got ${JSON.stringify(s[key])}; ignored`);

  if (s.enable !== undefined && s.enable !== null) {
    if (typeof s.enable === 'boolean') out.enable = s.enable;
    else bad('enable', 'true or false');
  }
  const strings = (key: string): string[] => {
    const v = s[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      bad(key, 'an array of strings');
      return [];
    }
    return (v as string[]).map((x) => x.trim()).filter((x) => x !== '');
  };
  const selectors = (key: string): string[] => {
    const list = strings(key);
    const unknown = unknownSelectors(list);
    if (unknown.length > 0) warn(`threadlint.${key}: unknown rule selector(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; ignored`);
    return list.filter((x) => !unknown.includes(x));
  };
  out.select = selectors('select');
  out.ignore = selectors('ignore');
  out.exclude = strings('exclude');

  if (s.severity !== undefined && s.severity !== null) {
    if (typeof s.severity !== 'object' || Array.isArray(s.severity)) bad('severity', 'an object such as {"TL002": "error"}');
    else {
      for (const [key, value] of Object.entries(s.severity as Record<string, unknown>)) {
        const rule = findRule(key);
        if (!rule) warn(`threadlint.severity: unknown rule ${JSON.stringify(key)}; ignored`);
        else if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) {
          warn(`threadlint.severity.${key}: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(value)}; ignored`);
        } else out.severity[rule.code] = value as Severity;
      }
    }
  }
  if (s.framework !== undefined && s.framework !== null) {
    if (typeof s.framework === 'string' && (FRAMEWORKS as readonly string[]).includes(s.framework)) out.framework = s.framework as FrameworkProfile;
    else bad('framework', `one of ${FRAMEWORKS.join(', ')}`);
  }
  if (s.diagnosticsDelay !== undefined && s.diagnosticsDelay !== null) {
    const d = s.diagnosticsDelay;
    if (typeof d === 'number' && Number.isFinite(d) && d >= 0) out.diagnosticsDelay = Math.min(d, 10_000);
    else bad('diagnosticsDelay', 'a number of milliseconds (0 or more)');
  }
  return out;
}

/** The globs of a `files.exclude` object whose value is `true`. */
export function parseFilesExclude(raw: unknown): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob.trim());
}

/** The project's settings with the editor's on top (editor first). */
export function mergeSettings(project: LintSettings, editor: EditorSettings): LintSettings {
  const merged: LintSettings = { ...project, severity: { ...project.severity, ...editor.severity } };
  if (editor.select.length > 0) {
    merged.select = editor.select;
    merged.ignore = editor.ignore;
  } else {
    merged.ignore = [...project.ignore, ...editor.ignore];
  }
  if (editor.framework !== null && editor.framework !== 'auto') merged.framework = editor.framework;
  return merged;
}

/** The client's side of `workspace/configuration`: one request per resource, answered with one value per section. */
export type ConfigurationFetcher = (items: { scopeUri?: string; section: string }[]) => Promise<unknown[]>;

/**
 * Per-resource settings cache. Without `workspace/configuration` support the
 * settings come from `didChangeConfiguration` pushes (`settings.threadlint`).
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResourceSettings>>();
  private pushed: unknown = undefined;

  constructor(
    private readonly fetch: ConfigurationFetcher | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /** Settings for a document or folder URI (or the workspace, for undefined). */
  get(scopeUri: string | undefined): Promise<ResourceSettings> {
    const key = scopeUri ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(scopeUri);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** `didChangeConfiguration`: forget everything; remember pushed settings for clients that cannot be asked. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    if (pushedSettings && typeof pushedSettings === 'object') {
      const section = (pushedSettings as Record<string, unknown>)[SETTINGS_SECTION];
      if (section !== undefined) this.pushed = section;
    }
  }

  private async load(scopeUri: string | undefined): Promise<ResourceSettings> {
    if (!this.fetch) return { editor: parseEditorSettings(this.pushed, this.warn), filesExclude: [] };
    try {
      const [threadlint, filesExclude] = await this.fetch([
        { scopeUri, section: SETTINGS_SECTION },
        { scopeUri, section: 'files.exclude' },
      ]);
      return { editor: parseEditorSettings(threadlint, this.warn), filesExclude: parseFilesExclude(filesExclude) };
    } catch (e) {
      this.warn(`could not get the editor settings for ${scopeUri ?? 'the workspace'}: ${(e as Error).message}; using defaults`);
      this.cache.delete(scopeUri ?? '');
      return { editor: parseEditorSettings(this.pushed, this.warn), filesExclude: [] };
    }
  }
}
