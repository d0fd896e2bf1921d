// Tier "nvim": Neovim's built-in LSP client (Debian's neovim ≥ 0.7) attached to `precedent-ls --stdio`
// on a draft, headless. test/nvim/check.lua asks for completion, hover, diagnostics and the outline
// and writes the answers as JSON; the assertions are here.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEOVIM, endForMissing, missing, writeSummary } from './prerequisites.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const absent = missing(NEOVIM);
if (absent.length) endForMissing('nvim', absent, writeSummary);

const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
const [, major, minor] = /v(\d+)\.(\d+)/.exec(version) ?? [];
if (!(Number(major) > 0 || Number(minor) >= 7)) endForMissing('nvim', [{ what: `Neovim ≥ 0.7 (found ${version})`, pkg: 'neovim' }], writeSummary);
if (!existsSync(join(root, 'dist', 'server.js'))) {
  console.error('dist/server.js is missing: run `npm run build` first');
  writeSummary({ passed: 0, failed: 1, pending: 0 });
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'precedent-nvim-'));
const draft = join(work, 'projet.decl');
copyFileSync(join(root, 'test', 'e2e', 'workspace', 'projet.decl'), draft);
const resultsFile = join(work, 'results.json');
const started = Date.now();
const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(root, 'test', 'nvim', 'check.lua')}`], {
  cwd: work,
  encoding: 'utf8',
  timeout: 180_000,
  env: {
    ...process.env,
    PRECEDENT_LS: join(root, 'bin', 'precedent-ls.js'),
    PRECEDENT_NVIM_CONFIG: join(root, 'test', 'nvim', 'precedent.lua'),
    PRECEDENT_NVIM_DRAFT: draft,
    PRECEDENT_NVIM_RESULTS: resultsFile,
  },
});
console.log(`  ${version}, headless run ${((Date.now() - started) / 1000).toFixed(1)} s`);

let passed = 0;
let failed = 0;
function check(title, fn) {
  try {
    fn();
    passed++;
    console.log(`    ✔ ${title}`);
  } catch (error) {
    failed++;
    console.log(`    ✖ ${title}\n${String(error.stack ?? error).split('\n').slice(0, 8).map((l) => `        ${l}`).join('\n')}`);
  }
}

console.log('\n  Neovim built-in LSP client');
let r = null;
check('the headless session wrote its answers', () => {
  assert.ok(existsSync(resultsFile), `no results (exit ${run.status}, signal ${run.signal}); stderr:\n${run.stderr}`);
  r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  assert.deepEqual(r.errors, []);
});
if (r) {
  check('.decl files get the declaration filetype and the server attaches', () => {
    assert.equal(r.filetype, 'declaration');
    assert.equal(r.attached, true);
  });
  check('the server reports the bundled corpus indexed', () => {
    assert.equal(r.ready, true);
    assert.ok(r.status.documents >= 5, JSON.stringify(r.status));
  });
  check('diagnostics arrive: the missing reference and the acronym never spelled out', () => {
    assert.equal(r.got_diagnostics, true);
    const codes = r.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('missing-reference'), codes.join(', '));
    const acronym = r.diagnostics.find((d) => d.code === 'acronym-first-use');
    assert.ok(acronym, codes.join(', '));
    assert.match(acronym.message, /ONUDC/);
    assert.equal(acronym.lnum, 8);
  });
  check('completion offers the participle opener in the preamble', () => {
    const items = Array.isArray(r.completion) ? r.completion : r.completion?.items ?? [];
    const labels = items.map((i) => i.label);
    assert.equal(labels[0], 'Réaffirmant', labels.join(', '));
    const first = items[0];
    assert.equal(first.textEdit?.newText ?? first.insertText ?? first.label, 'Réaffirmant');
  });
  check('hover on the acronym names the body and the precedents citing it', () => {
    const value = typeof r.hover?.contents === 'string' ? r.hover.contents : r.hover?.contents?.value ?? '';
    assert.ok(value.includes('Office des Nations Unies contre la drogue et le crime'), value.slice(0, 300));
    assert.match(value, /Cité dans \d+ précédents/);
  });
  check('the outline lists the preamble with its openers', () => {
    const preamble = (r.symbols ?? []).find((s) => s.name.startsWith('Nous, les Ministres'));
    assert.ok(preamble, JSON.stringify(r.symbols).slice(0, 300));
    assert.deepEqual(preamble.children.slice(0, 3).map((c) => c.name), ['Réaffirmant', 'Conscients', 'Rappelant']);
  });
}
rmSync(work, { recursive: true, force: true });
console.log(`  ${passed} passing, ${failed} failing\n`);
writeSummary({ passed, failed, pending: 0 });
process.exitCode = failed > 0 ? 1 : 0;
