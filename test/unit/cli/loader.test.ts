import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { PrecedentIndex } from '../../../server/src/engine/corpus';
import {
  bundledSeedsDir, displayPath, ioReason, isPrecedentFileName, loadCorpus, loadFile, parseManifest, removeFile,
} from '../../../server/src/node/corpusLoader';
import { DRAFT, ROOT, SEEDS, seedManifest, tempDir } from './support';

describe('node/corpusLoader', () => {
  it('finds the bundled seeds next to the package.json named "precedent", from the compiled tests and from dist/', () => {
    assert.equal(bundledSeedsDir(__dirname), SEEDS);
    assert.equal(bundledSeedsDir(join(ROOT, 'dist')), SEEDS);
    assert.ok(existsSync(join(bundledSeedsDir(), 'precedents.json')));
    assert.throws(() => bundledSeedsDir(tempDir('nowhere')), /cannot find the bundled precedents/);
  });

  it('loads the bundled seeds with their manifest metadata', async () => {
    const loaded = await loadCorpus({ folders: [], includeBundled: true, bundledDir: SEEDS });
    assert.equal(loaded.files, 5);
    assert.deepEqual(loaded.skipped, []);
    const byPath = new Map(loaded.documents.map((d) => [loaded.pathOf.get(d.docId), d]));
    for (const seed of seedManifest()) {
      const doc = byPath.get(join(SEEDS, seed.file));
      assert.ok(doc, seed.file);
      assert.equal(doc.meta.title, seed.title);
      assert.equal(doc.meta.date, seed.date);
      assert.ok(!doc.meta.inferred.includes('title'), 'the title came from the manifest');
    }
    assert.ok(loaded.ms >= 0);
  });

  it('reads a precedents.json in any corpus folder; a broken one is reported, the files still load', async () => {
    const dir = tempDir('manifest');
    writeFileSync(join(dir, 'a.txt'), readFileSync(DRAFT));
    writeFileSync(join(dir, 'precedents.json'), JSON.stringify({ precedents: [{ file: 'a.txt', title: 'Déclaration de Vienne', date: '2012-05-03', body: 'OSCE' }] }));
    let loaded = await loadCorpus({ folders: [dir], includeBundled: false });
    assert.equal(loaded.documents.length, 1);
    assert.equal(loaded.documents[0].meta.title, 'Déclaration de Vienne');
    assert.equal(loaded.documents[0].meta.date, '2012-05-03');
    assert.equal(loaded.documents[0].meta.body, 'OSCE');

    writeFileSync(join(dir, 'precedents.json'), '{ "precedents": [');
    loaded = await loadCorpus({ folders: [dir], includeBundled: false });
    assert.equal(loaded.documents.length, 1);
    assert.equal(loaded.skipped.length, 1);
    assert.equal(loaded.skipped[0].path, join(dir, 'precedents.json'));
    assert.match(loaded.skipped[0].reason, /^metadata not read: invalid JSON/);
  });

  it('parses manifest fields, ignoring unknown ones and entries without a file', () => {
    const m = parseManifest(JSON.stringify({ precedents: [{ file: 'x.txt', title: 'T', date: null, dateNote: 'n', place: 'Vienne' }, { title: 'no file' }] }));
    assert.equal(m.error, undefined);
    assert.deepEqual([...m.entries.entries()], [['x.txt', { title: 'T', date: null, place: 'Vienne' }]]);
    assert.match(parseManifest('[]').error ?? '', /no "precedents" list/);
  });

  it('the same file reached twice is indexed once; a file path given as a root is taken', async () => {
    const loaded = await loadCorpus({ folders: [SEEDS, join(SEEDS, seedManifest()[0].file)], includeBundled: true, bundledDir: SEEDS });
    assert.equal(loaded.files, 5);
  });

  it('loadFile indexes one file with its folder manifest; removeFile takes it out', async () => {
    const index = new PrecedentIndex();
    const path = join(SEEDS, seedManifest()[2].file);
    assert.deepEqual(await loadFile(index, path), { ok: true });
    assert.equal(index.documents().length, 1);
    assert.equal(index.documents()[0].meta.title, seedManifest()[2].title);
    assert.deepEqual(await loadFile(index, path), { ok: true }, 'reloading replaces');
    assert.equal(index.documents().length, 1);
    assert.deepEqual(await loadFile(index, join(SEEDS, 'gone.txt')), { ok: false, reason: 'no such file' });
    assert.deepEqual(await loadFile(index, SEEDS), { ok: false, reason: 'is a folder, not a file' });
    assert.equal(removeFile(index, path), true);
    assert.equal(index.documents().length, 0);
    assert.equal(removeFile(index, path), false);
  });

  it('uses the host\'s document ids (the server gives URIs)', async () => {
    const loaded = await loadCorpus({ folders: [], includeBundled: true, bundledDir: SEEDS, docIdOf: (p) => `file://${p.split(sep).join('/')}` });
    assert.ok(loaded.documents.length > 0);
    for (const d of loaded.documents) assert.match(d.docId, /^file:\/\/.*\.txt$/);
  });

  it('names I/O errors in a few plain words', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    assert.equal(ioReason(error('EACCES')), 'permission denied');
    assert.equal(ioReason(error('ENOENT')), 'no such file');
    assert.equal(ioReason(error('EISDIR')), 'is a folder, not a file');
    assert.equal(ioReason(error('EIO')), 'cannot read (EIO)');
  });

  it('takes .txt and .md precedents only, any case, not hidden files', () => {
    assert.ok(isPrecedentFileName('Déclaration.TXT'));
    assert.ok(isPrecedentFileName('note.md'));
    assert.ok(!isPrecedentFileName('.brouillon.txt'));
    assert.ok(!isPrecedentFileName('precedents.json'));
    assert.ok(!isPrecedentFileName('scan.pdf'));
  });

  it('shows bundled precedents as seeds/<file> and other files relative to the cwd', () => {
    const cwd = tempDir('show');
    mkdirSync(join(cwd, 'corpus'));
    assert.equal(displayPath(join(SEEDS, 'a.txt'), cwd, SEEDS), 'seeds/a.txt');
    assert.equal(displayPath(join(cwd, 'corpus', 'b.txt'), cwd, SEEDS), 'corpus/b.txt');
    assert.equal(displayPath(join(cwd, 'corpus', 'b.txt'), join(cwd, 'corpus'), undefined), 'b.txt');
  });
});
