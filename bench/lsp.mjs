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
 * Each measurement is repeated (`--runs`, default 3, a fresh server each time)
 * and the median run is reported. Prints a table, writes bench/results/lsp.json
 * and the part of docs/benchmarks.md between the `bench:lsp` markers (appended
 * when missing; the rest of that file is left alone). Targets: p95 <= 25 ms
 * per edit, first diagnostics <= 150 ms.
 *
 * Options: --django DIR (default /usr/lib/python3/dist-packages/django),
 *          --file PATH (default: the largest .py file under DIR),
 *          --edits N (default 100), --runs N (default 3), --no-docs,
 *          --quiet-wait S (default 10: before each session and before the typing,
 *          wait up to S seconds for >= 75 % of the CPUs to be idle; 0 = no wait).
 * THREADLINT_BENCH_NODE_ARGS adds node options for the server (e.g. --cpu-prof).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { waitForQuiet } from './machine.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const RESULTS = join(ROOT, 'bench', 'results');

const { values } = parseArgs({
  options: {
    django: { type: 'string', default: '/usr/lib/python3/dist-packages/django' },
    file: { type: 'string' },
    edits: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    'no-docs': { type: 'boolean', default: false },
    'quiet-wait': { type: 'string', default: '10' },
  },
});
const QUIET_WAIT = Number(values['quiet-wait']);
const RUNS = Math.max(1, Number(values.runs));
const DOC = join(ROOT, 'docs', 'benchmarks.md');
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

/**
 * A second place to type, before `limitLine`: the end of a statement line in a method body that
 * another statement of the same block follows, so the new statements land in the middle of the block.
 */
function midBlockPoint(text, limitLine) {
  const lines = text.split('\n');
  // Lines inside triple-quoted strings (docstrings) are prose, not statements.
  const inString = [];
  let open = false;
  for (const l of lines) {
    inString.push(open);
    const quotes = (l.match(/"""|'''/g) ?? []).length;
    if (quotes % 2 === 1) open = !open;
  }
  const assignment = (i) =>
    !inString[i] && /^ {8}[A-Za-z_][\w.]*(\[[^\]]*\])? *[-+*]?= *[^=\s]/.test(lines[i]) && !/[([{,:\\]$/.test(lines[i].trimEnd()) && !/"""|'''/.test(lines[i]);
  for (let j = Math.floor(limitLine / 2); j < limitLine - 1; j++) {
    if (assignment(j) && assignment(j + 1)) return { line: j, character: lines[j].length };
  }
  return null;
}

/** The keystrokes: new statements typed into the method, one character per change. */
function keystrokes(n) {
  const code = '\n        self._bench_count = self._bench_count + 1\n        cache = {}\n        cache[key] = value\n        total = len(cache)';
  let out = '';
  while (out.length < n) out += code;
  return [...out.slice(0, n)];
}

/** One fresh server per mode: the single-file open, then Django indexed, opened and typed into. */
async function runOnce(file, text, uri) {
  const idle = { single: await waitForQuiet(QUIET_WAIT) };
  const single = await session(null);
  let t = performance.now();
  await single.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const singleOpen = await single.waitDiagnostics(uri, 1);
  const singleFirstMs = singleOpen.at - t;
  await single.stop();

  idle.workspace = await waitForQuiet(QUIET_WAIT);
  const ws = await session(DJANGO);
  const indexMs = await ws.waitIndexed();
  t = performance.now();
  await ws.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const opened = await ws.waitDiagnostics(uri, 1);
  const firstMs = opened.at - t;

  const end = typingPoint(text);
  const mid = midBlockPoint(text, end.line);
  let version = 1;
  /** Types the keystrokes at a place, each timed to its diagnostics. */
  const typeAt = async ({ line, character }) => {
    const times = [];
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
    return times;
  };
  // Typing starts on a quiet machine: the index's worker threads and the exact pass after the open are done.
  idle.typing = await waitForQuiet(QUIET_WAIT);
  const cpuBefore = ws.cpuMs();
  const times = await typeAt(end);
  const cpuAfter = ws.cpuMs();
  // The second place is earlier in the file: the first typing did not move it.
  const midTimes = mid ? await typeAt(mid) : [];
  const peak = ws.peakRss();
  await ws.stop();
  const sorted = [...times].sort((a, b) => a - b);
  const midSorted = [...midTimes].sort((a, b) => a - b);
  return {
    loadavg: loadavg(),
    idleCpusBefore: idle,
    initializeMs: ws.initializeMs,
    indexMs,
    singleFileFirstDiagnosticsMs: singleFirstMs,
    firstDiagnosticsMs: firstMs,
    findingsOnOpen: opened.params.diagnostics.length,
    editMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1), mean: times.reduce((a, b) => a + b, 0) / times.length },
    midEditMs: mid ? { p50: quantile(midSorted, 0.5), p95: quantile(midSorted, 0.95), max: midSorted.at(-1) } : null,
    editCpuMsMean: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / EDITS,
    editTimesMs: times,
    midEditTimesMs: midTimes,
    typingLines: { end: end.line + 1, middle: mid ? mid.line + 1 : null },
    peakRssBytes: peak,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  const file = values.file ? resolve(values.file) : largestPython(DJANGO);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n').length;
  const startLoad = loadavg();
  console.log(`threadlint LSP benchmark: ${relative(dirname(DJANGO), file)} (${Math.round(text.length / 1024)} KiB, ${lines} lines), ${EDITS} edits, ${RUNS} run(s)`);
  console.log(`machine: ${cpus()[0]?.model ?? 'cpu'} x${availableParallelism()}, load ${startLoad.map((l) => l.toFixed(1)).join(' ')}, node ${process.version}\n`);

  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(file, text, uri));
  const m = (pick) => median(runs.map(pick));
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? '',
    loadavgAtStart: startLoad,
    quietWait: QUIET_WAIT,
    file: relative(dirname(DJANGO), file),
    bytes: Buffer.byteLength(text),
    lines,
    edits: EDITS,
    runs: RUNS,
    median: {
      initializeMs: m((r) => r.initializeMs),
      indexMs: m((r) => r.indexMs),
      singleFileFirstDiagnosticsMs: m((r) => r.singleFileFirstDiagnosticsMs),
      firstDiagnosticsMs: m((r) => r.firstDiagnosticsMs),
      editP50Ms: m((r) => r.editMs.p50),
      editP95Ms: m((r) => r.editMs.p95),
      editMaxMs: m((r) => r.editMs.max),
      editCpuMsMean: m((r) => r.editCpuMsMean),
      midEditP50Ms: m((r) => r.midEditMs?.p50),
      midEditP95Ms: m((r) => r.midEditMs?.p95),
      midEditMaxMs: m((r) => r.midEditMs?.max),
      peakRssBytes: m((r) => r.peakRssBytes),
      findingsOnOpen: m((r) => r.findingsOnOpen),
    },
    targets: { editP95Ms: 25, firstDiagnosticsMs: 150 },
    all: runs,
  };
  const md = result.median;
  const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);
  const rows = [
    ['initialize', ms(md.initializeMs), ''],
    ['index Django (background, worker threads)', ms(md.indexMs), ''],
    ['didOpen -> diagnostics, single file', ms(md.singleFileFirstDiagnosticsMs), '<= 150 ms'],
    ['didOpen -> diagnostics, Django indexed', ms(md.firstDiagnosticsMs), '<= 150 ms'],
    ['didChange -> diagnostics, p50 (end of a block)', ms(md.editP50Ms), ''],
    ['didChange -> diagnostics, p95 (end of a block)', ms(md.editP95Ms), '<= 25 ms'],
    ['didChange -> diagnostics, max (end of a block)', ms(md.editMaxMs), ''],
    ['server CPU per edit (mean, end of a block)', ms(md.editCpuMsMean), ''],
    ['didChange -> diagnostics, p50 (middle of a block)', ms(md.midEditP50Ms), ''],
    ['didChange -> diagnostics, p95 (middle of a block)', ms(md.midEditP95Ms), '<= 25 ms'],
    ['didChange -> diagnostics, max (middle of a block)', ms(md.midEditMaxMs), ''],
    ['peak RSS (server)', md.peakRssBytes === null ? 'n/a' : `${Math.round(md.peakRssBytes / 1024 / 1024)} MiB`, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'lsp.json'), `${JSON.stringify(result, null, 2)}\n`);
  const endLoad = loadavg();
  console.log(`\n${md.findingsOnOpen} diagnostics on open; load average ${startLoad[0].toFixed(1)} at start, ${endLoad[0].toFixed(1)} at the end, on ${availableParallelism()} CPUs (wall times grow with load; CPU time much less).`);
  console.log(`Raw numbers in ${relative(ROOT, join(RESULTS, 'lsp.json'))}`);
  if (!values['no-docs']) {
    writeDocs(result, rows);
    console.log(`Updated the bench:lsp section of ${relative(ROOT, DOC)}`);
  }
}

/** Replaces (or appends) the `bench:lsp` section of docs/benchmarks.md. */
function writeDocs(result, rows) {
  const begin = '<!-- bench:lsp:begin -->';
  const end = '<!-- bench:lsp:end -->';
  const md = result.median;
  const status = (value, target) => (value === null ? 'n/a' : value <= target ? 'met' : 'not met');
  const section = [
    begin,
    '<!-- Generated by `npm run bench:lsp` (bench/lsp.mjs): edit the script, not this section. -->',
    '',
    '## Language server benchmark (`npm run bench:lsp`)',
    '',
    `Run on ${result.date.slice(0, 16).replace('T', ' ')} UTC: the bundled server (\`dist/server.js --stdio\`) driven over stdio on \`${result.file}\` ` +
      `(${Math.round(result.bytes / 1024)} KiB, ${result.lines} lines), the largest file of Debian's Django, with \`threadlint.diagnosticsDelay\` = 0. ` +
      `Median of ${result.runs} run(s), each with fresh server processes; ${result.cpus} CPUs (${result.cpuModel}), Node ${result.node}, ` +
      `load average ${result.loadavgAtStart[0].toFixed(1)} at the start (the machine is shared: wall times grow with load, CPU time much less). ` +
      `Before each session and before the typing the bench waits up to ${result.quietWait} s for at least 75 % of the CPUs to be idle; idle CPUs seen before the typing: ${result.all.map((r) => r.idleCpusBefore?.typing?.toFixed(1) ?? '?').join(', ')} (of ${result.cpus}).`,
    '',
    '- **didOpen → diagnostics**: from sending `didOpen` to the `publishDiagnostics` of version 1; once without a workspace folder (single file), once with Django as the workspace folder after its background index finished.',
    `- **didChange → diagnostics**: ${result.edits} single-character \`didChange\` events typing new statements into a method, each timed from sending to the \`publishDiagnostics\` of its version (the next change is sent after it): first at the end of a method body (line ${result.all[0]?.typingLines?.end ?? '?'}, after its last statement), then, in the same session, in the middle of another method's body (line ${result.all[0]?.typingLines?.middle ?? '?'}, between two of its statements). tree-sitter reparses the first case far more slowly (see "Where a keystroke's time goes" below). On a project of Django's size each keystroke gets the quick cross-file pass over the file's neighbourhood; the exact pass follows when typing pauses (ARCHITECTURE.md, "The language server").`,
    '- **CPU per edit**: user+system time of the server process over the typing, divided by the number of edits (from `/proc`). **Peak RSS**: the server\'s `VmHWM`.',
    '',
    '| Measurement | Median | Target | Status |',
    '| --- | --- | --- | --- |',
    ...rows.map(([name, value, target]) => {
      const s = name.includes('p95') ? status(name.includes('middle') ? md.midEditP95Ms : md.editP95Ms, 25) : name.startsWith('didOpen') ? status(name.includes('single') ? md.singleFileFirstDiagnosticsMs : md.firstDiagnosticsMs, 150) : '';
      return `| ${name} | ${value} | ${target || ''} | ${s} |`;
    }),
    '',
    `Raw numbers (every run, every edit) in \`bench/results/lsp.json\` (not committed).`,
    end,
  ].join('\n');
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + section + doc.slice(b + end.length);
  else doc = `${doc.replace(/\n*$/, '')}\n\n${section}\n`;
  writeFileSync(DOC, doc);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
