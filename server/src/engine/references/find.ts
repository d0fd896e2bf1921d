import type { CleanText, ReferenceMention } from '../types';
// STUB — replaced by the references helper.
export function findReferences(_clean: CleanText): ReferenceMention[] {
  return [];
}
