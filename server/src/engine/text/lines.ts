// The one place where offsets become LSP-shaped positions (0-based line, UTF-16 character).
import type { Span, TextPosition, TextRange } from '../types';

/** Offsets at which each line starts. A line ends at \n, \r\n or a lone \r, as LSP defines it. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function positionAt(lineStarts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: readonly number[], textLength: number, position: TextPosition): number {
  if (position.line < 0) return 0;
  if (position.line >= lineStarts.length) return textLength;
  const lineStart = lineStarts[position.line];
  const nextLineStart = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : textLength;
  return Math.max(lineStart, Math.min(lineStart + position.character, nextLineStart));
}

export function rangeOf(lineStarts: readonly number[], span: Span): TextRange {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}
