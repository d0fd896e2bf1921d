// Folding for matching ONLY: what the drafter typed and what the precedents say are compared after
// fold(); what the tool shows or inserts is always the text as written.
//
// fold(s):
//   - lower case;
//   - accents stripped (é→e, ç→c, Ł→l …), combining marks (NFD input) dropped;
//   - ligatures expanded: œ→oe, æ→ae, ß→ss, ĳ→ij, PDF ligatures ﬁ→fi, ﬂ→fl …;
//   - apostrophes and look-alikes ’ ‘ ʼ ‛ ′ ` ´ → ' ;
//   - quotation marks « » “ ” „ ‟ ″ → " (kept as one character, not dropped, so a quote still
//     separates words and folded offsets stay close to the original ones);
//   - hyphens and dashes ‐ ‑ ‒ – — ― − → - ;
//   - every kind of white space (NBSP, NNBSP, thin spaces, tabs, line breaks) → one space; runs of
//     white space collapse to one space; leading and trailing white space is trimmed;
//   - zero-width characters and the soft hyphen are dropped.
// A string that is already folded (plain lower-case ASCII words separated by single spaces) is
// returned as is, without allocation: fold() runs over the whole corpus, mostly on such strings.
import { runtimeDecoder } from './runtime';

const WS = -1;
const DROP = -2;

/** For code units below TABLE_SIZE: the folded code unit, WS, DROP, or an index into PAIRS (< -2). */
const TABLE_SIZE = 0x250;
const TABLE = new Int32Array(TABLE_SIZE);
/** Two-character expansions (œ → oe); TABLE holds -(3 + index). */
const PAIRS: string[] = [];

function pairCode(expansion: string): number {
  let i = PAIRS.indexOf(expansion);
  if (i < 0) {
    i = PAIRS.length;
    PAIRS.push(expansion);
  }
  return -(3 + i);
}

function foldOne(ch: string): string {
  // NFD then drop combining marks: é → e, Ł stays Ł (no decomposition) and is handled below.
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return base;
}

(function buildTable() {
  for (let c = 0; c < TABLE_SIZE; c++) {
    const f = foldOne(String.fromCharCode(c));
    TABLE[c] = f.length === 1 ? f.charCodeAt(0) : f.length === 0 ? DROP : pairCode(f);
  }
  const set = (ch: string, to: string) => {
    const c = ch.charCodeAt(0);
    TABLE[c] = to.length === 1 ? to.charCodeAt(0) : to.length === 0 ? DROP : pairCode(to);
  };
  for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x85]) TABLE[c] = WS;
  // Letters without a canonical decomposition.
  set('Œ', 'oe'); set('œ', 'oe'); set('Æ', 'ae'); set('æ', 'ae'); set('ß', 'ss'); set('Ĳ', 'ij'); set('ĳ', 'ij');
  set('Ø', 'o'); set('ø', 'o'); set('Ł', 'l'); set('ł', 'l'); set('Đ', 'd'); set('đ', 'd'); set('Ħ', 'h');
  set('ħ', 'h'); set('ı', 'i'); set('Ŀ', 'l'); set('ŀ', 'l'); set('Ŧ', 't'); set('ŧ', 't'); set('Ð', 'd');
  set('ð', 'd'); set('Þ', 'th'); set('þ', 'th'); set('ſ', 's'); set('Ŋ', 'n'); set('ŋ', 'n');
  set('`', "'"); set('\u00b4', "'");
  set('\u00ab', '"'); set('\u00bb', '"');
  set('\u00ad', '');
})();

/** Folding of code units at or above TABLE_SIZE that matter in French texts. */
const HIGH = new Map<number, number>();
(function buildHigh() {
  for (let c = 0x300; c <= 0x36f; c++) HIGH.set(c, DROP);
  for (const c of [0x2018, 0x2019, 0x201b, 0x02bc, 0x02b9, 0x2032]) HIGH.set(c, 0x27);
  for (const c of [0x201c, 0x201d, 0x201e, 0x201f, 0x2033]) HIGH.set(c, 0x22);
  for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]) HIGH.set(c, 0x2d);
  for (let c = 0x2000; c <= 0x200a; c++) HIGH.set(c, WS);
  for (const c of [0x202f, 0x205f, 0x3000, 0x2028, 0x2029, 0x1680]) HIGH.set(c, WS);
  for (const c of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) HIGH.set(c, DROP);
  const lig: Array<[number, string]> = [[0xfb00, 'ff'], [0xfb01, 'fi'], [0xfb02, 'fl'], [0xfb03, 'ffi'], [0xfb04, 'ffl'], [0xfb05, 'st'], [0xfb06, 'st']];
  for (const [c, s] of lig) HIGH.set(c, pairCode(s));
})();

/** Folded code (or WS/DROP/pair) of one code unit. */
function foldCode(c: number): number {
  if (c < TABLE_SIZE) return TABLE[c];
  const h = HIGH.get(c);
  if (h !== undefined) return h;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  const low = String.fromCharCode(c).toLowerCase();
  return low.length === 1 ? low.charCodeAt(0) : c;
}

// Scratch buffers reused across calls (fold is called millions of times on short strings).
let buf = new Uint16Array(1024);
let map = new Int32Array(1024);

function ensure(n: number): void {
  if (buf.length >= n) return;
  let size = buf.length;
  while (size < n) size *= 2;
  buf = new Uint16Array(size);
  map = new Int32Array(size);
}

const CHUNK = 8192;

/**
 * The runtime's UTF-16LE decoder, on a little-endian machine (the code units' bytes are then
 * UTF-16LE): it makes a 20-page text's string in a quarter of the time of fromCharCode in chunks.
 * ignoreBOM: a U+FEFF at the start is text to keep, not a byte order mark to drop.
 */
const nativeUtf16 = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? runtimeDecoder('utf-16le', { ignoreBOM: true }) : null;

/** Above this many code units the native decoder is worth its call. */
const NATIVE_FROM = 1024;

/** String from the first n code units of a Uint16Array, in chunks (no per-character concatenation). */
export function codesToString(codes: Uint16Array, n: number): string {
  if (n >= NATIVE_FROM && nativeUtf16) {
    // The decoder would turn a lone surrogate into U+FFFD: any surrogate and the text goes the other way.
    let surrogate = false;
    for (let i = 0; i < n; i++) {
      if ((codes[i] & 0xf800) === 0xd800) {
        surrogate = true;
        break;
      }
    }
    if (!surrogate) return nativeUtf16.decode(codes.subarray(0, n));
  }
  if (n <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < n; i += CHUNK) {
    // apply() takes any array-like; a typed array avoids copying into a JS array.
    parts.push(String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/** True when fold(s) === s: lower-case ASCII without double, leading or trailing white space. */
function alreadyFolded(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c >= 0x7f || c < 0x20 || (c >= 65 && c <= 90) || c === 0x60) return false;
  }
  return true;
}

/** Core loop shared by fold and foldWithMap; fills buf (and map when withMap) and returns the length. */
function foldInto(s: string, withMap: boolean): number {
  const n = s.length;
  ensure(n * 3 + 1);
  let out = 0;
  let pendingSpace = -1; // source index of the white-space run waiting to be written
  for (let i = 0; i < n; i++) {
    const f = foldCode(s.charCodeAt(i));
    if (f >= 0) {
      if (pendingSpace >= 0) {
        if (out > 0) {
          buf[out] = 32;
          if (withMap) map[out] = pendingSpace;
          out++;
        }
        pendingSpace = -1;
      }
      buf[out] = f;
      if (withMap) map[out] = i;
      out++;
    } else if (f === WS) {
      if (pendingSpace < 0) pendingSpace = i;
    } else if (f === DROP) {
      continue;
    } else {
      if (pendingSpace >= 0) {
        if (out > 0) {
          buf[out] = 32;
          if (withMap) map[out] = pendingSpace;
          out++;
        }
        pendingSpace = -1;
      }
      const pair = PAIRS[-f - 3];
      for (let k = 0; k < pair.length; k++) {
        buf[out] = pair.charCodeAt(k);
        if (withMap) map[out] = i;
        out++;
      }
    }
  }
  return out;
}

/** Fold for matching only: case, accents, apostrophes, quotes, dashes, spaces, ligatures. Never shown or inserted. */
export function fold(s: string): string {
  if (alreadyFolded(s)) return s;
  if (s.length > MEMO_MAX_LENGTH) return codesToString(buf, foldInto(s, false));
  // Words and short keys repeat across a corpus: remember them (bounded, cleared when full).
  let f = memo.get(s);
  if (f === undefined) {
    f = codesToString(buf, foldInto(s, false));
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(ownString(s), ownString(f)); // owned: a slice key would keep its precedent alive
  }
  return f;
}

const MEMO_MAX_LENGTH = 40;
const MEMO_SIZE = 50_000;
const memo = new Map<string, string>();

/**
 * Fold, keeping for each folded character the index of the source character it came from.
 * `origin.length === folded.length + 1`. A space that stands for a run of white space maps to the
 * first character of the run; both letters of an expansion (œ → oe) map to the ligature; the last
 * entry is the index just after the last source character that produced output (trailing white
 * space excluded). Use sourceSpan() to turn a folded span back into a source span.
 */
export function foldWithMap(s: string): { folded: string; origin: Int32Array } {
  const n = foldInto(s, true);
  const origin = new Int32Array(n + 1);
  origin.set(map.subarray(0, n));
  // End: after the last contributing source character, including combining marks that follow it.
  let end = n > 0 ? map[n - 1] + 1 : 0;
  while (end < s.length && foldCode(s.charCodeAt(end)) === DROP) end++;
  if (n === 0) end = 0;
  origin[n] = end;
  return { folded: codesToString(buf, n), origin };
}

/**
 * Source span of the folded span [start, end). The end is the source index of the folded character
 * at `end` (so marks dropped after the last letter stay inside), except inside an expansion
 * ("oe" from œ), where it is the ligature's end.
 */
export function sourceSpan(origin: Int32Array, start: number, end: number): { start: number; end: number } {
  const s = origin[start];
  if (end <= start) return { start: s, end: s };
  const last = origin[end - 1];
  const next = origin[end];
  return { start: s, end: next > last ? next : last + 1 };
}

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 represents a slice of 13 or
 * more characters as a view of its parent string: a word or a name kept by the index would keep
 * its whole precedent in memory (measured: 1,000 of 1,000 texts retained at 1k precedents, ~2 GB
 * at 100k). Flattening a concatenation makes a fresh string; the slice of it holds only that.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

