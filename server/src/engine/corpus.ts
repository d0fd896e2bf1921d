// The precedent index: what the features and the CLI ask of the corpus (openers, formulations,
// references, concordance, topic evidence), maintained incrementally one precedent at a time.
//
// Design for 100k precedents (~1 GB of text):
//  - Documents get a number when indexed; replacing a precedent removes its old number's
//    contributions (kept per document: openers, references, topics, formulation records) and gives
//    the new version a new number. No full rebuild.
//  - Nothing keeps a document's AnalysedText. Per document: metadata, units (clause spans in the
//    clean text, labels), its word-id sequence (4 bytes a word, in the formulation miner) and, when
//    `keepText` (default, right for a few thousand precedents), its clean text and line starts.
//    Large corpora pass `keepText: false` and `readText`: quotes and ranges are then rebuilt on
//    demand from the file (cleanup again, a small LRU), only for the occurrences a query returns.
//  - Occurrences are stored as numbers (document, clean start, clean end) and become `Occurrence`
//    objects only when returned.
//  - Concordance: word id → documents (growable Int32Array postings + counts); a removed
//    document is a tombstone skipped by queries, and postings are compacted when tombstones
//    outnumber live documents.
//  - Key indexes (openers, references, formulations) are rebuilt lazily on the next query, only
//    when their key set changed; corpus counts are read live through `weightOf`.
//
// Metadata: the manifest (input.meta) describes bundled seeds; a user's file may carry front
// matter. When both are given, the file's front matter wins field by field: it is what the drafter
// edits, while a manifest entry may be stale. Missing fields are inferred by completeMeta().
import type {
  ClauseRole, CleanText, FormulationEntry, IndexedDocument, KnownReference, Match, Occurrence, OpenerEntry, OpenerForm,
  PrecedentMeta, ReferenceEntry, ReferenceKind, ReferenceType, SkippedDocument, Span,
} from './types';
import { analyseText } from './analyse';
import { decodePrecedent } from './text/decode';
import { cleanup } from './text/cleanup';
import { ownString } from './text/normalize';
import { completeMeta, readFrontMatter } from './text/frontmatter';
import { computeLineStarts, rangeOf } from './text/lines';
import { OPENER_LEXICON } from './structure/lexicon';
import { conjugate } from './structure/conjugate';
import { KNOWN_REFERENCES } from './references/knowledge';
import { instrumentHead } from './references/find';
import { JoinedKeys } from './search/joinedKeys';
import { editDistance, foldKey, GrowingKeyIndex, KeyIndex, type EntryList, type KeyIndexEntry, type KeyIndexOptions } from './search/keyIndex';
import { FormulationMiner, foldedWords, foldWord, isFunctionWord, MAX_WORDS, tokenize, type MinedFormulation, type MinerState, type MinerTables, type TokenList, type WordIds, type WordPlace } from './formulations';
import { mergeSorted } from './sorted';
import { DocSet } from './docSet';
import { JoinedSection, wholeArray } from './sections';
import { runToEnd } from './steps';

export interface PrecedentInput {
  docId: string;
  /** File name, for inferring a title when there is no metadata. */
  fileName: string;
  bytes: Uint8Array;
  /**
   * Metadata from a manifest. Front matter in the file is read too; when both give a field, the
   * front matter wins (the file is what its author maintains).
   */
  meta?: Partial<PrecedentMeta>;
  /**
   * Keep this precedent's clean text, whatever the index's `keepText`: an editor buffer, whose
   * text `readText` (the file on disk) would not give back.
   */
  keepText?: boolean;
}

/**
 * A precedent decoded and analysed, not yet in an index: the per-precedent work of an upsert
 * (decoding, cleanup, segmentation, citations, folding its words), done by readPrecedent() without
 * an index, so a host may read precedents on other threads and add them in order (addRead()). Plain
 * data, cloned whole across a worker boundary: only what the index takes from the analysis.
 */
export interface ReadPrecedent {
  docId: string;
  /** Completed (front matter over manifest, the rest inferred). */
  meta: PrecedentMeta;
  notes: string[];
  /** Its text, when the index is to keep it (see `keepText`): what a clone across threads spends most on otherwise. */
  text: DocText | null;
  clauseCount: number;
  openers: ReadOpener[];
  references: ReadReference[];
  topics: string[];
  /** Units (clauses and the paragraphs between them) as start, end pairs in the clean text. */
  units: Int32Array;
  unitLabels: Array<string | null>;
  /** Its words folded, as foldedWords() gives them. */
  words: string;
}

/** An opener as the index counts it: its lemma in lower case, its span in the clean text. */
export interface ReadOpener {
  lemma: string;
  form: OpenerForm;
  text: string;
  /** Form and folded text, how the index tells its forms apart. */
  key: string;
  role: ClauseRole;
  start: number;
  end: number;
}

/** A citation as the index counts it: written text single-spaced, span in the clean text. */
export interface ReadReference {
  id: string;
  kind: ReferenceKind;
  type: ReferenceType;
  text: string;
  /** foldKey() of the text and of the acronym: folding is work a reading thread can take. */
  folded: string;
  acronym: string | null;
  foldedAcronym: string | null;
  years: string[];
  start: number;
  end: number;
}

export type ReadOutcome = { ok: true; read: ReadPrecedent } | { ok: false; docId: string; reason: string };

/**
 * Reads one precedent as upsert() does, without an index: pure and deterministic, so it may run on
 * any thread (see ReadPrecedent).
 */
export function readPrecedent(input: PrecedentInput, keepText: boolean): ReadOutcome {
  const decoded = decodePrecedent(input.bytes);
  const reason = !decoded.ok
    ? decoded.reason
    : decoded.text.includes('\u0000')
      ? 'binary file (contains NUL bytes), not a text precedent'
      : decoded.text.trim() === ''
        ? 'empty file: no text to index'
        : null;
  if (reason !== null || !decoded.ok) return { ok: false, docId: input.docId, reason: reason ?? 'unreadable' };

  const front = readFrontMatter(decoded.text);
  const body = blankFrontMatter(decoded.text, front.bodyStart);
  const analysed = analyseText(body);
  const units = unitsOf(analysed.clean.text, analysed.clauses);
  const tokens = tokenize(analysed.clean.text, units.spans);
  if (!tokens.starts.some((s) => s >= 0)) return { ok: false, docId: input.docId, reason: 'no words to index (only front matter or symbols)' };

  // Front matter wins over the manifest for the fields it gives (see the header comment).
  const given: Partial<PrecedentMeta> = { ...(input.meta ?? {}), ...front.meta };
  const meta = completeMeta(given, analysed.clean.text, input.fileName);
  const notes = [...decoded.notes, ...front.errors.map((e) => `front matter: ${e}`)];
  if (meta.inferred.length) notes.push(`inferred from the text: ${meta.inferred.join(', ')}`);

  const clean = analysed.clean;
  const openers: ReadOpener[] = [];
  for (const clause of analysed.clauses) {
    const op = clause.opener;
    if (!op) continue;
    const at = openerCleanSpan(clean, clause.cleanSpan, clause.text, op.text, op.span);
    openers.push({
      lemma: op.lemma.toLowerCase(), form: op.form, text: op.text, key: `${op.form}|${foldKey(op.text)}`, role: clause.role, start: at.start, end: at.end,
    });
  }
  const references: ReadReference[] = analysed.references.map((m) => {
    const text = m.text.replace(/\s+/g, ' ').trim();
    return {
      id: m.id, kind: m.kind, type: m.type, text, folded: foldKey(text), acronym: m.acronym, foldedAcronym: m.acronym === null ? null : foldKey(m.acronym),
      years: m.years, start: m.cleanSpan.start, end: m.cleanSpan.end,
    };
  });
  return {
    ok: true,
    read: {
      docId: input.docId, meta, notes, text: keepText ? { clean, lineStarts: analysed.lineStarts, tokens } : null,
      clauseCount: analysed.clauses.length, openers, references, topics: analysed.topics, units: units.flat, unitLabels: units.labels,
      words: foldedWords(clean.text, tokens),
    },
  };
}

export interface PrecedentIndexOptions {
  /** Keep each precedent's clean text for quotes (default true). */
  keepText?: boolean;
  /** Decoded text of a precedent, for quotes when `keepText` is false. */
  readText?: (docId: string) => string | null;
}

/** A formulation continuing the words before the cursor. */
export interface FormulationContinuation extends Match<FormulationEntry> {
  /**
   * Exact precedent text to insert at the cursor. It starts with a space when the cursor stands
   * right after a complete word ("…Nations Unies|" → " contre la criminalité transnationale
   * organisée"), with the rest of a partial word otherwise ("…la mes|" → "ure du possible…"), and
   * with the next word when the text already ends with a space.
   */
  insert: string;
  /** The typed words the formulation continues (a suffix of wordsBefore, as typed). */
  typed: string;
  /** The full formulation as written in the precedents. */
  formulation: string;
}

type OccRef = [doc: number, start: number, end: number];

interface DocRecord {
  docId: string;
  alive: boolean;
  meta: PrecedentMeta;
  notes: string[];
  clauseCount: number;
  referenceCount: number;
  /** Units (clauses, then the text between them) in the clean text: flattened start/end pairs. */
  units: Int32Array;
  unitLabels: Array<string | null>;
  text: DocText | null;
  openers: Array<{ lemma: string; key: string; text: string }>;
  references: string[];
  topics: string[];
  /** Distinct word ids (for postings bookkeeping). */
  wordCount: number;
  /**
   * A restored or prepared document's openers, references, topics and unit labels as string-table
   * ids, turned into the arrays above on first need (unpack()): most documents are never removed
   * nor quoted, and 100k documents' small arrays would cost a second to build on load and ~400 MB
   * of heap to keep (see packRecords()).
   */
  packed?: PackedDoc | null;
}

interface PackedDoc {
  tables: PackedTables;
  /** The record's number in them. */
  k: number;
}

/**
 * The saved state's tables of every restored record, shared: a record's part is cut out when it is
 * needed (four views per record made at the load were 400,000 objects and 40 MB of heap at 100k).
 */
interface PackedTables {
  strings: readonly string[];
  /** Per unit: string id, -1 for no label; a record's from unitOffsets[k]. */
  labels: Int32Array;
  unitOffsets: Float64Array;
  /** (lemma, key, text) string ids per opener; a record's from openerOffsets[k] × 3. */
  openers: Int32Array;
  openerOffsets: Float64Array;
  references: Int32Array;
  referenceOffsets: Float64Array;
  topics: Int32Array;
  topicOffsets: Float64Array;
}

/**
 * Everything a PrecedentIndex holds, as plain data and typed arrays, for a persisted index
 * (persist.ts turns it into bytes). Document numbers, word ids and record numbers are kept as
 * they are, so nothing is re-analysed, re-mined or sorted on load. Clean texts are not stored:
 * quotes of restored precedents are rebuilt from `readText`.
 */
export interface IndexState {
  strings: string[];
  docs: {
    docIds: string[];
    alive: Uint8Array;
    /**
     * Per document, META_FIELDS string ids in `strings` (-1 for null): title, date, body, place,
     * kind, language and the inferred fields (a JSON list). As objects in the JSON, the metadata
     * was 16.6 MB of it at 100k, its field names and repeated bodies and places written each time.
     */
    meta: Int32Array;
    /** Per document, the string id of its notes (a JSON list): most precedents have the same ones. */
    notes: Int32Array;
    clauseCount: Int32Array;
    referenceCount: Int32Array;
    wordCount: Int32Array;
    /** Per document, first unit (length documents + 1); units are (start, end) pairs. */
    unitOffsets: Float64Array;
    /** Saved as each live precedent's own units, one after the other. */
    units: Int32Array | JoinedSection<Int32Array>;
    labels: Int32Array;
    /** Per document, first opener (triples in later.docOpeners), reference and topic (length documents + 1). */
    openerOffsets: Float64Array;
    referenceOffsets: Float64Array;
    topicOffsets: Float64Array;
  };
  skips: Array<[string, string]>;
  deadDocs: number;
  miner: MinerState;
  postLen: Int32Array;
  /** By word id, 1 when a live precedent uses it (hasWord() before the postings are restored). */
  liveWords: Uint8Array;
  /**
   * What only changes, saves and searches through every precedent's words need: most of the
   * bytes (1.8 GB of 2.4 at 100,000 precedents). Saved last, so a cold start answers before
   * reading them (see fromState() and restoreLater()).
   */
  later: {
    miner: MinerTables;
    /** One run per word id (see withRoom()): the live lists as they are when saved. */
    postDocs: Int32Array | JoinedSection<Int32Array>;
    /** How often the word is used in each precedent of postDocs, saturating at 65,535 (a count for the concordance's total). */
    postUses: Uint16Array | JoinedSection<Uint16Array>;
    /** Per document (see docs.*Offsets): its openers as (lemma, key, text) string ids, references, topics. */
    docOpeners: Int32Array;
    docReferences: Int32Array;
    docTopics: Int32Array;
    /** The (precedent, count) pairs of each opener form (in the order of `openers` and their forms) and reference. */
    openerDocs: Int32Array[];
    referenceDocs: Int32Array[];
  };
  openers: Array<{
    lemma: string; inLexicon: boolean; lexiconRole: ClauseRole | null; roles: Array<[ClauseRole, number]>; lexiconForms: string[]; count: number;
    forms: Array<{ key: string; form: OpenerForm; texts: Array<[string, number]>; count: number; occ: Int32Array; occLength: number; order?: Int32Array }>;
  }>;
  references: Array<{
    id: string; kind: ReferenceKind; type: ReferenceType; known: boolean; count: number;
    written: Array<[string, string, number]>; acronyms: Array<[string, string]>; years: Array<[string, number]>; occ: Int32Array; occLength: number;
    /** The occurrences' order, newest precedent first (see occOrder()): the first hover after a load sorts nothing. */
    order?: Int32Array;
  }>;
  topics: Array<[string, Int32Array]>;
  /** Per topic, how many of its precedents cite each reference: (position in `references`, count) pairs. */
  topicReferences?: Array<[string, Int32Array]>;
  /** Formulations (positions in the miner's saved set) in key order: the key index without a sort. */
  formulationOrder?: Int32Array;
  /**
   * Their keys in that order, joined by U+0000: as Latin-1 code units when every key fits (read in
   * place from the saved bytes), else as a string (see JoinedKeys.saved()).
   */
  formulationKeys?: string | Uint8Array;
  /** The reference tables prepare() makes, as made when the index was saved. */
  referenceTables?: SavedReferenceTables;
}

/**
 * The reference tables (key index, name map, suggestion table) as the saved index had them: a
 * load takes them as they are instead of folding every reference name again (1 s at 100,000
 * precedents, a seventh of a cold start). References are positions in `references`;
 * strings are joined by U+0000.
 */
export interface SavedReferenceTables {
  /**
   * The key index's rows in key order: folded keys (as JoinedKeys.saved() gives them: Latin-1
   * bytes read in place when they fit, 7.5 MB less JSON at 100k), each as given (a number in
   * `keyTexts`), reference, weight, later-word flag.
   */
  keys: string | Uint8Array;
  keyTexts: string;
  keyText: Int32Array;
  keyReference: Int32Array;
  keyWeight: Float64Array;
  keyInner: Uint8Array;
  /** The name map: folded names and the reference each resolves to. */
  names: string;
  nameReference: Int32Array;
  /** The suggestion table's entries in order: names as written, folded, their reference, 1 for an acronym. */
  suggestNames: string;
  suggestFolded: string;
  suggestReference: Int32Array;
  suggestAcronym: Uint8Array;
}

export interface DocText {
  clean: CleanText;
  lineStarts: number[];
  tokens?: TokenList;
}

interface OpenerFormAgg {
  form: OpenerForm;
  texts: Map<string, number>;
  count: number;
  docs: DocCounts;
  occ: Occurrences;
  /** The quoted newest occurrence (see openerEntry()). */
  example?: { doc: number; start: number; occurrence: Occurrence };
}

interface OpenerAgg {
  lemma: string;
  inLexicon: boolean;
  lexiconRole: ClauseRole | null;
  roles: Map<ClauseRole, number>;
  lexiconForms: string[];
  forms: Map<string, OpenerFormAgg>;
  count: number;
  /** The entry as last made, and the count of changes it holds for (see openerEntry()). */
  entry?: { version: number; value: OpenerEntry };
}

interface ReferenceAgg {
  id: string;
  kind: ReferenceKind;
  type: ReferenceType;
  known: KnownReference | null;
  count: number;
  docs: DocCounts;
  written: Map<string, { text: string; count: number }>;
  acronyms: Map<string, string>;
  years: Map<string, number>;
  occ: Occurrences;
  /** The entry as last made, and the count of changes it holds for (see referenceEntry()). */
  entry?: { version: number; value: ReferenceEntry };
}

interface SuggestTable {
  entries: Array<{ agg: ReferenceAgg; name: string; folded: string; acronym: boolean; words: string[] }>;
  /** Content word → entries naming it. */
  byWord: Map<string, number[]>;
  /** One-word names by themselves and by each one-letter deletion. */
  byDeletion: Map<string, number[]>;
  /** Answers given since the table was built (limit and query → reference, score, name matched). */
  answers: Map<string, Array<[ReferenceAgg, number, string]>>;
}

/** Reference names are also found by their later words ("palerme"), function words excepted. */
const REFERENCE_KEY_OPTIONS: KeyIndexOptions<ReferenceAgg> = { wordStarts: (word) => word.length >= 3 && !isFunctionWord(word) };

/** A formulation as a key index entry: its key (its words) made only if read. */
class FormulationKeyEntry implements KeyIndexEntry<MinedFormulation> {
  constructor(readonly entry: MinedFormulation) {}
  get key(): string {
    return this.entry.key();
  }
  get weight(): number {
    return this.entry.count;
  }
}

/** How many of the (document, start, end) triples in flat[0, length) are in a live document. */
function liveTriples(flat: Int32Array, length: number, alive: Uint8Array): number {
  let live = 0;
  for (let k = 0; k < length; k += 3) live += alive[flat[k]] ?? 0;
  return live;
}

/**
 * Whether `order` lists triples of flat[0, length) by their start, each of a live document and
 * each once (`seen` marks them with `stamp`).
 */
function isOrderOf(order: Int32Array, flat: Int32Array, length: number, alive: Uint8Array, seen: Int32Array, stamp: number): boolean {
  for (let i = 0; i < order.length; i++) {
    const k = order[i];
    if (!(k >= 0 && k < length && k % 3 === 0 && seen[k / 3] !== stamp && alive[flat[k]] === 1)) return false;
    seen[k / 3] = stamp;
  }
  return true;
}

/** String ids per precedent in a saved index's metadata (see IndexState.docs.meta). */
const META_FIELDS = 7;

/** Lists of more triples than this have their saved order checked on a sample (see sampledOrderOf()). */
const ORDER_CHECKED_WHOLE = 4096;

/**
 * isOrderOf() on every 64th entry and the last, and no more entries than triples: the long lists
 * (643,000 citations of the most cited body at 100k) were 100-130 ms of every load, read whole for
 * a file its checksum already vouches for; a list saved wrong by a bug still fails here.
 */
function sampledOrderOf(order: Int32Array, flat: Int32Array, length: number, alive: Uint8Array): boolean {
  if (order.length > length / 3) return false;
  const live = (k: number): boolean => k >= 0 && k < length && k % 3 === 0 && alive[flat[k]] === 1;
  for (let i = 0; i < order.length; i += 64) if (!live(order[i])) return false;
  return order.length === 0 || live(order[order.length - 1]);
}

/** Names sharing a word beyond this many are not candidates by that word when a rarer one is shared. */
const COMMON_NAME_WORD = 2000;

/** Citations whose order a save works out in one step at most (see exportSteps()). */
const STEP_CITATIONS = 1 << 15;

/** What the index learns about a formulation when asked (on the formulation itself, see indexNotes). */
interface FormulationNotes {
  written?: string;
  /** The example a completion shows (its document number, to drop it when that precedent goes). */
  example?: { doc: number; occurrence: Occurrence } | null;
}

const OPENER_FORMS: OpenerForm[] = ['third-plural', 'third-singular', 'first-plural', 'participle', 'past-participle', 'infinitive', 'noun'];
const QUOTE_CAP = 400;
const FORMULATION_OCCURRENCES = 20;
/** Re-read precedent texts kept (~100 KB each with offsets and tokens): what a few hovers and completions quote. */
const TEXT_CACHE_DOCS = 256;
const ARTICLE = /^(?:la|le|les|l['’ʼ]|the)\s*/i;

export class PrecedentIndex {
  /** Precedents keep their clean text here (see PrecedentIndexOptions.keepText). */
  readonly keepText: boolean;
  private readonly readText?: (docId: string) => string | null;

  private readonly docs: DocRecord[] = [];
  private readonly docNumber = new Map<string, number>();
  private readonly skips = new Map<string, string>();
  private deadDocs = 0;
  private readonly textCache = new Map<number, DocText>();
  /** Sorted orders of occurrence lists (see occOrder()); dropped with their list. */
  private readonly occOrders = new WeakMap<Occurrences, { length: number; order: Int32Array; removals: number }>();
  /** Precedents removed so far: an order kept from before a removal is filtered once. */
  private removals = 0;
  /** Per topic, per reference: precedents on the topic citing it (built on first need, see topicEvidence()). */
  private readonly topicRefs = new Map<string, Map<string, number>>();
  /**
   * A load's topic counts until a topic is first read (see topicRefsOf()): (position in
   * `savedReferenceIds`, count) pairs. Filling the 13 topics' maps was 250,000 sets (~100 ms) of a
   * cold start at 100k, for a lint that reads the few topics of its draft.
   */
  private savedTopicRefs: Map<string, Int32Array> | null = null;
  private savedReferenceIds: string[] = [];
  /** topicRefs sorted, most cited first; after a change, the references whose count moved wait in topicRankingMoved. */
  private readonly topicRanking = new Map<string, Array<{ id: string; docCount: number }>>();
  private readonly topicRankingMoved = new Map<string, Set<string>>();

  /**
   * Upserts and removals so far: answers derived from the aggregates (opener and reference
   * entries) and the idle preparation are stamped with it, and are stale once it moves.
   */
  private changes = 0;
  /** `changes` when fitLists() last ran: a loaded index, or one unchanged since, has nothing to cut. */
  private listsFitAt = 0;

  private miner = new FormulationMiner();
  /** word id → document numbers (ascending) and uses per document. */
  private postDocs: Int32Array[] = [];
  private postUses: Uint16Array[] = [];
  private postLen: number[] = [];
  /** A restored index's state until restoreLater() has put back its tables (see IndexState.later). */
  private unrestored: { later: IndexState['later']; liveWords: Uint8Array } | null = null;

  private readonly openers = new Map<string, OpenerAgg>();
  private openerKeys: KeyIndex<OpenerAgg> | null = null;

  private readonly references = new Map<string, ReferenceAgg>();
  private referenceKeys: GrowingKeyIndex<ReferenceAgg> | null = null;
  private referenceNames: Map<string, string> | null = null;
  /** Reference names prepared for suggestReferences() (dropped with referenceNames). */
  private referenceSuggest: SuggestTable | null = null;

  private readonly topicDocs = new Map<string, DocSet>();

  /** Formulations by their folded words; a retired formulation's rows are dead (skipped at lookup). */
  private formulationKeys: GrowingKeyIndex<MinedFormulation> | null = null;
  /** The miner's generation of the formulation set the key index follows. */
  private formulationGeneration = -1;
  private formulationVersion = -1;

  constructor(options: PrecedentIndexOptions = {}) {
    this.keepText = options.keepText ?? true;
    this.readText = options.readText;
    for (const lex of OPENER_LEXICON) {
      const agg = this.openerAgg(lex.lemma);
      agg.inLexicon = true;
      agg.lexiconRole = lex.role;
      for (const form of Object.values(lex.forms)) if (form) agg.lexiconForms.push(form);
    }
    for (const known of KNOWN_REFERENCES) this.references.set(known.id, newReferenceAgg(known.id, known.kind, known.type, known));
  }

  /** Whether a restored index still waits for restoreLater() before changes, saves and word searches. */
  get tablesPending(): boolean {
    return this.unrestored !== null;
  }

  private needTables(): void {
    if (this.unrestored) throw new Error('the saved index is not fully read yet: its tables must be restored before this');
  }

  /**
   * One copy of each string the index keeps again and again (an opener's form key and text at
   * every clause, unit labels, notes, bodies and places), none of them a slice of a precedent's
   * text (see ownString): at 10k precedents 450,000 copies of a few thousand strings, 23 MB.
   */
  private readonly kept = new Map<string, string>();

  private intern(s: string): string {
    let kept = this.kept.get(s);
    if (kept === undefined) this.kept.set((kept = ownString(s)), kept);
    return kept;
  }

  /** Metadata whose strings do not keep the precedent's text alive; the repeated ones once. */
  private ownMeta(meta: PrecedentMeta): PrecedentMeta {
    const shared = (v: string | null): string | null => (v === null ? null : this.intern(v));
    return {
      ...meta, title: ownString(meta.title), date: shared(meta.date), body: shared(meta.body), place: shared(meta.place), kind: shared(meta.kind),
      language: this.intern(meta.language), inferred: meta.inferred.map((v) => this.intern(v)),
    };
  }

  /** Why the index may not change for now, one entry per holder (see holdChanges()). */
  private readonly holds: string[] = [];

  /**
   * Refuses changes (upsert, remove) until the returned function is called: a save writes the
   * index's own arrays as they are, over seconds, while queries go on (see encodeIndexStream()).
   * A change in between would make it write half of each; this makes that a loud error instead.
   */
  holdChanges(reason: string): () => void {
    this.holds.push(reason);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds.splice(this.holds.indexOf(reason), 1);
    };
  }

  private needChangeable(): void {
    this.needTables();
    if (this.holds.length) throw new Error(`the index cannot change now: ${this.holds[0]}`);
  }

  // ------------------------------------------------------------------------------------------
  // Documents

  /** Add or replace one precedent. Returns the skip reason when the file cannot be used. */
  upsert(input: PrecedentInput): { ok: true } | { ok: false; reason: string } {
    return this.addRead(readPrecedent(input, input.keepText ?? this.keepText));
  }

  /**
   * Add or replace a precedent readPrecedent() read (here or on another thread): the index's own
   * share of an upsert. Precedents added in the same order give the same index however they were read.
   */
  addRead(outcome: ReadOutcome): { ok: true } | { ok: false; reason: string } {
    this.needChangeable();
    this.changes++;
    if (!outcome.ok) return this.skip(outcome.docId, outcome.reason);
    const read = outcome.read;
    const meta = this.ownMeta(read.meta);
    // What the index keeps must not hold the analysed text (see ownString).
    const notes = read.notes.map((n) => this.intern(n));

    this.remove(read.docId);
    this.skips.delete(read.docId);
    const doc = this.docs.length;
    const record: DocRecord = {
      docId: read.docId, alive: true, meta, notes, clauseCount: read.clauseCount,
      referenceCount: read.references.length, units: read.units, unitLabels: read.unitLabels.map((l) => (l === null ? null : this.intern(l))),
      text: read.text,
      openers: [], references: [], topics: [...new Set(read.topics)], wordCount: 0,
    };
    this.docs.push(record);
    this.docNumber.set(read.docId, doc);

    // Words: formulation miner and concordance postings.
    const ids = this.miner.internFolded(read.words);
    this.miner.add(doc, ids);
    this.addPostings(doc, ids);

    // Openers.
    for (const op of read.openers) {
      const lemma = this.intern(op.lemma);
      const agg = this.openerAgg(lemma);
      const key = this.intern(op.key);
      const opText = this.intern(op.text);
      let form = agg.forms.get(key);
      if (!form) {
        form = { form: op.form, texts: new Map(), count: 0, docs: DocCounts.empty(), occ: new Occurrences() };
        agg.forms.set(key, form);
      }
      if (!form.texts.has(opText)) this.openerKeys = null;
      form.texts.set(opText, (form.texts.get(opText) ?? 0) + 1);
      form.count++;
      form.docs.add(doc);
      form.occ.push(doc, op.start, op.end);
      agg.count++;
      agg.roles.set(op.role, (agg.roles.get(op.role) ?? 0) + 1);
      record.openers.push({ lemma, key, text: opText });
    }

    // References.
    for (const mention of read.references) {
      let agg = this.references.get(mention.id);
      if (!agg) {
        agg = newReferenceAgg(ownString(mention.id), mention.kind, mention.type, null);
        this.references.set(agg.id, agg);
      }
      // Strings are owned (copied out of the analysed text) only when the index keeps them.
      const written = agg.written.get(mention.folded);
      if (written) written.count++;
      else {
        const text = ownString(mention.text);
        agg.written.set(ownString(mention.folded), { text, count: 1 });
        this.referenceNameAdded(agg, text, false);
      }
      if (mention.acronym && mention.foldedAcronym !== null && !agg.acronyms.has(mention.foldedAcronym)) {
        const acronym = ownString(mention.acronym);
        agg.acronyms.set(ownString(mention.foldedAcronym), acronym);
        this.referenceNameAdded(agg, acronym, true);
      }
      for (const y of mention.years) {
        const seen = agg.years.get(y);
        agg.years.set(seen === undefined ? ownString(y) : y, (seen ?? 0) + 1);
      }
      agg.count++;
      agg.docs.add(doc);
      agg.occ.push(doc, mention.start, mention.end);
      record.references.push(agg.id);
    }

    // Topics.
    const cited = new Set(record.references);
    for (const topic of record.topics) {
      let set = this.topicDocs.get(topic);
      if (!set) this.topicDocs.set(topic, (set = new DocSet()));
      // Counted as precedents come (a first count after a load would unpack every precedent of
      // the topic: seconds at the first lint); a topic loaded without its counts is counted on first use.
      let counts = this.topicRefsOf(topic);
      if (!counts && !set.size) this.topicRefs.set(topic, (counts = new Map()));
      set.add(doc);
      if (counts) for (const id of cited) counts.set(id, (counts.get(id) ?? 0) + 1);
      this.rankingChanged(topic, cited);
    }
    return { ok: true };
  }

  remove(docId: string): boolean {
    this.needChangeable();
    this.changes++;
    const doc = this.docNumber.get(docId);
    this.skips.delete(docId);
    if (doc === undefined) return false;
    const record = this.docs[doc];
    unpack(record);
    this.docNumber.delete(docId);
    record.alive = false;
    this.deadDocs++;
    this.removals++;
    this.textCache.delete(doc);

    this.miner.remove(doc);

    const touchedForms = new Set<OpenerFormAgg>();
    for (const { lemma, key, text } of record.openers) {
      const agg = this.openers.get(lemma);
      const form = agg?.forms.get(key);
      if (!agg || !form) continue;
      agg.count--;
      form.count--;
      const left = (form.texts.get(text) ?? 0) - 1;
      if (left > 0) form.texts.set(text, left);
      else {
        // A written variant only this document used is no longer a key.
        form.texts.delete(text);
        this.openerKeys = null;
      }
      if (!touchedForms.has(form)) {
        touchedForms.add(form);
        // The occurrences stay in form.occ, dead (readers skip dead precedents): copying a list of
        // 600,000 citations at each removal made one changed precedent cost seconds at 100k.
        form.docs.delete(doc);
      }
      if (form.count <= 0) agg.forms.delete(key);
      if (agg.count <= 0 && !agg.inLexicon && this.openers.delete(lemma)) this.openerKeys = null;
    }
    // Roles: recount lazily is not possible without clauses; keep the counts (they only rank).

    const refIds = new Set(record.references);
    for (const id of record.references) {
      const agg = this.references.get(id);
      if (agg) agg.count--;
    }
    for (const id of refIds) {
      const agg = this.references.get(id);
      if (!agg) continue;
      agg.docs.delete(doc);
      if (agg.count <= 0 && !agg.known) {
        this.references.delete(id);
        this.referenceRemoved(agg);
      }
    }
    for (const topic of record.topics) {
      this.topicDocs.get(topic)?.delete(doc);
      this.rankingChanged(topic, refIds);
      const counts = this.topicRefsOf(topic);
      if (!counts) continue;
      for (const id of refIds) {
        const left = (counts.get(id) ?? 0) - 1;
        if (left > 0) counts.set(id, left);
        else counts.delete(id);
      }
    }
    // Free what queries no longer need; the record stays as a tombstone for postings.
    record.text = null;
    record.openers = [];
    record.references = [];
    record.units = new Int32Array(0);
    record.unitLabels = [];
    if (this.deadDocs > 64 && this.deadDocs > this.docNumber.size) this.compactPostings();
    return true;
  }

  /** How many precedents, clauses and citations the index holds (what documents() would sum, without a row each). */
  documentTotals(): { documents: number; clauses: number; references: number } {
    let clauses = 0;
    let references = 0;
    for (const doc of this.docNumber.values()) {
      clauses += this.docs[doc].clauseCount;
      references += this.docs[doc].referenceCount;
    }
    return { documents: this.docNumber.size, clauses, references };
  }

  documents(): IndexedDocument[] {
    const out: IndexedDocument[] = [];
    for (const doc of this.docNumber.values()) {
      const r = this.docs[doc];
      out.push({ docId: r.docId, meta: r.meta, clauseCount: r.clauseCount, referenceCount: r.referenceCount, notes: [...r.notes] });
    }
    return out;
  }

  skipped(): SkippedDocument[] {
    return [...this.skips].map(([docId, reason]) => ({ docId, reason }));
  }

  // ------------------------------------------------------------------------------------------
  // Openers

  /**
   * Build now what the first queries would build (the key indexes of openers, formulations and
   * references, the name tables of the lint): a server calls it once the corpus is loaded, so the
   * drafter's first keystroke does not pay for mining the formulations of the whole corpus.
   */
  prepare(options: { collect?: () => void } = {}): void {
    this.fitLists();
    this.packRecords();
    // Before a build's mining pass, the heap holds what reading left and the lists just packed,
    // dead (100k precedents: ~430 MB). V8 collects it when it sees fit, and that was after the
    // pass: the dead heap sat beside the miner's tables at their largest, the build's highest
    // memory. The engine cannot collect; a caller that can says how.
    const collect = this.miner.bulkPending ? options.collect : undefined;
    collect?.();
    this.openerKeyIndex();
    if (collect) {
      // And once the pass is mined: its tables, sized for the most records it held, were copied
      // to fitted ones and are garbage (10k: ~200 MB of typed arrays, freed only when collected),
      // while working the set out makes its own (children, sources: the next highest memory).
      this.miner.minePending();
      collect();
    }
    this.formulationKeyIndex();
    this.referenceKeyIndex();
    this.referenceNameMap();
    this.suggestTable();
  }

  /**
   * What the first change of a precedent, hover or opener completion after a load would otherwise
   * work out at once, in slices the caller runs whenever it is idle: the formulation set's tables
   * for changes (a second at 10,000 precedents after a load from the saved index), then each
   * occurrence list's order, newest first (after a build; a saved index has them). Ends early
   * when the corpus changes meanwhile. Returns whether it got to the end. `slice`: triples sorted
   * at most between two yields (lists are small but many: 16,000 at 10k precedents).
   */
  *prepareWhileIdle(slice = 300_000): Generator<void, boolean> {
    const changes = this.changes;
    const steps = this.miner.prepareForChanges();
    for (let step = steps.next(); !step.done; step = steps.next()) yield;
    if (this.changes !== changes) return false;
    // The loaded topic counts as maps, a topic at a time: else the first changed precedent after
    // a load made those of its topics (a map of thousands of references each, 136 ms at 100k).
    for (const topic of [...(this.savedTopicRefs?.keys() ?? [])]) {
      if (this.changes !== changes) return false;
      this.topicRefsOf(topic);
      yield;
    }
    const lists: Occurrences[] = [];
    for (const agg of this.references.values()) lists.push(agg.occ);
    for (const agg of this.openers.values()) for (const form of agg.forms.values()) lists.push(form.occ);
    let work = 0;
    for (const list of lists) {
      if (this.changes !== changes) return false;
      this.occOrder(list);
      work += list.length;
      if (work > slice) {
        work = 0;
        yield;
      }
    }
    return true;
  }

  /**
   * Openers whose forms or lemma match the typed prefix (accent/case-insensitive, typo-tolerant).
   * Keys: every written form of the corpus, the lexicon's forms, and the forms conjugate() gives
   * for each lemma, so "reaffirm" finds réaffirmer whichever form the draft needs. Corpus counts
   * rank: a lexicon-only lemma weighs 0.
   */
  findOpeners(prefix: string, limit: number): Match<OpenerEntry>[] {
    const keys = this.openerKeyIndex();
    return keys.lookup(prefix, { limit, fuzzy: true }).map((m) => ({ ...m, entry: this.openerEntry(m.entry) }));
  }

  opener(lemma: string): OpenerEntry | null {
    const agg = this.openers.get(lemma.toLowerCase()) ?? this.findOpenerAgg(lemma);
    return agg ? this.openerEntry(agg) : null;
  }

  /** All openers with corpus evidence, most used first (for `precedent stats`). */
  openerList(limit = Infinity): OpenerEntry[] {
    return [...this.openers.values()].filter((a) => a.count > 0).sort((a, b) => b.count - a.count)
      .slice(0, limit).map((a) => this.openerEntry(a));
  }

  // ------------------------------------------------------------------------------------------
  // Formulations

  /**
   * Formulations continuing the words before the cursor (the last may be partial): the longest
   * suffix of the typed words (within the current clause: after the last . ; : ! ?) that starts a
   * formulation wins; shorter suffixes follow. See FormulationContinuation for `insert`.
   */
  continueFormulation(wordsBefore: string, limit: number): FormulationContinuation[] {
    const tokens = tokenize(wordsBefore);
    let last = tokens.starts.length;
    while (last > 0 && tokens.starts[last - 1] < 0) last--;
    let first = last;
    while (first > 0 && tokens.starts[first - 1] >= 0) first--;
    // Broken off by punctuation after the last word: nothing to continue.
    if (last === 0 || !/^[\s,]*$/.test(wordsBefore.slice(tokens.ends[last - 1]))) return [];
    const words: string[] = [];
    for (let i = first; i < last; i++) words.push(foldWord(wordsBefore.slice(tokens.starts[i], tokens.ends[i])));
    const lastEnd = tokens.ends[last - 1];
    const partial = lastEnd === wordsBefore.length;
    const index = this.formulationKeyIndex();
    const out: FormulationContinuation[] = [];
    const taken = new Set<MinedFormulation>();
    const inserts = new Set<string>();
    for (let k = Math.min(words.length, MAX_WORDS - 1); k >= 1 && out.length < limit; k--) {
      const typedWords = words.slice(words.length - k);
      if (typedWords.every((w) => isFunctionWord(w) || w.length < 3)) continue;
      const query = typedWords.join(' ') + (partial ? '' : ' ');
      for (const m of index.lookup(query, { limit: limit * 3 + 10, fuzzy: false }, (mined) => !mined.retired)) {
        const mined = m.entry;
        if (taken.has(mined) || m.matchedKey.length <= query.trimEnd().length) continue;
        const cont = this.continuation(mined, typedWords, partial);
        // A shorter suffix often continues with the same words: offer them once.
        if (!cont || inserts.has(cont)) continue;
        inserts.add(cont);
        taken.add(mined);
        const entry = this.formulationEntry(mined, 1);
        const typedStart = tokens.starts[last - k];
        out.push({
          entry, score: k * 1000 + Math.log1p(mined.count), matchedKey: m.matchedKey, fuzzy: false,
          insert: cont, typed: wordsBefore.slice(typedStart), formulation: entry.text,
        });
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** Recurring formulations, most frequent first (for `precedent stats` and tests). */
  formulations(limit = Infinity): FormulationEntry[] {
    // Up to 20 places each: more than the saved samples, searched through every precedent's words.
    this.needTables();
    this.formulationKeyIndex();
    return this.miner.formulations().slice(0, limit).map((mined) => this.formulationEntry(mined));
  }

  /** The formulation with exactly these words (folded comparison), or null. */
  formulation(text: string): FormulationEntry | null {
    this.needTables();
    const tokens = tokenize(text);
    const words: string[] = [];
    for (let i = 0; i < tokens.starts.length; i++) if (tokens.starts[i] >= 0) words.push(foldWord(text.slice(tokens.starts[i], tokens.ends[i])));
    const mined = this.miner.lookup(words);
    return mined && mined.count > 0 ? this.formulationEntry(mined) : null;
  }

  // ------------------------------------------------------------------------------------------
  // References

  findReferences(prefix: string, limit: number): Match<ReferenceEntry>[] {
    return this.referenceKeyIndex().lookup(prefix, { limit, fuzzy: true }, (agg) => this.isCited(agg))
      .map((m) => ({ ...m, entry: this.referenceEntry(m.entry) }));
  }

  reference(id: string): ReferenceEntry | null {
    const agg = this.references.get(id);
    return agg ? this.referenceEntry(agg) : null;
  }

  /** Occurrences newest first (by the precedent's date), paged. */
  referenceOccurrences(id: string, offset: number, limit: number): { total: number; items: Occurrence[] } {
    const agg = this.references.get(id);
    if (!agg) return { total: 0, items: [] };
    const total = this.occOrder(agg.occ).length;
    return { total, items: this.newestFirst(agg.occ, offset, limit).map((r) => this.occurrence(r)) };
  }

  /**
   * Resolve a mention as written to a known reference: exact folded match on the canonical name, an
   * acronym, an alias or a form the corpus wrote, with a leading article or a trailing year allowed
   * ("la Convention de Palerme", "Convention … organisée (2000)").
   */
  resolveReference(text: string): ReferenceEntry | null {
    const names = this.referenceNameMap();
    for (const candidate of nameVariants(text)) {
      const id = names.get(candidate);
      const entry = id ? this.reference(id) : null;
      if (entry) return entry;
    }
    return null;
  }

  /**
   * Known references close to a mis-typed name, best first: the better of a word-overlap score
   * (Dice over content words, words within one edit count as equal) and a whole-name edit
   * similarity. "Europole" → Europol; "Convention des Nations Unies contre la criminalité
   * organisée" → the UNTOC.
   */
  suggestReferences(text: string, limit: number): Match<ReferenceEntry>[] {
    const query = foldKey(text.replace(ARTICLE, ''));
    if (!query) return [];
    const table = this.suggestTable();
    // The lint asks again for the same names at every edit of a draft: answers are kept with the table.
    const memoKey = `${limit}\u0000${query}`;
    const answer = table.answers.get(memoKey) ?? this.suggestionsFor(table, query, limit);
    if (table.answers.size >= 10_000) table.answers.clear();
    table.answers.set(memoKey, answer);
    return answer.map(([agg, score, key]) => ({ entry: this.referenceEntry(agg), score, matchedKey: key, fuzzy: true }));
  }

  private suggestionsFor(table: SuggestTable, query: string, limit: number): Array<[ReferenceAgg, number, string]> {
    const queryWords = contentWords(query);
    const best = new Map<ReferenceAgg, { score: number; key: string }>();
    // Letters one name has more of than the other bound their distance from below (an edit
    // changes at most one of each side; a swap none): most candidates are dropped without the
    // distance table (1,000 names of ~75 letters for a citation of the UNTOC at 100k precedents).
    const queryLetters = letterCounts(query, new Int16Array(256));
    const letters = new Int16Array(256);
    for (const k of this.suggestCandidates(table, query, queryWords)) {
      const { agg, name, folded: f, acronym, words } = table.entries[k];
      if (!this.isCited(agg)) continue;
      const previous = best.get(agg);
      let score: number;
      if (acronym || f.length < 6 || query.length < 6) {
        const max = Math.max(1, Math.floor(Math.max(f.length, query.length) / 6));
        if (Math.abs(f.length - query.length) > max) continue;
        const d = editDistance(query, f, max);
        score = d > max ? 0 : 1 - d / Math.max(f.length, query.length);
      } else {
        score = dice(queryWords, words);
        const longer = Math.max(f.length, query.length);
        // At most this many edits can still give ≥ 0.7 and beat both the word score and this
        // reference's best name so far (its hundreds of written variants: one close match is enough).
        const within = Math.floor(longer * (1 - Math.max(score, 0.7, previous?.score ?? 0)) + 1e-9);
        if (score < 1 && Math.abs(f.length - query.length) <= within && lettersApart(queryLetters, f, letters) <= within) {
          const d = editDistance(query, f, within);
          score = Math.max(score, 1 - d / longer);
        }
      }
      if (score >= 0.7 && (!previous || score > previous.score)) best.set(agg, { score, key: name });
    }
    return [...best].sort((a, b) => b[1].score - a[1].score || b[0].count - a[0].count).slice(0, limit)
      .map(([agg, { score, key }]): [ReferenceAgg, number, string] => [agg, score, key]);
  }

  /**
   * Names that can score ≥ 0.7 against `query`: those sharing a content word with it (a word
   * listed by thousands of names is left out when a rarer one is there), and one-word names within
   * one edit (by their one-letter deletions). Scanning every name instead cost ~50 ms per
   * capitalised word of a draft at 1,000 precedents, seconds per lint.
   */
  private suggestCandidates(table: SuggestTable, query: string, queryWords: string[]): Set<number> {
    const out = new Set<number>();
    if (!/\s/.test(query)) {
      for (const key of withOneDeletion(query)) for (const k of table.byDeletion.get(key) ?? []) out.add(k);
    }
    // A number names the instrument ("résolution 2178", "décision n° 1049"): another number is
    // another instrument, not a misspelling; only names with the same numbers are candidates.
    const numbers = queryWords.filter((w) => /\d/.test(w) && !/^(?:19|20)\d\d$/.test(w));
    if (numbers.length) {
      const lists = numbers.map((w) => table.byWord.get(w) ?? []).sort((a, b) => a.length - b.length);
      for (const k of lists[0]) if (numbers.every((w) => table.entries[k].words.includes(w))) out.add(k);
      return out;
    }
    const lists = queryWords.map((w) => table.byWord.get(w) ?? []).filter((l) => l.length).sort((a, b) => a.length - b.length);
    for (let i = 0; i < lists.length; i++) {
      if (i > 0 && lists[i].length > COMMON_NAME_WORD) break;
      for (const k of lists[i]) out.add(k);
    }
    return out;
  }

  private suggestTable(): SuggestTable {
    this.dropStaleReferenceTables();
    if (this.referenceSuggest) return this.referenceSuggest;
    const table: SuggestTable = { entries: [], byWord: new Map(), byDeletion: new Map(), answers: new Map() };
    for (const agg of this.references.values()) {
      const seen = new Set<string>();
      for (const { name, acronym } of this.namesOf(agg)) addSuggestEntry(table, agg, name, acronym, seen);
    }
    return (this.referenceSuggest = table);
  }

  /**
   * A name the corpus had not written before (a new reference, a new spelling, an acronym): added
   * to the reference tables that exist, instead of rebuilding them (seconds at 10k precedents).
   */
  private referenceNameAdded(agg: ReferenceAgg, name: string, acronym: boolean): void {
    if (this.referenceKeys) for (const row of referenceKeyRows(agg, name)) this.referenceKeys.add(row);
    if (this.referenceNames) for (const v of nameVariants(name)) if (!this.referenceNames.has(v)) this.referenceNames.set(v, agg.id);
    if (this.referenceSuggest) {
      addSuggestEntry(this.referenceSuggest, agg, name, acronym, null);
      this.referenceSuggest.answers.clear();
    }
  }

  /**
   * The reference tables grow with each change; once the changes add up to a fair part of them,
   * they are rebuilt together (ranked by today's counts, dead names dropped).
   */
  private dropStaleReferenceTables(): void {
    if (!this.referenceKeys?.worthRebuilding()) return;
    this.referenceKeys = null;
    this.referenceNames = null;
    this.referenceSuggest = null;
  }

  /** Whether `agg` is the live aggregate of its reference (the tables may still hold one that went). */
  private isCited(agg: ReferenceAgg): boolean {
    return this.references.get(agg.id) === agg;
  }

  /** A reference no precedent cites any more: its names stop resolving to it (lookups skip it). */
  private referenceRemoved(agg: ReferenceAgg): void {
    if (this.referenceKeys) this.referenceKeys.churn++;
    if (this.referenceNames) {
      for (const { name } of this.namesOf(agg)) {
        for (const v of nameVariants(name)) if (this.referenceNames.get(v) === agg.id) this.referenceNames.delete(v);
      }
    }
    this.referenceSuggest?.answers.clear();
  }

  // ------------------------------------------------------------------------------------------
  // Concordance and topics

  /**
   * Where a word, a formulation or a reference appears (accent/case-insensitive), newest precedent
   * first. A query naming a reference (name, acronym, alias) lists that reference's citations;
   * otherwise the words are searched as a phrase.
   */
  concordance(query: string, limit: number): { total: number; items: Occurrence[] } {
    this.needTables();
    const ref = this.resolveReference(query);
    if (ref) return this.referenceOccurrences(ref.id, 0, limit);
    const tokens = tokenize(query);
    const ids: number[] = [];
    for (let i = 0; i < tokens.starts.length; i++) {
      if (tokens.starts[i] < 0) continue;
      const id = this.miner.wordId(foldWord(query.slice(tokens.starts[i], tokens.ends[i])));
      if (!id) return { total: 0, items: [] };
      ids.push(id);
    }
    if (!ids.length) return { total: 0, items: [] };
    // Candidate documents from the rarest word's postings.
    let rarest = ids[0];
    for (const id of ids) if ((this.postLen[id] ?? 0) < (this.postLen[rarest] ?? 0)) rarest = id;
    const docs: number[] = [];
    const postings = this.postDocs[rarest];
    for (let k = 0; k < (this.postLen[rarest] ?? 0); k++) if (this.docs[postings[k]].alive) docs.push(postings[k]);
    docs.sort((a, b) => this.compareNewest(a, b));
    let total = 0;
    const hits: Array<[number, number]> = [];
    for (const doc of docs) {
      if (ids.length === 1 && hits.length >= limit) {
        total += this.postUses[rarest][this.postingIndex(rarest, doc)];
        continue;
      }
      const words = this.miner.documentWords(doc)!;
      for (let i = 0; i + ids.length <= words.length; i++) {
        let j = 0;
        while (j < ids.length && words[i + j] === ids[j]) j++;
        if (j < ids.length) continue;
        total++;
        if (hits.length < limit) hits.push([doc, i]);
      }
    }
    const items: Occurrence[] = [];
    for (const [doc, pos] of hits) {
      const text = this.docText(doc);
      if (!text?.tokens) continue;
      items.push(this.occurrence([doc, text.tokens.starts[pos], text.tokens.ends[pos + ids.length - 1]]));
    }
    return { total, items };
  }

  /** Whether some precedent has this word (accent/case-insensitive): a constant-time check, unlike concordance(). */
  hasWord(word: string): boolean {
    const id = this.miner.wordId(foldWord(word));
    if (!id) return false;
    if (this.unrestored) return this.unrestored.liveWords[id] === 1;
    return this.inLivePrecedent(id);
  }

  /** Whether a live precedent uses the word of this id (its postings keep removed ones until compacted). */
  private inLivePrecedent(id: number): boolean {
    const postings = this.postDocs[id];
    for (let k = 0; k < (this.postLen[id] ?? 0); k++) if (this.docs[postings[k]].alive) return true;
    return false;
  }

  /**
   * For a topic: how many precedents address it and, per reference, how many of those cite it,
   * most cited first. Counted once per topic, then kept up to date by upsert and remove (the lint
   * asks at every keystroke pause; at 100k precedents a recount is ~1 M set insertions).
   */
  topicEvidence(topicId: string): { docCount: number; references: ReadonlyArray<Readonly<{ id: string; docCount: number }>> } {
    const docs = this.topicDocs.get(topicId);
    if (!docs?.size) return { docCount: 0, references: [] };
    const counts = this.topicCounts(topicId, docs);
    // Sorted once; after a change only the references whose count moved are placed again (a
    // topic of a large corpus ranks tens of thousands of references).
    const order = (a: { id: string; docCount: number }, b: { id: string; docCount: number }): number => b.docCount - a.docCount || (a.id < b.id ? -1 : 1);
    let sorted = this.topicRanking.get(topicId);
    const moved = this.topicRankingMoved.get(topicId);
    if (sorted && moved) {
      const kept = sorted.filter((r) => !moved.has(r.id));
      const placed: Array<{ id: string; docCount: number }> = [];
      for (const id of moved) {
        const docCount = counts.get(id) ?? 0;
        if (docCount > 0) placed.push({ id, docCount });
      }
      sorted = mergeSorted(kept, placed.sort(order), order);
      this.topicRanking.set(topicId, sorted);
    }
    this.topicRankingMoved.delete(topicId);
    if (!sorted) {
      sorted = [...counts].map(([id, docCount]) => ({ id, docCount })).sort(order);
      this.topicRanking.set(topicId, sorted);
    }
    return { docCount: docs.size, references: sorted };
  }

  /** The counts of a topic as kept (made from the loaded pairs on first read), undefined when none are. */
  private topicRefsOf(topic: string): Map<string, number> | undefined {
    const kept = this.topicRefs.get(topic);
    if (kept) return kept;
    const pairs = this.savedTopicRefs?.get(topic);
    if (!pairs) return undefined;
    this.savedTopicRefs!.delete(topic);
    const counts = new Map<string, number>();
    for (let k = 0; k < pairs.length; k += 2) counts.set(this.savedReferenceIds[pairs[k]], pairs[k + 1]);
    this.topicRefs.set(topic, counts);
    return counts;
  }

  /**
   * Per reference, how many precedents of the topic cite it: kept from the first precedent on and
   * saved; counted here only for a topic loaded without them (an index saved before they were).
   */
  private topicCounts(topicId: string, docs: DocSet): Map<string, number> {
    let counts = this.topicRefsOf(topicId);
    if (!counts) {
      counts = new Map();
      for (const d of docs) for (const id of new Set(unpack(this.docs[d]).references)) counts.set(id, (counts.get(id) ?? 0) + 1);
      this.topicRefs.set(topicId, counts);
    }
    return counts;
  }

  /** References whose count under a topic moved: placed again in its ranking at the next read. */
  private rankingChanged(topic: string, ids: Iterable<string>): void {
    if (!this.topicRanking.has(topic)) return;
    let moved = this.topicRankingMoved.get(topic);
    if (!moved) this.topicRankingMoved.set(topic, (moved = new Set()));
    for (const id of ids) moved.add(id);
  }

  /**
   * Where precedents on a topic cite a reference: one occurrence per precedent (its first), newest
   * precedent first, at most `limit`. Only the occurrences returned are quoted.
   */
  topicCitations(topicId: string, referenceId: string, limit: number): Occurrence[] {
    const agg = this.references.get(referenceId);
    const docs = this.topicDocs.get(topicId);
    if (!agg || !docs) return [];
    const order = this.occOrder(agg.occ);
    const flat = agg.occ.data;
    const out: Occurrence[] = [];
    let previous = -1;
    for (let i = 0; i < order.length && out.length < limit; i++) {
      const k = order[i];
      const doc = flat[k];
      // The order is by precedent, then position: a precedent's first citation comes first.
      if (doc === previous || !docs.has(doc)) continue;
      previous = doc;
      out.push(this.occurrence([doc, flat[k + 1], flat[k + 2]]));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Persistence (the bytes are persist.ts's business)

  /**
   * The index as data for a persisted index. Typed arrays may be shared with the live index:
   * serialise the state before the next change.
   */
  exportState(): IndexState {
    return runToEnd(this.exportSteps());
  }

  /**
   * exportState() a step at a time (a few thousand precedents, a slice of the miner's tables): a
   * server answers between steps (100k precedents: 6-10 s in one go). No change may come before
   * the end, nor until the state is written (see holdChanges()).
   */
  *exportSteps(): Generator<void, IndexState> {
    this.needTables();
    const { strings, id: sid } = stringTable();
    // References by their position in the saved list (topic counts and reference tables name them so).
    const position = new Map<string, number>();
    for (const id of this.references.keys()) position.set(id, position.size);
    const n = this.docs.length;
    const docIds: string[] = [];
    const alive = new Uint8Array(n);
    const meta = new Int32Array(n * META_FIELDS);
    const notes = new Int32Array(n);
    const nullable = (t: string | null): number => (t === null ? -1 : sid(t));
    const clauseCount = new Int32Array(n);
    const referenceCount = new Int32Array(n);
    const wordCount = new Int32Array(n);
    const unitOffsets = new Float64Array(n + 1);
    const openerOffsets = new Float64Array(n + 1);
    const referenceOffsets = new Float64Array(n + 1);
    const topicOffsets = new Float64Array(n + 1);
    // Each live precedent's units as they are (no copy of them all); the lists as string ids.
    const units: Int32Array[] = [];
    const lists = new RecordLists();
    const { labels, openers, references, topics } = lists;
    // A restored precedent's lists are ids into its load's string table: each id is looked up once
    // (3.7 million openers and 8.8 million citations at 100k, a string hashed for each, took 4 s).
    const remaps = new Map<PackedTables, Int32Array>();
    const remapOf = (tables: PackedTables): Int32Array => {
      let remap = remaps.get(tables);
      if (!remap) remaps.set(tables, (remap = new Int32Array(tables.strings.length).fill(-1)));
      return remap;
    };
    const map = (ids: Int32Array, tables: PackedTables, remap: Int32Array, out: IntList): void => {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (id < 0) out.push(-1);
        else {
          let to = remap[id];
          if (to < 0) remap[id] = to = sid(tables.strings[id]);
          out.push(to);
        }
      }
    };
    const metaIds = new Int32Array(META_FIELDS);
    for (let d = 0; d < n; d++) {
      if ((d & 2047) === 2047) yield;
      const r = this.docs[d];
      unitOffsets[d] = labels.length;
      openerOffsets[d] = openers.length / 3;
      referenceOffsets[d] = references.length;
      topicOffsets[d] = topics.length;
      docIds.push(r.docId);
      alive[d] = r.alive ? 1 : 0;
      const m = r.meta;
      metaIds[0] = sid(m.title);
      metaIds[1] = nullable(m.date);
      metaIds[2] = nullable(m.body);
      metaIds[3] = nullable(m.place);
      metaIds[4] = nullable(m.kind);
      metaIds[5] = sid(m.language);
      metaIds[6] = sid(JSON.stringify(m.inferred));
      meta.set(metaIds, d * META_FIELDS);
      notes[d] = sid(JSON.stringify(r.notes));
      clauseCount[d] = r.clauseCount;
      referenceCount[d] = r.referenceCount;
      wordCount[d] = r.wordCount;
      if (!r.alive) continue;
      units.push(r.units);
      const p = r.packed;
      if (p) {
        const remap = remapOf(p.tables);
        map(packedIds(p, 'labels'), p.tables, remap, labels);
        map(packedIds(p, 'openers'), p.tables, remap, openers);
        map(packedIds(p, 'references'), p.tables, remap, references);
        map(packedIds(p, 'topics'), p.tables, remap, topics);
        continue;
      }
      lists.push(r, sid);
    }
    unitOffsets[n] = labels.length;
    openerOffsets[n] = openers.length / 3;
    referenceOffsets[n] = references.length;
    topicOffsets[n] = topics.length;
    yield;

    // Postings: one flat run per word id, postLen long and withRoom() large.
    const postLen = Int32Array.from(this.postLen, (x) => x ?? 0);
    // The live lists themselves, each followed by zeros up to its room: no copy of them all.
    const docParts: Array<Int32Array | number> = [];
    const useParts: Array<Uint16Array | number> = [];
    for (let id = 0; id < postLen.length; id++) {
      const len = postLen[id];
      if (!len) continue;
      const room = withRoom(len) - len;
      docParts.push(this.postDocs[id].subarray(0, len));
      useParts.push(this.postUses[id].subarray(0, len));
      if (room) {
        docParts.push(room);
        useParts.push(room);
      }
    }
    const postDocs = JoinedSection.of('i32', docParts);
    const postUses = JoinedSection.of('u16', useParts);
    const liveWords = new Uint8Array(postLen.length);
    for (let id = 0; id < postLen.length; id++) liveWords[id] = this.inLivePrecedent(id) ? 1 : 0;
    yield;
    const miner = yield* this.miner.exportSteps();
    const openerDocs: Array<ReturnType<DocCounts['pairs']>> = [];
    const openerAggs: IndexState['openers'] = [];
    // An occurrence list's order is worked out here when no query did yet (a built index: every
    // list but the ones hovered), at a cost by its length: a step every STEP_CITATIONS or so
    // (256 lists a step held the thread 6.5 s at 100k precedents).
    let work = 0;
    for (const a of this.openers.values()) {
      const forms: IndexState['openers'][number]['forms'] = [];
      for (const [key, f] of a.forms) {
        if ((work += f.occ.length / 3 + 64) > STEP_CITATIONS) {
          yield;
          work = 0;
        }
        openerDocs.push(f.docs.pairs());
        forms.push({ key, form: f.form, texts: [...f.texts], count: f.count, occ: f.occ.withRoom(), occLength: f.occ.length, order: this.occOrder(f.occ) });
      }
      openerAggs.push({ lemma: a.lemma, inLexicon: a.inLexicon, lexiconRole: a.lexiconRole, roles: [...a.roles], lexiconForms: a.lexiconForms, count: a.count, forms });
    }
    const referenceDocs: Array<ReturnType<DocCounts['pairs']>> = [];
    const referenceAggs: IndexState['references'] = [];
    for (const a of this.references.values()) {
      if ((work += a.occ.length / 3 + 64) > STEP_CITATIONS) {
        yield;
        work = 0;
      }
      referenceDocs.push(a.docs.pairs());
      referenceAggs.push({
        id: a.id, kind: a.kind, type: a.type, known: !!a.known, count: a.count,
        written: [...a.written].map(([folded, w]): [string, string, number] => [folded, w.text, w.count]),
        acronyms: [...a.acronyms], years: [...a.years], occ: a.occ.withRoom(), occLength: a.occ.length, order: this.occOrder(a.occ),
      });
    }
    yield;
    const topicsSaved = [...this.topicDocs].map(([t, set]): [string, Int32Array] => [t, Int32Array.from(set)]);
    const topicReferences = this.savedTopicCounts(position);
    yield;
    const formulationOrder = this.formulationOrder();
    yield;
    const referenceTables = this.savedReferenceTables(position);
    yield;
    // Keys in the order they always had: the JSON (and the sections it names) follows it.
    return {
      strings,
      docs: {
        docIds, alive, meta, notes, clauseCount, referenceCount, wordCount,
        unitOffsets, units: JoinedSection.of('i32', units), labels: labels.toArray(), openerOffsets, referenceOffsets, topicOffsets,
      },
      skips: [...this.skips],
      deadDocs: this.deadDocs,
      miner: miner.state,
      postLen, liveWords,
      later: {
        miner: miner.tables, postDocs, postUses,
        docOpeners: openers.toArray(), docReferences: references.toArray(), docTopics: topics.toArray(),
        openerDocs, referenceDocs,
      },
      openers: openerAggs,
      references: referenceAggs,
      topics: topicsSaved,
      topicReferences,
      ...formulationOrder,
      referenceTables,
    };
  }

  /**
   * The reference tables as this index has them, when it made all three and no change touched
   * them since (a load then answers exactly as this index does). Tables made at the save instead
   * would rank by other counts than the index that goes on answering; changed ones are made again
   * by the next load's prepare().
   */
  private savedReferenceTables(position: ReadonlyMap<string, number>): SavedReferenceTables | undefined {
    const names = this.referenceNames;
    const suggest = this.referenceSuggest;
    if (!this.referenceKeys || this.referenceKeys.churn !== 0 || !names || !suggest) return undefined;
    const rows = this.referenceKeys.base.rows();
    const positionOf = (agg: ReferenceAgg): number => position.get(agg.id) ?? -1;
    const keyTexts = new Map<string, number>();
    const texts = rows.keyText ?? Array.from({ length: rows.keys.length }, (_, i) => rows.keys.at(i));
    const keyText = Int32Array.from(texts, (t) => {
      let k = keyTexts.get(t);
      if (k === undefined) keyTexts.set(t, (k = keyTexts.size));
      return k;
    });
    const tables: SavedReferenceTables = {
      keys: rows.keys.saved(), keyTexts: [...keyTexts.keys()].join('\u0000'), keyText,
      keyReference: Int32Array.from(rows.entryOf, (e) => positionOf(rows.entries.at(e)!)), keyWeight: rows.weights, keyInner: rows.inner,
      names: [...names.keys()].join('\u0000'), nameReference: Int32Array.from(names.values(), (id) => position.get(id) ?? -1),
      suggestNames: suggest.entries.map((e) => e.name).join('\u0000'), suggestFolded: suggest.entries.map((e) => e.folded).join('\u0000'),
      suggestReference: Int32Array.from(suggest.entries, (e) => positionOf(e.agg)), suggestAcronym: Uint8Array.from(suggest.entries, (e) => (e.acronym ? 1 : 0)),
    };
    // A name with a U+0000 in it would split in two on load; a table naming a reference that is
    // not saved could not be restored: a load then makes the tables itself.
    const joined = [texts, [...names.keys()], suggest.entries.map((e) => e.name), suggest.entries.map((e) => e.folded)];
    if (joined.some((list) => list.some((t) => t.includes('\u0000')))) return undefined;
    if ([tables.keyReference, tables.nameReference, tables.suggestReference].some((refs) => refs.includes(-1))) return undefined;
    return tables;
  }

  /** Takes the saved reference tables (see savedReferenceTables()); throws when they do not fit the references. */
  private restoreReferenceTables(t: SavedReferenceTables): void {
    const aggs = [...this.references.values()];
    const split = (joined: string, n: number, what: string): string[] => {
      const list = n === 0 ? [] : joined.split('\u0000');
      if (list.length !== n) throw new Error(`inconsistent index state: reference ${what}`);
      return list;
    };
    const aggAt = (k: number, what: string): ReferenceAgg => {
      const agg = aggs[k];
      if (!agg) throw new Error(`inconsistent index state: reference ${what}`);
      return agg;
    };
    const n = t.keyReference.length;
    const texts = t.keyTexts === '' ? [] : t.keyTexts.split('\u0000');
    const keyText = Array.from(t.keyText, (k) => {
      const text = texts[k];
      if (text === undefined) throw new Error('inconsistent index state: reference key texts');
      return text;
    });
    for (let i = 0; i < n; i++) aggAt(t.keyReference[i], 'keys');
    let keys: JoinedKeys;
    try {
      keys = JoinedKeys.parse(t.keys, n);
    } catch (e) {
      throw new Error(`inconsistent index state: reference keys (${(e as Error).message})`);
    }
    const rows = { keys, keyText, entries: aggs, entryOf: t.keyReference, weights: t.keyWeight, inner: t.keyInner };
    const index = new GrowingKeyIndex(new KeyIndex([], { ...REFERENCE_KEY_OPTIONS, rows }), REFERENCE_KEY_OPTIONS);
    const names = new Map<string, string>();
    split(t.names, t.nameReference.length, 'names').forEach((name, i) => names.set(name, aggAt(t.nameReference[i], 'names').id));
    const m = t.suggestReference.length;
    const suggestNames = split(t.suggestNames, m, 'suggestions');
    const suggestFolded = split(t.suggestFolded, m, 'suggestions');
    if (t.suggestAcronym.length !== m) throw new Error('inconsistent index state: reference suggestions');
    const suggest: SuggestTable = { entries: [], byWord: new Map(), byDeletion: new Map(), answers: new Map() };
    for (let i = 0; i < m; i++) {
      indexSuggestEntry(suggest, { agg: aggAt(t.suggestReference[i], 'suggestions'), name: suggestNames[i], folded: suggestFolded[i], acronym: t.suggestAcronym[i] === 1, words: contentWords(suggestFolded[i]) });
    }
    this.referenceKeys = index;
    this.referenceNames = names;
    this.referenceSuggest = suggest;
  }

  /** The formulation key index's order as positions in the miner's set, when both are current. */
  private formulationOrder(): Pick<IndexState, 'formulationOrder' | 'formulationKeys'> {
    if (!this.formulationKeys || this.formulationVersion !== this.miner.version || !this.miner.hasFormulations()) return {};
    // Saving already costs seconds: the keys added since the last sort are merged in now, so the
    // saved order covers the whole set and a restored index sorts nothing.
    if (this.formulationKeys.churn > 0) this.formulationKeys = this.rebuiltFormulationKeys();
    const list = this.miner.formulations();
    const { keys, keyText, entries, entryOf } = this.formulationKeys.base.rows();
    // The index's entries are the list it was built from (a load's, or the last rebuild's): the
    // same order, then entryOf is the saved order as it is.
    let same = entries.length === list.length;
    for (let k = 0; same && k < list.length; k++) same = entries.at(k) === list[k];
    const position = same ? null : new Map(list.map((f, k) => [f, k]));
    const order = position ? Int32Array.from(entryOf, (e) => position.get(entries.at(e)!) ?? -1) : entryOf;
    if (keyText !== null || order.length !== list.length || order.includes(-1)) return {};
    return { formulationOrder: order, formulationKeys: keys.saved() };
  }

  /**
   * An index from exported state, without analysing any text. Throws on inconsistent state (the
   * caller rebuilds). Restored precedents have no kept text: quotes use `options.readText`.
   * `tablesLater`: the index answers (completion, hover, lint) without reading `state.later`, whose
   * bytes may still be on their way; restoreLater() must run before changes, saves and word searches.
   */
  static fromState(state: IndexState, options: PrecedentIndexOptions = {}, tablesLater = false): PrecedentIndex {
    const index = new PrecedentIndex(options);
    const s = state;
    const d = s.docs;
    const n = d.docIds.length;
    const check = (ok: boolean, what: string): void => {
      if (!ok) throw new Error(`inconsistent index state: ${what}`);
    };
    check(d.alive.length === n && d.meta.length === n * META_FIELDS && d.notes.length === n && d.unitOffsets.length === n + 1
      && d.openerOffsets.length === n + 1 && d.referenceOffsets.length === n + 1 && d.topicOffsets.length === n + 1, 'document tables');
    const later = s.later;
    const units = wholeArray(d.units, (length) => new Int32Array(length));
    check(units.length === d.labels.length * 2 && later.docOpeners.length === d.openerOffsets[n] * 3
      && later.docReferences.length === d.referenceOffsets[n] && later.docTopics.length === d.topicOffsets[n], 'document offsets');
    // The later tables may still be on their way (tablesLater): records keep the tables, not views of them.
    const tables: PackedTables = {
      strings: s.strings, labels: d.labels, unitOffsets: d.unitOffsets, openers: later.docOpeners, openerOffsets: d.openerOffsets,
      references: later.docReferences, referenceOffsets: d.referenceOffsets, topics: later.docTopics, topicOffsets: d.topicOffsets,
    };
    // Metadata from its string ids; lists (inferred fields, notes) read once per distinct list and
    // shared, frozen (a record's lists are never changed in place: an upsert makes new ones).
    const lists = new Map<number, string[]>();
    const listAt = (id: number): string[] => {
      let list = lists.get(id);
      if (!list) {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(s.strings[id] ?? 'null');
        } catch {
          // not a list: refused below
        }
        check(Array.isArray(parsed) && parsed.every((x) => typeof x === 'string'), 'document lists');
        lists.set(id, (list = Object.freeze(parsed as string[]) as string[]));
      }
      return list;
    };
    const text = (id: number): string => {
      const t = s.strings[id];
      check(t !== undefined, 'document metadata');
      return t;
    };
    const optional = (id: number): string | null => (id === -1 ? null : text(id));
    for (let k = 0; k < n; k++) {
      const live = d.alive[k] === 1;
      const at = k * META_FIELDS;
      const m = d.meta;
      const meta: PrecedentMeta = {
        title: text(m[at]), date: optional(m[at + 1]), body: optional(m[at + 2]), place: optional(m[at + 3]),
        kind: optional(m[at + 4]), language: text(m[at + 5]), inferred: listAt(m[at + 6]),
      };
      const record: DocRecord = {
        docId: d.docIds[k], alive: live, meta,
        notes: listAt(d.notes[k]), clauseCount: d.clauseCount[k], referenceCount: d.referenceCount[k], wordCount: d.wordCount[k],
        units: units.subarray(d.unitOffsets[k] * 2, d.unitOffsets[k + 1] * 2), unitLabels: packedYet(), text: null, openers: packedYet(), references: packedYet(), topics: packedYet(),
        packed: live ? { tables, k } : null,
      };
      index.docs.push(record);
      if (live) index.docNumber.set(record.docId, k);
    }
    for (const [docId, reason] of s.skips) index.skips.set(docId, reason);
    index.deadDocs = s.deadDocs;
    index.miner = FormulationMiner.fromState(s.miner);
    check(s.liveWords.length === s.postLen.length, 'live words');
    for (let id = 0; id < s.postLen.length; id++) index.postLen[id] = s.postLen[id];
    index.unrestored = { later: s.later, liveWords: s.liveWords };
    // A saved order of a list, when it is one: positions of its live triples, each once (one pass;
    // a stamp per list rather than a bitmap each: there are 100,000 lists at 100k precedents).
    const alive = Uint8Array.from(index.docs, (r) => (r.alive ? 1 : 0));
    let seen = new Int32Array(1024);
    let stamp = 0;
    // The loops are functions of their own: inside this closure, a long first list had its loop
    // compiled on the spot (OSR) before the code after it ever ran, and leaving the loop threw that
    // code away again, list after list (3,300 deoptimisations at 100k).
    const restoreOrder = (list: Occurrences, order: Int32Array | undefined): void => {
      if (!order) return;
      if (list.length / 3 > ORDER_CHECKED_WHOLE) {
        check(sampledOrderOf(order, list.data, list.length, alive), 'occurrence order');
      } else {
        check(order.length === liveTriples(list.data, list.length, alive), 'occurrence order');
        if (seen.length < list.length / 3) seen = new Int32Array(list.length / 3);
        stamp++;
        check(isOrderOf(order, list.data, list.length, alive, seen, stamp), 'occurrence order');
      }
      index.occOrders.set(list, { length: list.length, order, removals: index.removals });
    };
    index.openers.clear();
    let formAt = 0;
    check(later.openerDocs.length === s.openers.reduce((sum, a) => sum + a.forms.length, 0) && later.referenceDocs.length === s.references.length, 'document counts');
    for (const a of s.openers) {
      const forms = new Map<string, OpenerFormAgg>();
      for (const f of a.forms) {
        const occ = Occurrences.of(f.occ, f.occLength);
        restoreOrder(occ, f.order);
        forms.set(f.key, { form: f.form, texts: new Map(f.texts), count: f.count, docs: DocCounts.loaded(later.openerDocs[formAt++]), occ });
      }
      index.openers.set(a.lemma, {
        lemma: a.lemma, inLexicon: a.inLexicon, lexiconRole: a.lexiconRole, roles: new Map(a.roles), lexiconForms: a.lexiconForms, forms, count: a.count,
      });
    }
    const known = new Map(KNOWN_REFERENCES.map((k) => [k.id, k]));
    index.references.clear();
    for (const [k, a] of s.references.entries()) {
      const occ = Occurrences.of(a.occ, a.occLength);
      restoreOrder(occ, a.order);
      index.references.set(a.id, {
        id: a.id, kind: a.kind, type: a.type, known: a.known ? known.get(a.id) ?? null : null, count: a.count, docs: DocCounts.loaded(later.referenceDocs[k]),
        written: new Map(a.written.map(([folded, text, count]) => [folded, { text, count }])),
        acronyms: new Map(a.acronyms), years: new Map(a.years), occ,
      });
    }
    // A curated reference added to the knowledge file since the state was saved starts empty.
    for (const k of KNOWN_REFERENCES) {
      if (!index.references.has(k.id)) index.references.set(k.id, newReferenceAgg(k.id, k.kind, k.type, k));
    }
    // The reference tables as saved, unless a curated reference came since (its names are in no table).
    if (s.referenceTables && index.references.size === s.references.length) index.restoreReferenceTables(s.referenceTables);
    for (const [topic, docs] of s.topics) index.topicDocs.set(topic, new DocSet(docs));
    // Checked now, made into maps when a topic is first read (topicRefsOf()).
    index.savedReferenceIds = s.references.map((a) => a.id);
    index.savedTopicRefs = new Map();
    for (const [topic, pairs] of s.topicReferences ?? []) {
      check(pairs.length % 2 === 0, 'topic counts');
      for (let k = 0; k < pairs.length; k += 2) {
        if (!(pairs[k] >= 0 && pairs[k] < s.references.length && pairs[k + 1] > 0)) check(false, 'topic counts');
      }
      index.savedTopicRefs.set(topic, pairs);
    }
    // The formulation key index as saved (same set, same order): no recomputation, no sort.
    if (s.formulationOrder && s.formulationKeys !== undefined && index.miner.hasFormulations()) {
      const list = index.miner.savedFormulations();
      const order = s.formulationOrder;
      if (list && order.length === list.length) {
        let keys: JoinedKeys;
        try {
          keys = JoinedKeys.parse(s.formulationKeys, list.length);
        } catch (e) {
          throw new Error(`inconsistent index state: formulation keys (${(e as Error).message})`);
        }
        const weights = new Float64Array(list.length);
        for (let i = 0; i < order.length; i++) {
          check(order[i] >= 0 && order[i] < list.length, 'formulation order');
          weights[i] = list.countAt(order[i]);
        }
        // The entries are the miner's restored set itself, each formulation made when a lookup first finds it.
        index.formulationKeys = formulationKeysOf(keys, list, order, weights);
        index.formulationVersion = index.miner.version;
        index.formulationGeneration = index.miner.generation;
      }
    }
    if (!tablesLater) for (const _ of index.restoreLater());
    return index;
  }

  /**
   * Puts back what fromState() left for later (the miner's tables, the postings), a slice at a
   * time; the caller has the bytes of `state.later` in place. Throws on inconsistent tables.
   */
  *restoreLater(): Generator<void, void> {
    const pending = this.unrestored;
    if (!pending) return;
    const later = pending.later;
    yield* this.miner.restoreTables(later.miner);
    // Postings are views of the flat runs, room included; addPostings() grows a run by copy
    // only once that room is used.
    const savedDocs = wholeArray(later.postDocs, (n) => new Int32Array(n));
    const savedUses = wholeArray(later.postUses, (n) => new Uint16Array(n));
    if (!(savedUses instanceof Uint16Array)) throw new Error('inconsistent index state: postings');
    if (savedUses.length !== savedDocs.length) throw new Error('inconsistent index state: postings');
    const postDocs: Int32Array[] = [];
    const postUses: Uint16Array[] = [];
    let at = 0;
    for (let id = 0; id < this.postLen.length; id++) {
      const len = this.postLen[id];
      if (!len) continue;
      const room = withRoom(len);
      if (at + room > savedDocs.length) throw new Error('inconsistent index state: postings');
      postDocs[id] = savedDocs.subarray(at, at + room);
      postUses[id] = savedUses.subarray(at, at + room);
      at += room;
      if ((id & 0xffff) === 0) yield;
    }
    this.postDocs = postDocs;
    this.postUses = postUses;
    // Read now that they are here (a count is all an answer took of them).
    let checked = 0;
    for (const agg of this.references.values()) {
      agg.docs.check();
      if (++checked % 4096 === 0) yield;
    }
    for (const agg of this.openers.values()) for (const form of agg.forms.values()) form.docs.check();
    this.unrestored = null;
  }

  // ------------------------------------------------------------------------------------------
  // Internals: documents and occurrences

  private skip(docId: string, reason: string): { ok: false; reason: string } {
    this.remove(docId);
    this.skips.set(docId, reason);
    return { ok: false, reason };
  }

  private compareNewest(a: number, b: number): number {
    const da = this.docs[a].meta.date ?? '';
    const db = this.docs[b].meta.date ?? '';
    return da < db ? 1 : da > db ? -1 : b - a;
  }

  /** Flattened (doc, start, end) triples sorted newest precedent first, then in text order. */
  private newestFirst(list: Occurrences, offset = 0, limit = Infinity): OccRef[] {
    const order = this.occOrder(list);
    const flat = list.data;
    const refs: OccRef[] = [];
    const end = Math.min(order.length, offset + limit);
    for (let i = offset; i < end; i++) {
      const k = order[i];
      refs.push([flat[k], flat[k + 1], flat[k + 2]]);
    }
    return refs;
  }

  /**
   * The positions (multiples of 3) of a flat occurrence list's live triples, newest precedent
   * first. Kept per list (and saved with the index): a reference cited 600,000 times at 100k
   * precedents is sorted once, not at every hover. Lists grow in place (upsert appends: the new tail is sorted and
   * merged, linear); removed precedents' triples stay in the list until compaction and are dropped
   * from the kept order (a linear filter) the first time the list is read after a removal.
   */
  private occOrder(list: Occurrences): Int32Array {
    const cached = this.occOrders.get(list);
    if (cached && cached.length === list.length && cached.removals === this.removals) return cached.order;
    const flat = list.data;
    let old: Int32Array | null = cached ? cached.order : null;
    if (old && cached && cached.removals !== this.removals) {
      const kept = new Int32Array(old.length);
      let n = 0;
      for (let i = 0; i < old.length; i++) if (this.docs[flat[old[i]]].alive) kept[n++] = old[i];
      old = kept.subarray(0, n);
    }
    const tail = this.newestFirstTriples(list, cached ? cached.length : 0);
    const before = (x: number, y: number): number => this.compareNewest(flat[x], flat[y]) || flat[x + 1] - flat[y + 1];
    let order: Int32Array;
    if (!old) order = Int32Array.from(tail);
    else if (!tail.length) order = old;
    else {
      order = new Int32Array(old.length + tail.length);
      let i = 0;
      let j = 0;
      let o = 0;
      while (i < old.length && j < tail.length) order[o++] = before(old[i], tail[j]) <= 0 ? old[i++] : tail[j++];
      while (i < old.length) order[o++] = old[i++];
      while (j < tail.length) order[o++] = tail[j++];
    }
    this.occOrders.set(list, { length: list.length, order, removals: this.removals });
    return order;
  }

  /**
   * Positions of the live triples of flat[from…], newest precedent first, then in text order. An
   * upsert appends a precedent's occurrences together, so the precedents' runs are sorted (tens of
   * thousands for the most cited reference at 100k precedents) rather than every triple (600,000).
   */
  private newestFirstTriples(list: Occurrences, from: number): number[] {
    const flat = list.data;
    const end = list.length;
    const runs: number[] = [];
    for (let k = from; k < end; k += 3) if ((k === from || flat[k] !== flat[k - 3]) && this.docs[flat[k]].alive) runs.push(k);
    runs.sort((x, y) => this.compareNewest(flat[x], flat[y]) || flat[x + 1] - flat[y + 1]);
    const out: number[] = [];
    for (let i = 0; i < runs.length; ) {
      // Runs of one precedent (if it was ever appended twice) are next to each other now.
      const doc = flat[runs[i]];
      const first = out.length;
      let inOrder = true;
      for (; i < runs.length && flat[runs[i]] === doc; i++) {
        for (let k = runs[i]; k < end && flat[k] === doc; k += 3) {
          if (out.length > first && flat[out[out.length - 1] + 1] > flat[k + 1]) inOrder = false;
          out.push(k);
        }
      }
      if (!inOrder) {
        const part = out.slice(first).sort((x, y) => flat[x + 1] - flat[y + 1]);
        for (let p = 0; p < part.length; p++) out[first + p] = part[p];
      }
    }
    return out;
  }

  /** The per-topic counts of citing precedents, references by their position in the saved list. */
  private savedTopicCounts(position: ReadonlyMap<string, number>): Array<[string, Int32Array]> {
    const out: Array<[string, Int32Array]> = [];
    for (const [topic, docs] of this.topicDocs) {
      const counts = docs.size ? this.topicCounts(topic, docs) : this.topicRefsOf(topic);
      if (!counts) continue;
      const pairs = new Int32Array(counts.size * 2);
      let k = 0;
      for (const [id, n] of counts) {
        const at = position.get(id);
        if (at === undefined) continue;
        pairs[k++] = at;
        pairs[k++] = n;
      }
      out.push([topic, pairs.subarray(0, k)]);
    }
    return out;
  }

  /** `flat` without the triples of removed precedents (compaction). */
  private withoutDead(list: Occurrences): Occurrences {
    const flat = list.data;
    const kept = new Occurrences();
    for (let k = 0; k < list.length; k += 3) if (this.docs[flat[k]].alive) kept.push(flat[k], flat[k + 1], flat[k + 2]);
    return kept;
  }

  /** The clean text of a document: kept, or re-read and cleaned again (small LRU). */
  private docText(doc: number): DocText | null {
    const record = this.docs[doc];
    if (!record.alive) return null;
    if (record.text) {
      if (!record.text.tokens) record.text.tokens = tokenize(record.text.clean.text, spansOf(record.units));
      return record.text;
    }
    const cached = this.textCache.get(doc);
    if (cached) {
      this.textCache.delete(doc);
      this.textCache.set(doc, cached);
      return cached;
    }
    const original = this.readText?.(record.docId);
    if (original == null) return null;
    const body = blankFrontMatter(original, readFrontMatter(original).bodyStart);
    const clean = cleanup(body);
    const text: DocText = { clean, lineStarts: computeLineStarts(original), tokens: tokenize(clean.text, spansOf(record.units)) };
    this.textCache.set(doc, text);
    if (this.textCache.size > TEXT_CACHE_DOCS) this.textCache.delete(this.textCache.keys().next().value as number);
    return text;
  }

  private occurrence([doc, start, end]: OccRef): Occurrence {
    const record = this.docs[doc];
    const unit = unitAt(record.units, start);
    const label = unit >= 0 ? labelOf(record, unit) : null;
    const text = this.docText(doc);
    if (!text) {
      return { docId: record.docId, clauseLabel: label, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, quote: '', quoteSpan: { start: 0, end: 0 } };
    }
    const clean = text.clean;
    const us = unit >= 0 ? record.units[unit * 2] : Math.max(0, start - 150);
    const ue = unit >= 0 ? record.units[unit * 2 + 1] : Math.min(clean.text.length, end + 250);
    const { quote, quoteSpan } = makeQuote(clean.text, us, ue, start, end);
    const origStart = clean.origin[start];
    const origEnd = end > start ? clean.origin[end - 1] + 1 : origStart;
    return { docId: record.docId, clauseLabel: label, range: rangeOf(text.lineStarts, { start: origStart, end: origEnd }), quote, quoteSpan };
  }

  private addPostings(doc: number, ids: WordIds): void {
    const uses = new Map<number, number>();
    for (const id of ids) if (id) uses.set(id, (uses.get(id) ?? 0) + 1);
    this.docs[doc].wordCount = uses.size;
    for (const [id, n] of uses) {
      let len = this.postLen[id] ?? 0;
      let docs = this.postDocs[id];
      if (!docs || len === docs.length) {
        const grown = new Int32Array(Math.max(4, len * 2));
        const grownUses = new Uint16Array(grown.length);
        if (docs) {
          grown.set(docs);
          grownUses.set(this.postUses[id]);
        }
        this.postDocs[id] = docs = grown;
        this.postUses[id] = grownUses;
      }
      docs[len] = doc;
      this.postUses[id][len] = Math.min(n, 0xffff);
      this.postLen[id] = ++len;
    }
  }

  /**
   * Postings and occurrence lists grow by doubling, so after a build they are a third empty on
   * average (at 100,000 precedents ~150 MB of ~490 MB): they are cut to what a save keeps
   * (withRoom()) before the formulations are mined, the most memory a build takes. Lists of a
   * loaded index are views of its bytes and stay as they are.
   */
  private fitLists(): void {
    if (this.listsFitAt === this.changes) return;
    this.listsFitAt = this.changes;
    for (let id = 0; id < this.postDocs.length; id++) {
      const docs = this.postDocs[id];
      const size = withRoom(this.postLen[id] ?? 0);
      if (!docs || docs.length <= size || !ownsItsBytes(docs)) continue;
      this.postDocs[id] = docs.slice(0, size);
      this.postUses[id] = this.postUses[id].slice(0, size);
    }
    for (const agg of this.references.values()) agg.occ.fit();
    for (const agg of this.openers.values()) for (const form of agg.forms.values()) form.occ.fit();
  }

  /**
   * Every live precedent's lists (unit labels, openers, citations, topics) moved into shared typed
   * tables of string ids, as a restored index holds them (DocRecord.packed): as arrays of strings
   * and objects they were ~4 KB of heap a precedent (100k: ~400 MB, 3.5 M opener objects), for
   * lists only a removal, a first topic count and a save read. Done before mining, whose tables
   * then grow into the memory freed.
   */
  private packRecords(): void {
    // Nothing to pack (a loaded index, or one prepared since its last change): no tables made.
    if (!this.docs.some((r) => r.alive && !r.packed)) return;
    const { strings, id: sid } = stringTable();
    const n = this.docs.length;
    const lists = new RecordLists();
    const offsets = { units: new Float64Array(n + 1), openers: new Float64Array(n + 1), references: new Float64Array(n + 1), topics: new Float64Array(n + 1) };
    const packing: number[] = [];
    for (let d = 0; d <= n; d++) {
      offsets.units[d] = lists.labels.length;
      offsets.openers[d] = lists.openers.length / 3;
      offsets.references[d] = lists.references.length;
      offsets.topics[d] = lists.topics.length;
      const r = this.docs[d];
      if (d === n || !r.alive || r.packed) continue;
      packing.push(d);
      lists.push(r, sid);
    }
    // Exact copies: the lists' own arrays have up to twice the room.
    const tables: PackedTables = {
      strings, labels: lists.labels.toArray().slice(), unitOffsets: offsets.units, openers: lists.openers.toArray().slice(),
      openerOffsets: offsets.openers, references: lists.references.toArray().slice(), referenceOffsets: offsets.references,
      topics: lists.topics.toArray().slice(), topicOffsets: offsets.topics,
    };
    for (const d of packing) {
      const r = this.docs[d];
      r.packed = { tables, k: d };
      r.unitLabels = packedYet();
      r.openers = packedYet();
      r.references = packedYet();
      r.topics = packedYet();
    }
  }

  private postingIndex(id: number, doc: number): number {
    const docs = this.postDocs[id];
    let lo = 0;
    let hi = this.postLen[id];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compactPostings(): void {
    for (let id = 0; id < this.postDocs.length; id++) {
      const docs = this.postDocs[id];
      if (!docs) continue;
      const uses = this.postUses[id];
      let w = 0;
      for (let k = 0; k < this.postLen[id]; k++) {
        if (!this.docs[docs[k]].alive) continue;
        docs[w] = docs[k];
        uses[w] = uses[k];
        w++;
      }
      this.postLen[id] = w;
    }
    for (const agg of this.openers.values()) for (const form of agg.forms.values()) form.occ = this.withoutDead(form.occ);
    for (const agg of this.references.values()) agg.occ = this.withoutDead(agg.occ);
    this.deadDocs = 0;
  }

  // ------------------------------------------------------------------------------------------
  // Internals: openers

  private openerAgg(lemma: string): OpenerAgg {
    let agg = this.openers.get(lemma);
    if (!agg) {
      agg = { lemma, inLexicon: false, lexiconRole: null, roles: new Map(), lexiconForms: [], forms: new Map(), count: 0 };
      this.openers.set(lemma, agg);
      this.openerKeys = null;
    }
    return agg;
  }

  private findOpenerAgg(text: string): OpenerAgg | null {
    const f = foldKey(text);
    for (const agg of this.openers.values()) if (foldKey(agg.lemma) === f) return agg;
    return null;
  }

  private openerKeyIndex(): KeyIndex<OpenerAgg> {
    if (this.openerKeys) return this.openerKeys;
    const keys: Array<{ key: string; entry: OpenerAgg }> = [];
    for (const agg of this.openers.values()) {
      const seen = new Set<string>();
      const add = (key: string | null | undefined): void => {
        if (!key) return;
        const f = foldKey(key);
        if (seen.has(f)) return;
        seen.add(f);
        keys.push({ key, entry: agg });
      };
      for (const form of agg.forms.values()) for (const t of form.texts.keys()) add(t);
      add(agg.lemma);
      for (const f of agg.lexiconForms) add(f);
      for (const form of OPENER_FORMS) {
        const c = conjugate(agg.lemma, form);
        add(c);
        if (c && form === 'first-plural' && !/^nous\b/i.test(c)) add(`nous ${c}`);
      }
    }
    this.openerKeys = new KeyIndex(keys, { weightOf: (agg) => agg.count });
    return this.openerKeys;
  }

  private openerEntry(agg: OpenerAgg): OpenerEntry {
    // Kept until the corpus changes: each completion asks for 20 of them, and making them anew
    // was most of what a keystroke allocated.
    const version = this.changes;
    if (agg.entry?.version === version) return agg.entry.value;
    const forms: OpenerEntry['forms'] = [];
    for (const form of agg.forms.values()) {
      if (form.count <= 0) continue;
      let text = '';
      let best = -1;
      for (const [t, c] of form.texts) if (c > best) [text, best] = [t, c];
      const newest = this.newestFirst(form.occ, 0, 1)[0];
      if (!newest) continue;
      // Quoting may read a file: the example is kept until another occurrence becomes the newest.
      const kept = form.example;
      const example = kept && kept.doc === newest[0] && kept.start === newest[1] ? kept.occurrence : this.occurrence(newest);
      form.example = { doc: newest[0], start: newest[1], occurrence: example };
      forms.push({ form: form.form, text, count: form.count, docCount: form.docs.size, example });
    }
    forms.sort((a, b) => b.count - a.count);
    let role: ClauseRole = agg.lexiconRole ?? 'operative';
    if (!agg.lexiconRole) {
      let best = -1;
      for (const [r, c] of agg.roles) if (c > best) [role, best] = [r, c];
    }
    const value: OpenerEntry = { lemma: agg.lemma, forms, count: Math.max(0, agg.count), role, inLexicon: agg.inLexicon };
    agg.entry = { version, value };
    return value;
  }

  // ------------------------------------------------------------------------------------------
  // Internals: formulations

  private formulationKeyIndex(): GrowingKeyIndex<MinedFormulation> {
    if (this.formulationKeys && this.formulationVersion === this.miner.version) return this.formulationKeys;
    const keys = this.formulationKeys;
    const change = keys ? this.miner.changesSince(this.formulationGeneration) : null;
    if (keys && change && !keys.worthRebuilding(change.added.length + change.retired.length)) {
      // One changed precedent changes a few hundred formulations of a million: the key index
      // takes them in (retired ones are skipped at lookup) instead of being rebuilt.
      keys.churn += change.retired.length;
      for (const mined of change.added) keys.add({ key: mined.key(), entry: mined, weight: mined.count });
    } else {
      this.formulationKeys = this.rebuiltFormulationKeys();
    }
    this.formulationVersion = this.miner.version;
    this.formulationGeneration = this.miner.generation;
    return this.formulationKeys!;
  }

  /** The formulation key index of the current set, sorted anew (with the rows of the last one reused). */
  private rebuiltFormulationKeys(): GrowingKeyIndex<MinedFormulation> {
    const previous = this.formulationKeys?.base ?? null;
    // The first one (a build): the miner sorts and writes the keys without a string each.
    const sorted = previous ? null : this.miner.keysInOrder();
    this.formulationGeneration = this.miner.generation;
    if (sorted) {
      const weights = new Float64Array(sorted.order.length);
      for (let row = 0; row < weights.length; row++) weights[row] = sorted.formulations[sorted.order[row]].count;
      return formulationKeysOf(JoinedKeys.parse(sorted.joined, weights.length), sorted.formulations, sorted.order, weights);
    }
    // Most formulations survive a change as the same objects: their sorted keys are reused, and
    // their words not even made (a key is read only for a formulation the last index lacked).
    const keys = this.miner.formulations().map((mined) => new FormulationKeyEntry(mined));
    return new GrowingKeyIndex(new KeyIndex(keys, { keysFolded: true, previous, oneKeyPerEntry: true }), { keysFolded: true });
  }

  private notesOf(mined: MinedFormulation): FormulationNotes {
    // Only this index sets indexNotes, always to the FormulationNotes of that formulation.
    return (mined.indexNotes ??= {}) as FormulationNotes;
  }

  /** The most frequent written form of a formulation (whitespace collapsed), from a sample of places. */
  private writtenForm(mined: MinedFormulation): string {
    const notes = this.notesOf(mined);
    if (notes.written !== undefined) return notes.written;
    const counts = new Map<string, number>();
    const n = mined.words.length;
    // The places kept while mining, newest precedent first (the same texts as the first example):
    // every one is a form a precedent wrote; each costs a file read when texts are not kept.
    for (const place of this.newestPlaces(mined.sampled)) {
      const text = this.docText(place.doc);
      if (!text?.tokens) continue;
      const s = text.tokens.starts[place.pos];
      const e = text.tokens.ends[place.pos + n - 1];
      const written = text.clean.text.slice(s, e).replace(/\s+/g, ' ');
      counts.set(written, (counts.get(written) ?? 0) + 1);
    }
    let best = mined.words.join(' ');
    let bestCount = 0;
    for (const [t, c] of counts) if (c > bestCount) [best, bestCount] = [t, c];
    notes.written = best;
    return best;
  }

  private newestPlaces(places: readonly WordPlace[]): WordPlace[] {
    return [...places].sort((a, b) => this.compareNewest(a.doc, b.doc) || a.pos - b.pos);
  }

  /** `examples`: how many occurrences to quote (1 for a completion: each may cost a file read). */
  private formulationEntry(mined: MinedFormulation, examples = FORMULATION_OCCURRENCES): FormulationEntry {
    const notes = this.notesOf(mined);
    if (examples === 1 && notes.example !== undefined && (notes.example === null || this.docs[notes.example.doc].alive)) {
      return { text: this.writtenForm(mined), count: mined.count, docCount: mined.docCount, occurrences: notes.example ? [notes.example.occurrence] : [] };
    }
    const n = mined.words.length;
    const refs: OccRef[] = [];
    const places = this.newestPlaces(examples <= 4 ? mined.sampled : mined.places);
    for (const place of places.slice(0, examples)) {
      const text = this.docText(place.doc);
      if (!text?.tokens) continue;
      refs.push([place.doc, text.tokens.starts[place.pos], text.tokens.ends[place.pos + n - 1]]);
    }
    const occurrences = refs.map((r) => this.occurrence(r));
    if (examples === 1) notes.example = refs.length ? { doc: refs[0][0], occurrence: occurrences[0] } : null;
    return { text: this.writtenForm(mined), count: mined.count, docCount: mined.docCount, occurrences };
  }

  /** What to insert after the typed words to complete the formulation, or null when nothing is left. */
  private continuation(mined: MinedFormulation, typedWords: string[], partial: boolean): string | null {
    const written = this.writtenForm(mined);
    const tokens = tokenize(written);
    const starts = tokens.starts.filter((s) => s >= 0);
    const ends = tokens.ends.filter((e) => e >= 0);
    const k = typedWords.length;
    if (starts.length !== mined.words.length || k > starts.length) return null;
    if (!partial) return k < starts.length ? written.slice(starts[k]) : null;
    const word = written.slice(starts[k - 1], ends[k - 1]);
    const typed = typedWords[k - 1];
    let m = 0;
    while (m < word.length && foldWord(word.slice(0, m)) !== typed) m++;
    if (m >= word.length) {
      // The partial word is the whole formulation word: continue with the rest, spacing as written.
      if (k >= starts.length) return null;
      const rest = written.slice(ends[k - 1]);
      return /^\s/.test(rest) ? ' ' + rest.trimStart() : rest;
    }
    return written.slice(starts[k - 1] + m);
  }

  // ------------------------------------------------------------------------------------------
  // Internals: references

  private namesOf(agg: ReferenceAgg): Array<{ name: string; acronym: boolean }> {
    const names: Array<{ name: string; acronym: boolean }> = [];
    if (agg.known) {
      names.push({ name: agg.known.canonical, acronym: false });
      for (const a of agg.known.acronyms) names.push({ name: a, acronym: true });
      for (const a of agg.known.aliases) names.push({ name: a, acronym: false });
    }
    for (const a of agg.acronyms.values()) names.push({ name: a, acronym: true });
    for (const w of agg.written.values()) names.push({ name: w.text, acronym: false });
    return names;
  }

  private referenceKeyIndex(): GrowingKeyIndex<ReferenceAgg> {
    this.dropStaleReferenceTables();
    if (this.referenceKeys) return this.referenceKeys;
    const keys: Array<KeyIndexEntry<ReferenceAgg>> = [];
    for (const agg of this.references.values()) {
      const seen = new Set<string>();
      for (const { name } of this.namesOf(agg)) keys.push(...referenceKeyRows(agg, name, seen));
    }
    this.referenceKeys = new GrowingKeyIndex(new KeyIndex(keys, REFERENCE_KEY_OPTIONS), REFERENCE_KEY_OPTIONS);
    return this.referenceKeys;
  }

  private referenceNameMap(): Map<string, string> {
    this.dropStaleReferenceTables();
    if (this.referenceNames) return this.referenceNames;
    const names = new Map<string, string>();
    // Curated first, then by use: the first claimant of a name keeps it.
    const aggs = [...this.references.values()].sort((a, b) => Number(!!b.known) - Number(!!a.known) || b.count - a.count);
    for (const agg of aggs) {
      for (const { name } of this.namesOf(agg)) {
        for (const v of nameVariants(name)) if (!names.has(v)) names.set(v, agg.id);
      }
    }
    this.referenceNames = names;
    return names;
  }

  private referenceEntry(agg: ReferenceAgg): ReferenceEntry {
    // Kept until the corpus changes: the lint asks for the entry of every citation of the draft
    // at each edit.
    const version = this.changes;
    if (agg.entry?.version === version) return agg.entry.value;
    const name = agg.known?.canonical ?? displayName(agg);
    const acronyms = [...new Set([...(agg.known?.acronyms ?? []), ...agg.acronyms.values()])];
    let year: string | null = agg.known?.year ?? null;
    if (!year) {
      let best = 0;
      for (const [y, c] of agg.years) if (c > best) [year, best] = [y, c];
    }
    const value: ReferenceEntry = {
      id: agg.id, kind: agg.kind, type: agg.type, name, article: agg.known?.article ?? '', acronyms,
      aliases: [...(agg.known?.aliases ?? [])], year, curated: !!agg.known, count: Math.max(0, agg.count), docCount: agg.docs.size,
    };
    agg.entry = { version, value };
    return value;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * The name an uncurated reference is shown and inserted by: the spelling the precedents use most
 * among those that open with the instrument's head in the singular ("résolution 2131 (2013) du
 * Conseil de sécurité"), then with it in the plural, then any. A resolution cited mostly in lists
 * ("résolutions 2129 (2013) et 2131 (2013) du Conseil de sécurité") was otherwise named
 * "2131 (2013) du Conseil de sécurité", the part of the list that is written most.
 */
function displayName(agg: ReferenceAgg): string {
  let name = '';
  let best = -1;
  let rank = -1;
  for (const w of agg.written.values()) {
    const head = instrumentHead(w.text.split(' ', 1)[0]);
    const r = head === 'singular' ? 2 : head === 'plural' ? 1 : 0;
    if (r > rank || (r === rank && w.count > best)) [name, best, rank] = [w.text, w.count, r];
  }
  return name;
}

/**
 * A formulation key index from rows already in key order (a saved index's, or the miner's
 * keysInOrder()): one key per formulation, folded, none of them a later word.
 */
function formulationKeysOf(keys: JoinedKeys, entries: EntryList<MinedFormulation>, order: Int32Array, weights: Float64Array): GrowingKeyIndex<MinedFormulation> {
  const rows = { keys, keyText: null, entries, entryOf: order, weights, inner: new Uint8Array(order.length) };
  return new GrowingKeyIndex(new KeyIndex<MinedFormulation>([], { keysFolded: true, oneKeyPerEntry: true, rows }), { keysFolded: true });
}

/** Distinct strings numbered in the order first given: the string table of a saved state or of packed lists. */
function stringTable(): { strings: string[]; id: (s: string) => number } {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (x: string): number => {
    let n = ids.get(x);
    if (n === undefined) {
      ids.set(x, (n = strings.length));
      strings.push(x);
    }
    return n;
  };
  return { strings, id };
}

/** Ints gathered in a typed array that doubles (a JS array of 10 million numbers was 80 MB of heap and a second of GC). */
class IntList {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  /** The ints (a view: a copy of 100 MB into new memory took 0.4 s at 100k precedents). */
  toArray(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Precedents' lists (unit labels, openers, citations, topics) as string ids, one after the other. */
class RecordLists {
  readonly labels = new IntList();
  /** (lemma, key, text) per opener. */
  readonly openers = new IntList();
  readonly references = new IntList();
  readonly topics = new IntList();

  /** The lists of a record that holds its own (not packed), with the ids `sid` gives; a unit without label is -1. */
  push(r: DocRecord, sid: (s: string) => number): void {
    for (const l of r.unitLabels) this.labels.push(l === null ? -1 : sid(l));
    for (const o of r.openers) {
      this.openers.push(sid(o.lemma));
      this.openers.push(sid(o.key));
      this.openers.push(sid(o.text));
    }
    for (const id of r.references) this.references.push(sid(id));
    for (const t of r.topics) this.topics.push(sid(t));
  }
}

/**
 * Where a reference or an opener form is written: (precedent, start, end) triples, flat in a
 * growable Int32Array. At 100k precedents the lists hold ~40 M numbers: as JS arrays they took
 * 8 bytes each on the heap and a copy at every save and load; a loaded list is a view of the file.
 */
class Occurrences {
  constructor(
    public data: Int32Array = new Int32Array(12),
    /** Numbers used (3 per occurrence). */
    public length = 0,
  ) {}

  /** A saved list: `length` numbers used, the rest of `saved` room for more. */
  static of(saved: Int32Array, length: number): Occurrences {
    if (!(Number.isInteger(length) && length % 3 === 0 && length <= saved.length)) throw new Error('inconsistent index state: occurrence list length');
    return new Occurrences(saved, length);
  }

  push(doc: number, start: number, end: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Int32Array(Math.max(12, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data[this.length] = doc;
    this.data[this.length + 1] = start;
    this.data[this.length + 2] = end;
    this.length += 3;
  }

  /** The triples as they are (shared: the caller does not keep it across a change). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  /** Cut to the room a save keeps, unless the list is a view of a loaded index (see fitLists()). */
  fit(): void {
    const size = this.savedSize();
    if (this.data.length > size && ownsItsBytes(this.data)) this.data = this.data.slice(0, size);
  }

  /** The triples and room for more, to save (see withRoom()). */
  withRoom(): Int32Array {
    return this.data.subarray(0, Math.min(this.data.length, this.savedSize()));
  }

  /** Numbers a save keeps: the triples and withRoom()'s room. */
  private savedSize(): number {
    return 3 * withRoom(this.length / 3);
  }
}

/**
 * Entries a saved list (a word's postings, a reference's occurrences) is saved with: its own and
 * room for more, so that a loaded list takes the next precedents in place. Without it, the first
 * precedents changed after a load at 100k copied the whole list of each of their words and of the
 * bodies they cite (hundreds of MB), and the collections those allocations set off took 5 s.
 */
function withRoom(entries: number): number {
  return entries ? entries + Math.max(4, entries >>> 4) : 0;
}

/** Whether the array is all of its buffer: a list a build grew, not a view of a loaded index's bytes. */
function ownsItsBytes(a: Int32Array): boolean {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}

/**
 * The precedents an opener form or a reference appears in, with how often. A loaded index keeps
 * the saved (precedent, count) pairs as they are (ascending: precedents are numbered in the order
 * they come, never reused), with the changes beside them: at 100k precedents, filling millions of
 * Map entries was 2.5 s of a cold start, and making them at the first change after it a second
 * more, plus the collections of a heap that much larger.
 */
class DocCounts {
  private static readonly NONE = new Int32Array(0);
  /** Saved pairs, ascending by precedent. */
  private saved: Int32Array;
  /** Saved precedents removed since. */
  private removed: Set<number> | null = null;
  /**
   * Precedents added since (all of them, for an index built here) and their counts, ascending as
   * they came (a new precedent has the highest number yet); a removed one keeps a count of 0. A
   * Map of them was 28 MB of hash tables at 10k precedents.
   */
  private addedDocs: Int32Array = DocCounts.NONE;
  private addedCounts: Int32Array = DocCounts.NONE;
  private addedLength = 0;
  private addedLive = 0;

  private constructor(saved: Int32Array) {
    this.saved = saved;
  }

  static empty(): DocCounts {
    return new DocCounts(DocCounts.NONE);
  }

  /** Saved pairs, whose contents may not be read yet (a restore in two parts): see check(). */
  static loaded(saved: Int32Array): DocCounts {
    if (saved.length % 2) throw new Error('inconsistent index state: document counts');
    return new DocCounts(saved);
  }

  /** Throws unless the saved pairs are ascending by precedent (before the first change). */
  check(): void {
    const saved = this.saved;
    for (let k = 2; k < saved.length; k += 2) if (saved[k] <= saved[k - 2]) throw new Error('inconsistent index state: document counts out of order');
  }

  /** How many precedents. */
  get size(): number {
    return (this.saved.length >>> 1) - (this.removed?.size ?? 0) + this.addedLive;
  }

  /** A citation in a precedent added since the load (numbered above every saved one and every one added before). */
  add(doc: number): void {
    const last = this.addedLength - 1;
    if (last >= 0 && this.addedDocs[last] === doc) {
      this.addedCounts[last]++;
      return;
    }
    if (last >= 0 && this.addedDocs[last] > doc) throw new Error(`precedent ${doc} added after ${this.addedDocs[last]}`);
    if (this.addedLength === this.addedDocs.length) {
      const size = Math.max(4, this.addedLength + (this.addedLength >>> 1));
      const docs = new Int32Array(size);
      const counts = new Int32Array(size);
      docs.set(this.addedDocs);
      counts.set(this.addedCounts);
      this.addedDocs = docs;
      this.addedCounts = counts;
    }
    this.addedDocs[this.addedLength] = doc;
    this.addedCounts[this.addedLength++] = 1;
    this.addedLive++;
  }

  delete(doc: number): void {
    const at = ascendingAt(this.addedDocs, this.addedLength, doc);
    if (at >= 0) {
      if (this.addedCounts[at] > 0) this.addedLive--;
      this.addedCounts[at] = 0;
      return;
    }
    if (this.savedAt(doc) >= 0) (this.removed ??= new Set()).add(doc);
  }

  /** (precedent, count) pairs, ascending, as saved. */
  pairs(): Int32Array {
    if (!this.removed?.size && !this.addedLength) return this.saved;
    const out = new Int32Array(this.size * 2);
    let k = 0;
    for (let j = 0; j < this.saved.length; j += 2) {
      if (this.removed?.has(this.saved[j])) continue;
      out[k++] = this.saved[j];
      out[k++] = this.saved[j + 1];
    }
    // Added precedents have the newest numbers, in the order they came: the pairs stay ascending.
    for (let j = 0; j < this.addedLength; j++) {
      if (this.addedCounts[j] === 0) continue;
      out[k++] = this.addedDocs[j];
      out[k++] = this.addedCounts[j];
    }
    return out;
  }

  /** Position of the precedent in the saved pairs, or -1. */
  private savedAt(doc: number): number {
    const k = ascendingAt(this.saved, this.saved.length >>> 1, doc, 2);
    return k < 0 ? -1 : k * 2;
  }
}

/** Which of the first `count` entries of `list` (one every `stride` numbers, ascending) is `value`, or -1. */
function ascendingAt(list: Int32Array, count: number, value: number, stride = 1): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid * stride] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && list[lo * stride] === value ? lo : -1;
}

/** A reference no precedent has cited yet (curated ones start so). */
function newReferenceAgg(id: string, kind: ReferenceKind, type: ReferenceType, known: KnownReference | null): ReferenceAgg {
  return { id, kind, type, known, count: 0, docs: DocCounts.empty(), written: new Map(), acronyms: new Map(), years: new Map(), occ: new Occurrences() };
}

/** The label of a unit (a quote's clause): of a restored record, from its packed labels (the rest may not be read yet). */
function labelOf(record: DocRecord, unit: number): string | null {
  const p = record.packed;
  if (!p) return record.unitLabels[unit] ?? null;
  const id = packedIds(p, 'labels')[unit];
  return id === undefined || id < 0 ? null : p.tables.strings[id];
}

/**
 * The lists of a restored record until unpack() gives it its own: one frozen empty array shared by
 * all (four per record were 400,000 arrays at a load of 100k precedents); a push on it would throw.
 */
const PACKED_YET: readonly never[] = Object.freeze([]);
function packedYet<T>(): T[] {
  return PACKED_YET as unknown as T[];
}

/** One id list of a restored record, cut out of the shared tables. */
function packedIds(p: PackedDoc, list: 'labels' | 'openers' | 'references' | 'topics'): Int32Array {
  const t = p.tables;
  const k = p.k;
  switch (list) {
    case 'labels': return t.labels.subarray(t.unitOffsets[k], t.unitOffsets[k + 1]);
    case 'openers': return t.openers.subarray(t.openerOffsets[k] * 3, t.openerOffsets[k + 1] * 3);
    case 'references': return t.references.subarray(t.referenceOffsets[k], t.referenceOffsets[k + 1]);
    case 'topics': return t.topics.subarray(t.topicOffsets[k], t.topicOffsets[k + 1]);
  }
}

/** A restored record's packed arrays as the record's own (see DocRecord.packed). */
function unpack(record: DocRecord): DocRecord {
  const p = record.packed;
  if (!p) return record;
  record.packed = null;
  const strings = p.tables.strings;
  record.unitLabels = Array.from(packedIds(p, 'labels'), (id) => (id < 0 ? null : strings[id]));
  record.openers = [];
  const openers = packedIds(p, 'openers');
  for (let k = 0; k + 2 < openers.length; k += 3) {
    record.openers.push({ lemma: strings[openers[k]], key: strings[openers[k + 1]], text: strings[openers[k + 2]] });
  }
  record.references = Array.from(packedIds(p, 'references'), (id) => strings[id]);
  record.topics = Array.from(packedIds(p, 'topics'), (id) => strings[id]);
  return record;
}

/** Front matter replaced by spaces (line breaks kept), so offsets stay those of the file. */
function blankFrontMatter(text: string, bodyStart: number): string {
  if (bodyStart <= 0) return text;
  return text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart);
}

/**
 * Units of a precedent in its clean text: the clauses, and the paragraphs between them (headings,
 * narrative), so every word is indexed and nothing crosses a clause boundary.
 */
function unitsOf(clean: string, clauses: ReadonlyArray<{ cleanSpan: Span; label: string | null }>): { spans: Span[]; flat: Int32Array; labels: Array<string | null> } {
  const units: Array<{ span: Span; label: string | null }> = [];
  const sorted = [...clauses].sort((a, b) => a.cleanSpan.start - b.cleanSpan.start);
  let at = 0;
  const gap = (from: number, to: number): void => {
    const re = /\n[ \t\u00a0\u202f]*\n/g;
    let s = from;
    const text = clean.slice(from, to);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (/\S/.test(clean.slice(s, from + m.index))) units.push({ span: { start: s, end: from + m.index }, label: null });
      s = from + m.index + m[0].length;
    }
    if (/\S/.test(clean.slice(s, to))) units.push({ span: { start: s, end: to }, label: null });
  };
  for (const c of sorted) {
    const start = Math.max(at, c.cleanSpan.start);
    if (start > at) gap(at, start);
    if (c.cleanSpan.end > start) units.push({ span: { start, end: c.cleanSpan.end }, label: c.label });
    at = Math.max(at, c.cleanSpan.end);
  }
  if (at < clean.length) gap(at, clean.length);
  const flat = new Int32Array(units.length * 2);
  units.forEach((u, i) => { flat[i * 2] = u.span.start; flat[i * 2 + 1] = u.span.end; });
  return { spans: units.map((u) => u.span), flat, labels: units.map((u) => u.label) };
}

function spansOf(flat: Int32Array): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < flat.length; i += 2) spans.push({ start: flat[i], end: flat[i + 1] });
  return spans;
}

function unitAt(flat: Int32Array, offset: number): number {
  let lo = 0;
  let hi = flat.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (flat[mid * 2] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 && offset < flat[found * 2 + 1] ? found : -1;
}

/** Where an opener sits in the clean text: found in the clause text, else mapped from its span. */
function openerCleanSpan(clean: CleanText, clauseSpan: Span, clauseText: string, openerText: string, openerSpan: Span): Span {
  const body = clean.text.slice(clauseSpan.start, clauseSpan.end);
  let at = body.indexOf(openerText);
  if (at >= 0) return { start: clauseSpan.start + at, end: clauseSpan.start + at + openerText.length };
  at = clauseText.indexOf(openerText);
  if (at >= 0 && clauseText === body) return { start: clauseSpan.start + at, end: clauseSpan.start + at + openerText.length };
  // origin is non-decreasing: first clean offset whose origin reaches the opener.
  const find = (orig: number): number => {
    let lo = 0;
    let hi = clean.origin.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (clean.origin[mid] < orig) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = find(openerSpan.start);
  return { start, end: Math.max(start, find(openerSpan.end)) };
}

/** The unit's text as a quote (whitespace collapsed, capped around the occurrence). */
function makeQuote(text: string, unitStart: number, unitEnd: number, start: number, end: number): { quote: string; quoteSpan: Span } {
  let qs = unitStart;
  let qe = unitEnd;
  if (qe - qs > QUOTE_CAP) {
    const room = Math.max(0, QUOTE_CAP - (end - start));
    qs = Math.max(unitStart, start - Math.floor(room * 0.4));
    qe = Math.min(unitEnd, Math.max(end, qs + QUOTE_CAP));
    // Do not cut words in half.
    while (qs > unitStart && qs < start && /\S/.test(text[qs - 1])) qs++;
    while (qe < unitEnd && qe > end && /\S/.test(text[qe])) qe--;
  }
  const collapse = (s: string): string => s.replace(/\s+/g, ' ');
  const before = collapse(text.slice(qs, start)).trimStart();
  const mid = collapse(text.slice(start, end));
  const after = collapse(text.slice(end, qe)).trimEnd();
  const lead = qs > unitStart ? '… ' : '';
  const tail = qe < unitEnd ? ' …' : '';
  const quote = lead + before + mid + after + tail;
  const s = lead.length + before.length;
  return { quote, quoteSpan: { start: s, end: s + mid.length } };
}

/**
 * Completion keys of one name of a reference: the name, and the name without its article.
 * Weights are the counts of now (ranking only; the entry shows live counts): static weights let the
 * index remember the best keys of short prefixes, which live weights forbid (a 2-letter prefix
 * read thousands of names per keystroke at 10k precedents: p99 6 ms).
 */
function referenceKeyRows(agg: ReferenceAgg, name: string, seen: Set<string> = new Set()): Array<KeyIndexEntry<ReferenceAgg>> {
  const rows: Array<KeyIndexEntry<ReferenceAgg>> = [];
  const weight = agg.count + (agg.known ? 0.5 : 0);
  for (const key of [name, name.replace(ARTICLE, '')]) {
    const folded = foldKey(key);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    rows.push({ key, folded, entry: agg, weight });
  }
  return rows;
}

/** A name in the suggestion table: by its content words, and one-word names by their deletions. */
function addSuggestEntry(table: SuggestTable, agg: ReferenceAgg, name: string, acronym: boolean, seen: Set<string> | null): void {
  const folded = foldKey(name.replace(ARTICLE, ''));
  if (!folded || seen?.has(folded)) return;
  seen?.add(folded);
  indexSuggestEntry(table, { agg, name, folded, acronym, words: contentWords(folded) });
}

/** An entry into the suggestion table: by its content words, a one-word name by its deletions. */
function indexSuggestEntry(table: SuggestTable, entry: SuggestTable['entries'][number]): void {
  const push = (map: Map<string, number[]>, key: string, k: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [k]);
    else if (list[list.length - 1] !== k) list.push(k);
  };
  const k = table.entries.push(entry) - 1;
  for (const w of entry.words) push(table.byWord, w, k);
  if (!/\s/.test(entry.folded)) for (const key of withOneDeletion(entry.folded)) push(table.byDeletion, key, k);
}

/** Folded names a mention may be looked up by: as written, without article, without trailing year. */
function nameVariants(text: string): string[] {
  const out = new Set<string>();
  const base = text.replace(/\s+/g, ' ').trim();
  for (const t of [base, base.replace(ARTICLE, '')]) {
    out.add(foldKey(t));
    out.add(foldKey(t.replace(/\s*\(?\b(?:de\s+)?(?:1[89]|20)\d\d\)?\s*$/i, '')));
  }
  out.delete('');
  return [...out];
}

function contentWords(folded: string): string[] {
  return folded.split(/[\s'’-]+/).filter((w) => w.length > 1 && !isFunctionWord(w));
}

/** A word and the word without each one of its letters (candidates within one edit, SymSpell-style). */
function withOneDeletion(word: string): Set<string> {
  const out = new Set<string>([word]);
  if (word.length > 2) for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** How many times each character (by its low byte: a shared bucket only weakens the bound) occurs in `text`. */
function letterCounts(text: string, counts: Int16Array): Int16Array {
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 255]++;
  return counts;
}

/** A lower bound of the edit distance between the text counted in `counts` and `other` (`scratch`: 256 entries, overwritten). */
function lettersApart(counts: Int16Array, other: string, scratch: Int16Array): number {
  scratch.set(counts);
  for (let i = 0; i < other.length; i++) scratch[other.charCodeAt(i) & 255]--;
  let more = 0;
  let fewer = 0;
  for (let c = 0; c < 256; c++) {
    const v = scratch[c];
    if (v > 0) more += v;
    else fewer -= v;
  }
  return Math.max(more, fewer);
}

/** Dice coefficient over words; words of ≥ 5 letters within one edit count as the same. */
function dice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const used = new Array<boolean>(b.length).fill(false);
  let common = 0;
  for (const w of a) {
    for (let j = 0; j < b.length; j++) {
      if (used[j]) continue;
      if (w === b[j] || (w.length >= 5 && b[j].length >= 5 && editDistance(w, b[j], 1) <= 1)) {
        used[j] = true;
        common++;
        break;
      }
    }
  }
  return (2 * common) / (a.length + b.length);
}
