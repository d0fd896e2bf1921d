-- Headless check run by scripts/e2e/nvim-tier.mjs: opens a draft with the Précédent config, asks the
-- server what a Neovim user gets (completion, hover, diagnostics, outline) and writes the answers as
-- JSON to $PRECEDENT_NVIM_RESULTS for the Node harness to assert on. Waits on conditions, with deadlines.
local out = os.getenv('PRECEDENT_NVIM_RESULTS')
local results = { errors = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local precedent = dofile(os.getenv('PRECEDENT_NVIM_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PRECEDENT_NVIM_DRAFT')))
  local bufnr = vim.api.nvim_get_current_buf()
  results.filetype = vim.bo[bufnr].filetype
  if not precedent.client_id then precedent.attach(bufnr) end

  results.attached = vim.wait(20000, function()
    local client = vim.lsp.get_client_by_id(precedent.client_id)
    return client ~= nil and client.initialized == true
  end, 50)
  results.ready = vim.wait(60000, function() return precedent.status ~= nil and precedent.status.state == 'ready' end, 50)
  results.status = precedent.status

  results.got_diagnostics = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(results.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, 20000) or {}
    for _, r in pairs(responses) do
      if r.err then table.insert(results.errors, method .. ': ' .. vim.inspect(r.err)) end
      if r.result then return r.result end
    end
    return vim.NIL
  end

  -- Completion: a new preamble clause typed "Réaff" after the last line of the preamble.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local after = 0
  for i, l in ipairs(lines) do if l:match('^Rappelant') then after = i end end
  vim.api.nvim_buf_set_lines(bufnr, after, after, false, { '', 'Réaff' })
  local line = after + 1
  results.completion = request('textDocument/completion', {
    textDocument = { uri = uri },
    -- LSP positions count UTF-16 units: "Réaff" is 5 of them (6 bytes).
    position = { line = line, character = 5 },
  })
  vim.api.nvim_buf_set_lines(bufnr, after, after + 2, false, {})

  -- Hover on the acronym.
  lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, l in ipairs(lines) do
    local at = l:find('ONUDC', 1, true)
    if at then
      local character = vim.str_utfindex(l, at - 1) + 1
      results.hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = i - 1, character = character } })
      break
    end
  end

  results.symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
end)
if not ok then table.insert(results.errors, tostring(err)) end
finish()
