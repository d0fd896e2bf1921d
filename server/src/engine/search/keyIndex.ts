// A sorted index of folded keys with prefix and typo-tolerant lookup, for completion as the drafter
// types ("reaffirm" → "Réaffirment", "reconaissent" → "Reconnaissent", "Europole" → "Europol").
//
// Layout: the sorted folded keys joined in one string (JoinedKeys) and parallel typed arrays (entry
// index, weight, flags), so 1M keys cost no object each.
//
// Lookup:
//  - prefix matches: two binary searches give the range of keys starting with the folded query;
//  - typos (one edit within the typed prefix): instead of comparing the query with every key, we
//    generate the prefixes a one-edit variant of the query would have and look each up as a range:
//      deletion      (the query has one extra char)   q minus q[i]            — |q| ranges
//      transposition (two neighbours swapped)         q with q[i], q[i+1] swapped — |q|-1 ranges
//      substitution / insertion (the query has a wrong or missing char at i ≥ 1): for each distinct
//                    character c that follows q[0..i) in the index (found by hopping through the
//                    sorted range, one binary search per c), the ranges of q[0..i)+c+q[i+1..] and
//                    q[0..i)+c+q[i..].
//    The first character is trusted for substitutions and insertions: it bounds the enumeration to
//    the range of q[0] and typos there are rare. Cost is O(|q| · σ · log N) string comparisons
//    (σ ≈ 40 folded characters), independent of how many keys there are in a range; typo ranges
//    are read with a cap. A prefix range larger than RANGE_SCAN_CAP (a one- or two-letter query over
//    1M keys) is answered from a memo of its best keys, filled by one scan the first time.
//  - ranking: exact > prefix > prefix of a later word of a multi-word key > typo, then weight
//    (corpus frequency), then shorter key. fuse.js is not used: the edit class already is the
//    relevance, and re-ranking by fuse's bitap score was not better on French forms.
import type { Match } from '../types';
import { fold } from '../text/normalize';
import { JoinedKeys } from './joinedKeys';

export interface KeyIndexOptions<T> {
  /**
   * Also index the later words of multi-word keys, so "palerme" finds "Convention de Palerme".
   * A predicate chooses which words may start a match (e.g. not "de", "la").
   */
  wordStarts?: boolean | ((foldedWord: string) => boolean);
  /** Weight read at lookup time (live corpus counts); overrides the static weight. */
  weightOf?: (entry: T) => number;
  /** The keys are folded already (foldKey(key) === key): skip folding them again. */
  keysFolded?: boolean;
  /**
   * An index built from mostly the same entries (same objects, same keys and weights): its rows
   * for entries still in the input are taken already sorted, only the new entries' rows are
   * sorted, then both are merged. Rebuilding a million formulation keys after a one-file change
   * re-sorted them all (~60 % of the rebuild).
   */
  previous?: KeyIndex<T> | null;
  /**
   * The rows as a saved index had them (rows()), in key order: taken as they are (the input is
   * ignored), without a row object each (a million formulations at a load).
   */
  rows?: KeyIndexRows<T>;
  /**
   * Each entry comes with one key (formulations): entries are numbered by row instead of through
   * a Map of the entry objects (a million of them cost a second to hash at a load).
   */
  oneKeyPerEntry?: boolean;
}

/** Entries by number: an array, or a list that makes each entry when first read. */
export interface EntryList<T> {
  readonly length: number;
  at(i: number): T | undefined;
}

/** The rows of an index in key order, as rows() gives them and the `rows` option takes them. */
export interface KeyIndexRows<T> {
  /** Folded keys, sorted. */
  keys: JoinedKeys;
  /** Each key as given; null when every key was given folded (formulations): the key itself. */
  keyText: string[] | null;
  /**
   * Read only: an index keeps the list it is given (a miner's restored formulations, each made
   * when first read: a plain array is such a list too).
   */
  entries: EntryList<T>;
  /** Per row, its entry (index in `entries`). */
  entryOf: Int32Array;
  weights: Float64Array;
  /** Per row, 1 when the key is a later word of the given key. */
  inner: Uint8Array;
}

export interface KeyIndexEntry<T> {
  key: string;
  /** foldKey(key), when the caller has it already (it is not computed again). */
  folded?: string;
  entry: T;
  weight?: number;
}

const EXACT = 4;
const PREFIX = 3;
const INNER = 2;
const TYPO = 1;
/** Prefix ranges larger than this are answered from a memo of their best keys (static weights). */
const RANGE_SCAN_CAP = 2000;
/** How many of a large range's best keys the memo keeps. */
const MEMO_SIZE = 64;
/** Typo ranges: at most this many keys read from one, and over all of one lookup. */
const TYPO_RANGE_CAP = 300;
const TYPO_SCAN_BUDGET = 3000;

/**
 * Collects the best K candidates by score without sorting everything. Typed arrays shifted in
 * place: with `splice` every insertion allocated (the array of removed items), and a formulation
 * continuation's dozen lookups made a young-generation collection every ~100 completions.
 */
class TopCandidates {
  readonly scores: Float64Array;
  readonly keyIdx: Int32Array;
  readonly typo: Uint8Array;
  length = 0;
  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.keyIdx = new Int32Array(capacity);
    this.typo = new Uint8Array(capacity);
  }
  get threshold(): number {
    return this.length < this.capacity ? -Infinity : this.scores[this.length - 1];
  }
  add(score: number, keyIdx: number, typo: boolean): void {
    if (score <= this.threshold) return;
    // Insertion into a short sorted array (capacity ~ 4 × limit); when full, the last one goes.
    let i = this.length < this.capacity ? this.length++ : this.capacity - 1;
    while (i > 0 && this.scores[i - 1] < score) {
      this.scores[i] = this.scores[i - 1];
      this.keyIdx[i] = this.keyIdx[i - 1];
      this.typo[i] = this.typo[i - 1];
      i--;
    }
    this.scores[i] = score;
    this.keyIdx[i] = keyIdx;
    this.typo[i] = typo ? 1 : 0;
  }
}

/** log1p of each (non-negative) weight, computed once when weights are static. */
function logWeightsOf(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = Math.log1p(Math.max(0, weights[i]));
  return out;
}

export class KeyIndex<T> {
  /** Folded keys, sorted by UTF-16 code units (what `<` compares). */
  private readonly keys: JoinedKeys;
  /** Keys as given, parallel to `keys` (what `matchedKey` reports); null: the folded key itself. */
  private readonly keyText: string[] | null;
  private readonly entryOf: Int32Array;
  private readonly weights: Float64Array;
  /** 1 when the folded key is a later word of the given key. */
  private readonly inner: Uint8Array;
  private readonly entries: EntryList<T>;
  /** `entries` when it is an array (read by index: the weighted lookups read one per scanned key). */
  private readonly entryArray: readonly T[] | null;
  private readonly weightOf?: (entry: T) => number;
  /** log1p(weight), precomputed when weights are static. */
  private readonly logWeights: Float64Array;
  /** Best keys of large prefix ranges, by prefix (first come, bounded): typing repeats prefixes. */
  private readonly memo = new Map<string, Int32Array>();

  constructor(input: Iterable<KeyIndexEntry<T>>, options: KeyIndexOptions<T> = {}) {
    this.weightOf = options.weightOf;
    if (options.rows) {
      const { keys, keyText, entries, entryOf, weights, inner } = options.rows;
      const n = keys.length;
      if ((keyText !== null && keyText.length !== n) || entryOf.length !== n || weights.length !== n || inner.length !== n) throw new Error('rows: keys, texts, entries, weights and flags differ in length');
      for (let i = 0; i < n; i++) if (!(entryOf[i] >= 0 && entryOf[i] < entries.length)) throw new Error(`rows: row ${i} names no entry`);
      // Keys in order, checked on every 64th pair and the ends: every pair of a million formulation
      // keys was 37 ms of a load, for a file that its checksum already vouches for.
      for (let i = 1; i < n; i += 64) if (keys.compareKeys(i - 1, i) > 0) throw new Error(`rows: key ${i} out of order`);
      if (n > 1 && keys.compareKeys(0, n - 1) > 0) throw new Error('rows: keys out of order');
      this.keys = keys;
      this.keyText = keyText;
      this.entries = entries;
      this.entryArray = Array.isArray(entries) ? (entries as readonly T[]) : null;
      this.entryOf = entryOf;
      this.weights = weights;
      this.inner = inner;
      this.logWeights = logWeightsOf(weights);
      return;
    }
    const entries: T[] = [];
    this.entries = entries;
    this.entryArray = entries;
    const entryIndex = new Map<T, number>();
    const folded: string[] = [];
    const text: string[] = [];
    const entryOf: number[] = [];
    const weights: number[] = [];
    const inner: number[] = [];
    const wordStarts = options.wordStarts;
    const acceptWord = typeof wordStarts === 'function' ? wordStarts : () => wordStarts === true;
    const previous = options.previous ?? null;
    // The previous index's rows are matched to the new entries through the Map: kept then.
    const byRow = options.oneKeyPerEntry === true && !previous;
    const known = previous ? new Set(previous.allEntries()) : null;
    let allFolded = true;
    for (const item of input) {
      const entry = item.entry;
      let e = byRow ? undefined : entryIndex.get(entry);
      if (e === undefined) {
        e = entries.length;
        if (!byRow) entryIndex.set(entry, e);
        entries.push(entry);
      }
      // Rows of an entry the previous index had are taken from it below, already sorted (its key
      // is not even read: a restored formulation makes its words on first read).
      if (known?.has(entry)) continue;
      const { key, folded: given, weight } = item;
      const f = given ?? (options.keysFolded ? key : foldKey(key));
      // No drafter's key holds a U+0000 (a decoded text has none): it would split a joined key.
      if (!f || f.includes('\u0000')) continue;
      if (key !== f) allFolded = false;
      folded.push(f); text.push(key); entryOf.push(e); weights.push(weight ?? 0); inner.push(0);
      if (wordStarts) {
        for (let at = f.indexOf(' '); at >= 0; at = f.indexOf(' ', at + 1)) {
          const rest = f.slice(at + 1);
          const word = rest.split(' ', 1)[0];
          if (!word || !acceptWord(word)) continue;
          folded.push(rest); text.push(key); entryOf.push(e); weights.push(weight ?? 0); inner.push(1);
          allFolded = false;
        }
      }
    }
    // Plain loops, not Array.from/Float64Array.from with a callback: a million keys at a load.
    const order = new Array<number>(folded.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => (folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : inner[a] - inner[b]));
    // The previous index's rows of entries still present, in its (sorted) order.
    const kept: number[] = [];
    if (previous) {
      for (let i = 0; i < previous.keys.length; i++) {
        if (!entryIndex.has(previous.entry(previous.entryOf[i]))) continue;
        kept.push(i);
        if (previous.keyText !== null) allFolded = false;
      }
    }
    const n = order.length + kept.length;
    const keys = new Array<string>(n);
    const keyText = allFolded ? null : new Array<string>(n);
    this.entryOf = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.inner = new Uint8Array(n);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      // Merge: a new row goes first when its (key, inner) sorts before the kept row's.
      const p = b < kept.length ? kept[b] : -1;
      const o = a < order.length ? order[a] : -1;
      const cmp = o >= 0 && p >= 0 ? previous!.keys.compare(p, folded[o]) : 0;
      const takeNew = o >= 0 && (p < 0 || cmp > 0 || (cmp === 0 && inner[o] <= previous!.inner[p]));
      if (takeNew) {
        keys[i] = folded[o];
        if (keyText) keyText[i] = text[o];
        this.entryOf[i] = entryOf[o];
        this.weights[i] = weights[o];
        this.inner[i] = inner[o];
        a++;
      } else {
        keys[i] = previous!.keys.at(p);
        if (keyText) keyText[i] = previous!.keyText?.[p] ?? keys[i];
        this.entryOf[i] = entryIndex.get(previous!.entry(previous!.entryOf[p]))!;
        this.weights[i] = previous!.weights[p];
        this.inner[i] = previous!.inner[p];
        b++;
      }
    }
    this.keys = JoinedKeys.of(keys);
    this.keyText = keyText;
    this.logWeights = logWeightsOf(this.weights);
  }

  /** Entry e (made now if its list makes entries on first read). */
  private entry(e: number): T {
    return this.entryArray ? this.entryArray[e] : (this.entries.at(e) as T);
  }

  private *allEntries(): Generator<T> {
    for (let e = 0; e < this.entries.length; e++) yield this.entry(e);
  }

  /** The rows as they are (not copies: the caller only reads them), for a saved index. */
  rows(): KeyIndexRows<T> {
    return { keys: this.keys, keyText: this.keyText, entries: this.entries, entryOf: this.entryOf, weights: this.weights, inner: this.inner };
  }

  /** Number of keys (later-word keys included). */
  get size(): number {
    return this.keys.length;
  }

  lookup(query: string, options: { limit: number; fuzzy?: boolean }): Match<T>[] {
    const limit = Math.max(0, options.limit);
    const q = foldKey(query);
    if (!q || limit === 0) return [];
    const top = new TopCandidates(Math.max(limit * 4, 16));
    const [lo, hi] = this.prefixRange(q, 0, this.keys.length);
    if (hi - lo > RANGE_SCAN_CAP && !this.weightOf && limit <= MEMO_SIZE) {
      for (const i of this.bestOfRange(q, lo, hi)) top.add(this.score(this.classOf(i, q), i), i, false);
    } else {
      // Live weights cannot be memoised: a large range is read up to a cap (such indexes are small).
      this.scanRange(lo, hi, q, top, false, this.weightOf ? RANGE_SCAN_CAP * 10 : RANGE_SCAN_CAP);
    }
    if (options.fuzzy && q.length >= 3) this.collectTypos(q, top);
    return this.finish(top, limit);
  }

  private score(cls: number, i: number): number {
    const lw = this.weightOf ? Math.log1p(Math.max(0, this.weightOf(this.entry(this.entryOf[i])))) : this.logWeights[i];
    return cls * 1000 + lw + 0.01 / (1 + this.keys.lengthAt(i));
  }

  private classOf(i: number, q: string): number {
    if (this.keys.lengthAt(i) === q.length) return this.inner[i] ? INNER + 0.5 : EXACT;
    return this.inner[i] ? INNER : PREFIX;
  }

  /** The MEMO_SIZE best keys of a large range (one full scan, then remembered). */
  private bestOfRange(q: string, lo: number, hi: number): Int32Array {
    let best = this.memo.get(q);
    if (best) return best;
    const top = new TopCandidates(MEMO_SIZE);
    for (let i = lo; i < hi; i++) top.add(this.score(this.classOf(i, q), i), i, false);
    best = top.keyIdx.slice(0, top.length);
    if (this.memo.size < 5000) this.memo.set(q, best);
    return best;
  }

  /** Scans keys [lo, hi) that start with the searched prefix; returns how many were read. */
  private scanRange(lo: number, hi: number, q: string, top: TopCandidates, typo: boolean, cap: number): number {
    const end = Math.min(hi, lo + cap);
    for (let i = lo; i < end; i++) {
      let cls: number;
      if (typo) {
        // Keys that match the query as typed are scored by the exact/prefix pass.
        if (this.keys.startsWith(i, q)) continue;
        cls = TYPO;
      } else {
        cls = this.classOf(i, q);
      }
      top.add(this.score(cls, i), i, typo);
    }
    return end - lo;
  }

  private collectTypos(q: string, top: TopCandidates): void {
    let budget = TYPO_SCAN_BUDGET;
    const seen = new Set<string>();
    const tryPrefix = (p: string, from: number, to: number): void => {
      if (budget <= 0 || p.length < 2 || seen.has(p) || p === q) return;
      seen.add(p);
      const lo = this.lowerBound(p, from, to);
      if (lo >= to || !this.keys.startsWith(lo, p)) return;
      const hi = this.lowerBound(p + '\uffff', lo, to);
      budget -= this.scanRange(lo, hi, q, top, true, Math.min(TYPO_RANGE_CAP, budget));
    };
    const n = q.length;
    // Deletion: the drafter typed one character too many.
    for (let i = 0; i < n; i++) tryPrefix(q.slice(0, i) + q.slice(i + 1), 0, this.keys.length);
    // Transposition of neighbours.
    for (let i = 0; i + 1 < n; i++) {
      if (q[i] === q[i + 1]) continue;
      tryPrefix(q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2), 0, this.keys.length);
    }
    // Substitution at i and insertion before i (a missing character), for i ≥ 1.
    for (let i = 1; i < n; i++) {
      const p = q.slice(0, i);
      const [lo, hi] = this.prefixRange(p, 0, this.keys.length);
      let j = lo;
      while (j < hi && budget > 0) {
        if (this.keys.lengthAt(j) <= i) { j++; continue; }
        const c = this.keys.charCodeAt(j, i);
        const end = c === 0xffff ? hi : this.lowerBound(p + String.fromCharCode(c + 1), j, hi);
        const pc = p + String.fromCharCode(c);
        if (c !== q.charCodeAt(i)) tryPrefix(pc + q.slice(i + 1), j, end);
        tryPrefix(pc + q.slice(i), j, end);
        j = end;
      }
    }
  }

  private finish(top: TopCandidates, limit: number): Match<T>[] {
    const out: Match<T>[] = [];
    const taken = new Set<number>();
    for (let k = 0; k < top.length && out.length < limit; k++) {
      const i = top.keyIdx[k];
      const e = this.entryOf[i];
      if (taken.has(e)) continue;
      taken.add(e);
      out.push({ entry: this.entry(e), score: top.scores[k], matchedKey: this.keyText ? this.keyText[i] : this.keys.at(i), fuzzy: top.typo[k] === 1 });
    }
    return out;
  }

  private lowerBound(s: string, from: number, to: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys.compare(mid, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private prefixRange(p: string, from: number, to: number): [number, number] {
    const lo = this.lowerBound(p, from, to);
    if (lo >= to || !this.keys.startsWith(lo, p)) return [lo, lo];
    return [lo, this.lowerBound(p + '\uffff', lo, to)];
  }
}

/** The folded form keys and queries are compared in: folded, single spaces, trimmed. */
export function foldKey(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), stopping
 * early above `max`. Used by callers that rank a small candidate set (reference suggestions).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Only cells within `max` of the diagonal can stay within `max` (the others start above it):
  // the misspelled-reference lint compares 75-character names by the thousand at 100k precedents,
  // and a full table of each, in three fresh arrays, was 60 ms of a lint.
  const band = Math.min(max, a.length + n);
  const over = band + 1;
  if (scratch.length < (n + 1) * 3) scratch = new Int32Array((n + 1) * 3 * 2);
  let prev2 = 0;
  let prev = n + 1;
  let cur = (n + 1) * 2;
  const rows = scratch;
  for (let j = 0; j <= n; j++) rows[prev + j] = j <= band ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    rows[cur + lo - 1] = lo === 1 ? i : over;
    const ca = a.charCodeAt(i - 1);
    const pa = i > 1 ? a.charCodeAt(i - 2) : -1;
    let rowMin = lo === 1 ? i : over;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = rows[prev + j - 1] + (ca === cb ? 0 : 1);
      const up = rows[prev + j] + 1;
      if (up < v) v = up;
      const left = rows[cur + j - 1] + 1;
      if (left < v) v = left;
      if (j > 1 && ca === b.charCodeAt(j - 2) && pa === cb) {
        const swap = rows[prev2 + j - 2] + 1;
        if (swap < v) v = swap;
      }
      if (v > over) v = over;
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) rows[cur + hi + 1] = over;
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = rows[prev + n];
  return d > max ? max + 1 : d;
}

/** Rows of editDistance(), reused: it runs thousands of times per lint and never re-enters. */
let scratch = new Int32Array(256);

/** Changes a growing index always takes in without a rebuild (a small corpus rebuilds in no time anyway). */
const REBUILD_FLOOR = 2000;

/**
 * A KeyIndex and the keys added since it was built, in a second small index rebuilt on demand:
 * one changed precedent adds a few names, and re-sorting hundreds of thousands of keys for them
 * blocked the server for seconds. Entries that left the corpus are dropped by `alive` at lookup;
 * the owner rebuilds the whole index once enough has changed (see `churn`).
 */
export class GrowingKeyIndex<T> {
  private readonly added: Array<KeyIndexEntry<T>> = [];
  private delta: KeyIndex<T> | null = null;
  /** Keys added and entries removed since the base was built. */
  churn = 0;

  /**
   * Whether the owner should rather rebuild the whole index than take `pending` more changes:
   * once the changes reach 1/8 of the base (lookups then read many dead or second-index rows).
   */
  worthRebuilding(pending = 0): boolean {
    return this.churn + pending > Math.max(REBUILD_FLOOR, this.base.size / 8);
  }

  constructor(readonly base: KeyIndex<T>, private readonly options: KeyIndexOptions<T> = {}) {}

  add(entry: KeyIndexEntry<T>): void {
    this.added.push(entry);
    this.delta = null;
    this.churn++;
  }

  lookup(query: string, options: { limit: number; fuzzy?: boolean }, alive: (entry: T) => boolean): Match<T>[] {
    // Room for entries that died since the base was built: none before the first change, so an
    // unchanged index asks exactly what it did (a larger limit costs each of the up to 11 lookups
    // of a formulation continuation: p99 1.3 -> 11.9 ms at 100k with a flat doubling).
    const ask = { ...options, limit: options.limit + Math.min(this.churn, options.limit + 8) };
    let found = this.base.lookup(query, ask);
    if (this.added.length) {
      this.delta ??= new KeyIndex(this.added, this.options);
      found = found.concat(this.delta.lookup(query, ask)).sort((a, b) => b.score - a.score);
    }
    const out: Match<T>[] = [];
    const taken = new Set<T>();
    for (const m of found) {
      if (out.length >= options.limit) break;
      if (taken.has(m.entry) || !alive(m.entry)) continue;
      taken.add(m.entry);
      out.push(m);
    }
    return out;
  }
}
