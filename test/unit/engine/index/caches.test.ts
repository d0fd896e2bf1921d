// The index keeps derived answers between queries (sorted occurrence lists, per-topic citation
// counts). These tests prime every cache, change the corpus, and compare with an index built from
// scratch on the final precedents: a stale cache would show as a different answer.
import * as assert from 'node:assert/strict';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';
import { TOPICS } from '../../../../server/src/engine/references/topics';
import { KNOWN_REFERENCES } from '../../../../server/src/engine/references/knowledge';
import { loadSeeds } from './seedCorpus';

type Seed = ReturnType<typeof loadSeeds>[number];

/** Every answer that goes through a cache, for all references and topics. */
function answers(index: PrecedentIndex): unknown {
  const refs = KNOWN_REFERENCES.map((k) => k.id);
  return {
    occurrences: refs.map((id) => [id, index.referenceOccurrences(id, 0, 1000)]),
    deepPage: refs.map((id) => index.referenceOccurrences(id, 2, 3)),
    topics: TOPICS.map((t) => [t.id, index.topicEvidence(t.id), refs.map((id) => index.topicCitations(t.id, id, 10))]),
    openers: ['réaff', 'reconn', 'soul', 'rappel', 'nous'].map((p) => index.findOpeners(p, 10)),
  };
}

function build(seeds: Seed[]): PrecedentIndex {
  const index = new PrecedentIndex();
  for (const s of seeds) assert.ok(index.upsert({ docId: s.file, fileName: s.file, bytes: s.bytes, meta: s.meta }).ok);
  return index;
}

describe('engine/index: answers kept between queries follow every change', () => {
  const seeds = loadSeeds();
  const edited = (s: Seed, suffix: string): Seed => ({ ...s, bytes: new Uint8Array([...s.bytes, ...new TextEncoder().encode(suffix)]) });
  const extra = '\n\n- Rappellent la Convention des Nations Unies contre la criminalité transnationale organisée et l’ONUDC ;\n';

  it('after removals, edits and additions, the same answers as an index built from scratch', () => {
    const index = build(seeds);
    assert.ok(index.referenceOccurrences('unodc', 0, 5).total > 0, 'the seeds cite the UNODC');
    answers(index); // primes every cache
    index.remove(seeds[1].file);
    answers(index);
    const changed = edited(seeds[2], extra);
    index.upsert({ docId: changed.file, fileName: changed.file, bytes: changed.bytes, meta: changed.meta });
    answers(index);
    const back = { ...seeds[1], meta: { ...seeds[1].meta, date: '2030-01-01' } };
    index.upsert({ docId: back.file, fileName: back.file, bytes: back.bytes, meta: back.meta });
    const incremental = answers(index);
    const fresh = build([seeds[0], seeds[3], seeds[4], changed, back]);
    assert.deepEqual(incremental, answers(fresh));
  });

  it('the newest precedent comes first in a reference’s occurrences, also when added last', () => {
    const index = build(seeds);
    const before = index.referenceOccurrences('unodc', 0, 1).items[0];
    const newest = { ...edited(seeds[0], extra), file: 'nouveau.txt', meta: { ...seeds[0].meta, date: '2031-05-01' } };
    index.upsert({ docId: newest.file, fileName: newest.file, bytes: newest.bytes, meta: newest.meta });
    const after = index.referenceOccurrences('unodc', 0, 1);
    assert.equal(after.items[0].docId, 'nouveau.txt');
    assert.notEqual(before.docId, 'nouveau.txt');
    index.remove('nouveau.txt');
    assert.deepEqual(index.referenceOccurrences('unodc', 0, 1).items[0], before);
  });
});
