import * as assert from 'node:assert/strict';
import { JoinedKeys } from '../../../../server/src/engine/search/joinedKeys';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';
import { decodeIndex, encodeIndex, encodeIndexSteps, encodeIndexStream, FIXED, FORMAT_VERSION, partsOf, readHeader, RunningChecksum } from '../../../../server/src/engine/persist';
import { decodePrecedent } from '../../../../server/src/engine/text/decode';
import { TOPICS } from '../../../../server/src/engine/references/topics';
import { glossary, loadSeeds } from './seedCorpus';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const ENGINE = 'test-engine-1';

const EXTRA = [
  'RÉSOLUTION SUR LA COOPÉRATION',
  '',
  'L’Assemblée générale,',
  '',
  'RAPPELANT la Convention des Nations\u00a0Unies contre la criminalité transnationale organisée ;',
  '',
  '1. DÉCIDE de renforcer la coopération policière internationale dans toute la mesure du possible\u202f;',
  '',
].join('\n');

function seeded(): { index: PrecedentIndex; texts: Map<string, string> } {
  const index = new PrecedentIndex();
  const texts = new Map<string, string>();
  for (const seed of loadSeeds()) {
    assert.ok(index.upsert({ docId: seed.file, fileName: seed.file, bytes: seed.bytes, meta: seed.meta }).ok);
    const d = decodePrecedent(seed.bytes);
    if (d.ok) texts.set(seed.file, d.text);
  }
  // A removed precedent leaves a tombstone: the persisted state must carry it too.
  index.upsert({ docId: 'gone.txt', fileName: 'gone.txt', bytes: utf8(EXTRA) });
  index.remove('gone.txt');
  index.upsert({ docId: 'extra.txt', fileName: 'extra.txt', bytes: utf8(EXTRA) });
  texts.set('extra.txt', EXTRA);
  index.upsert({ docId: 'empty.txt', fileName: 'empty.txt', bytes: utf8('  \n') });
  return { index, texts };
}

/**
 * Every public query of the index, on inputs that hit openers, formulations, references and topics.
 * `searches`: with the searches through every precedent's words (concordance, formulations with all
 * their places), which need the later part of a loaded index.
 */
function answers(index: PrecedentIndex, searches = true): unknown {
  const refs = index.findReferences('convention', 10);
  return {
    documents: index.documents().sort((a, b) => (a.docId < b.docId ? -1 : 1)),
    skipped: index.skipped(),
    openers: ['réaff', 'rappel', 'nous réaff', 'decid', 'consc', 'reafirm'].map((p) => index.findOpeners(p, 8)),
    openerList: index.openerList(),
    continuations: ['Nations Unies', 'dans toute la mes', 'la criminalité ', 'renforcer la coopération'].map((w) => index.continueFormulation(w, 6)),
    formulations: searches ? index.formulations(30) : null,
    references: ['conv', 'Europol', 'OSCE', 'Interpol'].map((p) => index.findReferences(p, 8)),
    occurrences: refs.map((r) => index.referenceOccurrences(r.entry.id, 0, 50)),
    resolve: index.resolveReference('la Convention de Palerme'),
    suggest: index.suggestReferences('Europole', 3),
    concordance: searches ? ['coopération policière', 'criminalité', 'Palerme', 'terrorisme'].map((q) => index.concordance(q, 20)) : null,
    words: ['coopération', 'Palerme', 'ONUDC', 'inexistant', 'criminalite'].map((w) => index.hasWord(w)),
    topics: TOPICS.map((t) => index.topicEvidence(t.id)),
  };
}

describe('engine/persist: a persisted index', () => {
  it('answers every query exactly as the index it was saved from', () => {
    const { index, texts } = seeded();
    const before = answers(index);
    const bytes = encodeIndex(index, ENGINE, { files: ['a'] });
    const loaded = decodeIndex(bytes, ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.reason);
    assert.deepEqual(loaded.extra, { files: ['a'] });
    const after = answers(loaded.index);
    assert.deepEqual(after, before);
    // Sanity: the comparison covered real answers, not empty lists.
    const b = before as { documents: unknown[]; continuations: unknown[][]; occurrences: Array<{ total: number }> };
    assert.equal(b.documents.length, 6);
    assert.ok(b.continuations.some((c) => c.length > 0));
    assert.ok(b.occurrences.some((o) => o.total > 0));
  });

  it('writes its JSON and header as pure ASCII, the fast path of a UTF-8 decoder, and reads every French character back', () => {
    const { index, texts } = seeded();
    const extra = { files: ['Déclaration « Vienne » 2020\u00a0— l’OSCE 𝓐.txt'] };
    const bytes = encodeIndex(index, ENGINE, extra);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(12, true);
    const headerEnd = Math.ceil((32 + headerLength) / 8) * 8;
    const jsonLength = (JSON.parse(new TextDecoder().decode(bytes.subarray(32, 32 + headerLength))) as { jsonLength: number }).jsonLength;
    const text = bytes.subarray(32, headerEnd + jsonLength);
    assert.ok(text.length > 10_000);
    const wide = text.findIndex((b, k) => b > 0x7f && (k < headerLength || k >= headerEnd - 32));
    assert.equal(wide, -1, `byte ${wide} of the header and JSON is not ASCII`);
    const loaded = decodeIndex(bytes, ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.reason);
    assert.deepEqual(loaded.extra, extra);
    // The titles, openers and reference names the index answers with keep their accents and ’.
    assert.deepEqual(answers(loaded.index), answers(index));
    assert.ok(loaded.index.findOpeners('reaffirm', 5).some((o) => o.entry.forms.some((f) => f.text.startsWith('Réaffirm'))));
  });

  it('restores the formulation set and its key order as saved: nothing to recompute before the first completion', () => {
    const { index, texts } = seeded();
    index.prepare();
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    // Private state read on purpose: "ready without recomputing" is the behaviour under test.
    const state = loaded.index as unknown as { formulationKeys: unknown; miner: { hasFormulations(): boolean } };
    assert.ok(state.formulationKeys, 'the formulation key index is restored');
    assert.ok(state.miner.hasFormulations(), 'the formulation set is restored');
    // The seeds' folded keys all fit in Latin-1: saved as bytes, read in place.
    assert.ok(index.exportState().formulationKeys instanceof Uint8Array, 'keys saved as Latin-1 bytes');
    const prefixes = ['la', 'la coop', 'convention des', 'nations unies', 'criminalite transnationale', 'organisation pour la securite'];
    for (const p of prefixes) assert.deepEqual(loaded.index.continueFormulation(p, 8), index.continueFormulation(p, 8), p);
    assert.deepEqual(loaded.index.continueFormulation('dans toute la mes', 5), index.continueFormulation('dans toute la mes', 5));
    assert.deepEqual(loaded.index.formulations(50), index.formulations(50));
    // The trimmed target of each record comes back too: the first change after a load would else
    // work it out for every record (seconds at 10k precedents).
    const targets = (i: PrecedentIndex): number[] => {
      const miner = (i as unknown as { miner: { recTarget: Int32Array; records: number } }).miner;
      return Array.from(miner.recTarget.subarray(0, miner.records));
    };
    assert.ok(targets(index).some((t) => t > 0), 'targets were worked out before saving');
    assert.deepEqual(targets(loaded.index), targets(index));
  });

  it('makes a restored formulation when a completion first finds it, and all of them once the rest of the index is read', () => {
    const { index, texts } = seeded();
    index.prepare();
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null }, true);
    assert.ok(loaded.ok && loaded.later);
    // Private state read on purpose: how many formulation objects a cold start makes is the behaviour under test.
    const miner = (loaded.index as unknown as { miner: { savedMade: Map<number, object> | null; savedList: object[] | null; savedFormulations(): { length: number } } }).miner;
    const made = (): number => miner.savedList?.length ?? miner.savedMade?.size ?? 0;
    const total = miner.savedFormulations().length;
    assert.ok(total > 100, `${total} formulations saved`);
    assert.equal(made(), 0, 'the load makes none');
    for (const p of ['la coop', 'organisation pour la securite', 'dans toute la mes']) {
      assert.deepEqual(loaded.index.continueFormulation(p, 8), index.continueFormulation(p, 8), p);
    }
    assert.ok(made() > 0 && made() < total / 4, `${made()} of ${total} made by three completions`);
    const step = loaded.later.restore();
    let result = step.next();
    while (!result.done) result = step.next();
    assert.equal(result.value, null);
    assert.equal(made(), total, 'all made with the rest');
    assert.deepEqual(loaded.index.formulations(50), index.formulations(50));
    // The objects a completion found are the miner's: a change after the load retires them.
    assert.deepEqual(loaded.index.continueFormulation('la coop', 8), index.continueFormulation('la coop', 8));
  });

  it('restores the reference tables as saved (key index, name map, suggestions): a load folds no reference name again', () => {
    const { index, texts } = seeded();
    index.prepare();
    const state = index.exportState();
    const saved = state.referenceTables;
    assert.ok(saved, 'a prepared index saves its reference tables');
    assert.ok(saved.keyReference.length > 50 && saved.nameReference.length > 20 && saved.suggestReference.length > 20);
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.reason);
    // Private state read on purpose: "nothing to make before the first lint" is the behaviour under test.
    type Tables = { referenceKeys: unknown; referenceNames: Map<string, string> | null; referenceSuggest: unknown };
    const restored = loaded.index as unknown as Tables;
    assert.ok(restored.referenceKeys && restored.referenceNames && restored.referenceSuggest, 'the three tables are there before any query');
    assert.deepEqual([...restored.referenceNames.entries()], [...(index as unknown as Tables).referenceNames!.entries()]);
    // The same answers as the saved index and as a load that makes the tables itself: prefixes, a
    // later word, typos, names with accents and ’, resolution and suggestions for the lint.
    const rebuilt = PrecedentIndex.fromState({ ...state, referenceTables: undefined });
    assert.equal((rebuilt as unknown as Tables).referenceKeys, null);
    rebuilt.prepare();
    const referenceAnswers = (i: PrecedentIndex): unknown => ({
      found: ['conv', 'palerme', 'Europole', 'onudc', 'Nations Unies', 'l’Organisation', 'coopération policière', 'c'].map((p) => i.findReferences(p, 8)),
      resolved: ['la Convention de Palerme', 'l’ONUDC', 'Europol', 'le Conseil de sécurité', 'Convention inconnue'].map((n) => i.resolveReference(n)),
      suggested: ['Europole', 'Conventon de Palerm', 'Organisation des Nations Unis', 'INTERPL'].map((n) => i.suggestReferences(n, 3)),
    });
    const expected = referenceAnswers(index);
    assert.deepEqual(referenceAnswers(loaded.index), expected);
    assert.deepEqual(referenceAnswers(rebuilt), expected);
    const e = expected as { found: unknown[][]; suggested: unknown[][] };
    assert.ok(e.found.filter((f) => f.length > 0).length >= 6 && e.suggested.some((s) => s.length > 0), 'the comparison covered real answers');
  });

  it('saves no reference tables that changes touched since they were made, and refuses damaged ones', () => {
    const { index } = seeded();
    assert.equal(index.exportState().referenceTables, undefined, 'tables never made are not made for the save');
    index.prepare();
    const state = index.exportState();
    const saved = state.referenceTables!;
    // A new name (a reference no precedent cited) goes into the live tables: they are no longer the ones a load would make.
    assert.ok(index.upsert({ docId: 'new.txt', fileName: 'new.txt', bytes: utf8('RAPPELANT le Protocole de Montréal relatif à des substances qui appauvrissent la couche d’ozone ;\n') }).ok);
    index.findReferences('montreal', 3);
    assert.equal(index.exportState().referenceTables, undefined);
    const beyond = saved.keyReference.slice();
    beyond[0] = state.references.length;
    assert.throws(() => PrecedentIndex.fromState({ ...state, referenceTables: { ...saved, keyReference: beyond } }), /inconsistent index state: reference keys/);
    // The seeds' folded reference keys fit in Latin-1: saved as bytes.
    assert.ok(saved.keys instanceof Uint8Array);
    const keys = Array.from({ length: saved.keyReference.length }, (_, i) => JoinedKeys.parse(saved.keys, saved.keyReference.length).at(i));
    [keys[0], keys[keys.length - 1]] = [keys[keys.length - 1], keys[0]];
    assert.throws(() => PrecedentIndex.fromState({ ...state, referenceTables: { ...saved, keys: keys.join('\u0000') } }), /out of order/);
    assert.throws(() => PrecedentIndex.fromState({ ...state, referenceTables: { ...saved, keys: keys.slice(1).join('\u0000') } }), /reference keys/);
    assert.throws(() => PrecedentIndex.fromState({ ...state, referenceTables: { ...saved, names: saved.names.slice(0, saved.names.lastIndexOf('\u0000')) } }), /reference names/);
  });

  it('saves the precedents’ metadata and notes as string ids: the same documents back, repeated lists shared, a bad id refused', () => {
    const { index, texts } = seeded();
    const state = index.exportState();
    assert.ok(state.docs.meta instanceof Int32Array && state.docs.notes instanceof Int32Array);
    const loaded = PrecedentIndex.fromState(state, { readText: (id) => texts.get(id) ?? null });
    const byId = (i: PrecedentIndex): unknown[] => i.documents().sort((a, b) => (a.docId < b.docId ? -1 : 1));
    assert.deepEqual(byId(loaded), byId(index));
    // Titles keep their accents and ’; unknown fields stay null.
    assert.ok(loaded.documents().some((d) => /[éè’]/.test(d.meta.title)));
    assert.ok(loaded.documents().some((d) => d.meta.place === null || d.meta.kind === null || d.meta.date === null));
    const records = (loaded as unknown as { docs: Array<{ notes: string[]; alive: boolean }> }).docs.filter((r) => r.alive);
    const same = records.filter((r) => JSON.stringify(r.notes) === JSON.stringify(records[0].notes));
    assert.ok(same.length >= 2 && same.every((r) => r.notes === records[0].notes), 'one list for the precedents with the same notes');
    const bad = (change: (meta: Int32Array) => void): typeof state => {
      const meta = state.docs.meta.slice();
      change(meta);
      return { ...state, docs: { ...state.docs, meta } };
    };
    assert.throws(() => PrecedentIndex.fromState(bad((m) => (m[0] = -1))), /document metadata/);
    assert.throws(() => PrecedentIndex.fromState(bad((m) => (m[2] = state.strings.length))), /document metadata/);
    assert.throws(() => PrecedentIndex.fromState(bad((m) => (m[6] = state.docs.meta[0]))), /document lists/);
  });

  it('checks a long occurrence list’s saved order on a sample: a sound one pages as saved, one out of range or too long is refused', () => {
    const index = new PrecedentIndex();
    // Over 4,096 citations of one body: the list is checked on every 64th entry and the last.
    const text = Array.from({ length: 1500 }, (_, k) => `Nous soutenons l’ONUDC et l’ONUDC (${k}), puis encore l’ONUDC.`).join('\n');
    assert.ok(index.upsert({ docId: 'long.txt', fileName: 'long.txt', bytes: utf8(text) }).ok);
    const state = index.exportState();
    const unodc = state.references.find((r) => r.id === 'unodc');
    assert.ok(unodc?.order && unodc.order.length > 4096, `${unodc?.order?.length} citations`);
    const loaded = PrecedentIndex.fromState(state, { readText: () => text });
    assert.deepEqual(loaded.referenceOccurrences('unodc', 4000, 20), index.referenceOccurrences('unodc', 4000, 20));
    const damage = (change: (order: Int32Array) => Int32Array): typeof state => ({
      ...state, references: state.references.map((r) => (r === unodc ? { ...r, order: change(r.order!.slice()) } : r)),
    });
    assert.throws(() => PrecedentIndex.fromState(damage((o) => ((o[64] = o.length * 3 + 3), o))), /occurrence order/);
    assert.throws(() => PrecedentIndex.fromState(damage((o) => ((o[o.length - 1] = 1), o))), /occurrence order/);
    assert.throws(() => PrecedentIndex.fromState(damage((o) => Int32Array.from([...o, ...o.subarray(0, 10)]))), /occurrence order/);
  });

  it('restores each occurrence list in its order, newest first: the first hover after a load sorts nothing', () => {
    const { index, texts } = seeded();
    const state = index.exportState();
    const cited = state.references.filter((r) => r.occ.length >= 6);
    assert.ok(cited.length > 5 && cited.every((r) => r.order !== undefined), 'the orders are saved');
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    // Private state read on purpose: "nothing to sort" is the behaviour under test.
    const restored = loaded.index as unknown as { references: Map<string, { occ: number[] }>; occOrders: WeakMap<number[], unknown> };
    for (const r of cited) assert.ok(restored.occOrders.has(restored.references.get(r.id)!.occ), `${r.id}: order restored`);
    for (const r of cited) assert.deepEqual(loaded.index.referenceOccurrences(r.id, 0, 100), index.referenceOccurrences(r.id, 0, 100));
    // A damaged order (one triple twice) is refused, not served.
    const damaged = cited[0].order!.slice();
    damaged[1] = damaged[0];
    const bad = { ...state, references: state.references.map((r) => (r === cited[0] ? { ...r, order: damaged } : r)) };
    assert.throws(() => PrecedentIndex.fromState(bad), /occurrence order/);
  });

  it('restores how many precedents of each topic cite each reference: the first lint after a load counts nothing', () => {
    const { index, texts } = seeded();
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    // Private state read on purpose: the counts are loaded (made into maps when a topic is first
    // read), not counted again from the precedents.
    const counts = (i: PrecedentIndex): Map<string, Map<string, number>> => (i as unknown as { topicRefs: Map<string, Map<string, number>> }).topicRefs;
    const savedPairs = (loaded.index as unknown as { savedTopicRefs: Map<string, Int32Array> }).savedTopicRefs;
    const countsOf = (topic: string): Map<string, number> | undefined => (loaded.index as unknown as { topicRefsOf(t: string): Map<string, number> | undefined }).topicRefsOf(topic);
    const addressed = TOPICS.filter((t) => index.topicEvidence(t.id).docCount > 0);
    assert.ok(addressed.length >= 3);
    for (const t of addressed) assert.ok(savedPairs.has(t.id) && !counts(loaded.index).has(t.id), `${t.id}: loaded, not made yet`);
    for (const t of addressed) assert.deepEqual(countsOf(t.id), counts(index).get(t.id), t.id);
    for (const t of addressed) assert.ok(!savedPairs.has(t.id) && counts(loaded.index).has(t.id), `${t.id}: made once`);
    for (const t of TOPICS) assert.deepEqual(loaded.index.topicEvidence(t.id), index.topicEvidence(t.id));
    // The idle preparation after a load makes the rest, so no change waits for them.
    const again = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(again.ok);
    const pending = (again.index as unknown as { savedTopicRefs: Map<string, Int32Array> }).savedTopicRefs;
    assert.ok(pending.size >= 3);
    const idle = again.index.prepareWhileIdle();
    while (!idle.next().done);
    assert.equal(pending.size, 0);
    for (const t of addressed) assert.deepEqual(counts(again.index).get(t.id), counts(index).get(t.id), t.id);
  });

  it('keeps working incrementally after load: upsert, replace and remove change the answers', () => {
    const { index, texts } = seeded();
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    const restored = loaded.index;
    const seedsFile = loadSeeds()[0].file;
    assert.ok(restored.remove(seedsFile));
    index.remove(seedsFile);
    const again = EXTRA.replace('RÉSOLUTION', 'DEUXIÈME RÉSOLUTION');
    for (const i of [index, restored]) assert.ok(i.upsert({ docId: 'again.txt', fileName: 'again.txt', bytes: utf8(again) }).ok);
    texts.set('again.txt', again);
    assert.equal(restored.documents().length, 6);
    assert.ok(!restored.documents().some((d) => d.docId === seedsFile));
    assert.deepEqual(answers(restored), answers(index));
    // Saving the restored-then-changed index round-trips again.
    const second = decodeIndex(encodeIndex(restored, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(second.ok);
    assert.deepEqual(answers(second.index), answers(index));
  });

  // A loaded index appends to its saved tables in place (postings keep room for more precedents,
  // the precedents of each opener form and reference are kept as saved with the changes beside):
  // after enough changes to use that room up, answers and a second save are those of an index
  // that was never saved.
  it('stays exact through many changes after a load, past the room its saved tables keep', () => {
    const { index, texts } = seeded();
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    const restored = loaded.index;
    const both = (change: (i: PrecedentIndex) => void): void => [index, restored].forEach(change);
    for (let k = 0; k < 12; k++) {
      const text = EXTRA.replace('RÉSOLUTION', `RÉSOLUTION ${k + 1}`).replace('coopération policière', k % 2 ? 'coopération judiciaire' : 'coopération policière');
      texts.set(`new-${k}.txt`, text);
      both((i) => assert.ok(i.upsert({ docId: `new-${k}.txt`, fileName: `new-${k}.txt`, bytes: utf8(text) }).ok));
    }
    for (const id of [loadSeeds()[1].file, 'extra.txt', 'new-3.txt', 'new-7.txt']) both((i) => assert.ok(i.remove(id)));
    both((i) => assert.ok(i.upsert({ docId: 'new-0.txt', fileName: 'new-0.txt', bytes: utf8(`${texts.get('new-0.txt')}\nNous réaffirmons notre soutien à l’ONUDC.`) }).ok));
    texts.set('new-0.txt', `${texts.get('new-0.txt')}\nNous réaffirmons notre soutien à l’ONUDC.`);
    assert.deepEqual(answers(restored), answers(index));
    const second = decodeIndex(encodeIndex(restored, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(second.ok);
    assert.deepEqual(answers(second.index), answers(index));
    both((i) => assert.ok(i.remove('new-1.txt')));
    second.index.remove('new-1.txt');
    assert.deepEqual(answers(second.index), answers(index));
  });

  // Word ids past 65,535 make a precedent's word list 4 bytes a word, the others staying at 2: the
  // saved index holds both widths.
  it('saves and loads a corpus past 65,535 distinct words, and takes changes after as the index never saved', () => {
    const { index, texts } = seeded();
    const words = glossary(70_000);
    const wide = `${EXTRA}\nDÉCIDE d’inviter les zanzibariens à renforcer la coopération policière internationale dans toute la mesure du possible.`;
    for (const [id, text] of [['glossary.txt', words], ['wide.txt', wide]]) {
      assert.ok(index.upsert({ docId: id, fileName: id, bytes: utf8(text) }).ok);
      texts.set(id, text);
    }
    const loaded = decodeIndex(encodeIndex(index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.reason);
    const restored = loaded.index;
    assert.deepEqual(answers(restored), answers(index));
    assert.ok(restored.hasWord('zanzibariens') && restored.hasWord('vcxyz'));
    for (const i of [index, restored]) {
      assert.ok(i.remove('extra.txt'));
      assert.ok(i.upsert({ docId: 'wide-2.txt', fileName: 'wide-2.txt', bytes: utf8(wide.replace('zanzibariens', 'vcxyz')) }).ok);
    }
    texts.set('wide-2.txt', wide.replace('zanzibariens', 'vcxyz'));
    assert.deepEqual(answers(restored), answers(index));
    const hits = restored.concordance('coopération policière internationale', 50).items.map((h) => h.docId);
    assert.ok(hits.includes('wide.txt') && hits.includes('wide-2.txt') && !hits.includes('extra.txt'), JSON.stringify(hits));
  });

  // A save writes the index's own arrays as chunks over seconds (100k precedents: 2.5 GB), with
  // queries answered in between; a change meanwhile would be written half before, half after.
  it('is written in chunks straight from the index, which refuses changes until the last chunk or close()', () => {
    const { index, texts } = seeded();
    const whole = encodeIndex(index, ENGINE, { files: ['a'] });
    const encoded = encodeIndexStream(index, ENGINE, { files: ['a'] });
    const extra = { docId: 'late.txt', fileName: 'late.txt', bytes: utf8(EXTRA) };
    assert.throws(() => index.upsert(extra), /cannot change now: the index is being saved/);
    assert.throws(() => index.remove('extra.txt'), /cannot change now/);
    assert.ok(index.findOpeners('réaff', 5).length > 0, 'queries are answered meanwhile');
    assert.throws(() => encoded.fixed(), /once every chunk/);
    const out = new Uint8Array(encoded.byteLength);
    let at = 0;
    let chunks = 0;
    for (const chunk of encoded.chunks()) {
      out.set(chunk, at);
      at += chunk.length;
      chunks++;
      if (chunks === 3) assert.throws(() => index.upsert(extra), /cannot change now/);
    }
    assert.equal(at, out.length);
    out.set(encoded.fixed(), 0);
    assert.ok(chunks > 10, `${chunks} chunks`);
    assert.deepEqual(out, whole, 'the chunks make the same bytes as one buffer');
    const loaded = decodeIndex(out, ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.reason);
    assert.ok(index.upsert(extra).ok, 'changes are taken again after the last chunk');
    const abandoned = encodeIndexStream(index, ENGINE, null);
    assert.throws(() => index.remove('late.txt'), /cannot change now/);
    abandoned.close();
    assert.ok(index.remove('late.txt'), 'and after close()');
  });

  // A server makes the state between requests (6-10 s in one go at 100k precedents).
  it('makes the saved state a step at a time, refusing changes from the first step, and lets go when left', () => {
    const { index } = seeded();
    const whole = encodeIndex(index, ENGINE, null);
    const extra = { docId: 'late.txt', fileName: 'late.txt', bytes: utf8(EXTRA) };
    const steps = encodeIndexSteps(index, ENGINE, null);
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      count++;
      assert.throws(() => index.upsert(extra), /cannot change now/);
    }
    assert.ok(count >= 3, `${count} steps`);
    const out = new Uint8Array(step.value.byteLength);
    let at = 0;
    for (const chunk of step.value.chunks()) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(step.value.fixed(), 0);
    assert.deepEqual(out, whole);
    const left = encodeIndexSteps(index, ENGINE, null);
    left.next();
    assert.throws(() => index.upsert(extra), /cannot change now/);
    left.return(undefined as never);
    assert.ok(index.upsert(extra).ok, 'changes are taken once the steps are left');
  });

  it('checksums pieces of any length and alignment as the reader checks the part they make', () => {
    const { index } = seeded();
    const bytes = encodeIndex(index, ENGINE, null);
    const parts = partsOf(bytes);
    assert.ok(parts.ok);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const payload = bytes.subarray(parts.headerEnd, parts.answerEnd);
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    for (let round = 0; round < 20; round++) {
      const sum = new RunningChecksum(payload.length);
      for (let at = 0; at < payload.length;) {
        const n = Math.min(payload.length - at, 1 + next(round % 2 ? 13 : 5000));
        // A copy starting at an odd address: read through the scratch buffer, not a word view.
        const piece = new Uint8Array(n + 1).subarray(1);
        piece.set(payload.subarray(at, at + n));
        sum.update(round % 3 ? piece : payload.subarray(at, at + n));
        at += n;
      }
      assert.equal(sum.digest(), view.getUint32(16, true), `round ${round}`);
    }
    const short = new RunningChecksum(16);
    short.update(new Uint8Array(12));
    assert.throws(() => short.digest(), /12 bytes, 16 expected/);
    assert.equal(FIXED, 32);
  });

  it('refuses damaged or foreign bytes with a reason, never throwing', () => {
    const { index } = seeded();
    const bytes = encodeIndex(index, ENGINE, null);
    const truncated = decodeIndex(bytes.subarray(0, bytes.length - 100), ENGINE);
    assert.equal(truncated.ok, false);
    assert.match(truncated.ok ? '' : truncated.reason, /truncated/);
    const flipped = bytes.slice();
    flipped[flipped.length - 50] ^= 0xff;
    const bad = decodeIndex(flipped, ENGINE);
    assert.deepEqual(bad.ok ? null : [bad.kind, bad.reason], ['corrupt', 'checksum mismatch (later part)']);
    const parts = partsOf(bytes);
    assert.ok(parts.ok);
    const early = bytes.slice();
    early[parts.answerEnd - 20] ^= 0xff;
    const badEarly = decodeIndex(early, ENGINE);
    assert.deepEqual(badEarly.ok ? null : [badEarly.kind, badEarly.reason], ['corrupt', 'checksum mismatch']);
    const magic = bytes.slice();
    magic[0] = 0x41;
    assert.match((decodeIndex(magic, ENGINE) as { reason: string }).reason, /bad magic/);
    assert.equal((decodeIndex(new Uint8Array(3), ENGINE) as { kind: string }).kind, 'corrupt');
    const stale = decodeIndex(bytes, 'another-engine');
    assert.deepEqual(stale.ok ? null : stale.kind, 'stale');
    const format = bytes.slice();
    new DataView(format.buffer).setUint32(8, FORMAT_VERSION + 1, true);
    assert.equal((decodeIndex(format, ENGINE) as { kind: string }).kind, 'stale');
    const header = readHeader(bytes);
    assert.ok(header.ok && header.engineVersion === ENGINE);
  });

  // A cold start reads the part an index answers with, answers, and reads the rest (what changes
  // need: most of the bytes at scale) meanwhile. Bytes not read yet are garbage here, so an answer
  // that read them would differ.
  it('answers from its first part alone, then takes the later part and changes like an index never saved', () => {
    const { index, texts } = seeded();
    index.prepare();
    const bytes = encodeIndex(index, ENGINE, null);
    const parts = partsOf(bytes);
    assert.ok(parts.ok);
    assert.ok(parts.answerEnd < bytes.length / 2, `first part ${parts.answerEnd} of ${bytes.length} bytes`);
    const arriving = new Uint8Array(bytes.length).fill(0xee);
    arriving.set(bytes.subarray(0, parts.answerEnd));
    const loaded = decodeIndex(arriving, ENGINE, { readText: (id) => texts.get(id) ?? null }, true);
    assert.ok(loaded.ok && loaded.later, loaded.ok ? '' : loaded.reason);
    const restored = loaded.index;
    assert.ok(restored.tablesPending);
    assert.deepEqual(answers(restored, false), answers(index, false));
    assert.throws(() => restored.formulations(5), /not fully read/);
    assert.throws(() => restored.upsert({ docId: 'x.txt', fileName: 'x.txt', bytes: utf8(EXTRA) }), /not fully read/);
    assert.throws(() => restored.concordance('criminalité', 5), /not fully read/);
    assert.throws(() => encodeIndex(restored, ENGINE, null), /not fully read/);

    // The later part arrives damaged: refused with a reason, and the index still answers.
    const damaged = decodeIndex(arriving, ENGINE, { readText: (id) => texts.get(id) ?? null }, true);
    assert.ok(damaged.ok && damaged.later);
    let failure: unknown;
    for (const steps = damaged.later.restore(); ;) {
      const step = steps.next();
      if (step.done) {
        failure = step.value;
        break;
      }
    }
    assert.deepEqual(failure, { ok: false, kind: 'corrupt', reason: 'checksum mismatch (later part)' });

    arriving.set(bytes.subarray(parts.answerEnd), parts.answerEnd);
    let slices = 0;
    const steps = loaded.later.restore();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        assert.equal(step.value, null);
        break;
      }
      slices++;
    }
    assert.ok(slices >= 3, `restored in ${slices + 1} slices`);
    assert.ok(!restored.tablesPending);
    assert.deepEqual(answers(restored), answers(index));
    // Changes: as in the same bytes loaded whole, asked the same before (an index ranks references
    // with the counts its key index was made with: compared with a load, not with `index`).
    const whole = decodeIndex(bytes, ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(whole.ok && !whole.later && !whole.index.tablesPending);
    assert.deepEqual(answers(whole.index), answers(restored)); // the same queries before the changes
    const both = (change: (i: PrecedentIndex) => void): void => [whole.index, restored].forEach(change);
    const again = EXTRA.replace('RÉSOLUTION', 'DEUXIÈME RÉSOLUTION');
    texts.set('again.txt', again);
    both((i) => assert.ok(i.upsert({ docId: 'again.txt', fileName: 'again.txt', bytes: utf8(again) }).ok));
    both((i) => assert.ok(i.remove(loadSeeds()[2].file)));
    assert.deepEqual(answers(restored), answers(whole.index));
    assert.notDeepEqual(answers(restored), answers(index), 'the changes changed answers');
    const second = decodeIndex(encodeIndex(restored, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    const wholeSecond = decodeIndex(encodeIndex(whole.index, ENGINE, null), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(second.ok && wholeSecond.ok);
    assert.deepEqual(answers(second.index), answers(wholeSecond.index));
  });

  it('loads from an unaligned buffer (Node pools small reads at any offset)', () => {
    const { index, texts } = seeded();
    const bytes = encodeIndex(index, ENGINE, null);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const loaded = decodeIndex(shifted.subarray(3), ENGINE, { readText: (id) => texts.get(id) ?? null });
    assert.ok(loaded.ok);
    assert.equal(loaded.index.documents().length, 6);
  });
});
