// Sorted keys as one string, joined by U+0000, and where each one starts. A million formulation keys
// as a million strings were 36 MB of string objects at every load (the saved index already holds
// them joined, 65 MB at 100k precedents) and as many objects for the collector to copy and mark;
// lookups read a key in place (a binary search compares ~20 of them), so none has to exist alone.

const SEPARATOR = 0;

export class JoinedKeys {
  private constructor(
    /** The keys joined by U+0000; '' when they are held as `bytes`. */
    private readonly text: string,
    /**
     * Or the same as Latin-1 code units (every key's characters ≤ U+00FF, separator 0): a saved
     * index's keys stay in the loaded bytes, never made a string (65 MB at 100k precedents, a
     * third of the saved JSON to decode and parse).
     */
    private readonly bytes: Uint8Array | null,
    /** Where key i starts; starts[length] is one past the end, so key i ends at starts[i + 1] - 1. */
    private readonly starts: Uint32Array,
  ) {}

  /** The keys in the order given. A key may not contain U+0000 (it would read as two). */
  static of(keys: readonly string[]): JoinedKeys {
    const starts = new Uint32Array(keys.length + 1);
    let at = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i].includes('\u0000')) throw new Error(`key ${i} contains U+0000`);
      starts[i] = at;
      at += keys[i].length + 1;
    }
    starts[keys.length] = at;
    return new JoinedKeys(keys.join('\u0000'), null, starts);
  }

  /**
   * `count` keys joined by U+0000, as saved() gave them (a string, or Latin-1 code units taken as
   * they are, not copied); throws when there are not that many.
   */
  static parse(joined: string | Uint8Array, count: number): JoinedKeys {
    const starts = new Uint32Array(count + 1);
    const length = joined.length;
    if (count === 0) {
      if (length !== 0) throw new Error('joined keys: text given for no key');
      return new JoinedKeys('', null, starts);
    }
    const next = typeof joined === 'string' ? (from: number): number => joined.indexOf('\u0000', from) : (from: number): number => joined.indexOf(SEPARATOR, from);
    let at = 0;
    for (let i = 0; i < count; i++) {
      starts[i] = at;
      const end = next(at);
      if (end < 0) {
        if (i !== count - 1) throw new Error(`joined keys: ${i + 1} keys where ${count} were expected`);
        at = length + 1;
      } else {
        if (i === count - 1) throw new Error(`joined keys: more than ${count} keys`);
        at = end + 1;
      }
    }
    starts[count] = at;
    return typeof joined === 'string' ? new JoinedKeys(joined, null, starts) : new JoinedKeys('', joined, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** The keys for a saved index: Latin-1 code units when every character fits, else the joined string. */
  saved(): string | Uint8Array {
    if (this.bytes) return this.bytes;
    const text = this.text;
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) return text;
      out[i] = c;
    }
    return out;
  }

  /** The keys joined by U+0000, as one string. */
  joined(): string {
    return this.bytes ? latin1(this.bytes, 0, this.bytes.length) : this.text;
  }

  /** Key i as a string (a slice of the joined text). */
  at(i: number): string {
    const from = this.starts[i];
    const to = this.starts[i + 1] - 1;
    return this.bytes ? latin1(this.bytes, from, to) : this.text.slice(from, to);
  }

  lengthAt(i: number): number {
    return this.starts[i + 1] - 1 - this.starts[i];
  }

  /** Code unit j of key i (NaN past its end, as String.charCodeAt). */
  charCodeAt(i: number, j: number): number {
    if (j >= this.lengthAt(i)) return NaN;
    return this.bytes ? this.bytes[this.starts[i] + j] : this.text.charCodeAt(this.starts[i] + j);
  }

  /** Key i against `s` in UTF-16 code unit order (what `<` on strings compares): negative, 0 or positive. */
  compare(i: number, s: string): number {
    const from = this.starts[i];
    const length = this.starts[i + 1] - 1 - from;
    const n = Math.min(length, s.length);
    const bytes = this.bytes;
    if (bytes) {
      for (let j = 0; j < n; j++) {
        const d = bytes[from + j] - s.charCodeAt(j);
        if (d !== 0) return d;
      }
    } else {
      const text = this.text;
      for (let j = 0; j < n; j++) {
        const d = text.charCodeAt(from + j) - s.charCodeAt(j);
        if (d !== 0) return d;
      }
    }
    return length - s.length;
  }

  /** Key i against key j, as compare(). */
  compareKeys(i: number, j: number): number {
    const a = this.starts[i];
    const b = this.starts[j];
    const la = this.starts[i + 1] - 1 - a;
    const lb = this.starts[j + 1] - 1 - b;
    const n = Math.min(la, lb);
    for (let k = 0; k < n; k++) {
      const d = this.codeAt(a + k) - this.codeAt(b + k);
      if (d !== 0) return d;
    }
    return la - lb;
  }

  startsWith(i: number, prefix: string): boolean {
    const from = this.starts[i];
    if (this.starts[i + 1] - 1 - from < prefix.length) return false;
    const bytes = this.bytes;
    if (!bytes) return this.text.startsWith(prefix, from);
    for (let j = 0; j < prefix.length; j++) if (bytes[from + j] !== prefix.charCodeAt(j)) return false;
    return true;
  }

  private codeAt(at: number): number {
    return this.bytes ? this.bytes[at] : this.text.charCodeAt(at);
  }
}

/** Latin-1 code units [from, to) as a string (in pieces: an argument list has a limit). */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  // fromCharCode takes the typed array as its argument list (array-like): no copy into an array.
  for (let at = from; at < to; at += 8192) out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(to, at + 8192)) as unknown as number[]);
  return out;
}
