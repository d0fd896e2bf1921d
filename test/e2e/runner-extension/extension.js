// Test-only extension, installed next to Précédent in code-server by scripts/e2e/code-server-tier.mjs.
// code-server has no --extensionTestsPath, so this extension plays that part: once the window has
// started it loads the suite named by PRECEDENT_E2E_SUITE (out/test-e2e/suite/index.js), runs it in this
// extension host, and the suite writes its results to PRECEDENT_E2E_RESULTS for the harness to read.
// Without those variables it does nothing, so a developer who keeps it installed is not bothered.
const { openSync, closeSync, writeFileSync } = require('node:fs');

function activate() {
  const suite = process.env.PRECEDENT_E2E_SUITE;
  const results = process.env.PRECEDENT_E2E_RESULTS;
  if (!suite || !results) return;
  // Run once per code-server: reloading the browser tab starts a new extension host, which must not
  // run the suite again under the UI tests. The first host to create the marker file wins.
  try {
    closeSync(openSync(`${results}.started`, 'wx'));
  } catch {
    return;
  }
  Promise.resolve()
    .then(() => require(suite).run())
    .catch((error) => {
      writeFileSync(results, JSON.stringify({ passed: 0, failed: 1, pending: 0, tests: [], fatal: String((error && error.stack) || error) }));
    });
}

function deactivate() {}

module.exports = { activate, deactivate };
