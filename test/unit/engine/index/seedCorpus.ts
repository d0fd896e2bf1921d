// Loads the bundled seed precedents with their manifest metadata (shared by the index tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrecedentMeta } from '../../../../server/src/engine/types';

export const SEEDS_DIR = join(__dirname, '..', '..', '..', '..', '..', 'seeds');

export interface Seed {
  file: string;
  bytes: Uint8Array;
  meta: Partial<PrecedentMeta>;
}

export function loadSeeds(): Seed[] {
  const manifest = JSON.parse(readFileSync(join(SEEDS_DIR, 'precedents.json'), 'utf8')) as {
    precedents: Array<{ file: string; title: string; date: string | null; body: string | null; place: string | null; kind: string | null; language: string }>;
  };
  return manifest.precedents.map((p) => ({
    file: p.file,
    bytes: readFileSync(join(SEEDS_DIR, p.file)),
    meta: { title: p.title, date: p.date, body: p.body, place: p.place, kind: p.kind, language: p.language },
  }));
}

/**
 * `n` distinct invented words ("vaaaa", "vaaab" …), a sentence each: a vocabulary and no
 * formulation, to take a corpus past the 65,535 words whose ids fit in 2 bytes.
 */
export function glossary(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = '';
    for (let k = 0, v = i; k < 4; k++, v = Math.floor(v / 26)) w = String.fromCharCode(97 + (v % 26)) + w;
    out.push(`v${w}.`);
  }
  return out.join(' ');
}
