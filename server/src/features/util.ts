// Small text helpers shared by the features: positions, folding, Markdown escaping, case styles.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../engine/types';
import { offsetAt, positionAt } from '../engine/text/lines';
import { fold } from '../engine/text/normalize';

export { fold };

export function toRange(lineStarts: readonly number[], span: Span): Range {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}

export function toOffset(lineStarts: readonly number[], textLength: number, position: Position): number {
  return offsetAt(lineStarts, textLength, position);
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/**
 * Corpus text shown in a hover is data, never Markdown: every character Markdown could read as
 * syntax is backslash-escaped, and `command:` URIs are broken so no link can run a command.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>&~"=]/g, '\\$&')
    .replace(/command:/gi, 'command\u200b:');
}

/** "réaffirment" → "Réaffirment". */
export function capitalise(text: string): string {
  if (!text) return text;
  const first = text.codePointAt(0)!;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + text.slice(ch.length);
}

/** True when a word is written in capitals ("RAPPELANT", "DÉCIDE"). */
export function isUpperWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export function startsUpper(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Counts in French: "1 fois", "3 fois"; "1 précédent", "2 précédents". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A file URI with a line fragment that VS Code opens at that line (1-based). */
export function uriAtLine(uri: string, line: number): string {
  return `${uri}#L${line + 1}`;
}

/** Words (letters, digits, inner hyphens) with their offsets. */
export function wordsOf(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}-]*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export const ELIDED = /^[ldjmnstcqu]{1,3}['’]$/i;
