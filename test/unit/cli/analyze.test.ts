import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AnalyzeReport } from '../../../server/src/node/cli/analyze';
import { DRAFT, ROOT, run, seedManifest, squash, tempDir, textOfRange } from './support';

const RANGE_KEYS = ['end', 'start'];

function assertRange(range: unknown, what: string): void {
  const r = range as { start: { line: number; character: number }; end: { line: number; character: number } };
  assert.deepEqual(Object.keys(r).sort(), RANGE_KEYS, what);
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0, what);
  }
  assert.ok(r.end.line > r.start.line || (r.end.line === r.start.line && r.end.character >= r.start.character), `${what}: end before start`);
}

describe('cli: precedent analyze', () => {
  const draftArg = relative(ROOT, DRAFT).split('\\').join('/');

  it('JSON: schemaVersion 1, the file as given, clauses and references with LSP ranges', async () => {
    const r = await run(['analyze', draftArg, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.files.length, 1);
    assert.deepEqual(report.skipped, []);
    const file = report.files[0];
    assert.equal(file.file, draftArg, 'the path as typed, not absolute');
    assert.ok(Array.isArray(file.clauses) && Array.isArray(file.references) && Array.isArray(file.skipped));
    for (const c of file.clauses) {
      for (const key of ['opener', 'lemma', 'form', 'role', 'label', 'range']) assert.ok(key in c, `clause has ${key}`);
      assertRange(c.range, 'clause range');
      assert.ok(['preambular', 'operative', 'narrative'].includes(c.role));
    }
    for (const ref of file.references) {
      for (const key of ['text', 'kind', 'canonical', 'known', 'range']) assert.ok(key in ref, `reference has ${key}`);
      assert.ok(ref.kind === 'instrument' || ref.kind === 'body');
      assert.equal(typeof ref.known, 'boolean');
      assertRange(ref.range, 'reference range');
    }
  });

  it('finds the ONUDC reference, and its range gives back its text in the file as given', async () => {
    const original = readFileSync(DRAFT, 'utf8');
    const report = JSON.parse((await run(['analyze', DRAFT, '--format', 'json'])).stdout) as AnalyzeReport;
    const refs = report.files[0].references;
    assert.ok(refs.some((x) => /ONUDC/.test(x.text)), `ONUDC among ${JSON.stringify(refs.map((x) => x.text))}`);
    for (const ref of refs) assert.equal(squash(textOfRange(original, ref.range)), squash(ref.text), `range of ${ref.text}`);
  });

  it('finds the participle and infinitive openers of the draft, each range starting at its opener', async () => {
    const original = readFileSync(DRAFT, 'utf8');
    const report = JSON.parse((await run(['analyze', DRAFT, '--format', 'json', '--no-bundled'])).stdout) as AnalyzeReport;
    const clauses = report.files[0].clauses;
    const reaffirmant = clauses.find((c) => c.opener === 'Réaffirmant');
    assert.ok(reaffirmant, `Réaffirmant among ${JSON.stringify(clauses.map((c) => c.opener))}`);
    assert.equal(reaffirmant.lemma, 'réaffirmer');
    assert.equal(reaffirmant.form, 'participle');
    assert.equal(reaffirmant.role, 'preambular');
    for (const c of clauses) {
      if (c.opener && c.openerRange) assert.equal(textOfRange(original, c.openerRange), c.opener);
    }
  });

  it('ranges stay right in a CRLF file (UTF-16 positions in the file as given)', async () => {
    const dir = tempDir('crlf');
    const crlf = readFileSync(DRAFT, 'utf8').replace(/\n/g, '\r\n');
    const path = join(dir, 'draft.txt');
    writeFileSync(path, crlf);
    const report = JSON.parse((await run(['analyze', path, '--format', 'json'])).stdout) as AnalyzeReport;
    for (const ref of report.files[0].references) assert.equal(squash(textOfRange(crlf, ref.range)), squash(ref.text));
    for (const c of report.files[0].clauses) if (c.openerRange) assert.equal(textOfRange(crlf, c.openerRange), c.opener);
  });

  it('text format: one table of clauses with 1-based line:col, then the references', async () => {
    const r = await run(['analyze', DRAFT]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /declaration-ministerielle\.decl {2}\(utf-8; \d+ clauses?, \d+ references?\)/);
    assert.match(r.stdout, /^ {2}line:col +label +opener +lemma +form +role$/m);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no terminal escapes');
  });

  it('a missing file: one line on stderr, nothing on stdout, exit 2, no stack', async () => {
    const r = await run(['analyze', 'draft.decl']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'precedent: cannot read draft.decl: no such file\n');
  });

  it('a folder given as a file is refused with its reason', async () => {
    const r = await run(['analyze', 'seeds']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'precedent: cannot read seeds: is a folder, not a file\n');
  });

  it('one missing file among good ones: the others are analysed, the missing one listed in "skipped", exit 0', async () => {
    const seed = join('seeds', seedManifest()[0].file);
    const r = await run(['analyze', seed, 'missing.txt', '--format', 'json']);
    assert.equal(r.code, 0);
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    assert.deepEqual(report.files.map((f) => f.file), [seed]);
    assert.deepEqual(report.skipped, [{ file: 'missing.txt', reason: 'no such file' }]);
    assert.equal(r.stderr, 'precedent: cannot read missing.txt: no such file\n');
  });

  it('a Windows-1252 draft is analysed with the encoding named', async () => {
    const dir = tempDir('cp1252');
    const path = join(dir, 'ancien.txt');
    // "Réaffirmant l’engagement" in Windows-1252: é = E9, ’ = 92.
    writeFileSync(path, Buffer.from([0x52, 0xe9, 0x61, 0x66, 0x66, 0x69, 0x72, 0x6d, 0x61, 0x6e, 0x74, 0x20, 0x6c, 0x92, 0x65, 0x6e, 0x67, 0x61, 0x67, 0x65, 0x6d, 0x65, 0x6e, 0x74, 0x20, 0x3b, 0x0a]));
    const r = await run(['analyze', path, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const file = (JSON.parse(r.stdout) as AnalyzeReport).files[0];
    assert.equal(file.encoding, 'windows-1252');
  });

  it('"known" counts references attested in the corpus: a draft copied into the corpus is not its own evidence', async () => {
    const dir = tempDir('self');
    copyFileSync(DRAFT, join(dir, 'draft.txt'));
    const alone = JSON.parse((await run(['analyze', join(dir, 'draft.txt'), '--format', 'json', '--no-bundled'])).stdout) as AnalyzeReport;
    const inCorpus = JSON.parse((await run(['analyze', join(dir, 'draft.txt'), '--format', 'json', '--no-bundled', '--corpus', dir])).stdout) as AnalyzeReport;
    assert.deepEqual(inCorpus.files[0].references.map((x) => x.known), alone.files[0].references.map((x) => x.known));
  });

  it('a missing --corpus folder is named on stderr and the analysis still runs on the bundled precedents', async () => {
    const r = await run(['analyze', DRAFT, '--corpus', 'no-such-folder', '--format', 'json']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^precedent: corpus folder not found: no-such-folder$/m);
    assert.equal((JSON.parse(r.stdout) as AnalyzeReport).files.length, 1);
  });
});
