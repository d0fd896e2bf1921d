// French conjugation for the forms clause openers take, and its inverse (lemmaOf). Only what
// drafting needs: present indicative 3rd singular/plural and 1st plural, present participle, past
// participle, "de + infinitive". Regular -er verbs with their spelling rules, the 2nd group in -ir,
// and a table of irregular classes matched by ending (soutenir → tenir, reconnaître → connaître).
import type { OpenerForm, Voice } from '../types';
import { fold, ownString } from '../text/normalize';
import { KNOWN_VERBS, NOT_VERBS, OPENER_ADJECTIVES } from './verbs';

/** Present indicative and participles of one verb, lower case. */
interface Paradigm {
  thirdPlural: string;
  thirdSingular: string;
  firstPlural: string;
  participle: string;
  pastParticiple: string;
}

/**
 * Irregular classes: [ending of the infinitive, 3rd plural, 3rd singular, 1st plural, present
 * participle, past participle], each written with the same ending so a prefix can be kept
 * ("sou" + "tenir" → "sou" + "tiennent"). `=` marks classes that only match the whole word.
 */
const IRREGULAR: ReadonlyArray<readonly [string, string, string, string, string, string]> = [
  ['=être', 'sont', 'est', 'sommes', 'étant', 'été'],
  ['=avoir', 'ont', 'a', 'avons', 'ayant', 'eu'],
  ['=aller', 'vont', 'va', 'allons', 'allant', 'allé'],
  ['=devoir', 'doivent', 'doit', 'devons', 'devant', 'dû'],
  ['=pouvoir', 'peuvent', 'peut', 'pouvons', 'pouvant', 'pu'],
  ['=partir', 'partent', 'part', 'partons', 'partant', 'parti'],
  ['=sortir', 'sortent', 'sort', 'sortons', 'sortant', 'sorti'],
  ['=inclure', 'incluent', 'inclut', 'incluons', 'incluant', 'inclus'],
  ['tenir', 'tiennent', 'tient', 'tenons', 'tenant', 'tenu'],
  ['venir', 'viennent', 'vient', 'venons', 'venant', 'venu'],
  ['prendre', 'prennent', 'prend', 'prenons', 'prenant', 'pris'],
  ['mettre', 'mettent', 'met', 'mettons', 'mettant', 'mis'],
  ['battre', 'battent', 'bat', 'battons', 'battant', 'battu'],
  ['connaître', 'connaissent', 'connaît', 'connaissons', 'connaissant', 'connu'],
  ['paraître', 'paraissent', 'paraît', 'paraissons', 'paraissant', 'paru'],
  ['croître', 'croissent', 'croît', 'croissons', 'croissant', 'cru'],
  ['faire', 'font', 'fait', 'faisons', 'faisant', 'fait'],
  ['crire', 'crivent', 'crit', 'crivons', 'crivant', 'crit'],
  ['dire', 'disent', 'dit', 'disons', 'disant', 'dit'],
  ['uire', 'uisent', 'uit', 'uisons', 'uisant', 'uit'],
  ['lire', 'lisent', 'lit', 'lisons', 'lisant', 'lu'],
  ['clure', 'cluent', 'clut', 'cluons', 'cluant', 'clu'],
  ['suivre', 'suivent', 'suit', 'suivons', 'suivant', 'suivi'],
  ['oindre', 'oignent', 'oint', 'oignons', 'oignant', 'oint'],
  ['eindre', 'eignent', 'eint', 'eignons', 'eignant', 'eint'],
  ['aindre', 'aignent', 'aint', 'aignons', 'aignant', 'aint'],
  ['soudre', 'solvent', 'sout', 'solvons', 'solvant', 'solu'],
  ['vaincre', 'vainquent', 'vainc', 'vainquons', 'vainquant', 'vaincu'],
  ['rompre', 'rompent', 'rompt', 'rompons', 'rompant', 'rompu'],
  ['cevoir', 'çoivent', 'çoit', 'cevons', 'cevant', 'çu'],
  ['mouvoir', 'meuvent', 'meut', 'mouvons', 'mouvant', 'mu'],
  ['vouloir', 'veulent', 'veut', 'voulons', 'voulant', 'voulu'],
  ['savoir', 'savent', 'sait', 'savons', 'sachant', 'su'],
  ['valoir', 'valent', 'vaut', 'valons', 'valant', 'valu'],
  ['croire', 'croient', 'croit', 'croyons', 'croyant', 'cru'],
  ['voir', 'voient', 'voit', 'voyons', 'voyant', 'vu'],
  ['cueillir', 'cueillent', 'cueille', 'cueillons', 'cueillant', 'cueilli'],
  ['vrir', 'vrent', 'vre', 'vrons', 'vrant', 'vert'],
  ['ffrir', 'ffrent', 'ffre', 'ffrons', 'ffrant', 'ffert'],
  ['sentir', 'sentent', 'sent', 'sentons', 'sentant', 'senti'],
  ['servir', 'servent', 'sert', 'servons', 'servant', 'servi'],
  ['dormir', 'dorment', 'dort', 'dormons', 'dormant', 'dormi'],
  ['courir', 'courent', 'court', 'courons', 'courant', 'couru'],
  ['quérir', 'quièrent', 'quiert', 'quérons', 'quérant', 'quis'],
];

/** -eler/-eter verbs that double the consonant before a mute e (the others take è). */
const DOUBLING = new Set(['appeler', 'rappeler', 'renouveler', 'épeler', 'ficeler', 'jeter', 'rejeter', 'projeter', 'interjeter', 'feuilleter']);
/** Words beginning with an aspirated h: no elision ("de haïr"). */
const ASPIRATED_H = new Set(['haïr', 'harceler', 'hâter', 'hausser', 'heurter', 'hisser', 'huer', 'hurler', 'hiérarchiser', 'handicaper']);

const VOWELS = 'aeiouyàâäéèêëîïôöùûüœæ';

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.includes(c);
}

/** Lower case with ’ for every apostrophe and single spaces: the shape lemmas are stored in. */
export function normalizeWord(s: string): string {
  return s.toLowerCase().replace(/['ʼ]/g, '’').replace(/\s+/g, ' ').trim();
}

/** Accent-, case- and apostrophe-insensitive key (works whether fold() strips accents or not). */
export function wordKey(s: string): string {
  // Clause openings repeat the same few hundred words: remember their keys.
  let key = keyCache.get(s);
  if (key === undefined) {
    key = computeKey(s);
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(ownString(s), ownString(key));
  }
  return key;
}

const keyCache = new Map<string, string>();

function computeKey(s: string): string {
  return fold(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’ʼ]/g, "'");
}

/** "de" + word with elision: "d’encourager", "de soutenir", "de haïr". */
export function withDe(word: string): string {
  return (startsWithVowelSound(word) ? 'd’' : 'de ') + word;
}

/** "se" + verb with elision: "s’engager", "se féliciter". */
export function withSe(word: string): string {
  return (startsWithVowelSound(word) ? 's’' : 'se ') + word;
}

function startsWithVowelSound(word: string): boolean {
  const c = word.charAt(0);
  if (isVowel(c)) return true;
  if (c !== 'h') return false;
  const head = word.split(/[\s’]/)[0];
  return !ASPIRATED_H.has(head);
}

function applyClass(verb: string): Paradigm | null {
  for (const [ending, tp, ts, fp, ppr, pp] of IRREGULAR) {
    const whole = ending.startsWith('=');
    const end = whole ? ending.slice(1) : ending;
    if (whole ? verb !== end : !verb.endsWith(end)) continue;
    const prefix = verb.slice(0, verb.length - end.length);
    return { thirdPlural: prefix + tp, thirdSingular: prefix + ts, firstPlural: prefix + fp, participle: prefix + ppr, pastParticiple: prefix + pp };
  }
  return null;
}

/** Stem of an -er verb before a mute e: rappel → rappell, mèn, préfèr, emploi. */
function muteEStem(lemma: string, stem: string): string {
  if (stem.endsWith('y') && !stem.endsWith('ey')) return stem.slice(0, -1) + 'i';
  if (DOUBLING.has(lemma)) return stem + stem.charAt(stem.length - 1);
  // The last vowel of the stem, with the u of gu/qu counted as a consonant (déléguer → délèguent).
  let v = stem.length - 1;
  while (v >= 0 && (!isVowel(stem[v]) || (stem[v] === 'u' && (stem[v - 1] === 'g' || stem[v - 1] === 'q')))) v--;
  const consonants = stem.length - 1 - v;
  if (v < 0 || consonants < 1) return stem;
  if (stem[v] === 'é') return stem.slice(0, v) + 'è' + stem.slice(v + 1);
  // Mute e followed by one consonant (mener, lever, acheter) takes è; "exercer" (two) does not.
  if (stem[v] === 'e' && consonants === 1 && v > 0 && !isVowel(stem[v - 1])) return stem.slice(0, v) + 'è' + stem.slice(v + 1);
  return stem;
}

/** The paradigm of a single-word, non-pronominal verb; null when its conjugation is unknown. */
export function paradigmOf(verb: string): Paradigm | null {
  const irregular = applyClass(verb);
  if (irregular) return irregular;
  if (verb.endsWith('er') && verb.length > 2) {
    const stem = verb.slice(0, -2);
    const soft = stem.endsWith('c') ? stem.slice(0, -1) + 'ç' : stem.endsWith('g') ? stem + 'e' : stem;
    const mute = muteEStem(verb, stem);
    return { thirdPlural: mute + 'ent', thirdSingular: mute + 'e', firstPlural: soft + 'ons', participle: soft + 'ant', pastParticiple: stem + 'é' };
  }
  if (verb.endsWith('ir') && verb.length > 2) {
    const stem = verb.slice(0, -2);
    return { thirdPlural: stem + 'issent', thirdSingular: stem + 'it', firstPlural: stem + 'issons', participle: stem + 'issant', pastParticiple: stem + 'i' };
  }
  // Other -dre verbs (rendre, répondre, défendre, étendre, perdre) once the classes above are ruled out.
  if (/[nr]dre$/.test(verb)) {
    const stem = verb.slice(0, -2);
    return { thirdPlural: stem + 'ent', thirdSingular: stem, firstPlural: stem + 'ons', participle: stem + 'ant', pastParticiple: stem + 'u' };
  }
  return null;
}

const ADJECTIVE_FEMININE = new Map<string, string>(OPENER_ADJECTIVES.map(([m, f]) => [m, f ?? m + 'e']));

/** True for the opener adjectives (conscient, préoccupé …), which only take the past-participle form. */
export function isOpenerAdjective(lemma: string): boolean {
  return ADJECTIVE_FEMININE.has(normalizeWord(lemma));
}

/** Agreement of an adjective or past participle: conscient → conscients / consciente(s); soucieux → soucieuse. */
export function agree(masculine: string, plural: boolean, feminine: boolean): string {
  let word = masculine;
  if (feminine) word = ADJECTIVE_FEMININE.get(masculine) ?? (masculine.endsWith('e') && !masculine.endsWith('é') ? masculine : masculine + 'e');
  if (plural && !readsPlural(word)) word += 's';
  return word;
}

/** Whether an agreed adjective or participle, or an opener ending with one ("Pleinement conscientes"), reads plural: -s or -x. */
export function readsPlural(text: string): boolean {
  return /[sx]$/i.test(text.trim());
}

export interface ConjugateOptions {
  /**
   * The speaker's person. Decides agreement of past participles/adjectives (plural for
   * third-plural and first-plural) and the reflexive pronoun of pronominal infinitives
   * ("de nous engager" for first-plural, "de s’engager" otherwise).
   */
  person?: Voice['person'];
  /** Feminine agreement for past participles/adjectives ("Consciente" for l’Assemblée générale). */
  feminine?: boolean;
}

/**
 * The lemma in the requested form, lower case; null when it cannot be formed.
 *
 * - third-plural "réaffirment", "s’engagent", "prennent note"; third-singular "réaffirme".
 * - first-plural "réaffirmons"; for pronominal verbs "nous engageons" (the caller prefixes "Nous ",
 *   giving "Nous nous engageons").
 * - participle "réaffirmant", "s’engageant", "tenant compte".
 * - past-participle "réaffirmé", agreeing with `opts` ("conscients"); the only form of adjectives.
 * - infinitive "de réaffirmer", "d’encourager", "de s’engager" ("de nous engager" with person first-plural).
 * - noun, other: null.
 * Multi-word lemmas conjugate their first verb and keep the rest ("prendre note" → "prenant note").
 */
export function conjugate(lemma: string, form: OpenerForm, opts: ConjugateOptions = {}): string | null {
  let rest = normalizeWord(lemma);
  if (!rest) return null;
  let reflexive = false;
  if (rest.startsWith('se ')) {
    reflexive = true;
    rest = rest.slice(3);
  } else if (rest.startsWith('s’')) {
    reflexive = true;
    rest = rest.slice(2);
  }
  const space = rest.indexOf(' ');
  const head = space < 0 ? rest : rest.slice(0, space);
  const tail = space < 0 ? '' : rest.slice(space);
  const plural = opts.person === 'third-plural' || opts.person === 'first-plural';
  const feminine = opts.feminine === true;

  if (ADJECTIVE_FEMININE.has(head) || !/(er|ir|re|oir)$/.test(head)) {
    if (form !== 'past-participle' || reflexive) return null;
    return agree(head, plural, feminine) + tail;
  }
  const p = paradigmOf(head);
  if (!p) return null;
  const se = (word: string) => (reflexive ? withSe(word) : word);
  switch (form) {
    case 'third-plural':
      return se(p.thirdPlural) + tail;
    case 'third-singular':
      return se(p.thirdSingular) + tail;
    case 'first-plural':
      return (reflexive ? 'nous ' : '') + p.firstPlural + tail;
    case 'participle':
      return se(p.participle) + tail;
    case 'past-participle':
      return agree(p.pastParticiple, plural, feminine) + tail;
    case 'infinitive':
      if (!reflexive) return withDe(head + tail);
      return opts.person === 'first-plural' ? 'de nous ' + head + tail : withDe(withSe(head) + tail);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// lemmaOf: the inverse, for one word.

export interface WordAnalysis {
  /** Infinitive ("réaffirmer", "s’engager"), or for past participles and adjectives the masculine singular ("préoccupé", "conscient"). */
  lemma: string;
  form: OpenerForm;
  /** The infinitive of the verb a past participle comes from ("convaincre" for "convaincus"); equals lemma otherwise. */
  verb: string;
  /** True when the lemma is a known verb/adjective; false for a guess from the ending alone. */
  known: boolean;
}

const FORM_PRIORITY: OpenerForm[] = ['third-plural', 'first-plural', 'participle', 'third-singular', 'infinitive', 'past-participle'];

interface ReverseIndex {
  /** By the written form, lower case with accents: "échanges" is not "échangés". */
  exact: Map<string, WordAnalysis>;
  /** By the accent-free key, for words written without accents ("DECIDE", "reconnait"). */
  bare: Map<string, WordAnalysis>;
  verbs: Map<string, string>;
}

let reverse: ReverseIndex | null = null;

function remember(index: ReverseIndex, written: string, analysis: WordAnalysis, override = false): void {
  for (const [map, key] of [[index.exact, written], [index.bare, wordKey(written)]] as const) {
    const previous = map.get(key);
    // An adjective wins over a verb form written the same ("satisfait"), but without accents
    // "DECIDE" stays décide rather than décidé.
    if (!(override && map === index.exact) && previous && FORM_PRIORITY.indexOf(previous.form) <= FORM_PRIORITY.indexOf(analysis.form)) continue;
    map.set(key, analysis);
  }
}

function reverseIndex(): ReverseIndex {
  if (reverse) return reverse;
  const index: ReverseIndex = { exact: new Map(), bare: new Map(), verbs: new Map() };
  for (const verb of KNOWN_VERBS) {
    index.verbs.set(wordKey(verb), verb);
    const p = paradigmOf(verb);
    if (!p) continue;
    const finite = (form: OpenerForm): WordAnalysis => ({ lemma: verb, form, verb, known: true });
    remember(index, p.thirdPlural, finite('third-plural'));
    remember(index, p.firstPlural, finite('first-plural'));
    remember(index, p.participle, finite('participle'));
    remember(index, p.thirdSingular, finite('third-singular'));
    remember(index, verb, finite('infinitive'));
    const pp = p.pastParticiple;
    const participle: WordAnalysis = { lemma: pp, form: 'past-participle', verb, known: true };
    for (const written of [pp, agree(pp, true, false), agree(pp, false, true), agree(pp, true, true)]) remember(index, written, participle);
  }
  for (const [adjective] of OPENER_ADJECTIVES) {
    const analysis: WordAnalysis = { lemma: adjective, form: 'past-participle', verb: adjective, known: true };
    for (const written of [adjective, agree(adjective, true, false), agree(adjective, false, true), agree(adjective, true, true)]) {
      remember(index, written, analysis, true);
    }
  }
  reverse = index;
  return index;
}

/** The known verb with this key (accents restored: "reaffirmer" → "réaffirmer"), if any. */
export function knownVerb(infinitive: string): string | null {
  return reverseIndex().verbs.get(wordKey(infinitive)) ?? null;
}

function guess(lemma: string, form: OpenerForm): WordAnalysis {
  const known = knownVerb(lemma);
  return { lemma: known ?? lemma, form, verb: known ?? lemma, known: known !== null };
}

/**
 * Lemma and form of one word, by the table of known verbs and adjectives, then by its ending:
 * "réaffirment" → réaffirmer third-plural; "soulignons" → souligner first-plural; "rappelant" →
 * rappeler participle; "reconnaissant" → reconnaître; "Conscientes" → conscient past-participle;
 * "S’engagent" → s’engager. Accepts UPPER CASE and unaccented capitals ("REAFFIRMENT").
 * Guesses from the ending alone (`known: false`) are only made for unambiguous verb endings;
 * third-singular and past-participle forms of unknown verbs are not guessed.
 */
export function lemmaOf(word: string): WordAnalysis | null {
  let analysis = analysisCache.get(word);
  if (analysis === undefined) {
    analysis = analyse(word);
    if (analysisCache.size >= 50_000) analysisCache.clear();
    analysisCache.set(ownString(word), analysis);
  }
  return analysis;
}

const analysisCache = new Map<string, WordAnalysis | null>();

function analyse(word: string): WordAnalysis | null {
  let w = normalizeWord(word).replace(/^[^\p{L}]+|[^\p{L}’]+$/gu, '');
  if (!w) return null;
  if (w.startsWith('s’') && w.length > 3) {
    const inner = analyse(w.slice(2));
    if (!inner || inner.form === 'past-participle') return null;
    return { ...inner, lemma: withSe(inner.lemma), verb: withSe(inner.verb) };
  }
  const index = reverseIndex();
  // Accents are only ignored when the word has none: "DECIDE" is décider, "Échanges" is no past participle.
  const found = index.exact.get(w) ?? (/[^\x00-\x7f’]/.test(w) ? undefined : index.bare.get(wordKey(w)));
  if (found) return found;
  if (NOT_VERBS.has(w) || w.length < 5 || w.includes('’')) return null;
  if (w.endsWith('ant') && w.length >= 6) {
    const stem = w.slice(0, -3);
    if (stem.endsWith('ç')) return guess(stem.slice(0, -1) + 'cer', 'participle');
    if (stem.endsWith('ge')) return guess(stem.slice(0, -1) + 'r', 'participle');
    if (stem.endsWith('iss')) return guess(stem.slice(0, -3) + 'ir', 'participle');
    return guess(stem + 'er', 'participle');
  }
  if (w.endsWith('ent') && w.length >= 6 && !w.endsWith('ment')) {
    let stem = w.slice(0, -3);
    if (stem.endsWith('iss')) return guess(stem.slice(0, -3) + 'ir', 'third-plural');
    if (/[oua]i$/.test(stem)) return guess(stem.slice(0, -1) + 'yer', 'third-plural');
    const v = stem.lastIndexOf('è');
    if (v >= 0 && !/[aeiouyéêîôû]/.test(stem.slice(v + 1))) {
      const acute = stem.slice(0, v) + 'é' + stem.slice(v + 1);
      const mute = stem.slice(0, v) + 'e' + stem.slice(v + 1);
      stem = knownVerb(mute + 'er') ? mute : acute;
    }
    return guess(stem + 'er', 'third-plural');
  }
  if (w.endsWith('ons') && w.length >= 6 && !/(tions|sions|xions)$/.test(w)) {
    const stem = w.slice(0, -3);
    if (stem.endsWith('iss')) return guess(stem.slice(0, -3) + 'ir', 'first-plural');
    if (stem.endsWith('ç')) return guess(stem.slice(0, -1) + 'cer', 'first-plural');
    if (stem.endsWith('ge')) return guess(stem.slice(0, -1) + 'r', 'first-plural');
    return guess(stem + 'er', 'first-plural');
  }
  if (/(er|ir|re|oir)$/.test(w)) return guess(w, 'infinitive');
  return null;
}
