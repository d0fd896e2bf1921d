// Perf note, not a unit test (no timing assertions): KeyIndex lookup p50/p99 at 100k and 1M
// synthetic French-ish keys, and the time to upsert one precedent into an index of 10k documents.
// Run after `npx tsc -b`:  node out/test/unit/engine/index/keyindex.perf.js [--docs 10000] [--upsert-only]
import { KeyIndex } from '../../../../server/src/engine/search/keyIndex';
import { PrecedentIndex } from '../../../../server/src/engine/corpus';

const SYLLABLES = ['ré', 'af', 'fir', 'ment', 'con', 'nais', 'sent', 'ap', 'pel', 'lant', 'sou', 'li', 'gnent', 'pré',
  'oc', 'cu', 'pés', 'dé', 'ci', 'de', 'en', 'cou', 'ra', 'ge', 'tion', 'na', 'le', 'po', 'li', 'ciè', 're', 'mi',
  'nis', 'té', 'riel', 'coo', 'pé', 'ra', 'vi', 'sant', 'pro', 'mou', 'voir', 'in', 'ter', 'trans'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function syntheticKeys(n: number, random: () => number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = 1 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let w = 0; w < words; w++) {
      let word = '';
      const syl = 2 + Math.floor(random() * 3);
      for (let k = 0; k < syl; k++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      parts.push(w === 0 && random() < 0.3 ? word[0].toUpperCase() + word.slice(1) : word);
    }
    keys.push(parts.join(' '));
  }
  return keys;
}

function typo(s: string, random: () => number): string {
  const i = 1 + Math.floor(random() * Math.max(1, s.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + 'x' + s.slice(i + 1);
    case 2: return s.slice(0, i) + s[i] + s.slice(i);
    default: return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function measureKeys(n: number): void {
  const random = rng(n);
  const keys = syntheticKeys(n, random);
  const t0 = performance.now();
  const index = new KeyIndex(keys.map((key, i) => ({ key, entry: i, weight: Math.floor(random() * 1000) })));
  const build = performance.now() - t0;
  for (const fuzzy of [false, true]) {
    const times: number[] = [];
    const cpu: number[] = [];
    // The first 1000 queries warm the JIT up and are not counted.
    for (let q = -1000; q < 5000; q++) {
      const key = keys[Math.floor(random() * keys.length)];
      let query = key.slice(0, 2 + Math.floor(random() * Math.min(10, key.length - 1)));
      if (fuzzy && query.length >= 4) query = typo(query, random);
      const c = process.cpuUsage();
      const t = performance.now();
      index.lookup(query, { limit: 20, fuzzy });
      if (q >= 0) {
        times.push(performance.now() - t);
        // CPU time too: on a shared machine wall time mostly measures the other processes.
        cpu.push(process.cpuUsage(c).user / 1000);
      }
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`KeyIndex ${n} keys (build ${build.toFixed(0)} ms) ${fuzzy ? 'fuzzy (typo queries)' : 'prefix'}: ` +
      `p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(2)} ms; ` +
      `CPU p50 ${percentile(cpu, 0.5).toFixed(3)} ms, p99 ${percentile(cpu, 0.99).toFixed(3)} ms`);
  }
}

function syntheticDeclaration(random: () => number, i: number): string {
  const openers = ['Réaffirment', 'Reconnaissent', 'Soulignent', 'Rappelant', 'Nous réaffirmons', 'Décide', 'Prenant note'];
  const phrases = ['la coopération policière internationale', 'la criminalité transnationale organisée',
    'les services chargés de l’application de la loi', 'dans toute la mesure du possible et lorsqu’il y a lieu',
    'la Convention des Nations Unies contre la criminalité transnationale organisée', 'le rôle de l’OSCE'];
  const lines = [`DÉCLARATION ${i}`, '', 'Les chefs de police,', ''];
  const clauses = 20 + Math.floor(random() * 20);
  for (let c = 0; c < clauses; c++) {
    const words: string[] = [];
    for (let w = 0; w < 25; w++) {
      words.push(random() < 0.15 ? phrases[Math.floor(random() * phrases.length)] : syntheticKeys(1, random)[0].split(' ')[0]);
    }
    lines.push(`${c + 1}. ${openers[Math.floor(random() * openers.length)]} ${words.join(' ')} ;`, '');
  }
  return lines.join('\n');
}

function measureUpsert(docs: number): void {
  const random = rng(7);
  const index = new PrecedentIndex({ keepText: false, readText: () => null });
  const encoder = new TextEncoder();
  const t0 = performance.now();
  for (let i = 0; i < docs; i++) index.upsert({ docId: `d${i}`, fileName: `d${i}.txt`, bytes: encoder.encode(syntheticDeclaration(random, i)), meta: { date: '2020-01-01' } });
  const build = performance.now() - t0;
  const times: number[] = [];
  for (let k = 0; k < 50; k++) {
    const bytes = encoder.encode(syntheticDeclaration(random, docs + k));
    const t = performance.now();
    index.upsert({ docId: `d${k * 37}`, fileName: 'x.txt', bytes });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const heap = process.memoryUsage();
  console.log(`PrecedentIndex ${docs} docs: build ${(build / 1000).toFixed(1)} s; replace one: p50 ${percentile(times, 0.5).toFixed(1)} ms, ` +
    `p99 ${percentile(times, 0.99).toFixed(1)} ms; RSS ${(heap.rss / 2 ** 20).toFixed(0)} MB`);
  const q = performance.now();
  const cont = index.continueFormulation('rappelons la Convention des Nations Unies', 5);
  console.log(`  continueFormulation after a change: ${(performance.now() - q).toFixed(1)} ms (${cont.length} results); again: ` +
    `${(() => { const t = performance.now(); index.continueFormulation('dans toute la mes', 5); return (performance.now() - t).toFixed(2); })()} ms`);
}

const docsArg = process.argv.indexOf('--docs');
if (!process.argv.includes('--upsert-only')) {
  measureKeys(100_000);
  measureKeys(1_000_000);
}
measureUpsert(docsArg > 0 ? Number(process.argv[docsArg + 1]) : 10_000);
