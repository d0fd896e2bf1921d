// The size and modification time of every precedent file, which decide whether a saved index is
// taken as it is. At 100,000 files the stats take ~0.9 s: done in a worker thread they overlap the
// read and decode of the saved index on the server's thread instead of following it.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** [size, mtimeMs] of each path in turn, NaN for a path that cannot be stated. */
export type Stats = Float64Array;

// No imports and no free names but its arguments: the worker runs its source text.
function statLoop(paths: readonly string[], stat: typeof statSync): Float64Array {
  const out = new Float64Array(paths.length * 2).fill(NaN);
  for (let i = 0; i < paths.length; i++) {
    try {
      const info = stat(paths[i], { throwIfNoEntry: false });
      if (info) {
        out[2 * i] = info.size;
        out[2 * i + 1] = info.mtimeMs;
      }
    } catch {
      // Unreadable (permissions, a name the system refuses): no stamp, the file is read and says why.
    }
  }
  return out;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const statLoop = ${statLoop.toString()};
const out = statLoop(workerData, require('node:fs').statSync);
parentPort.postMessage(out, [out.buffer]);
`;

/** The stats of `paths` on this thread. */
export function statAll(paths: readonly string[]): Stats {
  return statLoop(paths, statSync);
}

/**
 * The stats of `paths` from a worker thread, started now: await them after the work they are to
 * overlap. A worker that cannot start or fails gives way to the stats on this thread.
 */
export function statAllBeside(paths: readonly string[]): Promise<Stats> {
  if (paths.length < 1000) return Promise.resolve(statAll(paths));
  return new Promise((resolve) => {
    let settled = false;
    const fallBack = (): void => {
      if (settled) return;
      settled = true;
      resolve(statAll(paths));
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: paths });
    } catch {
      fallBack();
      return;
    }
    worker.once('message', (stats: Float64Array) => {
      if (settled) return;
      settled = true;
      resolve(stats);
    });
    worker.once('error', fallBack);
    worker.once('exit', fallBack);
  });
}
