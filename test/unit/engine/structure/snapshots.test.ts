// The clause openers of every bundled precedent, through the real pipeline (cleanup → segment), as a
// readable table per seed in test/snapshots/openers/<seed>.txt. `UPDATE_SNAPSHOTS=1` rewrites them;
// review the diff line by line against the seed before committing: the table must be right, not
// just stable.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { segment } from '../../../../server/src/engine/structure/segment';

// Compiled to out/test/unit/engine/structure: the repository root is five levels up.
const ROOT = resolve(__dirname, '../../../../..');
const SEEDS = join(ROOT, 'seeds');
const SNAPSHOTS = join(ROOT, 'test/snapshots/openers');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function table(original: string): string {
  const { sections, clauses } = segment(cleanup(original));
  const lines = ['# label | opener | lemma | form | role'];
  let section = -1;
  for (const c of clauses) {
    if (c.sectionIndex !== section) {
      section = c.sectionIndex;
      const s = sections[section];
      lines.push(`## ${s.heading ?? '(no heading)'} — voice: ${s.voice.subject ?? '?'} (${s.voice.person ?? '?'})${s.role ? ` — ${s.role}` : ''}`);
    }
    const o = c.opener;
    lines.push([c.label ?? '-', o?.text ?? '-', o?.lemma ?? '-', o?.form ?? '-', c.role].join(' | '));
  }
  return lines.join('\n') + '\n';
}

describe('engine/structure: opener snapshots of the seeds (cleanup → segment)', () => {
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  it('finds the five bundled seeds', () => assert.equal(seeds.length, 5));
  for (const file of seeds) {
    const name = file.replace(/\.txt$/, '');
    it(name, () => {
      const actual = table(readFileSync(join(SEEDS, file), 'utf8'));
      const path = join(SNAPSHOTS, `${name}.txt`);
      if (UPDATE) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      assert.ok(existsSync(path), `no snapshot ${path}: run with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(actual, readFileSync(path, 'utf8'));
    });
  }
});
