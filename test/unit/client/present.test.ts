import * as assert from 'node:assert/strict';
import { describeStatus } from '../../../client/src/present';
import type { CorpusStatus } from '../../../server/src/protocol/settings';

const indexing = (progress?: CorpusStatus['progress']): CorpusStatus => ({
  state: 'indexing', documents: 0, clauses: 0, references: 0, skipped: [], message: 'Indexation des précédents…', ...(progress ? { progress } : {}),
});

describe('client/present: the status bar while indexing', () => {
  it('counts the precedents read, as French writes numbers, then says it prepares', () => {
    assert.equal(describeStatus(indexing()).text, '$(sync~spin) Précédent : indexation…');
    assert.equal(describeStatus(indexing({ phase: 'reading', done: 12400, total: 100000 })).text, '$(sync~spin) Précédent : 12\u202f400 / 100\u202f000');
    assert.equal(describeStatus(indexing({ phase: 'preparing', done: 100000, total: 100000 })).text, '$(sync~spin) Précédent : préparation…');
  });

  it('keeps the server message and the skipped files in the tooltip', () => {
    const status = { ...indexing({ phase: 'reading', done: 3, total: 80 }), message: 'Indexation des précédents… 3 sur 80 lus (3 %)', skipped: [{ file: 'x.txt', reason: 'empty file: no text to index' }] };
    assert.equal(describeStatus(status).tooltip, 'Indexation des précédents… 3 sur 80 lus (3 %)\n1 fichier(s) ignoré(s) :\n• x.txt — empty file: no text to index');
  });
});
