import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrecedentIndex } from '../../../server/src/engine/corpus';
import { encodeIndex } from '../../../server/src/engine/persist';
import { fileBackedIndexOptions, loadCorpus } from '../../../server/src/node/corpusLoader';
import { readAll, readerCount, type ReadJob, type ReadResult } from '../../../server/src/node/precedentReaders';
import { CorpusHost } from '../../../server/src/node/corpusHost';
import type { CorpusStatus } from '../../../server/src/protocol/settings';
import { SEEDS, seedManifest, tempDir } from './support';

/**
 * A corpus of `copies` variants of each bundled precedent (a numbered paragraph added, so no two
 * files are the same), with a binary file, an empty one and a precedent with front matter among them.
 */
function corpus(copies: number): { dir: string; files: string[] } {
  const dir = tempDir('readers');
  const files: string[] = [];
  const seeds = seedManifest().map((s) => readFileSync(join(SEEDS, s.file), 'utf8'));
  for (let k = 0; k < copies; k++) {
    seeds.forEach((text, i) => {
      const name = `p${String(k).padStart(3, '0')}-${i}.txt`;
      writeFileSync(join(dir, name), `${text}\n\n${k + 1}. Réaffirment l’importance de la coopération n° ${k}.\n`);
      files.push(name);
    });
  }
  writeFileSync(join(dir, 'z-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 0xff]));
  writeFileSync(join(dir, 'z-empty.txt'), '');
  writeFileSync(join(dir, 'z-front.md'), '---\ntitle: Déclaration de Vienne\ndate: 2012-05-03\n---\nLes chefs de police,\n\nRappelant la résolution 2178 (2014) du Conseil de sécurité,\n');
  files.push('z-binary.txt', 'z-empty.txt', 'z-front.md');
  return { dir, files: files.sort() };
}

function jobsOf(dir: string, files: string[], keepText = false): ReadJob[] {
  return files.map((f) => ({ path: join(dir, f), docId: f, fileName: f, keepText, wantBytes: false }));
}

/** The index built on this thread alone, precedent by precedent (upsert), as the reference. */
function builtHere(dir: string, files: string[]): PrecedentIndex {
  const index = new PrecedentIndex(fileBackedIndexOptions((docId) => join(dir, docId)));
  for (const f of files) index.upsert({ docId: f, fileName: f, bytes: readFileSync(join(dir, f)) });
  return index;
}

async function builtByReaders(dir: string, files: string[], options: Parameters<typeof readAll>[2]): Promise<{ index: PrecedentIndex; order: string[]; workers: number; lost: string | null }> {
  const index = new PrecedentIndex(fileBackedIndexOptions((docId) => join(dir, docId)));
  const order: string[] = [];
  const { workers, lost } = await readAll(jobsOf(dir, files), (job, read: ReadResult) => {
    order.push(job.docId);
    assert.equal(read.kind, 'read', `${job.docId}: ${JSON.stringify(read)}`);
    if (read.kind === 'read') index.addRead(read.outcome);
  }, options);
  return { index, order, workers, lost };
}

/** The whole index as it would be saved: equal bytes, equal index. */
function saved(index: PrecedentIndex): Buffer {
  index.prepare();
  return Buffer.from(encodeIndex(index, 'test', null));
}

describe('node/precedentReaders', function () {
  this.timeout(60_000);

  it('reads precedents on a worker thread and builds, in file order, the index one thread builds', async () => {
    const { dir, files } = corpus(8);
    const expected = saved(builtHere(dir, files));
    const byOne = await builtByReaders(dir, files, { workers: 1, minFiles: 0 });
    assert.equal(byOne.workers, 1);
    assert.equal(byOne.lost, null);
    assert.deepEqual(byOne.order, files);
    assert.ok(saved(byOne.index).equals(expected), 'one reader thread: same index');
    const byTwo = await builtByReaders(dir, files, { workers: 2, minFiles: 0 });
    assert.equal(byTwo.workers, 2);
    assert.deepEqual(byTwo.order, files);
    assert.ok(saved(byTwo.index).equals(expected), 'two reader threads: same index');
    // The refused files are refused for the same reasons.
    assert.deepEqual(byOne.index.skipped(), builtHere(dir, files).skipped());
    assert.deepEqual(byOne.index.skipped().map((s) => s.docId).sort(), ['z-binary.txt', 'z-empty.txt']);
  });

  it('keeps the text of precedents when the index keeps it, and gives the bytes back when asked', async () => {
    const { dir, files } = corpus(1);
    const seen: Array<{ kept: boolean; bytes: number; size: number }> = [];
    await readAll(files.map((f) => ({ path: join(dir, f), docId: f, fileName: f, keepText: true, wantBytes: true })), (job, read) => {
      if (read.kind !== 'read' || !read.outcome.ok) return;
      seen.push({ kept: read.outcome.read.text !== null, bytes: read.bytes?.length ?? -1, size: read.size });
      assert.ok(read.bytes && Buffer.from(read.bytes).equals(readFileSync(job.path)), job.docId);
      assert.equal(read.outcome.read.text?.clean.origin.length, read.outcome.read.text!.clean.text.length + 1);
    }, { workers: 1, minFiles: 0 });
    assert.equal(seen.length, 6);
    for (const s of seen) assert.deepEqual(s, { kept: true, bytes: s.size, size: s.size });
  });

  it('reads everything on this thread when a reader thread cannot start or dies, and loses nothing', async () => {
    const { dir, files } = corpus(3);
    const expected = saved(builtHere(dir, files));
    const broken = join(tempDir('broken-reader'), 'reader.js');
    writeFileSync(broken, 'throw new Error("no reader here");\n');
    const failed = await builtByReaders(dir, files, { workers: 1, minFiles: 0, workerFile: broken });
    assert.match(failed.lost ?? '', /no reader here/);
    assert.deepEqual(failed.order, files);
    assert.ok(saved(failed.index).equals(expected));
    // One that answers the first request, then exits with the others unanswered.
    const dies = join(tempDir('dying-reader'), 'reader.js');
    writeFileSync(dies, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => { parentPort.postMessage({ seq: m.seq, kind: 'threw', error: 'first one' }); setTimeout(() => process.exit(3), 5); });\n`);
    const died = await builtByReaders(dir, files, { workers: 1, minFiles: 0, workerFile: dies });
    assert.equal(died.lost, 'stopped (exit code 3)');
    assert.deepEqual(died.order, files);
    assert.ok(saved(died.index).equals(expected));
  });

  it('stops where the caller says, having taken the results before in order', async () => {
    const { dir, files } = corpus(4);
    const taken: string[] = [];
    const outcome = await readAll(jobsOf(dir, files), (job) => taken.push(job.docId), { workers: 1, minFiles: 0, stop: () => taken.length >= 7 });
    assert.deepEqual(outcome, { workers: 1, taken: 7, lost: null });
    assert.deepEqual(taken, files.slice(0, 7));
  });

  it('reads an unreadable file as a reason, not an error', async () => {
    const { dir, files } = corpus(1);
    const results: ReadResult[] = [];
    await readAll([...jobsOf(dir, files), ...jobsOf(dir, ['gone.txt'])], (_job, read) => results.push(read), { workers: 1, minFiles: 0 });
    assert.deepEqual(results.at(-1), { kind: 'unreadable', reason: 'no such file' });
  });

  it('starts no thread for a few files, and loadCorpus with threads gives what it gives without', async () => {
    assert.equal(readerCount(10), 0);
    assert.equal(readerCount(10, { minFiles: 0, workers: 3 }), 3);
    assert.equal(readerCount(5000, { workers: 0 }), 0);
    const { dir } = corpus(14);
    const alone = await loadCorpus({ folders: [dir], includeBundled: false, readers: 0 });
    const progress: string[] = [];
    const beside = await loadCorpus({ folders: [dir], includeBundled: false, readers: 1, onProgress: (done, total) => progress.push(`${done}/${total}`) });
    assert.deepEqual(progress, Array.from({ length: 73 }, (_, k) => `${k + 1}/73`));
    assert.equal(beside.files, 73);
    assert.deepEqual(beside.readers, { threads: 1, lost: null });
    assert.deepEqual(alone.readers, { threads: 0, lost: null });
    assert.deepEqual(beside.skipped, alone.skipped);
    assert.deepEqual(beside.documents, alone.documents);
    assert.ok(saved(beside.index).equals(saved(alone.index)));
  });
});

describe('node/corpusHost: indexing progress', function () {
  this.timeout(60_000);

  it('says how many precedents are read, then that it prepares, then ready, in that order', async () => {
    const { dir } = corpus(14);
    const seen: Array<{ reason: string; state: string; progress?: CorpusStatus['progress']; message: string }> = [];
    const host = new CorpusHost((status, reason) => seen.push({ reason, state: status.state, progress: status.progress, message: status.message }), () => undefined, () => null);
    host.progressEveryMs = 0;
    await host.load({ folders: [dir], includeBundled: false });
    const reading = seen.filter((s) => s.progress?.phase === 'reading');
    assert.deepEqual(reading.map((s) => s.progress!.done), Array.from({ length: 73 }, (_, k) => k + 1));
    assert.ok(reading.every((s) => s.reason === 'progress' && s.state === 'indexing' && s.progress!.total === 73));
    assert.equal(reading[35].message, 'Indexation des précédents… 36 sur 73 lus (49 %)');
    const after = seen.slice(seen.indexOf(reading.at(-1)!) + 1);
    assert.deepEqual(after.map((s) => [s.reason, s.state, s.progress?.phase ?? null]), [['progress', 'indexing', 'preparing'], ['load', 'ready', null]]);
    assert.equal(after[0].message, '71 précédents lus ; formulations et index en préparation…');
    // Numbers as French writes them (narrow no-break space between thousands).
    assert.equal(host.status('indexing', undefined, { phase: 'reading', done: 12400, total: 100000 }).message, 'Indexation des précédents… 12\u202f400 sur 100\u202f000 lus (12 %)');
  });

  it('shows no progress for a corpus read in less than the interval', async () => {
    const { dir } = corpus(1);
    const reasons: string[] = [];
    const host = new CorpusHost((_status, reason) => reasons.push(reason), () => undefined, () => null);
    await host.load({ folders: [dir], includeBundled: false });
    assert.deepEqual(reasons, ['load', 'load']);
  });
});
