// code-server (VS Code for the browser, with a Node extension host) as the test and demo editor:
// the cached install, extension installs from .vsix, and a server on a free loopback port.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

/** True when install-code-server.sh finished for this version (same folder rule as the script). */
export function codeServerCached() {
  const cache = process.env.PRECEDENT_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/root', '.cache'), 'precedent');
  return existsSync(join(cache, `code-server-${CODE_SERVER_VERSION}`, '.complete'));
}

/** The cached code-server folder, installing it first when absent (about 3 minutes, once). */
export function ensureCodeServer() {
  const out = execFileSync('bash', [join(root, 'scripts', 'e2e', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

export function codeServerBin(dir) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function installExtension(dir, vsix, extensionsDir) {
  const r = spawnSync(process.execPath, [codeServerBin(dir), '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Packages the extension (after `npm run build`) into `out`. */
export function packageExtension(out) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'e2e', 'package-vsix.mjs'), '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging failed:\n${r.stdout}\n${r.stderr}`);
}

/** Packages a plain extension folder (no build step, no dependencies) with vsce. */
export function packageFolder(folder, out) {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: folder, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging ${folder} failed:\n${r.stdout}\n${r.stderr}`);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** User settings that keep first-run pages, trust prompts and update checks out of the way. */
export function writeUserSettings(userDataDir, extra = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'editor.fontSize': 14,
    'files.hotExit': 'off',
    ...extra,
  }, null, 2));
}

/**
 * Starts code-server on 127.0.0.1:`port` for `workspace` and resolves once it answers HTTP.
 * Returns { url, stop }. `env` reaches the extension host (the runner extension reads it there).
 */
export async function startCodeServer({ dir, port, workspace, extensionsDir, userDataDir, logFile, env = {}, timeoutMs = 60_000 }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a');
  const configFile = join(userDataDir, 'code-server-config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const child = spawn(process.execPath, [
    codeServerBin(dir),
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    workspace,
  ], { env: { ...process.env, ...env }, stdio: ['ignore', log, log], detached: true });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  return { url, child, stop, exited: () => exited };
}
