// Metadata of a precedent: YAML front matter when the file has some, inference from the text for
// what is missing.
//
// Front matter is the simple `key: value` subset of YAML, read without a YAML library:
//   ---
//   title: "Déclaration de Bruxelles"
//   date: 2006-11-24
//   body: OSCE
//   place: Bruxelles
//   kind: declaration
//   language: fr
//   ---
// Values may be plain, "double-quoted" (with \" \\ \n \t escapes), 'single-quoted' ('' for '),
// continued on indented lines, or block scalars (`|` keeps line breaks, `>` folds them). `~`, `null`
// and an empty value mean "not given" (null). Dates are ISO (a time after the date is ignored) or a
// written French date ("24 novembre 2006", "1er janvier 2020", "24/11/2006"). Anything else (lists,
// nested maps, a missing closing line, a bad date) is reported in `errors`, never thrown.
import type { PrecedentMeta } from '../types';

export interface FrontMatter {
  meta: Partial<PrecedentMeta>;
  /** Offset in the original text where the body starts (after the closing ---), 0 without front matter. */
  bodyStart: number;
  errors: string[];
}

const KEYS = ['title', 'date', 'body', 'place', 'kind', 'language'] as const;
type Key = (typeof KEYS)[number];
const ALIASES: Record<string, Key> = { lang: 'language', langue: 'language', titre: 'title', lieu: 'place', organe: 'body', type: 'kind' };

interface Line {
  text: string;
  /** Offset just after the line's terminator. */
  next: number;
}

function readLine(s: string, from: number): Line | null {
  if (from >= s.length) return null;
  let end = from;
  while (end < s.length && s.charCodeAt(end) !== 10 && s.charCodeAt(end) !== 13) end++;
  let next = end;
  if (s.charCodeAt(next) === 13) next++;
  if (s.charCodeAt(next) === 10 && (next === end || s.charCodeAt(end) === 13)) next++;
  return { text: s.slice(from, end), next };
}

export function readFrontMatter(original: string): FrontMatter {
  const none: FrontMatter = { meta: {}, bodyStart: 0, errors: [] };
  let start = 0;
  if (original.charCodeAt(0) === 0xfeff) start = 1;
  if (!original.startsWith('---', start)) return none;
  const first = readLine(original, start);
  if (!first || first.text.trimEnd() !== '---') return none;

  const errors: string[] = [];
  const meta: Partial<PrecedentMeta> = {};
  const seen = new Set<Key>();
  // Lines of the block, collected first so continuation lines can be attached to their key.
  const lines: string[] = [];
  let pos = first.next;
  let closed = -1;
  for (let line = readLine(original, pos); line; line = readLine(original, pos)) {
    pos = line.next;
    const t = line.text.trimEnd();
    if (t === '---' || t === '...') {
      closed = pos;
      break;
    }
    lines.push(line.text);
    if (lines.length > 200) break;
  }
  if (closed < 0) {
    return { meta: {}, bodyStart: 0, errors: ['no closing "---" line; the block at the top is read as text'] };
  }

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 2;
    if (/^\s*(#.*)?$/.test(raw)) continue;
    if (/^\s/.test(raw)) {
      errors.push(`line ${lineNo}: indented line outside a value`);
      continue;
    }
    const m = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|\s*)$/.exec(raw);
    if (!m) {
      errors.push(`line ${lineNo}: expected "key: value", found "${raw.trim().slice(0, 60)}"`);
      continue;
    }
    const rawKey = m[1].toLowerCase();
    const valueText = (m[2] ?? '').trim();
    // Continuation lines (indented) belong to this key.
    const continuation: string[] = [];
    while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1])) {
      continuation.push(lines[i + 1]);
      i++;
    }
    const parsed = parseValue(valueText, continuation);
    const key: Key | undefined = (KEYS as readonly string[]).includes(rawKey) ? (rawKey as Key) : ALIASES[rawKey];
    if (!key) {
      errors.push(`unknown key "${m[1]}" ignored (known: ${KEYS.join(', ')})`);
      continue;
    }
    if ('error' in parsed) {
      errors.push(`${key}: ${parsed.error}`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`${key}: given twice; the first value is kept`);
      continue;
    }
    seen.add(key);
    if (key === 'date') {
      if (parsed.value === null) meta.date = null;
      else {
        const iso = parseDate(parsed.value);
        if (iso) meta.date = iso;
        else errors.push(`date: "${parsed.value}" is not a date (expected YYYY-MM-DD)`);
      }
    } else if (key === 'title') {
      if (parsed.value !== null && parsed.value !== '') meta.title = parsed.value;
    } else if (key === 'language') {
      if (parsed.value) meta.language = parsed.value.toLowerCase();
    } else {
      meta[key] = parsed.value === '' ? null : parsed.value;
    }
  }
  return { meta, bodyStart: closed, errors };
}

function parseValue(text: string, continuation: string[]): { value: string | null } | { error: string } {
  if (text === '' && continuation.length === 0) return { value: null };
  if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return { value: null };
  if (text === '|' || text === '>' || /^[|>][+-]?$/.test(text)) {
    const body = continuation.map((l) => l.trim());
    return { value: text.startsWith('|') ? body.join('\n') : body.join(' ') };
  }
  if (text.startsWith('[') || text.startsWith('{')) return { error: 'lists and maps are not supported; give a single value' };
  if (text === '' && continuation.some((l) => /^\s*-\s/.test(l))) return { error: 'lists are not supported; give a single value' };
  const joined = [text, ...continuation.map((l) => l.trim())].filter((x) => x !== '').join(' ');
  if (joined.startsWith('"')) {
    let out = '';
    for (let i = 1; i < joined.length; i++) {
      const c = joined[i];
      if (c === '\\') {
        const e = joined[++i];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === undefined ? '' : e;
      } else if (c === '"') {
        const rest = joined.slice(i + 1).trim();
        if (rest !== '' && !rest.startsWith('#')) return { error: `unexpected text after the closing quote: "${rest.slice(0, 40)}"` };
        return { value: out };
      } else out += c;
    }
    return { error: 'missing closing double quote' };
  }
  if (joined.startsWith("'")) {
    let out = '';
    for (let i = 1; i < joined.length; i++) {
      const c = joined[i];
      if (c === "'") {
        if (joined[i + 1] === "'") {
          out += "'";
          i++;
          continue;
        }
        const rest = joined.slice(i + 1).trim();
        if (rest !== '' && !rest.startsWith('#')) return { error: `unexpected text after the closing quote: "${rest.slice(0, 40)}"` };
        return { value: out };
      }
      out += c;
    }
    return { error: 'missing closing single quote' };
  }
  // Plain scalar: a comment starts at " #".
  const hash = joined.search(/\s#/);
  return { value: (hash >= 0 ? joined.slice(0, hash) : joined).trim() };
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, août: 8,
  septembre: 9, octobre: 10, novembre: 11, decembre: 12, décembre: 12,
};
const MONTH_ALT = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre';
const SP = '[ \\t\\u00a0\\u202f\\u2009]+';
// Each alternative is anchored on digits and bounded, so a long line cannot make it backtrack.
const DATE_RE = new RegExp(
  `(?<![\\d/.-])(?:` +
    `(\\d{4})-(\\d{2})-(\\d{2})(?![\\d])` + // ISO
    `|(1er|\\d{1,2})(?:er)?${SP}(${MONTH_ALT})${SP}(\\d{4})(?!\\d)` + // 24 novembre 2006, 1er janvier 2020
    `|(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})(?![\\d/])` + // 24/11/2006, 24.11.2006
    `)`,
  'giu',
);

function iso(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateOf(m: RegExpExecArray): string | null {
  if (m[1]) return iso(+m[1], +m[2], +m[3]);
  if (m[4]) {
    const day = m[4].toLowerCase() === '1er' ? 1 : +m[4];
    const month = MONTHS[m[5].toLowerCase()];
    return month ? iso(+m[6], month, day) : null;
  }
  if (m[7]) return iso(+m[9], +m[8], +m[7]);
  return null;
}

/** A date written alone (front matter value): ISO (a time after it is ignored) or a French date. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (isoDate) return iso(+isoDate[1], +isoDate[2], +isoDate[3]);
  DATE_RE.lastIndex = 0;
  const m = DATE_RE.exec(t);
  if (!m || m.index !== 0 || m[0].length !== t.length) return null;
  return dateOf(m);
}

/** The first valid date in `text` (searched in its first `limit` characters) as ISO, with where it was. */
export function findFirstDate(text: string, limit = 4000): { date: string; start: number; end: number } | null {
  const head = text.length > limit ? text.slice(0, limit) : text;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(head); m; m = DATE_RE.exec(head)) {
    const d = dateOf(m);
    if (d) return { date: d, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Completion

const TITLE_MAX = 200;

/**
 * The title a reader would give the text: its first line that reads like a heading, as written
 * (upper case kept). Lines that are only a date, a number, a document symbol or a clause label are
 * passed over; a first paragraph too long to be a heading gives its first sentence when that is short
 * enough. Null when nothing fits.
 */
export function inferTitle(cleanText: string): string | null {
  let pos = 0;
  let looked = 0;
  while (pos < cleanText.length && looked < 8) {
    let end = cleanText.indexOf('\n', pos);
    if (end < 0) end = cleanText.length;
    const line = cleanText.slice(pos, end).trim();
    pos = end + 1;
    if (line === '') continue;
    looked++;
    if (!/\p{L}{2}/u.test(line)) continue; // numbers, symbols
    const date = findFirstDate(line, 200);
    if (date && line.length - (date.end - date.start) < 12) continue; // "24 novembre 2006", "Vienne, le 5 mai 2019"
    if (/^[A-Z]{1,6}(?:\.[A-Z]{2,})*\/\S+$/.test(line)) continue; // "PC.DEC/1234", "S/RES/2178"
    if (line.length <= TITLE_MAX) return line.replace(/[\s:;,]+$/u, '');
    const sentence = /^(.{10,200}?[.!?])(?:\s|$)/u.exec(line);
    if (sentence) return sentence[1];
    return null;
  }
  return null;
}

/** Title from a file name: "2006-osce-declaration-de-bruxelles.txt" → "2006 osce declaration de bruxelles". */
function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const t = base.replace(/[-_]+/g, ' ').trim();
  return t === '' ? fileName : t;
}

/** Complete metadata: what was given wins; title (first heading line) and date (first date) are inferred otherwise. */
export function completeMeta(given: Partial<PrecedentMeta>, cleanText: string, fileName: string): PrecedentMeta {
  const inferred: string[] = [];
  let title = given.title && given.title.trim() !== '' ? given.title : null;
  if (title === null) {
    title = inferTitle(cleanText) ?? titleFromFileName(fileName);
    inferred.push('title');
  }
  let date = given.date ?? null;
  if (!date) {
    const found = findFirstDate(cleanText);
    if (found) {
      date = found.date;
      inferred.push('date');
    }
  }
  return {
    title,
    date,
    body: given.body ?? null,
    place: given.place ?? null,
    kind: given.kind ?? null,
    language: given.language ?? 'fr',
    inferred: given.inferred ? [...given.inferred, ...inferred.filter((f) => !given.inferred?.includes(f))] : inferred,
  };
}
