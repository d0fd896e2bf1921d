import * as assert from 'node:assert/strict';
import { JoinedKeys } from '../../../../server/src/engine/search/joinedKeys';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Folded keys as the index has them, with what folding leaves: ’ turned ', « » turned ", NBSP turned
// space are gone by then, but a key may still hold a non-Latin letter, a pair beyond the BMP, digits.
const KEYS = [
  '', 'a', 'ab', 'abc', "l'organisation", 'l organisation', 'convention des nations unies',
  'convention des nations unies contre la criminalite', 'convention', 'conventions', 'σ', 'ωmega',
  '\u{1d400}x', 'z', 'zz', '2178 (2014)', 's/res/2178', 'reaffirment', 'reaffirm', 'réaffirment',
];

describe('engine/search/joinedKeys: sorted keys in one string', () => {
  it('gives back every key, its length and code units, exactly as given', () => {
    const keys = JoinedKeys.of(KEYS);
    assert.equal(keys.length, KEYS.length);
    assert.equal(keys.text, KEYS.join('\u0000'));
    KEYS.forEach((key, i) => {
      assert.equal(keys.at(i), key);
      assert.equal(keys.lengthAt(i), key.length);
      for (let j = 0; j <= key.length; j++) assert.ok(Object.is(keys.charCodeAt(i, j), key.charCodeAt(j)), `key ${i} unit ${j}`);
    });
  });

  it('compares a key with a string, and two keys, in the order of < on strings', () => {
    const keys = JoinedKeys.of(KEYS);
    const probes = [...KEYS, 'ab\uffff', 'convention des', 'réaffirm', '\u0001', 'zzz', 'l'];
    KEYS.forEach((key, i) => {
      for (const p of probes) assert.equal(sign(keys.compare(i, p)), order(key, p), `${JSON.stringify(key)} against ${JSON.stringify(p)}`);
      KEYS.forEach((other, j) => assert.equal(sign(keys.compareKeys(i, j)), order(key, other), `${JSON.stringify(key)} against key ${JSON.stringify(other)}`));
    });
  });

  it('tells whether a key starts with a prefix, never reading into the next key', () => {
    const keys = JoinedKeys.of(['ab', 'abc', 'b']);
    assert.ok(keys.startsWith(0, 'a') && keys.startsWith(0, 'ab') && keys.startsWith(0, ''));
    // "ab\u0000abc": the prefix "ab\u0000a" runs past key 0's end.
    assert.ok(!keys.startsWith(0, 'ab\u0000a'));
    assert.ok(!keys.startsWith(0, 'abc'));
    assert.ok(keys.startsWith(1, 'abc') && !keys.startsWith(2, 'a'));
  });

  it('reads back the keys a saved index joined, and refuses a count the text does not hold', () => {
    for (const list of [KEYS, [''], ['', ''], ['x', ''], ['', 'x'], []]) {
      const keys = JoinedKeys.parse(list.join('\u0000'), list.length);
      assert.deepEqual(Array.from({ length: keys.length }, (_, i) => keys.at(i)), list);
    }
    assert.throws(() => JoinedKeys.parse('a\u0000b', 3), /2 keys where 3/);
    assert.throws(() => JoinedKeys.parse('a\u0000b\u0000c', 2), /more than 2/);
    assert.throws(() => JoinedKeys.parse('a', 0), /no key/);
  });

  it('refuses a key holding U+0000, which would read as two', () => {
    assert.throws(() => JoinedKeys.of(['a', 'b\u0000c']), /key 1 contains U\+0000/);
  });
});
