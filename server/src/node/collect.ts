// A full garbage collection on request, for the moments the server knows a lot of its heap just
// died (a load, before a build's mining pass): V8 would otherwise collect it later, when it adds
// most to the process's memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One full garbage collection, now. Loading a large saved index leaves as much garbage as it keeps
 * (100k precedents: ~0.9 GB of parsed state beside 1.4 GB kept), and V8 collects it in one pause
 * when it decides to: 3.7 s in the middle of the drafter's first minutes, measured at 100k. Asked
 * for here, before the server says it is ready, it takes 1.6 s there and ~0.1 s at 10k. `gc` is
 * not exposed to the server by default: the flag is set at run time and the function read from a
 * new context. Null when the runtime refuses. After a load from the saved index whose rest is read
 * after "ready", once that rest is restored (100k: 0.56 s for the first part alone, before ready).
 */
export function collectGarbage(): { ms: number; beforeMb: number; afterMb: number } | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return null;
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    (gc as () => void)();
    const ms = performance.now() - started;
    return { ms, beforeMb: Math.round(before / 1e6), afterMb: Math.round(process.memoryUsage().heapUsed / 1e6) };
  } catch {
    return null;
  }
}
