import * as assert from 'node:assert/strict';
import { FormulationMiner, foldWord, tokenize, type MinedFormulation } from '../../../../server/src/engine/formulations';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';
import { foldKey } from '../../../../server/src/engine/search/keyIndex';
import { loadSeeds } from './seedCorpus';

/** Mines plain texts, one document each (whole text as one unit, strong punctuation breaks). */
function mine(texts: string[]): { miner: FormulationMiner; found: Map<string, MinedFormulation> } {
  const miner = new FormulationMiner({ counterBits: 16 });
  texts.forEach((text, doc) => miner.add(doc, miner.internWords(text, tokenize(text))));
  return { miner, found: byText(miner.formulations()) };
}
function byText(list: MinedFormulation[]): Map<string, MinedFormulation> {
  return new Map(list.map((f) => [f.words.join(' '), f]));
}
/** The key byText() files a formulation under: its folded words. */
function words(text: string): string {
  const t = tokenize(text);
  return t.starts.flatMap((s, i) => (s < 0 ? [] : [foldWord(text.slice(s, t.ends[i]))])).join(' ');
}

describe('engine/formulations: tokenising precedents', () => {
  it('keeps elided articles as words of their own and breaks at strong punctuation, not at commas', () => {
    const text = 'lorsqu’il y a lieu, l’application de la loi ; «\u00a0Turn Back Crime\u00a0»';
    const t = tokenize(text);
    const words = t.starts.map((s, i) => (s < 0 ? '|' : text.slice(s, t.ends[i])));
    assert.deepEqual(words, ['lorsqu’', 'il', 'y', 'a', 'lieu', 'l’', 'application', 'de', 'la', 'loi', '|', 'Turn', 'Back', 'Crime', '|']);
  });
});

describe('engine/formulations: mining recurring formulations', () => {
  it('finds a formulation repeated across documents, compared folded, with counts and places', () => {
    const { found } = mine([
      'Les chefs de police renforcent la coopération policière internationale avec les partenaires.',
      'Nous soutenons la COOPÉRATION POLICIÈRE internationale dans la région.',
      'Il faut une coopération policière internationale efficace.',
    ]);
    const f = found.get(words('coopération policière internationale'));
    assert.ok(f, `mined: ${[...found.keys()].join(' / ')}`);
    assert.equal(f.count, 3);
    assert.equal(f.docCount, 3);
    assert.deepEqual(f.places.map((p) => p.doc).sort(), [0, 1, 2]);
  });

  it('counts repeats within one document (2 places in the same text are enough)', () => {
    const { found } = mine([
      'De réduire, dans toute la mesure du possible et lorsqu’il y a lieu, les obstacles. De réformer, dans toute la mesure du possible et lorsqu’il y a lieu, les procédures.',
    ]);
    const f = found.get(words("dans toute la mesure du possible et lorsqu'il y a lieu"));
    assert.ok(f, `mined: ${[...found.keys()].join(' / ')}`);
    assert.equal(f.count, 2);
    assert.equal(f.docCount, 1);
  });

  it('keeps the shorter formulation when it also occurs alone, and the longer closed one', () => {
    const { found } = mine([
      'Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée.',
      'Vu la Convention des Nations Unies contre la criminalité transnationale organisée et ses protocoles.',
      'Face à la criminalité transnationale organisée, nous agissons.',
    ]);
    assert.equal(found.get(words('la Convention des Nations Unies contre la criminalité transnationale organisée'))?.count, 2);
    assert.equal(found.get(words('la criminalité transnationale organisée'))?.count, 3);
    assert.equal(found.get(words('Convention des Nations Unies contre la criminalité')), undefined, 'not closed: always followed by the same words');
  });

  it('trims dangling function words, keeps a leading article, and does not cross a sentence end', () => {
    const { found } = mine([
      'Ils luttent contre la traite des êtres humains et. Puis autre chose ici.',
      'Nous condamnons la traite des êtres humains et. Puis autre chose là.',
    ]);
    const keys = [...found.keys()];
    assert.ok(keys.includes(words('la traite des êtres humains')), keys.join(' / '));
    assert.ok(!keys.some((k) => k.endsWith(' et')), 'no dangling "et"');
    assert.ok(!keys.some((k) => k.includes('humains et puis')), 'the sentence end breaks formulations');
  });

  it('finds the first place of a repeat once a later document repeats it, and forgets removed documents', () => {
    const miner = new FormulationMiner({ counterBits: 16 });
    const add = (doc: number, text: string): void => miner.add(doc, miner.internWords(text, tokenize(text)));
    add(0, 'Prenant note avec satisfaction du rapport annuel du Secrétaire général.');
    assert.equal(miner.formulations().length, 0);
    add(1, 'Nous prenons note avec satisfaction du rapport annuel présenté.');
    const f = byText(miner.formulations()).get(words('note avec satisfaction du rapport annuel'));
    assert.ok(f, [...byText(miner.formulations()).keys()].join(' / '));
    assert.equal(f.count, 2);
    miner.remove(0);
    assert.equal(byText(miner.formulations()).get(words('note avec satisfaction du rapport annuel')), undefined);
    add(2, 'Prenant note avec satisfaction du rapport annuel de l’Office.');
    assert.equal(byText(miner.formulations()).get(words('note avec satisfaction du rapport annuel'))?.count, 2);
  });
});

describe('engine/formulations: the seed precedents', () => {
  const index = new PrecedentIndex();
  before(() => {
    for (const seed of loadSeeds()) index.upsert({ docId: seed.file, fileName: seed.file, bytes: seed.bytes, meta: seed.meta });
  });

  const expected: Array<[string, number]> = [
    ['la criminalité transnationale organisée', 14],
    ['coopération policière internationale', 11],
    ['services chargés de l’application de la loi', 9],
    ['dans toute la mesure du possible et lorsqu’il y a lieu', 3],
    ['la Convention des Nations Unies contre la criminalité transnationale organisée', 3],
  ];
  for (const [text, atLeast] of expected) {
    it(`mines "${text}" with its written form and count`, () => {
      const all = index.formulations();
      const f = all.find((x) => foldKey(x.text) === foldKey(text));
      assert.ok(f, `not mined; top: ${all.slice(0, 15).map((x) => `${x.text} (${x.count})`).join(' / ')}`);
      assert.equal(f.text, text, 'displayed as written');
      assert.ok(f.count >= atLeast, `${f.count} < ${atLeast}`);
      assert.ok(f.occurrences.length > 0);
      const o = f.occurrences[0];
      assert.equal(foldKey(o.quote.slice(o.quoteSpan.start, o.quoteSpan.end)), foldKey(text));
    });
  }
});
