// Snapshots of what the finder cites in each bundled precedent, through the real pipeline.
// UPDATE_SNAPSHOTS=1 rewrites them; review the diff line by line: a snapshot must be right, not just stable.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { computeLineStarts, positionAt } from '../../../../server/src/engine/text/lines';
import { fold } from '../../../../server/src/engine/text/normalize';
import { findReferences } from '../../../../server/src/engine/references/find';

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
