/**
 * The VS Code extension: a thin client that starts the bundled language
 * server (dist/server.js) over Node IPC, forwards the workspace-scan command
 * to it and shows a status-bar summary. All analysis, settings resolution
 * (the server pulls `threadlint.*` per resource) and code actions live in the
 * server, so the same server serves Neovim, Emacs and VS Code alike.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LSPErrorCodes,
  ResponseError,
  State,
  TransportKind,
  WorkDoneProgress,
  type DynamicFeature,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import { ServerCommands, type FixAllResult } from '../../server/src/lsp/protocol';
import { showRuleDocumentation } from './ruleDocs';
import { StatusBar } from './statusBar';

/** Command ids; the same strings are contributed in package.json. */
export const Commands = {
  scanWorkspace: 'threadlint.scanWorkspace',
  restart: 'threadlint.restart',
  showOutput: 'threadlint.showOutput',
  showRuleDocumentation: 'threadlint.showRuleDocumentation',
  fixAll: 'threadlint.fixAll',
} as const;

const CLIENT_COMMANDS: ReadonlySet<string> = new Set(Object.values(Commands));

/**
 * A LanguageClient that leaves the extension's own command ids to the
 * extension: the stock client registers a VS Code command for every command
 * the server lists in `executeCommandProvider`, and registering an id twice
 * throws. The server may list `threadlint.scanWorkspace`; the extension's
 * command of that name sends the request itself and tracks the scan.
 */
class ThreadlintClient extends LanguageClient {
  override registerFeature(feature: StaticFeature | DynamicFeature<any>): void {
    const dynamic = feature as DynamicFeature<any>;
    if (dynamic.registrationType?.method === ExecuteCommandRequest.method) {
      const register = dynamic.register.bind(dynamic);
      dynamic.register = (data) => {
        const commands: string[] | undefined = data.registerOptions?.commands;
        const others = commands?.filter((c) => !CLIENT_COMMANDS.has(c));
        register({ ...data, registerOptions: { ...data.registerOptions, commands: others } });
      };
    }
    super.registerFeature(feature);
  }
}

let client: ThreadlintClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('threadlint');
  const status = new StatusBar();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server keeps V8's compiled code of its bundle here (server/src/boot/codeCache.ts): VS Code's
  // storage for this extension, private to the user, so a restart skips compiling the server again.
  const env = { THREADLINT_CODE_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    // The server re-reads [tool.threadlint] when a pyproject.toml (or a setup.cfg, an entry_points.txt) changes. It
    // pulls `threadlint.*` per resource itself and registers for changes of
    // that section (and for *.py file events) dynamically.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{pyproject.toml,setup.cfg,entry_points.txt,*.egg-info,*.dist-info}') },
    outputChannel: output,
  };
  // The id `threadlint` makes the client honour `threadlint.trace.server`.
  const languageClient = new ThreadlintClient('threadlint', 'threadlint', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(languageClient.onDidChangeState((e) => status.setServerRunning(e.newState === State.Running)));

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(languageClient, status, output)),
    vscode.commands.registerCommand(Commands.restart, async () => {
      output.appendLine('Restarting the threadlint server.');
      if (languageClient.isRunning()) await languageClient.restart();
      else await languageClient.start();
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, (codeOrName?: unknown) =>
      showRuleDocumentation(context.extensionUri, typeof codeOrName === 'string' ? codeOrName : undefined),
    ),
    vscode.commands.registerCommand(Commands.fixAll, () => fixAll(languageClient, output)),
  );

  try {
    await languageClient.start();
  } catch (error) {
    // The client has logged the cause to the output channel; keep the
    // commands registered so that Restart and Show Output still work.
    status.setServerRunning(false);
    output.appendLine(`The threadlint server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  if (client?.needsStop()) await client.stop();
  client = undefined;
}

/**
 * "Fix All Safe Problems in This File": the server applies the active Python document's safe
 * fixes (the edit of `source.fixAll.threadlint`) through `workspace/applyEdit`, at the version the
 * editor shows, and says how many findings that fixed.
 */
async function fixAll(languageClient: LanguageClient, output: vscode.OutputChannel): Promise<FixAllResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('threadlint: open a Python file to fix.');
    return undefined;
  }
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage('The threadlint server is not running.');
    return undefined;
  }
  const { document } = editor;
  try {
    const result: FixAllResult = await languageClient.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.applyFixAll,
      arguments: [{ uri: languageClient.code2ProtocolConverter.asUri(document.uri), version: document.version }],
    });
    const message = result.applied
      ? `threadlint: fixed ${result.fixed} ${result.fixed === 1 ? 'finding' : 'findings'}.`
      : `threadlint: nothing fixed (${result.reason ?? 'no safe fix'}).`;
    vscode.window.setStatusBarMessage(message, 5000);
    return result;
  } catch (error) {
    output.appendLine(`Fix all failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('threadlint: fixing the file failed; see the output for details.');
    return undefined;
  }
}

/**
 * Asks the server to lint every Python file of the workspace. The request
 * carries a work-done token, so the server's progress (percentage and
 * message) shows in a notification whose Cancel button cancels the request;
 * the server publishes diagnostics as it goes and ends with a summary
 * message. The status bar says "scanning" until the server answers.
 */
async function scanWorkspace(languageClient: LanguageClient, status: StatusBar, output: vscode.OutputChannel): Promise<unknown> {
  if (!languageClient.isRunning()) {
    const choice = await vscode.window.showWarningMessage('The threadlint server is not running.', 'Restart', 'Show Output');
    if (choice === 'Restart') await vscode.commands.executeCommand(Commands.restart);
    else if (choice === 'Show Output') output.show(true);
    return undefined;
  }
  status.setScanning(true);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'threadlint: scanning the workspace', cancellable: true },
      async (progress, cancel) => {
        const workDoneToken = randomUUID();
        let reported = 0;
        const listener = languageClient.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'end') return;
          const percentage = value.percentage ?? reported;
          progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
          reported = Math.max(reported, percentage);
        });
        try {
          const result = await languageClient.sendRequest(
            ExecuteCommandRequest.type,
            { command: Commands.scanWorkspace, arguments: [], workDoneToken },
            cancel,
          );
          if (result !== undefined && result !== null) output.appendLine(`Workspace scan: ${JSON.stringify(result)}`);
          return result;
        } finally {
          listener.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return undefined;
    output.appendLine(`Workspace scan failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('threadlint: the workspace scan failed; see the output for details.');
    return undefined;
  } finally {
    status.setScanning(false);
  }
}
