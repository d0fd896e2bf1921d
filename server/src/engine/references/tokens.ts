// Word tokens over folded text, shared by the knowledge file (to key its names) and the finder (to
// walk citations), so both cut "l’Organisation", "n° 3/05", "S/RES/2178", "I-24/7" the same way.
// Matching keys. fold() (text/normalize) collapses white space and expands ligatures, so its output
// needs an offset map; the finder instead folds character for character (same length as the text,
// so key offsets ARE clean-text offsets), with the same rules where it matters for names: case,
// accents, apostrophes, quotes, dashes. Knowledge names and texts go through the same function,
// so they always meet; and it costs one native toLowerCase() plus a lookup per non-ASCII character.
import { codesToString } from '../text/normalize';

const FOLD_ONE = new Map<string, string>();
(function buildFoldTable() {
  for (let c = 0x80; c < 0x250; c++) {
    const ch = String.fromCharCode(c);
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (base.length === 1 && base !== ch) FOLD_ONE.set(ch, base);
  }
  const set = (chars: string, to: string): void => {
    for (const ch of chars) FOLD_ONE.set(ch, to);
  };
  set('\u2019\u2018\u02bc\u201b\u2032\u00b4`', "'");
  set('\u00ab\u00bb\u201c\u201d\u201e\u201f', '"');
  set('\u2010\u2011\u2012\u2013\u2014\u2015\u2212', '-');
  set('\u00a0\u202f\u2007\u2009\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f\u3000', ' ');
  set('\u00ba', '°');
  set('\u00f8\u00d8', 'o');
  set('\u0142\u0141', 'l');
})();

/** Per UTF-16 code unit past ASCII: its key code (0: not worked out yet). */
const KEY_CODE = new Uint16Array(0x10000);
function keyCode(c: number): number {
  let v = KEY_CODE[c];
  if (v === 0) {
    const lower = String.fromCharCode(c).toLowerCase();
    // A character whose lower case is longer ("İ") stays as it is: keys keep the text's length.
    v = lower.length === 1 ? (FOLD_ONE.get(lower) ?? lower).charCodeAt(0) : c;
    KEY_CODE[c] = v;
  }
  return v;
}

/** Scratch code units of keyOf (grown to the longest text; a draft is analysed at every edit). */
let keyCodes = new Uint16Array(4096);

/**
 * Key of a string, character for character (same length): lower case, accents off, ’ → ', « » → ", – → -.
 * Written into code units and made a string once: lower-casing the whole text first made a second
 * copy of it (a 20-page draft is a 130 KB string, a fresh large object at each edit), and the key
 * is then one byte per character when the text's folded characters all fit.
 * Lower case is per character: a Greek final sigma is keyed as σ, as the names it is matched with.
 */
export function keyOf(s: string): string {
  const n = s.length;
  if (keyCodes.length < n) keyCodes = new Uint16Array(Math.max(n, keyCodes.length * 2));
  const out = keyCodes;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out[i] = c >= 65 && c <= 90 ? c + 32 : c;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A character beyond the BMP: lower case when that keeps its two code units ("𐐀" → "𐐨").
      const lower = s.slice(i, i + 2).toLowerCase();
      const same = lower.length === 2;
      out[i] = same ? lower.charCodeAt(0) : c;
      out[i + 1] = same ? lower.charCodeAt(1) : s.charCodeAt(i + 1);
      i++;
    } else {
      out[i] = keyCode(c);
    }
  }
  return codesToString(out, n);
}

/** Per code unit: 1 upper case, 2 lower case, 3 neither (by toUpperCase/toLowerCase), 0 not yet known. */
const LETTER_CASE = new Uint8Array(0x10000);
function letterCase(c: number): number {
  let v = LETTER_CASE[c];
  if (v === 0) {
    const ch = String.fromCharCode(c);
    const up = ch.toUpperCase();
    v = up === ch.toLowerCase() ? 3 : ch === up ? 1 : 2;
    LETTER_CASE[c] = v;
  }
  return v;
}

export type TokenType = 'word' | 'number' | 'symbol' | 'punct' | 'break';

/**
 * A token. `raw`, `cap` and `upper` are read from the text on demand: most tokens of a long text are
 * never asked (only words that may start or continue a citation are), and slicing every one showed in profiles.
 */
export class Token {
  private flags = -1;
  constructor(
    readonly type: TokenType,
    /** Key (folded, accents stripped): "l'", "organisation", "n°", "3/05", "s/res/2178". */
    public k: string,
    /** Clean-text span. */
    readonly cs: number,
    readonly ce: number,
    private readonly text: string,
  ) {}

  /** As written in the clean text. */
  get raw(): string {
    return this.type === 'break' ? '\n' : this.text.slice(this.cs, this.ce);
  }

  /** First letter is upper case. */
  get cap(): boolean {
    return (this.caseFlags() & 1) !== 0;
  }

  /** Every letter is upper case and there are at least two ("OSCE", "RAPPELANT"). */
  get upper(): boolean {
    return (this.caseFlags() & 2) !== 0;
  }

  private caseFlags(): number {
    if (this.flags >= 0) return this.flags;
    let cap = false;
    let letters = 0;
    let lower = 0;
    if (this.type !== 'break') {
      const text = this.text;
      for (let j = this.cs; j < this.ce; j++) {
        const c = text.charCodeAt(j);
        let isUpper: boolean;
        if (c < 128) {
          if (c >= 65 && c <= 90) isUpper = true;
          else if (c >= 97 && c <= 122) isUpper = false;
          else continue;
        } else {
          const v = letterCase(c);
          if (v === 3) continue;
          isUpper = v === 1;
        }
        if (letters === 0) {
          if (!isUpper) break; // neither capitalised nor upper case: most words, decided on one letter
          cap = true;
        }
        letters++;
        if (!isUpper) lower++;
      }
    }
    this.flags = (cap ? 1 : 0) | (letters >= 2 && lower === 0 ? 2 : 0);
    return this.flags;
  }
}

const ELISIONS = new Set(['l', 'd', 'qu', 's', 'n', 'j', 'm', 't', 'c', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

const COMBINING = /[\u0300-\u036f]/;
const COMBINING_ALL = /[\u0300-\u036f]/g;
const LETTER = /[\p{L}\p{M}]/u;
/** Per code unit from U+00C0: 1 word character, 2 not, 0 not yet known (the \p{L} test is the slow part). */
const WORD_CHAR = new Uint8Array(0x10000);
function isWordChar(c: string): boolean {
  return isWordCode(c.charCodeAt(0));
}
/** isWordChar by code unit (NaN, past the end, is not one): the tokenizer's loops read codes, not one-character strings. */
function isWordCode(code: number): boolean {
  if (code >= 97 && code <= 122) return true;
  if (code >= 48 && code <= 57) return true;
  if (!(code >= 0xc0)) return false;
  let v = WORD_CHAR[code];
  if (v === 0) {
    v = code !== 0xd7 && code !== 0xf7 && LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_CHAR[code] = v;
  }
  return v === 1;
}
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => isWordChar(c) && !isDigit(c);
const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
const PUNCT = new Set([',', ';', ':', '.', '!', '?', '(', ')', '[', ']', '«', '»', '"', '“', '”', '„', '-', '…', '•', '·', '/', '*', '▪', '●', '◦', '§']);

/** Words after which a line break in a hard-wrapped draft cannot end a paragraph: the sentence obviously goes on. */
const CONTINUES = new Set(['de', "d'", 'des', 'du', 'la', 'le', 'les', "l'", 'a', 'au', 'aux', 'et', 'ou', 'sur', 'contre', 'pour', 'en', 'par', 'un', 'une', 'relative', 'relatif', 'relatives', 'relatifs', 'dans', 'avec', 'entre']);

/**
 * Tokens of `text` (a clean text or a name from the knowledge file). A line break becomes a `break`
 * token; in a hard-wrapped text (see `wrapped`) only when the sentence does not obviously go on (next
 * line in lower case, previous word a preposition or an article, long line followed by a capital).
 */
export function tokenize(text: string, key?: string): Token[] {
  const k = key ?? keyOf(text);
  const hasCombining = COMBINING.test(k);
  // Clean text has one paragraph per line: every line break ends a paragraph. A raw draft is hard
  // wrapped: some line goes on in lower case on the next one, and breaks are judged one by one.
  const wrapped = isHardWrapped(text);
  const tokens: Token[] = [];
  const n = k.length;
  const push = (type: TokenType, s: number, e: number): void => {
    let key = k.slice(s, e);
    if (hasCombining && COMBINING.test(key)) key = key.replace(COMBINING_ALL, ''); // decomposed accents (NFD input)
    tokens.push(new Token(type, key, s, e, text));
  };
  let i = 0;
  while (i < n) {
    const code = k.charCodeAt(i);
    if (isSpaceCode(code)) {
      let j = i;
      while (j < n && isSpaceCode(k.charCodeAt(j))) j++;
      // fold() may have collapsed the run into one space: look for the line break in the text itself.
      let newlines = 0;
      const to = j < n ? (j) : text.length;
      for (let m = (i); m < to; m++) {
        const ch = text.charCodeAt(m);
        if (ch === 10 || ch === 0x2028 || ch === 0x2029 || (ch === 13 && text.charCodeAt(m + 1) !== 10)) newlines++;
      }
      const newline = newlines > 0;
      if (newline && tokens.length > 0 && j < n) {
        const prev = tokens[tokens.length - 1];
        const ch = text[(j)] ?? '';
        const nextCap = isLetter(k[j]) && ch === ch.toUpperCase();
        const nextAlnum = isWordChar(k[j]);
        const prevEnds = prev.type === 'punct' && '.;:!?"»)'.includes(prev.k);
        // A hard wrap inside a sentence, or a new paragraph? New paragraph after closing punctuation,
        // before a bullet, or before a capital when the previous line is short (a heading, a title).
        let continues: boolean;
        if (!wrapped) continues = false;
        else if (prev.type === 'word' && CONTINUES.has(prev.k)) continues = true;
        else if (prevEnds || !nextAlnum || prev.type === 'break') continues = false;
        else if (!nextCap) continues = true;
        else if (newlines > 1) continues = false; // a blank line
        else continues = lineLength(text, prev.ce) >= 50;
        if (!continues && prev.type !== 'break') tokens.push(new Token('break', '\n', i, i, text));
      }
      i = j;
      continue;
    }
    if (isWordCode(code)) {
      let j = i;
      let hasDigit = false;
      let hasSlash = false;
      // Only digits and slashes so far ("3/05"), and whether a hyphen joined parts ("AG-2015-RES-03"):
      // decide the type without a regex per word.
      let digitsOnly = true;
      let hasHyphen = false;
      while (j < n) {
        const dc = k.charCodeAt(j);
        if (isWordCode(dc)) {
          if (dc >= 48 && dc <= 57) hasDigit = true;
          else digitsOnly = false;
          j++;
          continue;
        }
        const d = k[j];
        const next = j + 1 < n ? k[j + 1] : '';
        if (d === '-' && isWordChar(next) && j > i) { j++; digitsOnly = false; hasHyphen = true; continue; }
        if (d === '°' && j === i + 1 && k[i] === 'n') { j++; digitsOnly = false; continue; }
        if (d === '/' && isWordChar(next) && (hasDigit || isDigit(next) || isUpperRun(text, (i), (j)))) {
          hasSlash = true;
          j++;
          continue;
        }
        // "PC.DEC/1049", "MC.DOC/4/15": a dot inside an upper-case symbol.
        if (d === '.' && isLetter(next) && isUpperRun(text, (i), (j)) && isUpperRun(text, (j + 1), (j + 2)) && /^[A-Z]{1,4}(?:\.[A-Z]{1,4})*$/.test(text.slice((i), (j)))) {
          j++;
          digitsOnly = false;
          continue;
        }
        // "CM/Rec(2017)5": brackets inside a slash symbol.
        if (d === '(' && hasSlash && isDigit(next)) {
          let m = j + 1;
          while (m < n && isDigit(k[m])) m++;
          if (k[m] === ')' && m + 1 < n && isDigit(k[m + 1])) { j = m + 1; digitsOnly = false; continue; }
        }
        // "l’OSCE", "d’INTERPOL", and OCR's "I’OSCE", "1’Organisation".
        if (d === "'" && isLetter(next)) {
          const w = k.slice(i, j);
          const ocr = (w === 'i' || w === '1') && /\p{Lu}/u.test(text[(j + 1)] ?? '');
          if (ELISIONS.has(w) || ocr) {
            push('word', i, j + 1);
            if (ocr) tokens[tokens.length - 1].k = w === '1' || w === 'i' ? "l'" : tokens[tokens.length - 1].k;
            i = j + 1;
            j = -1;
            break;
          }
          j++; // "aujourd’hui"
          digitsOnly = false;
          continue;
        }
        break;
      }
      if (j === -1) continue;
      let type: TokenType = 'word';
      if (digitsOnly) type = 'number'; // /^\d+(?:\/\d+)*$/: a slash is only taken between word characters
      else if (hasSlash && hasDigit && /\p{Lu}/u.test(text[(i)] ?? '')) type = 'symbol';
      else if (hasHyphen && hasDigit && /^[a-z]{2,4}-\d{4}-res-\d+$/.test(k.slice(i, j))) type = 'symbol'; // INTERPOL "AG-2015-RES-03"
      push(type, i, j);
      i = j;
      continue;
    }
    const c = k[i];
    if (PUNCT.has(c) || c === "'") {
      push('punct', i, i + 1);
      i++;
      continue;
    }
    i++; // other symbols: ignored
  }
  return tokens;
}

/** Some line ends on a letter or a comma and the next one goes on in lower case. */
function isHardWrapped(text: string): boolean {
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    let b = i - 1;
    while (b >= 0 && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b--;
    let a = i + 1;
    while (a < text.length && (text[a] === ' ' || text[a] === '\t')) a++;
    if (b < 0 || a >= text.length) continue;
    const before = text[b];
    const after = text[a];
    if ((before === ',' || before.toLowerCase() !== before.toUpperCase()) && after !== after.toUpperCase() && after.toLowerCase() === after) return true;
  }
  return false;
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
