// The curated knowledge file: instruments and bodies drafters cite, with the exact French form to
// insert, the article it takes, acronyms and other names (French and English). Only facts we are sure
// of: a year or a symbol is left out rather than guessed. Anything not listed here is still found by
// pattern (find.ts); this file only names and links what it finds.
import type { KnownReference, ReferenceType } from '../types';
import { isYear, keyOf, tokenize, type Token } from './tokens';

/** A knowledge entry; `symbols` are document symbols ("MC.DEC/3/05", "S/RES/2178 (2014)", "STCE n° 185"). */
export interface KnownEntry extends KnownReference {
  symbols?: string[];
  /** For organs: the organisation they belong to ("osce", "interpol", "un", "coe"). */
  organisation?: string;
}

const T = {
  cto: 'transnational-organised-crime',
  oc: 'organised-crime',
  ftf: 'foreign-terrorist-fighters',
  terror: 'terrorism',
  thb: 'trafficking-in-human-beings',
  smuggling: 'migrant-smuggling',
  cyber: 'cybercrime',
  corruption: 'corruption',
  laundering: 'money-laundering',
  drugs: 'drug-trafficking',
  firearms: 'firearms',
  borders: 'border-security',
  police: 'international-police-cooperation',
  info: 'information-exchange',
} as const;

function body(id: string, type: ReferenceType, article: string, canonical: string, acronyms: string[], aliases: string[], extra: Partial<KnownEntry> = {}): KnownEntry {
  return { id, kind: 'body', type, canonical, article, acronyms, aliases, ...extra };
}
function instrument(id: string, type: ReferenceType, article: string, canonical: string, acronyms: string[], aliases: string[], extra: Partial<KnownEntry> = {}): KnownEntry {
  return { id, kind: 'instrument', type, canonical, article, acronyms, aliases, ...extra };
}

export const KNOWN_ENTRIES: readonly KnownEntry[] = [
  // ---- Organisations
  body('un', 'organisation', 'l’', 'Organisation des Nations Unies', ['ONU', 'UN'], ['Nations Unies', 'United Nations', 'Organisation des Nations unies', 'United Nations Organization']),
  body('osce', 'organisation', 'l’', 'Organisation pour la sécurité et la coopération en Europe', ['OSCE'], ['Organization for Security and Co-operation in Europe']),
  body('interpol', 'organisation', '', 'INTERPOL', ['OIPC-INTERPOL', 'OIPC', 'ICPO-INTERPOL', 'ICPO'], ['Organisation internationale de police criminelle', 'Organisation internationale de police criminelle-INTERPOL', 'International Criminal Police Organization', 'Interpol']),
  body('coe', 'organisation', 'le', 'Conseil de l’Europe', ['CoE'], ['Council of Europe']),
  body('eu', 'organisation', 'l’', 'Union européenne', ['UE', 'EU'], ['European Union']),
  body('au', 'organisation', 'l’', 'Union africaine', ['UA', 'AU'], ['African Union']),
  body('sco', 'organisation', 'l’', 'Organisation de coopération de Shanghai', ['OCS', 'SCO'], ['Organisation de Shanghai pour la coopération', 'Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization']),
  body('eco', 'organisation', 'l’', 'Organisation de coopération économique', ['ECO'], ['Economic Cooperation Organization']),
  body('gcc', 'organisation', 'le', 'Conseil de coopération du Golfe', ['CCG', 'GCC'], ['Conseil de coopération des États arabes du Golfe', 'Gulf Cooperation Council']),
  body('aimc', 'organisation', 'le', 'Conseil des ministres arabes de l’Intérieur', [], ['Arab Interior Ministers Council', 'Conseil des ministres arabes de l’intérieur']),
  body('wco', 'organisation', 'l’', 'Organisation mondiale des douanes', ['OMD', 'WCO'], ['World Customs Organization']),
  body('fatf', 'organisation', 'le', 'Groupe d’action financière', ['GAFI', 'FATF'], ['Financial Action Task Force'], { topics: [T.laundering] }),
  // ---- Regional police organisations and agencies
  body('afripol', 'organisation', 'le', 'Mécanisme de coopération policière de l’Union africaine', ['AFRIPOL'], ['African Union Mechanism for Police Cooperation'], { topics: [T.police] }),
  body('ameripol', 'organisation', 'la', 'Communauté des polices d’Amérique', ['AMERIPOL'], ['Police Community of the Americas'], { topics: [T.police] }),
  body('aseanapol', 'organisation', '', 'ASEANAPOL', [], ['ASEAN Chiefs of National Police', 'ASEAN National Police'], { topics: [T.police] }),
  body('gccpol', 'organisation', 'l’', 'Organisation de police du Conseil de coopération du Golfe', ['GCCPOL'], ['GCC Police'], { topics: [T.police] }),
  body('unodc', 'agency', 'l’', 'Office des Nations Unies contre la drogue et le crime', ['ONUDC', 'UNODC'], ['United Nations Office on Drugs and Crime'], { topics: [T.drugs, T.cto] }),
  body('europol', 'agency', '', 'Europol', [], ['Agence de l’Union européenne pour la coopération des services répressifs', 'European Union Agency for Law Enforcement Cooperation', 'Office européen de police', 'European Police Office'], { topics: [T.police] }),
  body('frontex', 'agency', '', 'Frontex', [], ['Agence européenne de garde-frontières et de garde-côtes', 'European Border and Coast Guard Agency'], { topics: [T.borders] }),
  body('eurojust', 'agency', '', 'Eurojust', [], ['Agence de l’Union européenne pour la coopération judiciaire en matière pénale', 'European Union Agency for Criminal Justice Cooperation']),
  // ---- Organs
  body('unsc', 'organ', 'le', 'Conseil de sécurité', ['CSNU', 'UNSC'], ['Conseil de sécurité des Nations Unies', 'Conseil de sécurité de l’Organisation des Nations Unies', 'Conseil de sécurité de l’ONU', 'Security Council', 'United Nations Security Council'], { organisation: 'un' }),
  body('unga', 'organ', 'l’', 'Assemblée générale des Nations Unies', ['AGNU', 'UNGA'], ['Assemblée générale de l’Organisation des Nations Unies', 'Assemblée générale de l’ONU', 'United Nations General Assembly'], { organisation: 'un' }),
  body('un-secretary-general', 'organ', 'le', 'Secrétaire général de l’Organisation des Nations Unies', [], ['Secrétaire général des Nations Unies', 'Secrétaire général de l’ONU', 'United Nations Secretary-General'], { organisation: 'un' }),
  body('ctc', 'organ', 'le', 'Comité contre le terrorisme', ['CCT', 'CTC'], ['Counter-Terrorism Committee', 'Comité contre le terrorisme du Conseil de sécurité'], { organisation: 'un', topics: [T.terror] }),
  body('cted', 'organ', 'la', 'Direction exécutive du Comité contre le terrorisme', ['DECT', 'CTED'], ['Counter-Terrorism Committee Executive Directorate'], { organisation: 'un', topics: [T.terror] }),
  body('interpol-general-assembly', 'organ', 'l’', 'Assemblée générale d’INTERPOL', [], ['Assemblée générale de l’OIPC-INTERPOL', 'Assemblée générale de l’Organisation internationale de police criminelle', 'INTERPOL General Assembly'], { organisation: 'interpol' }),
  body('interpol-executive-committee', 'organ', 'le', 'Comité exécutif d’INTERPOL', [], ['Comité exécutif', 'Comité exécutif de l’OIPC-INTERPOL', 'INTERPOL Executive Committee'], { organisation: 'interpol' }),
  body('interpol-secretary-general', 'organ', 'le', 'Secrétaire général d’INTERPOL', [], ['Secrétaire général de l’OIPC-INTERPOL', 'INTERPOL Secretary General'], { organisation: 'interpol' }),
  body('interpol-general-secretariat', 'organ', 'le', 'Secrétariat général d’INTERPOL', [], ['Secrétariat général de l’OIPC-INTERPOL', 'INTERPOL General Secretariat'], { organisation: 'interpol' }),
  body('osce-ministerial-council', 'organ', 'le', 'Conseil ministériel de l’OSCE', [], ['Conseil ministériel', 'OSCE Ministerial Council', 'Ministerial Council'], { organisation: 'osce' }),
  body('osce-permanent-council', 'organ', 'le', 'Conseil permanent de l’OSCE', [], ['Conseil permanent', 'OSCE Permanent Council', 'Permanent Council'], { organisation: 'osce' }),
  body('osce-secretary-general', 'organ', 'le', 'Secrétaire général de l’OSCE', [], ['OSCE Secretary General'], { organisation: 'osce' }),
  body('osce-secretariat', 'organ', 'le', 'Secrétariat de l’OSCE', [], ['OSCE Secretariat'], { organisation: 'osce' }),
  body('osce-spmu', 'organ', 'l’', 'Unité pour les questions stratégiques de police', ['SPMU'], ['Unité responsable des questions de police stratégique', 'Unité de police stratégique', 'Strategic Police Matters Unit'], { organisation: 'osce', topics: [T.police] }),
  body('odihr', 'organ', 'le', 'Bureau des institutions démocratiques et des droits de l’homme', ['BIDDH', 'ODIHR'], ['Office for Democratic Institutions and Human Rights'], { organisation: 'osce' }),
  body('coe-committee-of-ministers', 'organ', 'le', 'Comité des Ministres du Conseil de l’Europe', [], ['Comité des Ministres', 'Committee of Ministers', 'Committee of Ministers of the Council of Europe'], { organisation: 'coe' }),

  // ---- United Nations instruments
  instrument('un-charter', 'charter', 'la', 'Charte des Nations Unies', [], ['Charte de l’Organisation des Nations Unies', 'Charter of the United Nations', 'United Nations Charter'], { year: '1945' }),
  instrument('untoc', 'convention', 'la', 'Convention des Nations Unies contre la criminalité transnationale organisée', ['UNTOC'], ['Convention de Palerme', 'United Nations Convention against Transnational Organized Crime', 'Palermo Convention'], { year: '2000', symbols: ['A/RES/55/25'], topics: [T.cto, T.oc] }),
  instrument('untoc-trafficking-protocol', 'protocol', 'le', 'Protocole additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants', [], ['Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants', 'Protocole additionnel visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants', 'Protocole relatif à la traite des personnes', 'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children', 'Trafficking in Persons Protocol'], { year: '2000', topics: [T.thb, T.cto] }),
  instrument('untoc-smuggling-protocol', 'protocol', 'le', 'Protocole contre le trafic illicite de migrants par terre, air et mer, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée', [], ['Protocole contre le trafic illicite de migrants par terre, air et mer', 'Protocole relatif au trafic illicite de migrants', 'Protocol against the Smuggling of Migrants by Land, Sea and Air'], { year: '2000', topics: [T.smuggling, T.cto] }),
  instrument('untoc-firearms-protocol', 'protocol', 'le', 'Protocole contre la fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée', [], ['Protocole contre la fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions', 'Protocole relatif aux armes à feu', 'Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition', 'Firearms Protocol'], { year: '2001', topics: [T.firearms, T.cto] }),
  instrument('single-convention-1961', 'convention', 'la', 'Convention unique sur les stupéfiants de 1961', [], ['Single Convention on Narcotic Drugs'], { year: '1961', topics: [T.drugs] }),
  instrument('psychotropic-convention-1971', 'convention', 'la', 'Convention sur les substances psychotropes de 1971', [], ['Convention on Psychotropic Substances'], { year: '1971', topics: [T.drugs] }),
  instrument('drug-trafficking-convention-1988', 'convention', 'la', 'Convention des Nations Unies contre le trafic illicite de stupéfiants et de substances psychotropes', [], ['Convention de Vienne de 1988', 'United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances'], { year: '1988', topics: [T.drugs] }),
  instrument('uncac', 'convention', 'la', 'Convention des Nations Unies contre la corruption', ['CNUCC', 'UNCAC'], ['Convention de Mérida', 'United Nations Convention against Corruption', 'Merida Convention'], { year: '2003', symbols: ['A/RES/58/4'], topics: [T.corruption] }),
  instrument('un-gcts', 'strategy', 'la', 'Stratégie antiterroriste mondiale des Nations Unies', [], ['United Nations Global Counter-Terrorism Strategy'], { year: '2006', symbols: ['A/RES/60/288'], topics: [T.terror] }),
  instrument('udhr', 'declaration', 'la', 'Déclaration universelle des droits de l’homme', ['DUDH', 'UDHR'], ['Universal Declaration of Human Rights'], { year: '1948' }),
  instrument('agenda-2030', 'other', 'le', 'Programme de développement durable à l’horizon 2030', [], [], { year: '2015', symbols: ['A/RES/70/1'] }),
  instrument('unsc-1267', 'resolution', 'la', 'résolution 1267 (1999) du Conseil de sécurité', [], [], { year: '1999', symbols: ['S/RES/1267 (1999)'], topics: [T.terror] }),
  instrument('unsc-1373', 'resolution', 'la', 'résolution 1373 (2001) du Conseil de sécurité', [], [], { year: '2001', symbols: ['S/RES/1373 (2001)'], topics: [T.terror] }),
  instrument('unsc-1540', 'resolution', 'la', 'résolution 1540 (2004) du Conseil de sécurité', [], [], { year: '2004', symbols: ['S/RES/1540 (2004)'] }),
  instrument('unsc-2178', 'resolution', 'la', 'résolution 2178 (2014) du Conseil de sécurité', [], [], { year: '2014', symbols: ['S/RES/2178 (2014)'], topics: [T.ftf, T.terror] }),
  instrument('unsc-2396', 'resolution', 'la', 'résolution 2396 (2017) du Conseil de sécurité', [], [], { year: '2017', symbols: ['S/RES/2396 (2017)'], topics: [T.ftf, T.terror] }),
  instrument('unsc-2482', 'resolution', 'la', 'résolution 2482 (2019) du Conseil de sécurité', [], [], { year: '2019', symbols: ['S/RES/2482 (2019)'], topics: [T.terror, T.oc] }),

  // ---- OSCE instruments
  instrument('helsinki-final-act', 'final-act', 'l’', 'Acte final d’Helsinki', [], ['Acte final de la Conférence sur la sécurité et la coopération en Europe', 'Helsinki Final Act'], { year: '1975' }),
  instrument('osce-code-of-conduct', 'code', 'le', 'Code de conduite relatif aux aspects politico-militaires de la sécurité', [], ['Code de conduite de l’OSCE relatif aux aspects politico-militaires de la sécurité', 'Code of Conduct on Politico-Military Aspects of Security'], { year: '1994' }),
  instrument('vienna-document-2011', 'document', 'le', 'Document de Vienne 2011', [], ['Vienna Document 2011'], { year: '2011' }),
  instrument('mc-dec-3-05', 'decision', 'la', 'décision n° 3/05 du Conseil ministériel sur la lutte contre la criminalité transnationale organisée', [], [], { year: '2005', symbols: ['MC.DEC/3/05'], topics: [T.cto] }),
  instrument('mc-dec-5-06', 'decision', 'la', 'décision n° 5/06 du Conseil ministériel sur la criminalité organisée', [], [], { year: '2006', symbols: ['MC.DEC/5/06'], topics: [T.oc] }),
  instrument('osce-police-framework', 'strategy', 'le', 'Cadre stratégique de l’OSCE pour les activités de police', [], ['Concept stratégique de l’OSCE pour les activités de police', 'Concept stratégique de l’OSCE relatif aux activités de police', 'OSCE Strategic Framework for Police-Related Activities'], { year: '2012', symbols: ['PC.DEC/1049'], topics: [T.police] }),
  instrument('osce-ct-framework', 'strategy', 'le', 'Cadre consolidé de l’OSCE pour la lutte contre le terrorisme', [], ['OSCE Consolidated Framework for the Fight against Terrorism'], { year: '2012', symbols: ['PC.DEC/1063'], topics: [T.terror] }),
  instrument('osce-thb-action-plan', 'plan', 'le', 'Plan d’action de l’OSCE pour lutter contre la traite des êtres humains', [], ['OSCE Action Plan to Combat Trafficking in Human Beings'], { year: '2003', symbols: ['PC.DEC/557'], topics: [T.thb] }),
  instrument('osce-democratic-policing-guidebook', 'document', 'le', 'Guide du maintien démocratique de l’ordre', [], ['Guidebook on Democratic Policing', 'Guide de l’OSCE sur le maintien démocratique de l’ordre'], { topics: [T.police] }),
  instrument('polis', 'other', 'le', 'Système d’information en ligne des services de police', ['POLIS'], ['Policing Online Information System', 'Policing OnLine Information System'], { topics: [T.police, T.info] }),
  instrument('interpol-osce-action-plan', 'plan', 'le', 'Plan d’action conjoint INTERPOL-OSCE', [], ['Plan d’action conjoint', 'Plan d’action conjoint OSCE-INTERPOL', 'INTERPOL-OSCE Joint Action Plan'], { year: '2017', topics: [T.police] }),

  // ---- INTERPOL instruments and tools
  instrument('interpol-constitution', 'charter', 'le', 'Statut de l’OIPC-INTERPOL', [], ['Statut d’INTERPOL', 'Statut de l’Organisation internationale de police criminelle', 'Constitution of the ICPO-INTERPOL', 'INTERPOL Constitution'], { year: '1956' }),
  instrument('i-24-7', 'other', 'le', 'système mondial de communication policière sécurisée I-24/7', [], ['I-24/7', 'système I-24/7', 'réseau I-24/7'], { topics: [T.police, T.info] }),

  // ---- Council of Europe instruments
  instrument('budapest-convention', 'convention', 'la', 'Convention sur la cybercriminalité', [], ['Convention de Budapest', 'Convention de Budapest sur la cybercriminalité', 'Convention du Conseil de l’Europe sur la cybercriminalité', 'Convention on Cybercrime', 'Budapest Convention'], { year: '2001', symbols: ['STCE n° 185', 'ETS No. 185'], topics: [T.cyber] }),
  instrument('coe-mutual-assistance-convention', 'convention', 'la', 'Convention européenne d’entraide judiciaire en matière pénale', [], ['European Convention on Mutual Assistance in Criminal Matters'], { year: '1959', symbols: ['STE n° 30', 'ETS No. 30'], topics: [T.police] }),
  instrument('coe-extradition-convention', 'convention', 'la', 'Convention européenne d’extradition', [], ['European Convention on Extradition'], { year: '1957', symbols: ['STE n° 24', 'ETS No. 24'] }),
  instrument('coe-terrorism-convention', 'convention', 'la', 'Convention du Conseil de l’Europe pour la prévention du terrorisme', [], ['Council of Europe Convention on the Prevention of Terrorism'], { year: '2005', symbols: ['STCE n° 196', 'CETS No. 196'], topics: [T.terror] }),
  instrument('coe-convention-108', 'convention', 'la', 'Convention pour la protection des personnes à l’égard du traitement automatisé des données à caractère personnel', [], ['Convention 108', 'Convention for the Protection of Individuals with regard to Automatic Processing of Personal Data'], { year: '1981', symbols: ['STE n° 108', 'ETS No. 108'], topics: [T.info] }),
  instrument('european-code-of-police-ethics', 'code', 'le', 'Code européen d’éthique de la police', [], ['European Code of Police Ethics'], { year: '2001', symbols: ['Rec(2001)10'] }),
];

export const KNOWN_REFERENCES: readonly KnownReference[] = KNOWN_ENTRIES;

/**
 * Organs named the same way in several organisations ("Assemblée générale", "Secrétaire général"):
 * which entry each organisation's use means. A bare mention is resolved by find.ts from the text.
 */
export const SHARED_ORGAN_NAMES: ReadonlyArray<{ name: string; type: ReferenceType; byOrganisation: Readonly<Record<string, string>> }> = [
  { name: 'Assemblée générale', type: 'organ', byOrganisation: { interpol: 'interpol-general-assembly', un: 'unga' } },
  { name: 'Secrétaire général', type: 'organ', byOrganisation: { interpol: 'interpol-secretary-general', osce: 'osce-secretary-general', un: 'un-secretary-general' } },
  { name: 'Secrétariat général', type: 'organ', byOrganisation: { interpol: 'interpol-general-secretariat' } },
  { name: 'Secrétariat', type: 'organ', byOrganisation: { osce: 'osce-secretariat' } },
];

// ---------------------------------------------------------------------------------------------

/** How a token sequence named an entry. */
export type MatchVia = 'canonical' | 'alias' | 'acronym' | 'shared';

export interface TrieMatch {
  entry: KnownEntry | null;
  /** For shared organ names: the table row. */
  shared: (typeof SHARED_ORGAN_NAMES)[number] | null;
  via: MatchVia;
  /** Token index after the match. */
  end: number;
  /** Number of tokens the name has (qualifiers skipped). */
  length: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  hit?: { entry: KnownEntry | null; shared: (typeof SHARED_ORGAN_NAMES)[number] | null; via: MatchVia };
}

/**
 * Year qualifiers are not part of a name for matching: "Convention unique sur les stupéfiants de 1961"
 * and "Code européen 2001 d’éthique de la police" must meet their entries. Marks "YEAR", "de YEAR"
 * and parenthesised "(YEAR)" / "(Budapest 1994)" tokens.
 */
export function qualifierMask(tokens: readonly Token[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'number' && isYear(t.k)) {
      mask[i] = 1;
      const p = tokens[i - 1];
      if (p && (p.k === 'de' || p.k === "d'") && p.type === 'word') mask[i - 1] = 1;
    } else if (t.k === '(' && t.type === 'punct') {
      // "(2000)", "(Budapest 1994)", "(1999)": short bracket holding a year.
      let j = i + 1;
      let year = false;
      while (j < tokens.length && j - i <= 4 && tokens[j].k !== ')' && tokens[j].type !== 'break') {
        if (tokens[j].type === 'number' && isYear(tokens[j].k)) year = true;
        j++;
      }
      if (year && tokens[j]?.k === ')') for (let m = i; m <= j; m++) mask[m] = 1;
    }
  }
  return mask;
}

function nameKeys(name: string): string[] {
  const tokens = tokenize(name);
  const mask = qualifierMask(tokens);
  const keys: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (!mask[i] && tokens[i].type !== 'break') keys.push(tokens[i].k);
  return keys;
}

/** Symbol key: "S/RES/2178 (2014)" and "s/res/2178" meet; "STCE n° 185" and "STCE no 185" meet. */
export function symbolKey(symbol: string): string {
  return keyOf(symbol)
    .replace(/\s*\(\d{4}\)\s*$/, '')
    .replace(/\b(?:n°|no\.?|n\.)\s*/g, 'n ')
    .replace(/\bcets\b/, 'stce')
    .replace(/\bets\b/, 'ste')
    .replace(/\s+/g, ' ')
    .trim();
}

export class KnowledgeBase {
  private readonly root: TrieNode = { next: new Map() };
  private readonly byKey = new Map<string, KnownEntry>();
  private readonly bySymbolKey = new Map<string, KnownEntry>();
  private readonly byIdMap = new Map<string, KnownEntry>();
  /** Name keys claimed by two entries (should stay empty; a test checks). */
  readonly collisions: string[] = [];

  constructor(readonly entries: readonly KnownEntry[]) {
    for (const e of entries) {
      this.byIdMap.set(e.id, e);
      this.add(e.canonical, e, null, 'canonical');
      for (const a of e.aliases) this.add(a, e, null, 'alias');
      for (const a of e.acronyms) this.add(a, e, null, 'acronym');
      for (const s of e.symbols ?? []) this.bySymbolKey.set(symbolKey(s), e);
    }
    for (const s of SHARED_ORGAN_NAMES) this.add(s.name, null, s, 'shared');
  }

  private add(name: string, entry: KnownEntry | null, shared: TrieMatch['shared'], via: MatchVia): void {
    const keys = nameKeys(name);
    if (keys.length === 0) return;
    const flat = keys.join(' ');
    const prior = this.byKey.get(flat);
    if (entry) {
      if (prior && prior !== entry) this.collisions.push(`${name} (${prior.id} / ${entry.id})`);
      if (!prior) this.byKey.set(flat, entry);
    }
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map() };
        node.next.set(k, child);
      }
      node = child;
    }
    if (!node.hit || (node.hit.via !== 'canonical' && via === 'canonical')) node.hit = { entry, shared, via };
  }

  byId(id: string): KnownEntry | undefined {
    return this.byIdMap.get(id);
  }

  /** Entry named exactly (case, accents, apostrophes, year qualifiers ignored) by a canonical name, alias or acronym. */
  lookup(name: string): KnownEntry | undefined {
    return this.byKey.get(nameKeys(name.replace(/^(?:la|le|les|l[’'])\s*/i, '')).join(' '));
  }

  bySymbol(symbol: string): KnownEntry | undefined {
    return this.bySymbolKey.get(symbolKey(symbol));
  }

  /**
   * Longest known name starting at token `start`, skipping tokens `skip` marks (year qualifiers).
   * Linear in the length of the longest name.
   */
  matchAt(tokens: readonly Token[], start: number, skip?: Uint8Array): TrieMatch | null {
    let node: TrieNode | undefined = this.root;
    let best: TrieNode | null = null;
    let bestEnd = 0;
    let bestLength = 0;
    let length = 0;
    let i = start;
    while (i < tokens.length) {
      if (skip && skip[i] && i > start) { i++; continue; }
      const t = tokens[i];
      if (t.type === 'break') break;
      node = node.next.get(t.k);
      if (!node) break;
      length++;
      i++;
      if (node.hit) {
        best = node;
        bestEnd = i;
        bestLength = length;
      }
    }
    if (!best) return null;
    const hit = best.hit!;
    return { entry: hit.entry, shared: hit.shared, via: hit.via, end: bestEnd, length: bestLength };
  }
}

let shared: KnowledgeBase | null = null;
/** The knowledge base over KNOWN_ENTRIES, built once. */
export function knowledge(): KnowledgeBase {
  return (shared ??= new KnowledgeBase(KNOWN_ENTRIES));
}
