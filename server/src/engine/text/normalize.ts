// STUB — replaced by the text-cleanup helper.
/** Fold for matching only: case, accents, apostrophes, spaces, ligatures. Never shown or inserted. */
export function fold(s: string): string {
  return s.toLowerCase();
}
/** Fold, keeping for each folded character the index of the source character it came from. */
export function foldWithMap(s: string): { folded: string; origin: Int32Array } {
  const folded = fold(s);
  const origin = new Int32Array(folded.length + 1);
  for (let i = 0; i <= folded.length; i++) origin[i] = Math.min(i, s.length);
  return { folded, origin };
}
