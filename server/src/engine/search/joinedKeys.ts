// Sorted keys as one string, joined by U+0000, and where each one starts. A million formulation keys
// as a million strings were 36 MB of string objects at every load (the saved index already holds
// them joined, 65 MB at 100k precedents) and as many objects for the collector to copy and mark;
// lookups read a key in place (a binary search compares ~20 of them), so none has to exist alone.

const SEPARATOR = 0;

export class JoinedKeys {
  private constructor(
    /** The keys joined by U+0000 (what a saved index stores). */
    readonly text: string,
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
    return new JoinedKeys(keys.join('\u0000'), starts);
  }

  /** `count` keys joined by U+0000, as `text` gave them; throws when there are not that many. */
  static parse(text: string, count: number): JoinedKeys {
    const starts = new Uint32Array(count + 1);
    if (count === 0) {
      if (text !== '') throw new Error('joined keys: text given for no key');
      return new JoinedKeys(text, starts);
    }
    let at = 0;
    for (let i = 0; i < count; i++) {
      starts[i] = at;
      const end = text.indexOf('\u0000', at);
      if (end < 0) {
        if (i !== count - 1) throw new Error(`joined keys: ${i + 1} keys where ${count} were expected`);
        at = text.length + 1;
      } else {
        if (i === count - 1) throw new Error(`joined keys: more than ${count} keys`);
        at = end + 1;
      }
    }
    starts[count] = at;
    return new JoinedKeys(text, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Key i as a string (a slice of the joined text). */
  at(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1] - 1);
  }

  lengthAt(i: number): number {
    return this.starts[i + 1] - 1 - this.starts[i];
  }

  /** Code unit j of key i (NaN past its end, as String.charCodeAt). */
  charCodeAt(i: number, j: number): number {
    return j < this.lengthAt(i) ? this.text.charCodeAt(this.starts[i] + j) : NaN;
  }

  /** Key i against `s` in UTF-16 code unit order (what `<` on strings compares): negative, 0 or positive. */
  compare(i: number, s: string): number {
    const from = this.starts[i];
    const length = this.starts[i + 1] - 1 - from;
    const n = Math.min(length, s.length);
    const text = this.text;
    for (let j = 0; j < n; j++) {
      const d = text.charCodeAt(from + j) - s.charCodeAt(j);
      if (d !== 0) return d;
    }
    return length - s.length;
  }

  /** Key i against key j, as compare(). */
  compareKeys(i: number, j: number): number {
    const a = this.starts[i];
    const b = this.starts[j];
    const text = this.text;
    for (let k = 0; ; k++) {
      // The separator (0) sorts before every code unit: a key that ends first is the smaller.
      const ca = text.charCodeAt(a + k);
      const cb = text.charCodeAt(b + k);
      const ea = Number.isNaN(ca) || ca === SEPARATOR;
      const eb = Number.isNaN(cb) || cb === SEPARATOR;
      if (ea || eb) return ea && eb ? 0 : ea ? -1 : 1;
      if (ca !== cb) return ca - cb;
    }
  }

  startsWith(i: number, prefix: string): boolean {
    const from = this.starts[i];
    if (this.starts[i + 1] - 1 - from < prefix.length) return false;
    return this.text.startsWith(prefix, from);
  }
}
