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

export interface Token {
  start: number;
  end: number;
  raw: string;
  key: string;
  word: boolean;
}

// A word, with the apostrophe of an elided article/pronoun kept on it: "S’" + "engagent", "l’" + "esprit".
const WORD = /[\p{L}\p{M}\d]+(?:[-‐‑][\p{L}\p{M}\d]+)*['’ʼ]?/uy;
const SPACE = /[\s\u00a0\u202f\u2007\ufeff]+/y;

/** Words and punctuation from `from`, at most `maxTokens` of them within 600 characters. */
export function tokenize(text: string, from: number, maxTokens: number): Token[] {
  const tokens: Token[] = [];
  let at = from;
  const limit = Math.min(text.length, from + 600);
  while (at < limit && tokens.length < maxTokens) {
    SPACE.lastIndex = at;
    if (SPACE.test(text)) {
      at = SPACE.lastIndex;
      continue;
    }
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (m) {
      tokens.push({ start: at, end: at + m[0].length, raw: m[0], key: wordKey(m[0]), word: true });
      at += m[0].length;
    } else {
      tokens.push({ start: at, end: at + 1, raw: text[at], key: text[at], word: false });
      at++;
    }
  }
  return tokens;
}

let phraseCache: Map<string, string[]> | null = null;

/** Token keys of a lexicon phrase ("à l’esprit" → ["a", "l'", "esprit"]). */
function phraseKeys(phrase: string): string[] {
  phraseCache ??= new Map();
  let keys = phraseCache.get(phrase);
  if (!keys) {
    keys = tokenize(phrase, 0, 20).map((t) => t.key);
    phraseCache.set(phrase, keys);
  }
  return keys;
}

/** Number of tokens the phrase covers at tokens[at], or 0. */
function matchPhrase(tokens: Token[], at: number, phrase: string): number {
  const keys = phraseKeys(phrase);
  for (let k = 0; k < keys.length; k++) {
    const t = tokens[at + k];
    if (!t || !t.word || t.key !== keys[k]) return 0;
  }
  return keys.length;
}

/** The longest phrase of the list matching at tokens[at]. */
function longestPhrase(tokens: Token[], at: number, phrases: readonly string[]): number {
  let best = 0;
  for (const p of phrases) best = Math.max(best, matchPhrase(tokens, at, p));
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
function extend(tokens: Token[], at: number, lemma: string, verb: string): { next: number; lemma: string } {
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
  if (verb === 'exprimer' && tokens[j]?.word && sets().possessives.has(tokens[j].key)) {
    let k = j + 1;
    while (k < j + 4 && tokens[k]?.word && sets().feelings.has(tokens[k].key)) k++;
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

/** The verb (or adjective) at tokens[i] and what follows it. */
function buildAt(tokens: Token[], i: number, mode: Mode, strict: boolean, afterAdverb: boolean, reflexive: boolean): Built | null {
  const t = tokens[i];
  if (!t || !t.word) return null;
  const lower = normalizeWord(t.raw);
  const a = lemmaOf(t.raw);
  if (!a || !acceptable(a, mode, strict, afterAdverb, reflexive)) return null;
  if (a.form !== 'past-participle' && NOT_VERBS.has(lower)) return null;
  if (a.verb === 'avoir') {
    // "Ayant à l’esprit" (fixed) or "Ayant examiné" (compound participle, lemma of the second verb).
    const fixed = extend(tokens, i + 1, 'avoir', 'avoir');
    if (fixed.lemma !== 'avoir') return { lemma: fixed.lemma, form: 'participle', known: true, next: fixed.next };
    const second = tokens[i + 1] ? lemmaOf(tokens[i + 1].raw) : null;
    if (!second || second.form !== 'past-participle' || !second.known || second.verb === second.lemma) return null;
    const more = extend(tokens, i + 2, second.verb, second.verb);
    return { lemma: more.lemma, form: 'participle', known: true, next: more.next };
  }
  let lemma = a.form === 'past-participle' ? a.lemma : a.verb;
  if (reflexive) lemma = withSe(lemma);
  const more = extend(tokens, i + 1, lemma, a.form === 'past-participle' ? a.lemma : a.verb);
  return { lemma: more.lemma, form: mode === 'infinitive' ? 'infinitive' : a.form, known: a.known, next: more.next };
}

function result(text: string, tokens: Token[], first: number, built: Built): DetectedOpener {
  const start = tokens[first].start;
  const end = tokens[built.next - 1].end;
  return { text: text.slice(start, end).replace(/[\s\u00a0\u202f\u2007\ufeff]+/g, ' '), lemma: built.lemma, form: built.form, start, end, known: built.known };
}

/** "Nous, Ministres des affaires étrangères …, rappelons …": the first-plural verb after the apposition. */
function afterApposition(text: string, from: number, strict: boolean): DetectedOpener | null {
  const limit = Math.min(text.length, from + 600);
  for (let c = text.indexOf(',', from); c >= 0 && c < limit; c = text.indexOf(',', c + 1)) {
    const tokens = tokenize(text, c + 1, 16);
    let i = 0;
    let reflexive = false;
    if (tokens[0]?.key === 'nous') {
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
  const tokens = tokenize(clauseText, begin, 24);
  const first = tokens[0];
  if (!first || !first.word) return null;
  const s = sets();

  if (first.key === 'nous') {
    if (tokens[1] && !tokens[1].word && tokens[1].raw === ',') return afterApposition(clauseText, tokens[1].start, strict);
    const reflexive = tokens[1]?.key === 'nous';
    const built = buildAt(tokens, reflexive ? 2 : 1, 'first-plural', strict, false, reflexive);
    return built ? result(clauseText, tokens, 0, built) : null;
  }
  if (first.key === 'de' || first.key === "d'") {
    const k = tokens[1]?.key;
    const reflexive = k === 'nous' || k === 'se' || k === "s'";
    const built = buildAt(tokens, reflexive ? 2 : 1, 'infinitive', strict, false, reflexive);
    if (!built) return null;
    if (reflexive) built.lemma = built.lemma.startsWith('s’') || built.lemma.startsWith('se ') ? built.lemma : withSe(built.lemma);
    return result(clauseText, tokens, 0, built);
  }

  let i = 0;
  let adverbs = 0;
  while (adverbs < 2 && tokens[i + 1]?.word && s.pre.has(tokens[i].key)) {
    i++;
    adverbs++;
  }
  let reflexive = false;
  if (tokens[i]?.key === 'se' || tokens[i]?.key === "s'") {
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
  const next = tokens[1];
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
