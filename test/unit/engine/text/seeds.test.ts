// The bundled precedents through decode + cleanup: the artefacts of their PDF and web extraction are
// gone, and every clean character still points at the character it came from.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { decodePrecedent } from '../../../../server/src/engine/text/decode';
import { fold } from '../../../../server/src/engine/text/normalize';

const root = resolve(__dirname, '../../../../..');
const seeds = join(root, 'seeds');
const files = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();

describe('engine/text: the five bundled precedents clean up', () => {
  it('finds the five seed files', () => assert.equal(files.length, 5));

  for (const file of files) {
    it(file, () => {
      const decoded = decodePrecedent(new Uint8Array(readFileSync(join(seeds, file))));
      assert.ok(decoded.ok, file);
      assert.equal(decoded.encoding, 'utf-8');
      const original = decoded.text;
      const clean = cleanup(original);
      const text = clean.text;

      for (const artefact of ['I’OSCE', 'I’homme', '1’Organisation', 'ceuvre', 'réle', 'fagon', 'sOreté', 'sireté', '¢', 'DECLARATION‘SUR', '\nème', 'organiseée']) {
        assert.ok(!text.includes(artefact), `${file}: "${artefact}" remains`);
      }
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        assert.notEqual(lines[i].trim(), '', `${file}: empty line ${i}`);
        assert.equal(lines[i], lines[i].trim(), `${file}: line ${i} has outer white space`);
        assert.notEqual(lines[i], '/', `${file}: lone "/"`);
        if (i > 0) assert.notEqual(lines[i], lines[i - 1], `${file}: duplicate line ${i}`);
        assert.ok(!/ {2}/.test(lines[i]), `${file}: double space on line ${i}`);
      }

      // Every clean letter comes from a letter that folds the same, outside the repaired spans.
      assert.equal(clean.origin.length, text.length + 1);
      const repaired = (o: number) => clean.repairs.some((r) => r.span.start <= o && o < Math.max(r.span.end, r.span.start + 1));
      for (let k = 0; k < text.length; k++) {
        const o = clean.origin[k];
        assert.ok(o >= 0 && o < original.length, `${file}: origin ${o} of clean ${k} is outside the original`);
        if (k > 0) assert.ok(o >= clean.origin[k - 1], `${file}: origin goes back at clean ${k}`);
        const ch = text[k];
        if (/\p{L}/u.test(ch) && !repaired(o)) {
          assert.equal(fold(original[o]), fold(ch), `${file}: clean "${ch}" at ${k} comes from "${original[o]}" at ${o}`);
        }
        if ((ch === ' ' || ch === '\n') && !repaired(o)) assert.ok(/\s/.test(original[o]), `${file}: a separator at ${k} maps to white space`);
      }
    });
  }

  it('keeps the drafters’ structure: one clause per line', () => {
    const text = (f: string) => cleanup(readFileSync(join(seeds, f), 'utf8')).text.split('\n');
    const brussels = text('2006-osce-chefs-de-police-declaration-de-bruxelles.txt');
    assert.equal(brussels.filter((l) => l.startsWith('- ')).length, 23);
    assert.ok(brussels.includes('Concernant le rôle de l’OSCE, les chefs de police'));
    const monaco = text('2014-interpol-monaco-declaration-finale.txt');
    assert.equal(monaco.map((l) => /^[A-Z]+\d*[A-Z]? ?:/.exec(l)?.[0] ?? '?').join(' '),
      '? INTRO : P1: P2: P2A: P2B: P2C: P2D: P2E: P2F: P2G: P2H: P2I: P2J: P2K: P3: P3A: P3B: P3C: P3D: P3E: P3F: P3G: P3H: P3I: P3J:');
    const tirana = text('2020-osce-conseil-ministeriel-criminalite-transnationale-organisee.txt');
    assert.deepEqual(tirana.slice(1).map((l) => /^\d+\./.exec(l)?.[0]), ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']);
  });
});
