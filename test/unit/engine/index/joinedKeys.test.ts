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
/** Keys whose characters all fit in Latin-1 (a saved index keeps those as bytes). */
const LATIN1 = KEYS.filter((k) => [...k].every((c) => c.charCodeAt(0) <= 0xff)).concat(['ÿ', 'çà', 'a\u00a0b']);

/** The same keys held as a string (built) and, for Latin-1 keys, as the bytes a saved index holds. */
function backings(keys: readonly string[]): Array<[string, JoinedKeys]> {
  const built = JoinedKeys.of(keys);
  const saved = built.saved();
  return typeof saved === 'string' ? [['built', built]] : [['built', built], ['saved bytes', JoinedKeys.parse(saved, keys.length)]];
}

describe('engine/search/joinedKeys: sorted keys in one string', () => {
  it('gives back every key, its length and code units, exactly as given, from a string or saved bytes', () => {
    for (const list of [KEYS, LATIN1]) {
      for (const [how, keys] of backings(list)) {
        assert.equal(keys.length, list.length);
        assert.equal(keys.joined(), list.join('\u0000'), how);
        list.forEach((key, i) => {
          assert.equal(keys.at(i), key, how);
          assert.equal(keys.lengthAt(i), key.length);
          for (let j = 0; j <= key.length; j++) assert.ok(Object.is(keys.charCodeAt(i, j), key.charCodeAt(j)), `${how}: key ${i} unit ${j}`);
        });
      }
    }
  });

  it('saves Latin-1 keys as bytes and any other as the joined string', () => {
    const latin1 = JoinedKeys.of(LATIN1).saved();
    assert.ok(latin1 instanceof Uint8Array);
    assert.deepEqual(Array.from(latin1), Array.from(LATIN1.join('\u0000'), (c) => c.charCodeAt(0)));
    assert.equal(JoinedKeys.of(KEYS).saved(), KEYS.join('\u0000'), 'σ and 𝐀 do not fit in a byte');
    assert.equal(JoinedKeys.parse(latin1, LATIN1.length).saved(), latin1, 'bytes read from a saved index are saved as they are');
  });

  it('compares a key with a string, and two keys, in the order of < on strings', () => {
    const probes = [...KEYS, 'ab\uffff', 'convention des', 'réaffirm', '\u0001', 'zzz', 'l', 'ÿ', 'çb', 'σ'];
    for (const list of [KEYS, LATIN1]) {
      for (const [how, keys] of backings(list)) {
        list.forEach((key, i) => {
          for (const p of probes) assert.equal(sign(keys.compare(i, p)), order(key, p), `${how}: ${JSON.stringify(key)} against ${JSON.stringify(p)}`);
          list.forEach((other, j) => assert.equal(sign(keys.compareKeys(i, j)), order(key, other), `${how}: ${JSON.stringify(key)} against key ${JSON.stringify(other)}`));
        });
      }
    }
  });

  it('tells whether a key starts with a prefix, never reading into the next key', () => {
    for (const [how, keys] of backings(['ab', 'abc', 'b', 'éa'])) {
      assert.ok(keys.startsWith(0, 'a') && keys.startsWith(0, 'ab') && keys.startsWith(0, ''), how);
      // "ab\u0000abc": the prefix "ab\u0000a" runs past key 0's end.
      assert.ok(!keys.startsWith(0, 'ab\u0000a'), how);
      assert.ok(!keys.startsWith(0, 'abc'), how);
      assert.ok(keys.startsWith(1, 'abc') && !keys.startsWith(2, 'a'), how);
      assert.ok(keys.startsWith(3, 'é') && !keys.startsWith(3, 'e') && !keys.startsWith(3, 'éa\u0101'), how);
    }
  });

  it('reads back the keys a saved index joined, and refuses a count the text does not hold', () => {
    for (const list of [KEYS, LATIN1, [''], ['', ''], ['x', ''], ['', 'x'], []]) {
      const joined = list.join('\u0000');
      const keys = JoinedKeys.parse(joined, list.length);
      assert.deepEqual(Array.from({ length: keys.length }, (_, i) => keys.at(i)), list);
      const saved = JoinedKeys.of(list).saved();
      const fromBytes = JoinedKeys.parse(saved, list.length);
      assert.deepEqual(Array.from({ length: fromBytes.length }, (_, i) => fromBytes.at(i)), list, `${JSON.stringify(list)} from ${typeof saved}`);
    }
    const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
    for (const joined of ['a\u0000b', bytes('a\u0000b')]) assert.throws(() => JoinedKeys.parse(joined, 3), /2 keys where 3/);
    for (const joined of ['a\u0000b\u0000c', bytes('a\u0000b\u0000c')]) assert.throws(() => JoinedKeys.parse(joined, 2), /more than 2/);
    assert.throws(() => JoinedKeys.parse('a', 0), /no key/);
    assert.throws(() => JoinedKeys.parse(bytes('a'), 0), /no key/);
  });

  it('refuses a key holding U+0000, which would read as two', () => {
    assert.throws(() => JoinedKeys.of(['a', 'b\u0000c']), /key 1 contains U\+0000/);
  });
});
