// Snapshots of what the finder cites in each bundled precedent, through the real pipeline.
// UPDATE_SNAPSHOTS=1 rewrites them; review the diff line by line: a snapshot must be right, not just stable.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { computeLineStarts, positionAt } from '../../../../server/src/engine/text/lines';
import { fold } from '../../../../server/src/engine/text/normalize';
import { findReferences } from '../../../../server/src/engine/references/find';
import { analyseText } from '../../../../server/src/engine/analyse';

const root = resolve(__dirname, '../../../../..');
const seeds = join(root, 'seeds');
const snapshots = join(root, 'test/snapshots/references');

function render(original: string): string {
  const lineStarts = computeLineStarts(original);
  const lines = ['# line:char (1-based) | kind | type | id | canonical | text'];
  for (const m of findReferences(cleanup(original))) {
    const p = positionAt(lineStarts, m.span.start);
    lines.push(`${p.line + 1}:${p.character + 1} | ${m.kind} | ${m.type} | ${m.id} | ${m.canonical ?? '-'} | ${m.text}`);
  }
  return lines.join('\n') + '\n';
}

describe('engine/references: citations in the bundled precedents (snapshots)', () => {
  const files = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
  it('has five seeds', () => assert.equal(files.length, 5));
  for (const file of files) {
    it(`cites what ${file} cites`, () => {
      const original = readFileSync(join(seeds, file), 'utf8');
      const actual = render(original);
      const path = join(snapshots, file);
      if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
        mkdirSync(snapshots, { recursive: true });
        writeFileSync(path, actual);
      }
      assert.equal(actual, readFileSync(path, 'utf8'));
      // Every span covers its mention in the original text.
      const letters = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
      for (const m of findReferences(cleanup(original))) {
        assert.equal(letters(original.slice(m.span.start, m.span.end)), letters(m.text), m.text);
      }
    });
  }
});

describe('engine: a text cut where a drafter stops typing is analysed without an error', () => {
  // A drafter's buffer ends anywhere: on "à" or "pour" after an instrument's head ("Plan d’action
  // conjoint a"), the complement reader once looked past the last word and threw, and the draft
  // got no diagnostics at all. Every word end of every seed, with the 150 characters before it.
  it('every word end of the bundled precedents', () => {
    let texts = 0;
    const threw: string[] = [];
    for (const file of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const original = readFileSync(join(seeds, file), 'utf8');
      for (let cut = 1; cut <= original.length; cut++) {
        if (/\s/.test(original[cut - 1]) || !/\s/.test(original[cut] ?? ' ')) continue;
        const text = original.slice(Math.max(0, cut - 150), cut);
        texts++;
        try {
          analyseText(text);
        } catch (error) {
          threw.push(`${file}@${cut} «${text.slice(-40)}»: ${(error as Error).message}`);
        }
      }
    }
    assert.ok(texts > 5000, `${texts} texts`);
    assert.deepEqual(threw.slice(0, 5), []);
  });

  it('ends on a preposition after a head: "Plan d’action conjoint a", "… des polices à"', () => {
    assert.deepEqual(analyseText('Plan d’action conjoint a').references.map((r) => r.text), ['Plan d’action conjoint']);
    assert.doesNotThrow(() => analyseText('au renforcement de la capacité des polices à'));
  });
});
