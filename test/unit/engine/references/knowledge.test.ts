import * as assert from 'node:assert/strict';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { findReferences } from '../../../../server/src/engine/references/find';
import { KNOWN_ENTRIES, KNOWN_REFERENCES, knowledge, symbolKey } from '../../../../server/src/engine/references/knowledge';

const kb = knowledge();

/** The mention of `name` in a sentence, when the finder resolves it to `id`. */
function foundAs(name: string, id: string): boolean {
  const sentence = `Nous rappelons le rôle de ${name}, et nous saluons ses travaux.`;
  const at = sentence.indexOf(name);
  return findReferences(cleanup(sentence)).some((m) => m.id === id && m.span.start === at && m.span.end >= at + name.length - 6);
}

describe('engine/references/knowledge: the curated file', () => {
  it('holds 50–80 entries with unique ids, and no name shared by two entries', () => {
    assert.ok(KNOWN_ENTRIES.length >= 50 && KNOWN_ENTRIES.length <= 80, `${KNOWN_ENTRIES.length} entries`);
    assert.equal(new Set(KNOWN_ENTRIES.map((e) => e.id)).size, KNOWN_ENTRIES.length);
    assert.deepEqual(kb.collisions, []);
    assert.equal(KNOWN_REFERENCES, KNOWN_ENTRIES);
  });

  it('gives canonical names without article, and articles drafters use', () => {
    for (const e of KNOWN_ENTRIES) {
      assert.ok(!/^(?:la|le|les|l’|l')\s/i.test(e.canonical), e.canonical);
      assert.ok(['l’', 'la', 'le', 'les', ''].includes(e.article), `${e.id}: ${e.article}`);
      if (e.year) assert.match(e.year, /^(?:18|19|20)\d\d$/);
    }
  });

  it('knows the facts the drafters rely on', () => {
    const untoc = kb.lookup('Convention de Palerme')!;
    assert.equal(untoc.id, 'untoc');
    assert.equal(untoc.canonical, 'Convention des Nations Unies contre la criminalité transnationale organisée');
    assert.equal(untoc.year, '2000');
    assert.equal(kb.lookup('UNODC')!.canonical, 'Office des Nations Unies contre la drogue et le crime');
    assert.equal(kb.lookup('UNODC')!.article, 'l’');
    assert.equal(kb.lookup('la Convention de Mérida')!.id, 'uncac');
    assert.equal(kb.lookup('convention de merida')!.id, 'uncac', 'case- and accent-insensitive');
    assert.equal(kb.lookup('Convention unique sur les stupéfiants')!.year, '1961');
    assert.equal(kb.bySymbol('S/RES/2178 (2014)')!.id, 'unsc-2178');
    assert.equal(kb.bySymbol('s/res/2178')!.id, 'unsc-2178');
    assert.equal(kb.bySymbol('ETS No. 185')!.id, 'budapest-convention');
    assert.equal(kb.bySymbol('STCE n°\u00a0185')!.id, 'budapest-convention');
    assert.equal(kb.bySymbol('MC.DEC/3/05')!.year, '2005');
    assert.equal(symbolKey('CETS No. 196'), symbolKey('STCE n° 196'));
  });

  for (const e of KNOWN_ENTRIES) {
    it(`resolves ${e.id}: canonical name, every acronym and alias, in lookup and in running text`, () => {
      const names = [e.canonical, ...e.aliases, ...e.acronyms];
      for (const name of names) {
        assert.equal(kb.lookup(name)?.id, e.id, `lookup(${name})`);
        assert.ok(foundAs(name, e.id), `found in text: ${name}`);
      }
      for (const symbol of e.symbols ?? []) assert.equal(kb.bySymbol(symbol)?.id, e.id, symbol);
    });
  }
});
