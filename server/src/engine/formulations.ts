// Recurring formulations of the precedents: "la criminalité transnationale organisée", "services
// chargés de l’application de la loi", "dans toute la mesure du possible et lorsqu’il y a lieu".
//
// Definitions.
//  - Words are compared folded; a word is a run of letters/digits (inner hyphens kept); an elided
//    article or pronoun keeps its apostrophe and is a word of its own ("l’", "qu’", "lorsqu’").
//  - A formulation never crosses a clause (unit) boundary nor strong punctuation (. ; : ! ? ( ) « »);
//    commas do not break it (they are part of how a formulation is written).
//  - Repeated = at least 2 places, the same document included: drafters repeat a formulation
//    within one text ("dans toute la mesure du possible et lorsqu’il y a lieu" three times in one
//    declaration), and that is exactly the evidence completion needs.
//  - Closed: a repeated sequence is kept unless every one of its occurrences is preceded (or every
//    one followed) by the same word — then the longer sequence says the same and more. This keeps
//    both "la criminalité transnationale organisée" (13×) and the longer "la Convention des Nations
//    Unies contre la criminalité transnationale organisée" (3×), which strict maximality would not.
//  - Trimmed: dangling function words are cut at both ends (de, du, des, et, à, que, qui, un …).
//    A leading definite article (le, la, les, l’) is KEPT: the formulation is then a noun phrase
//    as drafters insert it ("la criminalité transnationale organisée"). Leading prepositions that
//    open fixed adverbial phrases (dans, pour, par, sur, en, avec, contre, entre) are kept too
//    ("dans toute la mesure du possible…"); at the end every function word is cut. A formulation
//    needs ≥ 3 words and ≥ 2 content words after trimming.
//
// Algorithm (incremental, bounded memory).
//  - Every document keeps its word-id sequence (Uint32Array, 0 = boundary): 4 bytes per word.
//  - A hashed 3-gram counter (Uint16, saturating) with, per bucket, the last document that entered
//    it. Apriori: a sequence can only repeat if all its 3-grams repeat.
//  - mine(doc): for each start i, grow n = 3 … MAX_WORDS while the newest 3-gram's counter is ≥ 2,
//    and record the n-gram (a 53-bit hash of its word ids) in an exact table: count, documents,
//    occurrences. O(T · MAX_WORDS) for a document of T words.
//  - Adding a document increments its 3-grams. A bucket going 1 → 2 means a 3-gram seen once
//    before, in the document remembered in the bucket, is now repeated: that document is re-mined
//    (its contributions removed and recomputed), so the first occurrence of a new repeat is
//    counted. Cost O(T · MAX_WORDS · (1 + R)) with R the documents re-mined (capped).
//  - Removing a document subtracts its contributions (kept per document) and decrements its 3-grams.
//  - Memory: the exact table only holds n-grams whose 3-grams all repeat. When it exceeds
//    `maxRecords`, singletons (count 1) are pruned: counts of repeats first seen after a prune may
//    then miss their first occurrence (lower bounds) — the price of not holding every n-gram of a
//    1 GB corpus. Hash collisions in the 3-gram counter only let more n-grams into the exact table,
//    they never change a count.
//  - formulations(): O(records) pass (closedness from each record's occurrences' neighbours, then
//    trimming), cached until the next change.

import { fold } from './text/normalize';

export const MAX_WORDS = 12;
const MIN_WORDS = 3;

const WORD_OR_BREAK =
  /([\p{L}\p{N}\p{M}]+(?:[-‐‑][\p{L}\p{N}\p{M}]+)*(?:['’ʼ](?=\p{L}|$))?)|([.;:!?()[\]«»“”"…•])/gu;

/**
 * Words of a stretch of text with their offsets; a break (strong punctuation, end of a unit) is
 * start = -1. Blank lines do not break: inside a clause they are page breaks of a PDF; paragraphs
 * outside clauses are already separate units.
 */
export interface TokenList {
  starts: number[];
  ends: number[];
}

/**
 * Words of `text` inside the given units (half-open spans), in order, with a break between units
 * and at strong punctuation. Deterministic: the index re-tokenises a precedent to find offsets.
 */
export function tokenize(text: string, units?: ReadonlyArray<{ start: number; end: number }>): TokenList {
  const out: TokenList = { starts: [], ends: [] };
  const spans = units ?? [{ start: 0, end: text.length }];
  for (const unit of spans) {
    const slice = text.slice(unit.start, unit.end);
    WORD_OR_BREAK.lastIndex = 0;
    for (let m = WORD_OR_BREAK.exec(slice); m; m = WORD_OR_BREAK.exec(slice)) {
      if (m[1] !== undefined) {
        out.starts.push(unit.start + m.index);
        out.ends.push(unit.start + m.index + m[1].length);
      } else if (out.starts.length && out.starts[out.starts.length - 1] !== -1) {
        out.starts.push(-1); out.ends.push(-1);
      }
    }
    if (out.starts.length && out.starts[out.starts.length - 1] !== -1) {
      out.starts.push(-1); out.ends.push(-1);
    }
  }
  return out;
}

/** Folded form of one word, as words are compared. */
export function foldWord(word: string): string {
  return fold(word).replace(/[’ʼ]/g, "'");
}

const ELIDED = ["l'", "d'", "qu'", "lorsqu'", "puisqu'", "jusqu'", "s'", "n'", "c'", "j'", "m'", "t'", "quoiqu'"];
/** Function words cut at the start of a formulation. */
const LEADING_CUT = new Set([
  'de', 'du', 'des', 'et', 'ou', 'a', 'à', 'au', 'aux', 'que', 'qui', 'dont', 'ou', 'où', 'se', 'ne', 'y', 'un', 'une',
  'ni', 'mais', 'car', 'ainsi', 'il', 'ils', 'elle', 'elles', 'on', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses',
  'leur', 'leurs', 'notre', 'nos', 'votre', 'vos', 'lorsque', 'puisque', 'afin', 'comme', 'si',
  ...ELIDED.filter((w) => w !== "l'"),
]);
/** Function words cut at the end of a formulation (everything that cannot end a phrase). */
const TRAILING_CUT = new Set([
  ...LEADING_CUT, ...ELIDED, 'le', 'la', 'les', 'dans', 'pour', 'par', 'sur', 'en', 'avec', 'contre', 'entre', 'vers',
  'sans', 'sous', 'chez', 'selon', 'nous', 'vous', 'tout', 'toute', 'tous', 'toutes', 'plus', 'très', 'notamment',
]);
/** Words that do not count as content (for the ≥ 2 content words rule and query filtering). */
export function isFunctionWord(folded: string): boolean {
  return TRAILING_CUT.has(folded) || TRAILING_CUT.has(stripAccents(folded));
}
function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}
function cutAtStart(folded: string): boolean {
  return LEADING_CUT.has(folded) || LEADING_CUT.has(stripAccents(folded));
}
function cutAtEnd(folded: string): boolean {
  return TRAILING_CUT.has(folded) || TRAILING_CUT.has(stripAccents(folded));
}

/** One place of a formulation: word position `pos` in document `doc` (the index's document number). */
export interface WordPlace {
  doc: number;
  pos: number;
}

export interface MinedFormulation {
  /** Folded words. */
  words: string[];
  count: number;
  docCount: number;
  places: WordPlace[];
}

export interface FormulationMinerOptions {
  /** log2 of the initial 3-gram counter size (default 16; it grows up to 2^24 with the corpus). */
  counterBits?: number;
  /** Exact-table size that triggers pruning of singletons (default 500k). */
  maxRecords?: number;
  /** Old documents re-mined at most per added document (default 200). */
  maxRemine?: number;
}

export class FormulationMiner {
  // Vocabulary: folded word ↔ id (0 is the boundary).
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [''];
  private readonly functionWord: boolean[] = [false];

  // Documents by number (the index's document numbers; sparse when documents are removed).
  private readonly docWords: Array<Uint32Array | undefined> = [];
  private readonly docRecords: Array<Int32Array | undefined> = [];

  private counterMask: number;
  private triCount: Uint16Array;
  private triLastDoc: Int32Array;
  /** Full 32-bit hash of the 3-gram that last entered the bucket: tells a repeat from a collision. */
  private triFinger: Uint32Array;
  private readonly maxCounterBits: number;
  /** 3-grams currently counted (with repetitions), to size the counter. */
  private trigrams = 0;

  // Exact table: record id → parallel arrays; hash → record id.
  private readonly recordOf = new Map<number, number>();
  private recHash: number[] = [];
  private recLen: number[] = [];
  private recCount: number[] = [];
  /**
   * Occurrences as flattened (doc, pos, generation) triples. Removing a document does not filter
   * them (a common formulation has places in most documents: filtering on every removal or re-mine
   * was quadratic); a place is live while its document's generation is unchanged, and stale ones
   * are compacted away when a record is read.
   */
  private recPlaces: number[][] = [];
  private readonly docGeneration: number[] = [];
  private readonly freeRecords: number[] = [];
  private liveRecords = 0;
  private readonly maxRecords: number;
  private readonly maxRemine: number;

  private cache: MinedFormulation[] | null = null;
  /** Bumped on every change, so callers can cache what they derive from formulations(). */
  version = 0;

  constructor(options: FormulationMinerOptions = {}) {
    // The counter starts small and doubles with the corpus (a rehash from the kept word ids), so a
    // handful of precedents costs kilobytes and 1 GB of text gets 2^24 buckets (160 MB).
    const bits = options.counterBits ?? 16;
    this.maxCounterBits = Math.max(bits, 24);
    this.counterMask = (1 << bits) - 1;
    this.triCount = new Uint16Array(1 << bits);
    this.triLastDoc = new Int32Array(1 << bits).fill(-1);
    this.triFinger = new Uint32Array(1 << bits);
    this.maxRecords = options.maxRecords ?? 500_000;
    this.maxRemine = options.maxRemine ?? 64;
  }

  /** Word id of a folded word, 0 when the corpus never used it. */
  wordId(folded: string): number {
    return this.wordIds.get(folded) ?? 0;
  }
  /** Folded word of an id. */
  word(id: number): string {
    return this.words[id] ?? '';
  }
  /** Word ids of a document (0 = boundary), parallel to tokenize() of its text and units. */
  documentWords(doc: number): Uint32Array | undefined {
    return this.docWords[doc];
  }

  /** Intern the words of a text tokenised by tokenize(). */
  internWords(text: string, tokens: TokenList): Uint32Array {
    const ids = new Uint32Array(tokens.starts.length);
    for (let i = 0; i < ids.length; i++) {
      const s = tokens.starts[i];
      if (s < 0) continue;
      const w = foldWord(text.slice(s, tokens.ends[i]));
      let id = this.wordIds.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.wordIds.set(w, id);
        this.words.push(w);
        this.functionWord.push(isFunctionWord(w));
      }
      ids[i] = id;
    }
    return ids;
  }

  add(doc: number, ids: Uint32Array): void {
    if (this.docWords[doc]) this.remove(doc);
    this.growCounter(ids.length);
    this.docWords[doc] = ids;
    const remine = new Set<number>();
    for (let i = 0; i + 2 < ids.length; i++) {
      if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
      const h = this.hash3(ids, i);
      const b = h & this.counterMask;
      const before = this.triCount[b];
      if (before < 0xffff) this.triCount[b] = before + 1;
      this.trigrams++;
      const last = this.triLastDoc[b];
      // Only a true repeat of the one 3-gram seen before (same fingerprint) sends us back to it.
      if (before === 1 && last !== doc && last >= 0 && this.triFinger[b] === h && this.docWords[last] && remine.size < this.maxRemine) remine.add(last);
      this.triLastDoc[b] = doc;
      this.triFinger[b] = h;
    }
    for (const old of remine) {
      this.unmine(old);
      this.mine(old);
    }
    this.mine(doc);
    if (this.liveRecords > this.maxRecords) this.pruneSingletons();
    this.changed();
  }

  remove(doc: number): boolean {
    const ids = this.docWords[doc];
    if (!ids) return false;
    this.unmine(doc);
    for (let i = 0; i + 2 < ids.length; i++) {
      if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
      const b = this.bucket(ids, i);
      const c = this.triCount[b];
      if (c > 0 && c < 0xffff) this.triCount[b] = c - 1;
      this.trigrams--;
    }
    this.docWords[doc] = undefined;
    this.changed();
    return true;
  }

  /** Closed, trimmed, repeated formulations (cached until the next change). */
  formulations(): MinedFormulation[] {
    if (this.cache) return this.cache;
    const byRecord = new Map<number, MinedFormulation>();
    for (let r = 0; r < this.recCount.length; r++) {
      if (this.recCount[r] < 2) continue;
      const places = this.livePlaces(r);
      const n = this.recLen[r];
      if (!this.isClosed(places, n)) continue;
      const ids = this.docWords[places[0]]!.subarray(places[1], places[1] + n);
      let s = 0;
      let e = n;
      while (s < e && cutAtStart(this.words[ids[s]])) s++;
      while (e > s && cutAtEnd(this.words[ids[e - 1]])) e--;
      if (e - s < MIN_WORDS) continue;
      let content = 0;
      for (let k = s; k < e; k++) if (!this.functionWord[ids[k]]) content++;
      if (content < 2) continue;
      const target = s === 0 && e === n ? r : this.recordOf.get(hashWords(ids, s, e));
      if (target === undefined || byRecord.has(target) || this.recCount[target] < 2) continue;
      byRecord.set(target, this.toFormulation(target));
    }
    this.cache = [...byRecord.values()].sort((a, b) => b.count - a.count || b.words.length - a.words.length);
    return this.cache;
  }

  /** The record for an exact folded word sequence (3 … MAX_WORDS words), if mined. */
  lookup(words: string[]): MinedFormulation | null {
    const ids = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      ids[i] = this.wordIds.get(words[i]) ?? 0;
      if (!ids[i]) return null;
    }
    const r = this.recordOf.get(hashWords(ids, 0, ids.length));
    return r === undefined || this.recCount[r] === 0 ? null : this.toFormulation(r);
  }

  /** Number of live exact-table records (for diagnostics and the perf note). */
  get recordCount(): number {
    return this.liveRecords;
  }

  private toFormulation(r: number): MinedFormulation {
    const places = this.livePlaces(r);
    const n = this.recLen[r];
    const ids = this.docWords[places[0]]!.subarray(places[1], places[1] + n);
    const docs = new Set<number>();
    const out: WordPlace[] = [];
    for (let k = 0; k < places.length; k += 3) {
      docs.add(places[k]);
      out.push({ doc: places[k], pos: places[k + 1] });
    }
    return { words: Array.from(ids, (id) => this.words[id]), count: this.recCount[r], docCount: docs.size, places: out };
  }

  /** False when every occurrence has the same word just before, or the same word just after. */
  private isClosed(places: number[], n: number): boolean {
    let left = -1;
    let right = -1;
    let leftSame = true;
    let rightSame = true;
    for (let k = 0; k < places.length && (leftSame || rightSame); k += 3) {
      const ids = this.docWords[places[k]]!;
      const pos = places[k + 1];
      const l = pos > 0 ? ids[pos - 1] : 0;
      const rt = pos + n < ids.length ? ids[pos + n] : 0;
      if (l === 0 || (left !== -1 && l !== left)) leftSame = false;
      if (rt === 0 || (right !== -1 && rt !== right)) rightSame = false;
      left = l;
      right = rt;
    }
    // A record of MAX_WORDS words cannot be extended in the table; keep it.
    if (n >= MAX_WORDS) return !leftSame;
    return !leftSame && !rightSame;
  }

  private bucket(ids: Uint32Array, i: number): number {
    return this.hash3(ids, i) & this.counterMask;
  }

  private hash3(ids: Uint32Array, i: number): number {
    let h = Math.imul(ids[i] ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ ids[i + 1], 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16) ^ ids[i + 2], 0x27d4eb2f);
    return (h ^ (h >>> 15)) >>> 0;
  }

  /** Doubles the 3-gram counter while it holds more than one entry per 2 buckets, recounting every document. */
  private growCounter(adding: number): void {
    let bits = Math.log2(this.triCount.length);
    if (this.trigrams + adding <= this.triCount.length / 2 || bits >= this.maxCounterBits) return;
    while ((this.trigrams + adding) > (1 << bits) / 2 && bits < this.maxCounterBits) bits++;
    this.counterMask = (1 << bits) - 1;
    this.triCount = new Uint16Array(1 << bits);
    this.triLastDoc = new Int32Array(1 << bits).fill(-1);
    this.triFinger = new Uint32Array(1 << bits);
    for (let d = 0; d < this.docWords.length; d++) {
      const ids = this.docWords[d];
      if (!ids) continue;
      for (let i = 0; i + 2 < ids.length; i++) {
        if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
        const h = this.hash3(ids, i);
        const b = h & this.counterMask;
        if (this.triCount[b] < 0xffff) this.triCount[b]++;
        this.triLastDoc[b] = d;
        this.triFinger[b] = h;
      }
    }
  }

  private mine(doc: number): void {
    const ids = this.docWords[doc]!;
    const generation = (this.docGeneration[doc] = (this.docGeneration[doc] ?? 0) + 1);
    const contributed: number[] = [];
    for (let i = 0; i + MIN_WORDS <= ids.length; i++) {
      if (!ids[i]) continue;
      let a = 0x811c9dc5;
      let b = 0x01000193;
      for (let n = 1; n <= MAX_WORDS && i + n <= ids.length; n++) {
        const id = ids[i + n - 1];
        if (!id) break;
        a = Math.imul(a ^ id, 0x01000193);
        b = Math.imul(b + id, 0x5bd1e995) ^ (b >>> 15);
        if (n < MIN_WORDS) continue;
        if (this.triCount[this.bucket(ids, i + n - MIN_WORDS)] < 2) break;
        const hash = (a >>> 0) * 2097152 + ((b >>> 0) >>> 11);
        let r = this.recordOf.get(hash);
        if (r === undefined) r = this.newRecord(hash, n);
        this.recCount[r]++;
        this.recPlaces[r].push(doc, i, generation);
        contributed.push(r);
      }
    }
    this.docRecords[doc] = Int32Array.from(contributed);
  }

  private unmine(doc: number): void {
    const records = this.docRecords[doc];
    if (!records) return;
    for (const r of records) {
      if (--this.recCount[r] === 0) this.freeRecord(r);
    }
    // The document's places become stale: the next mine() or removal changes its generation.
    this.docGeneration[doc] = (this.docGeneration[doc] ?? 0) + 1;
    this.docRecords[doc] = undefined;
  }

  /** A record's live places (compacting stale ones away first). */
  private livePlaces(r: number): number[] {
    const places = this.recPlaces[r];
    if (places.length === this.recCount[r] * 3) return places;
    const kept: number[] = [];
    for (let k = 0; k < places.length; k += 3) {
      if (this.docWords[places[k]] && this.docGeneration[places[k]] === places[k + 2]) kept.push(places[k], places[k + 1], places[k + 2]);
    }
    this.recPlaces[r] = kept;
    return kept;
  }

  private newRecord(hash: number, n: number): number {
    const r = this.freeRecords.pop() ?? this.recCount.length;
    this.recHash[r] = hash;
    this.recLen[r] = n;
    this.recCount[r] = 0;
    this.recPlaces[r] = [];
    this.recordOf.set(hash, r);
    this.liveRecords++;
    return r;
  }

  private freeRecord(r: number): void {
    this.recordOf.delete(this.recHash[r]);
    this.recCount[r] = 0;
    this.recPlaces[r] = [];
    this.freeRecords.push(r);
    this.liveRecords--;
  }

  private pruneSingletons(): void {
    const pruned = new Set<number>();
    for (let r = 0; r < this.recCount.length; r++) if (this.recCount[r] === 1) pruned.add(r);
    if (!pruned.size) return;
    for (let d = 0; d < this.docRecords.length; d++) {
      const recs = this.docRecords[d];
      if (recs && recs.some((r) => pruned.has(r))) this.docRecords[d] = recs.filter((r) => !pruned.has(r));
    }
    for (const r of pruned) this.freeRecord(r);
  }

  private changed(): void {
    this.cache = null;
    this.version++;
  }
}

/** The same 53-bit hash mine() computes incrementally, for ids[s..e). */
function hashWords(ids: ArrayLike<number>, s: number, e: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let k = s; k < e; k++) {
    const id = ids[k];
    a = Math.imul(a ^ id, 0x01000193);
    b = Math.imul(b + id, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2097152 + ((b >>> 0) >>> 11);
}
