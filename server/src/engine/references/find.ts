// Finds every citation of an instrument and every mention of a body in a text, known or not.
//
// Instruments are found by their head noun ("Convention", "résolutions", "Plan d’action") and a
// complement read up to its natural end; bodies by the knowledge file, by a capitalised head
// ("Organisation", "Agence", "Comité" …) with a complement, and by acronyms the text itself defines
// ("… du Golfe (GCCPOL)"). Everything runs over word tokens in one pass each: linear in the text.
//
// Natural end of a complement: it goes on through prepositional groups ("des Nations Unies", "contre
// la criminalité transnationale organisée", "relatif aux aspects …", "en matière pénale", "de
// l’OSCE"), adjectives, year qualifiers ("de 1988", "(2000)", "(Budapest 1994)", "2001") and symbols,
// and stops at clause punctuation, a relative pronoun, a conjugated verb or participle, "afin", a
// preposition followed by an infinitive ("pour lutter"), "et" + possessive ("et ses Protocoles").
//
// What counts as a citation: a head with a number, a symbol or a year; or a capitalised head, not at
// the start of a sentence nor in an upper-case heading, that has a complement (or is a two-word head
// such as "Protocole d’accord"), and is not deictic ("la Déclaration suivante", "cette Convention").
//
// Shared organ names ("Assemblée générale", "Secrétaire général", "Secrétariat") written without their
// organisation take the organisation of the nearest organisation mention that has such an organ: first
// in the same paragraph (preceding, then following), then in the whole text (preceding, then
// following). With none, they stay pattern-only ("body:assemblee generale").
import type { CleanText, ReferenceKind, ReferenceMention, ReferenceType } from '../types';
import { isYear, keyOf, tokenize, type Token } from './tokens';
import { knowledge, qualifierMask, SHARED_ORGAN_NAMES, type KnownEntry, type TrieMatch } from './knowledge';

interface Head {
  type: ReferenceType;
  /** Second word that makes a two-word head ("plan d’action", "acte final"). */
  second?: string[];
  /** The second word is required ("lignes directrices"). */
  requiresSecond?: boolean;
  /** May be followed by numbers ("résolutions 1267 (1999), 1373 (2001)"). */
  numbered?: boolean;
  plural?: boolean;
}

const INSTRUMENT_HEADS = new Map<string, Head>();
function head(words: string[], h: Head): void {
  for (const w of words) INSTRUMENT_HEADS.set(w, { ...h, plural: w.endsWith('s') });
}
head(['convention', 'conventions'], { type: 'convention', numbered: true });
head(['protocole', 'protocoles'], { type: 'protocol', second: ["d'accord"], numbered: true });
head(['resolution', 'resolutions'], { type: 'resolution', numbered: true });
head(['decision', 'decisions'], { type: 'decision', numbered: true });
head(['declaration', 'declarations'], { type: 'declaration', numbered: true });
head(['charte', 'chartes'], { type: 'charter' });
head(['code', 'codes'], { type: 'code', second: ['deconduite'] });
head(['plan', 'plans'], { type: 'plan', second: ["d'action"] });
head(['strategie', 'strategies'], { type: 'strategy' });
head(['concept', 'concepts'], { type: 'concept' });
head(['cadre'], { type: 'strategy' });
head(['recommandation', 'recommandations'], { type: 'recommendation', numbered: true });
head(['lignes'], { type: 'guidelines', second: ['directrices'], requiresSecond: true });
head(['principes'], { type: 'guidelines', second: ['directeurs'], requiresSecond: true });
head(['acte'], { type: 'final-act', second: ['final'], requiresSecond: true });
head(['rapport', 'rapports'], { type: 'report', numbered: true });
head(['accord', 'accords'], { type: 'agreement' });
head(['memorandum'], { type: 'agreement', second: ["d'accord"] });
head(['traite', 'traites'], { type: 'agreement' });
head(['pacte'], { type: 'agreement' });
head(['programme'], { type: 'plan', second: ["d'action"], requiresSecond: true });
head(['document', 'documents'], { type: 'document', second: ['final'], numbered: true });
head(['statut'], { type: 'charter' });
head(['guide'], { type: 'document' });

/**
 * Whether a word opens an instrument's name ("résolution", "décisions", "Convention"), whatever its
 * case and accents, and in which number; null when it does not. Completion starts a name there even
 * in lower case ("résolution 21|"); an uncurated reference is named by a spelling that opens so.
 */
export function instrumentHead(word: string): 'singular' | 'plural' | null {
  const h = INSTRUMENT_HEADS.get(keyOf(word));
  return h ? (h.plural ? 'plural' : 'singular') : null;
}

const BODY_HEADS = new Map<string, ReferenceType>([
  ['organisation', 'organisation'], ['union', 'organisation'], ['communaute', 'organisation'], ['association', 'organisation'],
  ['agence', 'agency'], ['office', 'agency'], ['institut', 'agency'], ['centre', 'agency'], ['fonds', 'agency'],
  ['comite', 'organ'], ['conseil', 'organ'], ['commission', 'organ'], ['bureau', 'organ'], ['unite', 'organ'],
  ['assemblee', 'organ'], ['mecanisme', 'organ'], ['secretariat', 'organ'], ['cour', 'organ'], ['tribunal', 'organ'],
  ['parlement', 'organ'], ['groupe', 'organ'], ['direction', 'organ'],
]);

const OPENING_QUOTES = new Set(['«', '"', '“', '(', '„']);
const SENTENCE_ENDS = new Set(['.', '!', '?', '•', '*', '▪', '●', '◦', '…']);
const ARTICLES = new Set(['la', 'le', 'les', "l'", 'un', 'une']);
const DEICTIC_DETERMINERS = new Set(['ce', 'cet', 'cette', 'ces', 'ladite', 'ledit', 'lesdites', 'lesdits', 'dite', 'dit']);
const DEICTIC_ADJECTIVES = new Set([
  'suivant', 'suivante', 'suivants', 'suivantes', 'present', 'presente', 'presents', 'presentes', 'precite', 'precitee',
  'precites', 'precitees', 'susmentionne', 'susmentionnee', 'susmentionnes', 'susmentionnees', 'susvise', 'susvisee',
  'susvises', 'susvisees', 'meme', 'memes', 'ci-dessus', 'ci-dessous', 'ci-apres', 'ci-joint', 'ci-jointe',
]);
const FUNCTION_WORDS = new Set([
  'qui', 'que', "qu'", 'dont', 'ou', 'et', 'ni', 'mais', 'car', 'donc', 'or', 'afin', 'ainsi', 'comme', 'lors', 'lorsque',
  "lorsqu'", 'selon', 'par', 'dans', 'avec', 'sans', 'sous', 'vers', 'chez', 'y', 'ne', "n'", 'se', "s'", 'ce', 'cet',
  'cette', 'ces', 'il', 'ils', 'elle', 'elles', 'on', 'nous', 'vous', 'leur', 'leurs', 'son', 'sa', 'ses', 'notre', 'nos',
  'votre', 'vos', 'mon', 'ma', 'mes', 'tout', 'tous', 'toute', 'toutes', 'aussi', 'deja', 'encore', 'toujours',
  'notamment', 'egalement', 'surtout', 'tres', 'plus', 'moins', 'bien', 'non', 'pas', 'si', 'en', 'a', 'au', 'aux',
  'le', 'la', 'les', "l'", 'un', 'une', 'des', 'de', "d'", 'du', 'tel', 'tels', 'telle', 'telles', 'cela', 'celui',
  'celle', 'ceux', 'celles', 'chaque', 'pendant', 'depuis', 'apres', 'avant', 'durant', 'parmi', 'malgre', 'outre',
  'grace', 'puis', 'alors', 'cependant', 'toutefois', 'sur', 'contre', 'pour', 'entre', 'lequel', 'laquelle',
  'lesquels', 'lesquelles', 'auquel', 'auxquels', 'duquel', "jusqu'", 'quant', 'soit', 'voire', 'dès', 'des',
]);
const VERBS = new Set([
  'est', 'sont', 'a', 'ont', 'etait', 'etaient', 'sera', 'seront', 'fut', 'furent', 'soit', 'soient', 'ait', 'aient',
  'doit', 'doivent', 'peut', 'peuvent', 'reste', 'restent', 'demeure', 'demeurent', 'constitue', 'constituent',
  'prevoit', 'prevoient', 'dispose', 'disposent', 'stipule', 'enonce', 'enoncent', 'definit', 'definissent', 'vise',
  'visent', 'contient', 'contiennent', 'couvre', 'engage', 'invite', 'appelle', 'demande', 'souligne', 'reconnait',
  'reaffirme', 'rappelle', 'encourage', 'garantit', 'offre', 'fournit', 'permet', 'permettent', 'represente',
  'contribue', 'contribuent', 'fait', 'font', 'sert', 'servent', 'portent', 'traite', 'traitent', 'compte',
  'comprend', 'etablit', 'impose', 'oblige', 'exige', 'vient', 'va', 'vont', 'devient', 'figure', 'figurent',
  'applique', 'entend', 'examine', 'adopte', 'adoptee', 'adoptes', 'adoptees', 'signe', 'signee', 'signes', 'signees',
  'approuve', 'approuvee', 'approuves', 'approuvees', 'mentionne', 'mentionnee', 'mentionnes', 'mentionnees', 'cite',
  'citee', 'cites', 'citees', 'conclu', 'conclue', 'conclus', 'conclues', 'ratifie', 'ratifiee', 'ratifies',
  'ratifiees', 'publie', 'publiee', 'publies', 'publiees', 'elabore', 'elaboree', 'elabores', 'elaborees', 'lance',
  'lancee', 'tenu', 'tenue', 'tenus', 'tenues', 'prevu', 'prevue', 'prevus', 'prevues', 'intitule', 'intitulee',
  'intitules', 'intitulees', 'consacre', 'consacree', 'entre', 'entree', 'vise', 'visee', 'vises', 'visees', 'precede',
  'precedee', 'examinee', 'modifie', 'modifiee', 'amende', 'amendee', 'etabli', 'etablie', 'cree', 'creee', 'fonde',
  'fondee', 'charge', 'chargee', 'charges', 'chargees', 'reunie', 'reuni', 'reunis', 'reunies', 'commis', 'commise', 'commises', 'destine', 'destinee', 'destines', 'destinees',
]);
const INFINITIVE_NOUNS = new Set([
  'mer', 'fer', 'hiver', 'dossier', 'fichier', 'papier', 'casier', 'quartier', 'metier', 'chantier', 'policier',
  'pilier', 'cahier', 'courrier', 'premier', 'dernier', 'particulier', 'foyer', 'loyer', 'danger', 'etranger', 'cancer',
  'avenir', 'desir', 'plaisir', 'loisir', 'souvenir', 'pouvoir', 'savoir', 'devoir', 'espoir', 'laser', 'cyber',
  'financier', 'atelier', 'escalier', 'palier', 'calendrier', 'hier', 'lettre', 'cendre', 'oeuvre', 'œuvre', 'ordre',
  'membre', 'nombre', 'centre', 'cadre', 'genre', 'territoire', 'memoire', 'histoire', 'victoire', 'navire', 'empire',
]);

function isInfinitive(k: string): boolean {
  if (INFINITIVE_NOUNS.has(k) || k.length < 4) return false;
  if (/(?:er|ir)$/.test(k)) return !/ier$/.test(k) || /(?:fier|plier|dier|cier|lier|nier|rier|gier)$/.test(k);
  return /(?:uire|ttre|ndre|aitre|oitre|oudre|indre|clure|crire|faire|dire|suivre|vivre)$/.test(k);
}

function isNumberWord(k: string): boolean {
  return k === 'n°' || k === 'no' || k === 'nos' || k === 'n°s' || k === 'numero' || k === 'numeros';
}

/** Longest complement read after a head, in tokens (pattern complements run to ~20; known names are matched whole). */
const MAX_COMPLEMENT = 40;

const TREATY_SERIES = new Set(['stce', 'ste', 'ets', 'cets']);

interface Item {
  start: number;
  end: number;
  number: string | null;
  years: string[];
  symbol: string | null;
}

interface Walk {
  /** Token index after the accepted material. */
  end: number;
  years: string[];
  symbol: string | null;
  acronym: string | null;
  /** Paren tokens holding the acronym, to keep out of other passes. */
  acronymTokens: [number, number] | null;
  items: Item[];
  /** The walk took at least one prepositional group, adjective, qualifier or number. */
  complement: boolean;
  /** Only deictic adjectives followed the head ("suivante"). */
  deictic: boolean;
}

interface Draft {
  start: number;
  end: number;
  kind: ReferenceKind;
  type: ReferenceType;
  id: string;
  entry: KnownEntry | null;
  acronym: string | null;
  years: string[];
  symbol: string | null;
  /** For numbered instruments: the item number and the walk range where the issuer is looked for. */
  number?: string | null;
  issuerRange?: [number, number];
  plural?: boolean;
  shared?: (typeof SHARED_ORGAN_NAMES)[number];
  /** For an acronym the text defined: the mention that defined it. */
  definedBy?: Draft;
  /** Superseded by a known name covering it. */
  dropped?: boolean;
}

class Finder {
  readonly tokens: Token[];
  readonly mask: Uint8Array;
  readonly shouting: Uint8Array;
  readonly sentenceStart: Uint8Array;
  readonly paragraph: Int32Array;
  /** Tokens inside a knowledge-matched name or a paren acronym: no other mention starts there. */
  readonly consumed: Uint8Array;
  readonly kb = knowledge();
  readonly drafts: Draft[] = [];
  private readonly signalsByWanted = new Map<string, Array<{ start: number; org: string }>>();

  constructor(readonly clean: CleanText, key?: string) {
    this.tokens = tokenize(clean.text, key);
    const n = this.tokens.length;
    this.mask = qualifierMask(this.tokens);
    this.shouting = new Uint8Array(n);
    this.sentenceStart = new Uint8Array(n);
    this.paragraph = new Int32Array(n);
    this.consumed = new Uint8Array(n);
    let para = 0;
    let prevWord = -1;
    for (let i = 0; i < n; i++) {
      const t = this.tokens[i];
      if (t.type === 'break') para++;
      this.paragraph[i] = para;
      if (t.type === 'word' || t.type === 'symbol') {
        // Upper-case stretch: this word and a neighbouring word are both upper case.
        if (t.upper && prevWord >= 0 && this.tokens[prevWord].upper && this.paragraph[prevWord] === para) {
          this.shouting[i] = 1;
          this.shouting[prevWord] = 1;
        }
        prevWord = i;
      }
      this.sentenceStart[i] = this.isSentenceStart(i) ? 1 : 0;
    }
  }

  private isSentenceStart(i: number): boolean {
    let j = i - 1;
    while (j >= 0 && this.tokens[j].type === 'punct' && OPENING_QUOTES.has(this.tokens[j].k)) j--;
    if (j < 0) return true;
    const p = this.tokens[j];
    if (p.type === 'break') return true;
    if (p.type === 'punct' && SENTENCE_ENDS.has(p.k)) return true;
    // A dash bullet at the start of a line.
    if (p.type === 'punct' && p.k === '-' && (j === 0 || this.tokens[j - 1].type === 'break')) return true;
    return false;
  }

  private word(i: number): Token | null {
    const t = this.tokens[i];
    return t && t.type === 'word' ? t : null;
  }

  /** Lower case for the complement's purposes (in an upper-case heading every word counts as lower case). */
  private lower(i: number): boolean {
    const t = this.tokens[i];
    // Past the last token (a text that ends on "pour", "à"): nothing in lower case follows.
    if (!t) return false;
    return !t.cap || this.shouting[i] === 1;
  }

  private isModifier(i: number): boolean {
    const t = this.word(i);
    if (!t || !this.lower(i) || t.k.length < 2) return false;
    if (FUNCTION_WORDS.has(t.k) || VERBS.has(t.k) || INSTRUMENT_HEADS.has(t.k)) return false;
    if (/ment$/.test(t.k) && t.k.length > 6) return false;
    if (/ant$/.test(t.k) && t.k !== 'concernant' && t.k !== 'portant') return false;
    return true;
  }

  /** A word that can head the noun group after a preposition. */
  private isNoun(i: number, afterArticle: boolean): boolean {
    const t = this.tokens[i];
    if (!t) return false;
    if (t.type === 'symbol') return true;
    if (t.type !== 'word') return false;
    if (FUNCTION_WORDS.has(t.k) || VERBS.has(t.k)) return false;
    if (!afterArticle && this.lower(i) && isInfinitive(t.k)) return false;
    return true;
  }

  /** Parenthesised qualifier at `i` ("(2000)", "(Budapest 1994)", "(ONUDC)", "(STCE n° 185)"). */
  private paren(i: number): { end: number; years: string[]; acronym: string | null; symbol: string | null } | null {
    const tokens = this.tokens;
    if (tokens[i]?.k !== '(' || tokens[i].type !== 'punct') return null;
    let j = i + 1;
    while (j < tokens.length && j - i <= 7 && tokens[j].k !== ')' && tokens[j].type !== 'break' && tokens[j].k !== '(') j++;
    if (tokens[j]?.k !== ')' || j === i + 1) return null;
    const inner = tokens.slice(i + 1, j);
    const years = inner.filter((t) => t.type === 'number' && isYear(t.k)).map((t) => t.k);
    if (inner.length === 1 && inner[0].type === 'symbol') return { end: j + 1, years, acronym: null, symbol: inner[0].raw };
    const series = this.treatySeries(i + 1);
    if (series && series.end === j) return { end: j + 1, years, acronym: null, symbol: series.symbol };
    if (inner.length === 1 && inner[0].type === 'word' && inner[0].cap && (inner[0].upper || /\p{Lu}/u.test(inner[0].raw.slice(1)) || inner[0].raw.length >= 4) && !FUNCTION_WORDS.has(inner[0].k)) {
      return { end: j + 1, years, acronym: inner[0].raw, symbol: null };
    }
    // "(Budapest 1994)", "(Rhodes, 2000)": places and a year.
    if (years.length > 0 && inner.every((t) => (t.type === 'number' && isYear(t.k)) || (t.type === 'word' && t.cap) || t.k === ',' || t.k === '-')) {
      return { end: j + 1, years, acronym: null, symbol: null };
    }
    return null;
  }

  /** "STCE n° 185", "ETS No. 185". */
  private treatySeries(i: number): { end: number; symbol: string } | null {
    const t = this.word(i);
    if (!t || !TREATY_SERIES.has(t.k) || !t.upper) return null;
    let j = i + 1;
    if (!isNumberWord(this.tokens[j]?.k ?? '')) return null;
    j++;
    if (this.tokens[j]?.k === '.') j++;
    const num = this.tokens[j];
    if (!num || num.type !== 'number') return null;
    return { end: j + 1, symbol: this.clean.text.slice(t.cs, num.ce).replace(/\s+/g, ' ') };
  }

  /** Number item start: "n° 3/05", "1373", "S/RES/2178". Returns the index of the number token. */
  private numberAt(i: number): number {
    const t = this.tokens[i];
    if (!t) return -1;
    if (t.type === 'number' || t.type === 'symbol') return i;
    if (t.type === 'word' && isNumberWord(t.k)) {
      let j = i + 1;
      if (this.tokens[j]?.k === '.') j++;
      if (this.tokens[j]?.type === 'number') return j;
    }
    return -1;
  }

  /** Reads the complement after a head (or a known name) ending at `from`. */
  walk(from: number, numbered: boolean, isBody: boolean): Walk {
    const tokens = this.tokens;
    const w: Walk = { end: from, years: [], symbol: null, acronym: null, acronymTokens: null, items: [], complement: false, deictic: false };
    let i = from;
    let afterNoun = true;
    let inGroup = false; // inside "prep + article + noun", where "et + article" coordinates ("contre la drogue et le crime")
    let onlyDeictic = true;
    let current: Item | null = null;
    const commit = (to: number): void => {
      w.end = to;
      w.complement = true;
      if (current) current.end = to;
    };
    const startItem = (numberIndex: number, itemStart: number): void => {
      const t = tokens[numberIndex];
      current = { start: itemStart, end: numberIndex + 1, number: t.type === 'number' ? t.k : null, years: [], symbol: t.type === 'symbol' ? t.raw : null };
      w.items.push(current);
      let j = numberIndex + 1;
      const p = this.paren(j);
      if (p && p.years.length > 0) {
        current.years.push(...p.years);
        j = p.end;
      }
      onlyDeictic = false;
      afterNoun = true;
      commit(j);
      i = j;
    };
    // A citation's complement is never this long; the cap keeps a pathological line linear.
    const limit = Math.min(tokens.length, from + MAX_COMPLEMENT);
    while (i < limit) {
      const t = tokens[i];
      if (t.type === 'break') break;
      // Numbered lists: "résolutions 1267 (1999), 1373 (2001) et 2178 (2014)", "décisions … n° 3/05 … et n° 5/06".
      if (numbered) {
        const ni = this.numberAt(i);
        if (ni >= 0 && (tokens[ni].type !== 'number' || !isYear(tokens[ni].k) || w.items.length > 0 || ni > i || i === from)) {
          startItem(ni, w.items.length === 0 ? -1 : i);
          continue;
        }
        if (w.items.length > 0 && (t.k === ',' || t.k === 'et') && this.numberAt(i + 1) >= 0) {
          startItem(this.numberAt(i + 1), i + 1);
          continue;
        }
      }
      if (t.type === 'symbol') {
        w.symbol ??= t.raw;
        onlyDeictic = false;
        commit(i + 1);
        i++;
        continue;
      }
      const series = this.treatySeries(i);
      if (series) {
        w.symbol ??= series.symbol;
        onlyDeictic = false;
        commit(series.end);
        i = series.end;
        continue;
      }
      if (t.type === 'punct') {
        const p = this.paren(i);
        if (!p) break;
        if (p.acronym) {
          if (w.acronym) break;
          w.acronym = p.acronym;
          w.acronymTokens = [i, p.end];
          // "Centre régional … (CRLC) et de l’Office …": the defined name ends at its acronym.
          onlyDeictic = false;
          commit(p.end);
          break;
        }
        if (p.symbol) w.symbol ??= p.symbol;
        if (current) (current as Item).years.push(...p.years);
        else w.years.push(...p.years);
        onlyDeictic = false;
        commit(p.end);
        i = p.end;
        continue;
      }
      if (t.type === 'number') {
        if (!isYear(t.k)) break;
        if (current) (current as Item).years.push(t.k);
        else w.years.push(t.k);
        onlyDeictic = false;
        commit(i + 1);
        i++;
        continue;
      }
      const k = t.k;
      // Prepositional group.
      let j = -1;
      if (k === 'de' || k === "d'" || k === 'du' || k === 'des' || k === 'a' || k === 'au' || k === 'aux' || k === 'sur' || k === 'contre' || k === 'pour' || k === 'entre' || k === 'concernant' || k === 'portant') j = i + 1;
      else if ((k === 'relatif' || k === 'relative' || k === 'relatifs' || k === 'relatives' || k === 'visant') && ['a', 'au', 'aux'].includes(tokens[i + 1]?.k ?? '')) {
        j = tokens[i + 1].k === 'a' ? i + 2 : i + 2;
        if (k === 'visant') j = -1; // "visant à prévenir …": only as part of a known name
      } else if (k === 'en' && tokens[i + 1]?.k === 'matiere') {
        commit(i + 2);
        i += 2;
        afterNoun = true;
        onlyDeictic = false;
        continue;
      } else if (k === 'en' && this.word(i + 1)?.cap && !this.lower(i + 1)) {
        // "en Europe"
        commit(i + 2);
        i += 2;
        afterNoun = true;
        onlyDeictic = false;
        continue;
      }
      if (j > 0) {
        // "de 1988", "de 1961"
        if ((k === 'de' || k === "d'") && tokens[j]?.type === 'number' && isYear(tokens[j].k)) {
          if (current) (current as Item).years.push(tokens[j].k);
          else w.years.push(tokens[j].k);
          onlyDeictic = false;
          commit(j + 1);
          i = j + 1;
          continue;
        }
        if (numbered && this.numberAt(j) >= 0 && (k === 'de' || k === "d'")) break;
        let article = false;
        const partitive = tokens[j]?.k === 'des' && (k === 'pour' || k === 'contre' || k === 'sur' || k === 'entre');
        if ((partitive || ARTICLES.has(tokens[j]?.k ?? '')) && tokens[j].type === 'word' && tokens[j].k !== 'un' && tokens[j].k !== 'une') {
          article = true;
          j++;
        }
        if ((k === 'pour' || k === 'a') && !article && this.lower(j)) break; // "pour lutter", "à prévenir"
        if (!this.isNoun(j, article)) break;
        onlyDeictic = false;
        inGroup = article || (k === 'des' || k === 'du' || k === 'aux' || k === 'au');
        // A known body or name is taken whole: "des Nations Unies", "du Conseil de sécurité des Nations Unies".
        const known = this.kb.matchAt(tokens, j, this.mask);
        const to = known && known.entry?.kind === 'body' && this.acceptKnown(known, j) ? known.end : j + 1;
        commit(to);
        i = to;
        afterNoun = true;
        continue;
      }
      if (k === 'et') {
        const next = tokens[i + 1];
        if (!next || next.type !== 'word') break;
        const nk = next.k;
        if (['de', "d'", 'du', 'des', 'a', 'au', 'aux', 'sur', 'contre', 'pour', 'en'].includes(nk)) {
          i++; // the group after "et" is committed only if it reads as one
          continue;
        }
        if (afterNoun && this.isModifier(i + 1) && !DEICTIC_ADJECTIVES.has(nk)) {
          // "de nature raciste et xénophobe"
          commit(i + 2);
          i += 2;
          continue;
        }
        if (inGroup && (nk === 'la' || nk === 'le' || nk === 'les' || nk === "l'") && this.isNoun(i + 2, true) && this.lower(i + 2) && !INSTRUMENT_HEADS.has(tokens[i + 2].k)) {
          commit(i + 3);
          i += 3;
          afterNoun = true;
          continue;
        }
        break;
      }
      if (afterNoun && this.isModifier(i)) {
        if (!DEICTIC_ADJECTIVES.has(k)) onlyDeictic = false;
        else if (w.complement === false) w.deictic = true;
        commit(i + 1);
        i++;
        continue;
      }
      break;
    }
    if (onlyDeictic && w.deictic) w.complement = false;
    else w.deictic = false;
    if (!w.complement) w.end = from;
    return w;
  }

  /** Whether a knowledge match at `i` is really that name (acronyms in upper case, names capitalised). */
  private acceptKnown(m: TrieMatch, i: number): boolean {
    const t = this.tokens[i];
    if (m.via === 'acronym') {
      const exact = m.entry?.acronyms.includes(t.raw) ?? false;
      if (!exact && !t.upper) return false;
      if (t.k.length <= 2 && (this.shouting[i] || !t.upper)) return false;
      return true;
    }
    if (m.end - i === 1) return t.cap && (!this.shouting[i] || t.k.length > 3 || m.entry?.acronyms.length === 0);
    for (let j = i; j < m.end; j++) if (this.tokens[j].cap) return true;
    return false;
  }

  private yearsIn(from: number, to: number): string[] {
    const years: string[] = [];
    for (let j = from; j < to; j++) if (this.mask[j] && this.tokens[j].type === 'number' && isYear(this.tokens[j].k)) years.push(this.tokens[j].k);
    return years;
  }

  private acronymIn(from: number, to: number): string | null {
    for (let j = from; j < to; j++) {
      const t = this.tokens[j];
      if (t.type === 'word' && t.upper && !this.shouting[j]) return t.raw;
    }
    return null;
  }

  /** Pass 1: instruments by head noun. */
  instruments(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (this.consumed[i]) continue;
      const t = tokens[i];
      if (t.type !== 'word') continue;
      const h = INSTRUMENT_HEADS.get(t.k);
      if (!h) continue;
      // "traité" only with its accent: without it, "traite" is trafficking.
      if ((t.k === 'traite' || t.k === 'traites') && !/[éÉ]|e\u0301|E\u0301/.test(t.raw)) continue;
      let headEnd = i + 1;
      let twoWord = false;
      const one = tokens[i + 1]?.type === 'word' ? tokens[i + 1].k : '';
      const two = one && tokens[i + 2]?.type === 'word' ? one + tokens[i + 2].k : '';
      if (h.second && one && h.second.includes(one)) {
        headEnd = i + 2;
        twoWord = true;
      } else if (h.second && two && h.second.includes(two)) {
        headEnd = i + 3;
        twoWord = true;
      } else if (h.requiresSecond) continue;

      const known = this.kb.matchAt(tokens, i, this.mask);
      if (known && known.entry && known.entry.kind === 'instrument' && this.acceptKnown(known, i)) {
        const w = this.walk(known.end, false, false);
        const end = w.end;
        // Bodies inside the name stay mentions of their own ("… du Conseil de sécurité", "… de l’OSCE").
        if (w.acronymTokens) for (let j = w.acronymTokens[0]; j < w.acronymTokens[1]; j++) this.consumed[j] = 1;
        this.drafts.push({
          start: i, end, kind: 'instrument', type: known.entry.type, id: known.entry.id, entry: known.entry,
          acronym: w.acronym ?? this.acronymIn(i, known.end), years: [...this.yearsIn(i, known.end), ...w.years], symbol: w.symbol,
        });
        continue;
      }

      const type: ReferenceType = twoWord && two === "d'accord" ? 'agreement' : h.type;
      const w = this.walk(headEnd, h.numbered === true, false);
      const numberedItems = w.items.length > 0;
      const capEvidence = t.cap && !this.shouting[i] && !this.sentenceStart[i];
      const prev = tokens[i - 1];
      const deicticDeterminer = prev?.type === 'word' && DEICTIC_DETERMINERS.has(prev.k);
      const evidence =
        numberedItems || w.symbol !== null || w.years.length > 0 ||
        (capEvidence && !w.deictic && (w.complement || twoWord) && !(deicticDeterminer && !w.complement));
      if (!evidence) continue;
      if (w.acronymTokens) for (let j = w.acronymTokens[0]; j < w.acronymTokens[1]; j++) this.consumed[j] = 1;
      const plural = t.k.endsWith('s') && t.k !== 'memorandum';
      if (numberedItems) {
        for (let n = 0; n < w.items.length; n++) {
          const item = w.items[n];
          const start = item.start < 0 ? i : item.start;
          this.drafts.push({
            start, end: item.end, kind: 'instrument', type, id: '', entry: null, acronym: null,
            years: n === 0 ? [...w.years, ...item.years] : item.years, symbol: item.symbol ?? (w.items.length === 1 ? w.symbol : null),
            number: item.number, issuerRange: [i, w.end], plural,
          });
        }
        continue;
      }
      const end = w.end > headEnd ? w.end : headEnd;
      this.drafts.push({
        start: i, end, kind: 'instrument', type, id: '', entry: null, acronym: w.acronym,
        years: w.years, symbol: w.symbol, issuerRange: [i, end], plural, number: null,
      });
      if (w.symbol) {
        const bySymbol = this.kb.bySymbol(w.symbol);
        if (bySymbol) this.drafts[this.drafts.length - 1].entry = bySymbol;
      }
    }
  }

  /** Pass 2: known names everywhere (bodies, and instruments without a head noun: POLIS, I-24/7, Guidebook). */
  known(instrumentSpans: Array<[number, number]>): void {
    const tokens = this.tokens;
    this.drafts.sort((a, b) => a.start - b.start);
    const pass1 = this.drafts.length; // pass-1 drafts, in start order: binary searched below
    let s = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (this.consumed[i] || (tokens[i].type !== 'word' && tokens[i].type !== 'symbol')) continue;
      const m = this.kb.matchAt(tokens, i, this.mask);
      if (!m || !this.acceptKnown(m, i)) continue;
      const kind: ReferenceKind = m.entry ? m.entry.kind : 'body';
      if (kind === 'instrument') {
        while (s < instrumentSpans.length && instrumentSpans[s][1] <= i) s++;
        if (s < instrumentSpans.length && instrumentSpans[s][0] <= i) continue;
      }
      let end = m.end;
      if (kind === 'instrument') {
        // Trailing year qualifiers ("Vienna Document 2011"), and pattern finds inside the name are this citation.
        while (end < tokens.length && this.mask[end]) end++;
        for (let k = firstAtOrAfter(this.drafts, i, pass1); k < pass1 && this.drafts[k].start < end; k++) {
          const d = this.drafts[k];
          if (d.kind === 'instrument' && !d.entry) d.dropped = true;
        }
      }
      let acronym = m.via === 'acronym' ? tokens[i].raw : this.acronymIn(i, m.end);
      const p = this.paren(end);
      if (p && p.acronym) {
        acronym = p.acronym;
        for (let j = end; j < p.end; j++) this.consumed[j] = 1;
        end = p.end;
      }
      for (let j = i; j < m.end; j++) this.consumed[j] = 1;
      this.drafts.push({
        start: i, end, kind, type: m.entry ? m.entry.type : m.shared!.type, id: m.entry?.id ?? '', entry: m.entry,
        acronym, years: this.yearsIn(i, end), symbol: null, shared: m.shared ?? undefined,
      });
      i = m.end - 1;
    }
  }

  /** Pass 3: unknown bodies by a capitalised head with a complement. */
  bodies(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (this.consumed[i]) continue;
      const t = tokens[i];
      if (t.type !== 'word' || !t.cap || this.shouting[i] || this.sentenceStart[i]) continue;
      const type = BODY_HEADS.get(t.k);
      if (!type) continue;
      const w = this.walk(i + 1, false, true);
      if (!w.complement || w.deictic) continue;
      // Known bodies inside the complement ("… de l’Union européenne …") stay mentions of their own.
      let end = w.end;
      while (end > i + 1 && ['de', "d'", 'du', 'des', 'la', 'le', 'les', "l'", 'et', 'a', 'au', 'aux', 'pour', 'sur', 'contre'].includes(tokens[end - 1].k)) end--;
      if (end <= i + 1) continue;
      let acronym: string | null = null;
      if (end === w.end && w.acronym && w.acronymTokens) {
        acronym = w.acronym;
        for (let j = w.acronymTokens[0]; j < w.acronymTokens[1]; j++) this.consumed[j] = 1;
      }
      this.consumed[i] = 1;
      this.drafts.push({ start: i, end, kind: 'body', type, id: '', entry: null, acronym, years: [], symbol: null });
    }
  }

  /** Pass 4: acronyms the text defines ("(GCCPOL)", "(UQSP)") used on their own elsewhere. */
  definedAcronyms(): void {
    const defs = new Map<string, Draft>();
    for (const d of this.drafts) if (d.acronym && d.end - d.start > 1 && !defs.has(d.acronym)) {
      const last = this.tokens[d.end - 1];
      if (last.k === ')') defs.set(d.acronym, d);
    }
    if (defs.size === 0) return;
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (this.consumed[i] || t.type !== 'word' || !t.cap) continue;
      const d = defs.get(t.raw);
      if (!d || (t.raw.length < 3 && !d.entry)) continue;
      if (this.tokens[i - 1]?.k === '(' && this.tokens[i + 1]?.k === ')') continue;
      this.consumed[i] = 1;
      this.drafts.push({ ...d, start: i, end: i + 1, acronym: t.raw, years: [], symbol: null, number: d.number, issuerRange: undefined, plural: false, definedBy: d });
    }
  }

  /** Ids, canonical names and shared organs, once every mention is known. */
  resolve(): void {
    this.drafts.sort((a, b) => a.start - b.start || b.end - a.end);
    const signals = this.drafts.filter((d) => d.kind === 'body' && d.entry && !d.shared);
    const byPerson = new Map<string, KnownEntry>();
    for (const d of signals) {
      if (!d.entry!.organisation) continue;
      const after = this.personAfter(d.end);
      const before = this.personBefore(d.start);
      if (after) byPerson.set(after, d.entry!);
      if (before) byPerson.set(before, d.entry!);
    }
    for (const d of this.drafts) {
      if (!d.shared) continue;
      const person = this.personAfter(d.end);
      const wanted = Object.values(d.shared.byOrganisation);
      let entry = person ? byPerson.get(person) : undefined;
      if (entry && !wanted.includes(entry.id)) entry = undefined;
      if (!entry) {
        const organisation = this.nearestOrganisation(d, signals, Object.keys(d.shared.byOrganisation));
        const id = organisation ? d.shared.byOrganisation[organisation] : undefined;
        entry = id ? this.kb.byId(id) : undefined;
      }
      if (entry) {
        d.entry = entry;
        d.id = entry.id;
      } else d.id = 'body:' + this.keyText(d.start, d.end);
    }
    const bodies = this.drafts.filter((d) => d.kind === 'body' && d.entry);
    for (const d of this.drafts) {
      if (d.shared || d.definedBy) continue;
      if (d.entry) {
        d.id = d.entry.id;
        continue;
      }
      if (d.kind === 'instrument') {
        const derived = this.derivedSymbol(d, bodies);
        const entry = (d.symbol ? this.kb.bySymbol(d.symbol) : undefined) ?? (derived ? this.kb.bySymbol(derived) : undefined);
        if (entry) {
          d.entry = entry;
          d.id = entry.id;
          continue;
        }
        if (d.symbol || derived) {
          d.id = 'instrument:' + symbolId(d.symbol ?? derived!);
          continue;
        }
        if (d.number) {
          d.id = `instrument:${singular(this.tokens[d.issuerRange?.[0] ?? d.start].k)} ${d.number}`;
          continue;
        }
        d.id = 'instrument:' + this.keyText(d.start, d.end, d.plural);
        continue;
      }
      if (!d.id) d.id = 'body:' + this.keyText(d.start, d.end);
    }
    for (const d of this.drafts) {
      if (!d.definedBy) continue;
      d.id = d.definedBy.id;
      d.entry = d.definedBy.entry;
    }
  }

  private derivedSymbol(d: Draft, bodies: Draft[]): string | null {
    if (!d.number || !d.issuerRange) return null;
    const [from, to] = d.issuerRange;
    const k = firstAtOrAfter(bodies, from);
    const issuer = k < bodies.length && bodies[k].start < to ? bodies[k].entry?.id ?? null : null;
    const head = this.tokens[from].k;
    const year = d.years[0];
    if (head.startsWith('resolution')) {
      if ((issuer === 'unsc' || issuer === null) && /^\d{2,4}$/.test(d.number) && year) return `S/RES/${d.number} (${year})`;
      if (issuer === 'unga' && /^\d{1,2}\/\d{1,3}$/.test(d.number)) return `A/RES/${d.number}`;
    }
    if (head.startsWith('decision')) {
      if (issuer === 'osce-ministerial-council' && /^\d{1,2}\/\d{2}$/.test(d.number)) return `MC.DEC/${d.number}`;
      if (issuer === 'osce-permanent-council' && /^\d{1,4}$/.test(d.number)) return `PC.DEC/${d.number}`;
    }
    return null;
  }

  /**
   * The organisation a bare shared organ belongs to: the nearest organisation signal in the same
   * paragraph (preceding first, then following), else the text's first signal (its author, named in
   * the title or the opening: "Le Conseil de sécurité,", "L’Assemblée générale de l’OIPC-INTERPOL").
   * A signal is a known organisation or an organ of one.
   */
  private nearestOrganisation(d: Draft, signals: Draft[], wanted: string[]): string | null {
    const key = wanted.join(',');
    let list = this.signalsByWanted.get(key);
    if (!list) {
      list = [];
      for (const b of signals) {
        const e = b.entry!;
        const org = e.type === 'organisation' ? e.id : e.organisation ?? null;
        if (org && wanted.includes(org)) list.push({ start: b.start, org });
      }
      this.signalsByWanted.set(key, list);
    }
    if (list.length === 0) return null;
    const para = this.paragraph[d.start];
    const k = firstAtOrAfter(list, d.start);
    const before = k > 0 ? list[k - 1] : null;
    let after = k < list.length ? list[k] : null;
    if (after && after.start === d.start) after = k + 1 < list.length ? list[k + 1] : null;
    if (before && this.paragraph[before.start] === para) return before.org;
    if (after && this.paragraph[after.start] === para) return after.org;
    return list[0].org;
  }

  /** Surname of a person named right after a title ("Secrétaire général Jürgen Stock" → "stock"). */
  private personAfter(from: number): string | null {
    let j = from;
    let last: Token | null = null;
    while (j < this.tokens.length && j - from < 3) {
      const t = this.tokens[j];
      if (t.type !== 'word' || !t.cap || t.upper || FUNCTION_WORDS.has(t.k) || t.k.endsWith("'")) break;
      last = t;
      j++;
    }
    return last ? last.k : null;
  }

  /** Surname of a person named right before a title ("Jürgen Stock, Secrétaire général d’INTERPOL"). */
  private personBefore(to: number): string | null {
    let j = to - 1;
    if (this.tokens[j]?.k === ',') j--;
    const t = this.tokens[j];
    if (!t || t.type !== 'word' || !t.cap || t.upper || FUNCTION_WORDS.has(t.k) || this.sentenceStart[j]) return null;
    const p = this.tokens[j - 1];
    return p && p.type === 'word' && p.cap && !p.upper ? t.k : null;
  }

  /** Folded words of a token range, qualifiers left out: "plan d'action conjoint triennal". */
  private keyText(from: number, to: number, plural = false): string {
    let out = '';
    let nounsLeft = plural ? 2 : 0;
    let depth = 0;
    for (let j = from; j < to; j++) {
      const t = this.tokens[j];
      if (t.type === 'punct' && t.k === '(') depth++;
      if (t.type === 'punct' && t.k === ')') {
        depth = Math.max(0, depth - 1);
        continue;
      }
      if (depth > 0 || this.mask[j] || t.type === 'break') continue;
      let k = t.k;
      if (nounsLeft > 0 && t.type === 'word') {
        if (j === from || this.isModifier(j)) {
          k = singular(k);
          nounsLeft--;
        } else nounsLeft = 0;
      }
      if (out && !out.endsWith("'")) out += ' ';
      out += k;
    }
    return out;
  }

  toMentions(): ReferenceMention[] {
    const { origin, text } = this.clean;
    // Mentions already given, by span (cs · 2^26 + ce: exact in a double) and then id; a string key
    // per draft showed in profiles.
    const seen = new Map<number, string[]>();
    const out: ReferenceMention[] = [];
    this.drafts.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const d of this.drafts) {
      if (d.dropped) continue;
      const first = this.tokens[d.start];
      const last = this.tokens[d.end - 1];
      const cs = first.cs;
      const ce = last.ce;
      const span = cs * 0x4000000 + ce;
      const ids = seen.get(span);
      if (ids?.includes(d.id)) continue;
      if (ids) ids.push(d.id);
      else seen.set(span, [d.id]);
      out.push({
        text: singleSpaced(text.slice(cs, ce)),
        kind: d.kind,
        type: d.type,
        id: d.id,
        canonical: d.entry ? d.entry.canonical : null,
        curated: d.entry !== null,
        acronym: d.acronym,
        years: [...new Set(d.years)],
        symbol: d.symbol,
        // The end maps through the last character kept, not through origin[ce]: cleanup may have
        // dropped what followed (a footnote mark, trailing spaces of a wrapped line).
        span: { start: origin[cs], end: ce > cs ? origin[ce - 1] + 1 : origin[cs] },
        cleanSpan: { start: cs, end: ce },
      });
    }
    return out;
  }
}

/** Index of the first element whose start is at or after `start` (the array is in start order). */
function firstAtOrAfter(sorted: ReadonlyArray<{ start: number }>, start: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ODD_SPACE = /[^\S ]| {2}/;
function singleSpaced(s: string): string {
  return ODD_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

function singular(k: string): string {
  if (k.endsWith('aux') && k.length > 4) return k.slice(0, -3) + 'al';
  if (k.endsWith('s') && k.length > 3 && !k.endsWith('ss')) return k.slice(0, -1);
  return k;
}

function symbolId(symbol: string): string {
  return symbol.toLowerCase().replace(/\s*\(\d{4}\)\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** `key` is keyOf(clean.text) when the caller has it (analyseText shares it with findTopics). */
export function findReferences(clean: CleanText, key?: string): ReferenceMention[] {
  const f = new Finder(clean, key);
  f.instruments();
  const spans = f.drafts.map((d) => [d.start, d.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  // Merge overlapping spans so the scan in known() stays linear.
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  f.known(merged);
  f.bodies();
  f.definedAcronyms();
  f.resolve();
  return f.toMentions();
}
