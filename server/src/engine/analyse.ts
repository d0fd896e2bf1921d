// One text in, its structure out: cleanup, segmentation, references, topics. Used for precedents
// (by the index) and for drafts (by the features), so both are read the same way.
import type { AnalysedText } from './types';
import { cleanup } from './text/cleanup';
import { computeLineStarts } from './text/lines';
import { segment } from './structure/segment';
import { findReferences } from './references/find';
import { findTopics } from './references/topics';
import { keyOf } from './references/tokens';

export function analyseText(original: string): AnalysedText {
  const clean = cleanup(original);
  const { sections, clauses } = segment(clean);
  // One fold of the clean text for both the citation finder and the topic table.
  const key = keyOf(clean.text);
  const references = findReferences(clean, key);
  const topics = findTopics(clean.text, key);
  return { original, lineStarts: computeLineStarts(original), clean, sections, clauses, references, topics };
}
