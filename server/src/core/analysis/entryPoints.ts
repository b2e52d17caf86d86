/**
 * Entry points a project declares. Console scripts: the `module:function` objects that pip's
 * generated `console_scripts`/`gui_scripts` wrappers call, each in a process of its own (a
 * command-line command, Workspace.isCommandCode). Read from pyproject.toml (`[project.scripts]`,
 * `[project.gui-scripts]`, `[tool.poetry.scripts]`; config.ts), from the `setup.cfg` beside it
 * (`[options.entry_points]`, or pbr's `[entry_points]`) and from a `setup.py`'s
 * `entry_points={"console_scripts": [...]}` (collect.ts). And pbr's `wsgi_scripts` (setup.cfg):
 * application factories the generated WSGI script calls once, as it is loaded, to make the
 * application a server then runs (start-up code, Workspace.computeRuntimeNow).
 *
 * pbr, "wsgi_scripts": https://docs.openstack.org/pbr/latest/user/features.html#entry-points
 *
 * Packaging specification, entry points data model ("object reference" `module:attr.attr`, optional
 * `[extras]`): https://packaging.python.org/en/latest/specifications/entry-points/
 */

const OBJECT_REFERENCE = /^\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*:\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*(?:\[[^\]]*\]\s*)?$/;

/** `pkg.cli:main [extra]` as `pkg.cli:main` (spaces dropped), or null when it is not an object reference with an attribute. */
export function objectReference(value: string): string | null {
  const m = OBJECT_REFERENCE.exec(value);
  return m ? `${m[1].replace(/\s+/g, '')}:${m[2].replace(/\s+/g, '')}` : null;
}

/** The console scripts of a parsed pyproject.toml (anything malformed is left out: pip and the build backend report it). */
export function pyprojectScripts(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const table = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const project = table(doc.project);
  for (const group of [table(project?.scripts), table(project?.['gui-scripts'])]) {
    for (const value of Object.values(group ?? {})) if (typeof value === 'string') push(out, value);
  }
  // Poetry: `name = "pkg.cli:main"`, or `name = { callable = "pkg.cli:main", ... }` (its newer form).
  const poetry = table(table(table(doc.tool)?.poetry)?.scripts);
  for (const value of Object.values(poetry ?? {})) {
    if (typeof value === 'string') push(out, value);
    else if (typeof table(value)?.callable === 'string') push(out, table(value)!.callable as string);
  }
  return out;
}

/**
 * The console scripts of a `setup.py`'s `entry_points`: the `"name = module:attr"` strings of a
 * `console_scripts` or `gui_scripts` list (or of the same keys in an INI-style string), read from its
 * text; setup.py is not run. `entries` is the text of each such group's value.
 */
export function setupScripts(groups: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of groups) {
    for (const m of text.matchAll(/[\w.-]+\s*=\s*([A-Za-z_][\w.]*\s*:\s*[A-Za-z_][\w.]*)/g)) push(out, m[1]);
  }
  return out;
}

/** What a project's packaging declares: console (and GUI) scripts, and pbr's WSGI application factories. */
export interface EntryPoints {
  console: string[];
  wsgi: string[];
}

/**
 * Groups of hooks that only tools load, each in a command-line process of its own: oslo.config's
 * `oslo-config-generator` calls the `oslo.config.opts` functions (`list_opts`) and the
 * `oslo.config.opts.defaults` ones; oslo.policy's `oslopolicy-sample-generator`,
 * `oslopolicy-policy-generator` and `oslopolicy-checker` call the `oslo.policy.policies` and
 * `oslo.policy.enforcer` ones (`get_enforcer`). Judged as console scripts (command-line code).
 *
 * oslo.config, "Generating Sample Configuration Files": https://docs.openstack.org/oslo.config/latest/cli/generator.html
 * oslo.policy, "Sample File Generation": https://docs.openstack.org/oslo.policy/latest/cli/index.html
 */
const TOOL_HOOK_GROUPS = new Set(['oslo.config.opts', 'oslo.config.opts.defaults', 'oslo.policy.policies', 'oslo.policy.enforcer']);

/** The list of `out` a group of entry points goes to (`console_scripts`, `gui_scripts`, TOOL_HOOK_GROUPS, `wsgi_scripts`), or null for another group. */
function groupList(out: EntryPoints, group: string): string[] | null {
  return group === 'console_scripts' || group === 'gui_scripts' || TOOL_HOOK_GROUPS.has(group) ? out.console : group === 'wsgi_scripts' ? out.wsgi : null;
}

/** Adds the object references of `from` to `into`, each once. */
export function addEntryPoints(into: EntryPoints, from: EntryPoints): void {
  for (const ref of from.console) if (!into.console.includes(ref)) into.console.push(ref);
  for (const ref of from.wsgi) if (!into.wsgi.includes(ref)) into.wsgi.push(ref);
}

function push(out: string[], value: string): void {
  const ref = objectReference(value);
  if (ref !== null && !out.includes(ref)) out.push(ref);
}

/**
 * The entry points of a `setup.cfg`: `console_scripts`/`gui_scripts` and `wsgi_scripts` of its
 * `[options.entry_points]` (setuptools) or `[entry_points]` (pbr) section. Keys start a line; a
 * value runs on over the indented lines that follow (configparser's continuation lines).
 */
export function setupCfgEntryPoints(text: string): EntryPoints {
  const out: EntryPoints = { console: [], wsgi: [] };
  let inSection = false;
  let group: string[] | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || /^\s*[#;]/.test(line)) continue;
    const header = /^\[([^\]]*)\]/.exec(line);
    if (header) {
      inSection = /^\s*(options\.)?entry_points\s*$/.test(header[1]);
      group = null;
      continue;
    }
    if (!inSection) continue;
    const key = /^([^\s=:][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (key && !/^\s/.test(line)) {
      group = groupList(out, key[1].trim());
      if (group !== null && key[2] !== '') pushEntry(group, key[2]);
    } else if (group !== null && /^\s/.test(line)) {
      pushEntry(group, line);
    }
  }
  return out;
}

/** One `name = module:attr` entry line. */
function pushEntry(out: string[], line: string): void {
  const eq = line.indexOf('=');
  if (eq >= 0) push(out, line.slice(eq + 1));
}

/**
 * The entry points of an installed distribution's metadata, `*.egg-info/entry_points.txt` or
 * `*.dist-info/entry_points.txt` (a `pip install -e .` leaves the former in a checkout): one
 * section per group, `[console_scripts]`, `[gui_scripts]`, pbr's `[wsgi_scripts]`, one
 * `name = module:attr` per line.
 */
export function entryPointsTxt(text: string): EntryPoints {
  const out: EntryPoints = { console: [], wsgi: [] };
  let group: string[] | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      group = groupList(out, header[1].trim());
      continue;
    }
    if (group !== null) pushEntry(group, line);
  }
  return out;
}
