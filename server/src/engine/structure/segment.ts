// Sections and clauses of one text. Works on the cleaned text (one paragraph per line) and on raw
// text alike: PDF text hard-wrapped at ~90 characters, drafts typed one paragraph per line or with
// blank lines between paragraphs. One pass over the lines (plus a bounded sample to tell wrapped
// text from paragraph-per-line text); every per-paragraph check looks at a bounded prefix, so the
// whole is linear in the text length.
import type { CleanText, Clause, ClauseRole, Section, Span, Voice } from '../types';
import { lemmaOf } from './conjugate';
import { parseMarker, skipSpaces, type Marker } from './markers';
import { detectOpener, tokenize } from './openers';
import { detectVoice, isTopicOpening, personOfForm } from './voice';

/** Longest paragraph that can still be a heading. */
const MAX_HEADING = 400;
/** How much of a clause body the opener and voice detectors are shown. */
const PREFIX = 800;

interface Unit {
  /** Clean offset of the first non-space character of the unit (marker included). */
  start: number;
  marker: Marker;
  /** Clean offset after the last non-space character. */
  end: number;
  /** Length of the unit's last line, trimmed. */
  lastLineLength: number;
  /** No lower-case letter in the first 200 characters of any line so far. */
  allCaps: boolean;
}

type HeadingKind = 'voice' | 'operative' | 'topic' | 'title';

interface Heading {
  kind: HeadingKind;
  voice: Voice | null;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x2009 || c === 0xfeff || c === 12 || c === 11 || c === 13;
}

function trimEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Per UTF-16 code unit: 0 not yet known, 1 lower-case letter, 2 upper-case letter, 3 neither. */
const LETTER_CASE = new Uint8Array(65536);
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

function letterCase(code: number): number {
  if (code < 128) return code >= 97 && code <= 122 ? 1 : code >= 65 && code <= 90 ? 2 : 3;
  let v = LETTER_CASE[code];
  if (v === 0) {
    const c = String.fromCharCode(code);
    v = LOWER.test(c) ? 1 : UPPER.test(c) ? 2 : 3;
    LETTER_CASE[code] = v;
  }
  return v;
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (letterCase(text.charCodeAt(i)) !== 3) return true;
  return false;
}

function isLowerLetter(c: string | undefined): boolean {
  return c !== undefined && c.length > 0 && letterCase(c.charCodeAt(0)) === 1;
}

function hasNoLowerCase(text: string, from: number, to: number): boolean {
  let letters = 0;
  const end = Math.min(to, from + 200);
  for (let i = from; i < end; i++) {
    const v = letterCase(text.charCodeAt(i));
    if (v === 1) return false;
    if (v === 2) letters++;
  }
  return letters >= 2;
}

/** The last character that is not a closing quote or bracket: what tells whether a sentence ended. */
function lastSignificant(text: string, from: number, end: number): string {
  let e = end;
  while (e > from) {
    const c = text[e - 1];
    if (c === '»' || c === '”' || c === '"' || c === ')' || isSpaceCode(c.charCodeAt(0))) e--;
    else return c;
  }
  return text[end - 1] ?? '';
}

const TERMINAL = '.;:!?';

/**
 * True when the text is hard-wrapped (PDF copy): lines that stop mid-sentence and go on in lower
 * case. In such text a line may also continue on a capitalised word ("… tels que la\nConvention").
 */
function looksWrapped(text: string): boolean {
  let wraps = 0;
  let lines = 0;
  let prevEnd = '';
  let pos = 0;
  while (pos < text.length && lines < 4000) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const s = skipSpaces(text, pos, nl);
    const e = trimEnd(text, s, nl);
    if (s < e) {
      lines++;
      if (prevEnd && !TERMINAL.includes(prevEnd) && prevEnd !== ',' && isLowerLetter(text[s])) {
        const m = parseMarker(text, s, e);
        if (!m.bullet && !m.label) wraps++;
      }
      prevEnd = text[e - 1];
    } else {
      prevEnd = '';
    }
    if (wraps >= 2) return true;
    pos = nl + 1;
  }
  return false;
}

/** Auxiliaries and reflexive past tenses: a paragraph containing one is a sentence, not a heading. */
// Matched on the lower-cased text with its accents: "réunie à Rome" has no auxiliary "a".
const SENTENCE_VERB = /(?:^|[\s’'])(?:est|sont|a|ont|était|étaient|sera|seront|s’est|se sont|avait|avaient)(?=[\s,.;:]|$)/;

function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u202f\u2007\ufeff]+/g, ' ').trim();
}

function finitePerson(word: string | undefined): Voice['person'] {
  if (!word) return null;
  const a = lemmaOf(word);
  return a && a.known ? personOfForm(a.form) : null;
}

/** Whether a paragraph is a heading, and which kind. Bulleted paragraphs never are. */
function classifyHeading(body: string, marker: Marker): Heading | null {
  if (marker.bullet || body.length > MAX_HEADING || !body) return null;
  const last = body[body.length - 1];
  // Headings end on a comma, a colon, a question mark or no punctuation at all.
  if (last === '.' || last === ';' || last === '!') return null;
  const tokens = tokenize(body, 0, 12);
  const first = tokens.get(0);
  if (!first || !first.word) return null;
  const words = body.split(/\s+/).length;
  const sentence = SENTENCE_VERB.test(body.toLowerCase().replace(/['ʼ]/g, '’'));

  // "Convenons :", "Décide :", "Sommes convenus de ce qui suit :", "Nous décidons :".
  // Short, or "… de ce qui suit :": "Recommande aux gouvernements des États membres :" is a clause.
  if (last === ':' && (words - (first.key === 'nous' ? 1 : 0) <= 3 || /ce qui suit/i.test(body))) {
    const verbAt = first.key === 'nous' ? 1 : 0;
    let person = finitePerson(tokens.get(verbAt)?.raw);
    if (!person && (tokens.get(verbAt)?.key === 'sommes' || tokens.get(verbAt)?.key === 'sont') && tokens.get(verbAt + 1)?.key.startsWith('convenu')) {
      person = tokens.get(verbAt)!.key === 'sommes' ? 'first-plural' : 'third-plural';
    }
    if (person) return { kind: 'operative', voice: { subject: null, person } };
  }
  if (isTopicOpening(tokens)) {
    if (last === '.' || last === ';' || sentence) return null;
    const voice = detectVoice(body);
    return { kind: 'topic', voice: voice.subject ? voice : null };
  }
  const terminal = TERMINAL.includes(last) || last === ',';
  const allCaps = hasNoLowerCase(body, 0, body.length);
  if (first.key === 'nous' && tokens.get(1)?.raw === ',' && (last === ',' || last === ':') && !detectOpener(body, { strict: true })) {
    return { kind: 'voice', voice: detectVoice(body) };
  }
  if ((first.key === 'le' || first.key === 'la' || first.key === 'les' || first.key === "l'") && !sentence && (last === ',' || last === ':' || (!terminal && allCaps))) {
    const voice = detectVoice(body);
    if (voice.subject) return { kind: 'voice', voice };
  }
  if (sentence) return null;
  // "Qui participe ?", "Principaux points du communiqué commun de 2021 :", "DÉCLARATION FINALE".
  if (last === '?' && body.length <= 150) return { kind: 'title', voice: null };
  const noInnerSentence = !/[.!?»]\s/.test(body);
  if (last === ':' && body.length <= 100 && noInnerSentence && !detectOpener(body, { strict: true })) return { kind: 'title', voice: null };
  if (!terminal && body.length <= 160 && noInnerSentence && !detectOpener(body, { strict: true })) return { kind: 'title', voice: null };
  return null;
}

/** Sections and clauses of a cleaned (or raw) text; spans in original offsets via clean.origin. */
export function segment(clean: CleanText): { sections: Section[]; clauses: Clause[] } {
  const text = clean.text;
  const origin = clean.origin;
  const sections: Section[] = [];
  const clauses: Clause[] = [];
  const wrapped = looksWrapped(text);

  const toOriginal = (s: number, e: number): Span => {
    const start = origin[s] ?? s;
    return { start, end: e > s ? (origin[e - 1] ?? e - 1) + 1 : start };
  };

  let running: Voice = { subject: null, person: null };
  let current: Section | null = null;
  /** Kind of the current section's heading; 'none' for the implicit first section. */
  let currentKind: HeadingKind | 'none' = 'none';
  let currentClauses = 0;
  /** First clause an operative heading would turn preambular (clauses since the last speaker or operative heading). */
  let pendingFrom = 0;

  const openSection = (heading: string | null, span: Span, voice: Voice, role: ClauseRole | null, kind: HeadingKind | 'none'): Section => {
    const section: Section = { index: sections.length, heading, span, voice, role };
    sections.push(section);
    current = section;
    currentKind = kind;
    currentClauses = 0;
    return section;
  };

  const processUnit = (unit: Unit): void => {
    const bodyStart = unit.marker.bodyStart;
    const bodyEnd = unit.end;
    if (bodyStart >= bodyEnd) return;
    if (!hasLetter(text, bodyStart, Math.min(bodyEnd, bodyStart + 200))) return;
    const body = text.slice(bodyStart, Math.min(bodyEnd, bodyStart + PREFIX));
    const span = toOriginal(unit.start, unit.end);

    const heading = bodyEnd - bodyStart <= MAX_HEADING ? classifyHeading(body, unit.marker) : null;
    if (heading) {
      const headingText = collapse(body);
      const sec = current as Section | null;
      if (heading.kind === 'voice' && heading.voice) {
        running = heading.voice;
        openSection(headingText, span, running, null, 'voice');
        pendingFrom = clauses.length;
      } else if (heading.kind === 'operative') {
        const person = heading.voice?.person ?? null;
        running = { subject: running.person === person ? running.subject : null, person };
        openSection(headingText, span, running, 'operative', 'operative');
        for (let i = pendingFrom; i < clauses.length; i++) if (clauses[i].role === 'operative') clauses[i].role = 'preambular';
        pendingFrom = clauses.length;
      } else if (heading.kind === 'topic') {
        if (heading.voice) running = heading.voice;
        openSection(headingText, span, running, sec?.role ?? null, 'topic');
      } else if (sec && currentClauses === 0 && currentKind === 'title') {
        // Consecutive title lines ("REUNION DES CHEFS DE POLICE", "24 novembre 2006", "DECLARATION …") make one section.
        sec.span.end = span.end;
      } else {
        openSection(headingText, span, running, sec?.role ?? null, 'title');
      }
      return;
    }

    const section = (current as Section | null) ?? openSection(null, { start: span.start, end: span.end }, running, null, 'none');
    const labelled = unit.marker.bullet !== null || unit.marker.label !== null;
    const found = detectOpener(body, { strict: !labelled, nouns: labelled });

    // Who speaks: a first-person paragraph names its speaker ("Nous, Ministres …, rappelons");
    // otherwise the first sentence that states a subject, or the person of the first finite opener.
    let stated: Voice | null = null;
    if (!unit.marker.bullet && /^nous[\s\u00a0\u202f]*,/i.test(body)) stated = detectVoice(body);
    else if (running.person === null) {
      const v = detectVoice(body);
      if (v.person && (v.subject || found)) stated = v;
    }
    if (stated && stated.person) {
      running = stated;
      if (section.voice.person === null) section.voice = stated;
    }

    let role: ClauseRole;
    if (!found) role = section.role === 'operative' && labelled ? 'operative' : 'narrative';
    else if (section.role) role = section.role;
    else if (found.form === 'noun' || found.form === 'other') role = 'narrative';
    else if (found.form === 'participle' || found.form === 'past-participle') role = 'preambular';
    else role = 'operative';

    const cleanSpan = { start: bodyStart, end: bodyEnd };
    const clause: Clause = {
      index: clauses.length,
      sectionIndex: section.index,
      label: unit.marker.label,
      text: text.slice(bodyStart, bodyEnd),
      span: toOriginal(bodyStart, bodyEnd),
      cleanSpan,
      opener: found
        ? { text: found.text, lemma: found.lemma, form: found.form, span: toOriginal(bodyStart + found.start, bodyStart + found.end) }
        : null,
      role,
      voice: running,
    };
    clauses.push(clause);
    currentClauses++;
    section.span.end = Math.max(section.span.end, span.end);
  };

  let unit: Unit | null = null;
  let blankSince = false;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const s = skipSpaces(text, pos, nl);
    const e = trimEnd(text, s, nl);
    pos = nl + 1;
    if (s >= e) {
      blankSince = true;
      continue;
    }
    const marker = parseMarker(text, s, e);
    const hasMarker = marker.bullet !== null || marker.label !== null;
    // Only hard-wrapped text needs to know which lines are in capitals (titles wrapped over lines).
    const lineCaps = wrapped && hasNoLowerCase(text, s, e);
    if (unit && !hasMarker) {
      const prev = lastSignificant(text, unit.marker.bodyStart, unit.end);
      const ended = TERMINAL.includes(prev);
      const emptyBody = unit.marker.bodyStart >= unit.end;
      const lower = isLowerLetter(text[s]);
      const continues =
        emptyBody ||
        (!ended && lower) ||
        (wrapped &&
          !blankSince &&
          !ended &&
          prev !== ',' &&
          (unit.marker.bullet !== null || unit.marker.label !== null || (unit.allCaps && lineCaps) || (!unit.allCaps && !lineCaps && unit.lastLineLength >= 50)));
      if (continues) {
        if (emptyBody) unit.marker = { ...unit.marker, bodyStart: s };
        unit.end = e;
        unit.lastLineLength = e - s;
        unit.allCaps = unit.allCaps && lineCaps;
        blankSince = false;
        continue;
      }
    }
    if (unit) processUnit(unit);
    unit = { start: s, marker: { ...marker, bodyStart: Math.min(marker.bodyStart, e) }, end: e, lastLineLength: e - s, allCaps: lineCaps };
    blankSince = false;
  }
  if (unit) processUnit(unit);
  return { sections, clauses };
}
