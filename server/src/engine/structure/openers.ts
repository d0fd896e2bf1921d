import type { OpenerForm } from '../types';
// STUB — replaced by the structure helper.
export interface DetectedOpener {
  /** As written. */
  text: string;
  lemma: string;
  form: OpenerForm;
  /** Offset in the given string where the opener starts (after label/bullet/whitespace). */
  start: number;
}
/** The opener at the start of a clause body, or null when the clause does not open with one. */
export function detectOpener(_clauseText: string): DetectedOpener | null {
  return null;
}
