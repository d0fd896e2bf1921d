import type { ClauseRole, OpenerForm } from '../types';
// STUB — replaced by the structure helper.
export interface LexiconOpener {
  lemma: string;
  role: ClauseRole;
  /** Known written forms (lower case, exact accents/apostrophes): { participle: "rappelant", ... }. */
  forms: Partial<Record<OpenerForm, string>>;
}
export const OPENER_LEXICON: readonly LexiconOpener[] = [];
