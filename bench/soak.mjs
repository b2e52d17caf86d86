#!/usr/bin/env node
/**
 * Soak test of the language server (`npm run bench:soak`; not part of the test
 * suite, it takes minutes): drives dist/server.js over stdio through N random
 * edits (default 10,000: insertions and deletions of characters, whole lines
 * and hazards) of a real file — the largest module of Debian's Django, in a
 * workspace of its own — waiting for each edit's diagnostics, and samples the
 * server's resident memory (VmRSS) along the way. Memory must level off: a
 * tree that is not deleted, or a summary kept per version, shows as growth.
 * Prints the samples and writes bench/results/soak.json.
 *
 * Options: --edits N (default 10000), --file PATH, --seed N, --every N (sample interval, default 500).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '10000' },
    file: { type: 'string' },
    seed: { type: 'string', default: '20261125' },
    every: { type: 'string', default: '500' },
  },
});
const EDITS = Number(values.edits);
const EVERY = Number(values.every);

function largestPython(dir) {
  let best = { path: '', size: -1 };
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py') && statSync(p).size > best.size) best = { path: p, size: statSync(p).size };
    }
  };
  walk(dir);
  return best.path;
}

/** mulberry32: a small seeded PRNG, so a run can be repeated. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const source = values.file ?? largestPython('/usr/lib/python3/dist-packages/django');
const work = mkdtempSync(join(tmpdir(), 'threadlint-soak-'));
const file = join(work, 'module.py');
copyFileSync(source, file);
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const resolveVersion = waiting.get(p.version);
  if (p.uri === uri && resolveVersion) {
    waiting.delete(p.version);
    resolveVersion(p);
  }
});
connection.onNotification('window/logMessage', () => {});
connection.onNotification('window/showMessage', () => {});
connection.onNotification('$/progress', () => {});
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'threadlint' ? { diagnosticsDelay: 0 } : null)));
connection.listen();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(work).href,
  workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'soak' }],
  capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
});
await connection.sendNotification('initialized', {});

const diagnosticsFor = (version) =>
  new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no diagnostics for version ${version}`)), 60_000);
    waiting.set(version, (p) => {
      clearTimeout(timer);
      res(p);
    });
  });

let text = readFileSync(file, 'utf8');
let version = 1;
let pending = diagnosticsFor(version);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
await pending;

const random = rng(Number(values.seed));
const SNIPPETS = ['x', ' ', '\n', '(', ')', ':', '#', 'CACHE[k] = v\n', '    _seen.append(request.path)\n', 'global _last\n', '"""', '\t'];
const positionOf = (offset) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
};
const samples = [{ edit: 0, rssKiB: rssKiB(child.pid), length: text.length }];
const started = Date.now();
let diagnosticsSeen = 0;
for (let i = 1; i <= EDITS; i++) {
  // Keep the file near its original size: delete about as often as insert.
  const offset = Math.floor(random() * (text.length + 1));
  let range;
  let insert;
  if (random() < 0.5 && text.length > 0) {
    const length = 1 + Math.floor(random() * (random() < 0.1 ? 200 : 3));
    const end = Math.min(text.length, offset + length);
    range = { start: positionOf(offset), end: positionOf(end) };
    insert = '';
    text = text.slice(0, offset) + text.slice(end);
  } else {
    insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
    range = { start: positionOf(offset), end: positionOf(offset) };
    text = text.slice(0, offset) + insert + text.slice(offset);
  }
  version++;
  pending = diagnosticsFor(version);
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
  const p = await pending;
  diagnosticsSeen += p.diagnostics.length;
  if (i % EVERY === 0) {
    const sample = { edit: i, rssKiB: rssKiB(child.pid), length: text.length, seconds: Math.round((Date.now() - started) / 1000) };
    samples.push(sample);
    console.log(`edit ${String(i).padStart(6)}  rss ${(sample.rssKiB / 1024).toFixed(1).padStart(6)} MiB  file ${sample.length} chars  ${sample.seconds} s`);
  }
}
// The server must still answer, and agree with a fresh open of the final text.
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
child.kill();
rmSync(work, { recursive: true, force: true });

const tail = samples.slice(Math.floor(samples.length / 2));
const growth = tail.length > 1 ? (tail[tail.length - 1].rssKiB - tail[0].rssKiB) / 1024 : 0;
const peak = Math.max(...samples.map((s) => s.rssKiB)) / 1024;
console.log(`\n${EDITS} edits in ${Math.round((Date.now() - started) / 1000)} s; peak RSS ${peak.toFixed(1)} MiB; growth over the second half ${growth.toFixed(1)} MiB`);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'soak.json'), JSON.stringify({ source, edits: EDITS, samples, peakMiB: peak, secondHalfGrowthMiB: growth, diagnosticsSeen }, null, 2));
