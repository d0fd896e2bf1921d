// What the features share: the corpus index, how a precedent id becomes a URI, precedent metadata.
import type { PrecedentIndex } from '../engine/corpus';
import type { PrecedentMeta } from '../engine/types';

export interface FeatureContext {
  index: PrecedentIndex;
  /** URI of a precedent for links and locations (the host indexes with URIs, or paths). */
  uriOf(docId: string): string;
  meta(docId: string): PrecedentMeta | undefined;
}

/** Metadata lookups cached until the corpus changes (index.documents() walks every precedent). */
export class MetaCache {
  private byId: Map<string, PrecedentMeta> | null = null;
  constructor(private readonly index: PrecedentIndex) {}
  get(docId: string): PrecedentMeta | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const d of this.index.documents()) this.byId.set(d.docId, d.meta);
    }
    return this.byId.get(docId);
  }
  invalidate(): void {
    this.byId = null;
  }
}
