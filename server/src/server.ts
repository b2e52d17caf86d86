/**
 * Entry point of the threadlint language server (bundled to dist/server.js).
 * `node dist/server.js --stdio` or `--node-ipc` (vscode-languageserver reads
 * the transport from the arguments); `threadlint server` runs it over stdio.
 */
import { performance } from 'node:perf_hooks';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

/** Starts the server: over stdin/stdout when `stdio` is set, otherwise on the transport named in the process arguments. */
export function runServer(options: { stdio?: boolean } = {}): void {
  const stdio = options.stdio || process.argv.includes('--stdio');
  const connection = options.stdio
    ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    : createConnection(ProposedFeatures.all);
  // When a message last arrived: the warm-up steps aside while the client is talking.
  let lastInput = -Infinity;
  const noteInput = () => {
    lastInput = performance.now();
  };
  startServer(connection, { lastInput: () => lastInput });
  // After startServer: the connection's own reader is the first to listen.
  if (stdio) process.stdin.on('data', noteInput);
  else if (process.argv.includes('--node-ipc')) process.on('message', noteInput);
}

if (require.main === module) runServer();
