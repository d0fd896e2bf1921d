import type { OpenerForm } from '../types';
// STUB — replaced by the structure helper.
/** The lemma in the requested form, lower case ("réaffirmer", "first-plural" → "réaffirmons"); null when it cannot be formed. */
export function conjugate(_lemma: string, _form: OpenerForm): string | null {
  return null;
}
