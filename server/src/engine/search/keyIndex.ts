import type { Match } from '../types';
// STUB — replaced by the index helper.
/** A sorted index of folded keys with prefix and typo-tolerant lookup. */
export class KeyIndex<T> {
  constructor(_entries: Iterable<{ key: string; entry: T; weight?: number }>) {}
  lookup(_query: string, _options: { limit: number; fuzzy?: boolean }): Match<T>[] {
    return [];
  }
}
