import * as assert from 'node:assert/strict';
import { editDistance, KeyIndex } from '../../../../server/src/engine/search/keyIndex';

interface Lemma { lemma: string }

function openerIndex(): { index: KeyIndex<Lemma>; entries: Record<string, Lemma> } {
  const entries: Record<string, Lemma> = {
    reaffirmer: { lemma: 'réaffirmer' },
    reconnaitre: { lemma: 'reconnaître' },
    rappeler: { lemma: 'rappeler' },
    rapporter: { lemma: 'rapporter' },
    souligner: { lemma: 'souligner' },
    resoudre: { lemma: 'résoudre' },
  };
  const index = new KeyIndex<Lemma>([
    { key: 'Réaffirment', entry: entries.reaffirmer, weight: 12 },
    { key: 'Nous réaffirmons', entry: entries.reaffirmer, weight: 12 },
    { key: 'Reconnaissent', entry: entries.reconnaitre, weight: 9 },
    { key: 'Rappellent', entry: entries.rappeler, weight: 30 },
    { key: 'Rappelant', entry: entries.rappeler, weight: 30 },
    { key: 'Rapportent', entry: entries.rapporter, weight: 1 },
    { key: 'Soulignent', entry: entries.souligner, weight: 5 },
    { key: 'RÉSOLUS', entry: entries.resoudre, weight: 2 },
  ]);
  return { index, entries };
}

describe('engine/search/keyIndex: prefix and typo-tolerant lookup', () => {
  it('finds keys by prefix, case-insensitively, and reports the key as written', () => {
    const { index, entries } = openerIndex();
    const matches = index.lookup('RAPPEL', { limit: 5 });
    assert.equal(matches[0].entry, entries.rappeler);
    assert.equal(matches.length, 1, 'one entry even though two of its keys match');
    assert.ok(['Rappellent', 'Rappelant'].includes(matches[0].matchedKey));
    assert.equal(matches[0].fuzzy, false);
    assert.equal(index.lookup('résolus', { limit: 5 })[0]?.matchedKey, 'RÉSOLUS');
  });

  it('folds accents: "reaffirm" finds "Réaffirment", "resolus" finds "RÉSOLUS"', () => {
    const { index, entries } = openerIndex();
    assert.equal(index.lookup('reaffirm', { limit: 3 })[0]?.entry, entries.reaffirmer);
    assert.equal(index.lookup('resolus', { limit: 3 })[0]?.entry, entries.resoudre);
  });

  it('matches multi-word keys from their start ("nous reaff")', () => {
    const { index, entries } = openerIndex();
    const m = index.lookup('Nous  réaff', { limit: 3 });
    assert.equal(m[0].entry, entries.reaffirmer);
    assert.equal(m[0].matchedKey, 'Nous réaffirmons');
  });

  it('tolerates one typo of each kind within the typed prefix, only when asked', () => {
    const { index, entries } = openerIndex();
    const cases: Array<[string, Lemma, string]> = [
      ['reconaissent', entries.reconnaitre, 'missing letter (insertion)'],
      ['recpnnaiss', entries.reconnaitre, 'wrong letter (substitution)'],
      ['reconnnaiss', entries.reconnaitre, 'extra letter (deletion)'],
      ['reocnnaiss', entries.reconnaitre, 'swapped letters (transposition)'],
      ['souligenn', entries.souligner, 'swapped letters near the end'],
    ];
    for (const [query, expected, kind] of cases) {
      assert.deepEqual(index.lookup(query, { limit: 5 }), [], `${kind}: no match without fuzzy`);
      const m = index.lookup(query, { limit: 5, fuzzy: true });
      assert.equal(m[0]?.entry, expected, `${kind}: ${query}`);
      assert.equal(m[0].fuzzy, true);
    }
  });

  it('tolerates a missing doubled letter with accents folded ("reafirm" → "Réaffirment")', () => {
    const { index, entries } = openerIndex();
    assert.equal(index.lookup('reafirm', { limit: 3, fuzzy: true })[0]?.entry, entries.reaffirmer);
  });

  it('ranks exact over prefix over typo, then by weight, and honours the limit', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    const d = { id: 'd' };
    const index = new KeyIndex([
      { key: 'rappel', entry: a, weight: 0 },
      { key: 'rappelant', entry: b, weight: 100 },
      { key: 'rappellent', entry: c, weight: 10 },
      { key: 'rapel', entry: d, weight: 1000 },
    ]);
    const m = index.lookup('rappel', { limit: 10, fuzzy: true });
    assert.deepEqual(m.map((x) => x.entry.id), ['a', 'b', 'c', 'd']);
    assert.ok(m[0].score > m[1].score && m[1].score > m[2].score && m[2].score > m[3].score);
    assert.deepEqual(m.map((x) => x.fuzzy), [false, false, false, true]);
    assert.equal(index.lookup('rappel', { limit: 2, fuzzy: true }).length, 2);
    assert.equal(index.lookup('', { limit: 2 }).length, 0);
  });

  it('reads live weights through weightOf, so counts can change without a rebuild', () => {
    const x = { n: 1 };
    const y = { n: 2 };
    const index = new KeyIndex([{ key: 'prenant note', entry: x }, { key: 'prenant acte', entry: y }], { weightOf: (e) => e.n });
    assert.equal(index.lookup('prenant', { limit: 2 })[0].entry, y);
    x.n = 50;
    assert.equal(index.lookup('prenant', { limit: 2 })[0].entry, x);
  });

  it('finds later words of multi-word keys when asked, below matches at the start', () => {
    const palermo = { id: 'untoc' };
    const pal = { id: 'pal' };
    const index = new KeyIndex([
      { key: 'Convention de Palerme', entry: palermo, weight: 50 },
      { key: 'Palestine', entry: pal, weight: 1 },
    ], { wordStarts: (w) => w.length >= 3 });
    const m = index.lookup('pale', { limit: 5 });
    assert.deepEqual(m.map((x) => x.entry.id), ['pal', 'untoc']);
    assert.equal(m[1].matchedKey, 'Convention de Palerme');
    assert.deepEqual(index.lookup('de pal', { limit: 5 }), [], 'the predicate refused "de"');
  });

  it('editDistance counts a transposition as one edit and stops early above max', () => {
    assert.equal(editDistance('europole', 'europol'), 1);
    assert.equal(editDistance('ocse', 'osce'), 1);
    assert.equal(editDistance('convention', 'protocole', 2), 3);
  });

  // It computes only the band of cells within `max` of the diagonal, in rows it reuses: checked
  // against the whole table on random strings of a small alphabet (many matches and transpositions).
  it('editDistance within max is the whole table’s distance, and max + 1 beyond, on 20,000 random pairs', () => {
    const whole = (a: string, b: string): number => {
      const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    let seed = 12345;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    const word = (): string => Array.from({ length: next(14) }, () => 'abcé’ '[next(6)]).join('');
    let within = 0;
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      // Often a near copy of a, so that small distances are common.
      const b = next(2) ? word() : a.slice(0, next(a.length + 1)) + 'abc'[next(3)].repeat(next(2)) + a.slice(next(a.length + 1));
      const max = [0, 1, 2, 3, 5, Infinity][next(6)];
      const exact = whole(a, b);
      const expected = exact <= max ? exact : max + 1;
      if (exact <= max) within++;
      assert.equal(editDistance(a, b, max), expected, `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}`);
    }
    assert.ok(within > 5000, `${within} pairs within max`);
    // Long names, as the lint compares them.
    const name = 'convention des nations unies contre la criminalite transnationale organisee';
    assert.equal(editDistance(name, name.replace('unies', 'uniexs'), 25), 1);
    assert.equal(editDistance(name, 'convention des nations unies contre la corruption', 25), 26);
    assert.equal(editDistance(name, 'convention des nations unies contre la corruption'), whole(name, 'convention des nations unies contre la corruption'));
  });
});

describe('KeyIndex built from a previous one', () => {
  const words = ['coopération policière internationale', 'coopération judiciaire', 'criminalité transnationale organisée', 'criminalité organisée',
    'lutte contre la corruption', 'lutte contre le terrorisme', 'services chargés de l’application de la loi', 'convention de palerme',
    'conseil de sécurité', 'conseil ministériel', 'office des nations unies contre la drogue et le crime', 'traite des êtres humains'];
  const entries = words.map((key, i) => ({ key, entry: { id: i }, weight: (i * 7) % 5 }));

  it('answers every query as an index built from scratch, after entries left and others came', () => {
    const first = new KeyIndex(entries.slice(0, 8), { wordStarts: true });
    const next = [...entries.slice(2, 6), ...entries.slice(8), { key: 'coopération renforcée', entry: { id: 99 }, weight: 3 }, ...entries.slice(6, 8)];
    const reused = new KeyIndex(next, { wordStarts: true, previous: first });
    const fresh = new KeyIndex(next, { wordStarts: true });
    assert.equal(reused.size, fresh.size);
    for (const q of ['coop', 'crim', 'cooperation', 'conseil', 'lutte contre', 'palerme', 'organisee', 'cooperatoin', 'terorisme', 'x']) {
      for (const fuzzy of [false, true]) assert.deepEqual(reused.lookup(q, { limit: 20, fuzzy }), fresh.lookup(q, { limit: 20, fuzzy }), `${q} fuzzy=${fuzzy}`);
    }
    assert.ok(reused.lookup('coop', { limit: 20 }).some((m) => (m.entry as { id: number }).id === 99), 'the new entry is found');
    assert.ok(!reused.lookup('coopération pol', { limit: 20 }).length, 'a removed entry is gone');
  });
  it('keys given folded, one per entry (formulations): the same answers, the key itself as the matched key, and a kept entry’s key not even read', () => {
    const folded = ['cooperation policiere internationale', 'cooperation judiciaire', 'criminalite transnationale organisee', 'lutte contre la corruption', 'conseil de securite'];
    const mined = folded.map((words, i) => ({ words, count: i + 1 }));
    let keysRead = 0;
    const input = (list: typeof mined): Array<{ key: string; entry: (typeof mined)[number]; weight: number }> =>
      list.map((m) => ({ get key() { keysRead++; return m.words; }, entry: m, weight: m.count }));
    const first = new KeyIndex(input(mined.slice(0, 3)), { keysFolded: true, oneKeyPerEntry: true });
    assert.equal(first.rows().keyText, null, 'no second list of texts when every key is its text');
    keysRead = 0;
    const next = [...mined.slice(1, 3), ...mined.slice(3)];
    const reused = new KeyIndex(input(next), { keysFolded: true, oneKeyPerEntry: true, previous: first });
    assert.equal(keysRead, 2, 'only the two entries the previous index lacked were keyed');
    const fresh = new KeyIndex(input(next), { keysFolded: true, oneKeyPerEntry: true });
    const restored = new KeyIndex<(typeof mined)[number]>([], { rows: reused.rows() });
    for (const q of ['coop', 'cooperation j', 'crim', 'lutte', 'conseil de securite', 'cooperatoin', 'x']) {
      const expected = fresh.lookup(q, { limit: 10, fuzzy: true });
      assert.deepEqual(reused.lookup(q, { limit: 10, fuzzy: true }), expected, q);
      assert.deepEqual(restored.lookup(q, { limit: 10, fuzzy: true }), expected, `${q}, from the rows`);
    }
    const found = reused.lookup('cooperation', { limit: 10 });
    assert.deepEqual(found.map((m) => m.matchedKey), ['cooperation judiciaire']);
    assert.equal(reused.lookup('lutte', { limit: 1 })[0].entry, mined[3]);
  });

  it('leaves out a key holding U+0000 (it would split the joined keys) and answers with the others', () => {
    const index = new KeyIndex([{ key: 'conseil\u0000permanent', entry: 1 }, { key: 'conseil ministériel', entry: 2 }]);
    assert.deepEqual(index.lookup('conseil', { limit: 5 }).map((m) => m.entry), [2]);
    assert.equal(index.size, 1);
  });
});
