// Reading precedents on other cores during a build. Decoding, cleanup, segmentation and citation
// finding (readPrecedent()) are two thirds of an upsert and need no index, so worker threads read
// ahead while this thread adds what they read, in file order: the index is the one a single
// thread builds. A worker that fails or cannot start costs nothing but time: its precedents are
// read again here.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readPrecedent, type ReadOutcome } from '../engine/corpus';
import type { PrecedentMeta } from '../engine/types';
import { readPrecedentBytes } from './corpusLoader';

/** One precedent file to read. */
export interface ReadJob {
  path: string;
  docId: string;
  fileName: string;
  meta?: Partial<PrecedentMeta>;
  /** The index keeps its text (see PrecedentIndex keepText). */
  keepText: boolean;
  /** Give the file's bytes back too (a caller's own pass over them). */
  wantBytes: boolean;
}

/** What reading one file gave: the file could not be read, the engine threw, or the outcome to add. */
export type ReadResult =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'threw'; error: string }
  | { kind: 'read'; outcome: ReadOutcome; size: number; bytes?: Uint8Array };

/** @internal the messages between the pool and a worker (precedentReader.ts). */
export interface ReaderRequest {
  seq: number;
  job: ReadJob;
}
export type ReaderReply = { seq: number } & ReadResult;

export interface ReadAllOutcome {
  /** Worker threads started. */
  workers: number;
  /** Results handed to `take` (all, unless `stop` said so). */
  taken: number;
  /** Why the first worker that failed stopped (its precedents were read on this thread); null when none did. */
  lost: string | null;
}

export interface ReadAllOptions {
  /** Worker threads; default one fewer than the cores, at most 4. 0 reads everything on this thread. */
  workers?: number;
  /** Fewer files than this are read on this thread (a worker takes ~50 ms to start). Default 64. */
  minFiles?: number;
  /** Asked before each result is taken: true stops there (what was taken stays taken). */
  stop?: () => boolean;
  /** The reader script; default precedentReader.js beside this file: out/server/src/node compiled, dist/ bundled. */
  workerFile?: string;
}

/** Files read ahead of the one being added, at most (what read precedents may hold in memory). */
const WINDOW = 256;
/** Requests a worker holds at once: reading the next file overlaps analysing this one. */
const PER_WORKER = 4;

/** Worker threads for `files` files: none for a few, else one fewer than the cores (the adding thread), 1 to 4. */
export function readerCount(files: number, options: ReadAllOptions = {}): number {
  if (files < (options.minFiles ?? 64)) return 0;
  return Math.max(0, Math.min(options.workers ?? Math.min(4, availableParallelism() - 1), 16));
}

/** Reads one precedent on this thread, as a worker does. */
export async function readHere(job: ReadJob): Promise<ReadResult> {
  const bytes = await readPrecedentBytes(job.path);
  if (!bytes.ok) return { kind: 'unreadable', reason: bytes.reason };
  try {
    const outcome = readPrecedent({ docId: job.docId, fileName: job.fileName, bytes: bytes.bytes, meta: job.meta }, job.keepText);
    return { kind: 'read', outcome, size: bytes.bytes.length, bytes: job.wantBytes ? bytes.bytes : undefined };
  } catch (error) {
    return { kind: 'threw', error: String((error as Error)?.stack ?? error) };
  }
}

/**
 * Reads every job and hands each result to `take` in the jobs' order. While the next result is not
 * ready, this thread reads a later precedent itself rather than wait: adding one costs about half
 * of reading one, so with one worker (two cores) it would otherwise wait half the time.
 */
export async function readAll(jobs: readonly ReadJob[], take: (job: ReadJob, result: ReadResult) => void, options: ReadAllOptions = {}): Promise<ReadAllOutcome> {
  const count = readerCount(jobs.length, options);
  const workers = count > 0 ? startWorkers(count, options.workerFile ?? join(__dirname, 'precedentReader.js')) : [];
  if (workers.length === 0) {
    // A few files at a time: disk latency overlaps.
    for (let i = 0; i < jobs.length; i += 16) {
      const slice = jobs.slice(i, i + 16);
      const results = await Promise.all(slice.map(readHere));
      for (let k = 0; k < slice.length; k++) {
        if (options.stop?.()) return { workers: 0, taken: i + k, lost: null };
        take(slice[k], results[k]);
      }
    }
    return { workers: 0, taken: jobs.length, lost: null };
  }

  const results = new Map<number, ReadResult>();
  const waiting = new Map<number, (r: ReadResult) => void>();
  const busy = new Map<ReaderWorker, Set<number>>(workers.map((w) => [w, new Set()]));
  let next = 0;
  let added = 0;
  let lost: string | null = null;
  /** Read on this thread: a result that threw is final (a worker's is read again here). */
  const readHereSeqs = new Set<number>();

  const settle = (seq: number, result: ReadResult): void => {
    const wake = waiting.get(seq);
    if (wake) {
      waiting.delete(seq);
      wake(result);
    } else results.set(seq, result);
  };
  const dispatch = (): void => {
    for (const w of workers) {
      const held = busy.get(w)!;
      while (!w.dead && held.size < PER_WORKER && next < jobs.length && next < added + WINDOW) {
        const seq = next++;
        held.add(seq);
        w.worker.postMessage({ seq, job: jobs[seq] } satisfies ReaderRequest);
      }
    }
  };
  for (const w of workers) {
    w.worker.on('message', (reply: ReaderReply) => {
      busy.get(w)!.delete(reply.seq);
      const { seq, ...result } = reply;
      settle(seq, result as ReadResult);
      dispatch();
    });
    const stopped = (why: string): void => {
      if (w.dead) return;
      w.dead = true;
      lost ??= why;
      // Its precedents are read here when their turn comes.
      for (const seq of busy.get(w)!) settle(seq, { kind: 'threw', error: 'reader thread stopped' });
      busy.get(w)!.clear();
      dispatch();
    };
    w.worker.on('error', (error) => stopped(error.message.split('\n')[0]));
    w.worker.on('exit', (code) => stopped(`stopped (exit code ${code})`));
  }

  try {
    dispatch();
    for (let seq = 0; seq < jobs.length; seq++) {
      if (options.stop?.()) return { workers: workers.length, taken: seq, lost };
      let result: ReadResult | undefined;
      while ((result = results.get(seq)) === undefined) {
        if (seq >= next) {
          // Given to no worker (every one is gone): read here, in turn.
          next = seq + 1;
          result = await readHere(jobs[seq]);
          readHereSeqs.add(seq);
          break;
        }
        if (next < jobs.length && next < added + WINDOW) {
          // Not ready: read a later one here meanwhile (the workers keep the ones they hold).
          const later = next++;
          results.set(later, await readHere(jobs[later]));
          readHereSeqs.add(later);
          continue;
        }
        result = await new Promise<ReadResult>((resolve) => waiting.set(seq, resolve));
        break;
      }
      results.delete(seq);
      // A worker that stopped, or whose engine threw: read here again, so any error is this thread's own.
      const readOnThisThread = readHereSeqs.delete(seq);
      if (result.kind === 'threw' && !readOnThisThread) result = await readHere(jobs[seq]);
      added = seq + 1;
      take(jobs[seq], result);
      dispatch();
    }
  } finally {
    for (const w of workers) {
      w.dead = true;
      void w.worker.terminate();
    }
  }
  return { workers: workers.length, taken: jobs.length, lost };
}

interface ReaderWorker {
  worker: Worker;
  dead: boolean;
}

function startWorkers(count: number, file: string): ReaderWorker[] {
  const workers: ReaderWorker[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const worker = new Worker(file);
      workers.push({ worker, dead: false });
    } catch {
      // No worker (a missing file, no threads): this thread reads alone.
    }
  }
  return workers;
}
