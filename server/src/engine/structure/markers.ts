// Bullets and labels at the start of a paragraph: "- ", "•", "–", "    • i.", "1.", "11.", "P2A:",
// "INTRO :", "iv.", "a)", "(b)". Shared by the segmenter and by detectOpener (which may be given a
// raw line).
import { lemmaOf } from './conjugate';

export interface Marker {
  /** The bullet character, or null. */
  bullet: string | null;
  /** Label or number as written, without its punctuation: "P2A", "INTRO", "5", "iv", "a"; null for none. */
  label: string | null;
  /** Offset where the body starts (after the marker and the whitespace that follows it). */
  bodyStart: number;
}

// Bullets that are never words: no space needed after them ("•Texte").
const TIGHT_BULLETS = '•▪◦●■□➢►▸‣⁃\uf0b7\uf0a7\uf0d8\uf076';
// Dashes and stars are bullets only when a space follows ("- Réaffirment", not "-19"); the hyphen
// first, where a character class takes it literally.
const SPACED_BULLETS = '-–—*·';
const TIGHT_BULLET = new RegExp(`[${TIGHT_BULLETS}]`, 'y');
const SPACED_BULLET = new RegExp(`[${SPACED_BULLETS}](?=[\\s\\u00a0])`, 'y');
/** Characters a bullet starts with: the regexes run only after one (most paragraphs start with a letter). */
const BULLET_STARTS = new Set(Array.from(TIGHT_BULLETS + SPACED_BULLETS, (c) => c.charCodeAt(0)));
const P_LABEL = /(P\d{1,3}[A-Z]{0,3})[ \t\u00a0\u202f]*:/y;
const WORD_LABEL = /([A-ZÀ-ÖØ-Ý]{3,15})[ \t\u00a0\u202f]*:/y;
const NUMBER_LABEL = /(\d{1,3}(?:\.\d{1,3}){0,3})[.)](?=[\s\u00a0]|$)/y;
const PAREN_LABEL = /\((\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6}|[A-Z])\)(?=[\s\u00a0]|$)/y;
const LOWER_LABEL = /([a-z]|[ivxlc]{1,6})[.)](?=[\s\u00a0]|$)/y;
// Upper-case letters and roman numerals; "M." is left out: it is "Monsieur" at a paragraph start.
const UPPER_LABEL = /([A-LN-Z]|[IVXLC]{1,6})[.)](?=[\s\u00a0]|$)/y;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x2009 || c === 0xfeff || c === 12 || c === 11 || c === 13;
}

/** Offset of the first non-space character at or after `from` (bounded by `to`). */
export function skipSpaces(text: string, from: number, to: number = text.length): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Index of the first of `chars` within `span` characters of `at`, or -1: a cheap test before the regexes. */
function findNear(text: string, at: number, span: number, chars: string): number {
  const end = Math.min(text.length, at + span);
  for (let i = at; i < end; i++) if (chars.includes(text[i])) return i;
  return -1;
}

function labelAt(text: string, at: number): { label: string; end: number } | null {
  const c = text.charCodeAt(at);
  let m: RegExpExecArray | null = null;
  if (c >= 48 && c <= 57) m = matchAt(NUMBER_LABEL, text, at);
  else if (c === 40) m = matchAt(PAREN_LABEL, text, at);
  else if (c >= 97 && c <= 122) m = findNear(text, at, 7, '.)') >= 0 ? matchAt(LOWER_LABEL, text, at) : null;
  else if (findNear(text, at, 20, ':.)') >= 0) {
    if (c === 80) m = matchAt(P_LABEL, text, at);
    if (!m) {
      m = matchAt(WORD_LABEL, text, at);
      // "DÉCIDE :" and "CONVENONS :" are operative headings, not labels.
      if (m && lemmaOf(m[1])?.known) m = null;
    }
    if (!m && c >= 65 && c <= 90) m = matchAt(UPPER_LABEL, text, at);
  }
  return m ? { label: m[1], end: at + m[0].length } : null;
}

/** The bullet and/or label at `from` (leading whitespace skipped), bounded by `to` (the line end). */
export function parseMarker(text: string, from: number, to: number = text.length): Marker {
  let at = skipSpaces(text, from, to);
  let bullet: string | null = null;
  // Two regex calls per line showed in the lint of a long draft: only after a bullet's first character.
  if (at < to && BULLET_STARTS.has(text.charCodeAt(at))) {
    const m = matchAt(TIGHT_BULLET, text, at) ?? matchAt(SPACED_BULLET, text, at);
    if (m) {
      bullet = m[0];
      at = skipSpaces(text, at + m[0].length, to);
    }
  }
  let label: string | null = null;
  if (at < to) {
    const l = labelAt(text, at);
    if (l && l.end <= to) {
      label = l.label;
      at = skipSpaces(text, l.end, to);
    }
  }
  return { bullet, label, bodyStart: at };
}
