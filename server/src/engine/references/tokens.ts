// Word tokens over folded text, shared by the knowledge file (to key its names) and the finder (to
// walk citations), so both cut "l’Organisation", "n° 3/05", "S/RES/2178", "I-24/7" the same way.
import { foldWithMap } from '../text/normalize';

// fold() may or may not strip accents and map ’ to ' (its stub only lower-cases); this second,
// length-preserving pass makes the keys identical either way.
const ACCENTS: Record<string, string> = {
  à: 'a', á: 'a', â: 'a', ã: 'a', ä: 'a', å: 'a', ç: 'c', è: 'e', é: 'e', ê: 'e', ë: 'e', ì: 'i', í: 'i',
  î: 'i', ï: 'i', ñ: 'n', ò: 'o', ó: 'o', ô: 'o', õ: 'o', ö: 'o', ù: 'u', ú: 'u', û: 'u', ü: 'u', ý: 'y',
  ÿ: 'y', 'ś': 's', 'š': 's', 'ž': 'z', 'č': 'c', 'ř': 'r', 'ą': 'a', 'ę': 'e', 'ł': 'l',
  '\u2019': "'", '\u2018': "'", '\u02bc': "'", '\u00b4': "'", '`': "'",
  '\u00a0': ' ', '\u202f': ' ', '\u2007': ' ', '\u2009': ' ', 'º': '°',
  '\u2013': '-', '\u2014': '-', '\u2010': '-', '\u2011': '-',
};

function strip(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const r = ACCENTS[s[i]];
    if (r !== undefined) {
      out += s.slice(from, i) + r;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Matching key of a string: fold() plus accent, apostrophe, space and dash unification (same length as fold()). */
export function keyOf(s: string): string {
  return strip(foldWithMap(s).folded);
}

export type TokenType = 'word' | 'number' | 'symbol' | 'punct' | 'break';

export interface Token {
  type: TokenType;
  /** Key (folded, accents stripped): "l'", "organisation", "n°", "3/05", "s/res/2178". */
  k: string;
  /** Clean-text span. */
  cs: number;
  ce: number;
  /** As written in the clean text. */
  raw: string;
  /** First letter is upper case. */
  cap: boolean;
  /** Every letter is upper case and there are at least two ("OSCE", "RAPPELANT"). */
  upper: boolean;
}

const ELISIONS = new Set(['l', 'd', 'qu', 's', 'n', 'j', 'm', 't', 'c', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

function isWordChar(c: string): boolean {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= '0' && c <= '9') return true;
  if (c < '\u00c0') return false;
  return c !== '\u00d7' && c !== '\u00f7' && /[\p{L}\p{M}]/u.test(c);
}
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => isWordChar(c) && !isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const PUNCT = new Set([',', ';', ':', '.', '!', '?', '(', ')', '[', ']', '«', '»', '"', '“', '”', '„', '-', '…', '•', '·', '/', '*', '▪', '●', '◦', '§']);

/** Words after which a line break cannot end a paragraph: the sentence obviously goes on. */
const CONTINUES = new Set(['de', "d'", 'des', 'du', 'la', 'le', 'les', "l'", 'a', 'au', 'aux', 'et', 'ou', 'sur', 'contre', 'pour', 'en', 'par', 'un', 'une', 'relative', 'relatif', 'relatives', 'relatifs', 'dans', 'avec', 'entre']);

/**
 * Tokens of `text` (a clean text or a name from the knowledge file). `origin` maps key offsets to
 * text offsets. A line break becomes a `break` token unless the sentence obviously continues (the
 * next line starts in lower case, or the previous word is a preposition or an article), so hard-wrapped
 * drafts and one-paragraph-per-line clean text both read right.
 */
export function tokenize(text: string): Token[] {
  const { folded, origin } = foldWithMap(text);
  const k = strip(folded);
  const tokens: Token[] = [];
  const n = k.length;
  const cleanStart = (i: number): number => origin[i];
  const cleanEnd = (i: number): number => {
    // End after the last folded character's source, plus any combining marks fold() dropped.
    let e = i > 0 ? origin[i - 1] + 1 : 0;
    while (e < text.length && text.charCodeAt(e) >= 0x300 && text.charCodeAt(e) <= 0x36f) e++;
    return e;
  };
  const push = (type: TokenType, s: number, e: number): void => {
    const cs = cleanStart(s);
    const ce = cleanEnd(e);
    const raw = text.slice(cs, ce);
    let cap = false;
    let letters = 0;
    let lower = 0;
    for (let j = 0; j < raw.length; j++) {
      const ch = raw[j];
      const up = ch.toUpperCase();
      const lo = ch.toLowerCase();
      if (up === lo) continue;
      if (letters === 0) cap = ch === up;
      letters++;
      if (ch === lo) lower++;
    }
    tokens.push({ type, k: k.slice(s, e), cs, ce, raw, cap, upper: letters >= 2 && lower === 0 });
  };
  let i = 0;
  while (i < n) {
    const c = k[i];
    if (isSpace(c)) {
      let j = i;
      while (j < n && isSpace(k[j])) j++;
      // fold() may have collapsed the run into one space: look for the line break in the text itself.
      let newlines = 0;
      const to = j < n ? cleanStart(j) : text.length;
      for (let m = cleanStart(i); m < to; m++) {
        const ch = text.charCodeAt(m);
        if (ch === 10 || ch === 0x2028 || ch === 0x2029 || (ch === 13 && text.charCodeAt(m + 1) !== 10)) newlines++;
      }
      const newline = newlines > 0;
      if (newline && tokens.length > 0 && j < n) {
        const prev = tokens[tokens.length - 1];
        const ch = text[cleanStart(j)] ?? '';
        const nextCap = isLetter(k[j]) && ch === ch.toUpperCase();
        const nextAlnum = isWordChar(k[j]);
        const prevEnds = prev.type === 'punct' && '.;:!?"»)'.includes(prev.k);
        // A hard wrap inside a sentence, or a new paragraph? New paragraph after closing punctuation,
        // before a bullet, or before a capital when the previous line is short (a heading, a title).
        let continues: boolean;
        if (prev.type === 'word' && CONTINUES.has(prev.k)) continues = true;
        else if (prevEnds || !nextAlnum || prev.type === 'break') continues = false;
        else if (!nextCap) continues = true;
        else if (newlines > 1) continues = false; // a blank line
        else continues = lineLength(text, prev.ce) >= 50;
        if (!continues && prev.type !== 'break') tokens.push({ type: 'break', k: '\n', cs: cleanStart(i), ce: cleanStart(i), raw: '\n', cap: false, upper: false });
      }
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i;
      let hasDigit = false;
      let hasSlash = false;
      while (j < n) {
        const d = k[j];
        if (isWordChar(d)) {
          if (isDigit(d)) hasDigit = true;
          j++;
          continue;
        }
        const next = j + 1 < n ? k[j + 1] : '';
        if (d === '-' && isWordChar(next) && j > i) { j++; continue; }
        if (d === '°' && j === i + 1 && k[i] === 'n') { j++; continue; }
        if (d === '/' && isWordChar(next) && (hasDigit || isDigit(next) || isUpperRun(text, cleanStart(i), cleanStart(j)))) {
          hasSlash = true;
          j++;
          continue;
        }
        // "PC.DEC/1049", "MC.DOC/4/15": a dot inside an upper-case symbol.
        if (d === '.' && isLetter(next) && isUpperRun(text, cleanStart(i), cleanStart(j)) && isUpperRun(text, cleanStart(j + 1), cleanStart(j + 2)) && /^[A-Z]{1,4}(?:\.[A-Z]{1,4})*$/.test(text.slice(cleanStart(i), cleanStart(j)))) {
          j++;
          continue;
        }
        // "CM/Rec(2017)5": brackets inside a slash symbol.
        if (d === '(' && hasSlash && isDigit(next)) {
          let m = j + 1;
          while (m < n && isDigit(k[m])) m++;
          if (k[m] === ')' && m + 1 < n && isDigit(k[m + 1])) { j = m + 1; continue; }
        }
        // "l’OSCE", "d’INTERPOL", and OCR's "I’OSCE", "1’Organisation".
        if (d === "'" && isLetter(next)) {
          const w = k.slice(i, j);
          const ocr = (w === 'i' || w === '1') && /\p{Lu}/u.test(text[cleanStart(j + 1)] ?? '');
          if (ELISIONS.has(w) || ocr) {
            push('word', i, j + 1);
            if (ocr) tokens[tokens.length - 1].k = w === '1' || w === 'i' ? "l'" : tokens[tokens.length - 1].k;
            i = j + 1;
            j = -1;
            break;
          }
          j++; // "aujourd’hui"
          continue;
        }
        break;
      }
      if (j === -1) continue;
      const word = k.slice(i, j);
      let type: TokenType = 'word';
      if (/^\d+(?:\/\d+)*$/.test(word)) type = 'number';
      else if (hasSlash && hasDigit && /\p{Lu}/u.test(text[cleanStart(i)] ?? '')) type = 'symbol';
      else if (/^[a-z]{2,4}-\d{4}-res-\d+$/.test(word)) type = 'symbol'; // INTERPOL "AG-2015-RES-03"
      push(type, i, j);
      i = j;
      continue;
    }
    if (PUNCT.has(c) || c === "'" ) {
      push('punct', i, i + 1);
      i++;
      continue;
    }
    i++; // other symbols: ignored
  }
  return tokens;
}

/** Length of the line that ends at or after `at`, counted back to the previous line break. */
function lineLength(text: string, at: number): number {
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  return text.slice(start, at).trim().length;
}

function isUpperRun(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const s = text.slice(from, to);
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

export function isYear(k: string): boolean {
  return k.length === 4 && (k.startsWith('19') || k.startsWith('20') || k.startsWith('18')) && /^\d{4}$/.test(k);
}
