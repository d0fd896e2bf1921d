// STUB — replaced by the index helper. The public API of the precedent index.
import type {
  FormulationEntry, IndexedDocument, Match, Occurrence, OpenerEntry, PrecedentMeta, ReferenceEntry, SkippedDocument,
} from './types';

export interface PrecedentInput {
  docId: string;
  /** File name, for inferring a title when there is no metadata. */
  fileName: string;
  bytes: Uint8Array;
  /** Metadata from a manifest; front matter in the file is read too; given fields win. */
  meta?: Partial<PrecedentMeta>;
}

export class PrecedentIndex {
  /** Add or replace one precedent. Returns the skip reason when the file cannot be used. */
  upsert(_input: PrecedentInput): { ok: true } | { ok: false; reason: string } {
    return { ok: false, reason: 'stub' };
  }
  remove(_docId: string): boolean {
    return false;
  }
  documents(): IndexedDocument[] {
    return [];
  }
  skipped(): SkippedDocument[] {
    return [];
  }
  /** Openers whose forms or lemma match the typed prefix (accent/case-insensitive, typo-tolerant). */
  findOpeners(_prefix: string, _limit: number): Match<OpenerEntry>[] {
    return [];
  }
  opener(_lemma: string): OpenerEntry | null {
    return null;
  }
  /** Formulations continuing the words before the cursor (the last may be partial). */
  continueFormulation(_wordsBefore: string, _limit: number): Array<Match<FormulationEntry> & { insert: string }> {
    return [];
  }
  findReferences(_prefix: string, _limit: number): Match<ReferenceEntry>[] {
    return [];
  }
  reference(_id: string): ReferenceEntry | null {
    return null;
  }
  /** Occurrences newest first, paged. */
  referenceOccurrences(_id: string, _offset: number, _limit: number): { total: number; items: Occurrence[] } {
    return { total: 0, items: [] };
  }
  /** Resolve a mention as written to a known reference (exact by name/acronym/alias). */
  resolveReference(_text: string): ReferenceEntry | null {
    return null;
  }
  /** Known references close to a mis-typed name, best first. */
  suggestReferences(_text: string, _limit: number): Match<ReferenceEntry>[] {
    return [];
  }
  /**
   * Concordance: where a word, a formulation or a reference appears in the precedents
   * (accent/case-insensitive), newest precedent first.
   */
  concordance(_query: string, _limit: number): { total: number; items: Occurrence[] } {
    return { total: 0, items: [] };
  }
  /** For a topic: how many precedents address it and, per reference, how many of those cite it. */
  topicEvidence(_topicId: string): { docCount: number; docIds: string[]; references: Array<{ id: string; docCount: number }> } {
    return { docCount: 0, docIds: [], references: [] };
  }
}
