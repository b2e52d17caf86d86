/**
 * The threadlint language server: wires LSP requests and notifications to the
 * analysis core. Open documents are re-analysed on change (debounced by
 * `threadlint.diagnosticsDelay`, stale runs dropped by version), the
 * cross-file pass runs over the document's project (the background workspace
 * index plus the open documents' in-memory summaries), and diagnostics are
 * pushed for the changed document and every open document whose findings
 * changed with it. Every handler is guarded: an exception becomes a log line
 * and an empty answer, never a dead server. The server never runs workspace
 * code and never writes files; edits only travel inside code actions.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import type { FileSummary } from '../core/analysis/summary';
import { clearConfigCache, CONFIG_FILE, ConfigError, ENTRY_POINTS_TXT, SETUP_CFG } from '../core/config';
import { readSource } from '../core/analyzeFile';
import { ALWAYS_SKIPPED, isPythonSource } from '../core/discover';
import { computeFixes } from '../core/fixes';
import { fixDocument } from '../core/fixes/fixAll';
import { RuntimeMemo } from '../core/analysis/resolve';
import { findingsFor } from '../core/lint';
import { createParser } from '../core/parser';
import { ModuleNamer } from '../core/analysis/modules';
import { threadlintVersion } from '../core/report/sarif';
import { docsUrl, findRule } from '../core/rules';
import { DEFAULT_SETTINGS, type Finding, type Fix, type LintSettings } from '../core/types';
import { codeActionsFor, fixAllAction, FIX_ALL_KIND, wantsFixAll, wantsQuickFixes } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { OpenDocument } from './documents';
import { PathGlobs } from '../core/globs';
import { Projects, type Project } from './projects';
import { ServerCommands, type FixAllResult, type ScanResult } from './protocol';
import { mergeSettings, SettingsStore, type ResourceSettings } from './settings';
import { neighbourhood } from './neighbourhood';
import { codeCacheState } from '../boot/codeCache';
import { warmUp, warmUpTyping } from './warmup';
import { WorkspaceIndex, type IndexFolder } from './workspaceIndex';

type Level = 'error' | 'warn' | 'info' | 'log';

/** Per-keystroke budget of the exact cross-file pass; a project whose pass takes longer gets the quick pass first. */
const EXACT_PASS_BUDGET_MS = envNumber('THREADLINT_LSP_EXACT_PASS_BUDGET_MS', 25);
/** Until a project's exact pass has been timed, projects with more files than this are assumed not to fit the budget. */
const LARGE_PROJECT_FILES = 300;
/** Pause in edits after which the exact pass follows the quick ones. */
const EXACT_PASS_IDLE_MS = 300;
/** After a quick analysis of a keystroke, the pause in typing after which the whole text is parsed (OpenDocument.quick). */
const QUICK_SETTLE_MS = 300;

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  return v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
}

/** How long a document's first check waits for the background index before it goes ahead with what is known. */
const INDEX_WAIT_MS = 1000;
/** The warm-up waits until the client has sent nothing for this long. */
const WARM_UP_QUIET_MS = 30;
/** The typing warm-up runs this long after the first document is opened (its first check is done by then). */
/** More `.py` changes than this in one batch of file events are read by the index's refresh (workers). */
const MANY_CHANGED_FILES = 50;
const TYPING_WARM_UP_AFTER_MS = 200;

export interface ServerOptions {
  /** performance.now() of the last message from the client, when the transport can tell. */
  lastInput?: () => number;
}

/** Starts answering on `connection`; returns once it listens. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  new ThreadlintServer(connection, options).listen();
}

interface Folder {
  uri: string;
  path: string;
}

class ThreadlintServer {
  private parser: Parser | undefined;
  private capabilities: ClientCapabilities = {};
  private folders: Folder[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  private readonly docsByPath = new Map<string, OpenDocument>();
  private settings: SettingsStore;
  private readonly projects: Projects;
  private readonly index: WorkspaceIndex;
  /**
   * Last published diagnostics per file, as JSON, to skip identical re-publishes. Keyed by
   * path for `file:` URIs: a client may spell one file two ways (VS Code percent-encodes `@`,
   * `+` and a drive letter's colon, Node's `pathToFileURL` does not) and shows them as one.
   */
  private readonly published = new Map<string, string>();
  /** The URI the client used for a path it opened, kept to publish that file under after it is closed. */
  private readonly clientUris = new Map<string, string>();
  /** Files whose diagnostics came from a workspace scan (not open). */
  private readonly scannedPaths = new Set<string>();
  /** `.py` files changed on disk before the index was ready (re-read when indexing ends). */
  private readonly changedWhileIndexing = new Set<string>();
  /** Open documents that are not Python (`languageId` and name), which the server leaves alone. */
  private readonly notPython = new Set<string>();
  /** A workspace scan has completed: closed files then keep showing their findings. */
  private scanDone = false;
  private readonly exclusions = new Map<string, PathGlobs>();
  private watchedTimer: NodeJS.Timeout | undefined;
  private readonly watchedPending = new Map<string, FileChangeType>();
  private shuttingDown = false;
  /** Mean duration of each project's exact cross-file pass. */
  private readonly exactPassMs = new Map<string, number>();
  private typingWarmUpScheduled = false;
  private readonly runtimeMemos = new Map<string, RuntimeMemo>();
  private readonly exactPassTimers = new Map<string, NodeJS.Timeout>();
  /** The background indexing in progress, if any. */
  private indexing: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions = {},
  ) {
    this.settings = new SettingsStore(undefined, (m) => this.log('warn', m));
    this.projects = new Projects(
      () => this.folders.map((f) => f.path),
      (error) => this.configError(error),
    );
    this.index = new WorkspaceIndex(this.projects);
  }

  listen(): void {
    const c = this.connection;
    // Not guarded: a server that cannot load its parser must fail to initialise, visibly.
    c.onInitialize((p: InitializeParams) => this.initialize(p));
    c.onInitialized(this.guard('initialized', undefined, () => this.initialized()));
    c.onDidOpenTextDocument(this.guard('didOpen', undefined, (p) => this.didOpen(p.textDocument)));
    c.onDidChangeTextDocument(this.guard('didChange', undefined, (p) => this.didChange(p.textDocument.uri, p.textDocument.version, p.contentChanges)));
    c.onDidCloseTextDocument(this.guard('didClose', undefined, (p) => this.didClose(p.textDocument.uri)));
    c.onCodeAction(this.request('codeAction', [], (p) => this.codeActions(p)));
    // A plain request handler: `onExecuteCommand` would take the client's `workDoneToken` out of the
    // params before the handler could tell there was one (the scan reports progress on it).
    c.onRequest(ExecuteCommandRequest.method, this.request('executeCommand', null, (p: ExecuteCommandParams, token: CancellationToken) =>
      this.executeCommand(p, token, p.workDoneToken !== undefined ? c.window.attachWorkDoneProgress(p.workDoneToken) : undefined),
    ));
    c.onDidChangeConfiguration(this.guard('didChangeConfiguration', undefined, (p) => this.configurationChanged(p.settings)));
    c.onDidChangeWatchedFiles(this.guard('didChangeWatchedFiles', undefined, (p) => {
      for (const change of p.changes) this.watchedPending.set(change.uri, change.type);
      if (this.watchedTimer) clearTimeout(this.watchedTimer);
      this.watchedTimer = setTimeout(() => void this.guard('watchedFiles', undefined, () => this.watchedFilesChanged())(), 100);
    }));
    c.onShutdown(this.guard('shutdown', undefined, () => {
      if (this.shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'threadlint: shutdown after shutdown');
      this.shuttingDown = true;
      for (const key of [...this.exactPassTimers.keys()]) this.cancelExactPass(key);
      for (const doc of this.docs.values()) doc.dispose();
      this.docs.clear();
      this.docsByPath.clear();
    }));
    process.on('uncaughtException', (e) => this.log('error', `uncaught exception: ${e.stack ?? e.message}`));
    process.on('unhandledRejection', (e) => this.log('error', `unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    c.listen();
  }

  // ---------------------------------------------------------------- lifecycle

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    if (this.shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'threadlint: initialize after shutdown');
    this.capabilities = params.capabilities;
    if (params.capabilities.workspace?.configuration) {
      this.settings = new SettingsStore(
        (items) => this.connection.workspace.getConfiguration(items),
        (m) => this.log('warn', m),
      );
    }
    if (params.workspaceFolders && params.workspaceFolders.length > 0) this.folders = toFolders(params.workspaceFolders);
    else if (params.rootUri) this.folders = toFolders([{ uri: params.rootUri, name: '' }]);
    else if (params.rootPath) this.folders = [{ uri: pathToFileURL(params.rootPath).href, path: params.rootPath }];
    this.parser = await createParser();
    this.log('info', `threadlint ${threadlintVersion()} (node ${process.version}; code cache ${codeCacheState() ?? 'off (not loaded through dist/server.js)'}); workspace folders: ${this.folders.map((f) => f.path).join(', ') || 'none'}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands), workDoneProgress: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'threadlint', version: threadlintVersion() },
    };
  }

  private initialized(): void {
    const ws = this.capabilities.workspace;
    if (ws?.workspaceFolders) {
      // Subscribed here, not in listen(): the library installs its own handler for this notification at initialisation.
      this.connection.workspace.onDidChangeWorkspaceFolders(this.guard('didChangeWorkspaceFolders', undefined, (event: WorkspaceFoldersChangeEvent) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        // The scan's diagnostics of closed files in a folder that leaves go with it.
        for (const folder of this.folders.filter((f) => removed.has(f.uri))) {
          for (const path of [...this.scannedPaths]) {
            if (!path.startsWith(`${folder.path}/`) || this.docsByPath.has(path)) continue;
            this.scannedPaths.delete(path);
            this.publish(this.uriOf(path), [], null);
          }
        }
        this.folders = [...this.folders.filter((f) => !removed.has(f.uri)), ...toFolders(event.added)];
        this.startIndexing();
      }));
    }
    // VS Code sends `workspace/didChangeConfiguration` only to servers registered for it (or clients
    // told to synchronise a section): then changed `threadlint.*` settings apply at once.
    if (ws?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'threadlint' })
        .catch((e: Error) => this.log('warn', `could not follow settings: ${e.message}`));
    }
    if (ws?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{py,wsgi}' }, { globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${SETUP_CFG}` }, { globPattern: `**/${ENTRY_POINTS_TXT}` }, { globPattern: '**/*.{egg-info,dist-info}' }] })
        .catch((e: Error) => this.log('warn', `could not watch files: ${e.message}`));
    }
    this.startIndexing();
    if (this.parser) {
      void warmUp(this.parser, {
        rounds: 40,
        stop: () => this.docs.size > 0 || this.shuttingDown,
        // A round takes 5-60 ms: none starts while messages arrive, so a didOpen right after `initialized` is not kept waiting.
        busy: () => this.clientBusy(),
      }).catch((e: Error) => this.log('warn', `warm-up failed: ${e.message}`));
    }
  }

  /** Indexes the workspace folders in the background, then re-checks open documents with the whole project in view. */
  private startIndexing(): void {
    if (this.folders.length === 0) return;
    let indexing: Promise<void> | undefined = undefined;
    indexing = (async () => {
      const progress = await this.serverProgress();
      const started = performance.now();
      progress.begin('threadlint: indexing', 0, 'Finding Python files…', false);
      try {
        const result = await this.index.refresh(await this.indexFolders(), {
          onProgress: throttle((done, total) => progress.report(percent(done, total), `${done}/${total} files`)),
        });
        this.log('info', `indexed ${result.files.length} files (${result.analysed} analysed) in ${Math.round(performance.now() - started)} ms`);
        for (const p of result.problems) this.log('warn', `${p.path}: ${p.reason}`);
      } catch (e) {
        this.log('error', `indexing failed: ${(e as Error).stack ?? e}`);
      } finally {
        progress.done();
      }
      if (this.indexing === indexing) this.indexing = undefined;
      // Files changed on disk while indexing ran (a `git pull` right after the folder opened).
      const late = [...this.changedWhileIndexing];
      this.changedWhileIndexing.clear();
      if (this.parser && this.index.ready) for (const path of late) if (existsSync(path) && !this.docsByPath.has(path)) this.index.updateFile(path, this.parser);
      this.rerunOpenDocuments();
    })();
    this.indexing = indexing;
  }

  private async indexFolders(): Promise<IndexFolder[]> {
    const out: IndexFolder[] = [];
    for (const folder of this.folders) {
      const rs = await this.settings.get(folder.uri);
      out.push({ path: folder.path, exclude: rs.editor.exclude, filesExclude: rs.filesExclude });
    }
    return out;
  }

  // ---------------------------------------------------------------- documents

  private didOpen(item: { uri: string; languageId: string; version: number; text: string }): void {
    const existing = this.docs.get(item.uri);
    if (existing) this.forget(existing);
    // A client without VS Code's document selector may send every document: only Python is checked.
    if (item.languageId !== 'python' && !/\.pyi?$/.test(item.uri)) {
      this.notPython.add(item.uri);
      return;
    }
    const isFile = item.uri.startsWith('file:');
    const path = pathOfUri(item.uri);
    const named = isFile && isAbsolute(path) ? new ModuleNamer().nameOf(path) : { module: basename(path).replace(/\.pyi?$/, '') || 'untitled', isPackage: false };
    const doc = new OpenDocument(item.uri, path, isFile, named.module, named.isPackage, item.languageId, item.version, item.text);
    this.docs.set(doc.uri, doc);
    this.docsByPath.set(doc.path, doc);
    this.clientUris.set(doc.path, doc.uri);
    this.scannedPaths.delete(doc.path);
    this.schedule(doc, 0);
    if (!this.typingWarmUpScheduled) {
      this.typingWarmUpScheduled = true;
      this.warmUpTypingWhenQuiet(TYPING_WARM_UP_AFTER_MS);
    }
  }

  /** Whether the client sent a message in the last WARM_UP_QUIET_MS (false when the transport cannot tell). */
  private clientBusy(): boolean {
    const lastInput = this.options.lastInput;
    return lastInput !== undefined && performance.now() - lastInput() < WARM_UP_QUIET_MS;
  }

  /** After the first open, once the client is quiet: warmUpTyping() (a few milliseconds). */
  private warmUpTypingWhenQuiet(delay: number, tries = 10): void {
    setTimeout(() => {
      if (this.shuttingDown || !this.parser) return;
      if (this.clientBusy() && tries > 0) {
        this.warmUpTypingWhenQuiet(WARM_UP_QUIET_MS, tries - 1);
        return;
      }
      try {
        warmUpTyping(this.parser);
      } catch (e) {
        this.log('warn', `typing warm-up failed: ${(e as Error).message}`);
      }
    }, delay).unref();
  }

  private didChange(uri: string, version: number, changes: Parameters<OpenDocument['update']>[0]): void {
    const doc = this.docs.get(uri);
    if (!doc) {
      if (!this.notPython.has(uri)) this.log('warn', `didChange for a document that is not open: ${uri}`);
      return;
    }
    doc.update(changes, version);
    this.schedule(doc);
  }

  private didClose(uri: string): void {
    this.notPython.delete(uri);
    const doc = this.docs.get(uri);
    if (!doc) return;
    this.forget(doc);
    const project = this.projectOf(doc);
    // The index holds the file as it is on disk, not as the editor last had it.
    if (doc.isFile && this.parser && this.index.get(doc.path)) this.index.updateFile(doc.path, this.parser);
    if (this.scanDone && doc.isFile && this.index.get(doc.path)) {
      // After a workspace scan, closed files keep their (on-disk) findings.
      this.scannedPaths.add(doc.path);
      void this.publishClosed(project, [doc.path]);
    } else {
      this.publish(doc.uri, [], null);
    }
    this.rerunOpenDocuments(project.key);
  }

  private forget(doc: OpenDocument): void {
    doc.dispose();
    this.docs.delete(doc.uri);
    if (this.docsByPath.get(doc.path) === doc) this.docsByPath.delete(doc.path);
  }

  /**
   * Analyses `doc` after its debounce delay (the last known `diagnosticsDelay`, or `delay`);
   * `full`: parse the whole text (no quick analysis of the function typed in).
   */
  private schedule(doc: OpenDocument, delay?: number, full = false): void {
    if (doc.timer) {
      clearTimeout(doc.timer as NodeJS.Timeout);
      clearImmediate(doc.timer as NodeJS.Immediate);
    }
    const ms = delay ?? doc.delay;
    const version = doc.version;
    const run = () => {
      doc.timer = undefined;
      void this.guard('analysis', undefined, () => this.run(doc, version, full))();
    };
    doc.timer = ms <= 0 ? setImmediate(run) : setTimeout(run, ms);
  }

  private rerunOpenDocuments(projectKey?: string): void {
    for (const doc of this.docs.values()) {
      if (projectKey === undefined || this.projectOf(doc).key === projectKey) this.schedule(doc, 0);
    }
  }

  private isCurrent(doc: OpenDocument, version: number): boolean {
    return !this.shuttingDown && this.docs.get(doc.uri) === doc && doc.version === version;
  }

  private async run(doc: OpenDocument, version: number, full = false): Promise<void> {
    if (!this.isCurrent(doc, version) || !this.parser) return;
    const rs = await this.settings.get(doc.uri);
    if (!this.isCurrent(doc, version)) return;
    if (this.indexing && !doc.waitedForIndex) {
      // A first check without the rest of the project could flag code that is fine; give the index a moment.
      doc.waitedForIndex = true;
      await Promise.race([this.indexing, new Promise((r) => setTimeout(r, INDEX_WAIT_MS))]);
      if (!this.isCurrent(doc, version)) return;
    }
    doc.delay = rs.editor.diagnosticsDelay;
    const project = this.projectOf(doc);
    if (!rs.editor.enable || this.isExcluded(doc, project, rs)) {
      const had = doc.summary !== undefined;
      doc.summary = undefined;
      doc.analysedVersion = doc.version;
      doc.findings = [];
      this.publish(doc.uri, [], doc.version, true);
      if (had) for (const other of this.docs.values()) if (other !== doc && this.projectOf(other).key === project.key) this.schedule(other, 0);
      return;
    }
    const outcome = doc.analyse(
      this.parser,
      {
        lockFactories: project.config.settings.lockFactories,
        threadSafeTypes: project.config.settings.threadSafeTypes,
        maxFileBytes: project.config.settings.maxFileBytes,
      },
      { quick: !full },
    );
    let problem: string | undefined;
    if (outcome.ok) {
      doc.summary = outcome.summary;
      const error = outcome.summary.syntaxErrors[0];
      if (error) problem = `syntax error at ${error[0] + 1}:${error[1] + 1}; findings are reported for the parts that parse`;
    } else {
      doc.summary = undefined;
      problem = `not analysed: ${outcome.reason}`;
    }
    if (problem !== doc.problem) {
      if (problem) this.log(outcome.ok ? 'info' : 'warn', `${doc.path}: ${problem}`);
      else if (doc.problem) this.log('info', `${doc.path}: analysed again`);
      doc.problem = problem;
    }
    const settings = mergeSettings(project.config.settings, rs.editor);
    doc.settings = settings;
    doc.settingsKey = JSON.stringify(settings);
    doc.analysedVersion = doc.version;
    // A settling parse publishes only what changed; every other run publishes for its version.
    this.crossFile(project, settings, doc, !full);
    // A quick analysis (only the function typed in was parsed again) is followed by a parse of the
    // whole text when typing pauses: the same summary unless the function has a syntax error,
    // where the parser's recovery can differ; it also gives code actions a current tree.
    if (doc.quick) this.schedule(doc, QUICK_SETTLE_MS, true);
  }

  /**
   * The cross-file pass after `trigger` was analysed. Where the exact pass over
   * the whole project fits the per-keystroke budget it runs at once; otherwise
   * a quick pass over the file's neighbourhood answers now and the exact pass
   * follows when edits pause.
   */
  private crossFile(project: Project, settings: LintSettings, trigger: OpenDocument, force = true): void {
    const open = this.openIn(project.key);
    const files = this.projectSummaries(project.key, open);
    if (!trigger.summary || this.exactPassFits(project.key, files.length)) {
      this.cancelExactPass(project.key);
      this.exactPass(project, settings, trigger, files, open, force);
      return;
    }
    const findings = findingsFor(neighbourhood(trigger.summary, files), settings, { only: new Set([trigger.path]), runtimeMemo: this.runtimeMemo(`${project.key}\0quick\0${trigger.settingsKey ?? ''}`) });
    // Fixes are kept per version; a settling parse can change the findings of the same version.
    if (JSON.stringify(findings) !== JSON.stringify(trigger.findings)) trigger.fixes = undefined;
    trigger.findings = findings;
    this.publish(trigger.uri, findings.map((f) => this.diagnostic(f)), trigger.analysedVersion, force);
    this.scheduleExactPass(project, settings, trigger);
  }

  /**
   * The exact cross-file pass over the whole project: publishes `trigger`'s
   * diagnostics (always, when `force`), and those of the project's other open
   * documents with the same settings whose findings changed.
   */
  private exactPass(project: Project, settings: LintSettings, trigger: OpenDocument, files: FileSummary[], open: OpenDocument[], force: boolean): void {
    if (!trigger.summary) {
      trigger.findings = [];
      this.publish(trigger.uri, [], trigger.analysedVersion, force);
    }
    // Open documents of the project whose editor settings differ (another workspace folder) get a pass with theirs.
    const groups = new Map<string, { settings: LintSettings; docs: OpenDocument[] }>([[trigger.settingsKey ?? '', { settings, docs: [] }]]);
    for (const doc of open) {
      if (!doc.summary || !doc.settings || doc.settingsKey === undefined) continue;
      let group = groups.get(doc.settingsKey);
      if (!group) groups.set(doc.settingsKey, (group = { settings: doc.settings, docs: [] }));
      group.docs.push(doc);
    }
    const started = performance.now();
    for (const [settingsKey, group] of groups) {
      if (group.docs.length === 0) continue;
      const byPath = groupByPath(findingsFor(files, group.settings, { runtimeMemo: this.runtimeMemo(`${project.key}\0exact\0${settingsKey}`) }));
      for (const doc of group.docs) {
        const findings = byPath.get(doc.path) ?? [];
        if (JSON.stringify(findings) !== JSON.stringify(doc.findings)) doc.fixes = undefined;
        doc.findings = findings;
        this.publish(doc.uri, findings.map((f) => this.diagnostic(f)), doc.analysedVersion, force && doc === trigger);
      }
    }
    const ms = performance.now() - started;
    const previous = this.exactPassMs.get(project.key);
    this.exactPassMs.set(project.key, previous === undefined ? ms : (previous + ms) / 2);
  }

  /** The import-time analysis kept between passes of one kind, with one set of settings, over one project (at most a few kept). */
  private runtimeMemo(key: string): RuntimeMemo {
    let memo = this.runtimeMemos.get(key);
    if (!memo) {
      if (this.runtimeMemos.size >= 8) this.runtimeMemos.delete(this.runtimeMemos.keys().next().value!);
      this.runtimeMemos.set(key, (memo = new RuntimeMemo()));
    }
    return memo;
  }

  private exactPassFits(projectKey: string, files: number): boolean {
    const estimate = this.exactPassMs.get(projectKey) ?? (files > LARGE_PROJECT_FILES ? Infinity : 0);
    return estimate <= EXACT_PASS_BUDGET_MS;
  }

  private scheduleExactPass(project: Project, settings: LintSettings, trigger: OpenDocument): void {
    this.cancelExactPass(project.key);
    const timer = setTimeout(() => {
      this.exactPassTimers.delete(project.key);
      void this.guard('exact pass', undefined, () => {
        if (this.shuttingDown || this.docs.get(trigger.uri) !== trigger) return;
        const open = this.openIn(project.key);
        this.exactPass(project, trigger.settings ?? settings, trigger, this.projectSummaries(project.key, open), open, false);
      })();
    }, EXACT_PASS_IDLE_MS);
    this.exactPassTimers.set(project.key, timer);
  }

  private cancelExactPass(projectKey: string): void {
    const timer = this.exactPassTimers.get(projectKey);
    if (timer) clearTimeout(timer);
    this.exactPassTimers.delete(projectKey);
  }

  private openIn(projectKey: string): OpenDocument[] {
    return [...this.docs.values()].filter((d) => this.projectOf(d).key === projectKey);
  }

  /** The project's summaries: the index's, with open documents' in-memory summaries in place of their files'. */
  private projectSummaries(projectKey: string, open: OpenDocument[]): FileSummary[] {
    const openPaths = new Set(open.map((d) => d.path));
    const files = this.index.summariesOf(projectKey).filter((s) => !openPaths.has(s.path));
    for (const d of open) if (d.summary) files.push(d.summary);
    return files;
  }

  private projectOf(doc: OpenDocument): Project {
    if (doc.isFile) return this.projects.of(doc.path);
    return { key: `document:${doc.uri}`, config: { root: process.cwd(), settings: DEFAULT_SETTINGS, exclude: [] }, folder: undefined };
  }

  /**
   * An open document the scan would not check: excluded by pyproject, `threadlint.exclude` or
   * `files.exclude`, or inside a folder the scan never walks into (a virtual environment,
   * `node_modules`, ...; an installed package's `site-packages` or `dist-packages`, opened with
   * "Go to Definition") below its workspace folder or project root.
   */
  private isExcluded(doc: OpenDocument, project: Project, rs: ResourceSettings): boolean {
    if (!doc.isFile) return false;
    if (this.exclusion(project.config.root, project.config.exclude).matches(doc.path)) return true;
    const root = project.folder ?? project.config.root;
    const inside = doc.path.startsWith(`${root}${sep}`) ? doc.path.slice(root.length + 1).split(sep).slice(0, -1) : [];
    if (inside.some((part) => ALWAYS_SKIPPED.has(part) || part === 'site-packages' || part === 'dist-packages')) return true;
    return project.folder !== undefined && this.exclusion(project.folder, [...rs.editor.exclude, ...rs.filesExclude]).matches(doc.path);
  }

  private exclusion(root: string, patterns: string[]): PathGlobs {
    const key = JSON.stringify([root, patterns]);
    let e = this.exclusions.get(key);
    if (!e) this.exclusions.set(key, (e = new PathGlobs(root, patterns)));
    return e;
  }

  // ---------------------------------------------------------------- publishing

  private uriOf(path: string): string {
    const open = this.docsByPath.get(path);
    if (open) return open.uri;
    const known = this.clientUris.get(path);
    if (known) return known;
    return isAbsolute(path) ? pathToFileURL(path).href : path;
  }

  private diagnostic(f: Finding): Diagnostic {
    const open = this.docsByPath.get(f.path);
    return toDiagnostic(f, (p) => this.uriOf(p), open ? open.analysedVersion : null);
  }

  private publish(uri: string, diagnostics: Diagnostic[], version: number | null, force = false): void {
    const key = JSON.stringify(diagnostics);
    // (Keyed by path: however the client encoded the URI.)
    const file = pathOfUri(uri);
    if (!force && this.published.get(file) === key) return;
    if (diagnostics.length === 0) this.published.delete(file);
    else this.published.set(file, key);
    void this.connection
      .sendDiagnostics(version === null ? { uri, diagnostics } : { uri, version, diagnostics })
      .catch((e: Error) => this.log('warn', `could not publish diagnostics for ${uri}: ${e.message}`));
  }

  /** Publishes the findings of closed files (from the index) after a scan or a change on disk. */
  private async publishClosed(project: Project, paths: string[]): Promise<void> {
    const folderUri = project.folder ? this.folders.find((f) => f.path === project.folder)?.uri : undefined;
    const rs = await this.settings.get(folderUri);
    const wanted = paths.filter((p) => !this.docsByPath.has(p));
    if (wanted.length === 0) return;
    if (!rs.editor.enable) {
      for (const p of wanted) this.publish(this.uriOf(p), [], null);
      return;
    }
    const open = this.openIn(project.key);
    const byPath = groupByPath(findingsFor(this.projectSummaries(project.key, open), mergeSettings(project.config.settings, rs.editor)));
    for (const p of wanted) this.publish(this.uriOf(p), (byPath.get(p) ?? []).map((f) => this.diagnostic(f)), null);
  }

  // ---------------------------------------------------------------- code actions

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.docs.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const out: CodeAction[] = [];
    if (wantsFixAll(only)) {
      const computed = await this.fixAll(doc);
      if (computed) out.push(computed.action);
    }
    if (wantsQuickFixes(only)) out.push(...(await this.quickFixes(doc, params)));
    return out;
  }

  /**
   * `threadlint.applyFixAll` (the extension's "Fix all safe problems in this file", or any client's
   * command): the edit of `source.fixAll.threadlint` for an open document, applied through
   * `workspace/applyEdit`. A version given with the URI must still be the document's.
   */
  private async applyFixAll(arg: unknown): Promise<FixAllResult> {
    const target = typeof arg === 'string' ? { uri: arg } : (arg as { uri?: unknown; version?: unknown } | undefined);
    if (typeof target?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'threadlint.applyFixAll takes { uri, version? } of an open document');
    const doc = this.docs.get(target.uri);
    if (!doc) return { fixed: 0, applied: false, reason: 'the document is not open' };
    if (typeof target.version === 'number' && target.version !== doc.version) return { fixed: 0, applied: false, reason: 'the document has changed' };
    if (this.capabilities.workspace?.applyEdit !== true) return { fixed: 0, applied: false, reason: 'the client cannot apply edits (workspace.applyEdit)' };
    const computed = await this.fixAll(doc);
    if (!computed) return { fixed: 0, applied: false, reason: 'nothing to fix' };
    const { action, fixed } = computed;
    const answer = await this.connection.workspace.applyEdit({ label: action.title, edit: action.edit! });
    return answer.applied ? { fixed, applied: true } : { fixed: 0, applied: false, reason: answer.failureReason ?? 'the client did not apply the edit' };
  }

  /**
   * `source.fixAll.threadlint`: the safe fixes of the document's current text
   * that edit only this document (never suppressions), as one action; null when
   * there is nothing to fix, the document is disabled or excluded, or it
   * changed while the fixes were computed.
   */
  private async fixAll(doc: OpenDocument): Promise<{ action: CodeAction; fixed: number } | null> {
    if (!this.parser) return null;
    const version = doc.version;
    const text = doc.text;
    const rs = await this.settings.get(doc.uri);
    const project = this.projectOf(doc);
    if (!rs.editor.enable || this.isExcluded(doc, project, rs)) return null;
    const settings = mergeSettings(project.config.settings, rs.editor);
    let result;
    try {
      result = await fixDocument(doc.path, text, { settings, others: this.projectSummaries(project.key, this.openIn(project.key)) });
    } catch (e) {
      this.log('warn', `${doc.path}: could not fix all: ${(e as Error).stack ?? e}`);
      return null;
    }
    if (this.docs.get(doc.uri) !== doc || doc.version !== version) return null;
    const action = fixAllAction(doc.uri, version, result.edits, this.capabilities.workspace?.workspaceEdit?.documentChanges === true);
    return action ? { action, fixed: result.fixed } : null;
  }

  private async quickFixes(doc: OpenDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const byKey = await this.fixesOf(doc, params.context.diagnostics);
    return codeActionsFor(
      { uri: doc.uri, version: doc.version, lineText: (l) => doc.lineText(l), tree: doc.currentTree },
      params.context.diagnostics,
      params.context.only,
      {
        versionedEdits: this.capabilities.workspace?.workspaceEdit?.documentChanges === true,
        fixesFor: byKey ? (d) => byKey.get(rangeKey(String(d.code), d.range.start)) : undefined,
        uriOf: (p) => this.uriOf(p),
        versionOf: (p) => this.docsByPath.get(p)?.version ?? null,
      },
    );
  }

  /**
   * The core's fixes for the document's findings that `wanted` (a code-action request's
   * diagnostics) names, computed when first asked for in a version and kept for it: each fix is
   * checked by parsing (and analysing) the fixed file, too costly for every finding of a large file
   * each time the cursor moves. Undefined when the findings are not of the current text or the
   * fixes cannot be computed: the server's own suppression action is offered then.
   */
  private async fixesOf(doc: OpenDocument, wanted: readonly Diagnostic[]): Promise<Map<string, Fix[]> | undefined> {
    if (!this.parser || doc.analysedVersion !== doc.version || doc.findings.length === 0) return undefined;
    const version = doc.version;
    if (doc.fixes?.version !== version) doc.fixes = { version, byKey: new Map(), computed: new Set() };
    const cache = doc.fixes;
    const keys = new Set(wanted.map((d) => rangeKey(String(d.code), d.range.start)));
    const missing = doc.findings.filter((f) => keys.has(rangeKey(f.code, f.range.start)) && !cache.computed.has(rangeKey(f.code, f.range.start)));
    if (missing.length === 0) return cache.byKey;
    const project = this.projectOf(doc);
    // The findings on the same objects shape the fixes (neighbouring regions merge, a lock one region
    // re-enters is made re-entrant for all), as in the CLI; only the wanted ones are checked.
    const objectOf = (f: Finding) => (f.related[0] ? `${f.related[0].path}:${f.related[0].range.start.line}:${f.related[0].range.start.character}` : `${f.code}:${f.range.start.line}`);
    const objects = new Set(missing.map(objectOf));
    const all: Finding[] = doc.findings.filter((f) => objects.has(objectOf(f))).map((f) => ({ ...f, related: [...f.related], fixes: undefined }));
    const wantedKeys = new Set(missing.map((f) => rangeKey(f.code, f.range.start)));
    const findings = all.filter((f) => wantedKeys.has(rangeKey(f.code, f.range.start)));
    try {
      await computeFixes(all, (path) => this.docsByPath.get(path)?.text ?? readText(path, project.config.settings.maxFileBytes), {
        summaries: this.projectSummaries(project.key, this.openIn(project.key)),
        models: { lockFactories: project.config.settings.lockFactories, threadSafeTypes: project.config.settings.threadSafeTypes },
        parser: this.parser,
        only: (f) => wantedKeys.has(rangeKey(f.code, f.range.start)),
      });
    } catch (e) {
      this.log('warn', `${doc.path}: could not compute fixes: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    if (doc.version !== version || doc.fixes !== cache) return undefined;
    for (const f of findings) {
      const key = rangeKey(f.code, f.range.start);
      cache.computed.add(key);
      if (f.fixes) cache.byKey.set(key, f.fixes);
    }
    return cache.byKey;
  }

  // ---------------------------------------------------------------- configuration and files

  private configurationChanged(pushed: unknown): void {
    this.settings.changed(pushed);
    this.exclusions.clear();
    this.rerunOpenDocuments();
    void this.refreshAfterChange();
  }

  /** Re-reads what changed on disk (or in the exclusions), then re-checks open and scanned files. */
  private async refreshAfterChange(): Promise<void> {
    if (this.folders.length > 0) {
      const result = await this.index.refresh(await this.indexFolders());
      if (result.analysed > 0) this.rerunOpenDocuments();
    }
    await this.republishScanned();
  }

  private async republishScanned(): Promise<void> {
    if (this.scannedPaths.size === 0) return;
    const byProject = new Map<string, { project: Project; paths: string[] }>();
    for (const path of this.scannedPaths) {
      if (!this.index.get(path)) {
        this.scannedPaths.delete(path);
        this.publish(this.uriOf(path), [], null);
        continue;
      }
      const project = this.projects.of(path);
      let group = byProject.get(project.key);
      if (!group) byProject.set(project.key, (group = { project, paths: [] }));
      group.paths.push(path);
    }
    for (const { project, paths } of byProject.values()) await this.publishClosed(project, paths);
  }

  /**
   * An `entry_points.txt` (or its `*.egg-info`/`*.dist-info` folder, deleted whole) that
   * packagingEntryPoints() reads: in a project's or workspace folder's root or `src/`, not a
   * virtual environment's `site-packages` inside the workspace.
   */
  private entryPointsChange(path: string): boolean {
    const meta = basename(path) === ENTRY_POINTS_TXT ? dirname(path) : path;
    if (!/\.(egg|dist)-info$/.test(meta)) return false;
    let root = dirname(meta);
    if (basename(root) === 'src') root = dirname(root);
    return this.folders.some((f) => f.path === root) || existsSync(join(root, CONFIG_FILE));
  }

  private async watchedFilesChanged(): Promise<void> {
    this.watchedTimer = undefined;
    const changes = [...this.watchedPending];
    this.watchedPending.clear();
    let configChanged = false;
    const touched = new Set<string>();
    // A branch switch or a `git pull` changes many files at once: the index reads them again on its
    // worker threads (refresh()) rather than one by one here, where they would hold up every request.
    const many = this.index.ready && changes.filter(([uri]) => isPythonSource(uri)).length > MANY_CHANGED_FILES;
    for (const [uri, type] of changes) {
      let path: string;
      try {
        path = fileURLToPath(uri);
      } catch {
        continue;
      }
      if (basename(path) === CONFIG_FILE || basename(path) === SETUP_CFG || this.entryPointsChange(path)) {
        configChanged = true;
      } else if (isPythonSource(path) && !this.docsByPath.has(path) && this.parser) {
        if (type === FileChangeType.Deleted) {
          this.index.remove(path);
          if (this.scannedPaths.delete(path)) this.publish(this.uriOf(path), [], null);
        } else if (this.index.ready && this.projects.folderOf(path)) {
          if (!many) this.index.updateFile(path, this.parser);
        } else if (this.projects.folderOf(path)) {
          // Indexing may have read it before the change: read again once it is done (startIndexing).
          this.changedWhileIndexing.add(path);
        }
        touched.add(path);
      }
    }
    if (many && !configChanged) {
      this.log('info', `${touched.size} Python files changed on disk: refreshing the index`);
      this.index.invalidate(touched);
      await this.refreshAfterChange();
      // After a scan, new files get their diagnostics too (the few-files path adds them as it goes).
      if (this.scanDone) {
        const fresh = [...touched].filter((p) => !this.scannedPaths.has(p) && !this.docsByPath.has(p) && this.index.get(p));
        for (const p of fresh) this.scannedPaths.add(p);
        if (fresh.length > 0) await this.republishScanned();
      }
      return;
    }
    if (configChanged) {
      this.log('info', `configuration changed (${CONFIG_FILE}, ${SETUP_CFG} or an installed package's entry points): reloading it`);
      clearConfigCache();
      this.projects.reset();
      this.exclusions.clear();
      this.index.invalidateAll();
      this.rerunOpenDocuments();
      await this.refreshAfterChange();
      return;
    }
    if (touched.size === 0) return;
    const projects = new Map<string, Project>();
    for (const path of touched) {
      const project = this.projects.of(path);
      projects.set(project.key, project);
    }
    for (const project of projects.values()) {
      this.rerunOpenDocuments(project.key);
      const scanned = [...touched].filter((p) => this.scannedPaths.has(p) || (this.scanDone && this.index.get(p)));
      for (const p of scanned) this.scannedPaths.add(p);
      if (scanned.length > 0) await this.publishClosed(project, scanned);
    }
  }

  private configError(error: ConfigError): void {
    this.log('error', error.message);
    this.showMessage(MessageType.Error, `threadlint: ${error.message} (using the default settings for this project)`);
  }

  // ---------------------------------------------------------------- commands

  private async executeCommand(params: ExecuteCommandParams, token: CancellationToken, progress: WorkDoneProgressReporter | undefined): Promise<unknown> {
    switch (params.command) {
      case ServerCommands.scanWorkspace:
        return this.scanWorkspace(token, progress);
      case ServerCommands.showRuleDocumentation: {
        const arg = params.arguments?.[0];
        const rule = typeof arg === 'string' ? findRule(arg) : undefined;
        if (!rule) {
          this.showMessage(MessageType.Warning, `threadlint: no rule is called ${JSON.stringify(arg)}.`);
          return null;
        }
        const url = docsUrl(rule);
        if (this.capabilities.window?.showDocument?.support) {
          await this.connection.window.showDocument({ uri: url, external: true });
        } else {
          this.showMessage(MessageType.Info, `threadlint ${rule.code} (${rule.name}): ${url}`);
        }
        return { code: rule.code, url };
      }
      case ServerCommands.applyFixAll:
        return this.applyFixAll(params.arguments?.[0]);
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `threadlint: no command is called ${JSON.stringify(params.command)}`);
    }
  }

  /**
   * `threadlint.scanWorkspace`: refreshes the index (only new and changed
   * files are read), runs the cross-file pass per project and publishes every
   * file's diagnostics, with cancellable work-done progress. Open documents
   * keep being analysed while it runs; they are re-checked at the end.
   */
  private async scanWorkspace(token: CancellationToken, clientProgress: WorkDoneProgressReporter | undefined): Promise<ScanResult> {
    const started = performance.now();
    const progress = clientProgress ?? (await this.serverProgress());
    let cancelled = false;
    const cancellation = new Promise<void>((resolve) => {
      const cancel = () => {
        cancelled = true;
        resolve();
      };
      token.onCancellationRequested(cancel);
      (progress as { token?: CancellationToken }).token?.onCancellationRequested(cancel);
    });
    const result: ScanResult = { cancelled: false, files: 0, skipped: 0, findings: 0, filesWithFindings: 0, byRule: {}, durationMs: 0 };
    const finish = (message: string): ScanResult => {
      result.durationMs = Math.round(performance.now() - started);
      progress.done();
      this.showMessage(MessageType.Info, message);
      this.log('info', message);
      return result;
    };
    progress.begin('threadlint: scanning the workspace', 0, 'Finding Python files…', true);
    const report = throttle((done: number, total: number) => progress.report(Math.floor(percent(done, total) * 0.9), `${done}/${total} files`));
    const unwatch = this.index.watchProgress(report);
    let refresh;
    try {
      if (this.index.refreshing) await Promise.race([this.index.idle(), cancellation]);
      if (!cancelled) refresh = await this.index.refresh(await this.indexFolders(), { isCancelled: () => cancelled, cancelled: cancellation });
    } finally {
      unwatch();
    }
    if (cancelled || !refresh || refresh.cancelled) {
      result.cancelled = true;
      return finish('threadlint: workspace scan cancelled.');
    }
    progress.report(92, 'Checking across files…');

    const byProject = new Map<string, { project: Project; paths: string[] }>();
    for (const path of refresh.files) {
      const project = this.projects.of(path);
      let group = byProject.get(project.key);
      if (!group) byProject.set(project.key, (group = { project, paths: [] }));
      group.paths.push(path);
    }
    const inScan = new Set(refresh.files);
    result.files = refresh.files.length;
    result.skipped = refresh.problems.length;
    // Named in the output (the summary only counts them), with the reason, as the CLI prints them.
    for (const p of refresh.problems) this.log('info', `skipped ${p.path}: ${p.reason}`);
    for (const path of refresh.files) {
      const problem = this.index.get(path)?.problem;
      if (!problem) continue;
      result.skipped++;
      this.log('info', `skipped ${path}: ${problem}`);
    }
    for (const { project, paths } of byProject.values()) {
      if (cancelled) break;
      // Let edits and their diagnostics through between projects.
      await new Promise((r) => setImmediate(r));
      const folderUri = project.folder ? this.folders.find((f) => f.path === project.folder)?.uri : undefined;
      const rs: ResourceSettings = await this.settings.get(folderUri);
      const closed = paths.filter((p) => !this.docsByPath.has(p));
      if (!rs.editor.enable) {
        for (const p of closed) this.publish(this.uriOf(p), [], null);
        continue;
      }
      const open = this.openIn(project.key);
      const findings = findingsFor(this.projectSummaries(project.key, open), mergeSettings(project.config.settings, rs.editor));
      const byPath = groupByPath(findings);
      for (const f of findings) {
        if (!inScan.has(f.path)) continue;
        result.findings++;
        result.byRule[f.code] = (result.byRule[f.code] ?? 0) + 1;
      }
      for (const [path, list] of byPath) if (inScan.has(path) && list.length > 0) result.filesWithFindings++;
      for (const p of closed) {
        this.scannedPaths.add(p);
        this.publish(this.uriOf(p), (byPath.get(p) ?? []).map((f) => this.diagnostic(f)), null);
      }
    }
    // Files published before that are no longer part of the workspace.
    for (const path of [...this.scannedPaths]) {
      if (!inScan.has(path)) {
        this.scannedPaths.delete(path);
        this.publish(this.uriOf(path), [], null);
      }
    }
    this.rerunOpenDocuments();
    if (cancelled) {
      result.cancelled = true;
      return finish('threadlint: workspace scan cancelled.');
    }
    this.scanDone = true;
    const rules = Object.entries(result.byRule)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const noun = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return finish(
      `threadlint: ${noun(result.findings, 'finding')} in ${noun(result.filesWithFindings, 'file')} ` +
        `(${noun(result.files, 'file')} checked in ${seconds} s${result.skipped ? `, ${result.skipped} skipped` : ''})${rules ? `: ${rules}` : ''}.`,
    );
  }

  /** A server-initiated progress (its `token` cancels on `window/workDoneProgress/cancel`), or a silent one. */
  private async serverProgress(): Promise<WorkDoneProgressReporter> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch (e) {
      this.log('warn', `no progress reporting: ${(e as Error).message}`);
      return { begin() {}, report() {}, done() {} };
    }
  }

  // ---------------------------------------------------------------- safety

  /** `window/showMessage` (a notification: nothing to answer, nothing to wait for). */
  private showMessage(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  }

  private log(level: Level, message: string): void {
    try {
      this.connection.console[level](message);
    } catch {
      // the connection is gone; nothing left to tell
    }
  }

  /** Wraps a handler so that an exception (sync or async) is logged and answered with `fallback`. */
  /**
   * A request handler: as `guard`, and answered with an error once the client has asked the
   * server to shut down (the protocol's rule: `InvalidRequest` for any request after `shutdown`).
   */
  private request<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    const guarded = this.guard(name, fallback, handler);
    return async (...args: A) => {
      if (this.shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, `threadlint: ${name} after shutdown`);
      return guarded(...args);
    };
  }

  /**
   * Runs a handler so that a failure is logged and answered with `fallback`, never thrown at the
   * connection; a `ResponseError` (a deliberate answer, such as an unknown command) goes through.
   */
  private guard<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        this.log('error', `${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };
  }
}

/** The path of a `file:` URI (however it is percent-encoded), or the URI itself (`untitled:`, one Node cannot read). */
function pathOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

function toFolders(list: WorkspaceFolder[]): Folder[] {
  const out: Folder[] = [];
  for (const f of list) {
    if (!f.uri.startsWith('file:')) continue;
    try {
      out.push({ uri: f.uri, path: fileURLToPath(f.uri).replace(/(.)\/+$/, '$1') });
    } catch {
      // not a local folder
    }
  }
  return out;
}

function rangeKey(code: string, start: { line: number; character: number }): string {
  return `${code}:${start.line}:${start.character}`;
}

/** A file's text for the fixers, or undefined when it cannot be read as source. */
function readText(path: string, maxBytes: number): string | undefined {
  const read = readSource(path, maxBytes);
  return 'text' in read ? read.text : undefined;
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = out.get(f.path);
    if (!list) out.set(f.path, (list = []));
    list.push(f);
  }
  return out;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

/** At most one call per 100 ms, but always the last one (100%). */
function throttle(fn: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    fn(done, total);
  };
}
