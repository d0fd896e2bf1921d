import type { DecodeResult } from '../types';
// STUB — replaced by the text-cleanup helper.
export function decodePrecedent(bytes: Uint8Array): DecodeResult {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return { ok: true, text: s, encoding: 'utf-8', notes: [] };
}
