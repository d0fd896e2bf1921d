// The real executable, as a drafter runs it: bin/precedent.js → dist/cli.js (built by `npm run build`).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DRAFT, ROOT, seedManifest, tempDir } from './support';

const BIN = join(ROOT, 'bin', 'precedent.js');

function precedent(args: string[], cwd = ROOT, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PRECEDENT_DEBUG: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: the built precedent binary', () => {
  before(function () {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  });

  it('stats --format json from another folder: the bundled seeds, found from dist/', () => {
    const r = precedent(['stats', '--format', 'json'], tempDir('bin'));
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { documents: Array<{ file: string; title: string }> };
    assert.deepEqual(report.documents.map((d) => d.file).sort(), seedManifest().map((s) => `seeds/${s.file}`).sort());
  });

  it('analyze of a missing draft: exit 2 and exactly one line on stderr', () => {
    const r = precedent(['analyze', 'draft.decl']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'precedent: cannot read draft.decl: no such file\n');
  });

  it('analyze --format json of the test draft: valid JSON with schemaVersion 1', () => {
    const r = precedent(['analyze', DRAFT, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { schemaVersion: number }).schemaVersion, 1);
  });
});
