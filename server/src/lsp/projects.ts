/**
 * Projects: files that share a configuration are analysed together, as the
 * CLI groups them. A project is the nearest pyproject.toml above a file; files
 * with none are grouped by workspace folder. A broken pyproject.toml never
 * stops analysis: its error is reported once and its files get the defaults.
 */
import { dirname, resolve, sep } from 'node:path';
import { ConfigError, loadConfig, withEntryPoints, type ResolvedConfig } from '../core/config';
import { DEFAULT_SETTINGS, type LintSettings } from '../core/types';

export interface Project {
  /** Stable key: the pyproject.toml path, or `folder:<path>` without one. */
  key: string;
  config: ResolvedConfig;
  /** The workspace folder the file is in, if any. */
  folder: string | undefined;
}

export class Projects {
  private readonly reported = new Set<string>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly onConfigError: (error: ConfigError) => void,
  ) {}

  /** The innermost workspace folder containing `path`. */
  folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders()) {
      if ((path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** The configuration for a file or folder, never throwing. */
  readonly configFor = (path: string): ResolvedConfig => {
    try {
      return loadConfig(path);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.report(e);
      return { path: e.file, root: dirname(e.file), settings: { ...DEFAULT_SETTINGS }, exclude: [] };
    }
  };

  of(path: string): Project {
    const config = this.configFor(path);
    const folder = this.folderOf(path);
    if (config.path || !folder) return { key: config.path ?? `folder:${folder ?? dirname(resolve(path))}`, config, folder };
    // Without a pyproject.toml: the entry points the workspace folder declares (its setup.cfg, an
    // `*.egg-info` a `pip install -e .` left), as the CLI reads them for the folder it runs in.
    // (Once per folder until reset(): loadConfig() makes new default settings for each call.)
    let known = this.folderSettings.get(folder);
    if (!known) this.folderSettings.set(folder, (known = withEntryPoints(config.settings, folder)));
    return { key: `folder:${folder}`, config: { ...config, settings: known }, folder };
  }

  private readonly folderSettings = new Map<string, LintSettings>();

  /** Forget reported errors (after a pyproject.toml changed), so a still-broken file is reported again; and the folders' entry points. */
  reset(): void {
    this.reported.clear();
    this.folderSettings.clear();
  }

  private report(error: ConfigError): void {
    if (this.reported.has(error.message)) return;
    this.reported.add(error.message);
    this.onConfigError(error);
  }
}
