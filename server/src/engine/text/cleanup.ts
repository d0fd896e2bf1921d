// Cleanup of text copied from PDFs and web pages, keeping for every clean character the offset in the
// original it came from.
//
// The clean text has ONE PARAGRAPH PER LINE: paragraphs are separated by a single "\n" and there is
// never a "\n" inside a paragraph, never an empty line, no leading or trailing white space. A
// paragraph is what the drafters wrote as one: a heading, a title line, a clause ("- Rappellent …",
// "P2A: Conscients …", "5. Nous reconnaissons …").
//
// What happens, in order:
//  1. Lines. CRLF, lone CR and LF all end a line. A YAML front matter block at the top is skipped.
//  2. Lines that are not text are dropped (each recorded as a Repair):
//     - noise lines: only symbols ("/", "*", "|", a lone bullet — the next line then starts a paragraph);
//     - duplicate lines: a line equal to the previous text line (web captions repeated by extraction);
//     - page furniture: page numbers ("12", "- 12 -", "Page 12 sur 40"), a document symbol with a page
//       number standing alone ("MC.DOC/1/20 2"), standalone lines repeated across the document with
//       only their edge numbers changing (running headers and footers), a short block after a page
//       break (four or more blank lines, or a form feed) that contains a number and is followed by
//       blank lines (the footer of seed 001, "Déclaration finale, 83ème session … 2014"), and a
//       footnote ("1 Comprend une correction …") standing after the end of a paragraph, before the
//       next clause.
//  3. Line joining. Between two text lines the break becomes:
//     - nothing, for an ordinal suffix alone on its line after a number ("83" + "ème" → "83ème");
//     - nothing, after end-of-line hyphenation: the hyphen is dropped for a split word
//       ("coopé-" + "ration") and kept for a compound ("celle-" + "ci", "post-" + "conflit"): see
//       joinHyphen();
//     - "\n" (new paragraph) before a clause start (bullet, "- " after a paragraph end, "1.", "a)",
//       "iv.", "P2A:", "INTRO :", "S." misread for 5), and before a line that starts a new sentence when
//       the previous line ended short of the wrapping width (a heading, a caption, a date line);
//     - " " otherwise (a hard wrap inside a sentence), also across blank lines and page breaks when
//       the sentence visibly goes on (previous line without final punctuation and a lower-case
//       continuation, or a previous line ending on "de", "la", "l’" …).
//  4. Inside a line: runs of spaces and tabs become one space (a run holding a no-break space becomes
//     that no-break space: NBSP and NNBSP are kept as the drafters typed them), soft hyphens and
//     zero-width characters are dropped, decomposed accents (NFD) are composed (NFC), PDF ligatures
//     (ﬁ, ﬂ …) are spelled out, other control characters are dropped.
//  5. The OCR repair table (ocr.ts) runs on the result.
//
// origin[k] is the original offset of clean character k; a space or "\n" put in place of a line break
// maps to that line break; origin[text.length] is the end of the last original line used.
import type { CleanText, Repair, Span } from '../types';
import { readFrontMatter } from './frontmatter';
import { findOcrEdits, isLetter } from './ocr';
import { codesToString } from './normalize';

const BLANK = 0;
const TEXT = 1;
const DROPPED = 2;

/** Flags on text lines. */
const F_FORCE_BREAK = 2; // a lone bullet stood before this line
const F_PAGE_BREAK = 4; // page furniture or a page break stood before this line

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 11 || c === 12 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x3000 || c === 0xfeff || c === 0x205f || c === 0x1680 || c === 0x2060 || c === 0x85 || c === 0x200c || c === 0x200d
  );
}
function isZeroWidth(c: number): boolean {
  return c === 0x200b || c === 0xfeff || c === 0x2060 || c === 0x200c || c === 0x200d;
}
/** Spaces kept as typed when they stand alone (French typography). */
function isKeptSpace(c: number): boolean {
  return c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}
/** Letter case of code units below 0x250: 1 lower, 2 upper, 0 neither. */
const CASE = new Uint8Array(0x250);
(function buildCase() {
  for (let c = 0; c < 0x250; c++) {
    if (!isLetter(c)) continue;
    const ch = String.fromCharCode(c);
    if (ch !== ch.toLowerCase()) CASE[c] = 2;
    else if (ch !== ch.toUpperCase() || c === 0xdf) CASE[c] = 1;
  }
})();
function isLowerLetter(c: number): boolean {
  if (c < 0x250) return CASE[c] === 1;
  if (!isLetter(c)) return false;
  const s = String.fromCharCode(c);
  return s === s.toLowerCase() && s !== s.toUpperCase();
}
function isUpperLetter(c: number): boolean {
  if (c < 0x250) return CASE[c] === 2;
  if (!isLetter(c)) return false;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase();
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const LIGATURES: Record<number, string> = { 0xfb00: 'ff', 0xfb01: 'fi', 0xfb02: 'fl', 0xfb03: 'ffi', 0xfb04: 'ffl', 0xfb05: 'st', 0xfb06: 'st' };

/** Characters a noise line is made of. */
const NOISE_CHARS = new Set('/\\|*_~•◦▪■□●○·►➢➤✓=+#-–—.…'.split('').map((ch) => ch.charCodeAt(0)));
const BULLET_CHARS = new Set('•◦▪■□●○·►➢➤✓*-–—'.split('').map((ch) => ch.charCodeAt(0)));

/** Ordinal suffixes a PDF extraction puts on their own line ("83" + "ème"). */
const SUPERSCRIPTS = new Set(['ème', 'eme', 'e', 'è', 'er', 'ère', 're', 'nd', 'nde', 'ᵉ', 'ᵉʳ', 'ʳᵉ', 'st', 'th']);

/** Page numbers and page labels standing alone on a line. */
const PAGE_LINE = /^(?:(?:page|p\.)\s*\d{1,4}(?:\s*(?:\/|sur|of|de)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}(?:\s*\/\s*\d{1,4})?|\[\d{1,4}\]|\d{1,4}\s*(?:\/|sur|of)\s*\d{1,4})$/i;
/** A document symbol followed by a page number ("MC.DOC/1/20 2"), only when it stands alone. */
const SYMBOL_PAGE_LINE = /^[A-Z][A-Z0-9.-]{0,15}\/[A-Za-z0-9./()-]{0,30}\s+\d{1,4}$/;
/** Headings that legitimately repeat with a changing number. */
const NUMBERED_HEADING = /^(?:article|chapitre|section|partie|annexe|titre|paragraphe|appendice|point|question|r[ée]solution|d[ée]cision|recommandation|p2?\d?)\b/i;

/** Clause starts; each alternative is bounded (sticky, no backtracking over long lines). */
const MARKER = new RegExp(
  '(?:' +
    '([•◦▪■□●○·►➢➤✓])' + // 1 bullet
    '|([-–—*])(?=[ \\t\\u00a0])' + // 2 dash bullet
    '|(\\(?\\d{1,3}(?:\\.\\d{1,3}){0,3}[.)]|\\(\\d{1,3}\\)|\\(?[a-z][.)]|\\([a-z]\\)|\\(?(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})[.)]|\\((?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})\\))(?=[ \\t\\u00a0])' + // 3 number / letter / roman
    '|([A-ZÀ-Ý][A-ZÀ-Ý0-9]{0,11}[ \\t\\u00a0]?:)(?=[ \\t\\u00a0\\r\\n]|$)' + // 4 label "P2A:", "INTRO :"
    '|(\\d{0,2}S\\.)(?=[ \\t\\u00a0]+\\p{Lu})' + // 5 "S." misread for 5
  ')',
  'uy',
);
const M_NONE = 0, M_BULLET = 1, M_DASH = 2, M_NUMBER = 3, M_LABEL = 4, M_S = 5;

/** Words a sentence cannot end on: a line ending with one goes on. */
const CONTINUING = new Set([
  'de', 'du', 'des', 'la', 'le', 'les', 'à', 'au', 'aux', 'et', 'ou', 'en', 'par', 'pour', 'sur', 'avec', 'dans', 'sous',
  'entre', 'contre', 'vers', 'chez', 'sans', 'selon', 'un', 'une', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur',
  'leurs', 'notre', 'nos', 'votre', 'vos', 'que', 'qui', 'dont', 'où', 'ni', 'mais', 'afin', 'lors', 'depuis', 'auprès',
  'comme', 'notamment', 'ainsi', 'tels', 'telles', 'tel', 'telle', 'the', 'of', 'and', 'l', 'd', 'qu', 'n', 's', 'jusqu',
]);

/** Second halves of compounds: "celle-ci", "peut-être", "garde-frontières". */
const COMPOUND_SECOND = new Set([
  'ci', 'là', 'la', 'même', 'mêmes', 'ce', 'il', 'ils', 'elle', 'elles', 'on', 't', 'être', 'je', 'tu', 'nous', 'vous',
  'y', 'en', 'le', 'les', 'lui', 'leur', 'leurs', 'moi', 'toi', 'soi', 'eux', 'dire', 'delà', 'dessus', 'dessous', 'deçà',
  'frontière', 'frontières', 'côte', 'côtes', 'clé', 'clés', 'type', 'types', 'cadre', 'cadres', 'pilote', 'pilotes',
  'conflit', 'conflits', 'verbal', 'verbaux', 'unis', 'unies', 'faire', 'midi', 'président', 'présidente', 'présidents',
  'présidence', 'ministre', 'ministres', 'général', 'générale', 'généraux', 'adjoint', 'adjointe', 'adjoints', 'à',
  'après', 'avant', 'bas', 'haut', 'dedans', 'dehors', 'uns', 'unes', 'militaire', 'militaires', 'économique',
  'économiques', 'africain', 'africaine', 'américain', 'américaine', 'européen', 'européenne', 'européens', 'terroriste',
  'terroristes', 'membre', 'membres', 'partie', 'parties', 'évaluation', 'évaluations',
]);
/** First halves of compounds: "post-conflit", "auto-évaluation", "politico-militaires". */
const COMPOUND_FIRST = new Set([
  'post', 'ex', 'vice', 'non', 'auto', 'sous', 'demi', 'semi', 'mi', 'quasi', 'anti', 'contre', 'néo', 'extra', 'ultra',
  'co', 'garde', 'porte', 'avant', 'arrière', 'après', 'franco', 'socio', 'politico', 'technico', 'arabo', 'euro', 'afro',
  'indo', 'sino', 'russo', 'germano', 'belgo', 'gréco', 'judéo', 'haut', 'haute', 'grand', 'grande', 'bien', 'mal', 'sans',
  'chef', 'sud', 'nord', 'est', 'ouest', 'centre', 'état', 'états', 'peut', 'au', 'ci', 'là', 'celle', 'celles', 'celui',
  'ceux', 'lui', 'elle', 'elles', 'eux', 'nous', 'vous', 'moi', 'toi', 'soi', 'va', 'a', 'dit', 'c’est', 'est', 'cyber',
  'inter', 'intra', 'trans', 'pré', 'pro', 'multi', 'pluri', 'infra', 'supra', 'micro', 'macro', 'para', 'pseudo', 'bi',
  'tri', 'mini', 'maxi', 'hors', 'outre', 'entre', 'mieux', 'moins', 'plus', 'court', 'long', 'moyen', 'premier', 'dernier',
]);

interface Lines {
  count: number;
  start: Int32Array; // first character
  end: Int32Array; // line terminator (or end of text)
  ts: Int32Array; // trimmed start
  te: Int32Array; // trimmed end
  kind: Uint8Array;
  flags: Uint8Array;
  /** Clause marker type per line, 255 until asked. */
  marker: Uint8Array;
}

function splitLines(s: string, from: number): Lines {
  let estimate = 1;
  for (let i = s.indexOf('\n', from); i >= 0; i = s.indexOf('\n', i + 1)) estimate++;
  for (let i = s.indexOf('\r', from); i >= 0; i = s.indexOf('\r', i + 1)) estimate++;
  const L: Lines = {
    count: 0, start: new Int32Array(estimate), end: new Int32Array(estimate), ts: new Int32Array(estimate),
    te: new Int32Array(estimate), kind: new Uint8Array(estimate), flags: new Uint8Array(estimate),
    marker: new Uint8Array(estimate).fill(255),
  };
  const n = s.length;
  const hasCR = s.indexOf('\r', from) >= 0;
  let pos = from;
  while (pos <= n) {
    let end: number;
    if (!hasCR) {
      end = s.indexOf('\n', pos);
      if (end < 0) end = n;
    } else {
      end = pos;
      while (end < n) {
        const c = s.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
    }
    let ts = pos;
    while (ts < end && isSpaceCode(s.charCodeAt(ts))) ts++;
    let te = end;
    while (te > ts && isSpaceCode(s.charCodeAt(te - 1))) te--;
    // Other control characters (NUL excepted by decode) count as blank too.
    let hasText = false;
    for (let k = ts; k < te; k++) {
      if (s.charCodeAt(k) >= 32) { hasText = true; break; }
    }
    const k = L.count++;
    L.start[k] = pos;
    L.end[k] = end;
    L.ts[k] = ts;
    L.te[k] = te;
    L.kind[k] = hasText ? TEXT : BLANK;
    if (end >= n) break;
    pos = end + (s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (pos === n) break; // a final line break does not open an empty line
  }
  return L;
}

export function cleanup(original: string): CleanText {
  const repairs: Repair[] = [];
  const front = readFrontMatter(original);
  if (front.bodyStart > 0) {
    repairs.push({ kind: 'header', span: { start: 0, end: front.bodyStart }, from: original.slice(0, front.bodyStart), to: '' });
  }
  const lines = splitLines(original, front.bodyStart);
  dropNonText(original, lines, repairs);
  const first = assemble(original, lines, repairs);
  const edits = findOcrEdits(first.text);
  let result: CleanText;
  if (edits.length === 0) result = { text: first.text, origin: first.origin, repairs };
  else result = applyEdits(original, first.text, first.origin, edits, repairs);
  repairs.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return result;
}

/** Original span of the clean span [cleanStart, cleanEnd). */
export function originalSpan(clean: CleanText, cleanStart: number, cleanEnd: number, original?: string): Span {
  const start = clean.origin[cleanStart];
  if (cleanEnd <= cleanStart) return { start, end: start };
  let end = clean.origin[cleanEnd - 1] + 1;
  // A composed character (é from e + U+0301) takes its combining marks along.
  if (original) while (end < original.length && original.charCodeAt(end) >= 0x300 && original.charCodeAt(end) <= 0x36f) end++;
  return { start, end: Math.max(end, start) };
}

// ---------------------------------------------------------------------------------------------
// Step 2: lines that are not text

function lineText(s: string, L: Lines, i: number): string {
  return s.slice(L.ts[i], L.te[i]);
}

function drop(s: string, L: Lines, i: number, kind: Repair['kind'], repairs: Repair[]): void {
  if (L.kind[i] !== TEXT) return;
  L.kind[i] = DROPPED;
  repairs.push({ kind, span: { start: L.ts[i], end: L.te[i] }, from: lineText(s, L, i), to: '' });
}

function prevText(L: Lines, i: number): number {
  for (let k = i - 1; k >= 0; k--) if (L.kind[k] === TEXT) return k;
  return -1;
}
function nextText(L: Lines, i: number): number {
  for (let k = i + 1; k < L.count; k++) if (L.kind[k] === TEXT) return k;
  return -1;
}
function isBlankAt(L: Lines, i: number): boolean {
  return i < 0 || i >= L.count || L.kind[i] === BLANK;
}

/** Characters a clause marker can start with (the regex is not tried on other lines). */
function canStartMarker(c: number): boolean {
  return (c >= 0x28 && c <= 0x2d) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0xdd) || c === 0xb7 || c === 0x2013 || c === 0x2014 || c === 0x2022 || c === 0x25e6 ||
    c === 0x25aa || c === 0x25a0 || c === 0x25a1 || c === 0x25cf || c === 0x25cb || c === 0x25ba || c === 0x27a2 ||
    c === 0x27a4 || c === 0x2713;
}

/** Marker of line i (cached per line: several steps ask). */
function lineMarker(s: string, L: Lines, i: number): number {
  let t = L.marker[i];
  if (t === 255) {
    t = markerAt(s, L.ts[i], L.te[i]).type;
    L.marker[i] = t;
  }
  return t;
}

function markerAt(s: string, pos: number, end: number): { type: number; length: number } {
  if (!canStartMarker(s.charCodeAt(pos))) return { type: M_NONE, length: 0 };
  MARKER.lastIndex = pos;
  const m = MARKER.exec(s);
  if (!m || pos + m[0].length > end) return { type: M_NONE, length: 0 };
  const type = m[1] ? M_BULLET : m[2] ? M_DASH : m[3] ? M_NUMBER : m[4] ? M_LABEL : M_S;
  return { type, length: m[0].length };
}

/** Last character of the line that is not a closing quote, bracket or space. */
function lastVisible(s: string, L: Lines, i: number): number {
  for (let k = L.te[i] - 1; k >= L.ts[i]; k--) {
    const c = s.charCodeAt(k);
    if (c === 0xbb || c === 0x201d || c === 0x2019 || c === 0x22 || c === 0x29 || c === 0x5d || isSpaceCode(c)) continue;
    return c;
  }
  return -1;
}

/** True when the line's last visible character ends a sentence or a heading (. ; : ! ?). */
function endsTerminal(s: string, L: Lines, i: number): boolean {
  // Closing quotes and brackets, and the spaces before them, do not decide.
  const c = lastVisible(s, L, i);
  return c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 0x2026;
}

function isFootnoteStart(s: string, L: Lines, i: number): boolean {
  const ts = L.ts[i];
  let k = ts;
  while (k < L.te[i] && k - ts < 2 && isDigit(s.charCodeAt(k))) k++;
  if (k === ts || k - ts > 2 || s.charCodeAt(k) !== 32) return false;
  k++;
  return isUpperLetter(s.charCodeAt(k)) && isLowerLetter(s.charCodeAt(k + 1));
}

function dropNonText(s: string, L: Lines, repairs: Repair[]): void {
  const n = L.count;
  // Noise lines, ordinal suffixes, duplicates and page numbers: one pass.
  let lastText = -1;
  for (let i = 0; i < n; i++) {
    if (L.kind[i] !== TEXT) continue;
    const ts = L.ts[i];
    const te = L.te[i];
    const len = te - ts;
    if (len <= 10) {
      let noise = true;
      for (let k = ts; k < te && noise; k++) {
        const c = s.charCodeAt(k);
        if (!NOISE_CHARS.has(c) && !isSpaceCode(c)) noise = false;
      }
      if (noise) {
        const bullet = len === 1 && BULLET_CHARS.has(s.charCodeAt(ts));
        drop(s, L, i, 'noise-line', repairs);
        if (bullet) {
          const next = nextText(L, i);
          if (next >= 0) L.flags[next] |= F_FORCE_BREAK;
        }
        continue;
      }
    }
    if (lastText >= 0 && L.te[lastText] - L.ts[lastText] === len && len >= 2 && s.charCodeAt(L.ts[lastText]) === s.charCodeAt(ts) &&
      s.startsWith(lineText(s, L, lastText), ts)) {
      drop(s, L, i, 'duplicate-line', repairs);
      continue;
    }
    if (len <= 30) {
      const t = lineText(s, L, i);
      // Page furniture stands apart: a blank line on at least one side ("COVID-" + "19" is a word).
      const apart = (i > 0 && L.kind[i - 1] === BLANK) || (i + 1 < L.count && L.kind[i + 1] === BLANK);
      if ((PAGE_LINE.test(t) && apart) || (SYMBOL_PAGE_LINE.test(t) && isBlankAt(L, i - 1) && isBlankAt(L, i + 1))) {
        drop(s, L, i, 'header', repairs);
        const next = nextText(L, i);
        if (next >= 0) L.flags[next] |= F_PAGE_BREAK;
        continue;
      }
    }
    lastText = i;
  }
  dropRunningLines(s, L, repairs);
  dropPageBreakBlocks(s, L, repairs);
  dropFootnotes(s, L, repairs);
}

/** Standalone short lines repeated across the document, alike but for a number at their edge. */
function dropRunningLines(s: string, L: Lines, repairs: Repair[]): void {
  const groups = new Map<string, number[]>();
  let textSeen = 0;
  const firstLines = new Set<number>();
  for (let i = 0; i < L.count; i++) {
    if (L.kind[i] !== TEXT) continue;
    if (textSeen++ < 5) firstLines.add(i);
    const len = L.te[i] - L.ts[i];
    if (len > 100 || !isBlankAt(L, i - 1) || !isBlankAt(L, i + 1)) continue;
    if (endsTerminal(s, L, i) || s.charCodeAt(L.te[i] - 1) === 44) continue;
    if (lineMarker(s, L, i) !== M_NONE) continue;
    const t = lineText(s, L, i);
    if (NUMBERED_HEADING.test(t)) continue;
    const key = t.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const title = firstLines.size > 0 ? Math.min(...firstLines) : -1;
  const titleKey = title >= 0 && L.te[title] - L.ts[title] <= 100 ? lineText(s, L, title).toLowerCase().replace(/\s+/g, ' ') : null;
  for (const [key, where] of groups) {
    if (where.length < 2) continue;
    if (key.includes('#')) {
      // Page numbers sit at an edge ("MC.DOC/1/20 2", "2 Déclaration finale") and grow page by page;
      // "Dialogue de mai 2020" … "Dialogue de mars 2016" are headings, not furniture.
      const atEnd = key.endsWith('#');
      if (!atEnd && !key.startsWith('#')) continue;
      let growing = true;
      let previous = -1;
      for (const i of where) {
        const m = atEnd ? /(\d+)\D*$/.exec(lineText(s, L, i)) : /^\D*(\d+)/.exec(lineText(s, L, i));
        const page = m ? +m[1] : -1;
        if (page < 0 || (previous >= 0 && (page <= previous || page - previous > 3))) growing = false;
        previous = page;
      }
      if (!growing) continue;
    } else if (key !== titleKey) continue; // only the title repeats word for word as a running header
    for (const i of where) {
      if (i === where[0] && firstLines.has(i)) continue; // the title itself
      drop(s, L, i, 'header', repairs);
      const next = nextText(L, i);
      if (next >= 0) L.flags[next] |= F_PAGE_BREAK;
    }
  }
}

/** A short block with a number after a page break, followed by blank lines: a page footer or header. */
function dropPageBreakBlocks(s: string, L: Lines, repairs: Repair[]): void {
  let blanks = 0;
  let seenText = false;
  for (let i = 0; i < L.count; i++) {
    if (L.kind[i] === BLANK) {
      blanks += s.indexOf('\f', L.start[i]) >= 0 && s.indexOf('\f', L.start[i]) < L.end[i] ? 4 : 1;
      continue;
    }
    if (L.kind[i] === DROPPED) continue;
    if (blanks >= 4 && seenText) {
      // Collect the block: text lines with at most single blank lines between them.
      const block: number[] = [];
      let chars = 0;
      let k = i;
      let gap = 0;
      for (; k < L.count; k++) {
        if (L.kind[k] === BLANK) {
          if (++gap >= 2) break;
          continue;
        }
        if (L.kind[k] === DROPPED) continue;
        if (gap > 0 && block.length > 0 && lineMarker(s, L, k) !== M_NONE) break;
        gap = 0;
        block.push(k);
        chars += L.te[k] - L.ts[k];
        if (block.length > 4 || chars > 250) break;
      }
      const closedByBlanks = gap >= 2 && nextText(L, k) >= 0;
      const last = block[block.length - 1];
      if (closedByBlanks && block.length <= 4 && chars <= 250 && lineMarker(s, L, i) === M_NONE &&
        s.charCodeAt(L.te[last] - 1) !== 58 && block.some((b) => /\d/.test(lineText(s, L, b)))) {
        for (const b of block) drop(s, L, b, 'header', repairs);
        const next = nextText(L, last);
        if (next >= 0) L.flags[next] |= F_PAGE_BREAK;
        blanks = 0;
        i = k;
        continue;
      }
    }
    blanks = 0;
    seenText = true;
  }
}

/** "1 Comprend une correction …": a numbered note after a paragraph end, before the next clause. */
function dropFootnotes(s: string, L: Lines, repairs: Repair[]): void {
  for (let i = 1; i < L.count; i++) {
    if (L.kind[i] !== TEXT || !isBlankAt(L, i - 1) || !isFootnoteStart(s, L, i)) continue;
    const before = prevText(L, i);
    if (before < 0 || !endsTerminal(s, L, before)) continue;
    const block = [i];
    let chars = L.te[i] - L.ts[i];
    let k = i + 1;
    while (k < L.count && L.kind[k] === TEXT && lineMarker(s, L, k) === M_NONE && block.length < 4) {
      block.push(k);
      chars += L.te[k] - L.ts[k];
      k++;
    }
    if (chars > 400) continue;
    const after = nextText(L, block[block.length - 1]);
    if (after >= 0 && lineMarker(s, L, after) === M_NONE) continue;
    for (const b of block) drop(s, L, b, 'header', repairs);
    if (after >= 0) L.flags[after] |= F_PAGE_BREAK;
    i = k;
  }
}

// ---------------------------------------------------------------------------------------------
// Step 3 and 4: joining lines, cleaning inside lines

/**
 * The clean text being built: whole slices of the original for lines that need no change (most of
 * them), single code units for the rest; origins alongside.
 */
class Out {
  parts: string[] = [];
  /** Code units not yet turned into a part. */
  codes = new Uint16Array(256);
  pending = 0;
  origin: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.origin = new Int32Array(Math.max(16, capacity) + 1);
  }
  private room(n: number): void {
    if (this.length + n < this.origin.length) return;
    let size = this.origin.length * 2;
    while (size <= this.length + n) size *= 2;
    const origin = new Int32Array(size);
    origin.set(this.origin);
    this.origin = origin;
  }
  push(c: number, o: number): void {
    this.room(1);
    if (this.pending === this.codes.length) {
      const codes = new Uint16Array(this.codes.length * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[this.pending++] = c;
    this.origin[this.length++] = o;
  }
  /** original[from, to) as is. */
  slice(s: string, from: number, to: number): void {
    this.flush();
    this.room(to - from);
    this.parts.push(s.slice(from, to));
    const origin = this.origin;
    let k = this.length;
    for (let i = from; i < to; i++) origin[k++] = i;
    this.length = k;
  }
  flush(): void {
    if (this.pending === 0) return;
    this.parts.push(codesToString(this.codes, this.pending));
    this.pending = 0;
  }
  /** The last code unit written within the current line's pending codes, or -1. */
  lastPending(): number {
    return this.pending > 0 ? this.codes[this.pending - 1] : -1;
  }
  replaceLastPending(c: number): void {
    this.codes[this.pending - 1] = c;
  }
  pop(): void {
    if (this.length === 0) return;
    this.length--;
    if (this.pending > 0) {
      this.pending--;
      return;
    }
    const last = this.parts.length - 1;
    this.parts[last] = this.parts[last].slice(0, -1);
  }
  text(): string {
    this.flush();
    return this.parts.join('');
  }
}

/** Length of an ordinal suffix ("ème", "er", "e" …) standing as a whole word at the line start, else 0. */
function ordinalSuffixAt(s: string, ts: number, te: number): number {
  let k = ts;
  while (k < te && k - ts < 4 && isLetter(s.charCodeAt(k))) k++;
  if (k === ts || (k < te && isLetter(s.charCodeAt(k)))) return 0;
  return SUPERSCRIPTS.has(s.slice(ts, k)) ? k - ts : 0;
}

/** Length of the first word of a line (for the "would it have fitted" test). */
function firstWordLength(s: string, from: number, to: number): number {
  let k = from;
  while (k < to && !isSpaceCode(s.charCodeAt(k))) k++;
  return k - from;
}

/** First letter or digit of the line, skipping opening quotes and brackets. */
function firstSignificant(s: string, from: number, to: number): number {
  for (let k = from; k < to && k < from + 4; k++) {
    const c = s.charCodeAt(k);
    if (isLetter(c) || isDigit(c)) return c;
    if (!(c === 0xab || c === 0x201c || c === 0x22 || c === 0x28 || c === 0x5b || c === 0x2018 || c === 0x27 || isSpaceCode(c))) return c;
  }
  return -1;
}

/** Last word of the line, lower case ("l" for a line ending "l’"). */
function lastWord(s: string, L: Lines, i: number): string {
  let e = L.te[i];
  const c = s.charCodeAt(e - 1);
  if (c === 0x2019 || c === 0x27) e--;
  let b = e;
  while (b > L.ts[i] && isLetter(s.charCodeAt(b - 1))) b--;
  return s.slice(b, e).toLowerCase();
}

function allCaps(s: string, from: number, to: number): boolean {
  let letters = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (isLowerLetter(c)) return false;
    if (isLetter(c)) letters++;
  }
  return letters >= 3;
}

/** Typical wrapping width: 90th percentile of lines that visibly wrap (next line goes on in lower case). */
function wrapWidth(s: string, L: Lines): number {
  const widths: number[] = [];
  for (let i = 0; i + 1 < L.count; i++) {
    if (L.kind[i] !== TEXT || L.kind[i + 1] !== TEXT) continue;
    const c = s.charCodeAt(L.ts[i + 1]);
    if (isLowerLetter(c)) widths.push(L.te[i] - L.ts[i]);
    if (widths.length >= 2000) break;
  }
  if (widths.length === 0) return Infinity;
  widths.sort((a, b) => a - b);
  return widths[Math.floor(widths.length * 0.9)];
}

let wordSetCache: { text: string; words: Set<string> } | null = null;
function documentWords(s: string): Set<string> {
  if (wordSetCache && wordSetCache.text === s) return wordSetCache.words;
  const words = new Set<string>();
  const re = /\p{L}+(?:-\p{L}+)*/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) words.add(m[0].toLowerCase());
  wordSetCache = { text: s, words };
  return words;
}

/**
 * Keep the hyphen of "a-" + "b…" at a line end? Yes when b starts with a capital or a digit
 * ("Asie-Pacifique", "COVID-19"), when the document writes "a-b" elsewhere, or when a or b is a usual
 * compound half ("celle-ci", "post-conflit", "peut-être"); no when the document writes "ab" elsewhere
 * or neither half is known (a word split by the typesetter: "coopé-ration").
 */
export function keepHyphen(s: string, a: string, b: string, bFirst: number): boolean {
  if (!isLowerLetter(bFirst)) return true;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === '' || lb === '') return true;
  const words = documentWords(s);
  if (words.has(`${la}-${lb}`)) return true;
  if (words.has(la + lb)) return false;
  if (COMPOUND_SECOND.has(lb) || COMPOUND_FIRST.has(la)) return true;
  return false;
}

function assemble(s: string, L: Lines, repairs: Repair[]): { text: string; origin: Int32Array } {
  const out = new Out(s.length + 16);
  const W = wrapWidth(s, L);
  let prev = -1; // previous emitted line
  let blankSince = false;
  let pageSince = false;
  let lastEnd = 0;
  for (let i = 0; i < L.count; i++) {
    const kind = L.kind[i];
    if (kind === BLANK) {
      if (prev >= 0) blankSince = true;
      continue;
    }
    if (kind === DROPPED) continue;
    const ts = L.ts[i];
    const te = L.te[i];
    if (L.flags[i] & F_PAGE_BREAK) pageSince = true;
    if (prev >= 0) {
      const brk = L.end[prev]; // the line break the separator replaces
      const first = s.charCodeAt(ts);
      const pLast = s.charCodeAt(L.te[prev] - 1);
      const marker = lineMarker(s, L, i);
      const suffix = isDigit(pLast) ? ordinalSuffixAt(s, ts, te) : 0;
      if (suffix > 0) {
        repairs.push({ kind: 'superscript', span: { start: L.te[prev], end: ts + suffix }, from: s.slice(L.te[prev], ts + suffix), to: s.slice(ts, ts + suffix) });
      } else if ((pLast === 0x2d || pLast === 0x2010 || pLast === 0xad) && isLetter(s.charCodeAt(L.te[prev] - 2)) &&
        marker === M_NONE && (isLetter(first) || isDigit(first))) {
        // End-of-line hyphenation.
        let b = ts;
        while (b < te && isLetter(s.charCodeAt(b))) b++;
        let a = L.te[prev] - 1;
        while (a > L.ts[prev] && isLetter(s.charCodeAt(a - 1))) a--;
        const partA = s.slice(a, L.te[prev] - 1);
        const partB = s.slice(ts, b);
        if (pLast === 0xad || !keepHyphen(s, partA, partB, first)) {
          if (pLast !== 0xad) out.pop(); // the emitted hyphen
          repairs.push({ kind: 'hyphenation', span: { start: L.te[prev] - 1, end: ts }, from: s.slice(L.te[prev] - 1, ts), to: '' });
        }
      } else if (startsParagraph(s, L, prev, i, marker, blankSince, pageSince, W)) {
        out.push(10, brk);
      } else {
        out.push(32, brk);
      }
    }
    emitLine(s, ts, te, out);
    lastEnd = te;
    prev = i;
    blankSince = false;
    pageSince = false;
  }
  const n = out.length;
  const text = out.text();
  const origin = out.origin.length === n + 1 ? out.origin : out.origin.subarray(0, n + 1);
  origin[n] = n > 0 ? Math.max(lastEnd, out.origin[n - 1] + 1) : lastEnd;
  return { text, origin };
}

function startsParagraph(s: string, L: Lines, p: number, i: number, marker: number, blank: boolean, page: boolean, W: number): boolean {
  const ts = L.ts[i];
  const te = L.te[i];
  if (L.flags[i] & F_FORCE_BREAK) return true;
  if (marker === M_BULLET || marker === M_LABEL) return true;
  const terminal = endsTerminal(s, L, p);
  if (marker !== M_NONE) {
    if (blank || page || terminal) return true;
    const m = markerAt(s, ts, te);
    let k = ts + m.length;
    while (k < te && isSpaceCode(s.charCodeAt(k))) k++;
    const after = firstSignificant(s, k, te);
    if (marker === M_S) return false;
    // "- une carte unique du crime –" wrapped before the dash, "5) et" wrapped before a reference.
    return !isLowerLetter(after);
  }
  const c = firstSignificant(s, ts, te);
  const lower = isLowerLetter(c);
  const continuing = !terminal && CONTINUING.has(lastWord(s, L, p));
  const pLen = L.te[p] - L.ts[p];
  const wanted = pLen + 1 + firstWordLength(s, ts, te);
  const long = W !== Infinity && wanted >= W * 0.8;
  // The next word would not have fitted on the previous line at all.
  const full = W !== Infinity && wanted > W;
  if (blank || page) {
    // Across a blank line only a bare lower-case letter continues: "(adoptée par …)" under a title does not.
    if (isLowerLetter(s.charCodeAt(ts)) && !terminal) return false;
    if (continuing) return false;
    // A paragraph's last line is usually short: a full line before a page break goes on after it.
    // (A clause ends with ";" or ":", a sentence inside a paragraph with "." only.)
    if (page && (terminal ? full && lastVisible(s, L, p) === 46 : long)) return false;
    return true;
  }
  if (lower) return terminal && !long;
  if (continuing) return false;
  if (long && !terminal) return false;
  if (long && terminal) return false;
  if (!terminal && allCaps(s, L.ts[p], L.te[p]) && allCaps(s, ts, te)) return false;
  return true;
}

/** True when the line can be copied as is: printable, single spaces, nothing to drop or compose. */
function plainLine(s: string, from: number, to: number): boolean {
  let prevSpace = false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x21 && c < 0x7f) {
      prevSpace = false;
      continue;
    }
    if (c === 32 || c === 0xa0 || c === 0x202f) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c > 0xa0 && c < 0x300 && c !== 0xad) continue; // Latin letters
    if (c >= 0x2010 && c <= 0x2027 && c !== 0x200b) continue; // dashes, quotes, bullets
    if (c >= 0x370 && c < 0xd800) {
      if (c >= 0x2000 && c <= 0x206f && (c <= 0x200f || c === 0x2028 || c === 0x2029 || c >= 0x205f)) return false;
      if (c === 0x3000 || c === 0xfeff) return false;
      continue;
    }
    return false;
  }
  return true;
}

function emitLine(s: string, from: number, to: number, out: Out): void {
  if (plainLine(s, from, to)) {
    out.slice(s, from, to);
    return;
  }
  let runStart = -1;
  let runLength = 0;
  let keptSpace = -1;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80 && c >= 0x21) {
      if (runStart >= 0) {
        flushSpace(s, runStart, runLength, keptSpace, out);
        runStart = -1;
      }
      out.push(c, k);
      continue;
    }
    if (isSpaceCode(c)) {
      if (isZeroWidth(c)) continue;
      if (runStart < 0) {
        runStart = k;
        runLength = 0;
        keptSpace = -1;
      }
      runLength++;
      if (keptSpace < 0 && isKeptSpace(c) && c !== 0x2009) keptSpace = k;
      continue;
    }
    if (c === 0xad || c < 0x20 || c === 0x7f) continue;
    if (runStart >= 0) {
      flushSpace(s, runStart, runLength, keptSpace, out);
      runStart = -1;
    }
    if (c >= 0x300 && c <= 0x36f && out.lastPending() >= 0) {
      const composed = (String.fromCharCode(out.lastPending()) + String.fromCharCode(c)).normalize('NFC');
      if (composed.length === 1) {
        out.replaceLastPending(composed.charCodeAt(0));
        continue;
      }
    }
    const lig = c >= 0xfb00 && c <= 0xfb06 ? LIGATURES[c] : undefined;
    if (lig) {
      for (let j = 0; j < lig.length; j++) out.push(lig.charCodeAt(j), k);
      continue;
    }
    out.push(c, k);
  }
}

function flushSpace(s: string, runStart: number, runLength: number, keptSpace: number, out: Out): void {
  if (runLength === 1) {
    const c = s.charCodeAt(runStart);
    out.push(isKeptSpace(c) ? c : 32, runStart);
  } else if (keptSpace >= 0) out.push(s.charCodeAt(keptSpace), keptSpace);
  else out.push(32, runStart);
}

// ---------------------------------------------------------------------------------------------
// Step 5: OCR edits with their origins

function applyEdits(
  original: string, text: string, origin: Int32Array, edits: ReturnType<typeof findOcrEdits>, repairs: Repair[],
): CleanText {
  let growth = 0;
  for (const e of edits) growth += e.to.length - (e.end - e.start);
  const n = text.length + growth;
  const newOrigin = new Int32Array(n + 1);
  const parts: string[] = [];
  let from = 0;
  let o = 0;
  for (const e of edits) {
    parts.push(text.slice(from, e.start));
    newOrigin.set(origin.subarray(from, e.start), o);
    o += e.start - from;
    // Align the replacement on the replaced text: common prefix and suffix keep their origins,
    // the rest maps to the first replaced character (or, for an insertion, to the next one).
    const old = text.slice(e.start, e.end);
    const to = e.to;
    let pre = 0;
    while (pre < old.length && pre < to.length && old[pre] === to[pre]) pre++;
    let suf = 0;
    while (suf < old.length - pre && suf < to.length - pre && old[old.length - 1 - suf] === to[to.length - 1 - suf]) suf++;
    for (let k = 0; k < to.length; k++) {
      let src: number;
      if (k < pre) src = e.start + k;
      else if (k >= to.length - suf) src = e.end - (to.length - k);
      else src = Math.min(e.start + pre, Math.max(e.start, e.end - 1));
      newOrigin[o + k] = src < text.length ? origin[src] : origin[text.length];
    }
    parts.push(to);
    o += to.length;
    from = e.end;
    const start = origin[e.start];
    const end = e.end > e.start ? origin[e.end - 1] + 1 : start;
    repairs.push({ kind: e.kind, span: { start, end }, from: original.slice(start, end), to });
  }
  parts.push(text.slice(from));
  newOrigin.set(origin.subarray(from, text.length), o);
  o += text.length - from;
  newOrigin[o] = origin[text.length];
  return { text: parts.join(''), origin: newOrigin, repairs };
}
