import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrecedentIndex } from '../../../server/src/engine/corpus';
import { fileBackedIndexOptions, loadCorpus, type LoadedCorpus } from '../../../server/src/node/corpusLoader';
import { CorpusHost, pathOfUri, uriOfPath } from '../../../server/src/node/corpusHost';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheFileFor, defaultCacheDir, readIndexCache, writeIndexCache } from '../../../server/src/node/indexCache';
import { run, SEEDS, tempDir } from '../cli/support';

const CLAUSES = [
  'DÉCLARATION SUR LA COOPÉRATION POLICIÈRE',
  '',
  'Les ministres,',
  '',
  '- Réaffirment leur attachement à la Convention des Nations\u00a0Unies contre la criminalité transnationale organisée ;',
  '',
  '- Soulignent le rôle d’Europol et d’INTERPOL dans la lutte contre la criminalité transnationale organisée\u202f;',
  '',
].join('\n');

function corpusDir(): string {
  const dir = tempDir('cache-corpus');
  writeFileSync(join(dir, 'a.txt'), CLAUSES);
  writeFileSync(join(dir, 'b.txt'), CLAUSES.replace('Réaffirment', 'Rappellent'));
  writeFileSync(join(dir, 'c.txt'), CLAUSES.replace('POLICIÈRE', 'JUDICIAIRE'));
  return dir;
}

function load(dir: string, cacheFile: string, engineVersion?: string): Promise<LoadedCorpus> {
  return loadCorpus({ folders: [dir], includeBundled: true, bundledDir: SEEDS, cacheFile, engineVersion });
}

async function save(loaded: LoadedCorpus, cacheFile: string, engineVersion?: string): Promise<void> {
  const written = await writeIndexCache(cacheFile, loaded.index, loaded.stamps!, engineVersion);
  assert.ok(written.ok, written.ok ? '' : written.message);
}

/** Answers that read quotes from the files: concordance, reference occurrences, openers, formulations. */
function answers(index: PrecedentIndex): unknown {
  const ref = index.findReferences('Convention des Nations Unies contre la criminalité', 1)[0];
  return {
    documents: index.documents().sort((a, b) => (a.docId < b.docId ? -1 : 1)),
    concordance: index.concordance('criminalité transnationale', 50),
    occurrences: ref ? index.referenceOccurrences(ref.entry.id, 0, 50) : null,
    openers: index.findOpeners('réaff', 5),
    continuation: index.continueFormulation('la criminalité trans', 5),
    topics: index.topicEvidence('organized-crime'),
  };
}

/** Lists of occurrences and document ids sorted, for comparisons where only ties may differ. */
function unordered(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(unordered);
    return items.every((v) => typeof v === 'string' || (v !== null && typeof v === 'object' && 'docId' in v))
      ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : items;
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unordered(v)]));
  return value;
}

describe('node/indexCache: the persisted index on disk', () => {
  it('a second load takes every unchanged file from the cache and answers the same, quotes included', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache'), 'index.bin');
    const first = await load(dir, cacheFile);
    assert.equal(first.cache?.status, 'missing');
    await save(first, cacheFile);
    const second = await load(dir, cacheFile);
    assert.equal(second.cache?.status, 'loaded');
    assert.deepEqual([second.cache?.reused, second.cache?.reindexed, second.cache?.removed], [8, 0, 0]);
    assert.deepEqual(second.skipped, first.skipped);
    assert.deepEqual([...second.pathOf].sort(), [...first.pathOf].sort());
    const expected = answers(first.index);
    assert.ok(((expected as { concordance: { total: number } }).concordance.total) >= 6);
    assert.deepEqual(answers(second.index), expected);
  });

  it('reads the saved index at once and decodes it only once the caller’s own work is done (decodeAfter)', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache'), 'index.bin');
    const first = await load(dir, cacheFile);
    await save(first, cacheFile);
    let release = (): void => undefined;
    const walkDone = new Promise<void>((resolve) => (release = resolve));
    let settled = false;
    const reading = readIndexCache(cacheFile, fileBackedIndexOptions((id) => id), undefined, true, walkDone).then((r) => ((settled = true), r));
    // Long enough for the few kilobytes to be read many times over: still not decoded.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(settled, false, 'decoded before the caller said so');
    release();
    const read = await reading;
    assert.equal(read.status, 'loaded');
    if (read.status !== 'loaded') return;
    assert.deepEqual(read.index.findOpeners('reaffirm', 5).map((m) => m.entry.lemma), first.index.findOpeners('reaffirm', 5).map((m) => m.entry.lemma));
    await read.rest?.complete();
    // A caller whose work failed still gets its index decoded.
    const failing = readIndexCache(cacheFile, fileBackedIndexOptions((id) => id), undefined, false, Promise.reject(new Error('walk failed')));
    assert.equal((await failing).status, 'loaded');
  });

  it('re-indexes a changed file, indexes an added one and drops a removed one, without a rebuild', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache'), 'index.bin');
    await save(await load(dir, cacheFile), cacheFile);
    const before = (await load(dir, cacheFile)).index.concordance('Rappellent', 10).total;
    assert.ok(before >= 1);
    writeFileSync(join(dir, 'a.txt'), CLAUSES.replace('Réaffirment', 'Rappellent') + '\n- Rappellent la Convention de Palerme.\n');
    writeFileSync(join(dir, 'd.txt'), CLAUSES);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'c.txt'));
    const after = await load(dir, cacheFile);
    assert.equal(after.cache?.status, 'loaded');
    assert.deepEqual([after.cache?.reused, after.cache?.reindexed, after.cache?.removed], [6, 2, 1]);
    assert.equal(after.index.concordance('Rappellent', 10).total, before + 2);
    const ids = after.documents.map((d) => d.docId);
    assert.ok(ids.includes(join(dir, 'd.txt')));
    assert.ok(!ids.includes(join(dir, 'c.txt')));
    assert.equal(after.documents.length, 8);
    // The same answers as indexing the new state of the folder from scratch, up to the order of
    // equally dated precedents (a re-indexed file counts as the newest, with or without cache).
    const fresh = await loadCorpus({ folders: [dir], includeBundled: true, bundledDir: SEEDS });
    assert.deepEqual(unordered(answers(after.index)), unordered(answers(fresh.index)));
  });

  it('re-indexes a file whose manifest metadata changed (same bytes, same time)', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache'), 'index.bin');
    writeFileSync(join(dir, 'precedents.json'), JSON.stringify({ precedents: [{ file: 'a.txt', title: 'Déclaration de Vienne', date: '2012-05-03' }] }));
    await save(await load(dir, cacheFile), cacheFile);
    writeFileSync(join(dir, 'precedents.json'), JSON.stringify({ precedents: [{ file: 'a.txt', title: 'Déclaration de Lisbonne', date: '2012-05-03' }] }));
    const after = await load(dir, cacheFile);
    assert.equal(after.cache?.reindexed, 1);
    assert.equal(after.documents.find((d) => d.docId === join(dir, 'a.txt'))?.meta.title, 'Déclaration de Lisbonne');
  });

  for (const [name, damage, pattern] of [
    ['truncated', (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length / 2)), /damaged \(truncated/],
    ['overwritten in the middle', (b: Buffer): Buffer => { const c = Buffer.from(b); c.fill(7, c.length - 200, c.length - 100); return c; }, /damaged \(checksum mismatch \(later part\)\)/],
    ['not an index at all', (): Buffer => Buffer.from('{"precedents": []}'), /damaged \(not a Précédent index file/],
  ] as const) {
    it(`a ${name} cache file is rebuilt with one message`, async () => {
      const dir = corpusDir();
      const cacheFile = join(tempDir('cache'), 'index.bin');
      const first = await load(dir, cacheFile);
      await save(first, cacheFile);
      writeFileSync(cacheFile, damage(readFileSync(cacheFile)));
      const again = await load(dir, cacheFile);
      assert.equal(again.cache?.status, 'unusable');
      assert.match(again.cache?.message ?? '', pattern);
      assert.match(again.cache?.message ?? '', /indexing the precedents again/);
      assert.equal(again.cache?.reindexed, 8);
      assert.deepEqual(answers(again.index), answers(first.index));
    });
  }

  it('a cache written by another engine version is rebuilt, saying so', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache'), 'index.bin');
    await save(await load(dir, cacheFile, 'old-engine'), cacheFile, 'old-engine');
    const again = await load(dir, cacheFile, 'new-engine');
    assert.equal(again.cache?.status, 'unusable');
    assert.match(again.cache?.message ?? '', /made by another version \(made by engine old-engine, this is new-engine\)/);
    assert.equal(again.documents.length, 8);
  });

  it('an unwritable cache folder: the write fails with one message, loading works without a cache', async () => {
    const blocker = join(tempDir('cache'), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const cacheFile = join(blocker, 'index.bin');
    const loaded = await load(corpusDir(), cacheFile);
    assert.equal(loaded.documents.length, 8);
    const written = await writeIndexCache(cacheFile, loaded.index, loaded.stamps!);
    assert.equal(written.ok, false);
    assert.match(written.ok ? '' : written.message, /index cache not written in .*not-a-folder \(not a folder\): working without it/);
  });

  it('reads the rest of a saved index after the first part, and stops when it is no longer wanted', async () => {
    const dir = corpusDir();
    const cacheFile = join(tempDir('cache-rest'), 'index.bin');
    await save(await load(dir, cacheFile), cacheFile);
    const options = fileBackedIndexOptions((id) => id);
    const dropped = await readIndexCache(cacheFile, options, undefined, true);
    assert.ok(dropped.status === 'loaded' && dropped.rest && dropped.index.tablesPending);
    assert.equal(await dropped.rest.complete(() => false), null);
    assert.ok(dropped.index.tablesPending, 'not restored: a newer load replaced it');
    const kept = await readIndexCache(cacheFile, options, undefined, true);
    assert.ok(kept.status === 'loaded' && kept.rest);
    assert.equal(await kept.rest.complete(), null);
    assert.ok(!kept.index.tablesPending);
    assert.deepEqual(unordered(answers(kept.index)), unordered(answers((await load(dir, cacheFile)).index)));
  });

  it('the cache folder follows XDG_CACHE_HOME, else HOME; one file per corpus', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), join('/x/cache', 'precedent'));
    assert.equal(defaultCacheDir({ HOME: '/home/u' }), join('/home/u', '.cache', 'precedent'));
    assert.equal(defaultCacheDir({}), null);
    assert.notEqual(cacheFileFor('/c', { folders: ['/a'] }), cacheFileFor('/c', { folders: ['/b'] }));
    assert.equal(cacheFileFor('/c', { folders: ['/a'] }), cacheFileFor('/c', { folders: ['/a'] }));
  });
});

describe('CLI with the persisted index', () => {
  it('writes the cache under XDG_CACHE_HOME, reuses it with the same output, and --no-cache leaves it alone', async () => {
    const dir = corpusDir();
    const cache = tempDir('xdg');
    const env = { XDG_CACHE_HOME: cache };
    const first = await run(['search', 'criminalité transnationale', '--corpus', dir, '--format', 'json'], { cwd: dir, env });
    assert.equal(first.code, 0, first.stderr);
    const files = readdirSync(join(cache, 'precedent'));
    assert.equal(files.length, 1);
    const file = join(cache, 'precedent', files[0]);
    const stamp = statSync(file).mtimeMs;
    const second = await run(['search', 'criminalité transnationale', '--corpus', dir, '--format', 'json'], { cwd: dir, env });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, first.stderr);
    assert.equal(statSync(file).mtimeMs, stamp, 'nothing changed: the cache is not rewritten');
    const bypass = await run(['search', 'criminalité transnationale', '--corpus', dir, '--format', 'json', '--no-cache'], { cwd: dir, env: { XDG_CACHE_HOME: join(cache, 'other') } });
    assert.equal(bypass.stdout, first.stdout);
    assert.ok(!existsSync(join(cache, 'other')));
  });

  it('a damaged cache: one line on stderr, same results; an unwritable cache folder: one line, same results', async () => {
    const dir = corpusDir();
    const cache = tempDir('xdg');
    const args = ['search', 'Europol', '--corpus', dir, '--format', 'json'];
    const clean = await run(args, { cwd: dir, env: { XDG_CACHE_HOME: cache } });
    const file = join(cache, 'precedent', readdirSync(join(cache, 'precedent'))[0]);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const damaged = await run(args, { cwd: dir, env: { XDG_CACHE_HOME: cache } });
    assert.equal(damaged.stdout, clean.stdout);
    assert.equal(damaged.stderr.split('\n').filter(Boolean).length, 1);
    assert.match(damaged.stderr, /^precedent: note: index cache .* damaged \(truncated.*\): indexing the precedents again\n$/);
    const blocker = join(tempDir('xdg'), 'file');
    writeFileSync(blocker, 'x');
    const unwritable = await run(args, { cwd: dir, env: { XDG_CACHE_HOME: blocker } });
    assert.equal(unwritable.stdout, clean.stdout);
    assert.match(unwritable.stderr, /^precedent: note: index cache not written in .* \(not a folder\): working without it\n$/);
  });
});

/** Makes corpus hosts that keep their index in `cacheDir` and log into `logs` (one per server start). */
function hostsIn(cacheDir: string, logs: string[]): () => CorpusHost {
  return () => {
    const h = new CorpusHost(() => undefined, (line) => logs.push(line), () => SEEDS);
    h.cacheDir = cacheDir;
    return h;
  };
}

/** The test corpus loaded by a first host that saved its index in a cache folder of its own. */
async function savedCorpus(name: string): Promise<{ dir: string; cacheDir: string; logs: string[]; host: () => CorpusHost; first: CorpusHost }> {
  const dir = corpusDir();
  const cacheDir = tempDir(name);
  const logs: string[] = [];
  const host = hostsIn(cacheDir, logs);
  const first = host();
  await first.load({ folders: [dir], includeBundled: true });
  await first.flushSave();
  return { dir, cacheDir, logs, host, first };
}

describe('node/corpusHost: precedent URIs', () => {
  it('names every path by the URI pathToFileURL gives, plain paths without asking it', () => {
    const paths = [
      '/work/corpus/osce/2020-declaration.txt', '/a', '/a/b_c-d.e.f.md', '/a/tilde~name.txt', '/srv/précédents/déclaration.txt', '/tmp/with space/a.txt',
      '/tmp/50%/a.txt', '/tmp/a#b?.txt', '/tmp/./a.txt', '/tmp/../a.txt', '/tmp/.hidden/a.txt', '/tmp//a.txt', '/tmp/a/', '/tmp/a.txt.',
      '/tmp/l’OSCE « 2006 ».txt', '/tmp/back\\slash.txt', '/tmp/tab\tname.txt', 'relative/a.txt',
    ];
    for (const path of paths) {
      assert.equal(uriOfPath(path), pathToFileURL(path).href, path);
      assert.equal(pathOfUri(uriOfPath(path)), fileURLToPath(pathToFileURL(path)), `${path} back from its URI`);
    }
  });
});

describe('server corpus host with the persisted index', () => {
  // Saving writes the whole index (seconds at 10k precedents, the server answering nothing): one
  // changed precedent is cheaper to re-read at the next start than to save for.
  it('after a change in a large corpus, saves on shutdown rather than 2 s later', async function () {
    this.timeout(20_000);
    const dir = corpusDir();
    for (let i = 0; i < 120; i++) writeFileSync(join(dir, `p${i}.txt`), CLAUSES.replace('Réaffirment', i % 2 ? 'Rappellent' : 'Soulignent'));
    const cacheDir = tempDir('host-cache-large');
    const logs: string[] = [];
    const host = hostsIn(cacheDir, logs);
    const first = host();
    await first.load({ folders: [dir], includeBundled: true });
    await first.flushSave();
    const saves = (): number => logs.filter((l) => /^corpus: index saved to /.test(l)).length;
    assert.equal(saves(), 1);
    writeFileSync(join(dir, 'p7.txt'), CLAUSES);
    const { pathToFileURL } = await import('node:url');
    await first.fileChanged(pathToFileURL(join(dir, 'p7.txt')).href, 'changed');
    await new Promise((resolve) => setTimeout(resolve, 2300));
    assert.equal(saves(), 1, 'no save 2 s after one change of 128 precedents');
    await first.flushSave();
    assert.equal(saves(), 2, 'saved on shutdown');
    const second = host();
    await second.load({ folders: [dir], includeBundled: true });
    assert.ok(logs.some((l) => /saved index: 128 unchanged, 0 indexed again, 0 removed/.test(l)), logs.join('\n'));
  });

  it('saves after loading, starts from the saved index next time, and logs a damaged one once', async () => {
    const { dir, cacheDir, logs, host } = await savedCorpus('host-cache');
    assert.ok(logs.some((l) => /^corpus: index saved to /.test(l)), logs.join('\n'));
    const second = host();
    await second.load({ folders: [dir], includeBundled: true });
    assert.ok(logs.some((l) => /saved index: 8 unchanged, 0 indexed again, 0 removed/.test(l)), logs.join('\n'));
    assert.equal(second.index.documents().length, 8);

    // A watcher update is saved (debounced), and the next start sees it without re-reading the rest.
    writeFileSync(join(dir, 'e.txt'), CLAUSES);
    const { pathToFileURL } = await import('node:url');
    await second.fileChanged(pathToFileURL(join(dir, 'e.txt')).href, 'created');
    await second.flushSave();
    const third = host();
    await third.load({ folders: [dir], includeBundled: true });
    assert.ok(logs.some((l) => /saved index: 9 unchanged, 0 indexed again/.test(l)), logs.join('\n'));
    // The rest of the saved index is read after the load: not from a file damaged meanwhile.
    await third.whole;

    const file = join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.bin'))!);
    writeFileSync(file, 'garbage');
    logs.length = 0;
    const fourth = host();
    await fourth.load({ folders: [dir], includeBundled: true });
    assert.equal(fourth.index.documents().length, 9);
    assert.equal(logs.filter((l) => /index cache/.test(l)).length, 1, logs.join('\n'));
    await fourth.flushSave();
  });

  // A start from the saved index answers once the part it answers with is read; the rest (what
  // changes need) is read meanwhile, and a change made at once waits for it.
  it('answers before the rest of the saved index is read; a change at once waits for it and is taken', async () => {
    const { dir, logs, host, first } = await savedCorpus('host-cache-rest');
    const expected = answers(first.index);
    const second = host();
    await second.load({ folders: [dir], includeBundled: true });
    assert.ok(second.index.tablesPending, 'ready before the rest is read');
    assert.deepEqual(second.index.findOpeners('réaff', 5), first.index.findOpeners('réaff', 5));
    writeFileSync(join(dir, 'd.txt'), CLAUSES.replace('POLICIÈRE', 'DOUANIÈRE'));
    const { pathToFileURL } = await import('node:url');
    assert.ok(await second.fileChanged(pathToFileURL(join(dir, 'd.txt')).href, 'created'));
    assert.ok(!second.index.tablesPending);
    assert.equal(second.index.documents().length, 9);
    assert.ok(logs.some((l) => /^corpus: rest of the saved index read in \d+ ms/.test(l)), logs.join('\n'));
    second.index.remove(pathToFileURL(join(dir, 'd.txt')).href);
    assert.deepEqual(unordered(answers(second.index)), unordered(expected));
  });

  // A save writes the index's arrays as they are while the server answers (20 s at 100k): a
  // precedent changed then waits for the write to end, instead of failing on the index's refusal.
  it('a change that comes while the index is being saved waits for the save and is taken after it', async () => {
    const { dir, cacheDir, logs, host, first } = await savedCorpus('host-cache-change-while-saving');
    const index = first.index;
    let holding = 0;
    const hold = index.holdChanges.bind(index);
    index.holdChanges = (reason: string): (() => void) => {
      holding++;
      const release = hold(reason);
      let released = false;
      return () => {
        if (!released) holding--;
        released = true;
        release();
      };
    };
    const { pathToFileURL } = await import('node:url');
    writeFileSync(join(dir, 'd.txt'), CLAUSES.replace('POLICIÈRE', 'DOUANIÈRE'));
    assert.ok(await first.fileChanged(pathToFileURL(join(dir, 'd.txt')).href, 'created'));
    const saving = first.flushSave();
    for (let i = 0; i < 1000 && holding === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(holding, 1, 'the save is writing');
    // Neither reads a file before it changes the index: both come while the save still writes.
    const edited = CLAUSES.replace('POLICIÈRE', 'FISCALE');
    const changed = first.bufferChanged(pathToFileURL(join(dir, 'b.txt')).href, edited);
    rmSync(join(dir, 'a.txt'));
    const removed = first.fileChanged(pathToFileURL(join(dir, 'a.txt')).href, 'deleted');
    assert.equal(holding, 1, 'still writing');
    assert.deepEqual(await Promise.all([changed, removed]), [true, true]);
    assert.equal(holding, 0);
    await saving;
    const ids = index.documents().map((d) => d.docId);
    assert.ok(!ids.includes(pathToFileURL(join(dir, 'a.txt')).href), ids.join(' '));
    assert.ok(index.concordance('coopération fiscale', 5).total > 0, 'the edited precedent is indexed');
    assert.ok(!logs.some((l) => /cannot change now|indexing failed/.test(l)), logs.join('\n'));
    // The file written meanwhile is whole: the next start reads it (b.txt read again from its file, a.txt gone).
    writeFileSync(join(dir, 'b.txt'), edited);
    await first.flushSave();
    const second = host();
    await second.load({ folders: [dir], includeBundled: true });
    assert.ok(logs.some((l) => /saved index: 7 unchanged, 1 indexed again, 0 removed/.test(l)), logs.join('\n'));
    assert.deepEqual(second.index.documents().map((d) => d.docId).sort(), [...ids].sort());
    assert.ok(readdirSync(cacheDir).every((f) => !f.endsWith('.tmp')));
  });

  it('a saved index whose rest is damaged: answers meanwhile, then indexes the files again and saves over it, saying so once', async () => {
    const { dir, cacheDir, logs, host } = await savedCorpus('host-cache-damaged-rest');
    const file = join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.bin'))!);
    const bytes = readFileSync(file);
    bytes[bytes.length - 30] ^= 0xff;
    writeFileSync(file, bytes);
    logs.length = 0;
    const second = host();
    await second.load({ folders: [dir], includeBundled: true });
    assert.equal(second.index.documents().length, 8, 'answers from the part read first');
    await second.whole;
    assert.ok(!second.index.tablesPending);
    assert.equal(second.index.documents().length, 8);
    const notes = logs.filter((l) => /index cache/.test(l));
    assert.equal(notes.length, 1, logs.join('\n'));
    assert.match(notes[0], /damaged \(checksum mismatch \(later part\)\): indexing the precedents again/);
    await second.flushSave();
    logs.length = 0;
    const third = host();
    await third.load({ folders: [dir], includeBundled: true });
    await third.whole;
    assert.ok(logs.some((l) => /saved index: 8 unchanged/.test(l)) && !logs.some((l) => /index cache/.test(l)), logs.join('\n'));
  });

  // Without the editor's file watching (other LSP clients), the server watches the corpus itself.
  it('watches the corpus folders without the editor: new, changed and deleted precedents, a new subfolder, one watcher per folder', async function () {
    this.timeout(20_000);
    const dir = corpusDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'd.txt'), CLAUSES.replace('POLICIÈRE', 'DOUANIÈRE'));
    const logs: string[] = [];
    const host = new CorpusHost(() => undefined, (line) => logs.push(line), () => SEEDS);
    host.cacheDir = null;
    await host.load({ folders: [dir], includeBundled: false });
    assert.equal(host.index.documents().length, 4);
    host.watchWithNode();
    const until = async (what: string, ok: () => boolean): Promise<void> => {
      for (let waited = 0; !ok(); waited += 25) {
        if (waited > 8000) assert.fail(`${what}:\n${logs.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const has = (name: string): boolean => host.index.documents().some((d) => d.docId.endsWith(`/${name}`));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the tree walk
      if (process.platform === 'linux') assert.equal((host as unknown as { watchers: unknown[] }).watchers.length, 2, 'the folder and its subfolder, not each file');
      writeFileSync(join(dir, 'sub', 'e.txt'), CLAUSES);
      await until('a new precedent in a subfolder is indexed', () => has('e.txt'));
      mkdirSync(join(dir, 'new'));
      writeFileSync(join(dir, 'new', 'f.txt'), CLAUSES);
      await until('a precedent of a new subfolder is indexed', () => has('f.txt'));
      writeFileSync(join(dir, 'new', 'g.txt'), CLAUSES);
      await until('the new subfolder is watched', () => has('g.txt'));
      rmSync(join(dir, 'sub', 'd.txt'));
      await until('a deleted precedent is dropped', () => !has('d.txt'));
      assert.equal(host.index.documents().length, 6);
    } finally {
      host.unwatch();
    }
  });

  it('an unwritable cache folder: the server works and says so once', async () => {
    const dir = corpusDir();
    const cacheDir = tempDir('ro-cache');
    chmodSync(cacheDir, 0o500);
    const logs: string[] = [];
    const h = new CorpusHost(() => undefined, (line) => logs.push(line), () => SEEDS);
    h.cacheDir = join(cacheDir, 'sub');
    await h.load({ folders: [dir], includeBundled: true });
    await h.flushSave();
    writeFileSync(join(dir, 'a.txt'), CLAUSES + '\n- Notent.\n');
    utimesSync(join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    const { pathToFileURL } = await import('node:url');
    await h.fileChanged(pathToFileURL(join(dir, 'a.txt')).href, 'changed');
    await h.flushSave();
    chmodSync(cacheDir, 0o700);
    assert.equal(h.index.documents().length, 8);
    const notes = logs.filter((l) => /index cache/.test(l));
    // root ignores permissions: then the write succeeds and there is nothing to say.
    if (process.getuid?.() !== 0) {
      assert.equal(notes.length, 1, logs.join('\n'));
      assert.match(notes[0], /working without it/);
    }
  });
});
