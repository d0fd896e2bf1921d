// A draft as the features see it: the analysed text of one version of one buffer, plus what the
// drafter wrote for the tool (silencing directives) and what was left out (huge lines, binary).
import type { AnalysedText, Clause, Section } from '../engine/types';
import { analyseText } from '../engine/analyse';
import type { RuleCode } from '../protocol/settings';
import { RULE_CODES } from './settings';

/** What the features need of a document; vscode-languageserver-textdocument's TextDocument fits. */
export interface DraftDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** Lines longer than this are not analysed (a pasted dump, a minified blob): one note says so. */
export const MAX_LINE = 20_000;
/** Larger drafts are analysed up to this many characters. */
export const MAX_ANALYSED = 2_000_000;

/**
 * Silencing, in a syntax that is a comment in Markdown and a plain line in .decl drafts:
 *   <!-- precedent-disable typography, mixed-voice -->   off from here (no codes: every rule)
 *   <!-- precedent-enable typography -->                  on again
 *   <!-- precedent-disable-next-line unknown-reference --> the next line only
 * "précédent" with accents is accepted too.
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  line: number;
  /** Empty: every rule. */
  codes: RuleCode[];
}
const DIRECTIVE = /<!--\s*pr[ée]c[ée]dent-(disable-next-line|disable|enable)\b([^\n]*?)-->/giu;

export interface Draft {
  uri: string;
  version: number;
  text: string;
  analysed: AnalysedText;
  directives: Directive[];
  /** Lines left out of the analysis (0-based line, length). */
  longLines: Array<{ line: number; length: number }>;
  /** Characters analysed (the rest of a huge draft is not). */
  analysedLength: number;
  binary: boolean;
}

export function analyseDraft(uri: string, version: number, text: string): Draft {
  const binary = looksBinary(text);
  const directives: Directive[] = [];
  const longLines: Array<{ line: number; length: number }> = [];
  if (binary) {
    return { uri, version, text, analysed: analyseText(''), directives, longLines, analysedLength: 0, binary };
  }
  // Directives and huge lines are blanked (same length, line breaks kept) so offsets stay the buffer's.
  let prepared = text.length > MAX_ANALYSED ? text.slice(0, MAX_ANALYSED) : text;
  const chars = prepared.includes('<!--') ? prepared.split('') : null;
  let line = 0;
  let lineStart = 0;
  const blank = (from: number, to: number, arr: string[]): void => {
    for (let i = from; i < to; i++) if (arr[i] !== '\n' && arr[i] !== '\r') arr[i] = ' ';
  };
  let work: string[] | null = chars;
  for (let i = 0; i <= prepared.length; i++) {
    const c = prepared.charCodeAt(i);
    if (i === prepared.length || c === 10 || c === 13) {
      if (i - lineStart > MAX_LINE) {
        longLines.push({ line, length: i - lineStart });
        work ??= prepared.split('');
        blank(lineStart, i, work);
      }
      if (c === 13 && prepared.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  if (chars) {
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(prepared); m; m = DIRECTIVE.exec(prepared)) {
      const codes = m[2].split(/[\s,]+/).filter((c) => (RULE_CODES as readonly string[]).includes(c)) as RuleCode[];
      const at = lineOfOffset(prepared, m.index);
      directives.push({ kind: m[1].toLowerCase() as Directive['kind'], line: at, codes });
      blank(m.index, m.index + m[0].length, work!);
    }
  }
  if (work) prepared = work.join('');
  const analysed = analyseText(prepared);
  // Keep the buffer's own text (features quote and edit it), analysis spans are the same offsets.
  return { uri, version, text, analysed: { ...analysed, original: text }, directives, longLines, analysedLength: prepared.length, binary };
}

function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** NUL bytes or many control characters in the first 8 KB: not a draft. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/** True when the rule is silenced at `line` by a directive. */
export function isSilenced(draft: Draft, code: RuleCode, line: number): boolean {
  let off = false;
  for (const d of draft.directives) {
    const applies = d.codes.length === 0 || d.codes.includes(code);
    if (!applies) continue;
    if (d.kind === 'disable-next-line') {
      if (d.line + 1 === line) return true;
      continue;
    }
    if (d.line > line) break;
    off = d.kind === 'disable';
  }
  return off;
}

/** Keeps the analysis of the latest version of each open draft. */
export class DraftCache {
  private readonly drafts = new Map<string, Draft>();

  get(doc: DraftDocument): Draft {
    const cached = this.drafts.get(doc.uri);
    if (cached && cached.version === doc.version) {
      return cached;
    }
    const text = doc.getText();
    if (cached && cached.text === text) {
      const same = { ...cached, version: doc.version };
      this.drafts.set(doc.uri, same);
      return same;
    }
    // The previous version goes before the new one is analysed: a collection during the analysis
    // (one every few edits of a long draft) then copies one analysis, not two.
    this.drafts.delete(doc.uri);
    const draft = analyseDraft(doc.uri, doc.version, text);
    this.drafts.set(doc.uri, draft);
    return draft;
  }

  delete(uri: string): void {
    this.drafts.delete(uri);
  }
}

// ---------------------------------------------------------------------------------------------
// Where the cursor stands in the draft's structure.

export function sectionAt(draft: Draft, offset: number): Section | null {
  let found: Section | null = null;
  for (const s of draft.analysed.sections) {
    if (s.span.start <= offset) found = s;
    else break;
  }
  return found;
}

/** Clauses that end before `offset` (the clause being typed excluded). */
export function clausesBefore(draft: Draft, offset: number): Clause[] {
  return draft.analysed.clauses.filter((c) => c.span.start < offset && c.span.end <= offset);
}

export function clauseAt(draft: Draft, offset: number): Clause | null {
  for (const c of draft.analysed.clauses) if (c.span.start <= offset && offset <= c.span.end) return c;
  return null;
}

/** True when the draft writes its openers in capitals ("RAPPELANT", "DÉCIDE"). */
export function writesOpenersInCapitals(draft: Draft): boolean {
  let upper = 0;
  let other = 0;
  for (const c of draft.analysed.clauses) {
    if (!c.opener) continue;
    const letters = c.opener.text.replace(/[^\p{L}]/gu, '');
    if (letters.length < 2) continue;
    if (letters === letters.toUpperCase()) upper++;
    else other++;
  }
  return upper > other;
}
