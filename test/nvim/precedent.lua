-- Neovim (≥ 0.7, built-in LSP client) configuration for Précédent, used by the headless test and
-- usable as is: `nvim -u test/nvim/precedent.lua draft.decl`, or copy the setup into your init.lua.
-- PRECEDENT_LS names the server command (default: `precedent-ls` on PATH, started with --stdio).
vim.cmd([[autocmd BufRead,BufNewFile *.decl,*.decl.md,*.decl.txt setfiletype declaration]])

local M = {}

function M.cmd()
  local ls = os.getenv('PRECEDENT_LS')
  if ls and ls ~= '' then return { 'node', ls, '--stdio' } end
  return { 'precedent-ls', '--stdio' }
end

M.settings = {
  precedent = {
    corpus = { paths = {}, includeBundled = true },
    lint = { severity = {} },
    messages = { language = 'fr' },
    completion = { minimumPrefix = 2 },
    enableInPlainText = false,
  },
}

--- Starts (once) and attaches the server to buffer `bufnr`.
function M.attach(bufnr)
  if not M.client_id then
    M.client_id = vim.lsp.start_client({
      name = 'precedent',
      cmd = M.cmd(),
      root_dir = vim.fn.getcwd(),
      settings = M.settings,
      handlers = {
        ['precedent/corpusStatus'] = function(_, status)
          M.status = status
        end,
      },
    })
  end
  vim.lsp.buf_attach_client(bufnr, M.client_id)
  -- Completion through Neovim's omnifunc (<C-x><C-o>), no plugin needed.
  vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
end

vim.cmd([[autocmd FileType declaration lua require('precedent').attach(vim.api.nvim_get_current_buf())]])

package.loaded['precedent'] = M
return M
