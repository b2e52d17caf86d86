/**
 * A real LSP client that no one here wrote: headless Neovim (Debian's
 * `neovim` package) starts the bundled server with its built-in client, opens
 * a fixture file and checks the diagnostic, the code actions (the "Suppress"
 * one applied with Neovim's own workspace-edit code, after which the
 * diagnostic must go) and the "Show documentation" command. Skipped when `nvim` is not installed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { docsUrl, findRule } from '../server/src/core/rules';
import { SERVER } from './helpers/lspClient';
import { ensureBuilt } from './helpers/robustness';

const repo = join(__dirname, '..');
ensureBuilt();

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimMissing = nvim.error !== undefined || nvim.status !== 0;

const tmp = mkdtempSync(join(tmpdir(), 'threadlint-nvim-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// Neovim 0.7's API (Debian 12): start_client + buf_attach_client, vim.wait, buf_request_sync.
const CLIENT_LUA = String.raw`
local out = os.getenv('TL_OUT')
local result = { steps = {} }
local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end
local ok, err = pcall(function()
  vim.lsp.handlers['window/showMessage'] = function(_, params)
    result.messages = result.messages or {}
    table.insert(result.messages, params.message)
  end
  local client_id = vim.lsp.start_client({
    name = 'threadlint',
    cmd = { os.getenv('TL_NODE'), os.getenv('TL_SERVER'), '--stdio' },
    root_dir = os.getenv('TL_ROOT'),
    settings = { threadlint = { diagnosticsDelay = 0 } },
  })
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'python'
  vim.lsp.buf_attach_client(buf, client_id)
  local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  table.insert(result.steps, 'diagnostics:' .. tostring(got))
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, source = d.source, message = d.message,
      href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription and d.user_data.lsp.codeDescription.href })
  end
  local d = vim.diagnostic.get(buf)[1]
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum, nil, client_id) },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  result.actions = {}
  local suppress, docs
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
      if action.title == 'Suppress TL002 on this line' then suppress = action end
      if action.command then docs = action end
    end
  end
  if suppress then
    vim.lsp.util.apply_workspace_edit(suppress.edit, 'utf-16')
    result.line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    local gone = vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
    table.insert(result.steps, 'suppressed:' .. tostring(gone))
  end
  if docs then
    local client = vim.lsp.get_client_by_id(client_id)
    local answer = client.request_sync('workspace/executeCommand', docs.command, 10000, buf)
    result.docs = answer and answer.result
    vim.wait(5000, function() return result.messages ~= nil end, 20)
  end
  -- A fresh hazard, then threadlint.applyFixAll: the server sends the file's safe fixes as workspace/applyEdit.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { 'PRICES = {}', '', '', 'def view(request):', '    PRICES[request.path] = 2' })
  local flagged = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  table.insert(result.steps, 'new hazard:' .. tostring(flagged))
  local client = vim.lsp.get_client_by_id(client_id)
  local fixed = client.request_sync('workspace/executeCommand', { command = 'threadlint.applyFixAll', arguments = { { uri = vim.uri_from_bufnr(buf) } } }, 10000, buf)
  result.fixAll = fixed and fixed.result
  result.fixedText = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
finish()
`;

test('headless Neovim shows the diagnostic, applies the suppress action, opens the docs and fixes the file on command', { timeout: 90_000 }, async (t) => {
  if (nvimMissing) {
    t.skip('nvim is not installed (apt-get install -y neovim)');
    return;
  }
  const root = join(tmp, 'project');
  spawnSync('mkdir', ['-p', root]);
  const file = join(root, 'views.py');
  writeFileSync(file, 'CACHE = {}\n\n\ndef view(request):\n    CACHE[request.path] = 1\n    return CACHE\n');
  writeFileSync(join(tmp, 'client.lua'), CLIENT_LUA);
  const out = join(tmp, 'result.json');
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(tmp, 'client.lua')}`, file], {
    cwd: root,
    env: { ...process.env, TL_OUT: out, TL_SERVER: SERVER, TL_NODE: process.execPath, TL_ROOT: root, HOME: tmp, XDG_STATE_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CONFIG_HOME: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.ok(existsSync(out), `Neovim wrote no result (exit ${code}):\n${output}`);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(result.steps, ['diagnostics:true', 'suppressed:true', 'new hazard:true']);
  assert.deepEqual(result.fixAll, { fixed: 1, applied: true });
  assert.match(result.fixedText, /_prices_lock = threading\.Lock\(\)/);
  assert.match(result.fixedText, /with _prices_lock:\n        PRICES\[request\.path\] = 2/);
  assert.equal(result.diagnostics.length, 1);
  const [d] = result.diagnostics;
  assert.equal(d.code, 'TL002');
  assert.equal(d.source, 'threadlint');
  assert.deepEqual([d.lnum, d.col], [4, 4]);
  assert.equal(d.href, docsUrl(findRule('TL002')!));
  // The core's repairs come first, then the suppressions and the documentation link.
  assert.deepEqual(result.actions.slice(-3), ['Suppress TL002 on this line', 'Suppress TL002 in this file', 'Show documentation for TL002'], result.actions.join(' | '));
  assert.equal(result.line, '    CACHE[request.path] = 1  # threadlint: ignore[TL002]');
  // Neovim 0.7 has no window/showDocument: the server sends the link as a message.
  assert.deepEqual(result.docs, { code: 'TL002', url: docsUrl(findRule('TL002')!) });
  assert.ok(result.messages.some((m: string) => m.includes(docsUrl(findRule('TL002')!))), JSON.stringify(result.messages));
  assert.equal(readFileSync(file, 'utf8').includes('threadlint: ignore'), false, 'the edit stays in the buffer; nothing is written to disk');
});
