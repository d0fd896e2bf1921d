// Reads precedent files from disk and feeds them to the engine's PrecedentIndex. Shared by the CLI
// and the language server: the engine never touches the disk, this module does it for both.
//
// A corpus is a set of folders (searched recursively for .txt and .md) plus, optionally, the
// precedents bundled in seeds/. A folder may hold a `precedents.json` manifest (the format of
// seeds/precedents.json) giving title, date, body… per file; front matter in the file is read by
// the engine, and manifest fields win.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PrecedentIndex, type PrecedentIndexOptions } from '../engine/corpus';
import { decodePrecedent } from '../engine/text/decode';
import type { IndexedDocument, PrecedentMeta } from '../engine/types';
import { readIndexCache, sameStamp, stampFrom, type CacheRead, type FileTable, type RestOfIndex } from './indexCache';
import { statAllBeside } from './stamps';
import { readAll, type ReadJob } from './precedentReaders';

/** Larger files are not declarations: probably a dump or a mistake; reading them would stall the server. */
export const MAX_PRECEDENT_BYTES = 50 * 1024 * 1024;
export const PRECEDENT_EXTENSIONS: readonly string[] = ['.txt', '.md'];
export const MANIFEST_NAME = 'precedents.json';

/** A file or folder that did not make it into the index, with one clear reason. */
export interface SkippedFile {
  /** Absolute path. */
  path: string;
  reason: string;
}

export interface LoadOptions {
  /** Precedent folders (absolute or relative to `cwd`). A file path is accepted too. */
  folders: readonly string[];
  /** Also index the bundled precedents in seeds/. */
  includeBundled: boolean;
  /** Where the bundled precedents are; default `bundledSeedsDir()`. */
  bundledDir?: string;
  /** Index to fill; a new one otherwise. */
  index?: PrecedentIndex;
  /** Base for relative folders; default process.cwd(). */
  cwd?: string;
  /** Index id for a file; default its absolute path (the server passes a URI maker). */
  docIdOf?: (absolutePath: string) => string;
  /** The file a docId names (the inverse of docIdOf; default: the docId is the path). */
  pathOfDocId?: (docId: string) => string | null;
  /** Called for each file the index accepted, with the bytes it was given (for a caller's own pass). */
  onIndexed?: (docId: string, absolutePath: string, bytes: Uint8Array) => void;
  /**
   * A persisted index to start from (ignored when `index` is given): files whose path, size,
   * modification time and manifest metadata are unchanged are taken from it, the others are
   * indexed again or removed. The caller saves the result (see `files`, writeIndexCache()).
   */
  cacheFile?: string;
  /** Engine version the cache must have been written by (default engineVersion()). */
  engineVersion?: string;
  /**
   * With a cache that every file matches: answer before reading what changes need (see
   * CacheOutcome.rest); with any file to index again or drop, the whole cache is read first.
   */
  tablesLater?: boolean;
  /** Called after each file to index is taken (indexed or refused): how many of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Threads reading precedents beside this one (see readAll()); default from the cores, 0 for none. */
  readers?: number;
  /** Why the cache must not be read this time (its later part was found damaged): indexed from the files, then saved over. */
  ignoreCache?: string;
}

/** What the persisted index did for this load. */
export interface CacheOutcome {
  /** loaded: used; missing: none yet; unusable: damaged or another version (see message). */
  status: 'loaded' | 'missing' | 'unusable';
  /** One line for the user when the cache could not be used. */
  message?: string;
  /** Files taken from the cache unchanged, indexed again, and dropped (gone from disk). */
  reused: number;
  reindexed: number;
  removed: number;
  /** Time to read and restore the cache file, and its size. */
  loadMs?: number;
  bytes?: number;
  /** What changes need of the loaded index, still to read (`tablesLater`); null when all is read. */
  rest?: RestOfIndex | null;
}

export interface LoadedCorpus {
  index: PrecedentIndex;
  /** What the index holds after loading (all documents, including ones indexed before this load). */
  documents: IndexedDocument[];
  /** Folders and files not indexed by this load, in path order. */
  skipped: SkippedFile[];
  /** Files handed to the index by this load (indexed or refused by it). */
  files: number;
  /** Wall-clock time to find, read and index everything, in milliseconds. */
  ms: number;
  /** The absolute path of each indexed docId, for showing paths. */
  pathOf: Map<string, string>;
  /** Stamps of the files the index holds (indexed or refused), when a cache file was given. */
  stamps?: FileTable;
  cache?: CacheOutcome;
  /** Threads that read precedents beside the one indexing them, and why the first that failed stopped (see readAll()). */
  readers: { threads: number; lost: string | null };
}

/** What to tell a user when a thread reading precedents failed (null when none did). */
export function readersNote(readers: LoadedCorpus['readers']): string | null {
  return readers.lost ? `a thread reading precedents failed (${readers.lost}); its precedents were read on the main thread` : null;
}

/** Folder of the bundled precedents: seeds/ next to the package.json named "precedent". */
export function bundledSeedsDir(from: string = __dirname): string {
  const root = packageRoot(from);
  if (root === null) throw new Error(`cannot find the bundled precedents: no package.json named "precedent" above ${from}`);
  return join(root, 'seeds');
}

/**
 * The package folder, found by walking up: the same code runs from out/server/src/node (tests),
 * dist/ (bundled CLI and server) and the installed extension, at different depths.
 */
export function packageRoot(from: string = __dirname): string | null {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'precedent') return dir;
      } catch {
        // An unreadable or invalid package.json belongs to something else: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Options of an index whose precedents are files: their clean text is not kept (at 100k
 * precedents it is gigabytes of strings); a quote re-reads its file (the index keeps a few
 * recently quoted texts). Buffers open in the editor are upserted with their text kept.
 */
export function fileBackedIndexOptions(pathOfDocId: (docId: string) => string | null): PrecedentIndexOptions {
  return { keepText: false, readText: (docId) => readTextOf(pathOfDocId(docId)) };
}

/** The decoded text of a precedent file (for quotes), null when it cannot be read any more. */
function readTextOf(path: string | null): string | null {
  if (!path) return null;
  try {
    const decoded = decodePrecedent(readFileSync(path));
    return decoded.ok ? decoded.text : null;
  } catch {
    return null;
  }
}

/** Find, read and index the precedents of a corpus. Never throws for I/O problems: they land in `skipped`. */
export async function loadCorpus(options: LoadOptions): Promise<LoadedCorpus> {
  const started = performance.now();
  const indexOptions = fileBackedIndexOptions(options.pathOfDocId ?? ((docId) => docId));
  let index = options.index ?? new PrecedentIndex(indexOptions);
  const cwd = options.cwd ?? process.cwd();
  const docIdOf = options.docIdOf ?? ((p: string) => p);
  const skipped: SkippedFile[] = [];
  const found: FoundFile[] = [];

  const roots: string[] = [];
  if (options.includeBundled) {
    try {
      roots.push(options.bundledDir ?? bundledSeedsDir());
    } catch (error) {
      skipped.push({ path: options.bundledDir ?? 'seeds', reason: (error as Error).message });
    }
  }
  for (const folder of options.folders) roots.push(resolve(cwd, folder));

  // The saved index is read from disk while the folders are walked; it is decoded once the walk is
  // done and the files' stats have started beside it (100k: 0.5-0.7 s of reading off the way).
  let walked = (): void => undefined;
  const walkDone = new Promise<void>((resolve) => (walked = resolve));
  const reading = options.cacheFile && !options.index && options.ignoreCache === undefined
    ? readIndexCache(options.cacheFile, indexOptions, options.engineVersion, options.tablesLater ?? false, walkDone)
    : null;
  const walk: Walk = { found, skipped, visited: new Set(), manifests: new Map() };
  try {
    for (const root of roots) await collect(root, true, walk);
  } catch (error) {
    walked();
    throw error;
  }

  // One file can be reached twice (a folder given twice, the seeds folder also given with --corpus).
  const seen = new Set<string>();
  const unique = found.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));

  // docId → path pairs, made a Map only when asked (the CLI shows paths; a server, whose docIds are
  // the files' URIs, never asks: 100,000 sets were 60 ms of its cold start).
  const pathDocIds: string[] = [];
  const pathPaths: string[] = [];
  const pathOf = (docId: string, path: string): void => {
    pathDocIds.push(docId);
    pathPaths.push(path);
  };
  let files = 0;

  // The persisted index: unchanged files are taken as they are, the rest goes through upsert below.
  let table: FileTable | undefined;
  let cache: CacheOutcome | undefined;
  let todo = unique;
  const walkSkips = skipped.length;
  if (options.cacheFile && !options.index) {
    // Stamped once (a stat each: ~0.9 s at 100k files, in a worker while the saved index is
    // decoded here), before deciding whether the cache is taken as it is or changed, which needs
    // all of it.
    const paths = unique.map((f) => f.path);
    const stating = statAllBeside(paths);
    walked();
    let read: CacheRead = reading ? await reading : { status: 'unusable', message: options.ignoreCache ?? 'not read' };
    const stats = await stating;
    const docIds = unique.map((f) => docIdOf(f.path));
    const stamps = unique.map((f, k) => stampFrom(stats[2 * k], stats[2 * k + 1], docIds[k], f.meta));
    // Every file as it was saved and none gone (the paths are distinct, so equal sizes say no saved
    // file is missing): the saved file table is the table, taken as it is (at 100k, a Map and a Set
    // of 100,000 paths and a second comparison of every stamp less before the server is ready).
    const saved = read.status === 'loaded' ? read.files : null;
    const unchanged = saved !== null && saved.size === unique.length && unique.every((f, k) => sameStamp(saved.get(f.path), stamps[k]));
    if (read.status === 'loaded' && read.rest) {
      if (!unchanged) {
        const failure = await read.rest.complete();
        if (failure) read = { status: 'unusable', message: `${failure}: indexing the precedents again` };
        else read = { ...read, rest: null };
      }
    }
    table = unchanged ? saved : new Map();
    cache = { status: read.status, reused: 0, reindexed: 0, removed: 0 };
    if (read.status === 'unusable') cache.message = read.message;
    const cached = read.status === 'loaded' ? read.files : new Map<string, never>();
    if (read.status === 'loaded') {
      index = read.index;
      cache.loadMs = read.ms;
      cache.bytes = read.bytes;
      cache.rest = read.rest;
    }
    const refused = new Map(index.skipped().map((s) => [s.docId, s.reason]));
    todo = [];
    for (const [k, f] of unique.entries()) {
      const docId = docIds[k];
      if (!unchanged) {
        const stamp = stamps[k];
        if (stamp) table.set(f.path, stamp);
        if (!sameStamp(cached.get(f.path), stamp)) {
          todo.push(f);
          continue;
        }
      }
      cache.reused++;
      files++;
      const reason = refused.get(docId);
      if (reason !== undefined) skipped.push({ path: f.path, reason });
      else {
        pathOf(docId, f.path);
        if (options.onIndexed) {
          const bytes = await readPrecedentBytes(f.path);
          if (bytes.ok) options.onIndexed(docId, f.path, bytes.bytes);
        }
      }
    }
    if (!unchanged) {
      const wanted = new Set(paths);
      for (const [path, stamp] of cached) {
        if (wanted.has(path)) continue;
        index.remove(stamp.docId);
        cache.removed++;
      }
    }
    cache.reindexed = todo.length;
  }

  // Read on other cores where there are many (see precedentReaders.ts), indexed in path order (deterministic).
  const jobs: ReadJob[] = todo.map((f) => ({
    path: f.path, docId: docIdOf(f.path), fileName: basename(f.path), meta: f.meta, keepText: index.keepText, wantBytes: options.onIndexed !== undefined,
  }));
  let taken = 0;
  const readers = await readAll(jobs, (job, read) => {
    options.onProgress?.(++taken, jobs.length);
    if (read.kind === 'unreadable') {
      skipped.push({ path: job.path, reason: read.reason });
      // An unreadable file is tried again next time; what the cache held of it goes.
      if (table) {
        table.delete(job.path);
        index.remove(job.docId);
      }
      return;
    }
    if (read.kind === 'threw') throw new Error(`indexing ${job.path} failed: ${read.error}`);
    files++;
    const result = index.addRead(read.outcome);
    if (result.ok) {
      pathOf(job.docId, job.path);
      if (read.bytes) options.onIndexed?.(job.docId, job.path, read.bytes);
    } else skipped.push({ path: job.path, reason: result.reason });
  }, { workers: options.readers });
  if (table && skipped.length > walkSkips) {
    // Files skipped in the order of a load without cache: walk problems first, then file order.
    const order = new Map(unique.map((f, k) => [f.path, k]));
    const fileSkips = skipped.splice(walkSkips).sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    skipped.push(...fileSkips);
  }
  let paths: Map<string, string> | null = null;
  let documents: IndexedDocument[] | null = null;
  return {
    index, skipped, files, ms: performance.now() - started, stamps: table, cache, readers: { threads: readers.workers, lost: readers.lost },
    // A row per precedent only when asked (the CLI lists them; the server counts them).
    get documents(): IndexedDocument[] {
      return (documents ??= index.documents());
    },
    get pathOf(): Map<string, string> {
      if (!paths) {
        paths = new Map();
        for (let k = 0; k < pathDocIds.length; k++) paths.set(pathDocIds[k], pathPaths[k]);
      }
      return paths;
    },
  };
}

/** Index (or re-index) one file, e.g. when a watcher reports a change. Reads its folder's manifest unless `meta` is given. */
export async function loadFile(
  index: PrecedentIndex,
  path: string,
  meta?: Partial<PrecedentMeta>,
  docId: string = resolve(path),
  /** Awaited between the reads and the upsert (a server holds changes while it saves the index). */
  changeable?: () => Promise<void>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const absolute = resolve(path);
  const bytes = await readPrecedentBytes(absolute);
  if (!bytes.ok) return bytes;
  const given = meta ?? (await readManifest(dirname(absolute))).entries.get(basename(absolute));
  await changeable?.();
  return index.upsert({ docId, fileName: basename(absolute), bytes: bytes.bytes, meta: given });
}

/** The metadata its folder's precedents.json gives a file (what loadCorpus indexes it with). */
export async function manifestEntry(path: string): Promise<Partial<PrecedentMeta> | undefined> {
  const absolute = resolve(path);
  return (await readManifest(dirname(absolute))).entries.get(basename(absolute));
}

/** Drop one file from the index (deleted or moved away). True when it was there. */
export function removeFile(index: PrecedentIndex, path: string, docId: string = resolve(path)): boolean {
  return index.remove(docId);
}

/** True for the files a corpus folder contributes (by name only). */
export function isPrecedentFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return !name.startsWith('.') && PRECEDENT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** True for folders the recursive search does not enter. */
export function isIgnoredFolderName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Read a file's bytes, with one clear reason when that is not possible or not sensible. */
export async function readPrecedentBytes(path: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > MAX_PRECEDENT_BYTES) {
      return { ok: false, reason: `too large for a precedent (${megabytes(info.size)} MB; the limit is ${megabytes(MAX_PRECEDENT_BYTES)} MB)` };
    }
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return { ok: false, reason: ioReason(error) };
  }
}

/** One short, user-facing reason for a Node I/O error. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ENOTDIR': return 'not a folder';
    case 'ELOOP': return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return code ? `cannot read (${code})` : `cannot read (${(error as Error)?.message ?? String(error)})`;
  }
}

// ---------------------------------------------------------------------------------------------

interface FoundFile {
  path: string;
  meta?: Partial<PrecedentMeta>;
}

/** Walk one root (a folder, or a single file given as a root). */
interface Walk {
  found: FoundFile[];
  skipped: SkippedFile[];
  /** Real paths of folders already searched. */
  visited: Set<string>;
  manifests: Map<string, Promise<Manifest>>;
}

async function collect(path: string, isRoot: boolean, walk: Walk): Promise<void> {
  const { found, skipped, visited } = walk;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const reason = ioReason(error);
    skipped.push({ path, reason: isRoot && reason === 'no such file' ? 'folder not found' : reason });
    return;
  }
  if (info.isFile()) {
    if (isRoot) {
      // A file named explicitly is taken whatever its extension: the user asked for it.
      const manifest = await readManifest(dirname(path), walk.manifests);
      found.push({ path, meta: manifest.entries.get(basename(path)) });
    }
    return;
  }
  if (!info.isDirectory()) {
    if (isRoot) skipped.push({ path, reason: 'not a file or folder' });
    return;
  }
  // Symbolic links can make a folder its own descendant.
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    skipped.push({ path, reason: ioReason(error) });
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);

  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    skipped.push({ path, reason: ioReason(error) });
    return;
  }
  const manifest = await readManifest(path, walk.manifests);
  if (manifest.error) skipped.push({ path: join(path, MANIFEST_NAME), reason: manifest.error });

  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // `path` is resolved and a listed name has no separator: join() would only normalise again
    // (100,000 precedents: 110 ms of a cold start).
    const child = path.endsWith(sep) ? path + entry.name : path + sep + entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(child);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        if (isPrecedentFileName(entry.name)) skipped.push({ path: child, reason: `broken link (${ioReason(error)})` });
        continue;
      }
    }
    if (isDir) {
      if (!isIgnoredFolderName(entry.name)) await collect(child, false, walk);
    } else if (isFile && isPrecedentFileName(entry.name)) {
      found.push({ path: child, meta: manifest.entries.get(entry.name) });
    }
  }
}

interface Manifest {
  entries: Map<string, Partial<PrecedentMeta>>;
  error?: string;
}

/** The `precedents.json` of a folder (none → empty), read once per load through `cache`. */
function readManifest(folder: string, cache?: Map<string, Promise<Manifest>>): Promise<Manifest> {
  let pending = cache?.get(folder);
  if (!pending) {
    pending = parseManifestFile(join(folder, MANIFEST_NAME));
    cache?.set(folder, pending);
  }
  return pending;
}

async function parseManifestFile(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { entries: new Map() };
    return { entries: new Map(), error: `metadata not read: ${ioReason(error)}` };
  }
  return parseManifest(text);
}

/** Parse a precedents.json manifest: `{ "precedents": [ { "file": "…", "title": "…", … } ] }`. */
export function parseManifest(text: string): Manifest {
  const entries = new Map<string, Partial<PrecedentMeta>>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries, error: `metadata not read: invalid JSON (${(error as Error).message})` };
  }
  const list = (data as { precedents?: unknown } | null)?.precedents;
  if (!Array.isArray(list)) return { entries, error: 'metadata not read: no "precedents" list' };
  for (const item of list as Array<Record<string, unknown>>) {
    if (!item || typeof item.file !== 'string') continue;
    const meta: Partial<PrecedentMeta> = {};
    const text = (key: keyof PrecedentMeta): string | null | undefined => {
      const value = item[key];
      return typeof value === 'string' ? value : value === null ? null : undefined;
    };
    const title = text('title');
    if (typeof title === 'string') meta.title = title;
    const language = text('language');
    if (typeof language === 'string') meta.language = language;
    for (const key of ['date', 'body', 'place', 'kind'] as const) {
      const value = text(key);
      if (value !== undefined) meta[key] = value;
    }
    entries.set(item.file, meta);
  }
  return { entries };
}

/** How a path is shown to the user: `seeds/<file>` for bundled precedents, else relative to cwd. */
export function displayPath(absolutePath: string, cwd: string, bundledDir?: string): string {
  if (bundledDir) {
    const inSeeds = relative(bundledDir, absolutePath);
    if (inSeeds && !inSeeds.startsWith('..') && !inSeeds.startsWith(sep) && !/^[a-zA-Z]:/.test(inSeeds)) {
      return 'seeds/' + inSeeds.split(sep).join('/');
    }
  }
  const fromCwd = relative(cwd, absolutePath);
  if (fromCwd === '') return '.';
  if (/^[a-zA-Z]:/.test(fromCwd) || fromCwd.startsWith(sep)) return absolutePath;
  return fromCwd.split(sep).join('/');
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
