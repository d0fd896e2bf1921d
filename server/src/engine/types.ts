// The engine's shared vocabulary. Every module of the engine, the features layer and the CLI speak
// these types; keep them free of LSP, vscode and Node types.
//
// Offsets: unless a name says otherwise, an offset is a UTF-16 code-unit index into the ORIGINAL
// decoded text of a file (what the editor shows), so `positionAt(lineStarts, offset)` gives an LSP
// position directly. Offsets into the cleaned text are called `clean*`.

/** Half-open span [start, end) in the original text. */
export interface Span {
  start: number;
  end: number;
}

/** Decoded file contents, or the reason a file cannot be used as a precedent. */
export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; notes: string[] }
  | { ok: false; reason: string };

/**
 * Text after PDF/web cleanup, with for each clean character the offset in the original text it came
 * from. `origin.length === text.length + 1`; the last entry maps the end of the clean text.
 * Characters the cleanup inserted (a space that replaced a line break) map to the original character
 * they replaced.
 */
export interface CleanText {
  text: string;
  origin: Int32Array;
  /** What the cleanup repaired, for `precedent analyze --format text` and debugging. */
  repairs: Repair[];
}

export interface Repair {
  kind: 'ocr' | 'hyphenation' | 'header' | 'duplicate-line' | 'noise-line' | 'superscript' | 'paragraph-number';
  /** Span in the original text. */
  span: Span;
  from: string;
  to: string;
}

export interface PrecedentMeta {
  title: string;
  /** ISO date `YYYY-MM-DD`, or null when unknown. */
  date: string | null;
  body: string | null;
  place: string | null;
  kind: string | null;
  language: string;
  /** Fields the engine inferred from the text rather than read from metadata, e.g. ["title", "date"]. */
  inferred: string[];
}

/**
 * Grammatical form of a clause opener. French institutional drafting uses:
 *  - third-plural  "Réaffirment", "S’engagent à" (Les chefs de police …)
 *  - third-singular "Réaffirme", "Décide" (Le Conseil de sécurité …)
 *  - first-plural  "Nous réaffirmons", "Réaffirmons" (Nous, les Ministres, …)
 *  - participle    present participle "Réaffirmant", "Rappelant" (preamble)
 *  - past-participle past participle / adjective "Conscients", "Convaincus", "Profondément préoccupés"
 *  - infinitive    "De soutenir", "D’encourager" (after "Convenons :")
 *  - noun          "Nécessité de", "Importance de" (communiqué summaries)
 *  - other
 */
export type OpenerForm =
  | 'third-plural'
  | 'third-singular'
  | 'first-plural'
  | 'participle'
  | 'past-participle'
  | 'infinitive'
  | 'noun'
  | 'other';

export type ClauseRole = 'preambular' | 'operative' | 'narrative';

/** Who speaks in a stretch of text. */
export interface Voice {
  /** The speaking subject as written, e.g. "Les chefs de police", "Nous, les Ministres", "Le Conseil permanent". */
  subject: string | null;
  /** The person the operative verbs take for that subject. */
  person: 'third-plural' | 'third-singular' | 'first-plural' | null;
}

export interface Opener {
  /** Exactly as written in the source, e.g. "Nous réaffirmons", "S’engagent à", "Exprimant leur préoccupation particulière". */
  text: string;
  /** Infinitive (or adjective/noun base) in lower case with accents: "réaffirmer", "s’engager", "conscient". */
  lemma: string;
  form: OpenerForm;
  span: Span;
}

export interface Section {
  index: number;
  /** The heading as written ("Concernant le rôle de l’OSCE, les chefs de police", "Convenons :"), or null. */
  heading: string | null;
  span: Span;
  voice: Voice;
  /** Role of the clauses in this section when the heading decides it ("Convenons :" → operative). */
  role: ClauseRole | null;
}

export interface Clause {
  index: number;
  sectionIndex: number;
  /** Label or number as written: "P2A", "5", "iv", or null for bullets and unlabelled paragraphs. */
  label: string | null;
  /** Clean text of the clause (label and bullet removed). */
  text: string;
  /** Span of the clause body in the original text (label and bullet excluded). */
  span: Span;
  /** Span of the clause body in the clean text. */
  cleanSpan: Span;
  opener: Opener | null;
  role: ClauseRole;
  voice: Voice;
}

export type ReferenceKind = 'instrument' | 'body';

/** Instrument sub-kind (what the head noun says) or body sub-kind. */
export type ReferenceType =
  | 'convention' | 'protocol' | 'resolution' | 'decision' | 'declaration' | 'charter' | 'code'
  | 'plan' | 'strategy' | 'concept' | 'recommendation' | 'guidelines' | 'final-act' | 'report'
  | 'agreement' | 'document' | 'organisation' | 'organ' | 'agency' | 'other';

/** A citation of an instrument or a mention of a body, as found in one text. */
export interface ReferenceMention {
  /** As written (clean text, single spaces). */
  text: string;
  kind: ReferenceKind;
  type: ReferenceType;
  /** Stable id of the knowledge-file entry (e.g. "unodc", "untoc"), or a normalised key for pattern-only finds. */
  id: string;
  /** Canonical French name when the knowledge file knows it; null otherwise. */
  canonical: string | null;
  /** True when the knowledge file knows it. The index later also marks corpus-attested ones as known. */
  curated: boolean;
  /** Acronym as written, if the mention is or contains one ("ONUDC"). */
  acronym: string | null;
  /** Year qualifiers found with it ("2000", "1999"). */
  years: string[];
  /** Document symbol when one is cited ("S/RES/2178 (2014)"). */
  symbol: string | null;
  span: Span;
  cleanSpan: Span;
}

/** A curated knowledge-file entry. */
export interface KnownReference {
  id: string;
  kind: ReferenceKind;
  type: ReferenceType;
  /** Canonical French name, as it should be inserted, without article: "Office des Nations Unies contre la drogue et le crime". */
  canonical: string;
  /** Article to use before the canonical name in running text: "l’", "la", "le", "les", "" (none: INTERPOL). */
  article: string;
  /** Acronyms in French and English: ["ONUDC", "UNODC"]. */
  acronyms: string[];
  /** Other names (French and English) that refer to the same thing: "Convention de Palerme". */
  aliases: string[];
  /** Year the instrument is usually cited with, when it has one ("2000"). */
  year?: string;
  /** Topic key terms this entry is about, used by the missing-reference lint. */
  topics?: string[];
}

export interface AnalysedText {
  original: string;
  lineStarts: number[];
  clean: CleanText;
  sections: Section[];
  clauses: Clause[];
  references: ReferenceMention[];
  /** Topic key terms found in the text (normalised ids from the topic table). */
  topics: string[];
}

// ---------------------------------------------------------------------------------------------
// The corpus index: what the features layer asks of the precedents.

/** LSP-shaped position (0-based line, UTF-16 character) without depending on LSP types. */
export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** One place in one precedent. */
export interface Occurrence {
  /** Index id of the precedent (its path or URI as the host gave it). */
  docId: string;
  clauseLabel: string | null;
  /** Range in the precedent file as given (for links: open the precedent at this spot). */
  range: TextRange;
  /** The clause the occurrence is in, clean text, for quoting. */
  quote: string;
  /** Where the occurrence itself sits in `quote` (to put it in bold). */
  quoteSpan: Span;
}

export interface IndexedDocument {
  docId: string;
  meta: PrecedentMeta;
  clauseCount: number;
  referenceCount: number;
  /** Notes the engine has about this document (inferred metadata, encoding fallback …). */
  notes: string[];
}

/** A document that could not be indexed, with one clear reason. */
export interface SkippedDocument {
  docId: string;
  reason: string;
}

/** All the ways the precedents open clauses with one lemma. */
export interface OpenerEntry {
  lemma: string;
  /** Per form actually used in the precedents (empty for lexicon-only lemmas). */
  forms: Array<{ form: OpenerForm; text: string; count: number; docCount: number; example: Occurrence }>;
  /** Total corpus uses. */
  count: number;
  role: ClauseRole;
  /** True when known from the drafting lexicon (possibly also from the corpus). */
  inLexicon: boolean;
}

export interface FormulationEntry {
  /** As most often written in the precedents. */
  text: string;
  count: number;
  docCount: number;
  occurrences: Occurrence[];
}

export interface ReferenceEntry {
  id: string;
  kind: ReferenceKind;
  type: ReferenceType;
  /** Canonical name (knowledge file) or most frequent written form. */
  name: string;
  article: string;
  acronyms: string[];
  aliases: string[];
  year: string | null;
  curated: boolean;
  /** Corpus statistics. */
  count: number;
  docCount: number;
}

export interface Match<T> {
  entry: T;
  /** Higher is better; comparable only within one lookup. */
  score: number;
  /** The key that matched (a form, an acronym, an alias). */
  matchedKey: string;
  /** True when the match needed typo tolerance. */
  fuzzy: boolean;
}
