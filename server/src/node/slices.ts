// Background work in slices: the server answers requests between them.
import { performance } from 'node:perf_hooks';

/** Longest stretch of background work between two looks at the connection (requests waiting). */
export const SLICE_MS = 8;

/**
 * Runs `steps` to its end, SLICE_MS at a time, each stretch after the messages waiting
 * (setImmediate). Stops early, with `done: false`, once `wanted()` is false between stretches.
 * `steps`: how many steps (yields) it took.
 */
export async function runInSlices<T>(
  steps: Generator<void, T>,
  wanted: () => boolean = () => true,
): Promise<{ done: true; value: T; steps: number } | { done: false }> {
  let count = 0;
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!wanted()) return { done: false };
    const until = performance.now() + SLICE_MS;
    for (;;) {
      count++;
      const step = steps.next();
      if (step.done) return { done: true, value: step.value, steps: count };
      if (performance.now() >= until) break;
    }
  }
}
