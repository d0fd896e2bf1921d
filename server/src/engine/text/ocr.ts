// The OCR repair table: character confusions that text recognition makes in French institutional
// PDFs, each undone only where the context leaves no doubt. Every rule is listed here, documented and
// tested (test/unit/engine/text/ocr.test.ts); cleanup() applies them to the clean text and records each
// edit as a Repair. Nothing else in the engine rewrites words.
//
// Character rules (word context is checked on both sides):
//   elided-I      "I’OSCE", "I’homme"      capital I + apostrophe at a word start → "l’" (l read as I);
//                                          English "I’m", "I’ve", "I’d", "I’ll" are left alone
//   elided-1      "1’Organisation"         digit 1 + apostrophe at a word start before a letter → "l’"
//   lost-l        "pour ’OSCE"             apostrophe alone after a word, before a vowel or h, and not
//                                          closed by a second ’ (a quotation) → "l’"
//   cent-cedilla  "renfor¢ant"             ¢ between two letters → "ç"
//   glued-quote   "DECLARATION‘SUR"        ‘ glued between two words → space (not after an elision:
//                                          "l‘OSCE" is a wrong apostrophe, left as written)
//   a-grave       "procéder a des"         the word "a" where avoir is impossible → "à" (see aIsPreposition
//                                          and coordinatedA); doubtful cases ("protocoles a cette
//                                          Convention", "accès a des recours") stay as written
//   jusqu-a       "jusqu’a"                → "jusqu’à"
//   S-five        "S. Nous reconnaissons"  "S" for 5 as a paragraph number, only right after paragraph 4
//                                          (generally: after paragraph n4, "nS." becomes "n5.")
// Word table (OCR_WORDS): exact word forms with a lost or misread accent or letter; a capitalised form
// ("Role") is repaired too ("Rôle"); an all-capitals form ("MATIERE") is not, because capitals without
// accents are a typographic convention, not an OCR error.
import type { Repair } from '../types';

/** Exact word forms and their repair. Keys are matched as whole words. */
export const OCR_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['réle', 'rôle'], ['réles', 'rôles'], ['role', 'rôle'], ['roles', 'rôles'],
  ['ceuvre', 'œuvre'], ['ceuvres', 'œuvres'], ['ceuvrer', 'œuvrer'], ['ceuvrant', 'œuvrant'], ['ceuvrent', 'œuvrent'],
  ['manceuvre', 'manœuvre'], ['manceuvres', 'manœuvres'],
  ['sOreté', 'sûreté'], ['sOrete', 'sûreté'], ['sireté', 'sûreté'],
  ['fagon', 'façon'], ['fagons', 'façons'],
  ['menacant', 'menaçant'], ['menacants', 'menaçants'], ['menacante', 'menaçante'], ['menacantes', 'menaçantes'],
  ['renforcant', 'renforçant'],
  ['organiseée', 'organisée'], ['organiseées', 'organisées'],
  ['vingtieme', 'vingtième'],
  ['systeme', 'système'], ['systemes', 'systèmes'], ['systéme', 'système'], ['systémes', 'systèmes'],
  ['matiere', 'matière'], ['matieres', 'matières'],
  ['compléte', 'complète'], ['complétes', 'complètes'], ['complétent', 'complètent'],
  ['intéréts', 'intérêts'], ['intérét', 'intérêt'],
  ['réguliérement', 'régulièrement'],
  ['étrangére', 'étrangère'], ['étrangéres', 'étrangères'],
  ['protegent', 'protègent'],
  ['acces', 'accès'],
  ['grace', 'grâce'],
  ['democratique', 'démocratique'], ['democratiques', 'démocratiques'],
  ['maniére', 'manière'], ['premiére', 'première'], ['premiéres', 'premières'],
  ['derniére', 'dernière'], ['derniéres', 'dernières'], ['siécle', 'siècle'],
];

export interface OcrEdit {
  /** Span in the text the rules ran on. Equal start and end: an insertion. */
  start: number;
  end: number;
  to: string;
  kind: Extract<Repair['kind'], 'ocr' | 'paragraph-number'>;
  rule: string;
}

// --- character classes --------------------------------------------------------------------------

const LETTER = new Uint8Array(0x250);
(function buildLetters() {
  for (let c = 65; c <= 90; c++) LETTER[c] = 1;
  for (let c = 97; c <= 122; c++) LETTER[c] = 1;
  for (let c = 0xc0; c < 0x250; c++) if (c !== 0xd7 && c !== 0xf7) LETTER[c] = 1;
  LETTER[0xaa] = 1;
  LETTER[0xba] = 1;
})();
const LETTER_RE = /\p{L}|\p{M}/u;

export function isLetter(c: number): boolean {
  if (c < 0x250) return LETTER[c] === 1;
  if (c >= 0x2000 && c < 0x2c00) return false; // punctuation, spaces, symbols: ’ – … are frequent
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER_RE.test(String.fromCharCode(c));
}

function isApostrophe(c: number): boolean {
  return c === 0x2019 || c === 0x27 || c === 0x2bc;
}

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase();
}

const VOWEL_OR_H = /^[aeiouyhàâäéèêëîïôöûüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜŒÆ]/;

// --- word table ------------------------------------------------------------------------------------

const WORDS = new Map<string, string>(OCR_WORDS.map(([a, b]) => [a, b]));
/** Cheap pre-filter: a bit per hashed (length, first, last) of every key, capitalised forms included. */
const WORD_SHAPES = new Uint8Array(0x10000);
let minWord = 99;
let maxWord = 0;
for (const [from] of OCR_WORDS) {
  const first = from.charCodeAt(0);
  const last = from.charCodeAt(from.length - 1);
  WORD_SHAPES[shape(from.length, first, last)] = 1;
  const up = from[0].toUpperCase().charCodeAt(0);
  WORD_SHAPES[shape(from.length, up, last)] = 1;
  minWord = Math.min(minWord, from.length);
  maxWord = Math.max(maxWord, from.length);
}
function shape(len: number, first: number, last: number): number {
  // A 16-bit hash; collisions only cost a Map lookup.
  return ((len & 0xf) << 12) | ((first & 0x3f) << 6) | (last & 0x3f);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Repair of one word form from the table, keeping a capital initial; null when none applies. */
export function repairWord(word: string): string | null {
  const exact = WORDS.get(word);
  if (exact !== undefined) return exact;
  const c0 = word.charCodeAt(0);
  if (!isUpper(c0)) return null;
  const rest = word.slice(1);
  if (rest !== rest.toLowerCase()) return null; // all capitals, or OCR mixed case not in the table
  const lower = word.charAt(0).toLowerCase() + rest;
  const hit = WORDS.get(lower);
  return hit === undefined ? null : capitalise(hit);
}

// --- "a" for "à" -------------------------------------------------------------------------------

/** Words in -er that are not infinitives (nouns and adjectives a subject could end with). */
const NOT_INFINITIVE = new Set([
  'premier', 'dernier', 'hier', 'cher', 'fier', 'fer', 'mer', 'hiver', 'enfer', 'ver', 'entier', 'particulier',
  'régulier', 'singulier', 'dossier', 'quartier', 'chantier', 'foyer', 'loyer', 'papier', 'métier', 'sentier',
  'conseiller', 'officier', 'courrier', 'calendrier', 'cahier', 'danger', 'étranger', 'léger', 'boucher', 'rocher',
  'laser', 'cancer', 'super', 'inter', 'leader', 'manager', 'reporter', 'poster', 'master', 'partenaire', 'other',
  'under', 'after', 'member', 'number', 'order', 'paper', 'water', 'power', 'cluster', 'hacker', 'dealer', 'cyber',
  'berger', 'verger', 'boulanger', 'plancher', 'clocher', 'archer', 'gibier', 'atelier', 'escalier', 'collier',
  'pilier', 'levier', 'bouclier', 'ouvrier', 'février', 'janvier', 'millier', 'ier',
]);
const RE_INFINITIVES = new Set([
  'faire', 'refaire', 'satisfaire', 'mettre', 'promettre', 'permettre', 'transmettre', 'soumettre', 'admettre', 'commettre',
  'prendre', 'comprendre', 'entreprendre', 'apprendre', 'reprendre', 'surprendre', 'produire', 'reproduire', 'réduire',
  'conduire', 'construire', 'reconstruire', 'introduire', 'traduire', 'détruire', 'instruire', 'dire', 'interdire',
  'lire', 'élire', 'écrire', 'décrire', 'inscrire', 'prescrire', 'souscrire', 'combattre', 'battre', 'abattre', 'débattre',
  'rendre', 'défendre', 'attendre', 'entendre', 'étendre', 'tendre', 'vendre', 'répondre', 'correspondre', 'perdre',
  'descendre', 'suspendre', 'dépendre', 'connaître', 'reconnaître', 'paraître', 'apparaître', 'disparaître', 'croire',
  'vivre', 'suivre', 'poursuivre', 'survivre', 'résoudre', 'craindre', 'atteindre', 'joindre', 'rejoindre', 'contraindre',
  'restreindre', 'convaincre', 'vaincre', 'rompre', 'interrompre', 'corrompre', 'conclure', 'exclure', 'inclure',
  'extraire', 'soustraire', 'plaire', 'recevoir', 'percevoir', 'concevoir', 'prévoir', 'voir', 'revoir', 'pouvoir',
  'savoir', 'devoir', 'valoir', 'vouloir', 'promouvoir', 'pourvoir', 'asseoir', 'émouvoir',
]);
const IR_NOUNS = new Set(['avenir', 'désir', 'plaisir', 'loisir', 'soupir', 'souvenir', 'devenir', 'élixir', 'saphir', 'zéphir', 'cuir', 'loir', 'soir', 'miroir', 'espoir', 'couloir', 'trottoir', 'terroir', 'territoire', 'mouchoir', 'pouvoir', 'devoir', 'savoir']);

/** True for a lower-case word that can only be an infinitive after "à". */
export function isInfinitive(w: string): boolean {
  if (w.length < 4) return false;
  if (RE_INFINITIVES.has(w)) return true;
  if (w.endsWith('er')) {
    if (NOT_INFINITIVE.has(w)) return false;
    if (w.endsWith('ier')) return /(?:c|f|d|pl|bl)ier$/.test(w); // associer, vérifier, étudier, multiplier, publier
    if (w.endsWith('yer')) return /(?:oy|uy)er$/.test(w) && w !== 'foyer' && w !== 'loyer' && w !== 'noyer';
    return true;
  }
  if (w.endsWith('ir')) return !IR_NOUNS.has(w) && !w.endsWith('oir');
  return false;
}

/** Words before "a" that make it a preposition. */
const BEFORE_A = new Set(['grâce', 'grace', 'face', 'quant', 'conformément', 'conformement', 'relatif', 'relatifs', 'relative', 'relatives', 'afférent', 'afférents', 'afférente', 'afférentes', 'visant', 'destiné', 'destinés', 'destinée', 'destinées', 'apte', 'aptes', 'prêt', 'prêts', 'prête', 'prêtes', 'propre', 'propres', 'parallèlement', 'jusqu']);
/** Words (or two-word expressions) after "a" that make it a preposition: "à cet égard", "à travers". */
const AFTER_A = new Set(['travers', 'partir', 'savoir', 'condition', 'propos', 'compter', 'titre', 'cet égard', 'cette fin', 'cet effet', 'ce titre', 'cette occasion', 'la fois', 'long terme', 'moyen terme', 'court terme', 'haut niveau', 'tous les niveaux', 'chaque', 'mesure que']);
/** Nouns after "à l’" in fixed prepositional phrases ("à l’égard", "à l’issue"). */
const AFTER_A_ELIDED = new Set(['égard', 'instar', 'issue', 'occasion', 'appui', 'échelle', 'exception', 'étranger', 'encontre', 'unanimité', 'initiative', 'attention', 'exclusion', 'horizon', 'intérieur', 'extérieur']);

const CLITICS = new Set(['se', 'le', 'la', 'les', 'lui', 'leur', 'y', 'en', 'nous', 'vous']);
/** Determiners after a coordinated "et a": "aux valeurs et a la gouvernance". */
const DETERMINERS = new Set(['la', 'le', 'les', 'un', 'une', 'des', 'ses', 'son', 'sa', 'leur', 'leurs', 'cette', 'ce', 'cet', 'ces', 'tous', 'toutes', 'tout', 'toute', 'nos', 'notre']);

/**
 * "et a la gouvernance" repeats an "à"/"au"/"aux" (or an "a" already read as "à") of the same
 * clause: "portant atteinte aux valeurs et a la gouvernance", "grâce à des contacts et a un dialogue".
 * The clause is the text back to the last ; : . or line break, at most 200 characters.
 */
function coordinatedA(text: string, pos: number, edits: readonly OcrEdit[]): boolean {
  const prev = wordBefore(text, pos);
  if (!prev || text.slice(prev.start, prev.end) !== 'et') return false;
  const next = wordAfter(text, pos + 1);
  if (!next) return false;
  const w1 = text.slice(next.start, next.end);
  const elided = isApostrophe(text.charCodeAt(next.end)) && /^[lI1]$/.test(w1);
  if (!elided && !DETERMINERS.has(w1)) return false;
  let from = prev.start;
  const stop = Math.max(0, pos - 200);
  while (from > stop) {
    const c = text.charCodeAt(from - 1);
    if (c === 59 || c === 58 || c === 46 || c === 10) break;
    from--;
  }
  if (/(?:^|[\s\u00a0])(?:à|au|aux)\s/.test(text.slice(from, prev.start))) return true;
  for (let k = edits.length - 1; k >= 0 && edits[k].start >= from; k--) if (edits[k].rule === 'a-grave') return true;
  return false;
}

interface WordAt {
  start: number;
  end: number;
}

function wordBefore(text: string, pos: number): WordAt | null {
  let i = pos - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  if (i < 0 || !isLetter(text.charCodeAt(i))) return null;
  const end = i + 1;
  while (i >= 0 && isLetter(text.charCodeAt(i))) i--;
  return { start: i + 1, end };
}

function wordAfter(text: string, pos: number): WordAt | null {
  let i = pos;
  if (text.charCodeAt(i) !== 32) return null;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const start = i;
  while (i < text.length && isLetter(text.charCodeAt(i))) i++;
  return i > start ? { start, end: i } : null;
}

/**
 * Is the word "a" at [pos, pos+1) the preposition "à"? Only in contexts where the verb avoir cannot
 * stand: before an infinitive ("a renforcer"), after an infinitive ("procéder a des"), after words
 * that govern "à" (grâce, face, quant, relatives …), in fixed phrases ("a cet égard", "a l’issue"),
 * and before "l’" + a capitalised name ("adoptés a l’OSCE"). Elsewhere "a" is left as written.
 */
export function aIsPreposition(text: string, pos: number): boolean {
  const next = wordAfter(text, pos + 1);
  if (next) {
    const w1 = text.slice(next.start, next.end);
    const c = text.charCodeAt(next.end);
    if (isApostrophe(c) && next.end - next.start === 1 && /^[lI1smt]$/.test(w1)) {
      // "a l’OSCE", "a I’OSCE": the elided article before a name or a fixed noun;
      // "a s’associer", "a l’appliquer": an elided pronoun before an infinitive.
      const after = next.end + 1;
      const first = text.charCodeAt(after);
      let e = after;
      while (e < text.length && isLetter(text.charCodeAt(e))) e++;
      const noun = text.slice(after, e);
      if (isInfinitive(noun)) return true;
      if (/^[lI1]$/.test(w1) && (isUpper(first) || AFTER_A_ELIDED.has(noun))) return true;
    } else if (!isApostrophe(c)) {
      const lw1 = w1.toLowerCase();
      if (w1 === lw1 && isInfinitive(lw1)) return true;
      if (CLITICS.has(w1)) {
        // "a la mettre en œuvre", "a se conformer": a pronoun, then an infinitive.
        const next2 = wordAfter(text, next.end);
        if (next2 && isInfinitive(text.slice(next2.start, next2.end))) return true;
      }
      if (AFTER_A.has(lw1)) return true;
      const next2 = wordAfter(text, next.end);
      if (next2 && AFTER_A.has(`${lw1} ${text.slice(next2.start, next2.end).toLowerCase()}`)) return true;
      const next3 = next2 && wordAfter(text, next2.end);
      if (next2 && next3 && AFTER_A.has(`${lw1} ${text.slice(next2.start, next2.end)} ${text.slice(next3.start, next3.end)}`.toLowerCase())) return true;
    }
  }
  const prev = wordBefore(text, pos);
  if (prev) {
    const w0 = text.slice(prev.start, prev.end);
    if (w0 === w0.toLowerCase() && (BEFORE_A.has(w0) || isInfinitive(w0))) return true;
  }
  return false;
}

// --- the scan ------------------------------------------------------------------------------------

const ENGLISH_AFTER_I = /^(?:m|ve|d|ll|s|re)(?![\p{L}])/u;
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu', 'quelqu']);

/** All OCR repairs to make in `text`, in order, not overlapping. */
export function findOcrEdits(text: string): OcrEdit[] {
  const edits: OcrEdit[] = [];
  const n = text.length;
  let i = 0;
  const letters = LETTER;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x250 ? letters[c] === 0 : !isLetter(c)) {
      // Only four characters start a character rule.
      if (c !== 0x2019 && c !== 0x27 && c !== 0xa2 && c !== 0x2018) {
        i++;
        continue;
      }
      if (c === 0x2019 || c === 0x27) apostrophe(text, i, edits);
      else if (c === 0xa2) {
        if (i > 0 && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1))) {
          edits.push({ start: i, end: i + 1, to: isUpper(text.charCodeAt(i - 1)) && isUpper(text.charCodeAt(i + 1)) ? 'Ç' : 'ç', kind: 'ocr', rule: 'cent-cedilla' });
        }
      } else if (c === 0x2018) {
        if (i > 0 && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1))) {
          const before = wordBefore(text, i);
          const w = before ? text.slice(before.start, before.end).toLowerCase() : '';
          if (!ELISIONS.has(w)) edits.push({ start: i, end: i + 1, to: ' ', kind: 'ocr', rule: 'glued-quote' });
        }
      }
      i++;
      continue;
    }
    const start = i;
    i++;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d < 0x250 ? letters[d] === 0 : !isLetter(d)) break;
    }
    const len = i - start;
    if (len === 1 && c === 0x61 /* a */) {
      const before = start > 0 ? text.charCodeAt(start - 1) : 32;
      if (isApostrophe(before) && start >= 6 && text.slice(start - 6, start - 1).toLowerCase() === 'jusqu' && !isLetter(text.charCodeAt(i))) {
        edits.push({ start, end: i, to: 'à', kind: 'ocr', rule: 'jusqu-a' });
      } else if ((before === 32 || before === 10) && text.charCodeAt(i) === 32 && (aIsPreposition(text, start) || coordinatedA(text, start, edits))) {
        edits.push({ start, end: i, to: 'à', kind: 'ocr', rule: 'a-grave' });
      }
      continue;
    }
    if (len >= minWord && len <= maxWord && WORD_SHAPES[shape(len, c, text.charCodeAt(i - 1))] === 1) {
      // Whole words only: a letter run glued to a digit or ¢ is not a word form of the table.
      const word = text.slice(start, i);
      const to = repairWord(word);
      if (to !== null) edits.push({ start, end: i, to, kind: 'ocr', rule: 'word' });
    }
  }
  paragraphNumbers(text, edits);
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  // Rules look at different characters; keep the first of any overlap all the same.
  const kept: OcrEdit[] = [];
  let last = -1;
  for (const e of edits) {
    if (e.start < last) continue;
    kept.push(e);
    last = e.end;
  }
  return kept;
}

function apostrophe(text: string, i: number, edits: OcrEdit[]): void {
  const next = text.charCodeAt(i + 1);
  if (!isLetter(next)) return;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
  const prev2 = i > 1 ? text.charCodeAt(i - 2) : 32;
  const wordStart = !(isLetter(prev2) || (prev2 >= 48 && prev2 <= 57));
  if ((prev === 0x49 /* I */ || prev === 0x31 /* 1 */) && wordStart) {
    if (prev === 0x49 && ENGLISH_AFTER_I.test(text.slice(i + 1, i + 4))) return;
    edits.push({ start: i - 1, end: i, to: 'l', kind: 'ocr', rule: prev === 0x49 ? 'elided-I' : 'elided-1' });
    return;
  }
  if (text.charCodeAt(i) !== 0x2019 || prev !== 32 || !isLetter(prev2)) return;
  // "pour ’OSCE": a lone apostrophe before a vowel or h, not a quotation closed by another ’.
  let e = i + 1;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  if (text.charCodeAt(e) === 0x2019) return;
  if (!VOWEL_OR_H.test(text.charAt(i + 1))) return;
  edits.push({ start: i, end: i, to: 'l', kind: 'ocr', rule: 'lost-l' });
}

/** "S." for "5." (and "1S." for "15.") as a paragraph number right after paragraph 4 (14). */
function paragraphNumbers(text: string, edits: OcrEdit[]): void {
  let lastNumber = -1;
  let pos = 0;
  const label = /(\d{1,3})[.)]\s/y;
  const misread = /(\d{0,2})S([.)])\s+\p{Lu}/uy;
  while (pos < text.length) {
    label.lastIndex = pos;
    const m = label.exec(text);
    if (m) lastNumber = +m[1];
    else {
      misread.lastIndex = pos;
      const s = misread.exec(text);
      if (s && Number(`${s[1]}5`) === lastNumber + 1) {
        edits.push({ start: pos + s[1].length, end: pos + s[1].length + 1, to: '5', kind: 'paragraph-number', rule: 'S-five' });
        lastNumber++;
      }
    }
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
}
