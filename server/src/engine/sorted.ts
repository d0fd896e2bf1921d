// Sorted lists kept across changes: what survives a change stays in order, only what it brought
// is sorted, then both are merged (a million formulations, tens of thousands of references).

/** `kept` and `placed`, each already in `order`, merged into one list in that order (ties: kept first). */
export function mergeSorted<T>(kept: readonly T[], placed: readonly T[], order: (a: T, b: T) => number): T[] {
  const out = new Array<T>(kept.length + placed.length);
  for (let i = 0, a = 0, b = 0; i < out.length; i++) {
    out[i] = b >= placed.length || (a < kept.length && order(kept[a], placed[b]) <= 0) ? kept[a++] : placed[b++];
  }
  return out;
}
