// The queries every engine path and the fuse.js baseline answer, built once and identically.

export type QueryCategory =
  | 'opener-accents' | 'opener-no-accents' | 'opener-typo' | 'formulation-mid-sentence' | 'reference-mid-sentence';

export interface Query {
  category: QueryCategory;
  text: string;
}

const OPENER_WORDS = [
  'Réaffirment', 'Nous réaffirmons', 'Réaffirmant', 'Conscients', 'De soutenir', 'RAPPELANT', 'Décide', 'Considérant',
  'Profondément préoccupés', 'S’engagent à', 'Reconnaissant', 'Encourageant',
];

const FORMULATION_STARTS = [
  'la nécessité de renf', 'l’importance de l’éch', 'le respect des droits de l’h', 'leur profonde inqui',
  'la mise en œuvre intégrale', 'le rôle central de l’Organisation des Nat', 'la necessite de renforcer la coop',
  'les efforts déployés au niveau mon', 'la traite des êtres', 'le blanchiment d’argent et le financ',
];

const REFERENCE_STARTS = [
  'Conv', 'Convention des Nations Unies contre la c', 'ONU', 'INTERP', 'résolution 21', 'S/RES/21', 'décision n° 3',
  'Europ', 'GAF', 'Office des Nations', 'Convnetion de Palerme', 'INTREPOL', 'Acte final d’Hel',
];

export function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** One typo: swap two letters near the end of the prefix (what fast typing produces). */
function typo(prefix: string): string {
  const i = Math.max(1, prefix.length - 2);
  return prefix.slice(0, i) + prefix[i + 1] + prefix[i] + prefix.slice(i + 2);
}

/** Prefixes of 1–10 characters of clause openers, with and without accents, and with one typo. */
export function buildQueries(): Query[] {
  const out: Query[] = [];
  for (const word of OPENER_WORDS) {
    for (let n = 1; n <= 10 && n <= word.length; n++) {
      const prefix = word.slice(0, n);
      out.push({ category: 'opener-accents', text: prefix });
      const folded = foldAccents(prefix).toLowerCase();
      out.push({ category: 'opener-no-accents', text: folded });
      if (n >= 4) out.push({ category: 'opener-typo', text: typo(prefix) });
    }
  }
  for (const text of FORMULATION_STARTS) out.push({ category: 'formulation-mid-sentence', text });
  for (const text of REFERENCE_STARTS) out.push({ category: 'reference-mid-sentence', text });
  return out;
}

export const QUERY_CATEGORIES: QueryCategory[] = [
  'opener-accents', 'opener-no-accents', 'opener-typo', 'formulation-mid-sentence', 'reference-mid-sentence',
];

/** Candidate names for the hover measurement; the most-cited one that resolves is used. */
export const HOVER_CANDIDATES = [
  'OSCE', 'ONUDC', 'INTERPOL', 'Convention des Nations Unies contre la criminalité transnationale organisée', 'Europol',
  'Conseil de l’Europe', 'GAFI',
];
