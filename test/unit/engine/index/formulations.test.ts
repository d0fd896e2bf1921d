import * as assert from 'node:assert/strict';
import { FormulationMiner, foldedWords, foldWord, SLOT, tokenize, WORD_OR_BREAK, type MinedFormulation, type TokenList, type WordIds } from '../../../../server/src/engine/formulations';
import { decodePrecedent } from '../../../../server/src/engine/text/decode';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';
import { foldKey } from '../../../../server/src/engine/search/keyIndex';
import { glossary, loadSeeds } from './seedCorpus';

/** A plain text's word ids, as the index interns a precedent's (the whole text one unit). */
function wordIds(miner: FormulationMiner, text: string): WordIds {
  return miner.internFolded(foldedWords(text, tokenize(text)));
}

/** Mines plain texts, one document each (whole text as one unit, strong punctuation breaks). */
function mine(texts: string[]): { miner: FormulationMiner; found: Map<string, MinedFormulation> } {
  const miner = new FormulationMiner({ counterBits: 16 });
  texts.forEach((text, doc) => miner.add(doc, wordIds(miner, text)));
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

  it('cuts every text exactly as the WORD_OR_BREAK expression does: the seeds, and random text of letters, marks, hyphens, apostrophes, surrogates', () => {
    /** The specification: the expression run over each unit's slice. */
    const byExpression = (text: string, units: Array<{ start: number; end: number }>): TokenList => {
      const out: TokenList = { starts: [], ends: [] };
      for (const unit of units) {
        const slice = text.slice(unit.start, unit.end);
        for (const m of slice.matchAll(WORD_OR_BREAK)) {
          if (m[1] !== undefined) {
            out.starts.push(unit.start + m.index);
            out.ends.push(unit.start + m.index + m[1].length);
          } else if (out.starts.length && out.starts[out.starts.length - 1] !== -1) {
            out.starts.push(-1);
            out.ends.push(-1);
          }
        }
        if (out.starts.length && out.starts[out.starts.length - 1] !== -1) {
          out.starts.push(-1);
          out.ends.push(-1);
        }
      }
      return out;
    };
    let words = 0;
    const check = (text: string, units: Array<{ start: number; end: number }>, what: string): void => {
      const expected = byExpression(text, units);
      assert.deepEqual(tokenize(text, units), expected, what);
      words += expected.starts.length;
    };
    for (const seed of loadSeeds()) {
      const decoded = decodePrecedent(seed.bytes);
      assert.ok(decoded.ok);
      check(decoded.text, [{ start: 0, end: decoded.text.length }], seed.file);
    }
    // Units that start and end anywhere, across words, pairs and apostrophes.
    const pieces = [
      'a', 'é', 'E', 'ç', 'œ', 'ß', 'Ω', 'я', '中', '7', '²', '٣', 'e\u0301', '\u0301', '-', '\u2010', '\u2011', '\u2013', "'", '’', 'ʼ',
      '.', ';', ':', '!', '?', '(', ')', '[', ']', '«', '»', '“', '”', '"', '…', '•', ',', ' ', '\u00a0', '\u202f', '\n', '/',
      '\u{1d400}', '\u{1f600}', '\ud800', '\udc00', 'l’', 'aujourd’hui', 'peut-être', 'n°', 'S/RES/2178', 'I-24/7',
    ];
    let state = 12345;
    const random = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = 1 + random(25);
      for (let k = 0; k < length; k++) text += pieces[random(pieces.length)];
      const a = random(text.length + 1);
      const b = random(text.length + 1);
      const units = [{ start: 0, end: Math.min(a, b) }, { start: Math.min(a, b), end: Math.max(a, b) }, { start: Math.max(a, b), end: text.length }];
      check(text, [{ start: 0, end: text.length }], JSON.stringify(text));
      check(text, units, `${JSON.stringify(text)} in ${JSON.stringify(units)}`);
    }
    assert.ok(words > 20_000, `${words} tokens compared`);
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
    const add = (doc: number, text: string): void => miner.add(doc, wordIds(miner, text));
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

/** A deterministic random integer below n, from a linear congruential sequence. */
function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

/** Precedents recombined from the seeds' sentences (deterministic), so formulations recur across many texts. */
function recombined(seed: number): () => string {
  const sentences = loadSeeds()
    .map((s) => new TextDecoder().decode(s.bytes))
    .join('\n')
    .split(/(?<=[.;])\s+/)
    .filter((s) => s.length > 40 && s.length < 400);
  const random = seededRandom(seed);
  return () => Array.from({ length: 3 + random(6) }, () => sentences[random(sentences.length)]).join(' ');
}
const signature = (list: MinedFormulation[]): string[] => list.map((f) => `${f.words.join(' ')} ×${f.count} in ${f.docCount}`).sort();

describe('engine/formulations: the set after each change', () => {
  // The set is kept from change to change (only touched records are looked at). After every one
  // of many random additions, removals and edits it must equal the set worked out again over every
  // record of the same tables (as after a load), and the changes reported to callers must add up to it.
  function randomChanges(options: { maxRecords?: number }, initial = 30, touchUps = true): number {
    const text = recombined(7);
    const random = seededRandom(11);
    // Every change goes through the touched records (the default works small tables out anew).
    const miner = new FormulationMiner({ counterBits: 16, rescanShare: 1, ...options });
    const live: number[] = [];
    const texts = new Map<number, string>();
    let next = 0;
    const add = (t = text()): void => {
      miner.add(next, wordIds(miner, t));
      texts.set(next, t);
      live.push(next++);
    };
    // A drafter's edit: the same text with one word added, dropped or replaced (most of its
    // n-grams come back to the counts they had).
    const touchUp = (t: string): string => {
      const words = t.split(' ');
      const at = random(words.length);
      const kind = random(3);
      if (kind === 0) words.splice(at, 0, 'étroite');
      else if (kind === 1 && words.length > 3) words.splice(at, 1);
      else words[at] = words[random(words.length)];
      return words.join(' ');
    };
    for (let k = 0; k < initial; k++) add();
    let known = new Set<MinedFormulation>(miner.formulations());
    let generation = miner.generation;
    let touchedMost = 0;
    let prunes = 0;
    for (let step = 0; step < 120; step++) {
      const op = random(touchUps ? 4 : 3);
      if (op === 0 || live.length < 5) add();
      else {
        const doc = live.splice(random(live.length), 1)[0];
        miner.remove(doc);
        // An edited precedent comes back under a new number, as the index does it.
        if (op === 2) add();
        else if (op === 3) add(touchUp(texts.get(doc)!));
      }
      const set = miner.formulations();
      for (let k = 1; k < set.length; k++) assert.ok(set[k - 1].count >= set[k].count, `most frequent first (step ${step})`);
      const change = miner.changesSince(generation);
      if (change) {
        for (const f of change.retired) assert.ok(known.delete(f), `step ${step}: a retired formulation was in the set`);
        for (const f of change.added) known.add(f);
        assert.deepEqual(new Set(set), known, `step ${step}: the reported changes add up to the set`);
        touchedMost = Math.max(touchedMost, change.added.length + change.retired.length);
      } else {
        // A prune renumbered the records: callers are told to start from the whole set again.
        assert.ok(set.every((f) => !known.has(f)), `step ${step}: after a prune no formulation object is kept`);
        prunes++;
      }
      generation = miner.generation;
      miner.recomputeFormulations();
      const fromScratch = miner.formulations();
      assert.deepEqual(signature(set), signature(fromScratch), `step ${step}`);
      assert.equal(miner.generation, generation, `step ${step}: going over every record changed nothing`);
      known = new Set(set);
    }
    assert.ok(known.size > 50 && touchedMost > 0, `a set worth checking: ${known.size} formulations`);
    return prunes;
  }

  it('equals the set recomputed over every record, after each of 120 random changes (new, removed, replaced and touched-up precedents)', () => {
    assert.equal(randomChanges({}), 0);
  });

  // Records seen once are pruned when the table is full: record numbers change, the set is worked
  // out anew, and the changes after it go through the touched records again.
  it('also across prunes of the record table', () => {
    assert.ok(randomChanges({ maxRecords: 1500 }, 5, false) >= 2, 'prunes between changes');
  });
});

describe('engine/formulations: a bulk build within the record bound', () => {
  // A corpus indexed at once is mined in one pass. Records seen once are pruned as that pass goes,
  // not after it: the table stays near its bound instead of holding every n-gram of the corpus,
  // and what recurs often comes out the same, an occurrence or two short at most (one seen before
  // a prune, not yet seen twice then).
  // Besides recombined clauses, each precedent has its own particulars (names, places, numbers
  // in varying order): their 3-grams recur, the longer n-grams mostly do not, as in real corpora.
  const clauses = recombined(5);
  const particulars = ['Vienne', 'Monaco', 'Bruxelles', 'session', 'réunion', 'paragraphe', 'annexe', 'alinéa', 'point', 'document', 'vingt', 'trente', 'deux', 'cinq', 'sept', 'mars', 'juin', 'décembre'];
  const random = seededRandom(3);
  const own = (): string => Array.from({ length: 60 }, () => particulars[random(particulars.length)]).join(' ');
  const texts = Array.from({ length: 400 }, () => `${clauses()} ${own()}. ${own()}.`);
  const bulk = (maxRecords: number): { set: Map<string, MinedFormulation>; tableSlots: number; records: number } => {
    const miner = new FormulationMiner({ counterBits: 16, maxRecords });
    texts.forEach((t, doc) => miner.add(doc, wordIds(miner, t)));
    const set = byText(miner.formulations());
    const { tables } = miner.exportState();
    return { set, tableSlots: tables.slots.length / SLOT, records: tables.recA.length };
  };
  const unbounded = bulk(Number.MAX_SAFE_INTEGER);
  // 400 precedents hold ~400,000 records; a bound of 100,000 prunes five times, ~80 precedents apart.
  const bounded = bulk(100_000);

  it('keeps the record table near its bound, not as large as the whole corpus needs', () => {
    assert.ok(unbounded.tableSlots >= 8 * bounded.tableSlots, `${bounded.tableSlots} slots bounded, ${unbounded.tableSlots} without a bound`);
  });

  it('finds the formulations that recur often, with counts that are lower bounds', () => {
    let frequent = 0;
    for (const [text, f] of unbounded.set) {
      if (f.count < 20) continue;
      frequent++;
      const kept = bounded.set.get(text);
      assert.ok(kept, `"${text}" (×${f.count}) is kept`);
      assert.ok(kept.count <= f.count && kept.count >= f.count - 2, `"${text}": ×${kept.count} bounded, ×${f.count} without a bound`);
    }
    assert.ok(frequent > 20, `${frequent} frequent formulations to compare`);
    for (const [text, f] of bounded.set) assert.ok(f.count <= (unbounded.set.get(text)?.count ?? 0), `"${text}" is not over-counted`);
  });
});

describe('engine/formulations: the tables after a bulk pass', () => {
  // A pass grows its tables for the most records it holds before a prune. When it ends soon after
  // one, they were far larger than the records kept (100k precedents: 33.5 M hash slots, 400 MB,
  // and room for 11.5 M records, for 5.7 M kept). Here: 600 precedents of clauses that mostly
  // recur, a bound of 24,000 records; without the fit, 262,144 slots for 54,438 records.
  const random = seededRandom(4);
  const vocabulary = Array.from({ length: 3000 }, (_, i) => `mot${i}`);
  const phrase = (): string => Array.from({ length: 12 }, () => vocabulary[random(vocabulary.length)]).join(' ');
  const clauses = Array.from({ length: 2000 }, phrase);
  const texts = Array.from({ length: 600 }, () => Array.from({ length: 20 }, () => (random(100) < 85 ? clauses[random(clauses.length)] : phrase())).join(' '));
  const miner = new FormulationMiner({ counterBits: 16, maxRecords: 24_000 });
  texts.forEach((t, doc) => miner.add(doc, miner.internFolded(t)));
  const set = signature(miner.formulations());

  it('leaves a hash table sized for the records kept, with room for changes (2 to 4.5 slots a record)', () => {
    const { tables } = miner.exportState();
    const perRecord = tables.slots.length / SLOT / tables.recA.length;
    assert.ok(perRecord > 2 && perRecord < 4.5, `${tables.slots.length / SLOT} slots for ${tables.recA.length} records`);
  });

  // The key index reads every formulation's key once, most of them before anything read its words.
  it('keys each formulation by its folded words joined, whether its words were read or not', () => {
    const list = miner.formulations();
    const keysFirst = list.slice(0, 100).map((f) => f.key());
    list.slice(0, 100).forEach((f, k) => assert.equal(keysFirst[k], f.words.join(' ')));
    for (const f of list.slice(0, 100)) assert.equal(f.key(), f.words.join(' '));
    assert.ok(new Set(keysFirst).size === 100 && keysFirst.every((k) => k.split(' ').length >= 3), keysFirst[0]);
  });

  it('answers the same set, and takes changes after it as before', () => {
    assert.ok(set.length > 300, `${set.length} formulations`);
    miner.recomputeFormulations();
    assert.deepEqual(signature(miner.formulations()), set);
    miner.remove(3);
    miner.add(texts.length, miner.internFolded(`${texts[3]} ${texts[4]}`));
    const changed = signature(miner.formulations());
    miner.recomputeFormulations();
    assert.deepEqual(signature(miner.formulations()), changed);
  });
});

describe('engine/formulations: keys in order for a first key index', () => {
  const decode = (joined: Uint8Array): string[] => (joined.length ? Buffer.from(joined).toString('latin1').split('\u0000') : []);

  // Words that are prefixes of others ("mot1", "mot12", "mot123"), elided words (l'…): a
  // word sorts before a longer one it begins, as its key sorts before the longer key.
  it('gives every formulation\'s key once, sorted as the key strings sort, each row naming its formulation', () => {
    const random = seededRandom(8);
    const vocabulary = [...Array.from({ length: 400 }, (_, i) => `mot${i}`), 'l’application', 'délégations', 'états', 'réaffirment', 'coopération', 'l’onudc'];
    const phrase = (): string => Array.from({ length: 8 }, () => vocabulary[random(vocabulary.length)]).join(' ');
    const clauses = Array.from({ length: 300 }, phrase);
    const miner = new FormulationMiner({ counterBits: 16 });
    for (let doc = 0; doc < 120; doc++) miner.add(doc, wordIds(miner, Array.from({ length: 12 }, () => clauses[random(clauses.length)]).join('. ')));
    const sorted = miner.keysInOrder();
    assert.ok(sorted);
    const keys = decode(sorted.joined);
    const strings = sorted.formulations.map((f) => f.key());
    assert.ok(strings.length > 200, `${strings.length} formulations`);
    assert.deepEqual(keys, [...strings].sort());
    keys.forEach((key, row) => assert.equal(strings[sorted.order[row]], key));
    assert.ok(keys.some((k, i) => i > 0 && k.startsWith(keys[i - 1].split(' ')[0]) && k.split(' ')[0] !== keys[i - 1].split(' ')[0]), 'a word followed by a longer word it begins');
    assert.ok(keys.some((k) => k.includes("l' application") || k.includes("l' onudc")), 'elided words');
  });

  it('leaves keys with a character bytes cannot hold to the caller (null)', () => {
    const { miner } = mine(['Le programme Ωmega des Nations Unies pour le développement. Autre chose ici.', 'Le programme Ωmega des Nations Unies pour le développement. Rien de plus.']);
    assert.ok(miner.formulations().some((f) => f.key().includes('ω')));
    assert.equal(miner.keysInOrder(), null);
  });

  it('gives an empty list for no formulation', () => {
    const { miner } = mine(['Une seule phrase.']);
    assert.deepEqual(miner.keysInOrder(), { formulations: [], order: new Int32Array(0), joined: new Uint8Array(0) });
  });
});

describe('engine/formulations: a loaded miner made ready for changes while idle', () => {
  // 40 precedents: one changed precedent touches a few records of the table, not most of them.
  const texts = Array.from({ length: 40 }, recombined(3));
  const loaded = (): FormulationMiner => {
    const miner = new FormulationMiner({ counterBits: 16 });
    texts.forEach((t, doc) => miner.add(doc, wordIds(miner, t)));
    miner.formulations();
    return FormulationMiner.fromSaved(miner.exportState(), { rescanShare: 1 });
  };
  const edit = (miner: FormulationMiner): void => {
    miner.remove(1);
    const t = `${texts[1]}\nRappelant la Convention des Nations Unies contre la criminalité transnationale organisée.`;
    miner.add(texts.length, wordIds(miner, t));
  };
  const expected = (() => {
    const miner = loaded();
    edit(miner);
    miner.recomputeFormulations();
    return signature(miner.formulations());
  })();

  it('works in slices, keeps the set it loaded, and the next change gives the set worked out over every record', () => {
    const miner = loaded();
    const before = miner.formulations();
    const generation = miner.generation;
    const steps = miner.prepareForChanges(64);
    let slices = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) slices++;
    assert.equal(step.value, true);
    assert.ok(slices > 10, `${slices} slices`);
    assert.equal(miner.generation, generation, 'the loaded set is kept as it is');
    assert.equal(miner.formulations(), before);
    assert.equal(miner.prepareForChanges().next().value, false, 'nothing left to do');
    edit(miner);
    assert.deepEqual(signature(miner.formulations()), expected);
  });

  it('gives up when a precedent changes halfway, and that change is still answered right', () => {
    const miner = loaded();
    const steps = miner.prepareForChanges(64);
    for (let k = 0; k < 5; k++) assert.equal(steps.next().done, false);
    edit(miner);
    const rest = steps.next();
    assert.deepEqual([rest.done, rest.value], [true, false]);
    assert.deepEqual(signature(miner.formulations()), expected);
  });
});

describe('engine/formulations: a vocabulary past 65,535 words', () => {
  const FORMULATION = 'Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée.';
  // Precedent 0 uses words met first (2 bytes a word); 1 brings 70,000 more; 2 repeats 0's
  // formulation beside a word met after them all (4 bytes a word, the formulation's ids too).
  const built = (): FormulationMiner => {
    const miner = new FormulationMiner({ counterBits: 16 });
    miner.add(0, wordIds(miner, `Les États participants. ${FORMULATION}`));
    miner.add(1, wordIds(miner, glossary(70_000)));
    miner.add(2, wordIds(miner, `Les zanzibariens. ${FORMULATION}`));
    return miner;
  };

  it('keeps a precedent’s words at 2 bytes a word while they fit, at 4 when one does not, and mines across both', () => {
    const miner = built();
    assert.deepEqual([0, 1, 2].map((d) => miner.documentWords(d)?.constructor.name), ['Uint16Array', 'Uint32Array', 'Uint32Array']);
    assert.ok(miner.wordId('zanzibariens') > 0xffff, String(miner.wordId('zanzibariens')));
    const f = byText(miner.formulations()).get(words(FORMULATION.slice(0, -1)));
    assert.ok(f, [...byText(miner.formulations()).keys()].join(' / '));
    assert.deepEqual([f.count, f.docCount, f.places.map((p) => p.doc).sort()], [2, 2, [0, 2]]);
  });

  it('saves and restores both widths: the same words, set and changes as the miner never saved', () => {
    const miner = built();
    const before = signature(miner.formulations());
    const restored = FormulationMiner.fromSaved(miner.exportState(), { rescanShare: 1 });
    assert.deepEqual(signature(restored.formulations()), before);
    for (const d of [0, 1, 2]) {
      const [a, b] = [miner.documentWords(d)!, restored.documentWords(d)!];
      assert.equal(b.constructor, a.constructor, `precedent ${d}`);
      assert.deepEqual(Array.from(b), Array.from(a), `precedent ${d}`);
    }
    for (const m of [miner, restored]) {
      m.remove(0);
      m.add(3, wordIds(m, `Les zanzibariens encore. ${FORMULATION}`));
    }
    assert.deepEqual(signature(restored.formulations()), signature(miner.formulations()));
    const f = byText(restored.formulations()).get(words(FORMULATION.slice(0, -1)));
    assert.deepEqual([f?.count, f?.places.map((p) => p.doc).sort()], [2, [2, 3]]);
  });
});
