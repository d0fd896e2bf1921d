import * as assert from 'node:assert/strict';
import { decodePrecedent, decodeUtf8Portable, decodeWindows1252 } from '../../../../server/src/engine/text/decode';

function utf8(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'utf8'));
}
function bytes(...parts: Array<number[] | Uint8Array>): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => Array.from(p)));
}

describe('engine/text/decode: bytes to text, or one clear reason', () => {
  const french = 'Réaffirment l’engagement «\u00a0ferme\u00a0» de l’OSCE — œuvre 😀';

  it('decodes UTF-8 as is', () => {
    const r = decodePrecedent(utf8(french));
    assert.deepEqual(r, { ok: true, text: french, encoding: 'utf-8', notes: [] });
  });

  it('strips a UTF-8 byte order mark', () => {
    const r = decodePrecedent(bytes([0xef, 0xbb, 0xbf], utf8(french)));
    assert.ok(r.ok);
    assert.equal(r.text, french);
    assert.equal(r.encoding, 'utf-8');
  });

  it('decodes UTF-16LE and UTF-16BE with a byte order mark', () => {
    const le = Buffer.from(french, 'utf16le');
    const r1 = decodePrecedent(bytes([0xff, 0xfe], le));
    assert.ok(r1.ok);
    assert.equal(r1.text, french);
    assert.equal(r1.encoding, 'utf-16le');
    const be = Buffer.from(le).swap16();
    const r2 = decodePrecedent(bytes([0xfe, 0xff], be));
    assert.ok(r2.ok);
    assert.equal(r2.text, french);
    assert.equal(r2.encoding, 'utf-16be');
  });

  it('recognises UTF-16LE without a byte order mark, with a note', () => {
    const text = 'Les chefs de police réaffirment leur engagement.\n';
    const r = decodePrecedent(new Uint8Array(Buffer.from(text, 'utf16le')));
    assert.ok(r.ok);
    assert.equal(r.text, text);
    assert.equal(r.encoding, 'utf-16le');
    assert.match(r.notes[0], /no byte order mark/);
  });

  it('falls back to Windows-1252 for invalid UTF-8 and says where it failed', () => {
    // "Réaffirment l’OSCE" in Windows-1252: é = 0xE9, ’ = 0x92.
    const cp = bytes([0x52, 0xe9], Array.from(Buffer.from('affirment l', 'latin1')), [0x92], Array.from(Buffer.from('OSCE', 'latin1')));
    const r = decodePrecedent(cp);
    assert.ok(r.ok);
    assert.equal(r.text, 'Réaffirment l’OSCE');
    assert.equal(r.encoding, 'windows-1252');
    assert.deepEqual(r.notes, ['not valid UTF-8 (first invalid byte at offset 1); decoded as Windows-1252']);
    assert.equal(decodeWindows1252(new Uint8Array([0x80, 0x9c, 0x85, 0xab])), '€œ…«');
  });

  it('refuses binary files with one reason', () => {
    assert.deepEqual(decodePrecedent(bytes(utf8('abc'), [0], utf8('def'))), { ok: false, reason: 'binary file (contains NUL bytes)' });
    assert.deepEqual(decodePrecedent(utf8('%PDF-1.7\n%âãÏÓ')), { ok: false, reason: 'binary file (PDF document; extract its text first)' });
    assert.deepEqual(decodePrecedent(bytes([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), { ok: false, reason: 'binary file (ZIP archive or Office document; save it as plain text first)' });
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    const r = decodePrecedent(controls);
    assert.ok(!r.ok);
    assert.match(r.reason, /^binary file \(134 control characters in the first 400 characters\)$/);
  });

  it('refuses empty and white-space-only files', () => {
    assert.deepEqual(decodePrecedent(new Uint8Array(0)), { ok: false, reason: 'empty file' });
    assert.deepEqual(decodePrecedent(utf8(' \n\t\r\n\u00a0\u202f\n')), { ok: false, reason: 'empty file' });
    assert.deepEqual(decodePrecedent(bytes([0xef, 0xbb, 0xbf], utf8('\n\n'))), { ok: false, reason: 'empty file' });
  });

  it('keeps a form feed or a tab (ordinary in PDF exports)', () => {
    const r = decodePrecedent(utf8('page 1\f\tpage 2'));
    assert.ok(r.ok);
  });

  describe('portable UTF-8 decoder (used when the runtime has no TextDecoder)', () => {
    it('decodes what Node decodes', () => {
      const text = `${french} ${'Ā𐍈€ǅ'.repeat(3000)}`;
      assert.equal(decodeUtf8Portable(utf8(text)), text);
    });
    it('rejects overlongs, surrogates, truncated and out-of-range sequences at their first byte', () => {
      assert.deepEqual(decodeUtf8Portable(new Uint8Array([0x41, 0xc0, 0xaf])), { invalidAt: 1 });
      assert.deepEqual(decodeUtf8Portable(new Uint8Array([0x41, 0x42, 0xed, 0xa0, 0x80])), { invalidAt: 2 });
      assert.deepEqual(decodeUtf8Portable(new Uint8Array([0xe2, 0x82])), { invalidAt: 0 });
      assert.deepEqual(decodeUtf8Portable(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), { invalidAt: 0 });
      assert.deepEqual(decodeUtf8Portable(new Uint8Array([0x41, 0xe9, 0x41])), { invalidAt: 1 });
    });
  });
});
