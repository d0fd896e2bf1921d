// Tier "vscode": the extension as users install it (.vsix) inside code-server, the VS Code workbench
// in headless Chromium. Two parts:
//  1. the in-editor mocha suite (test/e2e/suite) runs in code-server's extension host, started by the
//     runner extension (test/e2e/runner-extension); its results come back as JSON;
//  2. the UI suite (test/e2e/ui) drives the workbench with Playwright for what only a person sees
//     (completion widget, hover, squiggles, lightbulb, outline, status bar) and keeps screenshots.
// Usage: node scripts/e2e/code-server-tier.mjs [--screenshots DIR] [--keep]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CODE_SERVER_BUILD, chromiumPath, endForMissing, missing, writeSummary } from './prerequisites.mjs';
import { codeServerCached, ensureCodeServer, freePort, installExtension, packageExtension, packageFolder, root, startCodeServer, writeUserSettings } from './code-server.mjs';

const argv = process.argv.slice(2);
const screenshotsArg = argv.indexOf('--screenshots');
const screenshotsDir = join(root, screenshotsArg >= 0 ? argv[screenshotsArg + 1] : join('test-results', 'screenshots'));
const keep = argv.includes('--keep');
const SUITE_TIMEOUT_MS = Number(process.env.PRECEDENT_E2E_TIMEOUT_MS ?? 300_000);

// Building code-server's native modules needs a toolchain only once; ripgrep stays its search tool.
const absent = missing([...(codeServerCached() ? CODE_SERVER_BUILD.filter((c) => c.pkg === 'ripgrep') : CODE_SERVER_BUILD), ...CHROMIUM]);
if (absent.length) endForMissing('vscode', absent, writeSummary);

const started = Date.now();
const phase = (name) => console.log(`[vscode tier ${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);

let passed = 0;
let failed = 0;
let pending = 0;
const work = mkdtempSync(join(tmpdir(), 'precedent-e2e-'));
let server;
let browser;
try {
  phase('code-server (cached install)');
  const codeServerDir = ensureCodeServer();

  phase('compiling the in-editor suites');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(root, 'test', 'e2e')], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tsc -b test/e2e failed');

  phase('packaging the extension (.vsix) and the runner');
  const vsix = join(work, 'precedent.vsix');
  packageExtension(vsix);
  const runnerVsix = join(work, 'e2e-runner.vsix');
  packageFolder(join(root, 'test', 'e2e', 'runner-extension'), runnerVsix);

  const extensionsDir = join(work, 'extensions');
  const userDataDir = join(work, 'user-data');
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  writeUserSettings(userDataDir);
  phase('installing both .vsix into code-server');
  installExtension(codeServerDir, vsix, extensionsDir);
  installExtension(codeServerDir, runnerVsix, extensionsDir);

  const results = join(work, 'results.json');
  const port = await freePort();
  phase(`starting code-server on 127.0.0.1:${port}`);
  server = await startCodeServer({
    dir: codeServerDir, port, workspace, extensionsDir, userDataDir, logFile: join(work, 'code-server.log'),
    env: { PRECEDENT_E2E_SUITE: join(root, 'out', 'test-e2e', 'suite', 'index.js'), PRECEDENT_E2E_RESULTS: results },
  });

  phase('opening the workbench in Chromium (the extension host starts when a window connects)');
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const workbenchUrl = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  await page.goto(workbenchUrl);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

  phase('in-editor suite running in the extension host');
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  while (!existsSync(results)) {
    if (server.exited()) throw new Error(`code-server exited during the suite; log:\n${readFileSync(join(work, 'code-server.log'), 'utf8').slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`no results from the extension host after ${SUITE_TIMEOUT_MS / 1000} s; code-server log:\n${readFileSync(join(work, 'code-server.log'), 'utf8').slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const inHost = JSON.parse(readFileSync(results, 'utf8'));
  printResults('in-editor suite (code-server extension host)', inHost);
  passed += inHost.passed;
  failed += inHost.failed;
  pending += inHost.pending;

  phase('UI suite (Playwright)');
  mkdirSync(screenshotsDir, { recursive: true });
  globalThis.__precedentUi = { page, workbenchUrl, workspace, screenshotsDir };
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ timeout: 60_000, reporter: 'spec', color: false });
  const uiDir = join(root, 'out', 'test-e2e', 'ui');
  for (const f of readdirSync(uiDir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(uiDir, f));
  await mocha.loadFilesAsync();
  const ui = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  passed += ui.passes;
  failed += ui.failures;
  pending += ui.pending;
  console.log(`screenshots: ${screenshotsDir}`);
} catch (error) {
  console.error(`tier vscode: ${error.stack ?? error}`);
  failed += 1;
} finally {
  await browser?.close().catch(() => undefined);
  server?.stop();
  if (keep) console.log(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
phase(`done: ${passed} passed, ${failed} failed, ${pending} pending`);
writeSummary({ passed, failed, pending });
process.exitCode = failed > 0 ? 1 : 0;

function printResults(title, r) {
  console.log(`\n  ${title}`);
  if (r.fatal) console.log(`    the suite could not run:\n${r.fatal}`);
  for (const t of r.tests) {
    const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
    console.log(`    ${mark} ${t.fullTitle}${t.durationMs > 200 ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(t.error.split('\n').map((l) => `        ${l}`).join('\n'));
  }
  console.log(`  ${r.passed} passing, ${r.failed} failing, ${r.pending} pending\n`);
}
