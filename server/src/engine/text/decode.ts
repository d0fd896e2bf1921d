// Bytes of a precedent file → text, or the one reason the file cannot be a precedent.
//
// Order of decisions (the first that applies wins):
//   empty                         → "empty file"
//   known binary signatures       → "binary file (PDF document …)", ZIP/Office, OLE
//   UTF-8 BOM                     → UTF-8, BOM stripped
//   UTF-16 BOM (LE or BE)         → UTF-16, BOM stripped
//   UTF-16 without BOM            → recognised by the zero bytes of ASCII text, noted
//   NUL bytes                     → "binary file (contains NUL bytes)"
//   valid UTF-8                   → UTF-8
//   otherwise                     → Windows-1252, noted (the usual encoding of old Word/PDF exports)
//   then: many control characters → "binary file (…)"; only white space → "empty file".
//
// UTF-8 is decoded by the runtime's TextDecoder when there is one (text/runtime.ts; it validates at
// several GB/s). Without one, decodeUtf8() below does the same work in plain TypeScript.
import type { DecodeResult } from '../types';
import { codesToString } from './normalize';
import { runtimeDecoder } from './runtime';

const nativeUtf8 = runtimeDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How many leading characters are checked for control characters. */
const CONTROL_SAMPLE = 65536;

export function decodePrecedent(bytes: Uint8Array): DecodeResult {
  const n = bytes.length;
  if (n === 0) return { ok: false, reason: 'empty file' };

  const signature = binarySignature(bytes);
  if (signature) return { ok: false, reason: `binary file (${signature})` };

  const notes: string[] = [];
  let text: string;
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const utf8 = decodeUtf8(body);
    if (typeof utf8 === 'string') {
      text = utf8;
      encoding = 'utf-8';
    } else {
      text = decodeWindows1252(body);
      encoding = 'windows-1252';
      notes.push(`UTF-8 byte order mark but invalid UTF-8 at byte ${utf8.invalidAt + 3}; decoded as Windows-1252`);
    }
  } else if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes.subarray(2), true);
    encoding = 'utf-16le';
  } else if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes.subarray(2), false);
    encoding = 'utf-16be';
  } else {
    const guess = utf16WithoutBom(bytes);
    if (guess) {
      text = decodeUtf16(bytes, guess === 'utf-16le');
      encoding = guess;
      notes.push(`no byte order mark; decoded as ${guess === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} (zero bytes of ASCII text)`);
    } else {
      if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary file (contains NUL bytes)' };
      const utf8 = decodeUtf8(bytes);
      if (typeof utf8 === 'string') {
        text = utf8;
        encoding = 'utf-8';
      } else {
        text = decodeWindows1252(bytes);
        encoding = 'windows-1252';
        notes.push(`not valid UTF-8 (first invalid byte at offset ${utf8.invalidAt}); decoded as Windows-1252`);
      }
    }
  }

  if (text.indexOf('\u0000') >= 0) return { ok: false, reason: 'binary file (contains NUL characters)' };
  const controls = countControls(text);
  if (controls.count > 0 && controls.count * 100 > controls.sampled) {
    return { ok: false, reason: `binary file (${controls.count} control characters in the first ${controls.sampled} characters)` };
  }
  if (!/[^\s\u00a0\u202f\u2000-\u200b\ufeff]/.test(text)) return { ok: false, reason: 'empty file' };
  return { ok: true, text, encoding, notes };
}

/** A short description of well-known binary formats, from their first bytes. */
function binarySignature(b: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'PDF document; extract its text first';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'ZIP archive or Office document; save it as plain text first';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'Office 97–2003 document; save it as plain text first';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG image';
  if (starts(0x1f, 0x8b)) return 'gzip archive';
  return null;
}

/** UTF-16 without BOM: ASCII-heavy text has a zero byte in almost every other position, and only there. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.4 && zeroEven <= pairs * 0.02) return 'utf-16le';
  if (zeroEven >= pairs * 0.4 && zeroOdd <= pairs * 0.02) return 'utf-16be';
  return null;
}

function countControls(text: string): { count: number; sampled: number } {
  const n = Math.min(text.length, CONTROL_SAMPLE);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Tab, LF, VT, FF, CR are ordinary in text exports; Ctrl-Z ends some DOS files.
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0x1a) || c === 0x7f) count++;
  }
  return { count, sampled: n };
}

/** Strict UTF-8: the text, or the offset of the first byte that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | { invalidAt: number } {
  if (nativeUtf8) {
    try {
      return nativeUtf8.decode(bytes);
    } catch {
      // Invalid input: decode again only to find where, for the note.
      return decodeUtf8Portable(bytes);
    }
  }
  return decodeUtf8Portable(bytes);
}

/** Strict UTF-8 decoding in plain TypeScript (no TextDecoder): overlongs, surrogates and > U+10FFFF are invalid. */
export function decodeUtf8Portable(bytes: Uint8Array): string | { invalidAt: number } {
  const n = bytes.length;
  const out = new Uint16Array(n);
  let o = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2; cp = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3; cp = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { invalidAt: i };
    if (i + need >= n) return { invalidAt: i };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return { invalidAt: i };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out[o++] = 0xd800 + (cp >> 10);
      out[o++] = 0xdc00 + (cp & 0x3ff);
    } else out[o++] = cp;
    i += need + 1;
  }
  return codesToString(out, o);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = bytes.length >> 1;
  const out = new Uint16Array(units);
  for (let i = 0, j = 0; i < units; i++, j += 2) {
    out[i] = littleEndian ? bytes[j] | (bytes[j + 1] << 8) : (bytes[j] << 8) | bytes[j + 1];
  }
  // A trailing odd byte cannot be part of a character; it is dropped.
  return codesToString(out, units);
}

/** Windows-1252 bytes 0x80–0x9F; the five undefined ones keep their C1 code (as the WHATWG decoder does). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    out[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
  }
  return codesToString(out, n);
}
