// The standard clause openers of French institutional drafting (UN General Assembly and Security
// Council resolutions, OSCE decisions and declarations, INTERPOL resolutions, Council of Europe
// texts). Preambular openers are listed in the form the preamble uses (participle or adjective);
// operative openers in the finite and infinitive forms of the operative part. The same verb may
// appear in both lists ("Rappelant" / "Rappelle").
import type { ClauseRole, OpenerForm } from '../types';
import { conjugate, isOpenerAdjective, normalizeWord } from './conjugate';

export interface LexiconOpener {
  lemma: string;
  role: ClauseRole;
  /**
   * Known written forms (lower case, exact accents, ’ apostrophes): { participle: "rappelant", ... }.
   * Adjectives list their masculine singular under past-participle; agree them with
   * conjugate(lemma, 'past-participle', { person }). Pronominal first-plural forms omit the
   * subject ("nous engageons à"): the caller writes "Nous ".
   */
  forms: Partial<Record<OpenerForm, string>>;
  /** Words the formulation always carries after (or, for `before`, before) the verb: "avec préoccupation", "à". */
  qualifier?: string;
  /** Adverb written before an adjective: "profondément" in "Profondément préoccupés". */
  before?: string;
  kind: 'verb' | 'adjective';
}

/**
 * Complements that belong to the formulation rather than to the clause's content. With `lemma`
 * they are part of the lemma ("Prenant note" → "prendre note"); without, they are kept in the
 * opener text only ("S’engagent à" → "s’engager").
 */
export const FIXED_COMPLEMENTS: Readonly<Record<string, ReadonlyArray<{ words: string; lemma?: string }>>> = {
  prendre: [
    { words: 'note', lemma: 'prendre note' },
    { words: 'acte', lemma: 'prendre acte' },
    { words: 'en considération', lemma: 'prendre en considération' },
    { words: 'en compte', lemma: 'prendre en compte' },
  ],
  tenir: [{ words: 'compte', lemma: 'tenir compte' }],
  avoir: [
    { words: 'à l’esprit', lemma: 'avoir à l’esprit' },
    { words: 'présent à l’esprit', lemma: 'avoir présent à l’esprit' },
  ],
  garder: [{ words: 'à l’esprit', lemma: 'garder à l’esprit' }],
  mettre: [{ words: 'l’accent', lemma: 'mettre l’accent' }],
  's’engager': [{ words: 'à' }],
  insister: [{ words: 'sur' }],
  souscrire: [{ words: 'à' }],
  guidé: [{ words: 'par' }],
  inspiré: [{ words: 'par' }],
  animé: [{ words: 'par' }],
};

/** Adverbial phrases that extend an opener after its verb: "Saluant également", "Nous nous engageons de nouveau à". */
export const OPENER_ADVERBS: readonly string[] = [
  'également', 'en outre', 'aussi', 'de nouveau', 'à nouveau', 'encore', 'une fois de plus', 'une nouvelle fois',
  'une fois encore', 'par ailleurs', 'de même', 'vivement', 'instamment', 'fermement', 'énergiquement',
  'résolument', 'pleinement', 'sincèrement', 'chaleureusement', 'solennellement', 'catégoriquement',
  'unanimement', 'favorablement', 'avec préoccupation', 'avec inquiétude', 'avec satisfaction', 'avec appréciation',
  'avec intérêt', 'avec regret', 'avec gratitude', 'avec reconnaissance', 'avec force', 'avec fermeté',
  'avec une vive préoccupation', 'avec une profonde préoccupation', 'avec une grande préoccupation',
  'avec une grave préoccupation', 'avec une vive inquiétude', 'avec une profonde inquiétude',
  'avec une grande inquiétude', 'avec une grande satisfaction', 'avec une vive satisfaction',
  'avec une profonde gratitude', 'avec une profonde reconnaissance',
];

/** Adverbs written before an adjective or participle: "Profondément préoccupés", "Gravement alarmés". */
export const OPENER_PRE_ADVERBS: readonly string[] = [
  'profondément', 'vivement', 'gravement', 'sérieusement', 'extrêmement', 'très', 'fermement', 'pleinement',
  'particulièrement', 'également', 'sincèrement', 'hautement', 'toujours', 'aussi',
];

/** Possessive + noun (+ adjective) after "exprimer": "Exprimant leur préoccupation particulière". */
export const EXPRESSED_FEELINGS: readonly string[] = [
  'préoccupation', 'préoccupations', 'inquiétude', 'inquiétudes', 'gratitude', 'satisfaction', 'reconnaissance',
  'appréciation', 'soutien', 'appui', 'attachement', 'engagement', 'solidarité', 'sympathie', 'condoléances',
  'remerciements', 'regret', 'regrets', 'indignation', 'consternation', 'profonde', 'profond', 'vive', 'vif',
  'grave', 'sérieuse', 'particulière', 'sincère', 'sincères', 'plein', 'pleine', 'entier', 'entière', 'total',
  'totale', 'ferme', 'grande', 'vifs', 'vives', 'profondes', 'chaleureux', 'chaleureuse', 'chaleureuses',
];

type Spec = string | [lemma: string, qualifier: string] | { lemma: string; before: string };

/** Preambular openers (participles and adjectives). */
const PREAMBULAR: readonly Spec[] = [
  'affirmer', 'agir', 'alarmé', ['accueillir', 'avec satisfaction'], 'accueillir', 'appuyer', 'attaché',
  'avoir à l’esprit', 'avoir présent à l’esprit', 'condamner', 'confirmer', 'conscient', 'considérer',
  'constater', ['constater', 'avec préoccupation'], ['constater', 'avec inquiétude'], ['constater', 'avec satisfaction'],
  'convaincu', 'déplorer', 'désireux', 'déterminé', 'encourager', 'estimer', 'exprimer', 'garder à l’esprit',
  'guidé', 'inquiet', 'insister', 'mettre l’accent', 'noter', ['noter', 'avec satisfaction'],
  ['noter', 'avec préoccupation'], 'observer', 'persuadé', 'préoccupé', { lemma: 'préoccupé', before: 'profondément' },
  { lemma: 'alarmé', before: 'gravement' }, 'prendre note', ['prendre note', 'avec satisfaction'], 'prendre acte',
  'rappeler', ['rappeler', 'en outre'], ['rappeler', 'également'], 'réaffirmer', 'reconnaître',
  ['reconnaître', 'également'], 'réitérer', 'résolu', 'saluer', ['saluer', 'également'], 'se féliciter',
  'se réjouir', 'soucieux', 'souhaiter', 'souligner', 'tenir compte', 'demeurer', 'examiner',
];

/** Operative openers (finite verbs, "de" + infinitive). */
const OPERATIVE: readonly Spec[] = [
  'accueillir', ['accueillir', 'avec satisfaction'], 'adopter', 'affirmer', 'appeler', 'apprécier', 'approuver',
  'appuyer', 'autoriser', 'charger', 'condamner', ['condamner', 'fermement'], 'confirmer', 'considérer', 'constater',
  'convenir', 'décider', 'déclarer', 'demander', ['demander', 'instamment'], 'déplorer', 'encourager',
  ['encourager', 'vivement'], 'engager', 'entériner', 'estimer', 'exhorter', 'exiger', 'exprimer', 'insister',
  'inviter', 'mandater', 'noter', 'prendre acte', 'prendre note', 'prier', ['prier', 'instamment'], 'proclamer',
  'promouvoir', 'proposer', 'rappeler', 'réaffirmer', 'recommander', 'reconnaître', 'regretter', 'réitérer',
  'remercier', 'renforcer', 'renouveler', 'saluer', 's’efforcer', 's’engager', 'se féliciter',
  'se réjouir', 'soutenir', 'souhaiter', 'souligner', 'souscrire', 'tenir compte', 'établir', 'continuer',
];

function build(spec: Spec, role: ClauseRole): LexiconOpener {
  const lemma = normalizeWord(typeof spec === 'string' ? spec : Array.isArray(spec) ? spec[0] : spec.lemma);
  const qualifier = Array.isArray(spec) ? spec[1] : undefined;
  const before = typeof spec === 'object' && !Array.isArray(spec) ? spec.before : undefined;
  const fixed = FIXED_COMPLEMENTS[lemma.split(' ')[0]]?.find((c) => !c.lemma) ?? FIXED_COMPLEMENTS[lemma]?.find((c) => !c.lemma);
  const after = [qualifier, fixed?.words].filter((w): w is string => !!w).join(' ');
  const write = (form: OpenerForm): string | undefined => {
    const core = conjugate(lemma, form);
    if (core === null) return undefined;
    const text = [before, core].filter((w) => !!w).join(' ');
    // Adverbs follow the verb, fixed complements close the formulation: "s’engagent de nouveau à".
    return after ? `${text} ${after}` : text;
  };
  const adjective = isOpenerAdjective(lemma.split(' ')[0]);
  const formsWanted: OpenerForm[] = adjective
    ? ['past-participle']
    : role === 'preambular'
      ? ['participle']
      : ['third-plural', 'third-singular', 'first-plural', 'infinitive'];
  const forms: Partial<Record<OpenerForm, string>> = {};
  for (const form of formsWanted) {
    const written = write(form);
    if (written !== undefined) forms[form] = written;
  }
  const entry: LexiconOpener = { lemma, role, forms, kind: adjective ? 'adjective' : 'verb' };
  if (qualifier) entry.qualifier = qualifier;
  if (before) entry.before = before;
  return entry;
}

export const OPENER_LEXICON: readonly LexiconOpener[] = [
  ...PREAMBULAR.map((s) => build(s, 'preambular')),
  ...OPERATIVE.map((s) => build(s, 'operative')),
];
