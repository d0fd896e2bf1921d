// One text in, its structure out: cleanup, segmentation, references, topics. Used for precedents
// (by the index) and for drafts (by the features), so both are read the same way.
import type { AnalysedText } from './types';
import { cleanup } from './text/cleanup';
import { computeLineStarts } from './text/lines';
import { segment } from './structure/segment';
import { findReferences } from './references/find';
import { findTopics } from './references/topics';

export function analyseText(original: string): AnalysedText {
  const clean = cleanup(original);
  const { sections, clauses } = segment(clean);
  const references = findReferences(clean);
  const topics = findTopics(clean.text);
  return { original, lineStarts: computeLineStarts(original), clean, sections, clauses, references, topics };
}
