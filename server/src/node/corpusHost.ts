// The server's corpus: bundled seeds + the folders of precedent.corpus.paths, indexed once, then kept
// current file by file (watcher events, open buffers of precedents), never rebuilt for one change.
import { watch, type Dirent, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PrecedentIndex } from '../engine/corpus';
import type { CorpusStatus } from '../protocol/settings';
import { collectGarbage } from './collect';
import { bundledSeedsDir, isIgnoredFolderName, isPrecedentFileName, loadCorpus, loadFile, manifestEntry, MANIFEST_NAME, readersNote, removeFile, type SkippedFile } from './corpusLoader';
import { cacheFileFor, defaultCacheDir, stampOf, writeIndexCache, type CacheWrite, type FileTable, type RestOfIndex } from './indexCache';
import { runInSlices } from './slices';

/** Quiet time after the last watcher update before the persisted index is written again. */
const SAVE_DEBOUNCE_MS = 2000;
/** Changes that make a save worth it: one precedent in this many (see changedSinceSave()). */
const SAVE_AFTER_CHANGED_SHARE = 100;
/** Quiet time after a corpus change before formulations and key indexes are rebuilt. */
const PREPARE_DEBOUNCE_MS = 50;
/** Delay after a load before writing: the first answers come first. */
const SAVE_AFTER_LOAD_MS = 500;

export interface CorpusSpec {
  /** Absolute folders. */
  folders: string[];
  includeBundled: boolean;
}

/**
 * An absolute POSIX path that pathToFileURL() gives back as it is: no character it encodes (it
 * does ~), no segment starting with a dot (so no . or ..), no // and no trailing /.
 */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-_][A-Za-z0-9\-._]*)+$/;

export function uriOfPath(path: string): string {
  // pathToFileURL resolves, encodes and builds a URL object: 100,000 precedents took 270-410 ms of
  // a cold start. A plain path (what a corpus of generated or archived files mostly has) is the
  // same URI once prefixed; anything else goes through pathToFileURL.
  if (process.platform !== 'win32' && PLAIN_PATH.test(path)) return 'file://' + path;
  return pathToFileURL(path).href;
}

export function pathOfUri(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(sep));
}

export class CorpusHost {
  index = new PrecedentIndex();
  spec: CorpusSpec = { folders: [], includeBundled: true };
  skipped: SkippedFile[] = [];
  /** Resolves when the current load is done. */
  ready: Promise<void> = Promise.resolve();
  /**
   * Resolves when the index can take changes: after a load from the saved index, once the part
   * only changes need is read too (the server answers before; see RestOfIndex).
   */
  whole: Promise<void> = Promise.resolve();
  private generation = 0;
  private watchers: FSWatcher[] = [];
  /** Bumped by each watchWithNode() and unwatch(): a tree walk of an older one stops adding watchers. */
  private watchGeneration = 0;
  /** Precedents edited in the editor: their buffer is indexed, not the file. */
  private readonly buffers = new Set<string>();
  /**
   * Where the persisted index is kept (the client's storage folder, else the user cache folder);
   * null: no persisted index. Set before the first load.
   */
  cacheDir: string | null = defaultCacheDir();
  /** The cache file of the current spec, and the stamps of the files the index holds. */
  private cacheFile: string | null = null;
  private stamps: FileTable | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  /** A save writing the index now (see changeable()). */
  private writing: Promise<void> | null = null;
  private prepareTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private writeFailed = false;
  /** Precedents changed since the index was last saved. */
  private unsaved = 0;
  /** How often the indexing progress is sent while precedents are read (a corpus read in less shows none). */
  progressEveryMs = 500;

  constructor(
    /** `progress`: an indexing status with how far it got (nothing else changed). */
    private readonly onChanged: (status: CorpusStatus, reason: 'load' | 'update' | 'progress') => void,
    private readonly log: (line: string) => void,
    private readonly bundledDir: () => string | null = () => {
      try {
        return bundledSeedsDir();
      } catch {
        return null;
      }
    },
  ) {}

  sameSpec(spec: CorpusSpec): boolean {
    return spec.includeBundled === this.spec.includeBundled && spec.folders.join('\n') === this.spec.folders.join('\n');
  }

  /**
   * Index the corpus from scratch (first load, folders changed, reindex request). `ignoreCache`:
   * why the saved index is not to be read (found damaged), so it is indexed from files and saved over.
   */
  load(spec: CorpusSpec, ignoreCache?: string): Promise<void> {
    const generation = ++this.generation;
    this.spec = { folders: [...spec.folders], includeBundled: spec.includeBundled };
    this.onChanged(this.status('indexing'), 'load');
    this.cancelSave();
    this.unsaved = 0;
    this.ready = (async () => {
      const bundled = spec.includeBundled ? this.bundledDir() : null;
      const cacheFile = this.cacheDir
        ? cacheFileFor(this.cacheDir, { docIds: 'uri', includeBundled: bundled !== null, bundledDir: bundled, folders: spec.folders })
        : undefined;
      let shown = performance.now();
      let showedProgress = false;
      const progress = (done: number, total: number): void => {
        if (generation !== this.generation || performance.now() - shown < this.progressEveryMs) return;
        shown = performance.now();
        showedProgress = true;
        this.onChanged(this.status('indexing', undefined, { phase: 'reading', done, total }), 'progress');
      };
      const loaded = await loadCorpus({
        folders: spec.folders, includeBundled: bundled !== null, bundledDir: bundled ?? undefined, docIdOf: uriOfPath, pathOfDocId: pathOfUri, cacheFile,
        tablesLater: true, ignoreCache, onProgress: progress,
      });
      if (generation !== this.generation) return; // a newer load replaced this one
      this.index = loaded.index;
      this.cacheFile = cacheFile ?? null;
      this.stamps = loaded.stamps ?? null;
      this.skipped = loaded.skipped;
      if (spec.includeBundled && bundled === null) this.skipped.push({ path: 'seeds', reason: 'bundled precedents not found' });
      const c = loaded.cache;
      if (c?.message) this.log(`corpus: ${c.message}`);
      const fromCache = c?.status === 'loaded' ? ` (saved index: ${c.reused} unchanged, ${c.reindexed} indexed again, ${c.removed} removed)` : '';
      const threads = loaded.readers.threads ? ` (read on ${loaded.readers.threads + 1} threads)` : '';
      this.log(`corpus: ${loaded.index.documentTotals().documents} precedents indexed in ${Math.round(loaded.ms)} ms${threads}${fromCache}, ${loaded.skipped.length} skipped`);
      const threadNote = readersNote(loaded.readers);
      if (threadNote) this.log(`corpus: ${threadNote}`);
      for (const s of loaded.skipped) this.log(`corpus: skipped ${s.path}: ${s.reason}`);
      if (showedProgress) {
        // prepare() holds the thread (minutes at 100,000 precedents read from their files): say so
        // first, and let the notification go out before it.
        const total = loaded.index.documentTotals().documents;
        this.onChanged(this.status('indexing', undefined, { phase: 'preparing', done: total, total }), 'progress');
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return;
      }
      const preparing = performance.now();
      this.index.prepare({ collect: () => this.collectMemory('collected while preparing') });
      this.log(`corpus: formulations and key indexes prepared in ${Math.round(performance.now() - preparing)} ms`);
      const rest = c?.rest;
      // With a rest of the saved index to read, once it is restored: one collection for both parts.
      if (!rest) this.collectMemory('of the load released');
      this.onChanged(this.status('ready'), 'load');
      if (rest) {
        this.whole = this.readRest(rest, generation);
        void this.whole.then(() => {
          if (generation === this.generation) this.prepareWhileIdle(this.index);
        });
      } else this.prepareWhileIdle(this.index);
      if (c && (c.status !== 'loaded' || c.reindexed > 0 || c.removed > 0)) this.scheduleSave(SAVE_AFTER_LOAD_MS);
    })().catch((error: unknown) => {
      this.log(`corpus: indexing failed: ${(error as Error)?.stack ?? String(error)}`);
      this.onChanged(this.status('error', String((error as Error)?.message ?? error)), 'load');
    });
    // Until this load is done, changes wait for it; after it, for the rest of its saved index.
    this.whole = this.ready;
    return this.ready;
  }

  /**
   * The rest of a saved index, read while the server answers. Damaged: the precedents are indexed
   * again from their files (the index loaded so far answers meanwhile) and the cache is saved over.
   */
  private async readRest(rest: RestOfIndex, generation: number): Promise<void> {
    const started = performance.now();
    // A newer load (reindex, folders changed) stops the read: up to 2 GB and 15 s at 100k for nothing.
    const failure = await rest.complete(() => generation === this.generation);
    if (generation !== this.generation) return;
    if (!failure) {
      this.log(`corpus: rest of the saved index read in ${Math.round(performance.now() - started)} ms: precedent changes are taken from now on`);
      this.collectMemory('of the load released');
      return;
    }
    // load() says it once, as for a cache found damaged at the start.
    await this.load(this.spec, `${failure}: indexing the precedents again`);
  }

  /** True when `path` is a precedent file of a watched corpus folder. */
  covers(path: string): boolean {
    return isPrecedentFileName(basename(path)) && this.spec.folders.some((f) => isInside(f, path));
  }

  /** A watched file was created, changed or deleted: upsert or remove that file only. */
  async fileChanged(uri: string, kind: 'created' | 'changed' | 'deleted'): Promise<boolean> {
    await this.ready;
    await this.whole;
    const path = pathOfUri(uri);
    if (!path) return false;
    if (basename(path) === MANIFEST_NAME && this.spec.folders.some((f) => isInside(f, path))) {
      // Metadata of many files changed: reload (rare, and the manifest is small).
      await this.load(this.spec);
      return true;
    }
    if (!this.covers(path)) return false;
    const docId = uriOfPath(path);
    if (this.buffers.has(docId)) return false; // the open buffer wins
    let result: string;
    if (kind === 'deleted') {
      await this.changeable();
      removeFile(this.index, path, docId);
      this.skipped = this.skipped.filter((s) => s.path !== path);
      this.stamps?.delete(path);
      result = 'removed';
    } else {
      const meta = await manifestEntry(path);
      // Stamped before reading: a write during the read makes the stamp stale, never the index.
      const stamp = stampOf(path, docId, meta);
      const r = await loadFile(this.index, path, meta, docId, () => this.changeable());
      this.skipped = this.skipped.filter((s) => s.path !== path);
      if (!r.ok) {
        this.skipped.push({ path, reason: r.reason });
        await this.changeable();
        removeFile(this.index, path, docId);
      }
      if (stamp && (r.ok || this.index.skipped().some((s) => s.docId === docId))) this.stamps?.set(path, stamp);
      else this.stamps?.delete(path);
      result = r.ok ? 'indexed' : `skipped (${r.reason})`;
    }
    this.changedSinceSave();
    this.log(`corpus: ${path} ${result}`);
    this.schedulePrepare();
    this.onChanged(this.status('ready'), 'update');
    return true;
  }

  /** An open precedent was edited: index the buffer. */
  async bufferChanged(uri: string, text: string): Promise<boolean> {
    await this.ready;
    await this.whole;
    const path = pathOfUri(uri);
    if (!path || !this.covers(path)) return false;
    this.buffers.add(uri);
    // The index now holds the buffer, not the file: the next load must read the file again.
    const stamp = this.stamps?.get(path);
    if (stamp) stamp.size = -1;
    this.changedSinceSave();
    await this.changeable();
    const r = this.index.upsert({ docId: uri, fileName: basename(path), bytes: new TextEncoder().encode(text), keepText: true });
    if (!r.ok) this.log(`corpus: open precedent ${path} not indexed: ${r.reason}`);
    this.schedulePrepare();
    this.onChanged(this.status('ready'), 'update');
    return true;
  }

  /** An open precedent was closed: the file on disk is the precedent again. */
  async bufferClosed(uri: string): Promise<void> {
    if (!this.buffers.delete(uri)) return;
    await this.fileChanged(uri, 'changed');
  }

  /** Fallback when the client cannot watch files: Node's recursive fs.watch on each folder. */
  watchWithNode(): void {
    this.unwatch();
    const watching = ++this.watchGeneration;
    for (const folder of this.spec.folders) {
      if (process.platform === 'linux') {
        void this.watchTree(folder, watching, false);
        continue;
      }
      // Native recursive watching elsewhere (macOS, Windows): one handle for the tree.
      this.watchFolder(folder, { recursive: true }, () => undefined);
    }
  }

  /**
   * One watcher per folder of the tree (Linux). Node 20's recursive watch there watches every file
   * (a stat and an inotify watch each): at 100,000 precedents it blocked the server 2.7 s at start
   * and took 100,000 of the user's inotify watches (often limited to 8,192). A folder's watcher
   * hears its files change; a new folder is watched in turn and its precedents indexed.
   */
  private async watchTree(root: string, watching: number, announce: boolean): Promise<void> {
    const folders = [root];
    while (folders.length) {
      const dir = folders.pop()!;
      if (watching !== this.watchGeneration) return;
      this.watchFolder(dir, {}, (path) => void this.watchTree(path, watching, true));
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // gone meanwhile, or unreadable: the load reported it
      }
      // A path only for what needs one: at a start, the folders (joining every file's name was
      // 100,000 path normalisations at 100k precedents, for nothing).
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!isIgnoredFolderName(e.name)) folders.push(join(dir, e.name));
        } else if (announce && e.isFile()) void this.fileChanged(uriOfPath(join(dir, e.name)), 'created');
      }
    }
  }

  private watchFolder(folder: string, options: { recursive?: boolean }, onFolder: (path: string) => void): void {
    try {
      const w = watch(folder, options, (_event, name) => {
        if (!name) return;
        const path = join(folder, name.toString());
        void (async (): Promise<void> => {
          const info = await stat(path).catch(() => null);
          if (!info) await this.fileChanged(uriOfPath(path), 'deleted');
          else if (!info.isDirectory()) await this.fileChanged(uriOfPath(path), 'changed');
          else if (!isIgnoredFolderName(basename(path))) onFolder(path);
        })();
      });
      w.on('error', (error) => this.log(`corpus: watching ${folder} stopped: ${error.message}`));
      this.watchers.push(w);
    } catch (error) {
      this.log(`corpus: cannot watch ${folder}: ${(error as Error).message}`);
    }
  }

  /**
   * Rebuild what a change invalidated (formulations, key indexes) once changes pause, so the next
   * keystroke finds them ready; a burst of changes (a checkout) prepares once.
   */
  private schedulePrepare(): void {
    if (this.prepareTimer) clearTimeout(this.prepareTimer);
    const index = this.index;
    this.prepareTimer = setTimeout(() => {
      this.prepareTimer = null;
      if (index === this.index) index.prepare();
    }, PREPARE_DEBOUNCE_MS);
    this.prepareTimer.unref?.();
  }

  /**
   * After a load, what the first changed precedent, hover or completion would wait for is worked
   * out in slices of a few milliseconds, each after the messages waiting (setImmediate), so
   * requests are answered meanwhile.
   */
  private prepareWhileIdle(index: PrecedentIndex): void {
    const started = performance.now();
    void runInSlices(index.prepareWhileIdle(), () => index === this.index).then((run) => {
      if (run.done && run.value) this.log(`corpus: prepared while idle in ${Math.round(performance.now() - started)} ms (${run.steps} slices)`);
    });
  }

  /** One full collection, logged as "corpus: memory <what> in … ms (heap … -> … MB)". */
  private collectMemory(what: string): void {
    const collected = collectGarbage();
    if (collected) this.log(`corpus: memory ${what} in ${Math.round(collected.ms)} ms (heap ${collected.beforeMb} -> ${collected.afterMb} MB)`);
  }

  /** Write the persisted index after `delayMs` of quiet (a later call postpones it). */
  scheduleSave(delayMs: number): void {
    if (!this.cacheFile || !this.stamps) return;
    this.cancelSave();
    const generation = this.generation;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save(generation));
    }, delayMs);
    // A pending save never keeps the server alive on exit.
    this.saveTimer.unref?.();
  }

  /**
   * A changed precedent is re-indexed from its file at the next start (its stamp differs), which
   * costs milliseconds, while saving writes the whole index (2.5 GB and 17 s of a core at 100k
   * precedents, answering between steps, changes waiting): after changes the index is saved once
   * they reach 1 % of the corpus, and on shutdown.
   */
  private changedSinceSave(): void {
    this.unsaved++;
    if (this.unsaved >= Math.ceil((this.stamps?.size ?? 0) / SAVE_AFTER_CHANGED_SHARE)) this.scheduleSave(SAVE_DEBOUNCE_MS);
  }

  /** Resolves once no save is writing the index: call it right before changing the index, no await in between. */
  private async changeable(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Resolves when a save in progress (if any) is done; for tests and shutdown. */
  flushSave(): Promise<void> {
    if (this.saveTimer || this.unsaved > 0) {
      if (this.saveTimer) clearTimeout(this.saveTimer);
      this.saveTimer = null;
      const generation = this.generation;
      this.saving = this.saving.then(() => this.save(generation));
    }
    return this.saving;
  }

  private cancelSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  private async save(generation: number): Promise<void> {
    const file = this.cacheFile;
    const stamps = this.stamps;
    if (!file || !stamps || generation !== this.generation) return;
    await this.whole;
    if (generation !== this.generation) return;
    const changes = this.unsaved;
    // The save writes the index's own arrays as they are, answering meanwhile: changes wait for it.
    const writing = writeIndexCache(file, this.index, stamps);
    this.writing = writing.then(() => undefined);
    let written: CacheWrite;
    try {
      written = await writing;
    } finally {
      this.writing = null;
    }
    if (written.ok) {
      this.unsaved = Math.max(0, this.unsaved - changes);
      this.writeFailed = false;
      this.log(`corpus: index saved to ${file} (${(written.bytes / 1e6).toFixed(1)} MB, ${Math.round(written.ms)} ms)`);
    } else if (!this.writeFailed) {
      // Once, not at every change: the server works the same without it.
      this.writeFailed = true;
      this.log(`corpus: ${written.message}`);
    }
  }

  unwatch(): void {
    this.watchGeneration++;
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  status(state: CorpusStatus['state'], error?: string, progress?: CorpusStatus['progress']): CorpusStatus {
    // Sums, not a row per precedent (100,000 of them, notes copied, at every status).
    const { documents, clauses, references } = state === 'indexing' ? { documents: 0, clauses: 0, references: 0 } : this.index.documentTotals();
    const message = state === 'indexing'
      ? progress?.phase === 'preparing'
        ? `${progress.total.toLocaleString('fr-FR')} précédents lus ; formulations et index en préparation…`
        : progress
          ? `Indexation des précédents… ${progress.done.toLocaleString('fr-FR')} sur ${progress.total.toLocaleString('fr-FR')} lus (${Math.floor((100 * progress.done) / Math.max(1, progress.total))} %)`
          : 'Indexation des précédents…'
      : state === 'error'
        ? `Erreur d’indexation : ${error ?? ''}`
        : `${documents} précédents, ${clauses} paragraphes, ${references} citations${this.skipped.length ? ` — ${this.skipped.length} fichier(s) ignoré(s)` : ''}`;
    return { state, documents, clauses, references, skipped: this.skipped.map((s) => ({ file: s.path, reason: s.reason })), message, ...(progress ? { progress } : {}) };
  }
}

export function resolveFolders(paths: readonly string[], base: string | null): string[] {
  return paths.map((p) => (isAbsolute(p) ? resolve(p) : base ? resolve(base, p) : null)).filter((p): p is string => p !== null);
}

