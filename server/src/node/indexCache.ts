// The persisted index on disk: where it lives, which file it is for a corpus, reading it back
// (with the file table it was built from) and writing it atomically. The bytes are the engine's
// (engine/persist.ts); this module only does I/O and never throws: a broken or unwritable cache
// means indexing from the files, with one message.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PrecedentIndex, PrecedentIndexOptions } from '../engine/corpus';
import { decodeIndex, encodeIndexSteps, FIXED, FORMAT_VERSION, partsOf, type EncodedIndex, type LaterPart } from '../engine/persist';
import { ioReason, packageRoot } from './corpusLoader';
import { runInSlices } from './slices';
import { statAll } from './stamps';

/** What a precedent file was when it was indexed; a file whose stamp differs is indexed again. */
export interface FileStamp {
  docId: string;
  size: number;
  mtimeMs: number;
  /** The manifest metadata it was indexed with (JSON), so an edited precedents.json re-indexes it. */
  meta: string;
}

/** The file table stored with the index: absolute path → stamp. */
export type FileTable = Map<string, FileStamp>;

/** The cache folder: `$XDG_CACHE_HOME/precedent`, else `~/.cache/precedent`; null without either. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'precedent');
  const home = env.HOME ?? env.USERPROFILE ?? (env === process.env ? safeHomedir() : undefined);
  return home ? join(home, '.cache', 'precedent') : null;
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

let cachedEngineVersion: string | null = null;
/**
 * Which engine made an index: the format, the package version and the running code's size and
 * time, so any rebuilt engine (a new release, a development build) re-indexes instead of
 * trusting state another version of the analysis produced.
 */
export function engineVersion(): string {
  if (cachedEngineVersion) return cachedEngineVersion;
  let version = '0';
  const root = packageRoot(__dirname);
  if (root) {
    try {
      version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
    } catch {
      // No readable version: the code stamp below still tells builds apart.
    }
  }
  let code = '';
  try {
    const info = statSync(__filename);
    code = `${info.size}-${Math.round(info.mtimeMs)}`;
  } catch {
    code = 'unknown';
  }
  return (cachedEngineVersion = `${FORMAT_VERSION}/${version}/${code}`);
}

/** The cache file of one corpus (its folders, bundled or not, and how documents are named). */
export function cacheFileFor(dir: string, corpusKey: unknown): string {
  const text = JSON.stringify(corpusKey);
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    g = Math.imul(g + text.charCodeAt(i), 0x5bd1e995) ^ (g >>> 15);
  }
  return join(dir, `index-${(h >>> 0).toString(16).padStart(8, '0')}${(g >>> 0).toString(16).padStart(8, '0')}.bin`);
}

export type CacheRead =
  | { status: 'loaded'; index: PrecedentIndex; files: FileTable; ms: number; bytes: number; rest: RestOfIndex | null }
  | { status: 'missing' }
  | { status: 'unusable'; message: string };

/**
 * What changes need of a loaded index and was not read yet (see readIndexCache's `tablesLater`):
 * complete() reads it from the same open file and restores it, a slice at a time between other
 * work; it resolves with null, or with why the index cannot take changes (then index again).
 */
export interface RestOfIndex {
  /**
   * `wanted`: asked between reads and slices; once false (a newer load replaced this index), the
   * rest is no longer read and complete() resolves with null, the index left as it was.
   */
  complete(wanted?: () => boolean): Promise<string | null>;
}

/** Bytes read at once for the rest of an index: reading happens off the main thread, in between. */
const REST_CHUNK = 64 << 20;

/**
 * The index stored in `file`. Restored precedents are quoted from their files, read again on
 * demand (`options.readText`, see fileBackedIndexOptions()), so the cache holds no text.
 * `tablesLater`: read only the part the index answers with (a fifth of the file at 100,000
 * precedents); `rest` reads the rest, which changes, saves and word searches wait for.
 * `decodeAfter`: the bytes are read at once, decoded once it settles.
 */
export async function readIndexCache(
  file: string,
  options: PrecedentIndexOptions,
  version: string = engineVersion(),
  tablesLater = false,
  decodeAfter?: Promise<unknown>,
): Promise<CacheRead> {
  const started = performance.now();
  // Its failure is the caller's to report, not a reason not to decode (caught now: it may settle
  // while the file is being read).
  const mayDecode = decodeAfter?.catch(() => undefined);
  let handle: FileHandle | null = null;
  let rest: RestOfIndex | null = null;
  try {
    let bytes: Uint8Array;
    try {
      if (!tablesLater) bytes = await readLargeFile(file);
      else {
        handle = await open(file, 'r');
        const size = (await handle.stat()).size;
        bytes = new Uint8Array(size);
        await readRange(handle, bytes, 0, Math.min(FIXED, size));
        const parts = partsOf(bytes.subarray(0, FIXED));
        // A foreign or damaged start: read whole, and decodeIndex says why.
        await readRange(handle, bytes, FIXED, parts.ok && parts.total === size ? parts.answerEnd : size);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return { status: 'unusable', message: `index cache ${file} not read (${ioReason(error)}): indexing the precedents` };
    }
    // The read waits on the disk; decoding holds the thread for seconds at 100k precedents: the
    // caller's own work (the folder walk) goes first, its I/O overlapped by this read.
    await mayDecode;
    const decoded = decodeIndex(bytes, version, options, tablesLater);
    const unusable = (why: string): CacheRead => ({ status: 'unusable', message: `index cache ${file} ${why}: indexing the precedents again` });
    if (!decoded.ok) return unusable(decoded.kind === 'stale' ? `made by another version (${decoded.reason})` : `damaged (${decoded.reason})`);
    const files = parseFileTable(decoded.extra);
    if (!files) return unusable('damaged (no file table)');
    // The file stays open for the rest, which closes it.
    if (handle && decoded.later) rest = restOf(file, handle, bytes, decoded.later);
    return { status: 'loaded', index: decoded.index, files, ms: performance.now() - started, bytes: bytes.length, rest };
  } finally {
    if (handle && !rest) await handle.close().catch(() => undefined);
  }
}

function restOf(file: string, handle: FileHandle, bytes: Uint8Array, later: LaterPart): RestOfIndex {
  let done: Promise<string | null> | null = null;
  const run = async (wanted: () => boolean): Promise<string | null> => {
    try {
      // The file stays open from the first read: a save renaming a new file over it meanwhile
      // does not mix two indexes.
      for (let at = later.start; at < bytes.length; at += REST_CHUNK) {
        if (!wanted()) return null;
        await readRange(handle, bytes, at, Math.min(bytes.length, at + REST_CHUNK));
      }
    } catch (error) {
      return `index cache ${file} not read to the end (${ioReason(error)})`;
    } finally {
      await handle.close().catch(() => undefined);
    }
    const run = await runInSlices(later.restore(), wanted);
    return run.done && run.value ? `index cache ${file} damaged (${run.value.reason})` : null;
  };
  return { complete: (wanted = () => true) => (done ??= run(wanted)) };
}

/** Bytes [from, to) of an open file into `bytes` at the same offsets. */
async function readRange(handle: FileHandle, bytes: Uint8Array, from: number, to: number): Promise<void> {
  let at = from;
  while (at < to) {
    const { bytesRead } = await handle.read(bytes, at, Math.min(IO_CHUNK, to - at), at);
    if (bytesRead === 0) throw new Error(`file shrank while read (${at} of ${to} bytes)`);
    at += bytesRead;
  }
}

function parseFileTable(extra: unknown): FileTable | null {
  const list = (extra as { files?: unknown } | null)?.files;
  if (!Array.isArray(list)) return null;
  const files: FileTable = new Map();
  for (const row of list as unknown[]) {
    if (!Array.isArray(row) || row.length !== 5) return null;
    const [path, docId, size, mtimeMs, meta] = row as [unknown, unknown, unknown, unknown, unknown];
    if (typeof path !== 'string' || typeof docId !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof meta !== 'string') return null;
    files.set(path, { docId, size, mtimeMs, meta });
  }
  return files;
}

export type CacheWrite = { ok: true; bytes: number; ms: number } | { ok: false; message: string };

/**
 * Save the index and its file table: a temporary file renamed over the old one (atomic). The
 * bytes are written as they are made, most of them straight from the index's arrays (no copy of
 * the 2.5 GB of a 100k index), between writes the server answers; the index refuses changes until
 * the returned promise settles (the caller holds its own until then: see CorpusHost.changeable()).
 */
export async function writeIndexCache(file: string, index: PrecedentIndex, files: FileTable, version: string = engineVersion()): Promise<CacheWrite> {
  const started = performance.now();
  let encoded: EncodedIndex;
  try {
    const rows = [...files].map(([path, s]) => [path, s.docId, s.size, s.mtimeMs, s.meta]);
    // The state made in slices too: at 100k precedents, 6-10 s of a thread.
    const made = await runInSlices(encodeIndexSteps(index, version, { files: rows }));
    if (!made.done) throw new Error('stopped');
    encoded = made.value;
  } catch (error) {
    return { ok: false, message: `index cache not written: ${(error as Error)?.message ?? String(error)}` };
  }
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    await writeEncoded(temp, encoded);
    await rename(temp, file);
    return { ok: true, bytes: encoded.byteLength, ms: performance.now() - started };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return { ok: false, message: `index cache not written in ${join(file, '..')} (${writeReason(error)}): working without it` };
  } finally {
    encoded.close();
  }
}

/** Small chunks (a precedent's word list, a short occurrence list) are gathered up to this much per write. */
const STAGE = 8 << 20;

/** The chunks in order, then the first bytes again with their checksums (known once every chunk is written). */
async function writeEncoded(path: string, encoded: EncodedIndex): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const staging = new Uint8Array(STAGE);
    let staged = 0;
    let at = 0;
    const flush = async (): Promise<void> => {
      await writeAt(handle, staging.subarray(0, staged), at);
      at += staged;
      staged = 0;
    };
    for (const chunk of encoded.chunks()) {
      if (chunk.length >= STAGE / 2) {
        if (staged) await flush();
        await writeAt(handle, chunk, at);
        at += chunk.length;
        continue;
      }
      if (staged + chunk.length > STAGE) await flush();
      staging.set(chunk, staged);
      staged += chunk.length;
    }
    if (staged) await flush();
    await writeAt(handle, encoded.fixed(), 0);
  } finally {
    await handle.close();
  }
}

async function writeAt(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, Math.min(IO_CHUNK, bytes.length - done), position + done);
    done += bytesWritten;
  }
}

function writeReason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'disk full';
    case 'EDQUOT': return 'disk quota exceeded';
    // mkdir over an existing file, or a file on the way: either way not a folder.
    case 'EEXIST':
    case 'ENOTDIR': return 'not a folder';
    default: return ioReason(error).replace(/^cannot read/, 'cannot write');
  }
}

/** The stamp of a file now, or null when it cannot be read. */
export function stampOf(path: string, docId: string, meta: unknown): FileStamp | null {
  const [size, mtimeMs] = statAll([path]);
  return stampFrom(size, mtimeMs, docId, meta);
}

/** The stamp of a file stated elsewhere (see stamps.ts), null when it could not be (NaN). */
export function stampFrom(size: number, mtimeMs: number, docId: string, meta: unknown): FileStamp | null {
  return Number.isNaN(size) ? null : { docId, size, mtimeMs, meta: JSON.stringify(meta ?? null) };
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | null): boolean {
  return !!a && !!b && a.docId === b.docId && a.size === b.size && a.mtimeMs === b.mtimeMs && a.meta === b.meta;
}

/** fs reads and writes at most 2 GiB at once; a saved index at 100k precedents is ~3 GB. */
const IO_CHUNK = 1 << 30;

/** A whole file in one Uint8Array, read in chunks (readFile refuses files over 2 GiB). */
export async function readLargeFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const bytes = new Uint8Array(size);
    await readRange(handle, bytes, 0, size);
    return bytes;
  } finally {
    await handle.close();
  }
}


