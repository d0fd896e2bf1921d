// What runs inside one child process per measurement, so that peak RSS is that of the measured work
// alone. Each task returns a JSON-serialisable result to the parent over IPC.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import { PrecedentIndex } from '../server/src/engine/corpus';
import { fileBackedIndexOptions } from '../server/src/node/corpusLoader';
import { readAll, type ReadJob } from '../server/src/node/precedentReaders';
import { writeIndexCache } from '../server/src/node/indexCache';
import { collectGarbage } from '../server/src/node/collect';
import { createDraftingService } from '../server/src/features/languageService';
import type { CorpusManifest } from './generate';
import { buildQueries, HOVER_CANDIDATES, Query, QueryCategory, QUERY_CATEGORIES } from './queries';
import { AttributedSample, flushToDisk, GcAttribution, nowMs, peakRssMb, summarise, Summary, time } from './stats';

export interface TaskArgs {
  task: 'build' | 'floor' | 'fuse';
  dir: string;
  /** Build task: also run the latency measurements after the build. */
  measure?: boolean;
  /** Fuse task: how many queries at most (the scan is slow at 100k). */
  maxQueries?: number;
  /** Build task: stop adding documents after this long, and measure the partial index. */
  budgetMs?: number;
  /** Build task: fewer repetitions, for the smoke check. */
  quick?: boolean;
}

function manifestOf(dir: string): CorpusManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusManifest;
}

/** Lints timed apart as the JIT's warm-up before the steady-state diagnostics latency. */
export const LINT_WARM_UP = 50;

// ---------------------------------------------------------------------------------------------
// Floor: what the machine can do at best with the bytes — read, decode, fold case and accents, split
// into words. An index build cannot be faster than this.

/** Folded form of each distinct lower-case word: the vocabulary is small, so each is folded once. */
const FOLDED = new Map<string, string>();

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xdf && c <= 0x24f && c !== 0xf7) || c === 0x153;
}

export interface FloorResult {
  bytes: number;
  words: number;
  ms: number;
  mbPerS: number;
}

export function runFloor(dir: string): FloorResult {
  const m = manifestOf(dir);
  const decoder = new TextDecoder();
  let words = 0;
  let bytes = 0;
  let checksum = 0;
  const t0 = nowMs();
  for (const rel of m.files) {
    const buf = fs.readFileSync(path.join(dir, rel));
    bytes += buf.length;
    const text = decoder.decode(buf).toLowerCase();
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (isWordChar(c)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        const word = text.slice(start, i);
        let folded = FOLDED.get(word);
        if (folded === undefined) {
          folded = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
          FOLDED.set(word, folded);
        }
        checksum += folded.length;
        words++;
        start = -1;
      }
    }
  }
  const ms = nowMs() - t0;
  if (checksum < 0) throw new Error('unreachable');
  return { bytes, words, ms, mbPerS: bytes / 1e6 / (ms / 1000) };
}

// ---------------------------------------------------------------------------------------------
// Build + latency through the engine.

export interface LatencyResult {
  summary: Summary;
  /** Share of queries that returned at least one answer (0 when the index answers nothing). */
  answered: number;
  queries: number;
}

export interface BuildResult {
  documents: number;
  indexed: number;
  skipped: number;
  firstSkipReason: string | null;
  bytes: number;
  buildMs: number;
  mbPerS: number;
  /** Documents whose upsert threw (an engine bug, reported rather than fatal), and the first error. */
  crashed: number;
  firstCrash: string | null;
  /** Set when the build ran out of its time budget: how far it got. */
  aborted: { atDocument: number; docsPerS: number } | null;
  /** Threads that read precedents beside the one building the index (see readAll()). */
  readers: number;
  /** Of buildMs, reading and adding the precedents (the rest: prepare(), mining formulations on one thread). */
  readMs: number;
  /** Peak RSS up to the end of the build (the index built and prepared). */
  peakRssMb: number;
  /**
   * Peak RSS over the whole measured run: it adds the saved index encoded while the index is live,
   * a second copy restored from it in the same process, and the latency measurements.
   */
  runPeakRssMb?: number;
  /** Heap still used after the build and a full GC: what the index keeps. */
  retainedHeapMb: number | null;
  latency?: Record<QueryCategory, LatencyResult>;
  hover?: { id: string | null; name: string | null; occurrences: number; firstPage: Summary; deepPage: Summary; pageSize: number; capped: boolean };
  concordance?: { total: number; summary: Summary };
  /** `first`: the LINT_WARM_UP lints right after start (JIT warm-up), apart from the steady-state `analyse`. */
  diagnostics?: { draftChars: number; analyse: Summary; first?: Summary; lint: string; slowest?: AttributedSample[]; gcMs?: number; majors?: number };
  /**
   * Completion through the language service while a clause is typed, one keystroke a version, on new
   * lines through the 20-page draft (the engine rows ask the index alone). The first keystroke of a
   * line analyses the text above it.
   */
  typingInDraft?: { keystrokes: number; answered: number; summary: Summary };
  upsertChanged?: Summary;
  upsertNew?: Summary;
  /** A changed precedent until the index answers with it: upsert + prepare(). */
  changedPrepared?: Summary;
  /** `changesAfterLoad`: upsert + prepare of changed precedents in the restored index (ms). */
  persisted: { status: string; changesAfterLoad?: number[] };
}

/** Runs `fn` on every query `reps` times (after one warm-up pass), timing each call. */
function measureQueries(queries: Query[], fn: (q: Query) => number, reps: number, budgetMs: number): Record<QueryCategory, LatencyResult> {
  const out = {} as Record<QueryCategory, LatencyResult>;
  for (const category of QUERY_CATEGORIES) {
    const qs = queries.filter((q) => q.category === category);
    let answered = 0;
    for (const q of qs) if (fn(q) > 0) answered++;
    const samples: number[] = [];
    const started = nowMs();
    for (let r = 0; r < reps && nowMs() - started < budgetMs; r++) {
      for (const q of qs) {
        const t0 = nowMs();
        fn(q);
        samples.push(nowMs() - t0);
      }
    }
    out[category] = { summary: summarise(samples), answered: qs.length ? answered / qs.length : 0, queries: qs.length };
  }
  return out;
}

function answerQuery(index: PrecedentIndex, q: Query): number {
  switch (q.category) {
    case 'opener-accents':
    case 'opener-no-accents':
    case 'opener-typo':
      return index.findOpeners(q.text, 20).length;
    case 'formulation-mid-sentence':
      return index.continueFormulation(q.text, 20).length;
    case 'reference-mid-sentence':
      return index.findReferences(q.text, 20).length;
  }
}

/**
 * The persisted-index cold start: save the built index (engine/persist.ts), then, in a fresh Node
 * process (no warm JIT, no heap), read and restore it, check every file's size and time (what the
 * loader does to tell unchanged files), and answer a first opener and concordance query (quotes
 * re-read from the files). Compared with the build time, which is the cold start without it.
 */
async function measurePersisted(index: PrecedentIndex, dir: string, buildMs: number): Promise<{ status: string; changesAfterLoad?: number[] }> {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const file = path.join(require('node:os').tmpdir() as string, `precedent-bench-${process.pid}.bin`);
  try {
    // The server's save (an empty file table: the child reads it as the server does, which checks
    // it is there), with the longest stretch it holds the thread: what a request waits at most.
    // (A 5 ms timer's longest gap: perf_hooks' monitorEventLoopDelay missed a 6 s stretch at 100k.)
    let ticked = nowMs();
    let heldMs = 0;
    const tick = setInterval(() => {
      const now = nowMs();
      heldMs = Math.max(heldMs, now - ticked);
      ticked = now;
    }, 5);
    const t0 = nowMs();
    let written: Awaited<ReturnType<typeof writeIndexCache>>;
    try {
      written = await writeIndexCache(file, index, new Map(), 'bench');
    } finally {
      clearInterval(tick);
    }
    const encodeMs = nowMs() - t0;
    heldMs = Math.max(heldMs, nowMs() - ticked);
    if (!written.ok) throw new Error(written.message);
    const bytes = { length: written.bytes };
    // Read at rest, as a server started later would (see flushToDisk()).
    const flushMs = flushToDisk(file);
    const script = `(async () => {
      const fs = require('node:fs'); const path = require('node:path');
      const t0 = performance.now();
      const { fileBackedIndexOptions } = require(${JSON.stringify(path.join(__dirname, '..', 'server', 'src', 'node', 'corpusLoader.js'))});
      const { readIndexCache } = require(${JSON.stringify(path.join(__dirname, '..', 'server', 'src', 'node', 'indexCache.js'))});
      const dir = ${JSON.stringify(dir)};
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'corpus.json'), 'utf8'));
      const t1 = performance.now();
      // As the server reads it: the part it answers with, the rest after the first answers.
      const r = await readIndexCache(${JSON.stringify(file)}, fileBackedIndexOptions((id) => path.join(dir, id)), 'bench', true);
      if (r.status !== 'loaded') { console.log(JSON.stringify({ error: r.message ?? r.status })); process.exit(0); }
      const t2 = performance.now();
      let statted = 0; for (const rel of m.files) statted += fs.statSync(path.join(dir, rel)).size;
      const t3 = performance.now();
      // What the server does before "ready" (key indexes; formulations come restored).
      r.index.prepare();
      const t35 = performance.now();
      const openers = r.index.findOpeners('réaff', 10).length;
      const cited = r.index.findReferences('onudc', 1)[0];
      const quoted = cited ? r.index.referenceOccurrences(cited.entry.id, 0, 20).items.length : 0;
      const t4 = performance.now();
      const failure = r.rest ? await r.rest.complete() : null;
      if (failure) { console.log(JSON.stringify({ error: failure })); process.exit(0); }
      const t45 = performance.now();
      const conc = r.index.concordance('coopération', 20).items.length;
      // Then precedents changed after the load, as the server takes them once idle: its idle
      // preparation first, then each change (upsert and prepare) until it is answered with. The
      // drafter's lints have run the analysis by then: a few lints first, so that the first
      // change is not timed with the analysis code still cold (~100 ms at any size).
      const { createDraftingService } = require(${JSON.stringify(path.join(__dirname, '..', 'server', 'src', 'features', 'languageService.js'))});
      const draft = fs.readFileSync(path.join(dir, m.draft), 'utf8');
      const service = createDraftingService(r.index);
      for (let i = 0; i < 5; i++) service.doValidation({ uri: 'file:///bench/draft.decl', version: i, getText: () => draft + ' '.repeat(i) });
      const idle = r.index.prepareWhileIdle();
      while (!idle.next().done);
      const t5 = performance.now();
      const changes = [];
      for (let i = 0; i < 3; i++) {
        const rel = m.files[Math.floor((m.files.length * (2 * i + 1)) / 6)];
        const text = fs.readFileSync(path.join(dir, rel), 'utf8').replace('coopération', 'coopération étroite');
        const a = performance.now();
        r.index.upsert({ docId: rel, fileName: path.basename(rel), bytes: new TextEncoder().encode(text) });
        r.index.prepare();
        changes.push(performance.now() - a);
      }
      console.log(JSON.stringify({ total: t4 - t0, modules: t1 - t0, decode: t2 - t1, stat: t3 - t2, prepare: t35 - t3, first: t4 - t35, rest: t45 - t4, read: r.bytes, idle: t5 - t45, changes, docs: r.index.documents().length, openers, quoted, conc, statted, rss: process.memoryUsage().rss / 1e6 }));
    })().catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const last = child.stdout.trim().split('\n').pop() ?? '';
    if (!last) return { status: `failed (${child.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300) || `exit ${child.status}`})` };
    const out = JSON.parse(last) as { error?: string; total: number; decode: number; rest: number; idle: number; changes: number[]; stat: number; prepare: number; first: number; docs: number; quoted: number; conc: number; rss: number };
    if (out.error || !out.docs || !out.quoted || !out.conc) return { status: `failed (${out.error ?? (child.stderr.slice(0, 200) || 'no answers')})` };
    const f = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
    return {
      changesAfterLoad: out.changes,
      status: `${f(out.total)} (read and restore the first part ${f(out.decode)}; stat ${f(out.stat)}, prepare ${f(out.prepare)}, first answers ${f(out.first)}; ${out.docs} docs)`
        + ` vs rebuild ${f(buildMs)}; file ${(bytes.length / 1e6).toFixed(1)} MB, save ${f(encodeMs)}, the thread held ${f(heldMs)} at most (+ ${f(flushMs)} to disk); then the rest read and restored in ${f(out.rest)},`
        + ` idle preparation ${f(out.idle)}, changed precedents answered after ${out.changes.map(f).join(', ')}; RSS ${Math.round(out.rss)} MB`,
    };
  } catch (error) {
    return { status: `failed (${(error as Error).message})` };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function maybeGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export async function runBuild(dir: string, measure: boolean, budgetMs = Infinity, quick = false): Promise<BuildResult> {
  const reps = (n: number): number => (quick ? Math.max(1, Math.ceil(n / 10)) : n);
  const m = manifestOf(dir);
  // As the server builds it: texts stay on disk, quotes re-read them.
  const index = new PrecedentIndex(fileBackedIndexOptions((docId) => path.join(dir, docId)));
  let indexed = 0;
  let skipped = 0;
  let firstSkipReason: string | null = null;
  let bytes = 0;
  let aborted: BuildResult['aborted'] = null;
  let crashed = 0;
  let firstCrash: string | null = null;
  const t0 = nowMs();
  // As the server reads them: on the other cores too (readAll), added in file order.
  const jobs: ReadJob[] = m.files.map((rel) => ({ path: path.join(dir, rel), docId: rel, fileName: path.basename(rel), keepText: index.keepText, wantBytes: false }));
  const crash = (docId: string, error: string): void => {
    crashed++;
    firstCrash ??= `${docId}: ${error.split('\n').slice(0, 3).join(' | ')}`;
  };
  const { workers: readers, taken } = await readAll(jobs, (job, read) => {
    if (read.kind === 'unreadable') throw new Error(`${job.path}: ${read.reason}`);
    if (read.kind === 'threw') {
      crash(job.docId, read.error);
      return;
    }
    bytes += read.size;
    let r: ReturnType<PrecedentIndex['addRead']>;
    try {
      r = index.addRead(read.outcome);
    } catch (e) {
      crash(job.docId, String((e as Error).stack ?? e));
      return;
    }
    if (r.ok) indexed++;
    else {
      skipped++;
      firstSkipReason ??= r.reason;
    }
  }, { stop: () => nowMs() - t0 > budgetMs });
  if (taken < jobs.length) aborted = { atDocument: taken, docsPerS: taken / ((nowMs() - t0) / 1000) };
  // What the server does before it says "ready" (key indexes, formulations mined): part of the build.
  const readMs = nowMs() - t0;
  // With the collection the server asks for before mining (the same function).
  if (!aborted) index.prepare({ collect: () => void collectGarbage() });
  const buildMs = nowMs() - t0;
  let retainedHeapMb: number | null = null;
  if ((globalThis as { gc?: unknown }).gc) {
    maybeGc();
    retainedHeapMb = process.memoryUsage().heapUsed / 1e6;
  }
  const result: BuildResult = {
    documents: m.documents, indexed, skipped, firstSkipReason, bytes, buildMs, readMs, readers,
    mbPerS: bytes / 1e6 / (buildMs / 1000), crashed, firstCrash, aborted, peakRssMb: peakRssMb(), retainedHeapMb,
    persisted: await measurePersisted(index, dir, buildMs),
  };
  if (!measure) return result;

  const queries = buildQueries();
  // 20 passes: a category has ~10 queries, and the p99 of 50 samples was their maximum.
  result.latency = measureQueries(queries, (q) => answerQuery(index, q), quick ? 1 : 20, quick ? 1_000 : 30_000);

  // Hover: the most-cited reference among well-known candidates, first page and a deep page.
  let best: { id: string; name: string; count: number } | null = null;
  for (const c of HOVER_CANDIDATES) {
    for (const match of index.findReferences(c, 5)) {
      const e = index.reference(match.entry.id) ?? match.entry;
      if (!best || e.count > best.count) best = { id: e.id, name: e.name, count: e.count };
    }
  }
  const pageSize = 20;
  const first: number[] = [];
  const deep: number[] = [];
  let occurrences = 0;
  let capped = true;
  if (best) {
    const id = best.id;
    for (let i = 0; i < reps(200); i++) {
      const t = time(() => {
        index.reference(id);
        return index.referenceOccurrences(id, 0, pageSize);
      });
      first.push(t.ms);
      occurrences = t.value.total;
      if (t.value.items.length > pageSize) capped = false;
      const offset = Math.max(0, Math.floor(occurrences / 2));
      deep.push(time(() => index.referenceOccurrences(id, offset, pageSize)).ms);
    }
  }
  result.hover = { id: best?.id ?? null, name: best?.name ?? null, occurrences, firstPage: summarise(first), deepPage: summarise(deep), pageSize, capped };

  const conc: number[] = [];
  let concTotal = 0;
  for (const q of ['coopération policière', 'criminalite transnationale organisee', 'ONUDC']) {
    for (let i = 0; i < reps(20); i++) {
      const t = time(() => index.concordance(q, 20));
      conc.push(t.ms);
      concTotal = Math.max(concTotal, t.value.total);
    }
  }
  result.concordance = { total: concTotal, summary: summarise(conc) };

  // Diagnostics after a one-character edit in a 20-page draft: the features' doValidation (analysis
  // and every lint rule, LSP diagnostics out), as the server runs it on each new version.
  const draft = fs.readFileSync(path.join(dir, m.draft), 'utf8');
  const service = createDraftingService(index);
  const analyse: number[] = [];
  let findings = 0;
  service.doValidation({ uri: 'file:///bench/draft.decl', version: 0, getText: () => draft });
  // The first lints after start run code the JIT has not compiled yet (1k: 150-280 ms, then
  // 15-60 ms; at 10k and 100k lints 7-46 of a process are still 1.5-3x the steady ~18 ms): they are
  // reported apart, and the latency is the drafter's steady typing after them, over enough edits
  // for a p99 that is not just the slowest one.
  const firstLints: number[] = [];
  const warmUp = reps(LINT_WARM_UP);
  for (let i = 0; i < warmUp; i++) {
    const at = Math.floor((draft.length * (2 * i + 1)) / (2 * warmUp + 1));
    const edited = draft.slice(0, at) + 'y' + draft.slice(at);
    firstLints.push(time(() => service.doValidation({ uri: 'file:///bench/draft.decl', version: 1000 + i, getText: () => edited })).ms);
  }
  const steady = reps(200);
  // The slowest lints are reported with the collector's pauses inside them: at 100k a mark-compact of
  // the engine's ~1 GB heap can land in a sample, and the p99 should say whether it is that or the lint.
  const attribution = new GcAttribution();
  for (let i = 0; i < steady; i++) {
    const at = Math.floor((draft.length * (i + 1)) / (steady + 2));
    const edited = draft.slice(0, at) + 'x' + draft.slice(at);
    const doc = { uri: 'file:///bench/draft.decl', version: i + 1, getText: () => edited };
    const t = attribution.time(() => service.doValidation(doc));
    analyse.push(t.ms);
    findings = t.value.length;
  }
  const gcInWindow = await attribution.slowest(3);
  result.diagnostics = { draftChars: draft.length, analyse: summarise(analyse), first: summarise(firstLints), lint: `doValidation (${findings} diagnostics)`, ...gcInWindow };

  const clause = 'Réaffirment leur soutien à l’ONUDC et à la Convention des Nations Unies contre la criminalité';
  const typing: number[] = [];
  let answered = 0;
  for (let p = 0; p < reps(10); p++) {
    const at = draft.indexOf('\n\n', Math.floor((draft.length * (p + 1)) / 11)) + 2;
    if (at < 2) continue;
    const line = draft.slice(0, at).split('\n').length - 1;
    for (let k = 1; k <= clause.length; k++) {
      const text = `${draft.slice(0, at)}${clause.slice(0, k)}\n\n${draft.slice(at)}`;
      const doc = { uri: 'file:///bench/typing.decl', version: p * 1000 + k, getText: () => text };
      const t = time(() => service.doComplete(doc, { line, character: k }));
      typing.push(t.ms);
      if (t.value.items.length) answered++;
    }
  }
  result.typingInDraft = { keystrokes: typing.length, answered, summary: summarise(typing) };

  // Adding or changing one precedent in the built index.
  const changed: number[] = [];
  const added: number[] = [];
  for (let i = 0; i < reps(20); i++) {
    const rel = m.files[Math.floor((m.files.length * i) / 20)];
    const text = fs.readFileSync(path.join(dir, rel), 'utf8').replace('coopération', 'coopération renforcée');
    const bytesChanged = new TextEncoder().encode(text);
    const newId = `new/${i}-${path.basename(rel)}`;
    try {
      changed.push(time(() => index.upsert({ docId: rel, fileName: path.basename(rel), bytes: bytesChanged })).ms);
      added.push(time(() => index.upsert({ docId: newId, fileName: path.basename(newId), bytes: bytesChanged })).ms);
    } catch (e) {
      result.crashed++;
      result.firstCrash ??= `${rel} (changed): ${String((e as Error).message)}`;
    }
  }
  result.upsertChanged = summarise(changed);
  result.upsertNew = summarise(added);
  // What the server does after a watcher event: the upsert, then prepare() 50 ms later (key
  // indexes and formulations brought up to date), during which it answers nothing else.
  const prepared: number[] = [];
  // The 40 upserts above are prepared first (untimed): each sample is then one change's work.
  index.prepare();
  for (let i = 0; i < reps(5); i++) {
    const rel = m.files[Math.floor((m.files.length * (2 * i + 1)) / 40)];
    const text = fs.readFileSync(path.join(dir, rel), 'utf8').replace('coopération', 'coopération étroite');
    const bytesChanged = new TextEncoder().encode(text);
    try {
      prepared.push(time(() => {
        index.upsert({ docId: rel, fileName: path.basename(rel), bytes: bytesChanged });
        index.prepare();
      }).ms);
    } catch (e) {
      result.crashed++;
      result.firstCrash ??= `${rel} (changed, prepared): ${String((e as Error).message)}`;
    }
  }
  result.changedPrepared = summarise(prepared);
  result.runPeakRssMb = peakRssMb();
  return result;
}

// ---------------------------------------------------------------------------------------------
// The naive approach: fuse.js over every opener and formulation phrase of the corpus.

export interface FuseResult {
  phrases: number;
  extractMs: number;
  indexMs: number;
  queriesRun: number;
  queriesTotal: number;
  latency: Partial<Record<QueryCategory, Summary>>;
  all: Summary;
  peakRssMb: number;
}

const LABEL = /^\s*(?:[-•–]\s*|P\d+[A-Z]*\d*\s*:\s*|\d+\.\s*|[a-z]\)\s*)/;

/**
 * Phrases a naive implementation would search: the start of each paragraph (the opener and what
 * follows) and of each comma-separated segment (recurring formulations), first eight words.
 */
function extractPhrases(dir: string, m: CorpusManifest): string[] {
  const set = new Set<string>();
  for (const rel of m.files) {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    for (const para of text.split(/\n\s*\n/)) {
      const flat = para.replace(LABEL, '').replace(/\s+/g, ' ').trim();
      if (flat.length < 8) continue;
      for (const segment of flat.split(/[,;] /)) {
        const phrase = segment.split(' ', 8).join(' ');
        if (phrase.length >= 8) set.add(phrase);
      }
    }
  }
  return [...set];
}

export function runFuse(dir: string, maxQueries: number): FuseResult {
  const m = manifestOf(dir);
  const ex = time(() => extractPhrases(dir, m));
  const phrases = ex.value;
  const built = time(() => new Fuse(phrases, { includeScore: true, ignoreLocation: true, threshold: 0.4 }));
  const fuse = built.value;
  const all = buildQueries();
  // Spread the capped queries over every category.
  const step = Math.max(1, Math.ceil(all.length / maxQueries));
  const chosen = all.filter((_, i) => i % step === 0);
  const per: Partial<Record<QueryCategory, number[]>> = {};
  const samples: number[] = [];
  for (const q of chosen) {
    const t = time(() => fuse.search(q.text, { limit: 20 }));
    (per[q.category] ??= []).push(t.ms);
    samples.push(t.ms);
  }
  const latency: Partial<Record<QueryCategory, Summary>> = {};
  for (const [k, v] of Object.entries(per)) latency[k as QueryCategory] = summarise(v);
  return {
    phrases: phrases.length, extractMs: ex.ms, indexMs: built.ms, queriesRun: chosen.length, queriesTotal: all.length,
    latency, all: summarise(samples), peakRssMb: peakRssMb(),
  };
}

export function runTask(args: TaskArgs): unknown | Promise<unknown> {
  switch (args.task) {
    case 'floor': return runFloor(args.dir);
    case 'build': return runBuild(args.dir, args.measure ?? false, args.budgetMs ?? Infinity, args.quick ?? false);
    case 'fuse': return runFuse(args.dir, args.maxQueries ?? 1000);
  }
}
