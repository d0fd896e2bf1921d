import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runLint } from '../../../server/src/node/lintCommand';

const ROOT = join(__dirname, '..', '..', '..', '..');

function io(): { out: string[]; err: string[]; io: Parameters<typeof runLint>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: ROOT, env: {}, stdoutIsTTY: false } };
}

describe('precedent lint', () => {
  it('prints file:line:col findings with their rule and exits 1 on warnings', async () => {
    const t = io();
    const code = await runLint(['test/fixtures/drafts/exemple.decl'], t.io);
    assert.equal(code, 1);
    const text = t.out.join('');
    assert.match(text, /^test\/fixtures\/drafts\/exemple\.decl:7:1: warning \[mixed-voice\] /m);
    assert.match(text, /\[misspelled-reference\] « Europole »/);
  });

  it('--severity RULE=off silences; a bad rule is a usage error (exit 2)', async () => {
    const t = io();
    await runLint(['test/fixtures/drafts/exemple.decl', '--severity', 'typography=off', '--format', 'json'], t.io);
    const report = JSON.parse(t.out.join('')) as { schemaVersion: number; files: Array<{ diagnostics: Array<{ code?: string }> }> };
    assert.equal(report.schemaVersion, 1);
    assert.ok(report.files[0].diagnostics.length > 0);
    assert.ok(!report.files[0].diagnostics.some((d) => d.code === 'typography'));
    const bad = io();
    assert.equal(await runLint(['test/fixtures/drafts/exemple.decl', '--severity', 'nope=off'], bad.io), 2);
    assert.equal(await runLint(['absent.decl'], io().io), 2);
  });

  it('--format sarif: SARIF 2.1.0 results with 1-based regions and the rule ids', async () => {
    const t = io();
    await runLint(['test/fixtures/drafts/exemple.decl', '--format', 'sarif'], t.io);
    const sarif = JSON.parse(t.out.join('')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }> }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const mixed = sarif.runs[0].results.find((r) => r.ruleId === 'mixed-voice');
    assert.ok(mixed, 'the mixed-voice finding is reported');
    assert.equal(mixed.level, 'warning');
    assert.deepEqual(mixed.locations[0].physicalLocation.region.startLine, 7);
    assert.deepEqual(mixed.locations[0].physicalLocation.region.startColumn, 1);
  });
});
