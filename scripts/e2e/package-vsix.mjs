// Packages the extension (.vsix) from a staging folder holding only what ships (the list in
// .vscodeignore). vsce run at the repository root matches its ignore globs against every file of
// node_modules/ and out/, which takes minutes; staged, it takes seconds. The .vsix is the same.
// Usage: node scripts/e2e/package-vsix.mjs [--out file.vsix]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

/** The shipped paths: the `!path` lines of .vscodeignore, read so the two lists cannot drift apart. */
const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1).replace(/\/\*\*$/, '').replace(/\/\*\.json$/, ''));

for (const needed of ['dist/client.js', 'dist/server.js']) {
  if (!existsSync(join(root, needed))) {
    console.error(`${needed} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const stage = mkdtempSync(join(tmpdir(), 'precedent-vsix-'));
try {
  for (const path of shipped) {
    const from = join(root, path);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    cpSync(from, join(stage, path), { recursive: true });
  }
  cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  // vsce refuses relative images in the README unless the repository is on GitHub/GitLab; the
  // screenshots are not shipped anyway, so the packaged README names them instead of showing them.
  const readme = join(stage, 'README.md');
  if (existsSync(readme)) {
    writeFileSync(readme, readFileSync(readme, 'utf8').replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt, path) => `${alt} (screenshot in the repository: ${path})`));
  }
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
