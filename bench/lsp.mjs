#!/usr/bin/env node
/**
 * The language-server benchmark (`npm run bench:lsp`; not part of the test
 * suite). Drives the bundled server (dist/server.js) over stdio the way an
 * editor does, on the largest file of Debian's Django (python3-django), with
 * `threadlint.diagnosticsDelay` = 0 so no debounce is measured:
 *
 *   - single-file mode (no workspace folder): didOpen -> first diagnostics;
 *   - Django as the workspace folder: time to index it, then didOpen -> first
 *     diagnostics with the whole project in the cross-file pass, then 100
 *     single-character didChange events (typing new statements into a method,
 *     one keystroke at a time), each timed to the publishDiagnostics of its
 *     version (p50 / p95 / max);
 *   - peak RSS of the server process (VmHWM).
 *
 * Prints a table and writes bench/results/lsp.json. Targets: p95 <= 25 ms per
 * edit, first diagnostics <= 150 ms.
 *
 * Options: --django DIR (default /usr/lib/python3/dist-packages/django),
 *          --file PATH (default: the largest .py file under DIR),
 *          --edits N (default 100).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const RESULTS = join(ROOT, 'bench', 'results');

const { values } = parseArgs({
  options: {
    django: { type: 'string', default: '/usr/lib/python3/dist-packages/django' },
    file: { type: 'string' },
    edits: { type: 'string', default: '100' },
  },
});
const DJANGO = resolve(values.django);
const EDITS = Number(values.edits);

function largestPython(dir) {
  let best = { path: '', size: -1 };
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory() && e.name !== '__pycache__') walk(p);
      else if (e.isFile() && e.name.endsWith('.py')) {
        const size = statSync(p).size;
        if (size > best.size) best = { path: p, size };
      }
    }
  };
  walk(dir);
  return best.path;
}

/** A stdio LSP session with the bundled server. */
async function session(rootPath) {
  const child = spawn(process.execPath, [...(process.env.THREADLINT_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = new Set();
  const progress = [];
  const emit = () => listeners.forEach((l) => l());
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    for (const l of listeners) l(p, at);
  });
  connection.onNotification('$/progress', (p) => {
    progress.push({ ...p, at: performance.now() });
    emit();
  });
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('window/showMessage', () => {});
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'threadlint' ? { diagnosticsDelay: 0 } : null)));
  connection.listen();
  const started = performance.now();
  const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'django' }] : null,
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  const initializeMs = performance.now() - started;
  await connection.sendNotification('initialized', {});

  const waitDiagnostics = (uri, version, timeout = 60_000) =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no diagnostics for version ${version} within ${timeout} ms`));
      }, timeout);
      const listener = (p, at) => {
        if (p && p.uri === uri && p.version === version) {
          clearTimeout(timer);
          listeners.delete(listener);
          resolvePromise({ params: p, at });
        }
      };
      listeners.add(listener);
    });
  const waitIndexed = () =>
    new Promise((resolvePromise) => {
      const check = () => {
        const begin = progress.find((p) => p.value.kind === 'begin' && p.value.title === 'threadlint: indexing');
        const end = begin && progress.find((p) => p.token === begin.token && p.value.kind === 'end');
        if (end) {
          listeners.delete(check);
          resolvePromise(end.at - started);
        }
      };
      listeners.add(check);
      check();
    });
  const peakRss = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : null;
    } catch {
      return null;
    }
  };
  /** User+system CPU time of the server process so far, in ms (from /proc; null elsewhere). */
  const cpuMs = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return null;
    }
  };
  const stop = async () => {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification('exit').catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    child.kill();
    connection.dispose();
  };
  return { connection, waitDiagnostics, waitIndexed, peakRss, cpuMs, stop, initializeMs };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/** Where to type: the end of the first statement line of a method body past the middle of the file. */
function typingPoint(text) {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length - 1; i++) {
    if (/^ {4}def \w+\(self/.test(lines[i]) && lines[i].trimEnd().endsWith(':')) {
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j];
        if (/^ {8}\S/.test(l) && !l.trim().startsWith('"""') && !l.trim().startsWith('#') && !l.trimEnd().endsWith('\\') && !/[([{,]$/.test(l.trimEnd())) {
          return { line: j, character: l.length };
        }
      }
    }
  }
  return { line: 0, character: 0 };
}

/** The keystrokes: new statements typed into the method, one character per change. */
function keystrokes(n) {
  const code = '\n        self._bench_count = self._bench_count + 1\n        cache = {}\n        cache[key] = value\n        total = len(cache)';
  let out = '';
  while (out.length < n) out += code;
  return [...out.slice(0, n)];
}

async function main() {
  const file = values.file ? resolve(values.file) : largestPython(DJANGO);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n').length;
  console.log(`threadlint LSP benchmark: ${relative(dirname(DJANGO), file)} (${Math.round(text.length / 1024)} KiB, ${lines} lines), ${EDITS} edits`);
  console.log(`machine: ${cpus()[0]?.model ?? 'cpu'} x${availableParallelism()}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}\n`);

  // Single-file mode: no workspace folder.
  const single = await session(null);
  let t = performance.now();
  await single.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const singleOpen = await single.waitDiagnostics(uri, 1);
  const singleFirstMs = singleOpen.at - t;
  await single.stop();

  // Django as the workspace folder.
  const ws = await session(DJANGO);
  const indexMs = await ws.waitIndexed();
  t = performance.now();
  await ws.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const opened = await ws.waitDiagnostics(uri, 1);
  const firstMs = opened.at - t;
  const findingsOnOpen = opened.params.diagnostics.length;

  let { line, character } = typingPoint(text);
  const times = [];
  let version = 1;
  const cpuBefore = ws.cpuMs();
  for (const ch of keystrokes(EDITS)) {
    version++;
    const change = { range: { start: { line, character }, end: { line, character } }, text: ch };
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
    const sent = performance.now();
    const waiting = ws.waitDiagnostics(uri, version);
    await ws.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const { at } = await waiting;
    times.push(at - sent);
  }
  const cpuAfter = ws.cpuMs();
  const cpuPerEdit = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / EDITS;
  const peak = ws.peakRss();
  await ws.stop();

  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    loadavg: loadavg(),
    file: relative(dirname(DJANGO), file),
    bytes: Buffer.byteLength(text),
    lines,
    edits: EDITS,
    initializeMs: ws.initializeMs,
    indexMs,
    singleFileFirstDiagnosticsMs: singleFirstMs,
    firstDiagnosticsMs: firstMs,
    findingsOnOpen,
    editMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1), mean: times.reduce((a, b) => a + b, 0) / times.length },
    editCpuMsMean: cpuPerEdit,
    editTimesMs: times,
    peakRssBytes: peak,
    targets: { editP95Ms: 25, firstDiagnosticsMs: 150 },
  };
  const ms = (v) => `${v.toFixed(1)} ms`;
  const rows = [
    ['initialize', ms(result.initializeMs), ''],
    ['index Django (background)', ms(indexMs), ''],
    ['didOpen -> diagnostics, single file', ms(singleFirstMs), '<= 150 ms'],
    ['didOpen -> diagnostics, Django indexed', ms(firstMs), '<= 150 ms'],
    ['didChange -> diagnostics, p50', ms(result.editMs.p50), ''],
    ['didChange -> diagnostics, p95', ms(result.editMs.p95), '<= 25 ms'],
    ['didChange -> diagnostics, max', ms(result.editMs.max), ''],
    ['server CPU per edit (mean)', cpuPerEdit === null ? 'n/a' : ms(cpuPerEdit), ''],
    ['peak RSS (server)', peak === null ? 'n/a' : `${Math.round(peak / 1024 / 1024)} MiB`, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'lsp.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${findingsOnOpen} diagnostics on open; load average during the run ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs (wall times grow with load; CPU time much less).`);
  console.log(`Raw numbers in ${relative(ROOT, join(RESULTS, 'lsp.json'))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
