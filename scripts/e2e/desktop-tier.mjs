// `npm run test:vscode`: the same in-editor suite (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, the extension loaded from this folder. VS Code comes from
// VSCODE_EXECUTABLE_PATH when set, else it is downloaded (and cached in .vscode-test/). Where neither
// works (no network) the run says so and stops without failing: the code-server tier covers CI.
import { existsSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './code-server.mjs';
import { writeSummary } from './prerequisites.mjs';

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(root, 'test', 'e2e')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(1);

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await Promise.race([
      downloadAndUnzipVSCode({ version: 'stable', cachePath: join(root, '.vscode-test') }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s')), 60_000)),
    ]);
  } catch (error) {
    console.log(`desktop VS Code tier skipped: VS Code could not be downloaded (${error.message}).\n` +
      '  Set VSCODE_EXECUTABLE_PATH=/path/to/code (an installed VS Code ≥ 1.82) to run the suite against it.');
    writeSummary({ passed: 0, failed: 0, pending: 1 });
    process.exit(0);
  }
}

const work = mkdtempSync(join(tmpdir(), 'precedent-desktop-'));
const workspace = join(work, 'workspace');
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
const results = join(work, 'results.json');
let failed = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test-e2e', 'suite', 'index.js'),
    extensionTestsEnv: { PRECEDENT_E2E_RESULTS: results },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(work, 'user-data')],
  });
} catch (error) {
  console.error(`VS Code exited with an error: ${error.message ?? error}`);
  failed = 1;
}
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`${r.passed} passed, ${r.failed} failed (desktop VS Code)`);
  writeSummary({ passed: r.passed, failed: r.failed, pending: r.pending });
  process.exitCode = r.failed > 0 ? 1 : 0;
} else {
  writeSummary({ passed: 0, failed: 1, pending: 0 });
  process.exitCode = 1;
}
if (failed) process.exitCode = 1;
rmSync(work, { recursive: true, force: true });
