// Who speaks: "Les chefs de police …", "Nous, les Ministres,", "Le Conseil de sécurité,",
// "Concernant …, les participants :". The person decides the form every operative opener takes.
import type { OpenerForm, Voice } from '../types';
import { lemmaOf } from './conjugate';
import { parseMarker } from './markers';
import { detectOpener, tokenize, type Tokens } from './openers';

const NO_VOICE: Voice = { subject: null, person: null };

const DETERMINERS = new Set(['le', 'la', 'les', "l'"]);
/** Words that end a subject noun phrase: clitics and auxiliaries of the verb that follows it. */
const SUBJECT_END = new Set(['se', "s'", 'ne', "n'", 'a', 'ont', 'est', 'sont', 'qui', 'que', "qu'", 'lors', 'y', 'ont-ils', 'reunis', 'reunies', 'reuni', 'reunie']);
/** Topic headings: "Concernant …, les participants :". */
const TOPIC_OPENINGS: readonly string[][] = [
  ['concernant'], ["s'", 'agissant'], ['en', 'ce', 'qui', 'concerne'], ['au', 'sujet'], ['pour', 'ce', 'qui', 'est'], ['quant'], ['sur', 'la', 'question'],
];

/** The person a finite opener form implies, or null. */
export function personOfForm(form: OpenerForm): Voice['person'] {
  return form === 'third-plural' || form === 'third-singular' || form === 'first-plural' ? form : null;
}

const TOPIC_FIRST = new Set(TOPIC_OPENINGS.map((keys) => keys[0]));

export function isTopicOpening(tokens: Tokens): boolean {
  const first = tokens.get(0);
  if (!first || !first.word || !TOPIC_FIRST.has(first.key)) return false;
  return TOPIC_OPENINGS.some((keys) => keys.every((k, i) => tokens.get(i)?.key === k));
}

function isTrimmable(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 44 || c === 58 || c === 59 || c === 46;
}

/** Whitespace runs as one space, without the trailing punctuation of a heading ("Nous, les Ministres,"). */
function trimSubject(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmable(s.charCodeAt(start)) && s.charCodeAt(start) !== 46) start++;
  while (end > start && isTrimmable(s.charCodeAt(end - 1))) end--;
  const core = s.slice(start, end);
  return /[\s\u00a0\u202f]{2}|[^\S ]/.test(core) ? core.replace(/[\s\u00a0\u202f]+/g, ' ') : core;
}

/** "Nous, Ministres des affaires étrangères …, rappelons": subject up to the comma before the verb. */
function appositionVoice(text: string, from: number): Voice {
  const limit = Math.min(text.length, from + 600);
  for (let c = text.indexOf(',', from + 1); c >= 0 && c < limit; c = text.indexOf(',', c + 1)) {
    const after = tokenize(text, c + 1, 2);
    const verbToken = after.get(0)?.key === 'nous' ? after.get(1) : after.get(0);
    if (verbToken?.word && lemmaOf(verbToken.raw)?.form === 'first-plural') {
      return { subject: trimSubject(text.slice(from, c)), person: 'first-plural' };
    }
  }
  const whole = text.slice(from, limit);
  if (text.length <= limit) return { subject: trimSubject(whole), person: 'first-plural' };
  const second = text.indexOf(',', text.indexOf(',', from) + 1);
  return { subject: trimSubject(text.slice(from, second > 0 && second < limit ? second : limit)), person: 'first-plural' };
}

/** "Les chefs de police ou leurs représentants …" → "Les chefs de police". */
function nounPhraseVoice(text: string, tokens: Tokens): Voice {
  const head = tokens.get(1);
  if (!head || !head.word || /^\d/.test(head.raw)) return NO_VOICE;
  const headAnalysis = lemmaOf(head.raw);
  if (headAnalysis?.known && headAnalysis.form !== 'past-participle') return NO_VOICE;
  let last = 1;
  for (let i = 2; i < 10; i++) {
    const t = tokens.get(i);
    if (!t) break;
    if (!t.word) {
      if (t.raw === '-' || t.raw === '’') continue;
      break;
    }
    if (SUBJECT_END.has(t.key)) break;
    if ((t.key === 'et' || t.key === 'ou') && tokens.get(i + 1)?.word && /^(le|la|les|l'|leur|leurs|des|un|une|ses|son|sa)$/.test(tokens.get(i + 1)!.key)) break;
    const a = t.raw[0] === t.raw[0].toLowerCase() ? lemmaOf(t.raw) : null;
    if (a?.known && a.form !== 'past-participle' && a.form !== 'infinitive') break;
    last = i;
  }
  const subject = trimSubject(text.slice(tokens.get(0)!.start, tokens.get(last)!.end));
  return { subject, person: tokens.get(0)!.key === 'les' ? 'third-plural' : 'third-singular' };
}

/**
 * The speaking subject introduced by a heading or an opening sentence, if any:
 * "Les chefs de police …" → { "Les chefs de police", third-plural }; "Nous, les Ministres," →
 * first-plural; "Le Conseil permanent," → third-singular; "Concernant …, les participants :" →
 * { "les participants", third-plural }. Without a stated subject, a finite opener gives the
 * person alone ("Réaffirment …" → third-plural).
 */
export function detectVoice(text: string): Voice {
  const begin = parseMarker(text, 0).bodyStart;
  const tokens = tokenize(text, begin, 12);
  const first = tokens.get(0);
  if (!first || !first.word) return NO_VOICE;
  if (isTopicOpening(tokens)) {
    const bounded = text.slice(begin, Math.min(text.length, begin + 400));
    const comma = bounded.lastIndexOf(',');
    if (comma < 0) return NO_VOICE;
    const tail = bounded.slice(comma + 1);
    const tailTokens = tokenize(tail, 0, 12);
    const tailFirst = tailTokens.get(0);
    if (!tailFirst || !(DETERMINERS.has(tailFirst.key) || tailFirst.key === 'nous')) return NO_VOICE;
    return detectVoice(tail.trim());
  }
  if (first.key === 'nous') {
    if (tokens.get(1)?.raw === ',') return appositionVoice(text, first.start);
    return { subject: first.raw, person: 'first-plural' };
  }
  if (DETERMINERS.has(first.key)) return nounPhraseVoice(text, tokens);
  const opener = detectOpener(text);
  const person = opener ? personOfForm(opener.form) : null;
  return person ? { subject: null, person } : NO_VOICE;
}
