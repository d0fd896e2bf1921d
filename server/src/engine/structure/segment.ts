import type { CleanText, Clause, Section } from '../types';
// STUB — replaced by the structure helper.
export function segment(_clean: CleanText): { sections: Section[]; clauses: Clause[] } {
  return { sections: [], clauses: [] };
}
