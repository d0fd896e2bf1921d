import * as assert from 'node:assert/strict';
import { computeLineStarts, offsetAt, positionAt } from '../../../server/src/engine/text/lines';

describe('engine/text/lines: offsets to LSP positions', () => {
  it('counts \\n, \\r\\n and lone \\r as line ends, in UTF-16 units', () => {
    const text = 'Rappelant «\u00a0x\u00a0»\r\nNous, les Ministres,\rDe soutenir 😀 la\nfin';
    const starts = computeLineStarts(text);
    assert.deepEqual(starts, [0, 17, 38, 56]);
    assert.deepEqual(positionAt(starts, text.indexOf(' la') + 1), { line: 2, character: 15 });
    assert.equal(offsetAt(starts, text.length, { line: 2, character: 15 }), text.indexOf(' la') + 1);
    assert.equal(offsetAt(starts, text.length, { line: 9, character: 0 }), text.length);
    assert.equal(offsetAt(starts, text.length, { line: 0, character: 99 }), 17, 'clamped to the line');
  });
});
