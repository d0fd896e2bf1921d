// Timing and summary helpers shared by the bench processes.
import * as fs from 'node:fs';

export interface Summary {
  n: number;
  /** Milliseconds. */
  median: number;
  p99: number;
  max: number;
}

export function summarise(samplesMs: number[]): Summary {
  if (samplesMs.length === 0) return { n: 0, median: NaN, p99: NaN, max: NaN };
  const s = [...samplesMs].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p99: quantile(s, 0.99), max: s[s.length - 1] };
}

/** Nearest-rank quantile of sorted samples (p99 of 100 samples is the 99th, not the maximum). */
function quantile(sorted: number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function median(values: number[]): number {
  return summarise(values).median;
}

/** Milliseconds since an arbitrary origin, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = nowMs();
  const value = fn();
  return { ms: nowMs() - t0, value };
}

/** Peak resident set size of this process, in MB (Linux VmHWM when available, else maxRSS). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Writes a file's pages still in memory to disk and waits (fsync); returns the milliseconds it took.
 * A cold start is timed on a saved index at rest, as a drafter meets it the next morning: read
 * while the 2.5 GB just saved were still being written back (1 GB dirty), the server at 100k was
 * ready after 3.4 s, after a sync 2.5-2.6 s.
 */
export function flushToDisk(file: string): number {
  const t0 = nowMs();
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return nowMs() - t0;
}
