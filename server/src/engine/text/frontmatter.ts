import type { PrecedentMeta } from '../types';
// STUB — replaced by the text-cleanup helper.
export interface FrontMatter {
  meta: Partial<PrecedentMeta>;
  /** Offset in the original text where the body starts (after the closing ---), 0 without front matter. */
  bodyStart: number;
  errors: string[];
}
export function readFrontMatter(_original: string): FrontMatter {
  return { meta: {}, bodyStart: 0, errors: [] };
}
/** Complete metadata: what was given wins; title (first heading line) and date (first date) are inferred otherwise. */
export function completeMeta(given: Partial<PrecedentMeta>, cleanText: string, fileName: string): PrecedentMeta {
  return {
    title: given.title ?? fileName, date: given.date ?? null, body: given.body ?? null, place: given.place ?? null,
    kind: given.kind ?? null, language: given.language ?? 'fr', inferred: given.title ? [] : ['title'],
  };
}
