import * as assert from 'node:assert/strict';
import { codesToString, fold, foldWithMap, sourceSpan } from '../../../../server/src/engine/text/normalize';
import { keyOf } from '../../../../server/src/engine/references/tokens';

describe('engine/text/normalize: folding for matching', () => {
  const table: Array<[string, string]> = [
    ['Réaffirment', 'reaffirment'],
    ['RÉAFFIRMENT', 'reaffirment'],
    ['Français, garçon', 'francais, garcon'],
    ['mise en œuvre, ŒUVRE, Cæsar', 'mise en oeuvre, oeuvre, caesar'],
    ['l’OSCE, l\'OSCE, lʼOSCE, l‘OSCE, l`OSCE, l´OSCE', "l'osce, l'osce, l'osce, l'osce, l'osce, l'osce"],
    ['«\u00a0Turn Back Crime\u00a0»', '" turn back crime "'],
    ['“Dialogue”', '"dialogue"'],
    ['Convenons\u202f:', 'convenons :'],
    ['  Nous,\t\tles\n\nMinistres  ', 'nous, les ministres'],
    ['Re\u0301affirment la ne\u0301cessite\u0301', 'reaffirment la necessite'],
    ['dé\ufb01s of\ufb02ine', 'defis offline'],
    ['Etats\u2011Unis – Europe — ONU', 'etats-unis - europe - onu'],
    ['coopé\u00adration\u200b', 'cooperation'],
    ['Łódź, Straße', 'lodz, strasse'],
    ['', ''],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(fold(input), expected));
  }

  it('returns an already folded string as is', () => {
    const s = 'la convention des nations unies contre la criminalite';
    assert.equal(fold(s), s);
    assert.equal(fold(fold('Réaffirment l’OSCE')), fold('Réaffirment l’OSCE'), 'folding twice changes nothing');
  });

  it('maps folded positions back to the source', () => {
    const source = '  Rappelant la Convention  des Nations\u00a0Unies contre la criminalité transnationale';
    const { folded, origin } = foldWithMap(source);
    assert.equal(folded, fold(source));
    assert.equal(origin.length, folded.length + 1);
    for (const word of ['rappelant', 'nations unies', 'criminalite transnationale']) {
      const at = folded.indexOf(word);
      const span = sourceSpan(origin, at, at + word.length);
      assert.equal(fold(source.slice(span.start, span.end)), word);
    }
    const at = folded.indexOf('criminalite');
    const span = sourceSpan(origin, at, at + 'criminalite'.length);
    assert.equal(source.slice(span.start, span.end), 'criminalité');
    assert.equal(origin[folded.length], source.length);
  });

  it('maps expansions and dropped marks to the source character', () => {
    const source = 'mise en œuvre de la re\u0301union';
    const { folded, origin } = foldWithMap(source);
    assert.equal(folded, 'mise en oeuvre de la reunion');
    const o = folded.indexOf('oeuvre');
    assert.equal(origin[o], source.indexOf('œ'));
    assert.equal(origin[o + 1], source.indexOf('œ'));
    assert.deepEqual(sourceSpan(origin, o, o + 1), { start: 8, end: 9 }, 'half a ligature is the ligature');
    const r = folded.indexOf('reunion');
    const span = sourceSpan(origin, r, r + 2);
    assert.equal(source.slice(span.start, span.end), 're\u0301', 'the combining mark stays with its letter');
  });

  it('folds a megabyte quickly', () => {
    const text = 'Réaffirment l’engagement des États participants de l’OSCE « à renforcer » la coopération\u00a0; '.repeat(11_000);
    fold(text);
    const t0 = Date.now();
    const folded = fold(text);
    foldWithMap(text);
    assert.ok(folded.startsWith("reaffirment l'engagement des etats participants de l'osce \" a renforcer \" la cooperation ;"));
    assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
  });
});

describe('engine/text/normalize: strings made from code units', () => {
  const units = (text: string): Uint16Array => {
    const codes = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    return codes;
  };
  const french = '\ufeffRéaffirment l’engagement des États « à renforcer »\u00a0la coopération ; mise en œuvre. ';

  it('gives back every code unit of short and long texts: a leading U+FEFF, accents, ’ « », NBSP, pairs and lone surrogates', () => {
    for (const text of [
      french,
      french.repeat(200),
      `${french.repeat(100)}𝓐 𐐀`,
      `${french.repeat(100)}\ud800 lone high, lone low \udc00`,
      'a'.repeat(5000),
      '',
    ]) {
      const codes = units(text);
      assert.equal(codesToString(codes, codes.length), text);
      // Only the first n code units, from a buffer longer than the text (as the cleanup writes them).
      const padded = new Uint16Array(codes.length + 7);
      padded.set(codes);
      padded.fill(0x41, codes.length);
      assert.equal(codesToString(padded, codes.length), text);
    }
  });
});

describe('engine/references/tokens: keys of texts', () => {
  it('keys a long text character for character, as its pieces are keyed (same length, case and accents off, ’ « » folded)', () => {
    const piece = 'RAPPELANT la Convention des Nations\u00a0Unies contre la criminalité — « Palerme », l’ONUDC, ŒUVRE, 𐐀 ; ';
    const long = piece.repeat(400);
    const key = keyOf(long);
    assert.equal(key.length, long.length);
    assert.equal(key, keyOf(piece).repeat(400));
    assert.equal(keyOf(piece), 'rappelant la convention des nations unies contre la criminalite - " palerme ", l\'onudc, œuvre, 𐐨 ; ');
  });
});
