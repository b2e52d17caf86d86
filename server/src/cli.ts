/**
 * The `threadlint` command: `check` finds Python files, groups them by their
 * project configuration (nearest pyproject.toml), lints each group with
 * `lint()` and prints one merged report; `rules` lists the rule catalogue.
 * Exit codes: 0 no findings, 1 findings, 2 usage or configuration error.
 * Nothing is written except stdout, stderr, the `--output` file and the
 * summary cache in `.threadlint_cache/` (off with `--no-cache`); source files
 * only with `--fix` (`--diff` prints the changes instead).
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadConfigFile, withEntryPoints, type ResolvedConfig } from './core/config';
import { discover } from './core/discover';
import { MIN_FILES_FOR_WORKERS, WorkerPool } from './core/pool';
import { unifiedDiff } from './core/fixes/apply';
import { fixAll } from './core/fixes/fixAll';
import { lint } from './core/lint';
import { formatGithub } from './core/report/github';
import { codingOf, decodeSource, LATIN1_NAMES, UTF8_NAMES } from './core/analyzeFile';
import { inCharacterColumns } from './core/report/columns';
import { formatJson } from './core/report/json';
import { formatSarif, threadlintVersion } from './core/report/sarif';
import { displayPath, formatStatistics, formatText, ruleStatistics, summaryLine } from './core/report/text';
import { docsUrl, enabledRules, findRule, RULES, unknownSelectors, type RuleMeta } from './core/rules';
import { type FileProblem, type Finding, type Fix, type LintSettings } from './core/types';

const FORMATS = ['text', 'full', 'json', 'sarif', 'github'] as const;
/** Ruff's names for the two text formats. */
const FORMAT_ALIASES: Record<string, Format> = { concise: 'text' };
type Format = (typeof FORMATS)[number];

/** A mistake in the command line: printed with a hint to `--help`, exit code 2. */
class UsageError extends Error {}

const MAIN_HELP = `threadlint: a thread-safety linter for Python

Usage: threadlint <COMMAND> [OPTIONS]

Commands:
  check [PATHS...]  Check Python files (default: the current folder)
  rules             List the rules
  rule <CODE>...    Show a rule's documentation (code or name; --all for every rule)
  server            Run the language server over stdio (for editors)
  help              Show this help

Options:
  -h, --help        Show help (also \`threadlint check --help\`)
  -V, --version     Show the version

Exit codes: 0 no findings, 1 findings, 2 usage or configuration error.
`;

const CHECK_HELP = `Usage: threadlint check [OPTIONS] [PATHS...]

Checks the Python files under PATHS (default: .). Folders are walked honouring
.gitignore files and the exclude globs of [tool.threadlint] in the nearest
pyproject.toml; files named explicitly are always checked.

Options:
      --format FORMAT   text (default; also 'concise'), full (each finding in its
                        source, with related locations), json, sarif or github;
                        --output-format is the same option
  -o, --output FILE     Write the report to FILE instead of stdout
      --select CODES    Comma-separated rule codes, prefixes or names to run;
                        replaces the configured select and ignore lists
      --ignore CODES    Comma-separated rule codes, prefixes or names to skip,
                        on top of the configured (or --select) selection
      --config PATH     Use this pyproject.toml for every file
      --statistics      Print the number of findings per rule instead of the findings
      --exit-zero       Exit with 0 even when there are findings
      --no-progress     Do not show the progress bar
      --no-cache        Do not read or write the summary cache (.threadlint_cache/)
      --fix             Apply the safe fixes, write the files, report what remains
      --unsafe-fixes    With --fix or --diff: apply the unsafe fixes too
      --diff            Print the changes --fix would make as a unified diff;
                        write nothing; exit 1 when there are changes
      --add-ignore      Add '# threadlint: ignore[CODE]' to every line with a finding
                        (to adopt threadlint on existing code; --add-noqa is the same);
                        with --diff, print the changes instead of writing them
      --show-files      List the files that would be checked (and those skipped), check nothing
      --show-settings   Print the settings each project's files would be checked with, check nothing
  -q, --quiet           Print findings and skipped files only: no summary, no progress
  -h, --help            Show this help
`;

const RULES_HELP = `Usage: threadlint rules [--format text|json]

Lists every rule: code, name, default severity and summary.
`;

const RULE_HELP = `Usage: threadlint rule [--format text|json] (<CODE|NAME>... | --all)

Prints the documentation of the rules named (e.g. TL002 or shared-mutable-mutation):
what the rule finds, why it matters, examples, the fixes and how safe they are.
`;

interface Io {
  cwd: string;
  out: (text: string) => Promise<void>;
  err: (text: string) => void;
}

async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.err(MAIN_HELP);
      return 2;
    case '-h':
    case '--help':
    case 'help':
      await io.out(MAIN_HELP);
      return 0;
    case '-V':
    case '--version':
      await io.out(`threadlint ${threadlintVersion()}\n`);
      return 0;
    case 'check':
      return check(rest, io);
    case 'rules':
      return rules(rest, io);
    case 'rule':
      return rule(rest, io);
    case 'server':
      return server(rest, io);
    default:
      throw new UsageError(
        command.startsWith('-') ? `unexpected option '${command}' before the command` : `unknown command '${command}'`,
      );
  }
}

/**
 * `threadlint server`: the language server (dist/server.js, beside this
 * bundle) over stdin/stdout, as `ruff server` does. The returned promise never
 * settles; the server ends the process on the client's `exit`.
 */
async function server(args: string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    await io.out('Usage: threadlint server\n\nRuns the threadlint language server over stdin/stdout. See the README for editor set-ups.\n');
    return 0;
  }
  const unexpected = args.find((a) => a !== '--stdio');
  if (unexpected !== undefined) throw new UsageError(`unexpected argument '${unexpected}'`);
  const entry = require(join(__dirname, 'server.js')) as typeof import('./server');
  entry.runServer({ stdio: true });
  return new Promise<number>(() => {});
}

/** Runs node's parseArgs, turning its errors into usage errors. */
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function rules(args: string[], io: Io): Promise<number> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    await io.out(RULES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const format = values.format ?? 'text';
  if (format === 'json') {
    const list = RULES.map((r) => ({ code: r.code, name: r.name, severity: r.severity, summary: r.summary, url: docsUrl(r) }));
    await io.out(`${JSON.stringify(list, null, 2)}\n`);
  } else if (format === 'text') {
    const nameWidth = Math.max(...RULES.map((r) => r.name.length));
    const severityWidth = Math.max(...RULES.map((r) => r.severity.length));
    await io.out(RULES.map((r) => `${r.code}  ${r.name.padEnd(nameWidth)}  ${r.severity.padEnd(severityWidth)}  ${r.summary}\n`).join(''));
  } else {
    throw new UsageError(`--format: expected text or json, got '${format}'`);
  }
  return 0;
}

/** Settings as `[tool.threadlint]` names them, with the rules they enable (`--show-settings`). */
function shownSettings(settings: LintSettings): Record<string, unknown> {
  const enabled = enabledRules(settings.select, settings.ignore);
  return {
    rules: RULES.filter((r) => enabled.has(r.code)).map((r) => r.code),
    select: settings.select,
    ignore: settings.ignore,
    severity: settings.severity,
    framework: settings.framework,
    'lock-factories': settings.lockFactories,
    'thread-safe-types': settings.threadSafeTypes,
    'max-file-size': settings.maxFileBytes,
    'per-file-ignores': Object.fromEntries(settings.perFileIgnores.map((p) => [p.glob, p.ignore])),
    // Read from the project's packaging tables, not [tool.threadlint] (analysis/entryPoints.ts).
    'console-scripts (from packaging metadata)': settings.consoleScripts,
    'application factories (from wsgi_scripts entry points)': settings.appFactories,
  };
}

/** File texts for `--format full`, read once each (undefined when a file cannot be read any more). */
function sourceReader(): (path: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (path) => {
    if (!texts.has(path)) {
      let text: string | undefined;
      try {
        // Decoded as the analysis decodes it (a PEP 263 coding comment), so columns agree.
        const decoded = decodeSource(readFileSync(path));
        text = 'text' in decoded ? decoded.text : undefined;
      } catch {
        text = undefined;
      }
      texts.set(path, text);
    }
    return texts.get(path);
  };
}

/** `threadlint rule TL002`: the rule's page from docs/rules/, as `ruff rule` prints a rule's explanation. */
async function rule(args: string[], io: Io): Promise<number> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        all: { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    await io.out(RULE_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected text or json, got '${format}'`);
  if (values.all && positionals.length > 0) throw new UsageError('give rule codes or --all, not both');
  if (!values.all && positionals.length === 0) throw new UsageError('expected a rule code or name (see `threadlint rules`), or --all');
  const chosen = values.all
    ? RULES
    : positionals.map((p) => findRule(p) ?? fail(`unknown rule '${p}' (expected a code such as TL002 or a name such as shared-mutable-mutation; see \`threadlint rules\`)`));
  const pages = chosen.map((r) => ({ rule: r, text: ruleDocumentation(r) }));
  if (format === 'json') {
    const list = pages.map(({ rule: r, text }) => ({ code: r.code, name: r.name, severity: r.severity, summary: r.summary, url: docsUrl(r), explanation: text }));
    await io.out(`${JSON.stringify(list, null, 2)}\n`);
  } else {
    await io.out(pages.map(({ rule: r, text }) => text ?? `# ${r.name} (${r.code})\n\n${r.summary}\n\n${docsUrl(r)}\n`).join('\n'));
  }
  return 0;
}

function fail(message: string): never {
  throw new UsageError(message);
}

/** The rule's page, read from docs/rules beside the bundle (dist/../docs) or the sources; undefined when it is not there. */
function ruleDocumentation(r: RuleMeta): string | undefined {
  for (const base of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    try {
      return readFileSync(join(base, 'docs', 'rules', `${r.name}.md`), 'utf8');
    } catch {
      // Try the next place.
    }
  }
  return undefined;
}

function selectorList(option: string, values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  const unknown = unknownSelectors(list);
  if (unknown.length > 0) {
    throw new UsageError(`${option}: unknown rule selector${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `'${s}'`).join(', ')} (see \`threadlint rules\`)`);
  }
  return list;
}

/** `--select` starts a new selection (the config's select and ignore no longer apply); `--ignore` removes rules from it. */
export function applySelectors(settings: LintSettings, select: string[] | undefined, ignore: string[] | undefined): LintSettings {
  if (select !== undefined) return { ...settings, select, ignore: ignore ?? [] };
  if (ignore !== undefined) return { ...settings, ignore: [...settings.ignore, ...ignore] };
  return settings;
}

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/**
 * Worker threads started while the folders are still being walked: once the walk has found enough
 * files for threads to pay, unless a summary cache may answer without them (only with
 * `--no-cache` or when the project's cache folder does not exist yet). The caller closes a pool the
 * final file count does not call for.
 */
function earlyPool(noCache: boolean, configFor: (dir: string) => ResolvedConfig, cwd: string) {
  let pool: WorkerPool | undefined;
  const onFile = (count: number, path: string) => {
    if (count !== MIN_FILES_FOR_WORKERS || pool) return;
    if (!noCache) {
      const config = configFor(path);
      if (existsSync(join(config.path ? dirname(config.path) : cwd, '.threadlint_cache'))) return;
    }
    pool = WorkerPool.forFiles(Number.MAX_SAFE_INTEGER);
    pool?.startEarly();
  };
  return { onFile, pool: () => pool };
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = asUsage(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'output-format': { type: 'string' },
        output: { type: 'string', short: 'o' },
        select: { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        config: { type: 'string' },
        statistics: { type: 'boolean' },
        'exit-zero': { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        diff: { type: 'boolean' },
        'add-ignore': { type: 'boolean' },
        'add-noqa': { type: 'boolean' },
        'show-files': { type: 'boolean' },
        'show-settings': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    await io.out(CHECK_HELP);
    return 0;
  }
  if (values.format !== undefined && values['output-format'] !== undefined) throw new UsageError('give --format or --output-format, not both');
  const given = values.format ?? values['output-format'] ?? 'text';
  const format = (FORMAT_ALIASES[given] ?? given) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got '${given}'`);
  const addIgnore = values['add-ignore'] === true || values['add-noqa'] === true;
  if (addIgnore && (values.fix || values['unsafe-fixes'])) throw new UsageError('--add-ignore suppresses findings, --fix repairs them: give one of them');
  const select = selectorList('--select', values.select);
  const ignore = selectorList('--ignore', values.ignore);
  const quiet = values.quiet ?? false;
  const paths = (positionals.length > 0 ? positionals : ['.']).map((p) => resolve(io.cwd, p));
  for (const path of paths) {
    if (!exists(path)) throw new UsageError(`path not found: ${displayPath(path, io.cwd)}`);
  }

  const explicit = values.config !== undefined ? loadConfigFile(resolve(io.cwd, values.config)) : undefined;
  const configFor = explicit ? () => explicit : loadConfig;
  // Worker threads start during the walk once it has found enough files (see earlyPool).
  const starter = earlyPool(values['no-cache'] === true, configFor, io.cwd);
  let discovery: ReturnType<typeof discover>;
  // One lint() call per project, so cross-file analysis stays inside a project.
  const groups = new Map<string, { settings: LintSettings; files: string[]; root: string }>();
  try {
    discovery = discover(paths, { configFor, onFile: starter.onFile });
    for (const file of discovery.files) {
      const config: ResolvedConfig = configFor(file);
      const key = config.path ?? '';
      let group = groups.get(key);
      if (!group) {
        let settings = applySelectors(config.settings, select, ignore);
        // Without a pyproject.toml: the entry points the current folder and the folders named declare
        // (a setup.cfg, an `*.egg-info` a `pip install -e .` left; with one, loadConfig read those beside it).
        // (The current folder only when it holds what is checked: not `check ../other-project`.)
        const cwdHolds = paths.every((p) => p === io.cwd || p.startsWith(io.cwd.endsWith(sep) ? io.cwd : io.cwd + sep));
        if (!config.path) for (const folder of cwdHolds ? [io.cwd, ...paths] : paths) settings = withEntryPoints(settings, folder);
        group = { settings, files: [], root: config.path ? dirname(config.path) : io.cwd };
        groups.set(key, group);
      }
      group.files.push(file);
    }
  } catch (e) {
    await starter.pool()?.close();
    throw e;
  }
  if (values['show-files'] || values['show-settings']) {
    // Nothing is analysed: what would be checked, and with which settings (Ruff's --show-files / --show-settings).
    await starter.pool()?.close();
    const out: string[] = [];
    for (const key of [...groups.keys()].sort()) {
      const group = groups.get(key)!;
      if (values['show-settings']) {
        out.push(`${key ? displayPath(key, io.cwd) : '(no pyproject.toml: defaults)'}:`, ...JSON.stringify(shownSettings(group.settings), null, 2).split('\n').map((l) => `  ${l}`));
      }
      if (values['show-files']) out.push(...group.files.map((f) => displayPath(f, io.cwd)));
    }
    for (const p of discovery.problems) out.push(`${displayPath(p.path, io.cwd)}: ${p.kind}: ${p.reason}`);
    await io.out(out.length > 0 ? `${out.join('\n')}\n` : '');
    return 0;
  }
  if (discovery.files.length === 0 && !quiet) io.err('threadlint: warning: no Python files found in the given paths\n');

  const progress = !quiet && !values['no-progress'] && (format === 'text' || format === 'full') && process.stderr.isTTY === true
    ? progressBar(process.stderr, discovery.files.length)
    : undefined;
  const findings: Finding[] = [];
  const problems: FileProblem[] = [...discovery.problems];
  const fixing = values.fix === true || values.diff === true || addIgnore;
  const changed = new Map<string, { before: string; after: string }>();
  const fixedByRule = new Map<string, number>();
  let offset = 0;
  // One set of worker threads for every project of the scan: each thread loads the parser and warms up once.
  const largest = Math.max(0, ...[...groups.values()].map((g) => g.files.length));
  const early = starter.pool();
  let pool: WorkerPool | undefined;
  if (early && early.size === WorkerPool.countFor(largest)) {
    pool = early;
  } else {
    await early?.close();
    pool = WorkerPool.forFiles(largest);
  }
  try {
    const keys = [...groups.keys()].sort();
    for (const key of keys) {
      const group = groups.get(key)!;
      const base = offset;
      const options = {
        settings: group.settings,
        cacheDir: values['no-cache'] ? undefined : join(group.root, '.threadlint_cache'),
        onProgress: progress ? (done: number) => progress.update(base + done) : undefined,
        pool,
        releasePool: key === keys[keys.length - 1],
      };
      const inputs = group.files.map((path) => ({ path }));
      let result;
      if (fixing) {
        const outcome = addIgnore
          ? // A line's pragma gains one code per round: enough rounds for the findings one line can have.
            await fixAll(inputs, { ...options, pick: lineIgnore, maxRounds: 12 })
          : await fixAll(inputs, { ...options, level: values['unsafe-fixes'] ? 'unsafe' : 'safe' });
        result = outcome.result;
        for (const [path, change] of outcome.changed) changed.set(path, change);
        for (const [code, n] of outcome.fixedByRule) fixedByRule.set(code, (fixedByRule.get(code) ?? 0) + n);
      } else {
        result = await lint(inputs, options);
      }
      offset += group.files.length;
      findings.push(...result.findings);
      problems.push(...result.problems);
    }
  } finally {
    progress?.clear();
    await pool?.close();
  }
  findings.sort(compareFindings);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (values.diff) return printDiff(changed, fixedByRule, io, quiet, addIgnore ? 'Would suppress' : 'Would fix');
  if (values.fix || addIgnore) writeFixes(changed, fixedByRule, io, quiet, addIgnore ? 'Suppressed' : 'Fixed');
  if (addIgnore && findings.length > 0 && !quiet) {
    const n = findings.length;
    io.err(`${n} finding${n === 1 ? '' : 's'} could not be suppressed: a comment cannot end ${n === 1 ? 'its' : 'their'} first line (a backslash continuation, or a string that runs on).\n`);
  }

  const toFile = values.output !== undefined;
  const color = !toFile && useColor(process.stdout);
  let report: string;
  if (values.statistics) {
    if (format === 'json') {
      report = `${JSON.stringify(ruleStatistics(findings), null, 2)}\n`;
    } else {
      report = formatStatistics(findings, { color }) + (quiet ? '' : `${summaryLine(findings)}\n`);
    }
  } else if (format === 'json') {
    report = formatJson(inCharacterColumns(findings, sourceReader()), problems, { cwd: io.cwd });
  } else if (format === 'sarif') {
    report = formatSarif(findings, problems, { cwd: io.cwd });
  } else if (format === 'github') {
    report = formatGithub(inCharacterColumns(findings, sourceReader()), problems, { cwd: io.cwd });
  } else if (format === 'full') {
    // (Underlined in the source by UTF-16 offsets, which is how the line's text is indexed.)
    report = formatText(findings, problems, { cwd: io.cwd, color, summary: !quiet, source: sourceReader() });
  } else {
    report = formatText(inCharacterColumns(findings, sourceReader()), problems, { cwd: io.cwd, color, summary: !quiet });
  }
  // Formats without a place for skipped files get them on stderr.
  if (values.statistics || format === 'json') {
    for (const p of problems) io.err(`${displayPath(p.path, io.cwd)}: ${p.kind}: ${p.reason}\n`);
  }

  if (toFile) {
    const target = resolve(io.cwd, values.output!);
    try {
      writeFileSync(target, report);
    } catch (err) {
      throw new UsageError(`--output: cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  } else {
    await io.out(report);
  }
  return findings.length > 0 && !values['exit-zero'] ? 1 : 0;
}

/** `--diff`: the changes as a unified diff on stdout; exit 1 when there are any. */
async function printDiff(changed: Map<string, { before: string; after: string }>, fixed: Map<string, number>, io: Io, quiet: boolean, verb: string): Promise<number> {
  const paths = [...changed.keys()].sort();
  await io.out(paths.map((p) => unifiedDiff(displayPath(p, io.cwd), changed.get(p)!.before, changed.get(p)!.after)).join(''));
  if (!quiet) io.err(`${fixSummary(fixed, paths.length, verb)}\n`);
  return paths.length > 0 ? 1 : 0;
}

/** `--fix`: writes the changed files (keeping a UTF-8 byte order mark when there was one). */
/**
 * The fixed text as bytes in the file's own encoding: UTF-8 (keeping a BOM), or Latin-1 for a file
 * that declares it (`# -*- coding: latin-1 -*-`); a reason for any other encoding, which is left alone.
 */
function encodeLike(original: Buffer | undefined, text: string): Buffer | string {
  if (original === undefined) return Buffer.from(text, 'utf8');
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  // As decodeSource() read it: a coding comment other than UTF-8 wins.
  const declared = codingOf(original);
  if (declared === undefined || UTF8_NAMES.test(declared)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(original);
      return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
    } catch {
      return 'not fixed: the file is not valid UTF-8';
    }
  }
  if (LATIN1_NAMES.test(declared) && !/[^\u0000-\u00ff]/.test(text)) return Buffer.from(text, 'latin1');
  return `not fixed: the file is in ${declared}, and fixes are written only in UTF-8 or Latin-1`;
}

/**
 * `--add-ignore`: the finding's "Suppress CODE on this line" (`# threadlint: ignore[CODE]` at the
 * end of its first line, or the code added to a pragma there); none where a comment cannot end
 * that line (a backslash continuation, a string running on).
 */
function lineIgnore(finding: Finding): Fix | undefined {
  return finding.fixes?.find((f) => f.kind === 'suppression' && f.title === `Suppress ${finding.code} on this line`);
}

function writeFixes(changed: Map<string, { before: string; after: string }>, fixed: Map<string, number>, io: Io, quiet: boolean, verb: string): void {
  let refused = 0;
  for (const [path, { after }] of changed) {
    let original: Buffer | undefined;
    try {
      original = readFileSync(path);
    } catch {
      // unreadable now: the write below reports it
    }
    const bytes = encodeLike(original, after);
    if (typeof bytes === 'string') {
      io.err(`threadlint: ${displayPath(path, io.cwd)}: ${bytes}\n`);
      refused++;
      continue;
    }
    try {
      writeFileSync(path, bytes);
    } catch (err) {
      io.err(`threadlint: error: cannot write ${displayPath(path, io.cwd)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    }
  }
  if (!quiet) io.err(`${fixSummary(fixed, changed.size, verb)}${refused > 0 ? ` (${refused} of these file${refused === 1 ? '' : 's'} not written: see above)` : ''}\n`);
}

function fixSummary(fixed: Map<string, number>, files: number, verb: string): string {
  const total = [...fixed.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return /uppress/.test(verb) ? `${verb} nothing.` : `${verb} nothing: no applicable fixes.`;
  const byRule = [...fixed.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => `${code}: ${n}`).join(', ');
  return `${verb} ${total} finding${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${byRule}).`;
}

/** True for anything at `path`, a broken symlink included (discovery reports those). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

function progressBar(stream: NodeJS.WriteStream, total: number) {
  let last = 0;
  let shown = false;
  const width = 30;
  return {
    update(done: number) {
      const now = Date.now();
      if (done < total && now - last < 80) return;
      last = now;
      shown = true;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r\x1b[2KChecking [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

function writeStdout(text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((done) => {
    process.stdout.write(text, () => done());
  });
}

if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const io: Io = { cwd: process.cwd(), out: writeStdout, err: (text) => process.stderr.write(text) };
  main(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`threadlint: error: ${err.describe(io.cwd)}\n`);
      } else if (err instanceof UsageError) {
        process.stderr.write(`threadlint: error: ${err.message}\nRun 'threadlint --help' for usage.\n`);
      } else {
        process.stderr.write(`threadlint: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      }
      process.exit(2);
    },
  );
}
