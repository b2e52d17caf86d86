/**
 * Language-server protocol tests: each spawns the bundled server
 * (`node dist/server.js --stdio`, built by `npm test` first) on a temporary
 * copy of examples/djangoapp, talks to it as an editor does (vscode-jsonrpc
 * over stdio) and checks what it publishes: diagnostics on open, after
 * incremental edits, across files, after configuration changes; the workspace
 * scan with its progress and cancellation; code actions; bad input. Tests wait
 * for specific notifications with timeouts, never for a fixed time.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { IPCMessageReader, IPCMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { ApplyWorkspaceEditParams, CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { docsUrl, findRule } from '../server/src/core/rules';
import type { DiagnosticData, FixAllResult, ScanResult } from '../server/src/lsp/protocol';
import { parseMarkers } from './helpers/fixtures';
import { LspClient, SERVER, uri, vscodeUri } from './helpers/lspClient';
import { ensureBuilt } from './helpers/robustness';

const repo = join(__dirname, '..');
ensureBuilt();

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-lsp-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A fresh copy of the example project. */
function workspace(): string {
  const root = join(tmp, `ws${counter++}`);
  cpSync(join(repo, 'examples', 'djangoapp'), root, { recursive: true });
  return root;
}

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});
async function start(options: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> {
  const client = await LspClient.start(options);
  clients.push(client);
  return client;
}

/** `line:code` pairs (1-based lines), sorted, for readable comparisons. */
function shape(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();
}

function expected(text: string): string[] {
  return parseMarkers(text).map((m) => `${m.line + 1}:${m.code}`).sort();
}

function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `no line contains ${needle}`);
  return line;
}

/** Applies LSP text edits (in any order) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

describe('diagnostics', () => {
  test('advertises incremental sync, code actions and the scan command', async () => {
    const client = await start();
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.threadlint'], resolveProvider: false });
    assert.deepEqual(caps.executeCommandProvider?.commands, ['threadlint.scanWorkspace', 'threadlint.showRuleDocumentation', 'threadlint.applyFixAll']);
    assert.equal(client.initializeResult.serverInfo?.name, 'threadlint');
    // Registered once `initialized` arrives: settings changes (VS Code sends them only then) and file events.
    const deadline = Date.now() + 5000;
    const methods = () => (client.registrations as { registrations: { method: string }[] }[]).flatMap((r) => r.registrations.map((x) => x.method));
    while (methods().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(methods().sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  test('didOpen publishes the planted hazards with codes, ranges, links and related locations', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    const published = await client.open(views, text);
    assert.deepEqual(shape(published.diagnostics), expected(text));
    assert.equal(published.version, 1);

    const clear = published.diagnostics.find((d) => d.code === 'TL002' && d.range.start.line === lineOf(text, 'PRICE_CACHE.clear()'))!;
    assert.ok(clear, 'TL002 on PRICE_CACHE.clear()');
    const line = lineOf(text, 'PRICE_CACHE.clear()');
    assert.deepEqual(clear.range.start, { line, character: text.split('\n')[line].indexOf('PRICE_CACHE') });
    assert.equal(clear.source, 'threadlint');
    assert.equal(clear.severity, 2);
    assert.equal(clear.codeDescription?.href, docsUrl(findRule('TL002')!));
    const data = clear.data as DiagnosticData;
    assert.deepEqual(data, { code: 'TL002', rule: 'shared-mutable-mutation', docs: docsUrl(findRule('TL002')!), line, version: 1 });
    // The shared dict is defined in cache.py: the related location points there.
    const cache = join(root, 'shop', 'cache.py');
    const definedAt = lineOf(readFileSync(cache, 'utf8'), 'PRICE_CACHE = {}');
    const related = clear.relatedInformation?.find((r) => r.location.uri === uri(cache));
    assert.ok(related, JSON.stringify(clear.relatedInformation));
    assert.equal(related.location.range.start.line, definedAt);
    assert.match(related.message, /PRICE_CACHE/);

    const cacheText = readFileSync(cache, 'utf8');
    const cachePublished = await client.open(cache, cacheText);
    assert.deepEqual(shape(cachePublished.diagnostics), expected(cacheText));
  });

  test('incremental edits: fixing a hazard removes its diagnostic, inserting lines moves the others', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    let text = readFileSync(views, 'utf8');
    const first = await client.open(views, text);
    const line = lineOf(text, 'PRICE_CACHE.clear()');
    const character = text.split('\n')[line].indexOf('PRICE_CACHE');
    const range = { start: { line, character }, end: { line, character: character + 'PRICE_CACHE.clear()'.length } };

    const fixed = await client.change(views, [{ range, text: 'pass' }]);
    assert.ok(!fixed.diagnostics.some((d) => d.range.start.line === line), 'the TL002 on the fixed line is gone');
    assert.equal(fixed.diagnostics.length, first.diagnostics.length - 1);
    text = applyEdits(text, [{ range, newText: 'pass' }]);

    const moved = await client.change(views, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '\n\n\n' }]);
    assert.deepEqual(
      moved.diagnostics.map((d) => d.range.start.line),
      fixed.diagnostics.map((d) => d.range.start.line + 3),
    );
    assert.deepEqual(moved.diagnostics.map((d) => d.range.start.character), fixed.diagnostics.map((d) => d.range.start.character));

    // Two changes in one notification, the second relative to the first's result: undo both.
    const undone = await client.change(views, [
      { range: { start: { line: 4, character: 0 }, end: { line: 7, character: 0 } }, text: '' },
      { range: { start: { line, character }, end: { line, character: character + 4 } }, text: 'PRICE_CACHE.clear()' },
    ]);
    assert.deepEqual(shape(undone.diagnostics), shape(first.diagnostics));
  });

  test('cross-file: making PRICE_CACHE a tuple in cache.py updates the open views.py', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const cache = join(root, 'shop', 'cache.py');
    const viewsText = readFileSync(views, 'utf8');
    const cacheText = readFileSync(cache, 'utf8');
    const before = await client.open(views, viewsText);
    await client.open(cache, cacheText);
    const priceLines = new Set([lineOf(viewsText, 'if sku not in PRICE_CACHE'), lineOf(viewsText, 'PRICE_CACHE.clear()')]);
    assert.ok(before.diagnostics.some((d) => priceLines.has(d.range.start.line)));

    const line = lineOf(cacheText, 'PRICE_CACHE = {}');
    const from = client.diagnostics.length;
    await client.change(cache, [{ range: { start: { line, character: 14 }, end: { line, character: 16 } }, text: '()' }]);
    const after = await client.nextDiagnostics(uri(views), from);
    assert.ok(!after.diagnostics.some((d) => priceLines.has(d.range.start.line)), JSON.stringify(shape(after.diagnostics)));
    assert.equal(after.version, 1, 'published for the dependent at its own version');

    const from2 = client.diagnostics.length;
    await client.change(cache, [{ range: { start: { line, character: 14 }, end: { line, character: 16 } }, text: '{}' }]);
    const restored = await client.nextDiagnostics(uri(views), from2);
    assert.deepEqual(shape(restored.diagnostics), shape(before.diagnostics));
  });

  test('projects too large for an exact pass per keystroke get a quick pass, then the exact one', async () => {
    const root = workspace();
    // A zero budget makes every project "large".
    const client = await start({ root, env: { THREADLINT_LSP_EXACT_PASS_BUDGET_MS: '0' } });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const cache = join(root, 'shop', 'cache.py');
    const viewsText = readFileSync(views, 'utf8');
    const cacheText = readFileSync(cache, 'utf8');
    const before = await client.open(views, viewsText);
    assert.deepEqual(shape(before.diagnostics), expected(viewsText));
    const cacheOpened = await client.open(cache, cacheText);
    assert.deepEqual(shape(cacheOpened.diagnostics), expected(cacheText));
    const line = lineOf(cacheText, 'PRICE_CACHE = {}');
    const from = client.diagnostics.length;
    const quick = await client.change(cache, [{ range: { start: { line, character: 14 }, end: { line, character: 16 } }, text: '()' }]);
    assert.deepEqual(shape(quick.diagnostics), expected(cacheText));
    // The dependent is updated by the exact pass once edits pause.
    const after = await client.nextDiagnostics(uri(views), from);
    assert.equal(after.diagnostics.length, before.diagnostics.length - 2, JSON.stringify(shape(after.diagnostics)));
  });

  test('typing inside a function: the quick answer at once, the whole text parsed when typing pauses', async () => {
    const root = join(tmp, `ws${counter++}`);
    mkdirSync(root);
    const path = join(root, 'm.py');
    const text = 'CACHE = {}\n\n\ndef a(key):\n    x = 1\n\n\ndef b(key):\n    CACHE[key] = 1\n';
    writeFileSync(path, text);
    const client = await start({ root });
    await client.indexed();
    const opened = await client.open(path, text);
    assert.deepEqual(shape(opened.diagnostics), ['9:TL002']);
    // An unclosed brace at the end of a(): only a() is parsed again, so b() keeps its finding ...
    const from = client.diagnostics.length;
    const typed = await client.change(path, [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 9 } }, text: '\n    y = {' }]);
    assert.deepEqual(shape(typed.diagnostics), ['10:TL002']);
    // ... until typing pauses: the parse of the whole text reads b() into the unclosed brace, as the CLI does.
    const settled = await client.nextDiagnostics(uri(path), from + 1);
    assert.equal(settled.version, typed.version);
    assert.deepEqual(shape(settled.diagnostics), []);
    const closed = await client.change(path, [{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }, text: '}' }]);
    assert.deepEqual(shape(closed.diagnostics), ['10:TL002']);
  });

  test('a change on disk to a closed module (watched files) updates open dependents', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const cache = join(root, 'shop', 'cache.py');
    const viewsText = readFileSync(views, 'utf8');
    const before = await client.open(views, viewsText);
    writeFileSync(cache, readFileSync(cache, 'utf8').replace('PRICE_CACHE = {}', 'PRICE_CACHE = ()'));
    const from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(cache), type: 2 }] });
    const after = await client.nextDiagnostics(uri(views), from);
    assert.equal(after.diagnostics.length, before.diagnostics.length - 2, JSON.stringify(shape(after.diagnostics)));
  });

  test('many files changed at once on disk (a branch switch) update open dependents too', async () => {
    const root = workspace();
    const extra = Array.from({ length: 60 }, (_, i) => join(root, 'shop', `gen_${i}.py`));
    for (const p of extra) writeFileSync(p, 'X = 1\n');
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const cache = join(root, 'shop', 'cache.py');
    const before = await client.open(views, readFileSync(views, 'utf8'));
    writeFileSync(cache, readFileSync(cache, 'utf8').replace('PRICE_CACHE = {}', 'PRICE_CACHE = ()'));
    for (const p of extra) writeFileSync(p, 'X = 2\n');
    const from = client.diagnostics.length;
    const changes = [cache, ...extra].map((p) => ({ uri: uri(p), type: 2 }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    const after = await client.nextDiagnostics(uri(views), from);
    assert.equal(after.diagnostics.length, before.diagnostics.length - 2, JSON.stringify(shape(after.diagnostics)));
  });
});

describe('configuration', () => {
  test('editor settings (select, ignore, severity, enable) re-check open documents on didChangeConfiguration', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    const all = await client.open(views, text);
    assert.ok(all.diagnostics.some((d) => d.code === 'TL006'));

    const reconfigure = async (settings: Record<string, unknown>, test: (p: PublishDiagnosticsParams) => boolean) => {
      client.settings = { diagnosticsDelay: 0, ...settings };
      const from = client.diagnostics.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      return client.nextDiagnostics(uri(views), from, test);
    };
    const ignored = await reconfigure({ ignore: ['TL006'] }, (p) => !p.diagnostics.some((d) => d.code === 'TL006'));
    assert.equal(ignored.diagnostics.length, all.diagnostics.filter((d) => d.code !== 'TL006').length);

    const selected = await reconfigure({ select: ['shared-mutable-mutation'] }, (p) => p.diagnostics.every((d) => d.code === 'TL002'));
    assert.equal(selected.diagnostics.length, all.diagnostics.filter((d) => d.code === 'TL002').length);

    const severe = await reconfigure({ severity: { TL002: 'error' } }, (p) => p.diagnostics.some((d) => d.severity === 1));
    for (const d of severe.diagnostics) assert.equal(d.severity, d.code === 'TL002' ? 1 : 2, `${d.code}`);

    await reconfigure({ enable: false }, (p) => p.diagnostics.length === 0);
    const back = await reconfigure({}, (p) => p.diagnostics.length > 0);
    assert.deepEqual(shape(back.diagnostics), shape(all.diagnostics));

    // A bad value is logged and ignored, never fatal.
    const bad = await reconfigure({ select: 'TL002', severity: { TL999: 'error' }, diagnosticsDelay: -5 }, () => true);
    assert.deepEqual(shape(bad.diagnostics), shape(all.diagnostics));
    assert.ok(client.logs.some((l) => /threadlint\.select: expected an array of strings/.test(l.message)));
  });

  test('open documents of one project with different editor settings each keep theirs', async () => {
    const root = workspace();
    const client = await start({ root });
    client.settingsFor = (scope) => (scope?.endsWith('views.py') ? { diagnosticsDelay: 0, ignore: ['TL002'] } : undefined);
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const cache = join(root, 'shop', 'cache.py');
    const viewsText = readFileSync(views, 'utf8');
    const cacheText = readFileSync(cache, 'utf8');
    const viewsOpened = await client.open(views, viewsText);
    assert.deepEqual(shape(viewsOpened.diagnostics), expected(viewsText).filter((e) => !e.endsWith('TL002')));
    await client.open(cache, cacheText);
    const line = lineOf(cacheText, 'PRICE_CACHE = {}');
    const from = client.diagnostics.length;
    await client.change(cache, [{ range: { start: { line, character: 14 }, end: { line, character: 16 } }, text: '()' }]);
    const after = await client.nextDiagnostics(uri(views), from);
    assert.ok(!after.diagnostics.some((d) => d.code === 'TL002'), 'views.py keeps its own settings');
    assert.ok(after.diagnostics.length < viewsOpened.diagnostics.length, JSON.stringify(shape(after.diagnostics)));
  });

  test('editing pyproject.toml (a watched file) re-reads [tool.threadlint]', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const all = await client.open(views, readFileSync(views, 'utf8'));
    const pyproject = join(root, 'pyproject.toml');
    writeFileSync(pyproject, readFileSync(pyproject, 'utf8').replace('framework = "django"', 'framework = "django"\nignore = ["TL002"]'));
    const from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pyproject), type: 2 }] });
    const after = await client.nextDiagnostics(uri(views), from, (p) => !p.diagnostics.some((d) => d.code === 'TL002'));
    assert.equal(after.diagnostics.length, all.diagnostics.filter((d) => d.code !== 'TL002').length);

    // A broken pyproject.toml is reported and the defaults apply.
    writeFileSync(pyproject, '[tool.threadlint]\nframework = 3\n');
    const from2 = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pyproject), type: 2 }] });
    await client.nextDiagnostics(uri(views), from2, (p) => p.diagnostics.some((d) => d.code === 'TL002'));
    await client.waitFor('a message about the broken pyproject.toml', () => client.messages.some((m) => m.type === 1 && /framework/.test(m.message)));
  });

  test('a setup.cfg beside pyproject.toml (a watched file) declaring an application factory makes it start-up code', async () => {
    const root = workspace();
    const factory = join(root, 'shop', 'appfactory.py');
    const text = '_app = None\n\n\ndef initialize_application():\n    global _app\n    if _app is None:\n        _app = object()\n    return _app\n';
    writeFileSync(factory, text);
    const client = await start({ root });
    const opened = await client.open(factory, text);
    assert.deepEqual(opened.diagnostics.map((d) => d.code), ['TL005']);
    const cfg = join(root, 'setup.cfg');
    writeFileSync(cfg, '[entry_points]\nwsgi_scripts =\n    shop-wsgi = shop.appfactory:initialize_application\n');
    const from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(cfg), type: 1 }] });
    await client.nextDiagnostics(uri(factory), from, (p) => p.diagnostics.length === 0);
  });

  test('per-file-ignores in pyproject.toml apply to the files they match', async () => {
    const root = workspace();
    const pyproject = join(root, 'pyproject.toml');
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    const client = await start({ root });
    const all = await client.open(views, text);
    assert.ok(all.diagnostics.some((d) => d.code === 'TL002'));
    writeFileSync(pyproject, `${readFileSync(pyproject, 'utf8')}\n[tool.threadlint.per-file-ignores]\n"shop/views.py" = ["shared-mutable-mutation"]\n"!shop/**" = ["ALL"]\n`);
    const from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(pyproject), type: 2 }] });
    const after = await client.nextDiagnostics(uri(views), from, (p) => !p.diagnostics.some((d) => d.code === 'TL002'));
    assert.deepEqual(shape(after.diagnostics), shape(all.diagnostics.filter((d) => d.code !== 'TL002')));
  });

  test('files excluded by pyproject.toml get no diagnostics when opened', async () => {
    const root = workspace();
    const client = await start({ root });
    const migration = join(root, 'shop', 'migrations', '0001_initial.py');
    const published = await client.open(migration, 'CACHE = {}\n\ndef view(request):\n    CACHE[request.path] = 1\n');
    assert.deepEqual(published.diagnostics, []);
  });

  test('a document that is not Python (a client without a document selector sends it) is left alone', async () => {
    const client = await start();
    const text = 'CACHE = {}\n\ndef view(request):\n    CACHE[request.path] = 1\n';
    const notes = uri(join(tmp, 'notes.txt'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'plaintext', version: 1, text } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: notes, version: 2 }, contentChanges: [{ text: `${text}\n` }] });
    const python = await client.open(join(tmp, 'after_notes.py'), text);
    assert.equal(python.diagnostics.length, 1);
    assert.ok(!client.diagnostics.some((d) => d.uri === notes), 'nothing published for the text file');
  });

  test('files the scan never walks into (a virtual environment, an installed package) get no diagnostics when opened', async () => {
    const root = workspace();
    const client = await start({ root });
    const text = 'CACHE = {}\n\ndef view(request):\n    CACHE[request.path] = 1\n';
    for (const rel of [['.venv', 'lib', 'python3.11', 'site-packages', 'lib1', 'core.py'], ['env', 'lib', 'site-packages', 'x.py'], ['node_modules', 'pkg', 'y.py']]) {
      const published = await client.open(join(root, ...rel), text);
      assert.deepEqual(published.diagnostics, [], rel.join('/'));
    }
    const own = await client.open(join(root, 'shop', 'own.py'), text);
    assert.equal(own.diagnostics.length, 1, 'a file of the project itself is checked');
  });
});

describe('workspace scan', () => {
  test('publishes every file with findings, with progress, and ends with a summary', async () => {
    const root = workspace();
    const listing = () => (readdirSync(root, { recursive: true }) as string[]).sort();
    const filesBefore = listing();
    const client = await start({ root });
    await client.indexed();
    const from = client.diagnostics.length;
    const result: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    assert.equal(result.cancelled, false);
    const files = ['cache.py', 'db.py', 'middleware.py', 'templatetags/shop_tags.py', 'utils.py', 'views.py'];
    let total = 0;
    for (const rel of files) {
      const path = join(root, 'shop', rel);
      const published = await client.nextDiagnostics(uri(path), from);
      const text = readFileSync(path, 'utf8');
      assert.deepEqual(shape(published.diagnostics), expected(text), rel);
      assert.equal(published.version, undefined, 'closed files carry no version');
      total += published.diagnostics.length;
    }
    assert.equal(result.findings, total);
    assert.equal(result.filesWithFindings, files.length);
    assert.ok(result.files >= 13, `files: ${result.files}`);
    assert.equal(Object.values(result.byRule).reduce((a, b) => a + b, 0), total);
    // Safe files and excluded migrations get nothing.
    assert.ok(!client.diagnostics.slice(from).some((p) => p.uri.includes('/migrations/') && p.diagnostics.length > 0));
    assert.ok(!client.diagnostics.slice(from).some((p) => p.uri.endsWith('safe_views.py') && p.diagnostics.length > 0));

    const token = client.createdTokens.at(-1)!;
    const events = client.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(events[0].kind, 'begin');
    assert.equal((events[0] as { cancellable?: boolean }).cancellable, true);
    assert.match((events[0] as { title: string }).title, /scanning/);
    assert.ok(events.some((e) => e.kind === 'report' && typeof e.percentage === 'number'), JSON.stringify(events));
    assert.equal(events.at(-1)!.kind, 'end');
    const percentages = events.flatMap((e) => ('percentage' in e && typeof e.percentage === 'number' ? [e.percentage] : []));
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
    await client.waitFor('the scan summary', () => client.messages.some((m) => /\d+ findings in 6 files/.test(m.message)));
    assert.deepEqual(listing(), filesBefore, 'the server writes nothing into the workspace (no cache either)');

    // A file whose hazards are gone on disk is cleared by the next scan.
    writeFileSync(join(root, 'shop', 'utils.py'), 'def ok():\n    return 1\n');
    const from2 = client.diagnostics.length;
    const again: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    assert.equal(again.filesWithFindings, files.length - 1);
    const cleared = await client.nextDiagnostics(uri(join(root, 'shop', 'utils.py')), from2);
    assert.deepEqual(cleared.diagnostics, []);
    unlinkSync(join(root, 'shop', 'db.py'));
    const from3 = client.diagnostics.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    assert.deepEqual((await client.nextDiagnostics(uri(join(root, 'shop', 'db.py')), from3)).diagnostics, [], 'a deleted file is cleared');
  });

  test('closing a file clears its diagnostics, unless a scan has run: then it keeps its on-disk findings', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    await client.open(views, text);
    let from = client.diagnostics.length;
    await client.close(views);
    assert.deepEqual((await client.nextDiagnostics(uri(views), from)).diagnostics, []);

    await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    // Open, break the buffer (unsaved), close: the file on disk still has its hazards.
    await client.open(views, text);
    await client.change(views, [{ range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, text: '' }]);
    from = client.diagnostics.length;
    await client.close(views);
    const kept = await client.nextDiagnostics(uri(views), from);
    assert.deepEqual(shape(kept.diagnostics), expected(text));
    assert.equal(kept.version, undefined);
  });

  test('a client that spells URIs as VS Code does (a folder named `ws@1+x y`) sees the same file under one name', async () => {
    // VS Code percent-encodes `@` and `+`, Node's pathToFileURL does not; the editor takes both
    // spellings for one file, so what the server last sent for a file must count under either.
    const root = join(tmp, `ws@${counter++}+x y`);
    cpSync(join(repo, 'examples', 'djangoapp'), root, { recursive: true });
    const client = await start({ root, uri: vscodeUri });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    const forViews = (p: PublishDiagnosticsParams) => p.uri.startsWith('file:') && fileURLToPath(p.uri) === views;
    let from = client.diagnostics.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    await client.waitFor('the scan of views.py', () => client.diagnostics.slice(from).some(forViews));
    // Open, empty the buffer (unsaved), close: the findings on disk come back.
    await client.open(views, text);
    const emptied = await client.change(views, [{ range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, text: '' }]);
    assert.deepEqual(emptied.diagnostics, []);
    assert.equal(emptied.uri, vscodeUri(views), 'an open document is published under the URI the client sent');
    from = client.diagnostics.length;
    await client.close(views);
    await client.waitFor('the on-disk findings of views.py', () => client.diagnostics.slice(from).some(forViews));
    const kept = client.diagnostics.slice(from).filter(forViews).at(-1)!;
    assert.deepEqual(shape(kept.diagnostics), expected(text));
    assert.equal(kept.uri, vscodeUri(views), 'a file the client opened keeps the spelling the client used');
  });

  test('a workspace folder added later is indexed and scanned', async () => {
    const first = workspace();
    const second = workspace();
    const client = await start({ root: first });
    await client.indexed();
    const one: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(second), name: 'second' }], removed: [] } });
    const from = client.diagnostics.length;
    const both: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    assert.equal(both.files, one.files * 2);
    assert.equal(both.findings, one.findings * 2);
    await client.nextDiagnostics(uri(join(second, 'shop', 'views.py')), from);
  });

  test('a workspace folder removed takes the scan diagnostics of its closed files with it', async () => {
    const first = workspace();
    const second = workspace();
    const client = await start({ root: first });
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(second), name: 'second' }], removed: [] } });
    await client.indexed();
    let from = client.diagnostics.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    const views = uri(join(second, 'shop', 'views.py'));
    const scanned = await client.nextDiagnostics(views, from);
    assert.ok(scanned.diagnostics.length > 0);
    from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(second), name: 'second' }] } });
    assert.deepEqual((await client.nextDiagnostics(views, from)).diagnostics, []);
  });

  test('the scan reports its progress on the token the client gives (as the VS Code extension does)', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const created = client.createdTokens.length;
    const workDoneToken = 'scan-from-the-client';
    const result: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [], workDoneToken });
    assert.ok(result.files > 0);
    await client.waitFor('the end of the progress', () => client.progress.some((p) => p.token === workDoneToken && p.value.kind === 'end'));
    const kinds = client.progress.filter((p) => p.token === workDoneToken).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.equal(client.createdTokens.length, created, 'no progress of its own beside the client\'s');
  });

  test('window/workDoneProgress/cancel stops the scan', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    // Hold the configuration answers the scan asks for until the cancel has been sent:
    // the server then sees the cancellation at its next step, whatever the machine's speed.
    const release = await holdConfiguration(client);
    const tokens = client.createdTokens.length;
    const scan = client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] }) as Promise<ScanResult>;
    await client.waitFor('the scan progress', () => client.createdTokens.length > tokens && client.progress.some((p) => p.token === client.createdTokens[tokens] && p.value.kind === 'begin'));
    const token = client.createdTokens[tokens];
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
    release();
    const result = await scan;
    assert.equal(result.cancelled, true);
    await client.waitFor('the end of the cancelled progress', () => client.progress.some((p) => p.token === token && p.value.kind === 'end'));
    await client.waitFor('the cancellation message', () => client.messages.some((m) => /cancelled/.test(m.message)));

    // The server still scans afterwards.
    const next: ScanResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] });
    assert.equal(next.cancelled, false);
    assert.ok(next.findings > 0);
  });

  test('$/cancelRequest also stops the scan', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const release = await holdConfiguration(client);
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    const tokens = client.createdTokens.length;
    const scan = client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] }, source.token) as Promise<ScanResult>;
    await client.waitFor('the scan progress', () => client.createdTokens.length > tokens);
    source.cancel();
    // Let the cancel notification go out before the held answers.
    await new Promise((r) => setImmediate(r));
    release();
    // Either answer is fine: the handler's `cancelled: true`, or the RequestCancelled error.
    assert.equal(await scan.then((r) => r.cancelled, () => true), true);
    await client.waitFor('the end of the cancelled progress', () => client.progress.some((p) => p.token === client.createdTokens[tokens] && p.value.kind === 'end'));
  });
});

/** Makes the client hold its answers to `workspace/configuration` (asked again now) until the returned function is called. */
async function holdConfiguration(client: LspClient): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const settings = client.settings;
  client.connection.onRequest('workspace/configuration', async (p: { items: { section?: string }[] }) => {
    await held;
    return p.items.map((i) => (i.section === 'threadlint' ? settings : null));
  });
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  return release;
}

describe('code actions', () => {
  async function actionsAt(client: LspClient, path: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    });
  }

  test('suppress on this line appends a pragma; applying it removes the diagnostic', async () => {
    const root = workspace();
    const client = await start({ root });
    await client.indexed();
    const views = join(root, 'shop', 'views.py');
    const text = readFileSync(views, 'utf8');
    const published = await client.open(views, text);
    const line = lineOf(text, 'PRICE_CACHE.clear()');
    const diagnostic = published.diagnostics.find((d) => d.range.start.line === line)!;
    const actions = await actionsAt(client, views, diagnostic);
    const titles = actions.map((a) => a.title);
    // The core's repairs come first (the preferred one leading), then the suppressions, then the docs.
    assert.deepEqual(titles.slice(-3), ['Suppress TL002 on this line', 'Suppress TL002 in this file', 'Show documentation for TL002'], titles.join(' | '));
    const repairs = actions.slice(0, -3);
    assert.ok(repairs.length > 0 && repairs[0].isPreferred === true, titles.join(' | '));
    for (const repair of repairs) {
      assert.equal(repair.kind, 'quickfix');
      const changes = repair.edit!.documentChanges as { textDocument: { uri: string; version: number | null } }[];
      const own = changes.find((c) => c.textDocument.uri === uri(views));
      if (own) assert.equal(own.textDocument.version, 1);
    }
    const suppress = actions.find((a) => a.title === 'Suppress TL002 on this line')!;
    assert.equal(suppress.kind, 'quickfix');
    const change = suppress.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri: uri(views), version: 1 });
    const edited = applyEdits(text, change.edits);
    assert.equal(edited.split('\n')[line], '    PRICE_CACHE.clear()  # expect: TL002  # threadlint: ignore[TL002]');
    const after = await client.change(views, change.edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.ok(!after.diagnostics.some((d) => d.range.start.line === line));
    assert.equal(after.diagnostics.length, published.diagnostics.length - 1);

    const docs = actions.at(-1)!;
    assert.deepEqual(docs.command, { title: 'Show documentation for TL002', command: 'threadlint.showRuleDocumentation', arguments: ['TL002'] });
    const shown = await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    assert.deepEqual(shown, { code: 'TL002', url: docsUrl(findRule('TL002')!) });
    assert.deepEqual(client.shownDocuments.at(-1), { uri: docsUrl(findRule('TL002')!), external: true });
  });

  test('a request without diagnostics (the cursor moved) gets no quick fixes; a named one gets its repairs', async () => {
    const client = await start();
    const path = join(tmp, 'many.py');
    const body = Array.from({ length: 12 }, (_, i) => `def put${i}(request):\n    CACHE[request.path] = ${i}\n`).join('\n\n');
    const text = `CACHE = {}\n\n\n${body}`;
    const published = await client.open(path, text);
    assert.equal(published.diagnostics.length, 12);
    const none: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: published.diagnostics[5].range,
      context: { diagnostics: [], triggerKind: 2 },
    });
    assert.deepEqual(none.filter((a) => a.kind === 'quickfix'), []);
    const actions = await actionsAt(client, path, published.diagnostics[5]);
    assert.ok(actions.some((a) => a.isPreferred && a.kind === 'quickfix'), actions.map((a) => a.title).join(' | '));
  });

  test('a repair from the core, applied, removes the diagnostic', async () => {
    const client = await start();
    const path = join(tmp, 'repair.py');
    const text = 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n';
    const published = await client.open(path, text);
    const actions = await actionsAt(client, path, published.diagnostics[0]);
    const repair = actions.find((a) => a.isPreferred);
    assert.ok(repair, actions.map((a) => a.title).join(' | '));
    const changes = repair.edit!.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
    assert.deepEqual(changes.map((c) => c.textDocument), [{ uri: uri(path), version: 1 }]);
    // A workspace edit's ranges all refer to the text before it; as didChange events, the last goes first.
    const events = [...changes[0].edits]
      .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
      .map((e) => ({ range: e.range, text: e.newText }));
    const after = await client.change(path, events);
    assert.deepEqual(after.diagnostics, [], applyEdits(text, changes[0].edits));
  });

  test('suppress merges into an existing pragma list; only=refactor gets nothing', async () => {
    const client = await start();
    const path = join(tmp, 'merge.py');
    const text = 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1  # threadlint: ignore[TL001]\n';
    const published = await client.open(path, text);
    assert.deepEqual(shape(published.diagnostics), ['5:TL002']);
    const actions = await actionsAt(client, path, published.diagnostics[0]);
    const suppress = actions.find((a) => a.title === 'Suppress TL002 on this line')!;
    const edit = (suppress.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.equal(applyEdits(text, edit).split('\n')[4], '    CACHE[request.path] = 1  # threadlint: ignore[TL001, TL002]');
    const none: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: published.diagnostics[0].range,
      context: { diagnostics: published.diagnostics, only: ['refactor'] },
    });
    assert.deepEqual(none, []);
  });

  test('exactly one quick fix per diagnostic is preferred', async () => {
    const client = await start();
    const path = join(tmp, 'preferred.py');
    const text = 'CACHE = {}\nSEEN = []\n\n\ndef view(request):\n    CACHE[request.path] = 1\n    SEEN.append(1)\n';
    const published = await client.open(path, text);
    assert.equal(published.diagnostics.length, 2, JSON.stringify(shape(published.diagnostics)));
    for (const diagnostic of published.diagnostics) {
      const actions = await actionsAt(client, path, diagnostic);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, actions.map((a) => a.title).join(' | '));
      assert.match(preferred[0].title, /^Guard `(CACHE|SEEN)` .*with `_\w+_lock`$/, preferred[0].title);
      assert.ok(actions.every((a) => a.kind === 'quickfix'));
    }
  });

  test('source.fixAll.threadlint applies every safe fix to the document; the result compiles and re-lints clean', async () => {
    const client = await start();
    const path = join(tmp, 'fixall.py');
    const text = [
      'CACHE = {}',
      'PRICES = {}',
      '',
      '',
      'def view(request):',
      '    # remember the request',
      '    CACHE[request.path] = 1',
      '    PRICES[request.path] = 1',
      '    return None',
      '',
    ].join('\n');
    const published = await client.open(path, text);
    assert.deepEqual(shape(published.diagnostics), ['7:TL002', '8:TL002']);
    const request = (only: string[]) =>
      client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: uri(path) },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only, triggerKind: 2 },
      }) as Promise<CodeAction[]>;
    for (const only of [['source.fixAll.threadlint'], ['source.fixAll'], ['source']]) {
      const actions = await request(only);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['threadlint: Fix all safe fixes', 'source.fixAll.threadlint']], only.join());
    }
    const [fixAll] = await request(['source.fixAll.threadlint']);
    const changes = fixAll.edit!.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
    assert.deepEqual(changes.map((c) => c.textDocument), [{ uri: uri(path), version: 1 }], 'edits this document only, at its version');
    const fixed = applyEdits(text, changes[0].edits);
    assert.match(fixed, /with _\w+_lock:/);
    assert.doesNotMatch(fixed, /threadlint: ignore/, 'never a suppression');
    assert.match(fixed, /# remember the request/, 'comments kept');
    const file = join(tmp, 'fixall_compiled.py');
    writeFileSync(file, fixed);
    const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stderr}\n${fixed}`);
    // A quick-fix request gets only quick fixes, never the fix-all action.
    const quick: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: published.diagnostics[0].range,
      context: { diagnostics: [published.diagnostics[0]], only: ['quickfix'] },
    });
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'), quick.map((a) => a.kind).join());
    // Re-lint the fixed text: the findings are gone, and nothing is left to fix.
    const after = await client.change(path, [{ text: fixed }]);
    assert.deepEqual(shape(after.diagnostics), [], fixed);
    assert.deepEqual(await request(['source.fixAll.threadlint']), []);
  });

  test('the threadlint.applyFixAll command applies the safe fixes through workspace/applyEdit', async () => {
    const client = await start();
    const path = join(tmp, 'applyfixall.py');
    const text = ['CACHE = {}', '', '', 'def view(request):', '    CACHE[request.path] = 1', ''].join('\n');
    await client.open(path, text);
    const run = (arg: unknown) => client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.applyFixAll', arguments: [arg] }) as Promise<FixAllResult>;
    assert.deepEqual(await run({ uri: uri(path), version: 7 }), { fixed: 0, applied: false, reason: 'the document has changed' });
    const applied = (): ApplyWorkspaceEditParams[] => client.appliedEdits;
    assert.equal(applied().length, 0, 'nothing sent for a stale version');
    assert.deepEqual(await run({ uri: uri(path), version: 1 }), { fixed: 1, applied: true });
    assert.equal(applied().length, 1);
    const [change] = applied()[0].edit.documentChanges as { textDocument: { uri: string; version: number }; edits: TextEdit[] }[];
    assert.deepEqual(change.textDocument, { uri: uri(path), version: 1 });
    const fixed = applyEdits(text, change.edits);
    assert.match(fixed, /with _cache_lock:\n        CACHE\[request\.path\] = 1/);
    assert.equal(applied()[0].label, 'threadlint: Fix all safe fixes');
    const after = await client.change(path, [{ text: fixed }]);
    assert.deepEqual(shape(after.diagnostics), []);
    assert.deepEqual(await run(uri(path)), { fixed: 0, applied: false, reason: 'nothing to fix' });
    assert.deepEqual(await run({ uri: uri(join(tmp, 'closed.py')) }), { fixed: 0, applied: false, reason: 'the document is not open' });
    await assert.rejects(run(42), (e: { code?: number }) => e.code === -32602);
  });

  test('a clean document gets no fix-all action', async () => {
    const client = await start();
    const path = join(tmp, 'clean.py');
    const text = 'import threading\n\n_lock = threading.Lock()\n\n\ndef view(request):\n    return request.path\n';
    const published = await client.open(path, text);
    assert.deepEqual(published.diagnostics, []);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(path) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.threadlint'] },
    });
    assert.deepEqual(actions, []);
  });
});

describe('bad input', () => {
  test('binary, invalid and deeply nested documents are logged; the server keeps answering', async () => {
    const client = await start();
    const good = join(tmp, 'good.py');
    const goodPublished = await client.open(good, 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n');
    assert.equal(goodPublished.diagnostics.length, 1);
    const stillAnswers = async () => {
      const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: uri(good) },
        range: goodPublished.diagnostics[0].range,
        context: { diagnostics: goodPublished.diagnostics },
      });
      assert.ok(actions.some((a) => a.title === 'Show documentation for TL002'), JSON.stringify(actions.map((a) => a.title)));
    };

    const binary = await client.open(join(tmp, 'binary.py'), 'PK\u0003\u0004\u0000\u0000\u0014\u0000\u0008\u0000\u0000\u0000!\u0000\ufffd\ufffd');
    assert.deepEqual(binary.diagnostics, []);
    await client.waitFor('a log line about the binary file', () => client.logs.some((l) => /binary\.py: not analysed: binary content/.test(l.message)));
    await stillAnswers();

    const invalid = await client.open(join(tmp, 'invalid.py'), 'def (:::\n\ud800\udfff\ud800 x = = {\nclass\n\tif\n  \u2028 ]]]] """\n');
    assert.ok(Array.isArray(invalid.diagnostics));
    await client.waitFor('a log line about the syntax error', () => client.logs.some((l) => /invalid\.py: syntax error/.test(l.message)));
    await stillAnswers();

    const depth = 20_000;
    const nested = `X = ${'['.repeat(depth)}1${']'.repeat(depth)}\n\ndef f(request):\n    X.append(1)\n`;
    const deep = await client.open(join(tmp, 'deep.py'), nested);
    assert.ok(Array.isArray(deep.diagnostics));
    const calls = `def f(request):\n    return ${'g('.repeat(depth)}1${')'.repeat(depth)}\n`;
    await client.open(join(tmp, 'calls.py'), calls);
    await stillAnswers();

    const huge = await client.open(join(tmp, 'huge.py'), `X = 1\n${'# padding\n'.repeat(450_000)}`);
    assert.deepEqual(huge.diagnostics, []);
    await client.waitFor('a log line about the huge file', () => client.logs.some((l) => /huge\.py: not analysed: larger than/.test(l.message)));
    await stillAnswers();

    // Edits to a document the server never saw, unknown commands, garbage parameters.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(join(tmp, 'nope.py')), version: 2 }, contentChanges: [{ text: 'x' }] });
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.nope', arguments: [] }), (e: { code?: number; message?: string }) => {
      assert.equal(e.code, -32602, 'InvalidParams');
      assert.match(e.message ?? '', /no command is called "threadlint\.nope"/);
      return true;
    });
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(good) }, range: null, context: { diagnostics: [{ source: 'threadlint', code: 'TL002' }] } }).catch(() => undefined);
    await stillAnswers();
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });

  test('requests after shutdown are answered with InvalidRequest; exit then ends the process with 0', async () => {
    const root = workspace();
    const client = await start({ root });
    const views = join(root, 'shop', 'views.py');
    const published = await client.open(views, readFileSync(views, 'utf8'));
    assert.equal(await client.connection.sendRequest('shutdown'), null);
    const invalidRequest = (e: { code?: number }) => e.code === -32600;
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'threadlint.scanWorkspace', arguments: [] }), invalidRequest);
    await assert.rejects(
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(views) }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } }),
      invalidRequest,
    );
    await assert.rejects(client.connection.sendRequest('shutdown'), invalidRequest, 'a second shutdown');
    await assert.rejects(client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), invalidRequest);
    const exited = new Promise<number | null>((r) => client.process.once('exit', (code) => r(code)));
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});

describe('transports', () => {
  test('`threadlint server` speaks LSP over stdio', async () => {
    const client = await start({ command: [process.execPath, join(repo, 'dist', 'cli.js'), 'server'] });
    const published = await client.open(join(tmp, 'cli-server.py'), 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n');
    assert.deepEqual(shape(published.diagnostics), ['5:TL002']);
  });

  test('--node-ipc (the VS Code client transport) works', async () => {
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: PublishDiagnosticsParams[] = [];
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
      arrived();
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(join(tmp, 'ipc.py')), languageId: 'python', version: 1, text: 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n' },
      });
      await Promise.race([first, new Promise((_, reject) => setTimeout(() => reject(new Error('no diagnostics over IPC')), 10_000))]);
      assert.deepEqual(shape(published[0].diagnostics), ['5:TL002']);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
