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
// Algorithm (incremental, lazy, bounded memory).
//  - Every document keeps its word-id sequence (0 = boundary): 2 bytes a word while its ids fit in
//    16 bits (the first 65,535 words of the vocabulary, which a corpus meets first), else 4.
//  - add()/remove() only update a hashed 3-gram counter (Uint16, saturating; per bucket the last
//    document that entered it) and mark the document pending. Mining waits for the next query
//    (flush()), so a bulk build mines each document once, with final counts.
//  - mine(doc): for each start, grow n = 3 … MAX_WORDS while the newest 3-gram repeats (Apriori),
//    counting each n-gram (64-bit hash) in an exact table of typed arrays. docLens keeps, per start,
//    the longest length counted (1 byte a word): a later pass only extends, and removal re-derives
//    the same n-grams to subtract them (no per-document contribution lists).
//  - A 3-gram going 1 → 2 whose first occurrence is in an already mined document marks that
//    document pending too (capped per add), so the first occurrence of a new repeat is counted.
//  - Closedness from counts: each record links its prefix and suffix records; a record is not
//    closed when a one-word extension has its whole count. Records keep a 4-place sample; more
//    places are found on demand by a bounded scan of the newest documents.
//  - When the table exceeds `maxRecords` (checked between the documents of a bulk pass too),
//    records seen once are pruned: counts of repeats first seen after a prune may miss their
//    first occurrence (lower bounds).
//  - The set is kept from one change to the next: mining notes the records whose count changed;
//    only they, their parents (whose largest extension may have moved; children are linked to
//    their parents to work it out again) and the targets they name are looked at. A bulk build, a
//    prune or a load goes through every record once. Unchanged formulations keep their object.
//    Document numbers must not be reused with other text (the index never does).

import { fold, ownString } from './text/normalize';
import { mergeSorted } from './sorted';
import { JoinedSection, wholeArray } from './sections';
import { runToEnd } from './steps';

export const MAX_WORDS = 12;

/**
 * A precedent's word ids, or a formulation's (a view into them). Narrow when every id fits: the
 * word lists are the index's largest table (1.1 GB of text at 100,000 precedents is 160 M words).
 */
export type WordIds = Uint16Array | Uint32Array;
const NARROW_IDS = 0x10000;
const MIN_WORDS = 3;

/**
 * What a word and a break are, as a regular expression (the specification; the test checks the scanner
 * below against it): letters, digits and marks, joined by hyphens, with a trailing elision
 * apostrophe before a letter or at the end of a unit; a break is strong punctuation.
 */
export const WORD_OR_BREAK =
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

// Per UTF-16 unit, filled on first sight: 1 letter, 2 digit or mark, 3 neither, 0 not yet known.
// Surrogates are classified as pairs, never through this table.
const UNIT_CLASS = new Uint8Array(0x10000);
const LETTER = /^\p{L}$/u;
const NUMBER_OR_MARK = /^[\p{N}\p{M}]$/u;
function classOfPoint(ch: string): number {
  return LETTER.test(ch) ? 1 : NUMBER_OR_MARK.test(ch) ? 2 : 3;
}
/** Class of the code point at i (1 letter, 2 digit or mark, 3 other) and its length in units, as class * 4 + length. */
function pointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let v = UNIT_CLASS[c];
    if (v === 0) UNIT_CLASS[c] = v = classOfPoint(String.fromCharCode(c));
    return v * 4 + 1;
  }
  // A pair inside the unit is one code point (what /u matches); a lone surrogate is nothing.
  if (c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOfPoint(text.slice(i, i + 2)) * 4 + 2;
  }
  return 3 * 4 + 1;
}
function isBreakPunctuation(c: number): boolean {
  return (
    c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 91 || c === 93 ||
    c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 34 || c === 0x2026 || c === 0x2022
  );
}
function isJoiningHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}
function isElisionApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc;
}

/**
 * Words of `text` inside the given units (half-open spans), in order, with a break between units
 * and at strong punctuation. Deterministic: the index re-tokenises a precedent to find offsets.
 * A scan by code point with a class table, not WORD_OR_BREAK itself: the regex allocated a match
 * per word and was most of the build's word tokenising.
 */
export function tokenize(text: string, units?: ReadonlyArray<{ start: number; end: number }>): TokenList {
  const out: TokenList = { starts: [], ends: [] };
  const starts = out.starts;
  const ends = out.ends;
  const scan = (from: number, end: number): void => {
    let i = from;
    while (i < end) {
      const p = pointAt(text, i, end);
      if (p >> 2 === 3) {
        if (isBreakPunctuation(text.charCodeAt(i)) && starts.length && starts[starts.length - 1] !== -1) {
          starts.push(-1);
          ends.push(-1);
        }
        i += p & 3;
        continue;
      }
      const start = i;
      i += p & 3;
      for (;;) {
        while (i < end) {
          const q = pointAt(text, i, end);
          if (q >> 2 === 3) break;
          i += q & 3;
        }
        // A hyphen joins only when a word character follows it.
        if (i + 1 < end && isJoiningHyphen(text.charCodeAt(i)) && pointAt(text, i + 1, end) >> 2 !== 3) {
          i++;
          continue;
        }
        break;
      }
      if (i < end && isElisionApostrophe(text.charCodeAt(i)) && (i + 1 === end || pointAt(text, i + 1, end) >> 2 === 1)) i++;
      starts.push(start);
      ends.push(i);
    }
    if (starts.length && starts[starts.length - 1] !== -1) {
      starts.push(-1);
      ends.push(-1);
    }
  };
  if (units) for (const unit of units) scan(unit.start, unit.end);
  else scan(0, text.length);
  return out;
}

/** Folded form of one word, as words are compared. */
export function foldWord(word: string): string {
  return fold(word).replace(/[’ʼ]/g, "'");
}

/**
 * Each token's folded word, empty at a break, joined by single spaces (a folded word has none):
 * what the miner interns. One string, so it crosses a worker boundary as one copy.
 */
export function foldedWords(text: string, tokens: TokenList): string {
  const words: string[] = new Array<string>(tokens.starts.length);
  for (let i = 0; i < words.length; i++) {
    const s = tokens.starts[i];
    words[i] = s < 0 ? '' : foldWord(text.slice(s, tokens.ends[i]));
  }
  return words.join(' ');
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

/** A restored formulation set in its saved order (see FormulationMiner.savedFormulations()). */
export interface SavedFormulations {
  readonly length: number;
  /** The formulation at i, made on first read. */
  at(i: number): MinedFormulation | undefined;
  /** Its count, without making it. */
  countAt(i: number): number;
}

export interface MinedFormulation {
  /** Folded words. */
  words: string[];
  /** The folded words joined by spaces (made without keeping the words: see Formulation). */
  key(): string;
  count: number;
  docCount: number;
  /** Where it is written (a few found while mining, more searched for on first access). */
  places: WordPlace[];
  /** The places found while mining only (up to 4): no search. */
  sampled: WordPlace[];
  /** Set when the set dropped or replaced it: it is no longer one of the miner's formulations. */
  readonly retired: boolean;
  /**
   * What the index learns about this formulation when asked (written form, example), on the
   * object itself: a Map from a million formulations to it took seconds to fill at a load.
   */
  indexNotes?: unknown;
}

export interface FormulationMinerOptions {
  /** log2 of the initial 3-gram counter size (default 16; it grows up to 2^24 with the corpus). */
  counterBits?: number;
  /** Live exact-table records above which records seen once are pruned (default 4M). */
  maxRecords?: number;
  /** Old documents re-mined at most per added document (default 64). */
  maxRemine?: number;
  /**
   * Share of the records a change may touch before the set is worked out again over every record
   * instead of from the touched ones (default 1/8: beyond, a pass over all is cheaper).
   */
  rescanShare?: number;
}

/** What a persisted index stores of the miner (typed arrays go to the binary part). */
export interface MinerState {
  /** Folded words by id, from id 1 (0 is the boundary). */
  vocabulary: string[];
  /** 1 for a function word, by id (saves re-deriving it for every word on load). */
  functionWords: Uint8Array;
  /**
   * Per document number: 0 removed, 1 words only (not mined), 3 words and mined lengths; plus 4
   * when its words are wide (MinerTables.wideWords).
   */
  docPresent: Uint8Array;
  /** Start of each document in docWords/docLens (length documents + 1). */
  docOffsets: Float64Array;
  counterBits: number;
  maxCounterBits: number;
  trigrams: number;
  records: number;
  liveRecords: number;
  pass: number;
  maxRecords: number;
  pruneAt: number;
  maxRemine: number;
  /**
   * The formulation set as computed (its records, in order), so a restored miner answers without
   * recomputing it (~5 s at 10k precedents), and without its tables: each formulation's words,
   * counts and place samples (SAMPLE (doc, pos) pairs, -1 when fewer).
   */
  formulations: Int32Array;
  formulationWords: Uint32Array;
  formulationLengths: Uint8Array;
  formulationCounts: Int32Array;
  formulationDocCounts: Int32Array;
  formulationPlaces: Int32Array;
}

/**
 * What only changes need of a persisted miner (and a search for more places than the samples):
 * most of its bytes (1.5 GB at 100,000 precedents), so a cold start can answer before reading them.
 */
export interface MinerTables {
  /**
   * The word ids of every precedent whose ids fit in 16 bits, one after the other; saved as the
   * live lists are. A precedent's start is not MinerState.docOffsets (that counts every precedent's
   * words, for docLens) but the sum of the narrow lengths before it.
   */
  docWords: Uint16Array | JoinedSection<Uint16Array>;
  /** The same for the other precedents (present & 4), at 4 bytes a word. */
  wideWords: Uint32Array | JoinedSection<Uint32Array>;
  /** Per word, the longest n-gram counted from it (zeros for a precedent not mined yet). */
  docLens: Uint8Array | JoinedSection<Uint8Array>;
  /** The 3-gram counter, sparse: a bit per bucket, then count, last document, fingerprint of each used one. */
  triUsed: Uint8Array;
  triCount: Uint16Array;
  triLastDoc: Int32Array;
  triFinger: Uint32Array;
  /**
   * The record hash table (first hash half and record number per slot, -1 empty): stored as it is,
   * since rebuilding it (re-inserting, or even copying the halves from the records) misses the
   * cache at every step: ~0.1 µs a record, a second at the record cap. SLOT ints per slot: the
   * first hash half (as a signed int) and the record.
   */
  slots: Int32Array;
  recA: Uint32Array;
  recB: Uint32Array;
  recLen: Uint8Array;
  recCount: Int32Array;
  recDocs: Int32Array;
  recPrefix: Int32Array;
  recSuffix: Int32Array;
  /** Sampled places per record (most records are seen once: one place, not SAMPLE), then the (doc, pos) pairs. */
  placeCounts: Uint8Array;
  places: Int32Array;
  /**
   * Per record, the record its trimmed words name (see recTarget): without it, the first change
   * after a load works it out for every record (2.6 s at 10k precedents, the server answering nothing).
   */
  recTarget?: Int32Array;
}

/** The (doc, pos) samples at row `at` of a SAMPLE-pairs table (-1 unused), in precedents still mined. */
function samplesAt(table: Int32Array, at: number, mined: (doc: number) => boolean): WordPlace[] {
  const out: WordPlace[] = [];
  for (let k = 0; k < SAMPLE; k++) {
    const doc = table[(at * SAMPLE + k) * 2];
    if (doc >= 0 && mined(doc)) out.push({ doc, pos: table[(at * SAMPLE + k) * 2 + 1] });
  }
  return out;
}

/** Throws on saved miner state that does not hold together (the caller indexes the files again). */
function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`inconsistent formulation tables: ${what}`);
}

/**
 * A fresh table written through once, a slice at a time. Zero pages the system has not handed out
 * yet cost a fault each when first touched (14 µs on a virtual machine): touched by the restore in
 * the background, not by the first change after a load at random (100k: 60 ms of unmine() alone).
 */
function* pagedIn<A extends Int32Array | Uint8Array>(table: A): Generator<void, A> {
  for (let at = 0; at < table.length; at += 1 << 22) {
    table.fill(0, at, at + (1 << 22));
    yield;
  }
  return table;
}

/** Places kept per record as they are mined (the first contributors); more are found on demand. */
const SAMPLE = 4;
/**
 * Ints per slot of the record hash table: the first hash half and the record. The second half is
 * read from the record (recB) when the first matches: 8 bytes a slot, not 12 (100k precedents:
 * 16.8 M slots, 201 -> 134 MB, in memory and in the saved index).
 */
export const SLOT = 2;
/** Places a formulation offers at most (what the index shows as examples). */
const PLACES_WANTED = 20;
/** Words scanned at most to find more places of one formulation than its sample holds. */
const PLACE_SCAN_WORDS = 4_000_000;
/** recPrefix of a record not counted yet: its parents are linked on its first count. */
const UNLINKED = -3;
/** recFlags bits (see there). */
const EXTENDED_LEFT = 1;
const EXTENDED_RIGHT = 2;
const SOURCE = 4;
const TOUCHED = 8;
/** Entries per touched record in FormulationMiner.touched: record, count before, documents before. */
const TOUCH_FIELDS = 3;

/** A formulation of the miner; `places` is found on first read (sample, then a bounded scan). */
class Formulation implements MinedFormulation {
  private found: WordPlace[] | null = null;
  private wordList: string[] | null = null;
  /** Set when a recomputation of the set dropped or replaced it (the ordered list skips it then). */
  retired = false;
  indexNotes: unknown = undefined;
  constructor(
    private readonly miner: FormulationMiner,
    readonly record: number,
    /**
     * Its word ids: a view into a precedent's words, kept even if that precedent goes; null for one
     * of a saved set until first read (a million views at a load, most never read).
     */
    private idView: WordIds | null,
    readonly count: number,
    readonly docCount: number,
    /** Its position in a saved set, whose place samples it uses while the miner's tables are not restored. */
    readonly savedAt = -1,
  ) {}
  get ids(): WordIds {
    return (this.idView ??= this.miner.savedWords(this.savedAt));
  }
  get wordCount(): number {
    return this.ids.length;
  }
  /** Folded words, kept once read (a completion reads a candidate's several times). */
  get words(): string[] {
    return (this.wordList ??= this.miner.wordsOf(this.ids));
  }
  /**
   * The folded words joined, not kept: the key index reads every formulation's once when it is
   * built, and keeping their words was a list per formulation (294,000 lists, 60 MB at 10k
   * precedents) of which completion reads a few.
   */
  key(): string {
    return this.wordList ? this.wordList.join(' ') : this.miner.joinedWords(this.ids);
  }
  get places(): WordPlace[] {
    // Searching for more needs every precedent's words: until they are read, the sample.
    if (this.miner.tablesPending) return this.sampled;
    return (this.found = this.liveFound() ?? this.miner.placesOf(this.record, this.ids, this.count));
  }
  /** The places kept as the formulation was mined (up to 4), without searching for more. */
  get sampled(): WordPlace[] {
    return this.liveFound() ?? this.miner.sampledPlaces(this.record, this.savedAt);
  }
  /**
   * The places found before, unless a precedent holding one of them went since (then they are
   * searched again): an unchanged formulation keeps its object across changes of other precedents.
   */
  private liveFound(): WordPlace[] | null {
    return this.found && this.found.every((p) => this.miner.documentWords(p.doc) !== undefined) ? this.found : null;
  }
}

export class FormulationMiner {
  // Vocabulary: folded word ↔ id (0 is the boundary).
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [''];
  private readonly functionWord: boolean[] = [false];
  /** Scratch ids of internFolded(), before it knows whether they fit in 16 bits. */
  private interned = new Uint32Array(4096);
  /** Scratch list of joinedWords(). */
  private readonly joining: string[] = [];

  // Documents by number (the index's document numbers; sparse when documents are removed).
  private readonly docWords: Array<WordIds | undefined> = [];
  /** Per document and start: the longest n-gram length counted from there (0 = none); see unmine(). */
  private readonly docLens: Array<Uint8Array | undefined> = [];
  /** Added documents not mined yet, and mined ones to extend (a 3-gram of theirs became repeated). */
  private readonly pending = new Set<number>();

  private counterMask: number;
  private triCount: Uint16Array;
  private triLastDoc: Int32Array;
  /** Full 32-bit hash of the 3-gram that last entered the bucket: tells a repeat from a collision. */
  private triFinger: Uint32Array;
  private maxCounterBits: number;
  /** 3-grams currently counted (with repetitions), to size the counter. */
  private trigrams = 0;

  // Exact table: open addressing on the 64-bit n-gram hash (two 32-bit halves) → record number.
  // One slot's halves and record side by side: a probe reads one cache line, not three arrays
  // (mine() probes for every n-gram it counts, and at 100k precedents the table is far beyond the cache).
  private slots = new Int32Array(SLOT << 12).fill(-1);
  private warmed = 0;
  // Records: parallel typed arrays, grown by doubling.
  private records = 0;
  private liveRecords = 0;
  private recA = new Uint32Array(1024);
  private recB = new Uint32Array(1024);
  private recLen = new Uint8Array(1024);
  private recCount = new Int32Array(1024);
  private recDocs = new Int32Array(1024);
  /** Pass number of the last change of a record, so a document counts once in recDocs. */
  private recMark = new Int32Array(1024);
  /** The record without the last word (right parent) and without the first word (left parent). */
  private recPrefix = new Int32Array(1024);
  private recSuffix = new Int32Array(1024);
  /** SAMPLE (doc, pos) pairs, -1 when empty. */
  private recPlaces = new Int32Array(1024 * SAMPLE * 2).fill(-1);
  /** Records every per-record table has room for. */
  private capacity = 1024;
  private pass = 0;
  private readonly maxRecords: number;
  private pruneAt: number;
  private readonly maxRemine: number;
  private readonly rescanShare: number;

  // The formulation set, kept up to date from the records a change touched (see refresh()).
  /** Whether the set reflects the current counts (false from a change to the next refresh()). */
  private fresh = false;
  /** Whether recFlags and srcCount hold for the counts of the last refresh(). */
  private setReady = false;
  /**
   * Per record, what the set was last worked out from: EXTENDED_LEFT / EXTENDED_RIGHT when a
   * one-word extension has its whole count (it is not closed then), SOURCE when it is a closed
   * repeat naming its target (recTarget), TOUCHED when its count changed since.
   */
  private recFlags = new Uint8Array(1024);
  /**
   * Children by parent, as linked lists (first child, next sibling; -1 ends): the records whose
   * prefix (right extensions) or suffix (left extensions) a record is. Whether a record is closed
   * is worked out again from its children alone when its count or one of theirs changed.
   */
  private rightHead = new Int32Array(1024).fill(-1);
  /** False after a load or a prune until a full refresh links them again (nothing reads them before). */
  private childrenLinked = true;
  private rightNext = new Int32Array(1024).fill(-1);
  private leftHead = new Int32Array(1024).fill(-1);
  private leftNext = new Int32Array(1024).fill(-1);
  /** Per record: how many closed records name it as their trimmed words (it is a formulation when > 0). */
  private srcCount = new Int32Array(1024);
  /** Per record: its position + 1 in `members` (0 when it is not a formulation). */
  private recMember = new Int32Array(1024);
  /** The formulations, in no order (swap-removed). */
  private members: Formulation[] = [];
  /**
   * Records whose count changed since the last refresh(), each once (TOUCHED), as TOUCH_FIELDS per
   * record: the record, its count and its document count before it was first touched (a changed
   * precedent is unmined and mined again whole, and most of its n-grams come back to the counts
   * they had: see incrementalRefresh()).
   */
  private touched = new Int32Array(1024 * TOUCH_FIELDS);
  private touchedCount = 0;
  /** More records changed than touched holds (a bulk build): the next refresh() starts over. */
  private touchOverflow = false;
  /** The set sorted (most frequent first) as of `orderedGeneration`; new members wait in `unordered`. */
  private ordered: Formulation[] = [];
  private unordered: Formulation[] = [];
  private orderedGeneration = -1;
  /** Bumped at each refresh() that changed the set; lastChange is what it changed. */
  generation = 0;
  private lastChange: { added: MinedFormulation[]; retired: MinedFormulation[] } | null = null;
  /**
   * Per record, the record its trimmed words name (target + 1; 0 not known yet, -1 none: too short
   * or too few content words). Words of a record never change, so this is worked out once, not at
   * each recomputation of the formulation set (string tests on every word of a million records).
   */
  private recTarget = new Int32Array(1024);
  /**
   * True while a first bulk pass mines: recTarget, recMember and srcCount are empty then, as
   * nothing reads them before the set is worked out (fullRefresh() makes them, zeroed). 12 bytes a
   * record at the pass's largest (100k precedents: 9.2 M records before a prune, 110 MB).
   */
  private setTablesLater = false;
  /** The answering part of a restored miner's state while its tables are not restored (see fromState()). */
  private saved: MinerState | null = null;
  /** The words of a restored formulation set, one after another, and where each starts (see savedWords()). */
  private savedSet: { words: Uint32Array; starts: Int32Array } | null = null;
  /**
   * A restored set's formulations are made when first asked (`savedMade`, by position), and all of
   * them (`savedList`, then the members) once the tables are restored or the whole set is asked
   * for: a million objects (100 MB) to make, copy and mark at a load, when a cold start asks for a
   * few hundred (see savedFormulations()). A map, not a list of a million empty slots: pushing them
   * was 80 ms of the load.
   */
  private savedMade: Map<number, Formulation> | null = null;
  private savedList: Formulation[] | null = null;
  private savedState: Pick<MinerState, 'formulations' | 'formulationCounts' | 'formulationDocCounts'> | null = null;
  /** Per word id: 1 known, 2 cut at the start of a formulation, 4 cut at its end (worked out on first need). */
  private cutFlags = new Uint8Array(1024);
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
    this.maxRecords = options.maxRecords ?? 4_000_000;
    this.pruneAt = this.maxRecords;
    this.maxRemine = options.maxRemine ?? 64;
    this.rescanShare = options.rescanShare ?? 1 / 8;
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
  documentWords(doc: number): WordIds | undefined {
    return this.docWords[doc];
  }

  /**
   * The restored set in its saved order (most frequent first), each formulation made on first
   * read, with their counts (read without making them); null when the set was not restored.
   */
  savedFormulations(): SavedFormulations | null {
    const state = this.savedState;
    if (!state) return null;
    return { length: state.formulations.length, at: (i) => this.savedFormulation(i), countAt: (i) => state.formulationCounts[i] };
  }

  private savedFormulation(i: number): Formulation | undefined {
    if (this.savedList) return this.savedList[i];
    const state = this.savedState!;
    if (!(i >= 0 && i < state.formulations.length)) return undefined;
    let f = this.savedMade!.get(i);
    if (!f) {
      f = new Formulation(this, state.formulations[i], null, state.formulationCounts[i], state.formulationDocCounts[i], i);
      this.savedMade!.set(i, f);
    }
    return f;
  }

  /** Makes every formulation of the restored set not made yet, a slice at a time; the set is then the miner's. */
  private *makeSavedSet(slice: number): Generator<void, void> {
    const state = this.savedState;
    if (!state || this.savedList) return;
    const list: Formulation[] = [];
    const n = state.formulations.length;
    for (let i = 0; i < n; i++) {
      list.push(this.savedFormulation(i)!);
      if (i % slice === slice - 1) yield;
    }
    this.savedList = list;
    this.savedMade = null;
    this.members = list.slice();
    if (this.orderedGeneration === this.generation && this.ordered.length === 0) this.ordered = list;
  }

  /** Word ids of the formulation at `position` in the restored set. */
  savedWords(position: number): WordIds {
    const set = this.savedSet;
    if (!set || !(position >= 0 && position + 1 < set.starts.length)) throw new Error('no saved formulation at this position');
    return set.words.subarray(set.starts[position], set.starts[position + 1]);
  }

  /** Throws while a restored miner lacks its tables: the callers (changes, saves) wait for them. */
  private needTables(): void {
    if (this.saved) throw new Error('the formulation tables of the saved index are not restored yet');
  }

  /** Intern words as foldedWords() gives them (a break is id 0). */
  internFolded(joined: string): WordIds {
    const words = joined.split(' ');
    if (this.interned.length < words.length) this.interned = new Uint32Array(Math.max(words.length, this.interned.length * 2));
    const scratch = this.interned;
    let widest = 0;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === '') {
        scratch[i] = 0;
        continue;
      }
      let id = this.wordIds.get(w);
      if (id === undefined) {
        id = this.words.length;
        const own = ownString(w);
        this.wordIds.set(own, id);
        this.words.push(own);
        this.functionWord.push(isFunctionWord(own));
      }
      scratch[i] = id;
      if (id > widest) widest = id;
    }
    const ids = widest < NARROW_IDS ? new Uint16Array(words.length) : new Uint32Array(words.length);
    ids.set(scratch.subarray(0, words.length));
    return ids;
  }

  /** Counts the document's 3-grams only: mining waits for the next query (see flush()). */
  add(doc: number, ids: WordIds): void {
    this.needTables();
    if (this.docWords[doc]) this.remove(doc);
    this.growCounter(ids.length);
    this.docWords[doc] = ids;
    let remined = 0;
    for (let i = 0; i + 2 < ids.length; i++) {
      if (!ids[i] || !ids[i + 1] || !ids[i + 2]) continue;
      const h = this.hash3(ids, i);
      const b = h & this.counterMask;
      const before = this.triCount[b];
      if (before < 0xffff) this.triCount[b] = before + 1;
      this.trigrams++;
      const last = this.triLastDoc[b];
      // A true repeat (same fingerprint) of a 3-gram an already mined document holds once: that
      // document's n-grams through it must now be counted too. Unmined documents need nothing.
      if (before === 1 && last !== doc && last >= 0 && this.triFinger[b] === h && this.docLens[last] && !this.pending.has(last) && remined < this.maxRemine) {
        this.pending.add(last);
        remined++;
      }
      this.triLastDoc[b] = doc;
      this.triFinger[b] = h;
    }
    this.pending.add(doc);
    this.changed();
  }

  remove(doc: number): boolean {
    this.needTables();
    const ids = this.docWords[doc];
    if (!ids) return false;
    this.unmine(doc);
    this.pending.delete(doc);
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

  /** Closed, trimmed, repeated formulations, most frequent first (kept until the next change). */
  formulations(): MinedFormulation[] {
    for (const _ of this.makeSavedSet(1 << 30));
    this.refresh();
    if (this.orderedGeneration === this.generation) return this.ordered;
    // Formulations kept from the last order keep their counts, hence their order: only the new
    // ones are sorted, then merged in (sorting a million formulations takes a second).
    const order = (a: Formulation, b: Formulation): number => b.count - a.count || b.wordCount - a.wordCount;
    const list = mergeSorted(this.ordered.filter((f) => !f.retired), this.unordered.filter((f) => !f.retired).sort(order), order);
    this.ordered = list;
    this.unordered = [];
    this.orderedGeneration = this.generation;
    return list;
  }

  /**
   * The formulations' keys (folded words joined by spaces) in sorted order, written once as Latin-1
   * code units joined by U+0000, with `order[row]` the position in formulations() of the
   * formulation each row keys. Sorted word by word, so no key string is made: a key index built
   * from a million key strings and their joins made ~360 MB of garbage at 100k precedents, the
   * build's highest memory. Null when a word has a character above U+00FF (bytes cannot hold it)
   * or one at or below the space (word order would then differ from key order): the caller joins
   * strings then.
   */
  keysInOrder(): { formulations: MinedFormulation[]; order: Int32Array; joined: Uint8Array } | null {
    const list = this.formulations() as Formulation[];
    const words = this.words;
    // Per word id: 0 not looked at, 1 bytes can hold it, 2 they cannot.
    const fits = new Uint8Array(words.length);
    let length = 0;
    for (let i = 0; i < list.length; i++) {
      const ids = list[i].ids;
      length += ids.length;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (fits[id] === 0) {
          const w = words[id];
          let ok = w.length > 0;
          for (let c = 0; c < w.length && ok; c++) ok = w.charCodeAt(c) > 0x20 && w.charCodeAt(c) <= 0xff;
          fits[id] = ok ? 1 : 2;
        }
        if (fits[id] === 2) return null;
        length += words[id].length;
      }
    }
    const order = new Int32Array(list.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // A word that is a prefix of another sorts first either way: what follows it in a key (a space,
    // the end) sorts before any character a word holds.
    order.sort((x, y) => {
      const a = list[x].ids;
      const b = list[y].ids;
      const n = Math.min(a.length, b.length);
      for (let k = 0; k < n; k++) {
        if (a[k] === b[k]) continue;
        return words[a[k]] < words[b[k]] ? -1 : 1;
      }
      return a.length - b.length;
    });
    // Each key: its characters, a space between words, U+0000 after it but the last.
    const joined = new Uint8Array(Math.max(0, length - 1));
    let at = 0;
    for (let row = 0; row < order.length; row++) {
      if (row > 0) joined[at++] = 0;
      const ids = list[order[row]].ids;
      for (let k = 0; k < ids.length; k++) {
        if (k > 0) joined[at++] = 0x20;
        const w = words[ids[k]];
        for (let c = 0; c < w.length; c++) joined[at++] = w.charCodeAt(c);
      }
    }
    return { formulations: list, order, joined };
  }

  /**
   * Makes the next query work the set out over every record, as after a load (the largest
   * extensions and the sources from the counts alone): for tests, which compare it with the set
   * kept from change to change.
   */
  recomputeFormulations(): void {
    this.needTables();
    this.setReady = false;
    this.fresh = false;
  }

  /**
   * What the last change of the formulation set changed, when `generation` is the one before it
   * (null otherwise): callers keep what they derived from the set up to date with it.
   */
  changesSince(generation: number): { added: MinedFormulation[]; retired: MinedFormulation[] } | null {
    this.refresh();
    return generation === this.generation - 1 ? this.lastChange : generation === this.generation ? { added: [], retired: [] } : null;
  }

  /**
   * Brings the set up to the current counts. A repeated record is closed when no one-word
   * extension has its whole count (every occurrence preceded, or every one followed, by the same
   * word); a closed record names a formulation, its trimmed words. After a change only the records
   * whose count changed, their parents (whose largest extension may have moved) and the targets
   * they name are looked at: a changed precedent costs what it touches, not the table. A bulk
   * build, a prune or a restored miner goes through every record once (fullRefresh()).
   */
  private refresh(): void {
    this.flush();
    if (this.fresh) return;
    const added: Formulation[] = [];
    const retired: Formulation[] = [];
    if (!this.setReady || this.touchOverflow || this.touchedCount > this.records * this.rescanShare) {
      for (const _ of this.fullRefresh(added, retired, Infinity));
    } else {
      this.incrementalRefresh(added, retired);
    }
    this.settle(added, retired);
  }

  /**
   * Works out, a slice of records at a time, what the first change after a load would otherwise
   * work out at once (children, closedness, sources: a second at 10,000 precedents): the server
   * runs a slice whenever it is idle. Stops when the miner changes meanwhile (that change's
   * refresh then goes through every record itself). Returns whether it did the work.
   */
  *prepareForChanges(slice = 1 << 17): Generator<void, boolean> {
    if (this.saved) return false;
    if (this.setReady || !this.fresh || this.pending.size) return false;
    const version = this.version;
    const added: Formulation[] = [];
    const retired: Formulation[] = [];
    for (const _ of this.fullRefresh(added, retired, slice)) {
      yield;
      if (this.version !== version || this.setReady) return false;
    }
    this.settle(added, retired);
    // The loaded record tables are exact-size views: the first new record would copy them.
    if (this.capacity <= this.records) {
      yield;
      if (this.version === version && this.capacity <= this.records) this.growRecords();
    }
    return true;
  }

  /** After a refresh: the set is current, and what it changed is reported to callers. */
  private settle(added: Formulation[], retired: Formulation[]): void {
    for (let k = 0; k < this.touchedCount; k++) this.recFlags[this.touched[k * TOUCH_FIELDS]] &= ~TOUCHED;
    this.touchedCount = 0;
    this.touchOverflow = false;
    this.setReady = true;
    this.fresh = true;
    if (!added.length && !retired.length) return;
    for (const f of added) this.unordered.push(f);
    this.lastChange = { added, retired };
    this.generation++;
  }

  /**
   * Every record: children, closedness, sources and members from scratch (unchanged members keep
   * their object). Yields after each `slice` records of the passes that only work out tables; the
   * set itself changes in the last step, at once, so a pass given up halfway changed nothing.
   */
  private *fullRefresh(added: Formulation[], retired: Formulation[], slice: number): Generator<void, void> {
    const R = this.records;
    if (this.setTablesLater) {
      // As large as the other tables (fitted after the pass), zero as create() would leave them.
      this.recTarget = new Int32Array(this.capacity);
      this.recMember = new Int32Array(this.capacity);
      this.srcCount = new Int32Array(this.capacity);
      this.setTablesLater = false;
    }
    if (!this.childrenLinked) {
      if (this.rightHead.length < R) {
        // Not kept while a bulk pass mined (see flush()): as many as the records, and some room.
        const size = R + Math.max(1024, R >>> 3);
        this.rightHead = new Int32Array(size);
        this.rightNext = new Int32Array(size);
        this.leftHead = new Int32Array(size);
        this.leftNext = new Int32Array(size);
        this.capacity = Math.min(this.capacity, size);
      }
      this.rightHead.fill(-1);
      this.leftHead.fill(-1);
      this.rightNext.fill(-1);
      this.leftNext.fill(-1);
      for (let r = R - 1; r >= 0; r--) {
        this.linkChild(r);
        if (r % slice === 0) yield;
      }
      this.childrenLinked = true;
    }
    // The largest extension counts, for this pass only (a change looks at the children instead).
    const maxLeft = new Int32Array(R);
    const maxRight = new Int32Array(R);
    for (let r = 0; r < R; r++) {
      if (r % slice === slice - 1) yield;
      const c = this.recCount[r];
      if (c < 2) continue;
      const p = this.recPrefix[r];
      if (p >= 0 && maxRight[p] < c) maxRight[p] = c;
      const s = this.recSuffix[r];
      if (s >= 0 && maxLeft[s] < c) maxLeft[s] = c;
    }
    const flags = this.recFlags;
    this.srcCount.fill(0, 0, R);
    for (let r = 0; r < R; r++) {
      if (r % slice === slice - 1) yield;
      const c = this.recCount[r];
      flags[r] = c < 2 ? 0 : (maxLeft[r] >= c ? EXTENDED_LEFT : 0) | (maxRight[r] >= c ? EXTENDED_RIGHT : 0);
      const t = this.sourceTarget(r);
      if (t < 0) continue;
      flags[r] |= SOURCE;
      this.srcCount[t]++;
    }
    // Members that are no longer wanted, or whose counts moved, go; targets without a current
    // member come. Both are only listed here (a pass given up halfway must not have changed the set).
    const current = (f: Formulation): boolean =>
      this.srcCount[f.record] > 0 && this.recCount[f.record] >= 2 && f.count === this.recCount[f.record] && f.docCount === this.recDocs[f.record];
    const going: Formulation[] = [];
    for (let k = 0; k < this.members.length; k++) {
      if (k % slice === slice - 1) yield;
      if (!current(this.members[k])) going.push(this.members[k]);
    }
    const coming: number[] = [];
    for (let t = 0; t < R; t++) {
      if (t % slice === slice - 1) yield;
      if (this.srcCount[t] <= 0 || this.recCount[t] < 2) continue;
      const m = this.recMember[t];
      if (!m || !current(this.members[m - 1])) coming.push(t);
    }
    for (const f of going) this.dropMember(f, retired);
    let wordless: Set<number> | null = null;
    for (const t of coming) {
      const ids = this.recordWords(t);
      if (ids) this.addMember(t, ids, added);
      else (wordless ??= new Set()).add(t);
    }
    // A target none of whose sampled places is live: the trimmed words of one of its sources.
    if (wordless) {
      for (let r = 0; r < R && wordless.size; r++) {
        const t = flags[r] & SOURCE ? this.recTarget[r] - 1 : -1;
        const ids = t >= 0 && wordless.has(t) ? this.trimmedWords(r) : null;
        if (!ids) continue;
        wordless.delete(t);
        this.addMember(t, ids, added);
      }
    }
  }

  /** The records whose count changed, their parents, and the targets they name. */
  private incrementalRefresh(added: Formulation[], retired: Formulation[]): void {
    const affected: number[] = [];
    const seen = new Set<number>();
    // Records back at the counts they had (a changed precedent's n-grams, unmined and mined again)
    // close, name and extend as before: only the others, and their parents, are looked at (100k:
    // 21 ms of a changed precedent's 55-95 went through all of its n-grams and their children).
    const touched: number[] = [];
    /** Per record of `touched`, the larger of its count before and now. */
    const reach: number[] = [];
    const t = this.touched;
    for (let k = 0; k < this.touchedCount * TOUCH_FIELDS; k += TOUCH_FIELDS) {
      const r = t[k];
      if (this.recCount[r] !== t[k + 1] || this.recDocs[r] !== t[k + 2]) {
        touched.push(r);
        reach.push(Math.max(this.recCount[r], t[k + 1]));
      }
    }
    const note = (r: number): void => {
      if (r >= 0 && !seen.has(r)) {
        seen.add(r);
        affected.push(r);
      }
    };
    for (const r of touched) note(r);
    // A parent is closed or not by whether a child has its whole count: a child whose count was
    // and is below the parent's did not and does not (a changed precedent's own new n-grams, once
    // each, under parents cited thousands of times). Parents whose count changed are noted above.
    for (let k = 0; k < touched.length; k++) {
      const r = touched[k];
      const prefix = this.recPrefix[r];
      const suffix = this.recSuffix[r];
      if (prefix >= 0 && reach[k] >= this.recCount[prefix]) note(prefix);
      if (suffix >= 0 && reach[k] >= this.recCount[suffix]) note(suffix);
    }
    const flags = this.recFlags;
    for (const a of affected) {
      const c = this.recCount[a];
      let extended = 0;
      if (c >= 2) {
        for (let ch = this.rightHead[a]; ch >= 0; ch = this.rightNext[ch]) {
          if (this.recCount[ch] >= c) {
            extended |= EXTENDED_RIGHT;
            break;
          }
        }
        for (let ch = this.leftHead[a]; ch >= 0; ch = this.leftNext[ch]) {
          if (this.recCount[ch] >= c) {
            extended |= EXTENDED_LEFT;
            break;
          }
        }
      }
      flags[a] = (flags[a] & (SOURCE | TOUCHED)) | extended;
    }
    // Sources: a record that became closed (or stopped being) moves its target's count of sources.
    const targets = new Set<number>(touched);
    const sourceOf = new Map<number, number>();
    for (const r of affected) {
      const t = this.sourceTarget(r);
      const before = flags[r] & SOURCE ? this.recTarget[r] - 1 : -1;
      if (t >= 0) sourceOf.set(t, r);
      if (t === before) continue;
      if (before >= 0) {
        this.srcCount[before]--;
        targets.add(before);
      }
      if (t >= 0) {
        this.srcCount[t]++;
        targets.add(t);
      }
      flags[r] = t >= 0 ? flags[r] | SOURCE : flags[r] & ~SOURCE;
    }
    for (const t of targets) {
      const member = this.recMember[t] ? this.members[this.recMember[t] - 1] : undefined;
      const wanted = this.srcCount[t] > 0 && this.recCount[t] >= 2;
      if (member && wanted && member.count === this.recCount[t] && member.docCount === this.recDocs[t]) continue;
      if (member) this.dropMember(member, retired);
      if (!wanted) continue;
      const source = sourceOf.get(t);
      const ids = this.recordWords(t) ?? member?.ids ?? (source === undefined ? null : this.trimmedWords(source));
      if (ids) this.addMember(t, ids, added);
    }
  }

  /** The target a record names when it is a closed repeat (-1 when it is not, or names nothing). */
  private sourceTarget(r: number): number {
    if (this.recCount[r] < 2 || this.recFlags[r] & EXTENDED_LEFT) return -1;
    // A record of MAX_WORDS words cannot be extended in the table; keep it.
    const n = this.recLen[r];
    if (n < MAX_WORDS && this.recFlags[r] & EXTENDED_RIGHT) return -1;
    let target = this.recTarget[r] - 1;
    if (target === -1) {
      const trimmed = this.trim(r);
      if (!trimmed) return -1;
      target = trimmed.s === 0 && trimmed.e === n ? r : this.find(hashA(trimmed.ids, trimmed.s, trimmed.e), hashB(trimmed.ids, trimmed.s, trimmed.e));
      // An n-gram not in the table yet may be later: only a found target is remembered.
      if (target >= 0) this.recTarget[r] = target + 1;
    }
    return target < -1 ? -1 : target;
  }

  private addMember(t: number, ids: WordIds, added: Formulation[]): void {
    const f = this.toFormulation(t, ids);
    this.members.push(f);
    this.recMember[t] = this.members.length;
    added.push(f);
  }

  private dropMember(f: Formulation, retired: Formulation[]): void {
    const at = this.recMember[f.record] - 1;
    const last = this.members.pop()!;
    if (last !== f) {
      this.members[at] = last;
      this.recMember[last.record] = at + 1;
    }
    this.recMember[f.record] = 0;
    f.retired = true;
    retired.push(f);
  }

  /**
   * The record's words without the function words a formulation cannot start or end with, when
   * what is left is long enough and says something (≥ 2 content words); null otherwise (then
   * remembered in recTarget as -1) or when the record has no live place to read its words from.
   */
  private trim(r: number): { s: number; e: number; ids: WordIds } | null {
    const ids = this.recordWords(r);
    if (!ids) return null;
    const n = this.recLen[r];
    let s = 0;
    let e = n;
    while (s < e && this.cutFlag(ids[s], 2)) s++;
    while (e > s && this.cutFlag(ids[e - 1], 4)) e--;
    let content = 0;
    for (let k = s; k < e; k++) if (!this.functionWord[ids[k]]) content++;
    if (e - s < MIN_WORDS || content < 2) {
      this.recTarget[r] = -1;
      return null;
    }
    return { s, e, ids };
  }

  /** The words a record names once trimmed (a target's words when its own places are all gone). */
  private trimmedWords(r: number): WordIds | null {
    const t = this.trim(r);
    return t && t.ids.slice(t.s, t.e);
  }

  private cutFlag(id: number, flag: 2 | 4): boolean {
    if (id >= this.cutFlags.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.cutFlags.length * 2));
      grown.set(this.cutFlags);
      this.cutFlags = grown;
    }
    let f = this.cutFlags[id];
    if (!f) {
      const w = this.words[id];
      f = this.cutFlags[id] = 1 | (cutAtStart(w) ? 2 : 0) | (cutAtEnd(w) ? 4 : 0);
    }
    return (f & flag) !== 0;
  }

  /** The record for an exact folded word sequence (3 … MAX_WORDS words), if mined. */
  lookup(words: string[]): MinedFormulation | null {
    this.needTables();
    this.flush();
    const ids = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      ids[i] = this.wordIds.get(words[i]) ?? 0;
      if (!ids[i]) return null;
    }
    const r = this.find(hashA(ids, 0, ids.length), hashB(ids, 0, ids.length));
    return r < 0 || this.recCount[r] <= 0 ? null : this.toFormulation(r, ids);
  }

  /** Number of live exact-table records (for diagnostics and the perf note). */
  get recordCount(): number {
    this.flush();
    return this.liveRecords;
  }

  /**
   * Places of a record: its live sample, then (when the count says there are more) a scan of the
   * newest documents, bounded by PLACE_SCAN_WORDS, until PLACES_WANTED are found.
   */
  sampledPlaces(r: number, savedAt = -1): WordPlace[] {
    const saved = this.saved;
    if (!saved) return samplesAt(this.recPlaces, r, (doc) => this.docLens[doc] !== undefined);
    // Before the tables: the saved set's own samples, and nothing has changed since the save.
    if (savedAt < 0) throw new Error('the formulation tables are not restored yet');
    return samplesAt(saved.formulationPlaces, savedAt, (doc) => (saved.docPresent[doc] & 2) !== 0);
  }

  placesOf(r: number, ids: WordIds, count: number): WordPlace[] {
    this.needTables();
    const out = this.sampledPlaces(r);
    const seen = new Set<string>(out.map((p) => `${p.doc}:${p.pos}`));
    const wanted = Math.min(count, PLACES_WANTED);
    const n = ids.length;
    let budget = PLACE_SCAN_WORDS;
    for (let doc = this.docWords.length - 1; doc >= 0 && out.length < wanted && budget > 0; doc--) {
      const words = this.docWords[doc];
      if (!words || !this.docLens[doc]) continue;
      budget -= words.length;
      for (let p = 0; p + n <= words.length && out.length < wanted; p++) {
        if (words[p] !== ids[0]) continue;
        let k = 1;
        while (k < n && words[p + k] === ids[k]) k++;
        if (k === n && !seen.has(`${doc}:${p}`)) out.push({ doc, pos: p });
      }
    }
    return out;
  }

  /**
   * The miner's tables for a persisted index (see persist.ts): pending documents are mined first,
   * so a restored miner answers without mining. What is cheap to derive is left out (the record
   * hash table, pass marks); the sparse parts are packed (3-gram counter, place samples). Typed
   * arrays may be shared: the caller serialises them before the next change.
   */
  exportState(): { state: MinerState; tables: MinerTables } {
    return runToEnd(this.exportSteps());
  }

  /** exportState() a slice at a time; nothing may change the miner before the state is written. */
  *exportSteps(): Generator<void, { state: MinerState; tables: MinerTables }> {
    this.needTables();
    // The set first: working it out may retire records (a saved miner always answers from it).
    const set = this.formulations() as Formulation[];
    const n = this.docWords.length;
    const present = new Uint8Array(n);
    const offsets = new Float64Array(n + 1);
    let total = 0;
    for (let d = 0; d < n; d++) {
      offsets[d] = total;
      const w = this.docWords[d];
      if (!w) continue;
      present[d] = (this.docLens[d] ? 3 : 1) | (w instanceof Uint16Array ? 0 : 4);
      total += w.length;
    }
    offsets[n] = total;
    yield;
    // The live lists themselves (600 MB at 100,000 precedents, copied into one array before).
    const narrowParts: Uint16Array[] = [];
    const wideParts: Uint32Array[] = [];
    const lenParts: Array<Uint8Array | number> = [];
    for (let d = 0; d < n; d++) {
      const w = this.docWords[d];
      if (!w) continue;
      if (w instanceof Uint16Array) narrowParts.push(w);
      else wideParts.push(w);
      lenParts.push(this.docLens[d] ?? w.length);
    }
    const words = JoinedSection.of('u16', narrowParts);
    const wideWords = JoinedSection.of('u32', wideParts);
    const lens = JoinedSection.of('u8', lenParts);
    // Only used buckets matter: add() reads a bucket's last document and fingerprint when its count is 1.
    const buckets = this.triCount.length;
    const used = new Uint8Array(Math.ceil(buckets / 8));
    let nonzero = 0;
    for (let b = 0; b < buckets; b++) {
      if (this.triCount[b]) nonzero++;
      if ((b & 0xfffff) === 0xfffff) yield;
    }
    const triCount = new Uint16Array(nonzero);
    const triLastDoc = new Int32Array(nonzero);
    const triFinger = new Uint32Array(nonzero);
    for (let b = 0, k = 0; b < buckets; b++) {
      if ((b & 0xfffff) === 0xfffff) yield;
      if (!this.triCount[b]) continue;
      used[b >>> 3] |= 1 << (b & 7);
      triCount[k] = this.triCount[b];
      triLastDoc[k] = this.triLastDoc[b];
      triFinger[k++] = this.triFinger[b];
    }
    const R = this.records;
    const placeCounts = new Uint8Array(R);
    let placed = 0;
    for (let r = 0; r < R; r++) {
      if ((r & 0x3ffff) === 0x3ffff) yield;
      let c = SAMPLE;
      while (c > 0 && this.recPlaces[(r * SAMPLE + c - 1) * 2] < 0) c--;
      placeCounts[r] = c;
      placed += c;
    }
    const places = new Int32Array(placed * 2);
    // Pair by pair: a subarray per record was a view object each, millions of them.
    const recPlaces = this.recPlaces;
    for (let r = 0, k = 0; r < R; r++) {
      if ((r & 0x3ffff) === 0x3ffff) yield;
      const from = r * SAMPLE * 2;
      const c = placeCounts[r] * 2;
      for (let j = 0; j < c; j++) places[k + j] = recPlaces[from + j];
      k += c;
    }
    const setSize = set.length;
    let wordCount = 0;
    for (const f of set) wordCount += f.ids.length;
    const formulationWords = new Uint32Array(wordCount);
    const formulationLengths = new Uint8Array(setSize);
    const formulationCounts = new Int32Array(setSize);
    const formulationDocCounts = new Int32Array(setSize);
    const formulationPlaces = new Int32Array(setSize * SAMPLE * 2).fill(-1);
    for (let i = 0, at = 0; i < setSize; i++) {
      if ((i & 0x3fff) === 0x3fff) yield;
      const f = set[i];
      formulationWords.set(f.ids, at);
      at += f.ids.length;
      formulationLengths[i] = f.ids.length;
      formulationCounts[i] = f.count;
      formulationDocCounts[i] = f.docCount;
      const sample = f.sampled;
      for (let k = 0; k < sample.length && k < SAMPLE; k++) {
        formulationPlaces[(i * SAMPLE + k) * 2] = sample[k].doc;
        formulationPlaces[(i * SAMPLE + k) * 2 + 1] = sample[k].pos;
      }
    }
    return {
      state: {
        vocabulary: this.words.slice(1), functionWords: Uint8Array.from(this.functionWord, Number), docPresent: present, docOffsets: offsets,
        counterBits: Math.log2(buckets), maxCounterBits: this.maxCounterBits, trigrams: this.trigrams,
        records: R, liveRecords: this.liveRecords,
        pass: this.pass, maxRecords: this.maxRecords, pruneAt: this.pruneAt, maxRemine: this.maxRemine,
        formulations: Int32Array.from(set, (f) => f.record),
        formulationWords, formulationLengths, formulationCounts, formulationDocCounts, formulationPlaces,
      },
      tables: {
        docWords: words, wideWords, docLens: lens, triUsed: used, triCount, triLastDoc, triFinger, slots: this.slots,
        recA: this.recA.subarray(0, R), recB: this.recB.subarray(0, R), recLen: this.recLen.subarray(0, R),
        recCount: this.recCount.subarray(0, R), recDocs: this.recDocs.subarray(0, R),
        recPrefix: this.recPrefix.subarray(0, R), recSuffix: this.recSuffix.subarray(0, R), recTarget: this.recTarget.subarray(0, R),
        placeCounts, places,
      },
    };
  }

  /**
   * A miner that answers from its saved formulation set, without its tables (see MinerTables):
   * what a cold start needs, a few hundred megabytes less to read at 100,000 precedents. The
   * tables must be given to restoreTables() before any change, lookup or search for more places.
   */
  static fromState(s: MinerState, options: Pick<FormulationMinerOptions, 'rescanShare'> = {}): FormulationMiner {
    // A small counter for now: restoreTables() puts back the saved one (2^24 buckets, 160 MB at
    // 100,000 precedents, allocated and filled here for nothing before).
    const m = new FormulationMiner({ counterBits: 4, maxRecords: s.maxRecords, maxRemine: s.maxRemine, rescanShare: options.rescanShare });
    expect(Number.isInteger(s.counterBits) && s.counterBits <= 30, '3-gram counter size');
    expect(s.docOffsets.length === s.docPresent.length + 1, 'document tables');
    expect(s.functionWords.length === s.vocabulary.length + 1, 'vocabulary');
    // A loop, not push(...): the vocabulary of a large corpus exceeds the argument limit.
    for (const w of s.vocabulary) {
      m.wordIds.set(w, m.words.length);
      m.functionWord.push(s.functionWords[m.words.length] === 1);
      m.words.push(w);
    }
    m.saved = s;
    m.records = s.records;
    m.liveRecords = s.liveRecords;
    m.trigrams = s.trigrams;
    m.maxCounterBits = s.maxCounterBits;
    // Pass marks only need to differ from the next pass.
    m.pass = s.pass + 1;
    m.pruneAt = s.pruneAt;
    m.changed();
    m.childrenLinked = false;
    const R = s.records;
    const n = s.formulations.length;
    const words = s.formulationWords;
    expect(s.formulationLengths.length === n && s.formulationCounts.length === n && s.formulationDocCounts.length === n
      && s.formulationPlaces.length === n * SAMPLE * 2, 'formulation set');
    // The formulations themselves are made when first read (see savedFormulations()).
    const starts = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const r = s.formulations[i];
      const len = s.formulationLengths[i];
      expect(r >= 0 && r < R && len >= MIN_WORDS && at + len <= words.length, 'formulation records');
      starts[i] = at;
      at += len;
    }
    starts[n] = at;
    expect(at === words.length, 'formulation words');
    m.savedSet = { words, starts };
    m.savedMade = new Map();
    m.savedState = { formulations: s.formulations, formulationCounts: s.formulationCounts, formulationDocCounts: s.formulationDocCounts };
    // The set as saved (members and order once made); what a change needs besides (largest
    // extensions, sources, children) is worked out at the first change or while idle, not here: a
    // cold start waits for none of it.
    m.members = [];
    m.ordered = [];
    m.orderedGeneration = m.generation;
    m.fresh = true;
    return m;
  }

  /** A miner from the whole of what exportState() gave, tables restored at once. */
  static fromSaved(saved: { state: MinerState; tables: MinerTables }, options: Pick<FormulationMinerOptions, 'rescanShare'> = {}): FormulationMiner {
    const m = FormulationMiner.fromState(saved.state, options);
    for (const _ of m.restoreTables(saved.tables));
    return m;
  }

  /** Whether the tables a change needs are still to be given to restoreTables(). */
  get tablesPending(): boolean {
    return this.saved !== null;
  }

  /**
   * Puts back the tables of a miner made by fromState(), a slice at a time (each yield a few
   * milliseconds at most, so a server answers between them); throws on inconsistent tables.
   */
  *restoreTables(t: MinerTables, slice = 1 << 18): Generator<void, void> {
    const s = this.saved;
    if (!s) throw new Error('the formulation tables are already restored');
    const R = s.records;
    const buckets = 2 ** s.counterBits;
    expect(t.triUsed.length === Math.ceil(buckets / 8), '3-gram counter size');
    expect(t.triLastDoc.length === t.triCount.length && t.triFinger.length === t.triCount.length, '3-gram counter');
    expect(t.recA.length === R && t.recB.length === R && t.recLen.length === R && t.recCount.length === R && t.recDocs.length === R
      && t.recPrefix.length === R && t.recSuffix.length === R && t.placeCounts.length === R, 'record count');
    const savedWords = wholeArray(t.docWords, (n) => new Uint16Array(n));
    const savedWide = wholeArray(t.wideWords, (n) => new Uint32Array(n));
    const savedLens = wholeArray(t.docLens, (n) => new Uint8Array(n));
    expect(savedWords.length + savedWide.length === savedLens.length && savedLens.length === s.docOffsets[s.docOffsets.length - 1], 'document tables');
    let narrowAt = 0;
    let wideAt = 0;
    const docWords: Array<WordIds | undefined> = [];
    const docLens: Array<Uint8Array | undefined> = [];
    const pending: number[] = [];
    for (let d = 0; d < s.docPresent.length; d++) {
      const p = s.docPresent[d];
      if (!p) {
        docWords.push(undefined);
        docLens.push(undefined);
        continue;
      }
      const from = s.docOffsets[d];
      const to = s.docOffsets[d + 1];
      expect(from <= to && to <= savedLens.length, 'document offsets');
      if (p & 4) {
        expect(wideAt + to - from <= savedWide.length, 'document offsets');
        docWords.push(savedWide.subarray(wideAt, (wideAt += to - from)));
      } else {
        expect(narrowAt + to - from <= savedWords.length, 'document offsets');
        docWords.push(savedWords.subarray(narrowAt, (narrowAt += to - from)));
      }
      docLens.push(p & 2 ? savedLens.subarray(from, to) : undefined);
      if (!(p & 2)) pending.push(d);
    }
    yield;
    const counterMask = buckets - 1;
    const triCount = new Uint16Array(buckets);
    const triLastDoc = new Int32Array(buckets).fill(-1);
    const triFinger = new Uint32Array(buckets);
    let k = 0;
    const used = t.triUsed;
    const entries = t.triCount.length;
    const [count, lastDoc, finger] = [t.triCount, t.triLastDoc, t.triFinger];
    for (let byte = 0; byte < used.length; byte++) {
      let bits = used[byte];
      if (!bits) continue;
      for (let b = byte * 8; bits; b++, bits >>>= 1) {
        if (!(bits & 1) || k >= entries) continue;
        triCount[b] = count[k];
        triLastDoc[b] = lastDoc[k];
        triFinger[b] = finger[k++];
      }
      if ((byte & (slice - 1)) === 0) yield;
    }
    expect(k === entries, '3-gram counter entries');

    // Record tables: the loaded views as they are (growRecords() copies them at the first record
    // added); the others with room to grow, so that first record does not copy them all again.
    const cap = Math.max(1024, R + (R >>> 3));
    const room = <A extends Uint32Array | Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      if (a.length >= 1024) return a;
      const next = make(1024);
      next.set(a);
      return next;
    };
    const recTarget = yield* pagedIn(new Int32Array(cap));
    if (t.recTarget) {
      expect(t.recTarget.length === R, 'record targets');
      const targets = t.recTarget;
      for (let r = 0; r < R; r++) {
        if (targets[r] < -1 || targets[r] > R) expect(false, 'record targets');
        if ((r & (slice - 1)) === 0) yield;
      }
      recTarget.set(targets);
    }
    const recPlaces = new Int32Array(cap * SAMPLE * 2).fill(-1);
    yield;
    let at = 0;
    // Locals: the tables object comes from JSON.parse and may be a slow dictionary-mode object.
    const places = t.places;
    const counts = t.placeCounts;
    for (let r = 0; r < R; r++) {
      const c = counts[r] * 2;
      if (c > SAMPLE * 2 || at + c > places.length) expect(false, 'place samples');
      // A plain loop: a subarray per record costs more than the copy of up to 8 numbers.
      for (let j = 0, to = r * SAMPLE * 2; j < c; j++) recPlaces[to + j] = places[at + j];
      at += c;
      if ((r & (slice - 1)) === 0) yield;
    }
    // The hash table as saved (views); the checksum vouches for its consistency with the records.
    const size = t.slots.length / SLOT;
    expect(size >= 2 * R && (size & (size - 1)) === 0, 'slot table size');
    yield* this.makeSavedSet(slice);
    const recMember = yield* pagedIn(new Int32Array(cap));
    for (let i = 0; i < this.members.length; i++) recMember[this.members[i].record] = i + 1;
    yield;
    const rightHead = new Int32Array(cap).fill(-1);
    const rightNext = new Int32Array(cap).fill(-1);
    const leftHead = new Int32Array(cap).fill(-1);
    const leftNext = new Int32Array(cap).fill(-1);
    yield;
    const recMark = yield* pagedIn(new Int32Array(cap));
    const srcCount = yield* pagedIn(new Int32Array(cap));
    const recFlags = yield* pagedIn(new Uint8Array(cap));
    // Nothing of the miner changed until now (a change waits for these tables): all at once.
    for (let i = 0; i < docWords.length; i++) {
      this.docWords.push(docWords[i]);
      this.docLens.push(docLens[i]);
    }
    for (const d of pending) this.pending.add(d);
    this.counterMask = counterMask;
    this.triCount = triCount;
    this.triLastDoc = triLastDoc;
    this.triFinger = triFinger;
    this.recA = room(t.recA, (n) => new Uint32Array(n));
    this.recB = room(t.recB, (n) => new Uint32Array(n));
    this.recLen = room(t.recLen, (n) => new Uint8Array(n));
    this.recCount = room(t.recCount, (n) => new Int32Array(n));
    this.recDocs = room(t.recDocs, (n) => new Int32Array(n));
    this.recMark = recMark;
    this.recPrefix = room(t.recPrefix, (n) => new Int32Array(n));
    this.recSuffix = room(t.recSuffix, (n) => new Int32Array(n));
    this.recPlaces = recPlaces;
    this.recTarget = recTarget;
    this.recMember = recMember;
    this.srcCount = srcCount;
    this.recFlags = recFlags;
    this.rightHead = rightHead;
    this.rightNext = rightNext;
    this.leftHead = leftHead;
    this.leftNext = leftNext;
    this.capacity = this.roomForRecords();
    this.slots = t.slots;
    // Room for the members a change adds, made now (in the background): growing a million-entry
    // list copies it into memory touched for the first time (51 ms of the first change at 100k).
    if (this.members.length) {
      this.members.push(this.members[0]);
      this.members.pop();
    }
    this.saved = null;
    // Words not mined yet (a save before mining): the saved set does not count them.
    if (pending.length) this.fresh = false;
  }

  /** Mines what changed since the last query: new documents, and old ones to extend. */
  private flush(): void {
    if (!this.pending.size) return;
    // A first pass (a build) is followed by a refresh of every record, which links children
    // anyway: none linked meanwhile, and no room kept for the links (16 bytes a record).
    if (!this.setReady && this.childrenLinked) {
      this.childrenLinked = false;
      this.rightHead = this.rightNext = this.leftHead = this.leftNext = new Int32Array(0);
      this.capacity = this.roomForRecords();
    }
    // Tables are fitted after a pass over many precedents (a build), not after one change: re-making
    // the hash table is ~0.5 s at 100k precedents, a change's whole budget five times over.
    const bulk = this.bulkPending;
    if (bulk && this.records === 0 && !this.members.length && !this.setTablesLater) {
      this.setTablesLater = true;
      this.recTarget = this.recMember = this.srcCount = new Int32Array(0);
      this.capacity = this.roomForRecords();
    }
    for (const doc of this.pending) {
      if (this.docWords[doc]) this.mine(doc);
      // Between documents, not once all are mined: a bulk build mines every precedent in one
      // flush, and the records seen once piled up meanwhile (10k precedents: peak RSS 1.9 GB,
      // 1.5 GB pruned as it goes; the largest formulations and their counts the same).
      if (this.records > this.pruneAt) {
        this.pruneSingletons();
        // Records seen twice are never dropped: prune again only once the table has doubled.
        this.pruneAt = Math.max(this.maxRecords, this.records * 2);
      }
    }
    this.pending.clear();
    this.fresh = false;
    if (bulk) this.fitTables();
  }

  private toFormulation(r: number, ids: WordIds): Formulation {
    return new Formulation(this, r, ids, this.recCount[r], this.recDocs[r]);
  }

  /** Mines the precedents added since the last query, without working the set out yet. */
  minePending(): void {
    this.needTables();
    this.flush();
  }

  /** Whether the next query mines in one pass over many precedents (a build), not a change's few. */
  get bulkPending(): boolean {
    return !this.setReady && this.pending.size > this.maxRemine;
  }

  /** Whether formulations() would answer without mining or recomputing. */
  hasFormulations(): boolean {
    return this.fresh && this.pending.size === 0;
  }

  // Plain loops, not Array.from(ids, …): it goes through the typed array's iterator, and the key
  // index reads every formulation's key when it is built (10k precedents: ~200 MB of garbage).
  wordsOf(ids: WordIds): string[] {
    return this.wordsInto(ids, new Array<string>(ids.length));
  }

  /** The folded words joined by spaces, through one list reused from key to key. */
  joinedWords(ids: WordIds): string {
    return this.wordsInto(ids, this.joining).join(' ');
  }

  private wordsInto(ids: WordIds, out: string[]): string[] {
    out.length = ids.length;
    for (let i = 0; i < ids.length; i++) out[i] = this.words[ids[i]];
    return out;
  }

  /** Word ids of a record, from the first live place of its sample. */
  private recordWords(r: number): WordIds | null {
    for (let k = 0; k < SAMPLE; k++) {
      const doc = this.recPlaces[(r * SAMPLE + k) * 2];
      if (doc < 0 || !this.docLens[doc]) continue;
      const pos = this.recPlaces[(r * SAMPLE + k) * 2 + 1];
      return this.docWords[doc]!.subarray(pos, pos + this.recLen[r]);
    }
    return null;
  }

  private bucket(ids: WordIds, i: number): number {
    return this.hash3(ids, i) & this.counterMask;
  }

  private hash3(ids: WordIds, i: number): number {
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

  /**
   * For each start, grows the n-gram while its newest 3-gram repeats, counting lengths beyond
   * what an earlier pass over this document counted (docLens): a first pass counts everything, a
   * later one only extends. O(T · MAX_WORDS) arithmetic, one table update per new n-gram.
   */
  private mine(doc: number): void {
    const ids = this.docWords[doc]!;
    const T = ids.length;
    let lens = this.docLens[doc];
    if (!lens) this.docLens[doc] = lens = new Uint8Array(T);
    const repeated = new Uint8Array(T);
    for (let i = 0; i + 2 < T; i++) {
      if (ids[i] && ids[i + 1] && ids[i + 2] && this.triCount[this.bucket(ids, i)] >= 2) repeated[i] = 1;
    }
    const pass = ++this.pass;
    for (let i = 0; i + MIN_WORDS <= T; i++) {
      if (!repeated[i]) continue;
      const old = lens[i];
      this.warmSlots(ids, i, T, old, repeated);
      let a = 0x811c9dc5;
      let b = 0x01000193;
      let prev = -1;
      for (let n = 1; n <= MAX_WORDS && i + n <= T; n++) {
        const id = ids[i + n - 1];
        if (!id) break;
        a = Math.imul(a ^ id, 0x01000193);
        b = Math.imul(b + id, 0x5bd1e995) ^ (b >>> 15);
        if (n < MIN_WORDS) continue;
        if (n <= old) { prev = -2; continue; }
        if (!repeated[i + n - MIN_WORDS]) break;
        let r = this.find(a >>> 0, b >>> 0);
        if (r < 0) r = this.create(a >>> 0, b >>> 0, n);
        if (this.recPrefix[r] === UNLINKED) {
          // Linked on its first count (a record may first be created as another one's suffix).
          if (prev === -2) prev = this.find(hashA(ids, i, i + n - 1), hashB(ids, i, i + n - 1));
          let suffix = -1;
          if (n > MIN_WORDS) {
            const sa = hashA(ids, i + 1, i + n);
            const sb = hashB(ids, i + 1, i + n);
            suffix = this.find(sa, sb);
            // The suffix is counted when its own start is mined; it must exist to be linked.
            if (suffix < 0) suffix = this.create(sa, sb, n - 1);
          }
          this.recPrefix[r] = prev;
          this.recSuffix[r] = suffix;
          if (this.childrenLinked) this.linkChild(r);
        }
        if (this.recCount[r] === 0) this.liveRecords++;
        this.touch(r, this.recCount[r]++);
        if (this.recMark[r] !== pass) {
          this.recMark[r] = pass;
          this.recDocs[r]++;
        }
        const base = r * SAMPLE * 2;
        for (let k = 0; k < SAMPLE; k++) {
          const d = this.recPlaces[base + k * 2];
          if (d >= 0 && this.docLens[d]) continue;
          this.recPlaces[base + k * 2] = doc;
          this.recPlaces[base + k * 2 + 1] = i;
          break;
        }
        lens[i] = n;
        prev = r;
      }
    }
  }

  /** Subtracts what mine() counted for the document, re-deriving its n-grams from docLens. */
  private unmine(doc: number): void {
    const lens = this.docLens[doc];
    if (!lens) return;
    const ids = this.docWords[doc]!;
    const pass = ++this.pass;
    for (let i = 0; i < lens.length; i++) {
      const len = lens[i];
      if (!len) continue;
      let a = 0x811c9dc5;
      let b = 0x01000193;
      for (let n = 1; n <= len; n++) {
        const id = ids[i + n - 1];
        a = Math.imul(a ^ id, 0x01000193);
        b = Math.imul(b + id, 0x5bd1e995) ^ (b >>> 15);
        if (n < MIN_WORDS) continue;
        const r = this.find(a >>> 0, b >>> 0);
        // Pruned (or never kept): counts of such n-grams are lower bounds anyway.
        if (r < 0 || this.recCount[r] <= 0) continue;
        this.touch(r, this.recCount[r]);
        if (--this.recCount[r] === 0) this.liveRecords--;
        if (this.recMark[r] !== pass) {
          this.recMark[r] = pass;
          if (this.recDocs[r] > 0) this.recDocs[r]--;
        }
      }
    }
    // Sampled places of this document are skipped from now on (docLens is how liveness is read).
    this.docLens[doc] = undefined;
  }

  /**
   * Reads the slot of every n-gram mine() is about to look up at start `i` (same hashes, same
   * stops). The reads do not wait on each other, so the processor overlaps their cache misses;
   * mine() then finds the slots in cache. The first read of a probe was ~60 % of mine() at 10k
   * precedents, each miss waited for in turn. `warmed` keeps the reads from being optimised away.
   */
  private warmSlots(ids: WordIds, i: number, T: number, old: number, repeated: Uint8Array): void {
    const slots = this.slots;
    const recB = this.recB;
    const mask = slots.length / SLOT - 1;
    let a = 0x811c9dc5;
    let b = 0x01000193;
    let sum = 0;
    for (let n = 1; n <= MAX_WORDS && i + n <= T; n++) {
      const id = ids[i + n - 1];
      if (!id) break;
      a = Math.imul(a ^ id, 0x01000193);
      b = Math.imul(b + id, 0x5bd1e995) ^ (b >>> 15);
      if (n < MIN_WORDS || n <= old) continue;
      if (!repeated[i + n - MIN_WORDS]) break;
      // The slot, and the record's second half find() compares next.
      const r = slots[(mix(a >>> 0, b >>> 0) & mask) * SLOT + 1];
      sum ^= r >= 0 ? recB[r] : r;
    }
    this.warmed ^= sum;
  }

  /** The record of the n-gram whose hash halves are `a` and `b` (unsigned), or -1. */
  private find(a: number, b: number): number {
    const slots = this.slots;
    const recB = this.recB;
    const mask = slots.length / SLOT - 1;
    const sa = a | 0;
    for (let s = mix(a, b) & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      const r = slots[at + 1];
      if (r < 0) return -1;
      if (slots[at] === sa && recB[r] === b) return r;
    }
  }

  private create(a: number, b: number, n: number): number {
    if (this.records >= this.capacity) this.growRecords();
    if ((this.records + 1) * 2 > this.slots.length / SLOT && !this.pruneComesFirst()) this.growSlots();
    const r = this.records++;
    this.recA[r] = a;
    this.recB[r] = b;
    this.recLen[r] = n;
    this.recCount[r] = 0;
    this.recDocs[r] = 0;
    this.recMark[r] = 0;
    this.recFlags[r] = 0;
    if (!this.setTablesLater) {
      this.recMember[r] = 0;
      this.srcCount[r] = 0;
      this.recTarget[r] = 0;
    }
    if (this.childrenLinked) this.rightHead[r] = this.rightNext[r] = this.leftHead[r] = this.leftNext[r] = -1;
    this.recPrefix[r] = UNLINKED;
    this.recSuffix[r] = UNLINKED;
    this.insertSlot(a, b, r);
    return r;
  }

  private insertSlot(a: number, b: number, r: number): void {
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    let s = mix(a, b) & mask;
    while (slots[s * SLOT + 1] >= 0) s = (s + 1) & mask;
    slots[s * SLOT] = a | 0;
    slots[s * SLOT + 1] = r;
  }

  /**
   * Whether the records will be pruned before the hash table is 60 % full: it is not doubled for
   * them then, only to be half empty again after the prune (100k precedents: 400 MB touched at once
   * for the last 4 % of the records before a prune, the build's peak). Probes a little longer meanwhile.
   */
  private pruneComesFirst(): boolean {
    const bound = this.pruneBound();
    return this.records + 1 <= bound && bound * 5 <= (this.slots.length / SLOT) * 3;
  }

  /** The most records a pass holds before it prunes: pruneAt, and the new records of the precedent that crosses it. */
  private pruneBound(): number {
    return this.pruneAt + (this.pruneAt >>> 4);
  }

  private growSlots(): void {
    this.rehash(this.slots.length / SLOT * 2);
  }

  /** The hash table made again with `size` slots (the same array, emptied, when it has that many) for the records there are. */
  private rehash(size: number): void {
    if (size * SLOT === this.slots.length) this.slots.fill(-1);
    else this.slots = new Int32Array(size * SLOT).fill(-1);
    for (let r = 0; r < this.records; r++) this.insertSlot(this.recA[r], this.recB[r], r);
  }

  /** Room for more records in every per-record table; each grows on its own (see fromState()). */
  private growRecords(): void {
    const need = this.records + 1;
    let size = Math.max(1024, need + (need >>> 1));
    // A pass prunes once the records pass pruneAt (between precedents, so one precedent's new
    // records beyond it): room up to there, not half as much again (10k: room for 5.1 M records
    // when a pass never holds much more than 4 M).
    const bound = this.pruneBound();
    if (need <= bound) size = Math.min(size, bound);
    this.resizeRecords(size);
  }

  /**
   * Makes every per-record table hold `size` records, except those already holding between the
   * current records + 1 and `size` (growing leaves them as they are).
   */
  private resizeRecords(size: number): void {
    const R = this.records;
    const resize = <A extends Uint32Array | Int32Array | Uint8Array>(old: A, make: (n: number) => A, per = 1, fill = 0): A => {
      if (old.length >= (R + 1) * per && old.length <= size * per) return old;
      const next = make(size * per);
      next.set(old.subarray(0, R * per));
      if (fill) next.fill(fill, R * per);
      return next;
    };
    this.recA = resize(this.recA, (n) => new Uint32Array(n));
    this.recB = resize(this.recB, (n) => new Uint32Array(n));
    this.recLen = resize(this.recLen, (n) => new Uint8Array(n));
    this.recCount = resize(this.recCount, (n) => new Int32Array(n));
    this.recDocs = resize(this.recDocs, (n) => new Int32Array(n));
    this.recMark = resize(this.recMark, (n) => new Int32Array(n));
    this.recPrefix = resize(this.recPrefix, (n) => new Int32Array(n));
    this.recSuffix = resize(this.recSuffix, (n) => new Int32Array(n));
    this.recPlaces = resize(this.recPlaces, (n) => new Int32Array(n), SAMPLE * 2, -1);
    if (!this.setTablesLater) {
      this.recTarget = resize(this.recTarget, (n) => new Int32Array(n));
      this.recMember = resize(this.recMember, (n) => new Int32Array(n));
      this.srcCount = resize(this.srcCount, (n) => new Int32Array(n));
    }
    this.recFlags = resize(this.recFlags, (n) => new Uint8Array(n));
    if (this.childrenLinked) {
      this.rightHead = resize(this.rightHead, (n) => new Int32Array(n), 1, -1);
      this.rightNext = resize(this.rightNext, (n) => new Int32Array(n), 1, -1);
      this.leftHead = resize(this.leftHead, (n) => new Int32Array(n), 1, -1);
      this.leftNext = resize(this.leftNext, (n) => new Int32Array(n), 1, -1);
    }
    this.capacity = this.roomForRecords();
  }

  /**
   * After a bulk pass: the record tables and the hash table as small as the records kept allow,
   * with room for an eighth more (what changes add before anything grows). The pass sized them
   * for the most records it held before a prune.
   */
  private fitTables(): void {
    const R = this.records;
    const room = R + Math.max(1024, R >>> 3);
    if (this.capacity > room + (room >>> 2)) this.resizeRecords(room);
    let size = 1 << 12;
    while (size < (room + 1) * 2) size *= 2;
    if (size * SLOT < this.slots.length) this.rehash(size);
  }

  /** Records every per-record table has room for. */
  private roomForRecords(): number {
    return Math.min(this.recA.length, this.recB.length, this.recLen.length, this.recCount.length, this.recDocs.length, this.recMark.length,
      this.recPrefix.length, this.recSuffix.length, this.recPlaces.length / (SAMPLE * 2), this.recFlags.length,
      ...(this.setTablesLater ? [] : [this.recTarget.length, this.recMember.length, this.srcCount.length]),
      ...(this.childrenLinked ? [this.rightHead.length, this.rightNext.length, this.leftHead.length, this.leftNext.length] : []));
  }

  /**
   * Keeps only records seen at least twice (renumbered, links remapped). N-grams first seen after a
   * prune may then miss their first occurrence (counts are lower bounds) — the price of not
   * holding every n-gram of a 1 GB corpus.
   */
  private pruneSingletons(): void {
    const R = this.records;
    const map = new Int32Array(R).fill(-1);
    let next = 0;
    for (let r = 0; r < R; r++) if (this.recCount[r] >= 2) map[r] = next++;
    const remap = (x: number): number => (x >= 0 ? map[x] : x);
    for (let r = 0; r < R; r++) {
      const to = map[r];
      if (to < 0) continue;
      this.recA[to] = this.recA[r];
      this.recB[to] = this.recB[r];
      this.recLen[to] = this.recLen[r];
      this.recCount[to] = this.recCount[r];
      this.recDocs[to] = this.recDocs[r];
      this.recMark[to] = this.recMark[r];
      this.recPrefix[to] = remap(this.recPrefix[r]);
      this.recSuffix[to] = remap(this.recSuffix[r]);
      if (!this.setTablesLater) {
        const t = this.recTarget[r];
        this.recTarget[to] = t > 0 ? map[t - 1] + 1 : t;
      }
      this.recPlaces.copyWithin(to * SAMPLE * 2, r * SAMPLE * 2, (r + 1) * SAMPLE * 2);
    }
    this.recPlaces.fill(-1, next * SAMPLE * 2);
    this.recTarget.fill(0, next);
    this.records = next;
    this.liveRecords = next;
    // Formulations name records by number: none of the last set can be kept after renumbering.
    for (const f of this.members) f.retired = true;
    this.members = [];
    this.recMember.fill(0);
    this.ordered = [];
    this.unordered = [];
    this.setReady = false;
    this.generation += 2;
    this.recFlags.fill(0);
    this.touchedCount = 0;
    this.childrenLinked = false;
    // The table as small as the records left allow (a quarter full at most: room to double), not
    // as large as the records before the prune made it: it is saved with the index.
    let size = this.slots.length / SLOT;
    while (size > 1 << 12 && (next + 1) * 8 <= size) size >>>= 1;
    this.rehash(size);
  }

  private changed(): void {
    this.fresh = false;
    this.version++;
  }

  /** Notes, for the next refresh(), that the record's count changes (from `countBefore`; its document count is not changed yet). */
  private touch(r: number, countBefore: number): void {
    if (this.touchOverflow || this.recFlags[r] & TOUCHED) return;
    // A bulk build touches every record: the next refresh goes through all of them anyway.
    if (this.touchedCount >= Math.max(1 << 16, this.records * this.rescanShare)) {
      this.touchOverflow = true;
      return;
    }
    const at = this.touchedCount * TOUCH_FIELDS;
    if (at === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.recFlags[r] |= TOUCHED;
    this.touched[at] = r;
    this.touched[at + 1] = countBefore;
    this.touched[at + 2] = this.recDocs[r];
    this.touchedCount++;
  }

  /** Puts a record in its parents' lists of children (once its parents are known). */
  private linkChild(r: number): void {
    const p = this.recPrefix[r];
    if (p >= 0) {
      this.rightNext[r] = this.rightHead[p];
      this.rightHead[p] = r;
    }
    const s = this.recSuffix[r];
    if (s >= 0) {
      this.leftNext[r] = this.leftHead[s];
      this.leftHead[s] = r;
    }
  }
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ (b >>> 7), 0x9e3779b1) ^ b;
}

/** The two 32-bit halves of the n-gram hash mine() computes incrementally, for ids[s..e). */
function hashA(ids: ArrayLike<number>, s: number, e: number): number {
  let a = 0x811c9dc5;
  for (let k = s; k < e; k++) a = Math.imul(a ^ ids[k], 0x01000193);
  return a >>> 0;
}
function hashB(ids: ArrayLike<number>, s: number, e: number): number {
  let b = 0x01000193;
  for (let k = s; k < e; k++) b = Math.imul(b + ids[k], 0x5bd1e995) ^ (b >>> 15);
  return b >>> 0;
}
