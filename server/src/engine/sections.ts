// A typed array of a persisted index that is held in parts: saved as one section, read back as one
// array (see persist.ts). At 100,000 precedents the word lists of every precedent (600 MB) and
// the postings of every word were first copied into one array each, then the whole index again
// into one 2.5 GB buffer, before a byte was written; parts are written as they are.

export type SectionKind = 'u8' | 'u16' | 'u32' | 'i32';

type PartArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

export class JoinedSection<T extends PartArray> {
  /**
   * `parts`, in order: arrays of the section's kind, or a number of zero elements between them
   * (room left for growth, a precedent without lengths yet). `length` is their sum, in elements.
   */
  constructor(readonly kind: SectionKind, readonly parts: ReadonlyArray<T | number>, readonly length: number) {}

  static of<T extends PartArray>(kind: SectionKind, parts: ReadonlyArray<T | number>): JoinedSection<T> {
    let length = 0;
    for (const p of parts) length += typeof p === 'number' ? p : p.length;
    return new JoinedSection(kind, parts, length);
  }
}

/**
 * The section as one array: read back from bytes it is one already; held in parts (an index's
 * state restored in memory, without bytes: tests, fromSaved()), the parts are joined in a copy.
 */
export function wholeArray<T extends PartArray>(section: T | JoinedSection<T>, make: (length: number) => T): T {
  if (!(section instanceof JoinedSection)) return section;
  const out = make(section.length);
  let at = 0;
  for (const p of section.parts) {
    if (typeof p !== 'number') out.set(p, at);
    at += typeof p === 'number' ? p : p.length;
  }
  return out;
}
