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
    // Entries are kept until the corpus changes. Compared on their counts and names: the acronyms,
    // written forms and years a removed precedent alone wrote are not forgotten (known, left as is).
    entries: refs.map((id) => {
      const e = index.reference(id);
      return e && { id: e.id, name: e.name, count: e.count, docCount: e.docCount, curated: e.curated };
    }),
    occurrences: refs.map((id) => [id, index.referenceOccurrences(id, 0, 1000)]),
    deepPage: refs.map((id) => index.referenceOccurrences(id, 2, 3)),
    topics: TOPICS.map((t) => [t.id, index.topicEvidence(t.id), refs.map((id) => index.topicCitations(t.id, id, 10))]),
    openers: ['réaff', 'reconn', 'soul', 'rappel', 'nous'].map((p) => index.findOpeners(p, 10)),
    // The formulation set is updated from the last one (kept objects, merged order, key index with
    // the new keys beside it): as a set, and as completions, it must be the one mined from scratch.
    formulations: index.formulations().map((f) => `${f.text} ×${f.count} in ${f.docCount}`).sort(),
    continued: ['la Convention des', 'la criminalité', 'Nations Unies', 'de la lutte contre', 'coopération'].map((w) =>
      index.continueFormulation(w, 10).map((c) => c.insert).sort()),
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

  it('prepared while idle: every occurrence list is ordered before the first hover, with the same answers', () => {
    const index = build(seeds);
    const fresh = build(seeds);
    const steps = index.prepareWhileIdle(10);
    let step = steps.next();
    for (; !step.done; step = steps.next());
    assert.equal(step.value, true);
    // Private state read on purpose: "nothing left to sort at the first hover" is the behaviour under test.
    const state = index as unknown as { references: Map<string, { occ: number[] }>; occOrders: WeakMap<number[], unknown> };
    const lists = [...state.references.values()].filter((r) => r.occ.length > 0);
    assert.ok(lists.length > 10 && lists.every((r) => state.occOrders.has(r.occ)));
    assert.deepEqual(answers(index), answers(fresh));
    // A change halfway: it stops, and the change is answered as usual.
    const again = build(seeds);
    const halfway = again.prepareWhileIdle(10);
    halfway.next();
    again.remove(seeds[1].file);
    for (step = halfway.next(); !step.done; step = halfway.next());
    assert.equal(step.value, false);
    assert.deepEqual(answers(again), answers(build([seeds[0], seeds[2], seeds[3], seeds[4]])));
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

  // Reference completion, name resolution and suggestions grow with a change instead of being
  // rebuilt: a new reference must be found at once, and a gone one must stop being offered.
  it('a reference a new precedent brings is completed, resolved and suggested at once, and forgotten when it goes', () => {
    const index = build(seeds);
    index.prepare();
    const varsovie = (): unknown => ({
      completed: index.findReferences('varso', 5).map((m) => m.entry.id),
      resolved: [index.resolveReference('la Convention de Varsovie')?.id ?? null, index.resolveReference('CVCC')?.id ?? null],
      suggested: index.suggestReferences('Convention de Varsovei', 3).map((m) => m.entry.id),
    });
    const before = varsovie();
    assert.deepEqual(before, { completed: [], resolved: [null, null], suggested: index.suggestReferences('Convention de Varsovei', 3).map((m) => m.entry.id) });
    const text = '\n\n- Rappellent la Convention de Varsovie sur la cybercriminalité (CVCC) de 2031 ;\n- Soulignent le rôle de la Convention de Varsovie ;\n';
    const added = { ...edited(seeds[0], text), file: 'varsovie.txt' };
    index.upsert({ docId: added.file, fileName: added.file, bytes: added.bytes, meta: added.meta });
    index.prepare();
    const now = varsovie() as { completed: string[]; resolved: string[]; suggested: string[] };
    assert.deepEqual(now.completed.sort(), ['instrument:convention de varsovie', 'instrument:convention de varsovie sur la cybercriminalite']);
    assert.deepEqual(now.resolved, ['instrument:convention de varsovie', 'instrument:convention de varsovie sur la cybercriminalite']);
    assert.equal(now.suggested[0], 'instrument:convention de varsovie');
    const fresh = build([...seeds, added]);
    assert.deepEqual(now.resolved, [fresh.resolveReference('la Convention de Varsovie')?.id, fresh.resolveReference('CVCC')?.id]);
    assert.deepEqual(now.suggested, fresh.suggestReferences('Convention de Varsovei', 3).map((m) => m.entry.id));
    index.remove(added.file);
    index.prepare();
    assert.deepEqual(varsovie(), before);
  });
});
