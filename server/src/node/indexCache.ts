// The persisted index on disk: where it lives, which file it is for a corpus, reading it back
// (with the file table it was built from) and writing it atomically. The bytes are the engine's
// (engine/persist.ts); this module only does I/O and never throws: a broken or unwritable cache
// means indexing from the files, with one message.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PrecedentIndex, PrecedentIndexOptions } from '../engine/corpus';
import { decodeIndex, encodeIndex, FORMAT_VERSION } from '../engine/persist';
import { ioReason, packageRoot } from './corpusLoader';

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
  | { status: 'loaded'; index: PrecedentIndex; files: FileTable; ms: number; bytes: number }
  | { status: 'missing' }
  | { status: 'unusable'; message: string };

/**
 * The index stored in `file`. Restored precedents are quoted from their files, read again on
 * demand (`options.readText`, see fileBackedIndexOptions()), so the cache holds no text.
 */
export async function readIndexCache(file: string, options: PrecedentIndexOptions, version: string = engineVersion()): Promise<CacheRead> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = await readLargeFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    return { status: 'unusable', message: `index cache ${file} not read (${ioReason(error)}): indexing the precedents` };
  }
  const decoded = decodeIndex(bytes, version, options);
  if (!decoded.ok) {
    const why = decoded.kind === 'stale' ? `made by another version (${decoded.reason})` : `damaged (${decoded.reason})`;
    return { status: 'unusable', message: `index cache ${file} ${why}: indexing the precedents again` };
  }
  const files = parseFileTable(decoded.extra);
  if (!files) return { status: 'unusable', message: `index cache ${file} damaged (no file table): indexing the precedents again` };
  return { status: 'loaded', index: decoded.index, files, ms: performance.now() - started, bytes: bytes.length };
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

/** Save the index and its file table: a temporary file renamed over the old one (atomic). */
export async function writeIndexCache(file: string, index: PrecedentIndex, files: FileTable, version: string = engineVersion()): Promise<CacheWrite> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    const rows = [...files].map(([path, s]) => [path, s.docId, s.size, s.mtimeMs, s.meta]);
    bytes = encodeIndex(index, version, { files: rows });
  } catch (error) {
    return { ok: false, message: `index cache not written: ${(error as Error)?.message ?? String(error)}` };
  }
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    await writeLargeFile(temp, bytes);
    await rename(temp, file);
    return { ok: true, bytes: bytes.length, ms: performance.now() - started };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return { ok: false, message: `index cache not written in ${join(file, '..')} (${writeReason(error)}): working without it` };
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
  try {
    const info = statSync(path);
    return { docId, size: info.size, mtimeMs: info.mtimeMs, meta: JSON.stringify(meta ?? null) };
  } catch {
    return null;
  }
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
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(IO_CHUNK, size - at), at);
      if (bytesRead === 0) throw new Error(`file shrank while read (${at} of ${size} bytes)`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Write `bytes` to `path` in chunks (writeFile refuses buffers over 2 GiB). */
export async function writeLargeFile(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, at, Math.min(IO_CHUNK, bytes.length - at), at);
      at += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

