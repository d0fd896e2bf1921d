// `npm run open-session`: a drafting session a new user can try at once. Builds and packages the
// extension, then either installs it into the local VS Code (`code` on PATH) and opens the sample
// draft there, or serves VS Code for the browser (code-server, cached) on 127.0.0.1 with the sample
// draft open, on the bundled precedents.
// Options: --browser (use code-server even when `code` exists), --port N (default 8731).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { codeServerCached, ensureCodeServer, installExtension, packageExtension, root, startCodeServer, writeUserSettings } from './e2e/code-server.mjs';
import { CODE_SERVER_BUILD, missing, which } from './e2e/prerequisites.mjs';

const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 8731;
const cache = process.env.PRECEDENT_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'precedent');
const session = join(cache, 'session');

console.log('Précédent: building…');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
mkdirSync(session, { recursive: true });
const vsix = join(session, 'precedent.vsix');
packageExtension(vsix);
console.log(`Précédent: packaged ${vsix}`);

// The drafts live outside the clone, so trying things out never dirties it; an existing folder is kept.
const drafts = join(session, 'projets');
if (!existsSync(drafts)) cpSync(join(root, 'samples'), drafts, { recursive: true });
const draft = join(drafts, 'exemple.decl');

const code = which('code');
if (code && !argv.includes('--browser')) {
  const install = spawnSync(code, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
  spawnSync(code, [drafts, draft], { stdio: 'inherit' });
  console.log(`Précédent: installed in VS Code; ${draft} is open. Type a clause start (« Réaff », « De sout »), hover ONUDC, open the lightbulb on the underlined words.`);
  process.exit(0);
}

const absent = missing(codeServerCached() ? CODE_SERVER_BUILD.filter((c) => c.pkg === 'ripgrep') : CODE_SERVER_BUILD);
if (absent.length) {
  console.error(`VS Code (\`code\`) is not installed, and serving it in the browser needs: ${absent.map((m) => m.what).join(', ')}.\n` +
    `  Install with: sudo apt-get install -y ${absent.map((m) => m.pkg).join(' ')}   (or install VS Code and run this again)`);
  process.exit(1);
}
console.log('Précédent: preparing VS Code for the browser (code-server; the first time takes about 3 minutes)…');
const codeServerDir = ensureCodeServer();
const extensionsDir = join(session, 'extensions');
const userDataDir = join(session, 'user-data');
installExtension(codeServerDir, vsix, extensionsDir);
if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, { 'workbench.colorTheme': 'Default Light Modern' });
const server = await startCodeServer({ dir: codeServerDir, port, workspace: drafts, extensionsDir, userDataDir, logFile: join(session, 'code-server.log') });
const payload = encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${port}${draft}`]]));
console.log(`\nPrécédent is ready. Open this address in your browser:\n\n  ${server.url}/?folder=${encodeURIComponent(drafts)}&payload=${payload}\n`);
console.log('Type a clause start (« Réaff », « De sout »), hover ONUDC, open the lightbulb on the underlined words.');
console.log('Ctrl+C stops the session.');
const stop = () => { server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', () => process.exit(0));
