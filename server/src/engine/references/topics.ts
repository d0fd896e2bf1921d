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
const ALTERNATION = [...TERM_TO_TOPIC.keys()]
  .sort((a, b) => b.length - a.length)
  .map((term) => term.split(' ').map(escape).join('\\s+').replace(/'/g, "'\\s*"))
  .join('|');
const TERMS_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ALTERNATION})(?![\\p{L}\\p{N}])`, 'gu');

/** Topic ids whose key terms appear in the text, in table order. */
export function findTopics(cleanText: string): string[] {
  const k = keyOf(cleanText);
  const found = new Set<string>();
  for (const m of k.matchAll(TERMS_RE)) {
    const id = TERM_TO_TOPIC.get(m[0].replace(/\s+/g, ' ').replace(/' /g, "'"));
    if (id) found.add(id);
    if (found.size === TOPICS.length) break;
  }
  for (const s of SOURCES) if (found.has(s.id)) for (const implied of s.implies ?? []) found.add(implied);
  return TOPICS.filter((t) => found.has(t.id)).map((t) => t.id);
}

/** The topic with this id. */
export function topicById(id: string): Topic | undefined {
  return TOPICS.find((t) => t.id === id);
}
