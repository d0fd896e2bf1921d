import type { Voice } from '../types';
// STUB — replaced by the structure helper.
/** The speaking subject introduced by a heading or an opening sentence, if any. */
export function detectVoice(_text: string): Voice {
  return { subject: null, person: null };
}
