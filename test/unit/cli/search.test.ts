import * as assert from 'node:assert/strict';
import type { SearchReport } from '../../../server/src/node/cli/search';
import { excerpt } from '../../../server/src/node/cli/format';
import { run, seedManifest } from './support';

describe('cli: precedent search', () => {
  it('JSON: places in the bundled precedents with title, date, label, quote and the match inside the quote', async () => {
    const r = await run(['search', 'criminalité organisée', '--format', 'json', '--limit', '50']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as SearchReport;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.query, 'criminalité organisée');
    assert.ok(report.hits.length > 0, 'the seeds speak of organised crime');
    assert.ok(report.total >= report.hits.length);
    const seeds = new Map(seedManifest().map((s) => [`seeds/${s.file}`, s]));
    for (const hit of report.hits) {
      const seed = seeds.get(hit.file);
      assert.ok(seed, `${hit.file} is shown as seeds/<file>`);
      assert.equal(hit.title, seed.title);
      assert.equal(hit.date, seed.date);
      const matched = hit.quote.slice(hit.match.start, hit.match.end);
      assert.match(matched.normalize('NFD').replace(/\p{M}/gu, ''), /criminalite/i, 'the match is the searched words, accents aside');
    }
  });

  it('accent- and case-insensitive: "CRIMINALITE" finds what "criminalité" finds', async () => {
    const a = JSON.parse((await run(['search', 'criminalité', '--format', 'json'])).stdout) as SearchReport;
    const b = JSON.parse((await run(['search', 'CRIMINALITE', '--format', 'json'])).stdout) as SearchReport;
    assert.ok(a.total > 0);
    assert.equal(b.total, a.total);
  });

  it('--limit caps the places shown, not the total', async () => {
    const r = JSON.parse((await run(['search', 'coopération', '--format', 'json', '-n', '2'])).stdout) as SearchReport;
    assert.ok(r.total > 2, 'more than two places speak of cooperation');
    assert.equal(r.hits.length, 2);
  });

  it('text: grouped by precedent, match between reversed guillemets when not on a terminal', async () => {
    const r = await run(['search', 'INTERPOL']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^“INTERPOL”: \d+ places?/);
    assert.match(r.stdout, /»INTERPOL«/);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
    const tty = await run(['search', 'INTERPOL'], { tty: true });
    assert.match(tty.stdout, /\u001b\[1mINTERPOL\u001b\[22m/);
  });

  it('nothing found: a plain sentence, exit 0', async () => {
    const r = await run(['search', 'xylophone quantique']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^no precedent contains “xylophone quantique” \(searched 5 precedents\)\n$/);
  });

  it('only a missing corpus folder to search: one clear line, exit 2', async () => {
    const r = await run(['search', 'x', '--no-bundled', '--corpus', 'nowhere']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'precedent: no precedents to use: corpus folder not found: nowhere\n');
  });
});

describe('cli/format: excerpts around a match', () => {
  it('keeps the match whole, cuts at spaces and marks the cuts', () => {
    const quote = 'Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée, adoptée à New York le 15 novembre 2000, et ses protocoles';
    const start = quote.indexOf('criminalité');
    const shown = excerpt(quote, start, start + 'criminalité'.length, 60, { open: '»', close: '«' });
    assert.match(shown, /»criminalité«/);
    assert.ok(shown.startsWith('…') && shown.endsWith('…'));
    const words = new Set(quote.split(/[\s,]+/));
    for (const word of shown.replace(/[…»«]/g, '').split(/[\s,]+/).filter(Boolean)) assert.ok(words.has(word), `"${word}" is a whole word`);
  });
});
