-- Neovim (0.7+) as an independent LSP client of codepay-guard-server: diagnostics arrive, a code action applies,
-- the diagnostic clears. Run headless by test/e2e/nvim-check.ts; exits 0 on success.
local function out(s) io.stdout:write(s .. '\n') end
local function finish(code) out('exit ' .. code); vim.cmd('cquit ' .. code) end
local server = assert(os.getenv('LSP_SERVER'), 'LSP_SERVER not set')
local file = assert(os.getenv('LSP_FILE'), 'LSP_FILE not set')
local root = assert(os.getenv('LSP_ROOT'), 'LSP_ROOT not set')

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'codepay-guard', cmd = { 'node', server, '--stdio' }, root_dir = root,
    on_exit = function(code) out('server exited ' .. code) end,
  })
  assert(client_id, 'start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'typescript'
  vim.lsp.buf_attach_client(buf, client_id)

  assert(vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics within 15 s')
  local d = vim.diagnostic.get(buf)[1]
  out(string.format('diagnostic: %d:%d %s [%s]', d.lnum + 1, d.col + 1, d.message, d.source or ''))
  assert(d.source == 'codepay-guard', 'unexpected source ' .. tostring(d.source))
  assert(d.message:find('sk_live_****', 1, true), 'message does not name the masked key: ' .. d.message)
  assert(not d.message:find('sk_live_%w%w%w%w%w%w%w%w%w%w%w%w'), 'message shows the key')

  -- 0.7 keeps only part of the LSP diagnostic in user_data: rebuild it for the request context.
  local lsp = (d.user_data and d.user_data.lsp) or {}
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range,
    context = { diagnostics = { { range = range, message = d.message, severity = d.severity, source = d.source,
      code = lsp.code or d.code, data = lsp.data, codeDescription = lsp.codeDescription } } } }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000)
  local actions = (res and res[client_id] and res[client_id].result) or {}
  local chosen
  for _, a in ipairs(actions) do
    out('code action: ' .. a.title)
    if a.title:find('environment variable', 1, true) then chosen = a end
  end
  assert(chosen and chosen.edit, 'no "move to environment variable" action')
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  out('line now: ' .. line)
  assert(line:find('process.env.', 1, true), 'the edit did not apply')
  assert(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 50), 'diagnostic not cleared after the fix')
  out('diagnostics cleared after the fix')
  vim.lsp.stop_client(client_id)
end)
if not ok then out('FAIL: ' .. tostring(err)); finish(1) else finish(0) end
