import * as assert from 'node:assert/strict';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';
import { foldKey } from '../../../../server/src/engine/search/keyIndex';
import { TOPICS } from '../../../../server/src/engine/references/topics';
import { KNOWN_REFERENCES } from '../../../../server/src/engine/references/knowledge';
import { decodeIndex, encodeIndex } from '../../../../server/src/engine/persist';
import { loadSeeds } from './seedCorpus';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const DECLARATION = [
  'DÉCLARATION DES CHEFS DE POLICE',
  '',
  'Les chefs de police,',
  '',
  '- Réaffirment la nécessité de renforcer la coopération policière internationale ;',
  '',
  '- Réaffirment leur engagement en faveur de la coopération policière internationale ;',
  '',
  '- Reconnaissent le rôle de l’OSCE dans la lutte contre la criminalité transnationale organisée.',
  '',
].join('\n');

const REVISED = [
  'DÉCLARATION DES CHEFS DE POLICE',
  '',
  'Les chefs de police,',
  '',
  '- Réaffirment la nécessité de renforcer la coopération policière internationale ;',
  '',
  '- Soulignent le rôle de l’OSCE.',
  '',
].join('\n');

function seedIndex(): PrecedentIndex {
  const index = new PrecedentIndex();
  for (const seed of loadSeeds()) {
    const r = index.upsert({ docId: seed.file, fileName: seed.file, bytes: seed.bytes, meta: seed.meta });
    assert.ok(r.ok, `${seed.file}: ${r.ok ? '' : r.reason}`);
  }
  return index;
}

describe('engine/corpus: PrecedentIndex documents', () => {
  it('skips unusable files with a clear reason and lists them', () => {
    const index = new PrecedentIndex();
    const binary = index.upsert({ docId: 'scan.pdf', fileName: 'scan.pdf', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 0, 0xff, 0x00, 0x13, 0x07]) });
    const empty = index.upsert({ docId: 'vide.txt', fileName: 'vide.txt', bytes: utf8(' \n\u00a0\n') });
    assert.equal(binary.ok, false);
    assert.equal(empty.ok, false);
    assert.match(binary.ok ? '' : binary.reason, /binar|text/i);
    assert.match(empty.ok ? '' : empty.reason, /empty|vide|no text/i);
    assert.deepEqual(index.skipped().map((s) => s.docId).sort(), ['scan.pdf', 'vide.txt']);
    assert.deepEqual(index.documents(), []);
    // Fixed on disk: indexed, and no longer listed as skipped.
    assert.ok(index.upsert({ docId: 'vide.txt', fileName: 'vide.txt', bytes: utf8(DECLARATION) }).ok);
    assert.deepEqual(index.skipped().map((s) => s.docId), ['scan.pdf']);
    assert.equal(index.documents().length, 1);
  });

  it('takes metadata from the manifest, front matter winning when a file has both', () => {
    const index = new PrecedentIndex();
    const withFront = `---\ntitle: Déclaration de Vienne\ndate: 2018-12-07\n---\n${DECLARATION}`;
    index.upsert({ docId: 'a', fileName: 'a.txt', bytes: utf8(DECLARATION), meta: { title: 'Manifeste', date: '2010-01-01' } });
    index.upsert({ docId: 'b', fileName: 'b.txt', bytes: utf8(withFront), meta: { title: 'Manifeste', date: '2010-01-01' } });
    const docs = new Map(index.documents().map((d) => [d.docId, d.meta]));
    assert.equal(docs.get('a')?.title, 'Manifeste');
    assert.equal(docs.get('a')?.date, '2010-01-01');
    assert.equal(docs.get('b')?.title, 'Déclaration de Vienne');
    assert.equal(docs.get('b')?.date, '2018-12-07');
  });

  it('counts precedents, clauses and citations as documents() lists them, before and after a removal', () => {
    const index = seedIndex();
    const sums = (): { documents: number; clauses: number; references: number } => {
      const docs = index.documents();
      return { documents: docs.length, clauses: docs.reduce((n, d) => n + d.clauseCount, 0), references: docs.reduce((n, d) => n + d.referenceCount, 0) };
    };
    const before = index.documentTotals();
    assert.deepEqual(before, sums());
    assert.ok(before.documents === loadSeeds().length && before.clauses > 50 && before.references > 20, JSON.stringify(before));
    assert.ok(index.remove(index.documents()[0].docId));
    assert.deepEqual(index.documentTotals(), sums());
    assert.equal(index.documentTotals().documents, before.documents - 1);
  });

  it('replacing and removing a precedent updates concordance counts without a rebuild', () => {
    const index = new PrecedentIndex();
    index.upsert({ docId: 'd1', fileName: 'd1.txt', bytes: utf8(DECLARATION), meta: { date: '2006-11-24' } });
    index.upsert({ docId: 'd2', fileName: 'd2.txt', bytes: utf8(DECLARATION), meta: { date: '2014-11-04' } });
    assert.equal(index.concordance('coopération policière internationale', 10).total, 4);
    const first = index.concordance('COOPERATION policiere', 1);
    assert.equal(first.items[0].docId, 'd2', 'newest precedent first');
    const o = first.items[0];
    assert.equal(foldKey(o.quote.slice(o.quoteSpan.start, o.quoteSpan.end)), foldKey('coopération policière'));
    assert.equal(o.range.start.line, 4);
    index.upsert({ docId: 'd2', fileName: 'd2.txt', bytes: utf8(REVISED), meta: { date: '2014-11-04' } });
    assert.equal(index.concordance('coopération policière internationale', 10).total, 3);
    assert.ok(index.remove('d1'));
    assert.equal(index.concordance('coopération policière internationale', 10).total, 1);
    assert.equal(index.remove('d1'), false);
    assert.deepEqual(index.documents().map((d) => d.docId), ['d2']);
  });

  it('replacing and removing a precedent updates opener counts', () => {
    const index = new PrecedentIndex();
    index.upsert({ docId: 'd1', fileName: 'd1.txt', bytes: utf8(DECLARATION) });
    index.upsert({ docId: 'd2', fileName: 'd2.txt', bytes: utf8(DECLARATION) });
    assert.equal(index.opener('réaffirmer')?.count, 4);
    assert.equal(index.opener('réaffirmer')?.forms[0].docCount, 2);
    index.upsert({ docId: 'd2', fileName: 'd2.txt', bytes: utf8(REVISED) });
    assert.equal(index.opener('réaffirmer')?.count, 3);
    index.remove('d1');
    assert.equal(index.opener('réaffirmer')?.count ?? 0, 1);
    assert.equal(index.opener('reconnaître')?.count ?? 0, 0);
    index.remove('d2');
    assert.equal(index.opener('réaffirmer')?.count ?? 0, 0);
  });
});

// After a bulk build, prepare() trims what the build grew for precedents still to come: lists
// grown by doubling, and each precedent's own arrays. Answers and changes must be as before.
describe('engine/corpus: prepare() after a bulk build', function () {
  this.timeout(20_000);
  type Internals = {
    postDocs: Array<Int32Array | undefined>; postLen: number[];
    references: Map<string, { occ: { data: Int32Array; length: number } }>;
    docs: Array<{ alive: boolean; packed?: object | null; openers: unknown[]; references: unknown[] }>;
  };
  const internals = (index: PrecedentIndex): Internals => index as unknown as Internals;
  const texts = new Map<string, Uint8Array>();
  const copies = (index: PrecedentIndex): void => {
    for (let k = 0; k < 24; k++) {
      for (const seed of loadSeeds()) {
        texts.set(`${k}-${seed.file}`, seed.bytes);
        assert.ok(index.upsert({ docId: `${k}-${seed.file}`, fileName: seed.file, bytes: seed.bytes, meta: seed.meta }).ok);
      }
    }
  };
  const answers = (index: PrecedentIndex): unknown => ({
    documents: index.documents(),
    concordance: ['coopération policière', 'criminalité organisée', 'terrorisme'].map((q) => index.concordance(q, 30)),
    // By id: the ranking of findReferences() may differ after changes between an index that made
    // its key index before them and one that made it after (weights are counts when it was made).
    citations: ['osce', 'interpol', 'un', 'unodc', 'untoc', 'osce-ministerial-council', 'europol'].map((id) => index.referenceOccurrences(id, 0, 30)),
    openers: index.findOpeners('reaff', 5),
    formulations: index.formulations(20),
    topics: TOPICS.map((t) => index.topicEvidence(t.id)),
  });
  const changes = (index: PrecedentIndex): void => {
    assert.ok(index.remove(`3-${loadSeeds()[0].file}`));
    for (let k = 0; k < 30; k++) {
      assert.ok(index.upsert({ docId: `new-${k}`, fileName: 'new.txt', bytes: utf8(DECLARATION) }).ok);
      texts.set(`new-${k}`, utf8(DECLARATION));
    }
  };
  const twins = (): [PrecedentIndex, PrecedentIndex] => {
    const [prepared, built] = [new PrecedentIndex(), new PrecedentIndex()];
    copies(prepared);
    copies(built);
    return [prepared, built];
  };

  it('cuts the word and citation lists to their room', () => {
    const room = (n: number): number => n + Math.max(4, n >>> 4);
    const spare = (index: PrecedentIndex): { words: number; citations: number } => {
      const l = internals(index);
      let words = 0;
      l.postDocs.forEach((d, id) => (words += d ? d.length - room(l.postLen[id]) : 0));
      let citations = 0;
      for (const a of l.references.values()) citations += Math.max(0, a.occ.data.length - 3 * room(a.occ.length / 3));
      return { words, citations };
    };
    const [prepared, built] = twins();
    const before = spare(prepared);
    assert.ok(before.words > 1000 && before.citations > 1000, JSON.stringify(before));
    prepared.prepare();
    const after = spare(prepared);
    assert.ok(after.words <= 0 && after.citations <= 0, JSON.stringify(after));
    assert.deepEqual(answers(prepared), answers(built));
    for (const index of [prepared, built]) changes(index);
    assert.deepEqual(answers(prepared), answers(built));
  });

  it('packs each precedent’s lists into shared tables; removals, later precedents and a save read them as before', () => {
    const [prepared, built] = twins();
    prepared.prepare();
    const docs = internals(prepared).docs;
    assert.ok(docs.length === 120 && docs.every((d) => d.packed && d.openers.length === 0 && d.references.length === 0));
    assert.deepEqual(answers(prepared), answers(built));
    for (const index of [prepared, built]) changes(index);
    assert.deepEqual(answers(prepared), answers(built));
    // Unpacked by the removal: the record that went; the new ones hold their own lists until the next prepare().
    assert.equal(docs.filter((d) => !d.packed).length, 31);
    prepared.prepare();
    assert.equal(docs.filter((d) => d.alive && !d.packed).length, 0);
    const readText = (id: string): string | null => (texts.has(id) ? new TextDecoder().decode(texts.get(id)) : null);
    const [a, b] = [prepared, built].map((i) => decodeIndex(encodeIndex(i, 'test', null), 'test', { readText }));
    assert.ok(a.ok && b.ok);
    assert.deepEqual(answers(a.index), answers(b.index));
    assert.deepEqual(answers(a.index), answers(built));
    for (const index of [a.index, b.index]) assert.ok(index.remove(`5-${loadSeeds()[1].file}`));
    assert.deepEqual(answers(a.index), answers(b.index));
  });

  // The caller's collection runs where the heap holds much that is dead: before a bulk mining
  // pass (what reading left), and after it, before the set is worked out (the pass's tables, copied
  // to fitted ones). Not for a change of a few precedents (a full collection at 100k is ~1.5 s),
  // nor after a load from the saved index.
  it('asks for the caller’s collection before and after the mining pass of a build only', () => {
    const index = new PrecedentIndex();
    copies(index);
    const minedAtCollection: Array<[number, boolean]> = [];
    const miner = (index as unknown as { miner: { pending: Set<number>; hasFormulations(): boolean } }).miner;
    const collect = (): void => {
      minedAtCollection.push([miner.pending.size, miner.hasFormulations()]);
    };
    index.prepare({ collect });
    assert.deepEqual(minedAtCollection, [[120, false], [0, false]]);
    assert.ok(index.formulations(5).length === 5);
    changes(index);
    index.prepare({ collect });
    assert.equal(minedAtCollection.length, 2, 'no collection for 31 changed precedents');
    const loaded = decodeIndex(encodeIndex(index, 'test', null), 'test', { readText: (id) => (texts.has(id) ? new TextDecoder().decode(texts.get(id)) : null) });
    assert.ok(loaded.ok);
    let afterLoad = 0;
    loaded.index.prepare({ collect: () => afterLoad++ });
    assert.equal(afterLoad, 0);
  });
});

describe('engine/corpus: queries over the seed precedents', () => {
  let index: PrecedentIndex;
  before(() => {
    index = seedIndex();
  });

  it('findOpeners("reaffirm") returns réaffirmer with the forms the precedents wrote', () => {
    const m = index.findOpeners('reaffirm', 5);
    assert.equal(m[0]?.entry.lemma, 'réaffirmer');
    const texts = m[0].entry.forms.map((f) => f.text);
    assert.ok(texts.includes('Réaffirment'), texts.join(' / '));
    assert.ok(m[0].entry.forms.some((f) => f.form === 'first-plural'), texts.join(' / '));
    assert.ok(m[0].entry.count >= 3);
    assert.equal(index.findOpeners('reafirm', 5)[0]?.entry.lemma, 'réaffirmer', 'typo tolerated');
  });

  const continuations: Array<[string, string]> = [
    ['1. Nous, Ministres, rappelons la Convention des Nations Unies', ' contre la criminalité transnationale organisée'],
    ['De nous efforcer de réduire, dans toute la mesure', ' du possible et lorsqu’il y a lieu'],
    ['De nous efforcer de réduire, dans toute la mesure ', 'du possible et lorsqu’il y a lieu'],
    ['De nous efforcer de réduire, dans toute la mes', 'ure du possible et lorsqu’il y a lieu'],
    ['le travail des services chargés de l’', 'application de la loi'],
  ];
  for (const [before, insert] of continuations) {
    it(`continueFormulation(${JSON.stringify(before.slice(-32))}) inserts ${JSON.stringify(insert)}`, () => {
      const m = index.continueFormulation(before, 5);
      assert.ok(m.length > 0);
      assert.equal(m[0].insert, insert, m.map((x) => x.insert).join(' / '));
      assert.equal(m[0].fuzzy, false);
      assert.ok(m[0].entry.count >= 2);
    });
  }

  // The first key index is written as Latin-1 bytes; a word above U+00FF (here Greek) keeps the
  // string keys, and completes the same way.
  for (const [word, typed] of [['Omega', 'Ome'], ['Ωmega', 'Ωme']]) {
    it(`continueFormulation completes a formulation with the word ${word}`, () => {
      const own = new PrecedentIndex();
      const clause = `Soutenir le programme ${word} des Nations Unies pour la paix et la sécurité.`;
      own.upsert({ docId: 'a', fileName: 'a.txt', bytes: utf8(`${clause}\n\nRappelant la Charte.`) });
      own.upsert({ docId: 'b', fileName: 'b.txt', bytes: utf8(`Préambule.\n\n${clause}`) });
      own.prepare();
      const m = own.continueFormulation(`Nous voulons soutenir le programme ${typed}`, 5);
      assert.equal(m[0]?.insert, 'ga des Nations Unies pour la paix', m.map((x) => x.insert).join(' / '));
    });
  }

  it('continueFormulation offers nothing after a sentence end or for function words alone', () => {
    assert.deepEqual(index.continueFormulation('dans toute la mesure.', 5), []);
    assert.deepEqual(index.continueFormulation('de la ', 5), []);
  });

  it('lists a reference’s citations newest precedent first, paged', () => {
    const untoc = index.resolveReference('Convention des Nations Unies contre la criminalité transnationale organisée');
    assert.ok(untoc, 'resolved');
    const dates = new Map(index.documents().map((d) => [d.docId, d.meta.date ?? '']));
    const all = index.referenceOccurrences(untoc.id, 0, 100);
    assert.ok(all.total >= 3, `${all.total}`);
    const seen = all.items.map((o) => dates.get(o.docId)!);
    assert.deepEqual(seen, [...seen].sort().reverse());
    assert.equal(all.items[0].docId, '2020-osce-conseil-ministeriel-criminalite-transnationale-organisee.txt');
    const page = index.referenceOccurrences(untoc.id, 1, 1);
    assert.equal(page.total, all.total);
    assert.deepEqual(page.items, all.items.slice(1, 2));
  });

  it('resolves a mention by name, acronym or alias, with its article', () => {
    const palermo = KNOWN_REFERENCES.find((k) => k.aliases.some((a) => /palerme/i.test(a)));
    assert.ok(palermo, 'the knowledge file knows the Palermo Convention');
    assert.equal(index.resolveReference('la Convention de Palerme')?.id, palermo.id);
    assert.equal(index.resolveReference('convention de palerme')?.id, palermo.id);
    assert.equal(index.resolveReference('la Convention de Palerme sur les chats'), null);
  });

  it('suggests the known reference for a misspelt name', () => {
    const europol = KNOWN_REFERENCES.find((k) => k.acronyms.includes('Europol') || /europol/i.test(k.canonical));
    const untoc = index.resolveReference('Convention des Nations Unies contre la criminalité transnationale organisée');
    assert.ok(europol && untoc);
    assert.equal(index.suggestReferences('Europole', 3)[0]?.entry.id, europol.id);
    assert.equal(index.suggestReferences('Convention des Nations Unies contre la criminalité organisée', 3)[0]?.entry.id, untoc.id);
    assert.equal(index.findReferences('europ', 5).some((m) => m.entry.id === europol.id), true);
  });

  it('names an uncurated resolution by a full citation, not by the part of a list the precedents write most', () => {
    const lists = new PrecedentIndex();
    const clause = (k: number, text: string): string => `Les chefs de police,\n\n- Rappellent ${text} ;\n\n- Soulignent le point ${k}.\n`;
    for (let k = 0; k < 3; k++) {
      lists.upsert({ docId: `list-${k}.txt`, fileName: `list-${k}.txt`, bytes: utf8(clause(k, 'les résolutions 2129 (2013) et 2131 (2013) du Conseil de sécurité')) });
    }
    lists.upsert({ docId: 'single.txt', fileName: 'single.txt', bytes: utf8(clause(9, 'la résolution 2131 (2013) du Conseil de sécurité')) });
    const cited = lists.resolveReference('résolution 2131 (2013) du Conseil de sécurité');
    assert.ok(cited, 'resolution 2131 is found');
    const entry = lists.reference(cited.id)!;
    assert.equal(entry.count, 4, 'the list citations count for it');
    assert.equal(entry.name, 'résolution 2131 (2013) du Conseil de sécurité');
  });

  it('never suggests an instrument with another number: résolution 2187 is not a misspelt 2178', () => {
    const known = index.resolveReference('résolution 2178 (2014) du Conseil de sécurité');
    assert.ok(known, 'the knowledge file knows resolution 2178');
    assert.equal(index.suggestReferences('résolution 2178 du Conseil de sécurité des Nations Unies', 3)[0]?.entry.id, known.id);
    assert.deepEqual(index.suggestReferences('résolution 2187 du Conseil de sécurité', 3).map((m) => m.entry.id), []);
  });

  it('gives topic evidence: precedents on organised crime and how many cite each reference', () => {
    const topic = TOPICS.find((t) => foldKey(t.label).includes(foldKey('criminalité transnationale organisée')));
    assert.ok(topic, 'the topic table has organised crime');
    const evidence = index.topicEvidence(topic.id);
    assert.ok(evidence.docCount >= 3, `${evidence.docCount}`);
    const untoc = index.resolveReference('Convention de Palerme');
    const cited = evidence.references.find((r) => r.id === untoc?.id);
    assert.ok(cited && cited.docCount >= 2 && cited.docCount <= evidence.docCount);
    const citations = index.topicCitations(topic.id, untoc!.id, 10);
    assert.equal(citations.length, cited.docCount, 'one citation per precedent on the topic');
    assert.ok(citations.some((o) => o.docId === '2020-osce-conseil-ministeriel-criminalite-transnationale-organisee.txt'));
    assert.ok(citations.every((o) => /Palerme|criminalité transnationale organisée/i.test(o.quote)), citations.map((o) => o.quote).join('\n'));
  });
});
