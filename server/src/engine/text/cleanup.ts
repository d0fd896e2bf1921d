import type { CleanText } from '../types';
// STUB — replaced by the text-cleanup helper.
export function cleanup(original: string): CleanText {
  const origin = new Int32Array(original.length + 1);
  for (let i = 0; i <= original.length; i++) origin[i] = i;
  return { text: original, origin, repairs: [] };
}
