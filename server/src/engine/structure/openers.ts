// The clause-initial formulation: verb (with its clitics "Nous nous", "S’", "De nous"), the adverbs
// the drafters attach to it ("également", "de nouveau", "avec préoccupation") and its fixed
// complement ("note", "à", "à l’esprit"); never the clause's content.
import type { OpenerForm } from '../types';
import { lemmaOf, normalizeWord, withSe, wordKey, type WordAnalysis } from './conjugate';
import { EXPRESSED_FEELINGS, FIXED_COMPLEMENTS, OPENER_ADVERBS, OPENER_PRE_ADVERBS } from './lexicon';
import { parseMarker } from './markers';
import { NOT_VERBS } from './verbs';

export interface DetectedOpener {
  /** As written, whitespace runs (line breaks, NBSP) written as one space. */
  text: string;
  lemma: string;
  form: OpenerForm;
  /** Offset in the given string where the opener starts (after label/bullet/whitespace). */
  start: number;
  /** Offset in the given string just after the opener's last character. */
  end: number;
  /** False when the verb was recognised by its ending only (not a known drafting verb). */
  known: boolean;
}

export interface DetectOptions {
  /**
   * For unlabelled, unbulleted paragraphs (UN preambles, prose): only known verbs and adjectives
   * open a clause, so "S’adressant aux participants, le Secrétaire général …" in a news item has
   * no opener. Default false (bullets and labelled clauses: verbs recognised by their ending too).
   */
  strict?: boolean;
  /** Accept a noun as opener ("Nécessité d’un engagement"). Default: !strict. */
  nouns?: boolean;
}

export class Token {
  private folded: string | undefined;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly raw: string,
    readonly word: boolean,
  ) {}
  /** Accent-, case- and apostrophe-insensitive form, computed when first asked for. */
  get key(): string {
    this.folded ??= this.word ? wordKey(this.raw) : this.raw;
    return this.folded;
  }
}

// A word, with the apostrophe of an elided article/pronoun kept on it: "S’" + "engagent", "l’" + "esprit".
const WORD_CHAR = new Uint8Array(65536); // 0 unknown, 1 word character, 2 not
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let v = WORD_CHAR[c];
  if (v === 0) {
    v = LETTER_OR_MARK.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR[c] = v;
  }
  return v === 1;
}

function isSpaceChar(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc;
}

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/**
 * Words and punctuation from `from`, produced as they are asked for (most clauses are decided on
 * their first three words), at most `maxTokens` of them within 600 characters.
 */
export class Tokens {
  private readonly list: Token[] = [];
  private at: number;
  private readonly limit: number;
  constructor(
    private readonly text: string,
    from: number,
    private readonly maxTokens: number,
  ) {
    this.at = from;
    this.limit = Math.min(text.length, from + 600);
  }

  get(i: number): Token | undefined {
    while (this.list.length <= i && this.next()) {
      // produce tokens up to i
    }
    return this.list[i];
  }

  all(): Token[] {
    while (this.next()) {
      // produce every token
    }
    return this.list;
  }

  private next(): boolean {
    const text = this.text;
    if (this.list.length >= this.maxTokens) return false;
    let at = this.at;
    while (at < this.limit && isSpaceChar(text.charCodeAt(at))) at++;
    if (at >= this.limit) {
      this.at = at;
      return false;
    }
    const start = at;
    if (!isWordChar(text.charCodeAt(at))) {
      this.list.push(new Token(start, start + 1, text[start], false));
      this.at = start + 1;
      return true;
    }
    for (;;) {
      while (at < text.length && isWordChar(text.charCodeAt(at))) at++;
      // Hyphenated words stay whole ("OIPC-INTERPOL", "Secrétaire-général").
      if (isHyphen(text.charCodeAt(at)) && isWordChar(text.charCodeAt(at + 1))) {
        at++;
        continue;
      }
      break;
    }
    if (isApostrophe(text.charCodeAt(at))) at++;
    this.list.push(new Token(start, at, text.slice(start, at), true));
    this.at = at;
    return true;
  }
}

/** Words and punctuation from `from` (lazily), at most `maxTokens` of them within 600 characters. */
export function tokenize(text: string, from: number, maxTokens: number): Tokens {
  return new Tokens(text, from, maxTokens);
}

let phraseCache: Map<string, string[]> | null = null;

/** Token keys of a lexicon phrase ("à l’esprit" → ["a", "l'", "esprit"]). */
function phraseKeys(phrase: string): string[] {
  phraseCache ??= new Map();
  let keys = phraseCache.get(phrase);
  if (!keys) {
    keys = tokenize(phrase, 0, 20).all().map((t) => t.key);
    phraseCache.set(phrase, keys);
  }
  return keys;
}

/** Number of tokens the phrase covers at tokens.get(at), or 0. */
function matchPhrase(tokens: Tokens, at: number, phrase: string): number {
  const keys = phraseKeys(phrase);
  for (let k = 0; k < keys.length; k++) {
    const t = tokens.get(at + k);
    if (!t || !t.word || t.key !== keys[k]) return 0;
  }
  return keys.length;
}

const phraseIndex = new Map<readonly string[], Map<string, string[]>>();

/** The longest phrase of the list matching at tokens[at]. */
function longestPhrase(tokens: Tokens, at: number, phrases: readonly string[]): number {
  const t = tokens.get(at);
  if (!t || !t.word) return 0;
  let byFirst = phraseIndex.get(phrases);
  if (!byFirst) {
    byFirst = new Map();
    for (const p of phrases) {
      const first = phraseKeys(p)[0];
      const list = byFirst.get(first) ?? [];
      list.push(p);
      byFirst.set(first, list);
    }
    phraseIndex.set(phrases, byFirst);
  }
  let best = 0;
  for (const p of byFirst.get(t.key) ?? []) best = Math.max(best, matchPhrase(tokens, at, p));
  return best;
}

let keySets: { pre: Set<string>; feelings: Set<string>; stop: Set<string>; nounFollowers: Set<string>; possessives: Set<string> } | null = null;

function sets() {
  keySets ??= {
    pre: new Set(OPENER_PRE_ADVERBS.map(wordKey)),
    feelings: new Set(EXPRESSED_FEELINGS.map(wordKey)),
    possessives: new Set(['leur', 'leurs', 'sa', 'son', 'ses', 'notre', 'nos'].map(wordKey)),
    // Words that open sentences without being openers: determiners, pronouns, prepositions, conjunctions.
    stop: new Set(
      [
        'le', 'la', 'les', 'l’', 'un', 'une', 'des', 'du', 'de', 'd’', 'ce', 'cet', 'cette', 'ces', 'il', 'ils', 'elle',
        'elles', 'on', 'nous', 'vous', 'je', 'j’', 'leur', 'leurs', 'son', 'sa', 'ses', 'notre', 'nos', 'votre', 'à',
        'au', 'aux', 'en', 'dans', 'par', 'pour', 'sur', 'avec', 'sans', 'selon', 'si', 's’', 'et', 'ou', 'mais',
        'donc', 'car', 'ni', 'que', 'qu’', 'qui', 'quand', 'lorsque', 'lorsqu’', 'lors', 'depuis', 'après', 'avant',
        'pendant', 'durant', 'entre', 'vers', 'chez', 'sous', 'tous', 'toutes', 'tout', 'toute', 'chaque',
        'plusieurs', 'deux', 'trois', 'quatre', 'cinq', 'ainsi', 'aussi', 'enfin', 'puis', 'y', 'voici', 'voilà',
        'comme', 'dont', 'où', 'afin', 'outre', 'cependant', 'néanmoins', 'toutefois', 'pourquoi', 'comment',
        'quel', 'quelle', 'quels', 'quelles', 'qu’est-ce', 'est-ce', 'c’est', 'c’', 'n’', 'ne', 'non', 'oui', 'très',
        'plus', 'moins', 'bien', 'déjà', 'encore', 'aujourd’hui', 'hier', 'demain', 'ici', 'là', 'monsieur', 'madame',
        'mme', 'm', 'mm', 'dr', 'secrétaire', 'président', 'présidente', 'ministre', 'directeur', 'article', 'annexe',
        'chapitre', 'section', 'partie', 'note', 'source', 'page', 'voir',
      ].map(wordKey),
    ),
    nounFollowers: new Set(['de', 'd’', 'du', 'des', 'par', 'sur', 'en', 'pour', 'entre', 'à', 'au', 'aux', 'contre', 'dans', 'avec'].map(wordKey)),
  };
  return keySets;
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** "Effets" → "effet", "Recommandations" → "recommandation"; "Accès", "Processus" stay. */
function singular(noun: string): string {
  if (noun.length > 3 && noun.endsWith('s') && !/(ès|us|is|as|os|ss)$/.test(noun)) return noun.slice(0, -1);
  return noun;
}

type Mode = 'free' | 'first-plural' | 'infinitive';

interface Built {
  lemma: string;
  form: OpenerForm;
  known: boolean;
  /** Token index just after the opener. */
  next: number;
}

/** Adverbs, then the lemma's fixed complement, then adverbs again: "note avec satisfaction", "de nouveau à". */
function extend(tokens: Tokens, at: number, lemma: string, verb: string): { next: number; lemma: string } {
  let j = at;
  for (let n = 0; n < 3; n++) {
    const len = longestPhrase(tokens, j, OPENER_ADVERBS);
    if (!len) break;
    j += len;
  }
  const complements = FIXED_COMPLEMENTS[lemma] ?? FIXED_COMPLEMENTS[verb];
  let extendedLemma = lemma;
  if (complements) {
    for (const c of complements) {
      const len = matchPhrase(tokens, j, c.words);
      if (len) {
        j += len;
        if (c.lemma) extendedLemma = lemma.startsWith('se ') || lemma.startsWith('s’') ? lemma : c.lemma;
        break;
      }
    }
  }
  if (verb === 'exprimer' && tokens.get(j)?.word && sets().possessives.has(tokens.get(j)!.key)) {
    let k = j + 1;
    while (k < j + 4 && tokens.get(k)?.word && sets().feelings.has(tokens.get(k)!.key)) k++;
    if (k > j + 1) j = k;
  }
  if (j !== at) {
    for (let n = 0; n < 2; n++) {
      const len = longestPhrase(tokens, j, OPENER_ADVERBS);
      if (!len) break;
      j += len;
    }
  }
  return { next: j, lemma: extendedLemma };
}

function acceptable(a: WordAnalysis, mode: Mode, strict: boolean, afterAdverb: boolean, reflexive: boolean): boolean {
  if (a.verb === 'être' || (a.verb === 'avoir' && a.form !== 'participle')) return false;
  if (mode === 'first-plural') return a.form === 'first-plural';
  if (mode === 'infinitive') {
    if (a.form !== 'infinitive') return false;
    // "De manière", "De premier plan": only -er/-ir words count as unknown infinitives.
    return a.known || (!strict && /[^i]er$|[^o]ir$/.test(a.lemma));
  }
  if (afterAdverb && a.form !== 'participle' && a.form !== 'past-participle') return false;
  if (reflexive && a.form === 'past-participle') return false;
  if (a.form === 'infinitive') return a.known && !strict;
  if (!a.known) return !strict && (a.form === 'third-plural' || a.form === 'first-plural' || a.form === 'participle');
  return true;
}

/** The verb (or adjective) at tokens.get(i) and what follows it. */
function buildAt(tokens: Tokens, i: number, mode: Mode, strict: boolean, afterAdverb: boolean, reflexive: boolean): Built | null {
  const t = tokens.get(i);
  if (!t || !t.word) return null;
  const a = lemmaOf(t.raw);
  if (!a || !acceptable(a, mode, strict, afterAdverb, reflexive)) return null;
  if (a.form !== 'past-participle' && NOT_VERBS.has(t.raw.toLowerCase())) return null;
  if (a.verb === 'avoir') {
    // "Ayant à l’esprit" (fixed) or "Ayant examiné" (compound participle, lemma of the second verb).
    const fixed = extend(tokens, i + 1, 'avoir', 'avoir');
    if (fixed.lemma !== 'avoir') return { lemma: fixed.lemma, form: 'participle', known: true, next: fixed.next };
    const following = tokens.get(i + 1);
    const second = following ? lemmaOf(following.raw) : null;
    if (!second || second.form !== 'past-participle' || !second.known || second.verb === second.lemma) return null;
    const more = extend(tokens, i + 2, second.verb, second.verb);
    return { lemma: more.lemma, form: 'participle', known: true, next: more.next };
  }
  let lemma = a.form === 'past-participle' ? a.lemma : a.verb;
  if (reflexive) lemma = withSe(lemma);
  const more = extend(tokens, i + 1, lemma, a.form === 'past-participle' ? a.lemma : a.verb);
  return { lemma: more.lemma, form: mode === 'infinitive' ? 'infinitive' : a.form, known: a.known, next: more.next };
}

function result(text: string, tokens: Tokens, first: number, built: Built): DetectedOpener {
  const start = tokens.get(first)!.start;
  const end = tokens.get(built.next - 1)!.end;
  return { text: text.slice(start, end).replace(/[\s\u00a0\u202f\u2007\ufeff]+/g, ' '), lemma: built.lemma, form: built.form, start, end, known: built.known };
}

/** "Nous, Ministres des affaires étrangères …, rappelons …": the first-plural verb after the apposition. */
function afterApposition(text: string, from: number, strict: boolean): DetectedOpener | null {
  const limit = Math.min(text.length, from + 600);
  for (let c = text.indexOf(',', from); c >= 0 && c < limit; c = text.indexOf(',', c + 1)) {
    const tokens = tokenize(text, c + 1, 16);
    let i = 0;
    let reflexive = false;
    if (tokens.get(0)?.key === 'nous') {
      reflexive = true;
      i = 1;
    }
    const built = buildAt(tokens, i, 'first-plural', strict, false, reflexive);
    if (built) return result(text, tokens, 0, built);
  }
  return null;
}

/** The opener at the start of a clause body, or null when the clause does not open with one. */
export function detectOpener(clauseText: string, opts: DetectOptions = {}): DetectedOpener | null {
  const strict = opts.strict ?? false;
  const nouns = opts.nouns ?? !strict;
  const begin = parseMarker(clauseText, 0).bodyStart;
  const tokens = tokenize(clauseText, begin, 14);
  const first = tokens.get(0);
  if (!first || !first.word) return null;
  const s = sets();

  if (first.key === 'nous') {
    const second = tokens.get(1);
    if (second && !second.word && second.raw === ',') return afterApposition(clauseText, second.start, strict);
    const reflexive = tokens.get(1)?.key === 'nous';
    const built = buildAt(tokens, reflexive ? 2 : 1, 'first-plural', strict, false, reflexive);
    return built ? result(clauseText, tokens, 0, built) : null;
  }
  if (first.key === 'de' || first.key === "d'") {
    const k = tokens.get(1)?.key;
    const reflexive = k === 'nous' || k === 'se' || k === "s'";
    const built = buildAt(tokens, reflexive ? 2 : 1, 'infinitive', strict, false, reflexive);
    if (!built) return null;
    if (reflexive) built.lemma = built.lemma.startsWith('s’') || built.lemma.startsWith('se ') ? built.lemma : withSe(built.lemma);
    return result(clauseText, tokens, 0, built);
  }

  let i = 0;
  let adverbs = 0;
  while (adverbs < 2 && tokens.get(i + 1)?.word && s.pre.has(tokens.get(i)!.key)) {
    i++;
    adverbs++;
  }
  let reflexive = false;
  if (tokens.get(i)?.key === 'se' || tokens.get(i)?.key === "s'") {
    reflexive = true;
    i++;
  }
  const built = buildAt(tokens, i, 'free', strict, adverbs > 0, reflexive);
  if (built) return result(clauseText, tokens, 0, built);

  // Communiqué summaries open on a noun: "Nécessité d’un engagement", "Effets manifestes de …".
  if (!nouns || adverbs > 0 || reflexive) return null;
  const raw = first.raw;
  if (!isUpper(raw[0]) || raw.length < 3 || raw === raw.toUpperCase() || /\d/.test(raw) || raw.includes('’') || raw.includes("'")) return null;
  if (s.stop.has(first.key)) return null;
  const next = tokens.get(1);
  if (!next) return null;
  let follows = next.raw === ':';
  if (next.word) {
    // A preposition, or a lower-case adjective/participle ("Effets manifestes", "Échanges axés"), not a finite verb.
    const a = next.raw[0] === next.raw[0].toLowerCase() ? lemmaOf(next.raw) : undefined;
    follows = s.nounFollowers.has(next.key) || (a !== undefined && (a === null || !a.known || a.form === 'past-participle' || a.form === 'participle'));
  }
  if (!follows) return null;
  const lemma = singular(normalizeWord(raw));
  return { text: raw, lemma, form: 'noun', start: first.start, end: first.end, known: false };
}
