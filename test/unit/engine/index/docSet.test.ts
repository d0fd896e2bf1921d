import * as assert from 'node:assert/strict';
import { DocSet } from '../../../../server/src/engine/docSet';

describe('engine/docSet: the precedents of a topic as bits', () => {
  it('adds, finds and removes precedent numbers like a Set, across words and past its first size', () => {
    const numbers = [0, 1, 31, 32, 63, 64, 2047, 2048, 2049, 99_999, 100_000, 1_048_575];
    const set = new DocSet(Int32Array.from([5, ...numbers, 5]));
    const reference = new Set([5, ...numbers]);
    assert.equal(set.size, reference.size);
    for (const n of [...numbers, 5]) assert.ok(set.has(n), `${n} is in`);
    for (const n of [2, 30, 33, 2046, 99_998, 1_048_576, 5_000_000]) assert.ok(!set.has(n), `${n} is not in`);
    // Iterated in number order, each once.
    assert.deepEqual([...set], [...reference].sort((a, b) => a - b));
    assert.equal(set.delete(31), true);
    assert.equal(set.delete(31), false);
    assert.equal(set.delete(7_000_000), false);
    set.add(64);
    assert.equal(set.size, reference.size - 1);
    assert.ok(!set.has(31) && set.has(32));
    assert.deepEqual(Int32Array.from(set), Int32Array.from([...reference].filter((n) => n !== 31).sort((a, b) => a - b)));
  });

  it('holds the same precedents as a Set through thousands of random changes', () => {
    const set = new DocSet();
    const reference = new Set<number>();
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 50_000;
    for (let i = 0; i < 20_000; i++) {
      const n = next();
      if (i % 3 === 2) assert.equal(set.delete(n), reference.delete(n));
      else {
        set.add(n);
        reference.add(n);
      }
    }
    assert.equal(set.size, reference.size);
    assert.deepEqual([...set], [...reference].sort((a, b) => a - b));
  });
});
