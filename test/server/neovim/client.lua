-- Drives the Topic Pages language server from a real Neovim (0.7 and later), headless, with
-- Neovim's own LSP client: the way a docs writer using Neovim gets diagnostics, hover,
-- definition, links, completion, symbols and quick fixes. Run by test/server/neovim.test.ts:
--   nvim --headless --clean -n -u NONE -c 'luafile client.lua'
-- with TP_ROOT (the workspace), TP_PAGE (the page to open), TP_NODE, TP_SERVER, TP_CACHE and
-- TP_OUT (where the steps' results are written as JSON); TP_STEPS=diagnostics stops after the
-- diagnostics and a fix-all. Every step records what the editor got; the test compares it with what it expects.
local env = vim.env
local out = { steps = {} }
local published = {}
local TIMEOUT = 20000

local function step(name, fn)
  local ok, result = pcall(fn)
  if ok then
    out.steps[name] = result == nil and vim.NIL or result
  else
    out.steps[name] = { error = tostring(result) }
  end
end

-- The position (0-based line, UTF-16 character; the fixtures are ASCII) of `needle` in the buffer, plus `shift` characters.
local function position_of(buf, needle, shift)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local at = string.find(line, needle, 1, true)
    if at then return { line = i - 1, character = at - 1 + (shift or 0) } end
  end
  error('not in the buffer: ' .. needle)
end

local client

-- A request as the editor's own commands send it (Neovim checks the server's capabilities first).
local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not responses then error(method .. ': ' .. tostring(err)) end
  for _, r in pairs(responses) do
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end
  error(method .. ': no answer')
end

-- The diagnostics published for `uri` once the server is idle and has answered the buffer's latest text.
local function settled(buf, uri, version)
  -- A custom request (docs/protocol.md): sent by the client itself, as a plugin would.
  local response, err = client.request_sync('topicPages/whenIdle', {}, TIMEOUT, buf)
  if not response or response.err then error('topicPages/whenIdle: ' .. vim.inspect(err or response.err)) end
  local got = vim.wait(TIMEOUT, function()
    local p = published[uri]
    return p ~= nil and (version == nil or p.version == version)
  end, 10)
  if not got then error('no diagnostics for version ' .. tostring(version)) end
  return published[uri]
end

local ok, err = pcall(function()
  local root = env.TP_ROOT
  local id = vim.lsp.start_client({
    name = 'topic_pages',
    cmd = { env.TP_NODE, env.TP_SERVER, '--stdio' },
    root_dir = root,
    cmd_env = { XDG_CACHE_HOME = env.TP_CACHE },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, res, ctx, config)
        published[res.uri] = res
        vim.lsp.diagnostic.on_publish_diagnostics(e, res, ctx, config)
      end,
    },
  })
  if not id then error('the client did not start') end
  client = vim.lsp.get_client_by_id(id)
  if not vim.wait(TIMEOUT, function() return client.initialized == true end, 10) then error('not initialized') end
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. env.TP_PAGE))
  local buf = vim.api.nvim_get_current_buf()
  if not vim.lsp.buf_attach_client(buf, id) then error('not attached') end
  local uri = vim.uri_from_bufnr(buf)
  local doc = { uri = uri }
  out.uri = uri
  out.nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch)

  step('diagnostics', function()
    return settled(buf, uri, nil).diagnostics
  end)
  step('vimDiagnostics', function()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, message = d.message, severity = d.severity })
    end
    table.sort(list, function(a, b) return a.lnum < b.lnum end)
    return list
  end)
  if env.TP_STEPS == 'diagnostics' then
    step('fixAll', function()
      -- As `vim.lsp.buf.code_action({ context = { only = { 'source.fixAll.topicPages' } }, apply = true })` does.
      local zero = { line = 0, character = 0 }
      local actions = request(buf, 'textDocument/codeAction', { textDocument = doc, range = { start = zero, ['end'] = zero }, context = { diagnostics = {}, only = { 'source.fixAll.topicPages' } } })
      if not actions or #actions ~= 1 then error('expected one fix-all action, got ' .. vim.inspect(actions)) end
      vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
      local version = vim.lsp.util.buf_versions[buf]
      return { title = actions[1].title, kind = actions[1].kind, after = settled(buf, uri, version).diagnostics, text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') }
    end)
    step('stopped', function()
      vim.lsp.stop_client(id)
      return vim.wait(TIMEOUT, function() return vim.lsp.client_is_stopped(id) end, 10)
    end)
    return
  end
  step('hover', function()
    return request(buf, 'textDocument/hover', { textDocument = doc, position = position_of(buf, 'href="/guide#intro"', 8) })
  end)
  step('definition', function()
    return request(buf, 'textDocument/definition', { textDocument = doc, position = position_of(buf, 'href="/guide#intro"', 8) })
  end)
  step('links', function()
    return request(buf, 'textDocument/documentLink', { textDocument = doc })
  end)
  step('completion', function()
    local result = request(buf, 'textDocument/completion', { textDocument = doc, position = position_of(buf, 'href="/gude"', 8) })
    local items = result and (result.items or result) or {}
    local labels = {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
    return labels
  end)
  step('symbols', function()
    local names = {}
    local function walk(list)
      for _, s in ipairs(list or {}) do
        table.insert(names, s.name)
        walk(s.children)
      end
    end
    walk(request(buf, 'textDocument/documentSymbol', { textDocument = doc }))
    return names
  end)
  step('quickFix', function()
    local broken
    for _, d in ipairs(published[uri].diagnostics) do
      if d.code == 'link-broken' then broken = d end
    end
    if not broken then error('no link-broken diagnostic') end
    local actions = request(buf, 'textDocument/codeAction', { textDocument = doc, range = broken.range, context = { diagnostics = { broken } } })
    local titles, chosen = {}, nil
    for _, a in ipairs(actions or {}) do
      table.insert(titles, a.title)
      if a.title == 'Change to /guide' then chosen = a end
    end
    if not chosen then error('no "Change to /guide" among ' .. vim.inspect(titles)) end
    vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
    local version = vim.lsp.util.buf_versions[buf]
    return { titles = titles, version = version, after = settled(buf, uri, version).diagnostics, text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') }
  end)
  step('typed', function()
    -- A key typed as in insert mode: the text after `/guide"></a>`'s `>` gets a character, sent as an incremental change.
    local at = position_of(buf, '<a href="/guide"></a>', #'<a href="/guide">')
    vim.api.nvim_buf_set_text(buf, at.line, at.character, at.line, at.character, { 'G' })
    local version = vim.lsp.util.buf_versions[buf]
    return { version = version, after = settled(buf, uri, version).diagnostics }
  end)
  step('stopped', function()
    vim.lsp.stop_client(id)
    return vim.wait(TIMEOUT, function() return vim.lsp.client_is_stopped(id) end, 10)
  end)
end)
out.ok = ok
out.error = (not ok) and tostring(err) or nil
local f = assert(io.open(env.TP_OUT, 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
