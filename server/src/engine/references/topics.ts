// The topic table: what a text is about, read from key terms. The missing-reference lint pairs a
// topic with the instruments and bodies the knowledge file files under it ("la traite des personnes"
// without the Palermo Protocol …).
import { keyOf } from './tokens';

export interface Topic {
  id: string;
  /** French label as drafters say it: "la criminalité transnationale organisée". */
  label: string;
  /** Key terms (folded) whose presence means the text addresses the topic. */
  terms: string[];
}

interface TopicSource {
  id: string;
  label: string;
  /** Topics this one is a case of: a text on foreign terrorist fighters is about terrorism. */
  implies?: string[];
  /** Terms as written; singular and plural forms are both matched. */
  terms: string[];
}

const SOURCES: TopicSource[] = [
  { id: 'transnational-organised-crime', label: 'la criminalité transnationale organisée', implies: ['organised-crime'], terms: ['criminalité transnationale organisée', 'crime transnational organisé', 'criminalité organisée transnationale'] },
  { id: 'organised-crime', label: 'la criminalité organisée', terms: ['criminalité organisée', 'crime organisé', 'groupe criminel organisé', 'groupes criminels organisés'] },
  { id: 'foreign-terrorist-fighters', label: 'les combattants terroristes étrangers', implies: ['terrorism'], terms: ['combattants terroristes étrangers', 'combattant terroriste étranger'] },
  { id: 'terrorism', label: 'le terrorisme', terms: ['terrorisme', 'terroriste', 'antiterroriste', 'lutte antiterroriste', 'contre-terrorisme'] },
  { id: 'trafficking-in-human-beings', label: 'la traite des êtres humains', terms: ['traite des êtres humains', 'traite d’êtres humains', 'traite des personnes', 'traite de personnes'] },
  { id: 'migrant-smuggling', label: 'le trafic de migrants', terms: ['trafic de migrants', 'trafic illicite de migrants', 'passeurs de migrants'] },
  { id: 'cybercrime', label: 'la cybercriminalité', terms: ['cybercriminalité', 'criminalité informatique', 'cybercrime'] },
  { id: 'corruption', label: 'la corruption', terms: ['corruption'] },
  { id: 'money-laundering', label: 'le blanchiment d’argent', terms: ['blanchiment', 'blanchiment d’argent', 'blanchiment de capitaux'] },
  { id: 'drug-trafficking', label: 'le trafic de drogue', terms: ['trafic de drogue', 'trafic de drogues', 'trafic de stupéfiants', 'trafic illicite de stupéfiants', 'stupéfiants', 'drogues illicites'] },
  { id: 'firearms', label: 'les armes à feu', terms: ['armes à feu', 'arme à feu', 'armes légères et de petit calibre'] },
  { id: 'border-security', label: 'la sécurité des frontières', terms: ['sécurité des frontières', 'sécurité aux frontières', 'gestion des frontières', 'contrôle des frontières'] },
  { id: 'international-police-cooperation', label: 'la coopération policière internationale', terms: ['coopération policière internationale', 'coopération internationale en matière de police', 'coopération policière transfrontalière'] },
  { id: 'information-exchange', label: 'l’échange d’informations', terms: ['échange d’informations', 'échange d’information', 'échanges d’informations', 'partage d’informations', 'partage des informations', 'échange de renseignements'] },
];

const FUNCTION = new Set(['de', 'des', 'du', 'la', 'le', 'les', "l'", "d'", 'a', 'aux', 'au', 'et', 'en']);

/** Singular and plural of a term, word by word ("trafic de drogue" ↔ "trafics de drogues" is not needed; each word's own number is). */
function variants(term: string): string[] {
  const words = keyOf(term).split(' ');
  const plural = words.map((w) => (FUNCTION.has(w) || /[sx]$/.test(w) || w.endsWith("'") ? w : w.endsWith('al') ? w.slice(0, -2) + 'aux' : w + 's'));
  const singular = words.map((w) => (FUNCTION.has(w) || w.length < 4 ? w : w.endsWith('aux') ? w.slice(0, -3) + 'al' : w.endsWith('s') ? w.slice(0, -1) : w));
  return [...new Set([words.join(' '), plural.join(' '), singular.join(' ')])];
}

export const TOPICS: readonly Topic[] = SOURCES.map((s) => ({
  id: s.id,
  label: s.label,
  terms: [...new Set(s.terms.flatMap(variants))],
}));

// One alternation over every term, longest first, on word boundaries. A term's words may be separated
// by any run of white space (raw drafts are hard-wrapped). No nested quantifiers: linear.
const TERM_TO_TOPIC = new Map<string, string>();
for (const t of TOPICS) for (const term of t.terms) if (!TERM_TO_TOPIC.has(term)) TERM_TO_TOPIC.set(term, t.id);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SORTED_TERMS = [...TERM_TO_TOPIC.keys()].sort((a, b) => b.length - a.length);
const termsRegExp = (terms: string[]): RegExp => {
  const alternation = terms.map((term) => term.split(' ').map(escape).join('\\s+').replace(/'/g, "'\\s*")).join('|');
  return new RegExp(`(?:${alternation})(?![\\p{L}\\p{N}])`, 'uy');
};
const TERMS_RE = termsRegExp(SORTED_TERMS);
// Every term starts with one of a few letters: the alternation is only tried where a word starts with
// one of them (the same positions a global search with a look-behind would accept, found far faster).
const FIRST_CHARS = new Uint8Array(128);
for (const term of TERM_TO_TOPIC.keys()) FIRST_CHARS[term.charCodeAt(0)] = 1;
// And with its first three characters, when every term's first word has three ASCII letters or more.
// Each prefix gets the alternation of its own terms only (same longest-first order, so the same match):
// "par", "con", "tra" start many ordinary words, and trying every term there was the cost.
const PREFIXES = new Map<number, RegExp>();
const prefixOf = (k: string, i: number): number => k.charCodeAt(i) * 16384 + k.charCodeAt(i + 1) * 128 + k.charCodeAt(i + 2);
let usePrefixes = true;
for (const term of TERM_TO_TOPIC.keys()) if (!/^[a-z]{3}/.test(term)) usePrefixes = false;
if (usePrefixes) {
  const byPrefix = new Map<number, string[]>();
  for (const term of SORTED_TERMS) {
    const p = prefixOf(term, 0);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), term]);
  }
  for (const [p, terms] of byPrefix) PREFIXES.set(p, termsRegExp(terms));
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (LETTER_OR_DIGIT.test(String.fromCharCode(c))) ASCII_ALNUM[c] = 1;

/** Topic ids whose key terms appear in the text, in table order. `key` is keyOf(cleanText) when the caller has it. */
export function findTopics(cleanText: string, key?: string): string[] {
  const k = key ?? keyOf(cleanText);
  const found = new Set<string>();
  const n = k.length;
  let prev = 32; // code of k[i - 1]
  for (let i = 0; i < n; i++) {
    const before = prev;
    const c = k.charCodeAt(i);
    prev = c;
    // Inside a word (the common case), decided on the previous character alone.
    if (before < 128 ? ASCII_ALNUM[before] === 1 : isLetterOrDigit(k, i - 1)) continue;
    if (c >= 128 || FIRST_CHARS[c] === 0) continue;
    let re = TERMS_RE;
    if (usePrefixes) {
      const own = i + 3 <= n ? PREFIXES.get(prefixOf(k, i)) : undefined;
      if (!own) continue;
      re = own;
    }
    re.lastIndex = i;
    const m = re.exec(k);
    if (!m) continue;
    const id = TERM_TO_TOPIC.get(m[0].replace(/\s+/g, ' ').replace(/' /g, "'"));
    if (id) found.add(id);
    if (found.size === TOPICS.length) break;
    i += m[0].length - 1;
    prev = k.charCodeAt(i);
  }
  for (const s of SOURCES) if (found.has(s.id)) for (const implied of s.implies ?? []) found.add(implied);
  return TOPICS.filter((t) => found.has(t.id)).map((t) => t.id);
}

/** The topic with this id. */
export function topicById(id: string): Topic | undefined {
  return TOPICS.find((t) => t.id === id);
}

/** The character before `i` is a letter or digit (a low surrogate is judged with its high half, as /u does). */
function isLetterOrDigit(k: string, i: number): boolean {
  const c = k.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = k.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER_OR_DIGIT.test(k.slice(i - 1, i + 1));
  }
  return LETTER_OR_DIGIT.test(k[i]);
}
