// Timing and summary helpers shared by the bench processes.
import * as fs from 'node:fs';
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

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

/**
 * Milliseconds since the process started, with sub-microsecond resolution: the performance
 * timeline's clock, on which GC entries are stamped too (see GcAttribution).
 */
export function nowMs(): number {
  return performance.now();
}

export function time<T>(fn: () => T): { ms: number; value: T; start: number } {
  const start = nowMs();
  const value = fn();
  return { ms: nowMs() - start, value, start };
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

/** A timed sample with the garbage-collection pauses that fell inside it. */
export interface AttributedSample {
  ms: number;
  /** Milliseconds of GC pauses that started inside the sample. */
  gcMs: number;
  /** The pauses' kinds, e.g. "mark-compact 61.2 ms", longest first. */
  gc: string[];
}

const GC_KIND: Record<number, string> = { 1: 'scavenge', 2: 'minor mark-sweep', 4: 'mark-compact', 8: 'incremental marking', 16: 'weak callbacks' };

/**
 * Times samples on the performance timeline and records the GC pauses meanwhile, so that a slow sample
 * can be told apart as the collector's (a major GC of a large heap) or the code's.
 */
export class GcAttribution {
  private readonly pauses: { start: number; ms: number; kind: string }[] = [];
  private readonly samples: { start: number; ms: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => this.take(list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  time<T>(fn: () => T): { ms: number; value: T } {
    const sample = time(fn);
    this.samples.push({ start: sample.start, ms: sample.ms });
    return sample;
  }

  /** Stops observing (after the entries still queued are delivered) and returns the `count` slowest samples with their pauses. */
  async slowest(count: number): Promise<{ slowest: AttributedSample[]; gcMs: number; majors: number }> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.take(this.observer.takeRecords());
    this.observer.disconnect();
    const slowest = [...this.samples].sort((a, b) => b.ms - a.ms).slice(0, count).map((s) => {
      const inside = this.pauses.filter((p) => p.start >= s.start && p.start < s.start + s.ms).sort((a, b) => b.ms - a.ms);
      return { ms: s.ms, gcMs: inside.reduce((t, p) => t + p.ms, 0), gc: inside.map((p) => `${p.kind} ${p.ms.toFixed(1)} ms`) };
    });
    const first = this.samples[0]?.start ?? 0;
    const during = this.pauses.filter((p) => p.start >= first);
    return { slowest, gcMs: during.reduce((t, p) => t + p.ms, 0), majors: during.filter((p) => p.kind === 'mark-compact').length };
  }

  private take(entries: readonly PerformanceEntry[]): void {
    for (const e of entries) {
      // Node ≥ 16 puts the kind in `detail`; the cast names the one field read.
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      this.pauses.push({ start: e.startTime, ms: e.duration, kind: GC_KIND[kind] ?? `kind ${kind}` });
    }
  }
}
