// Plain-text layout for the terminal: aligned columns, shortened quotes, highlighted matches.

/** Display width, counting code points (French text is precomposed; combining marks count 0). */
export function width(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\p{Mn}/u.test(ch)) n++;
  return n;
}

export function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

export function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text;
}

/** Shorten to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Truncate cells to this width. */
  max?: number;
}

/** Rows as aligned columns, two spaces apart, indented; the last column is not padded. */
export function table(columns: readonly Column[], rows: readonly string[][], indent = '  '): string[] {
  const cells = rows.map((row) => row.map((cell, i) => (columns[i]?.max ? shorten(cell, columns[i].max as number) : cell)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (row: readonly string[]): string =>
    (indent + row.map((cell, i) => {
      if (i === columns.length - 1) return columns[i].align === 'right' ? padStart(cell, widths[i]) : cell;
      return columns[i].align === 'right' ? padStart(cell, widths[i]) : padEnd(cell, widths[i]);
    }).join('  ')).trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}

export interface Highlight {
  open: string;
  close: string;
}

/** Bold on a terminal; reversed guillemets otherwise (they never occur in French text, unlike « »). */
export function highlightFor(isTTY: boolean): Highlight {
  return isTTY ? { open: '\u001b[1m', close: '\u001b[22m' } : { open: '»', close: '«' };
}

/**
 * A window of `quote` around [start, end), at most about `max` characters, with the match
 * highlighted and ellipses where the quote was cut. Whitespace runs become single spaces.
 */
export function excerpt(quote: string, start: number, end: number, max: number, mark: Highlight): string {
  const s = Math.max(0, Math.min(start, quote.length));
  const e = Math.max(s, Math.min(end, quote.length));
  const room = Math.max(20, max - (e - s));
  let from = Math.max(0, s - Math.floor(room / 2));
  let to = Math.min(quote.length, e + (room - (s - from)));
  from = Math.max(0, Math.min(from, to - max));
  // Cut at word boundaries so no word is shown half.
  if (from > 0) {
    const space = quote.indexOf(' ', from);
    if (space >= 0 && space < s) from = space + 1;
  }
  if (to < quote.length) {
    const space = quote.lastIndexOf(' ', to);
    if (space > e) to = space;
  }
  const squash = (t: string): string => t.replace(/\s+/g, ' ');
  return (
    (from > 0 ? '…' : '') +
    squash(quote.slice(from, s)) +
    mark.open + squash(quote.slice(s, e)) + mark.close +
    squash(quote.slice(e, to)) +
    (to < quote.length ? '…' : '')
  );
}

/** "1 precedent", "3 precedents". */
export function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
