/**
 * Entry point of the threadlint language server (bundled to dist/server.js).
 * `node dist/server.js --stdio` or `--node-ipc` (vscode-languageserver reads
 * the transport from the arguments); `threadlint server` runs it over stdio.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

/** Starts the server: over stdin/stdout when `stdio` is set, otherwise on the transport named in the process arguments. */
export function runServer(options: { stdio?: boolean } = {}): void {
  const connection = options.stdio
    ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    : createConnection(ProposedFeatures.all);
  startServer(connection);
}

if (require.main === module) runServer();
