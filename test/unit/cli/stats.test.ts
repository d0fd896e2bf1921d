import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatsReport } from '../../../server/src/node/cli/stats';
import { DRAFT, ROOT, run, seedManifest, tempDir } from './support';

describe('cli: precedent stats', () => {
  it('JSON: one document per bundled precedent, with the title and date of seeds/precedents.json', async () => {
    const r = await run(['stats', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as StatsReport;
    assert.equal(report.schemaVersion, 1);
    const seeds = seedManifest();
    assert.equal(report.documents.length, seeds.length);
    assert.equal(report.totals.documents, 5);
    for (const seed of seeds) {
      const doc = report.documents.find((d) => d.file === `seeds/${seed.file}`);
      assert.ok(doc, `seeds/${seed.file} listed`);
      assert.equal(doc.title, seed.title);
      assert.equal(doc.date, seed.date);
      assert.ok(doc.clauses > 0, `${seed.file} has clauses`);
    }
    assert.deepEqual(report.documents.map((d) => d.date), [...report.documents.map((d) => d.date)].sort(), 'oldest first');
    assert.deepEqual(report.skipped, []);
    assert.ok(report.indexMs >= 0);
    assert.ok(Array.isArray(report.openers.byLemma) && Array.isArray(report.openers.byForm));
    assert.ok(Array.isArray(report.references.byKind) && Array.isArray(report.references.mostCited));
    assert.ok(Array.isArray(report.formulations));
  });

  it('the output does not depend on the machine: no absolute path, same bytes from another cwd', async () => {
    const here = await run(['stats', '--format', 'json']);
    const elsewhere = await run(['stats', '--format', 'json'], { cwd: tempDir('cwd') });
    assert.ok(!here.stdout.includes(ROOT), 'no absolute path');
    const withoutTime = (s: string): unknown => ({ ...(JSON.parse(s) as StatsReport), indexMs: 0 });
    assert.deepEqual(withoutTime(elsewhere.stdout), withoutTime(here.stdout));
  });

  it('text: a summary line, "indexed 5 precedents in N ms", the titles, and no terminal escapes', async () => {
    const r = await run(['stats']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Précédent corpus: 5 precedents, \d+ clauses?, \d+ references?\n/);
    assert.match(r.stdout, /^indexed 5 precedents in \d+(\.\d)? ms$/m);
    for (const seed of seedManifest()) {
      assert.ok(r.stdout.includes(seed.date as string));
      assert.ok(r.stdout.includes(`seeds/${seed.file}`));
    }
    for (const heading of ['PRECEDENTS', 'CLAUSE OPENERS', 'REFERENCES', 'RECURRING FORMULATIONS', 'SKIPPED: none']) assert.ok(r.stdout.includes(heading), heading);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });

  describe('a corpus folder with bad files', () => {
    let dir = '';
    let unreadableIsUnreadable = false;
    before(() => {
      dir = tempDir('corpus');
      writeFileSync(join(dir, 'draft.txt'), readFileSync(DRAFT));
      writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0]));
      writeFileSync(join(dir, 'empty.txt'), '');
      // "Réaffirment leur engagement à coopérer" in Windows-1252.
      writeFileSync(join(dir, 'ancien.txt'), Buffer.from('R\xe9affirment leur engagement \xe0 coop\xe9rer avec l\x92ONUDC ;\n', 'latin1'));
      // A folder whose name looks like a precedent's is still a folder: searched, not read.
      mkdirSync(join(dir, 'dossier.txt'));
      writeFileSync(join(dir, 'dossier.txt', 'inside.txt'), readFileSync(DRAFT));
      mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
      writeFileSync(join(dir, 'sub', 'deeper', 'note.md'), readFileSync(DRAFT));
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, '.git', 'hidden.txt'), readFileSync(DRAFT));
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'node_modules', 'dep.txt'), readFileSync(DRAFT));
      writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50]));
      // Sparse: 51 MB on paper, nothing on disk.
      writeFileSync(join(dir, 'huge.txt'), '');
      truncateSync(join(dir, 'huge.txt'), 51 * 1024 * 1024);
      writeFileSync(join(dir, 'locked.txt'), readFileSync(DRAFT));
      chmodSync(join(dir, 'locked.txt'), 0o000);
      try {
        readFileSync(join(dir, 'locked.txt'));
      } catch {
        unreadableIsUnreadable = true;
      }
    });

    async function stats(): Promise<{ report: StatsReport; cwd: string }> {
      const r = await run(['stats', '--format', 'json', '--no-bundled', '--corpus', dir], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      return { report: JSON.parse(r.stdout) as StatsReport, cwd: dir };
    }

    it('indexes the readable precedents, recursively, leaving out hidden folders, node_modules and other extensions', async () => {
      const { report } = await stats();
      const files = report.documents.map((d) => d.file);
      assert.ok(files.includes('draft.txt'));
      assert.ok(files.includes('sub/deeper/note.md'));
      assert.ok(files.includes('dossier.txt/inside.txt'));
      for (const f of [...files, ...report.skipped.map((s) => s.file)]) {
        assert.doesNotMatch(f, /\.git|node_modules|image\.png/, f);
      }
    });

    it('gives each file it skips one reason: file over 50 MB, binary', async () => {
      const { report } = await stats();
      const reason = new Map(report.skipped.map((s) => [s.file, s.reason]));
      assert.match(reason.get('huge.txt') ?? '', /too large for a precedent \(51 MB; the limit is 50 MB\)/);
      assert.ok((reason.get('binary.txt') ?? '').length > 0, `binary.txt skipped with a reason: ${JSON.stringify(report.skipped)}`);
      assert.ok(!report.documents.some((d) => d.file === 'binary.txt'));
    });

    it('an empty file is either indexed or skipped with a reason, never lost', async () => {
      const { report } = await stats();
      const indexed = report.documents.some((d) => d.file === 'empty.txt');
      const skipped = report.skipped.find((s) => s.file === 'empty.txt');
      assert.ok(indexed !== !!skipped, 'exactly one of indexed / skipped');
      if (skipped) assert.ok(skipped.reason.length > 0);
    });

    it('a Windows-1252 file is indexed with a note', async () => {
      const { report } = await stats();
      const doc = report.documents.find((d) => d.file === 'ancien.txt');
      assert.ok(doc, JSON.stringify(report.skipped));
      assert.ok(doc.notes.length > 0, 'a note says it was not UTF-8');
    });

    it('an unreadable file is skipped with "permission denied" (not testable as root)', async function () {
      if (!unreadableIsUnreadable) this.skip();
      const { report } = await stats();
      assert.deepEqual(report.skipped.find((s) => s.file === 'locked.txt'), { file: 'locked.txt', reason: 'permission denied' });
    });

    it('text: the skipped files are listed with their reasons', async () => {
      const r = await run(['stats', '--no-bundled', '--corpus', dir], { cwd: dir });
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^SKIPPED: \d+ files or folders$/m);
      assert.match(r.stdout, /^ {2}huge\.txt: too large for a precedent \(51 MB; the limit is 50 MB\)$/m);
    });
  });

  it('a missing corpus folder is listed as skipped and the bundled precedents still count', async () => {
    const r = await run(['stats', '--format', 'json', '--corpus', 'no-such-folder']);
    assert.equal(r.code, 0);
    const report = JSON.parse(r.stdout) as StatsReport;
    assert.equal(report.documents.length, 5);
    assert.deepEqual(report.skipped, [{ file: 'no-such-folder', reason: 'folder not found' }]);
  });

  it('nothing but a missing folder: one clear line, exit 2', async () => {
    const r = await run(['stats', '--no-bundled', '--corpus', 'no-such-folder']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'precedent: no precedents to use: corpus folder not found: no-such-folder\n');
  });
});
