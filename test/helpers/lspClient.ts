/**
 * A small LSP client for tests and benchmarks: spawns the bundled server
 * (`node dist/server.js --stdio`) as an editor would, speaks JSON-RPC over its
 * stdio with vscode-jsonrpc, answers the server's requests (configuration,
 * progress creation, capability registration, showDocument) and records what
 * it pushes (diagnostics, progress, messages, log lines) so tests can wait for
 * a specific notification with a timeout instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowDocumentParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

interface Waiter {
  test: () => boolean;
  resolve: () => void;
  fail: (why: string) => void;
}

export interface StartOptions {
  /** How the client spells file URIs (default: Node's `pathToFileURL`). */
  uri?: (path: string) => string;
  /** Workspace folder (a path); none when absent. */
  root?: string;
  /** The `threadlint` settings section the client answers with. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Extra arguments for the server, after `--stdio`. */
  args?: string[];
  /** Command to start instead of `node dist/server.js --stdio`. */
  command?: string[];
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true, showDocument: { support: true } },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
    applyEdit: true,
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly progress: { token: string | number; value: ProgressValue }[] = [];
  readonly createdTokens: (string | number)[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly registrations: unknown[] = [];
  /** `workspace/applyEdit` requests from the server (answered as applied). */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  stderr = '';
  settings: Record<string, unknown>;
  /** Per-resource settings: when set, answers `workspace/configuration` for a scope URI (falls back to `settings`). */
  settingsFor: ((scopeUri: string | undefined) => Record<string, unknown> | undefined) | undefined;
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private exited = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
    /** The URI this client sends for a path. */
    readonly uri: (path: string) => string,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const [cmd, ...cmdArgs] = options.command ?? [process.execPath, SERVER, '--stdio', ...(options.args ?? [])];
    const child = spawn(cmd, cmdArgs, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? { diagnosticsDelay: 0 }, options.uri ?? uri);
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    child.on('exit', () => {
      client.exited = true;
      client.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.push(p);
      client.notify();
    });
    connection.onNotification('$/progress', (p: { token: string | number; value: ProgressValue }) => {
      client.progress.push({ token: p.token, value: p.value });
      client.notify();
    });
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      client.messages.push(p);
      client.notify();
    });
    connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      client.logs.push(p);
      client.notify();
    });
    connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      client.createdTokens.push(p.token);
      return null;
    });
    connection.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      client.shownDocuments.push(p);
      client.notify();
      return { success: true };
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('client/registerCapability', (p: unknown) => {
      client.registrations.push(p);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      client.appliedEdits.push(p);
      client.notify();
      return { applied: true };
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
      p.items.map((item) => (item.section === 'threadlint' ? (client.settingsFor?.(item.scopeUri) ?? client.settings) : null)),
    );
    connection.listen();
    const root = options.root;
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? client.uri(root) : null,
      workspaceFolders: root ? [{ uri: client.uri(root), name: 'workspace' }] : null,
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when `test` holds (checked now and on every message), rejects after `ms`. */
  waitFor(what: string, test: () => boolean, ms = 10_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        const logs = this.logs.map((l) => `  ${l.message}`).join('\n');
        reject(new Error(`${why} waiting for ${what}\nserver log:\n${logs}\nstderr:\n${this.stderr}`));
      };
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        fail,
      };
      const timer = setTimeout(() => fail(`timed out after ${ms} ms`), ms);
      this.waiters.add(waiter);
    });
  }

  /** The next diagnostics published for `uri` after `from` (an index into `diagnostics`) that pass `test`. */
  async nextDiagnostics(uri: string, from: number, test: (p: PublishDiagnosticsParams) => boolean = () => true, ms?: number): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.waitFor(
      `diagnostics for ${uri}`,
      () => {
        found = this.diagnostics.slice(from).find((p) => p.uri === uri && test(p));
        return found !== undefined;
      },
      ms,
    );
    return found!;
  }

  /** The latest diagnostics published for `uri`, or undefined. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) if (this.diagnostics[i].uri === uri) return this.diagnostics[i];
    return undefined;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(path: string, text: string, languageId = 'python'): Promise<PublishDiagnosticsParams> {
    const from = this.diagnostics.length;
    const u = this.uri(path);
    this.versions.set(u, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return this.nextDiagnostics(u, from, (p) => p.version === 1);
  }

  /** Sends one didChange and waits for the diagnostics of the new version. */
  async change(path: string, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const from = this.diagnostics.length;
    const u = this.uri(path);
    const version = (this.versions.get(u) ?? 1) + 1;
    this.versions.set(u, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: changes });
    return this.nextDiagnostics(u, from, (p) => p.version === version);
  }

  async close(path: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(path) } });
  }

  /** Waits until the background index of the workspace folders has finished (its progress ended). */
  async indexed(ms = 30_000): Promise<void> {
    await this.waitFor('the end of indexing', () => {
      const begun = this.progress.find((p) => p.value.kind === 'begin' && p.value.title === 'threadlint: indexing');
      return begun !== undefined && this.progress.some((p) => p.token === begun.token && p.value.kind === 'end');
    }, ms);
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await Promise.race([new Promise((r) => (this.exited ? r(undefined) : this.process.once('exit', r))), new Promise((r) => setTimeout(r, 3000))]);
    if (!this.exited) this.process.kill('SIGKILL');
    this.connection.dispose();
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.delete(w);
        w.resolve();
      } else if (this.exited) {
        w.fail('the server exited');
      }
    }
  }
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * The URI VS Code sends for a file: every path segment percent-encoded except
 * the unreserved characters (`vscode-uri`'s `URI.file(path).toString()`), so a
 * folder named `a@b+c` is `a%40b%2Bc`, where Node's `pathToFileURL` keeps `@`
 * and `+` as they are.
 */
export function vscodeUri(path: string): string {
  const encode = (segment: string) =>
    encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `file://${path.split('/').map(encode).join('/')}`;
}
