// `npm test`: every tier, one after the other, then one closing line `N passed, N failed`.
// A tier whose system prerequisite is missing says so and names the package; under CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const onlyTier = process.argv[2];
const tiers = [
  // Their own cache folder: a test that loads a corpus must not read or leave a saved index in the user's.
  { name: 'unit', args: ['scripts/run-mocha.mjs', 'out/test/unit'], privateCache: true },
  { name: 'lsp', args: ['scripts/run-mocha.mjs', 'out/test/lsp'], privateCache: true },
  // The packaged .vsix in code-server (VS Code for the browser) under headless Chromium: in-editor suite + UI.
  { name: 'vscode', args: ['scripts/e2e/code-server-tier.mjs'] },
  // Neovim's built-in LSP client on precedent-ls --stdio.
  { name: 'nvim', args: ['scripts/e2e/nvim-tier.mjs'] },
];

let passed = 0;
let failed = 0;
const timings = [];
const dir = mkdtempSync(join(tmpdir(), 'precedent-test-'));
for (const tier of tiers) {
  if (onlyTier && tier.name !== onlyTier) continue;
  const summaryFile = join(dir, `${tier.name}.json`);
  const started = Date.now();
  console.log(`\n=== tier: ${tier.name} ===`);
  const result = spawnSync(process.execPath, tier.args, {
    stdio: 'inherit',
    env: { ...process.env, PRECEDENT_TIER_SUMMARY: summaryFile, ...(tier.privateCache ? { XDG_CACHE_HOME: join(dir, 'cache') } : {}) },
  });
  timings.push(`${tier.name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (existsSync(summaryFile)) {
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    if (result.status !== 0 && s.failed === 0) failed += 1; // the tier died after its tests: count it
  } else {
    console.error(`tier ${tier.name} produced no summary (exit ${result.status}): counted as one failure`);
    failed += 1;
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`\ntimings: ${timings.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
