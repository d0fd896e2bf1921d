import * as assert from 'node:assert/strict';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { OCR_WORDS, aIsPreposition, findOcrEdits, isInfinitive, repairWord } from '../../../../server/src/engine/text/ocr';

function clean(s: string): string {
  return cleanup(s).text;
}

describe('engine/text/ocr: the OCR repair table', () => {
  describe('word table', () => {
    for (const [from, to] of OCR_WORDS) {
      it(`"${from}" → "${to}" as a whole word, capitalised too, never in capitals`, () => {
        assert.equal(clean(`Rappelant le ${from}, dit-il.`), `Rappelant le ${to}, dit-il.`);
        if (from === from.toLowerCase()) {
          assert.equal(repairWord(from.charAt(0).toUpperCase() + from.slice(1)), to.charAt(0).toUpperCase() + to.slice(1));
          assert.equal(repairWord(from.toUpperCase()), null, 'capitals without accents are a convention');
        }
        assert.equal(clean(`x${from}`), `x${from}`, 'not inside a longer word');
      });
    }
    it('records each repair with its span in the original', () => {
      const original = 'nous insistons sur le réle essentiel';
      const c = cleanup(original);
      assert.deepEqual(c.repairs, [{ kind: 'ocr', span: { start: 22, end: 26 }, from: 'réle', to: 'rôle' }]);
      assert.equal(c.origin[c.text.indexOf('rôle') + 1], original.indexOf('réle') + 1, 'ô maps to é');
    });
    it('maps a shortened repair (ceuvre → œuvre) onto the replaced letters', () => {
      const original = 'la mise en ceuvre des engagements';
      const c = cleanup(original);
      assert.equal(c.text, 'la mise en œuvre des engagements');
      const at = c.text.indexOf('œuvre');
      assert.equal(c.origin[at], original.indexOf('ceuvre'));
      assert.equal(c.origin[at + 1], original.indexOf('uvre'));
      assert.equal(c.origin[c.text.indexOf(' des')], original.indexOf(' des'));
    });
  });

  describe('character rules', () => {
    it('elided-I: I’ at a word start before a letter is l’ (I’OSCE, I’homme, I’échange)', () => {
      assert.equal(clean('les activités de I’OSCE, les droits de I’homme et I’échange'), 'les activités de l’OSCE, les droits de l’homme et l’échange');
      assert.equal(clean("de I'OSCE"), "de l'OSCE", 'the straight apostrophe too');
      assert.equal(clean('“I’m sure”, PI’s'), '“I’m sure”, PI’s', 'English and I inside a word are left alone');
    });
    it('elided-1: 1’Organisation is l’Organisation; 1’30 is not touched', () => {
      assert.equal(clean('de 1’Organisation des Nations Unies'), 'de l’Organisation des Nations Unies');
      assert.equal(clean('en 1’30 et 21’Organisation'), 'en 1’30 et 21’Organisation');
    });
    it('lost-l: a lone ’ after a word before a vowel is l’ (pour ’OSCE); a quotation is not', () => {
      assert.equal(clean('ces documents pour ’OSCE.'), 'ces documents pour l’OSCE.');
      assert.equal(clean('le mot ’Etat’ et ’Union’'), 'le mot ’Etat’ et ’Union’');
      assert.equal(clean('pour ’Bruxelles'), 'pour ’Bruxelles', 'no elision before a consonant');
    });
    it('cent-cedilla: ¢ between letters is ç; a price is not touched', () => {
      assert.equal(clean('en renfor¢ant la mise en œuvre'), 'en renforçant la mise en œuvre');
      assert.equal(clean('FRAN¢AIS coûte 10 ¢'), 'FRANÇAIS coûte 10 ¢');
    });
    it('glued-quote: ‘ between two words is a space, not after an elision', () => {
      assert.equal(clean(' DECLARATION‘SUR LE RENFORCEMENT'), 'DECLARATION SUR LE RENFORCEMENT');
      assert.equal(clean('de l‘OSCE'), 'de l‘OSCE');
    });
    it('jusqu-a: jusqu’a is jusqu’à', () => {
      assert.equal(clean('jusqu’a présent'), 'jusqu’à présent');
    });
    it('S-five: "S." after paragraph 4 is 5., elsewhere it stays', () => {
      const original = '4. Nous réaffirmons le rôle primordial des Etats.\n\nS. Nous reconnaissons le rôle central.\n\n6. Nous soulignons.';
      const c = cleanup(original);
      assert.equal(c.text, '4. Nous réaffirmons le rôle primordial des Etats.\n5. Nous reconnaissons le rôle central.\n6. Nous soulignons.');
      assert.deepEqual(c.repairs.map((r) => [r.kind, r.from, r.to]), [['paragraph-number', 'S', '5']]);
      assert.equal(clean('S. Nous reconnaissons.'), 'S. Nous reconnaissons.');
      assert.equal(clean('13. Nous rappelons.\n1S. Nous notons.'), '13. Nous rappelons.\n1S. Nous notons.');
      assert.equal(clean('14. Nous rappelons.\n1S. Nous notons.'), '14. Nous rappelons.\n15. Nous notons.');
    });
  });

  describe('a for à, only where avoir cannot stand', () => {
    const yes: Array<[string, string]> = [
      ['aider les Etats participants a procéder a des auto-évaluations', 'aider les Etats participants à procéder à des auto-évaluations'],
      ['et, si besoin est, a renforcer leurs systèmes', 'et, si besoin est, à renforcer leurs systèmes'],
      ['les documents pertinents adoptés a I’OSCE', 'les documents pertinents adoptés à l’OSCE'],
      ['grace a des contacts et a un dialogue directs', 'grâce à des contacts et à un dialogue directs'],
      ['en portant atteinte aux valeurs et a la gouvernance', 'en portant atteinte aux valeurs et à la gouvernance'],
      ['relatives a la mise en œuvre', 'relatives à la mise en œuvre'],
      ['la coopération a s’associer', 'la coopération à s’associer'],
      ['de nouveau a faire en sorte', 'de nouveau à faire en sorte'],
      ['a cet égard et a l’issue de la réunion', 'à cet égard et à l’issue de la réunion'],
      ['il est invité a la mettre en œuvre', 'il est invité à la mettre en œuvre'],
    ];
    for (const [input, expected] of yes) it(`"${input}"`, () => assert.equal(clean(input), expected));
    const no = [
      's’il y a lieu', 'Le Conseil a adopté la décision', 'elle a des effets', 'qui a la charge de', 'qui a l’intention de',
      'l’accès a des conséquences', 'le danger a augmenté', 'la protocole a cette Convention', 'le dossier a été',
    ];
    for (const input of no) it(`leaves "${input}"`, () => assert.equal(clean(input), input));
    it('knows infinitives from -er nouns', () => {
      assert.deepEqual(['procéder', 'associer', 'vérifier', 'agir', 'faire', 'promouvoir', 'employer'].map(isInfinitive), [true, true, true, true, true, true, true]);
      assert.deepEqual(['premier', 'dossier', 'étranger', 'avenir', 'espoir', 'entre', 'foyer'].map(isInfinitive), [false, false, false, false, false, false, false]);
      assert.equal(aIsPreposition('x a travers', 2), true);
    });
  });

  it('finds nothing to repair in clean French', () => {
    const text = 'Les chefs de police réaffirment le rôle de l’OSCE et s’engagent à renforcer la coopération ; il y a lieu d’agir.';
    assert.deepEqual(findOcrEdits(text), []);
  });
});
