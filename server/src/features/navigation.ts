// Navigation: a citation's occurrences in the precedents (definition, references), the draft's
// outline, and precedent clauses similar to the clause at the cursor.
import { DocumentSymbol, SymbolKind, type Location, type Position } from 'vscode-languageserver-types';
import type { Clause, Occurrence } from '../engine/types';
import { tokenize as wordTokens, foldWord, isFunctionWord } from '../engine/formulations';
import type { SimilarClause } from '../protocol/settings';
import type { FeatureContext } from './context';
import { clauseAt, type Draft } from './draft';
import { entryOf, referenceAt } from './hover';
import { toOffset, toRange } from './util';

const MAX_LOCATIONS = 200;

export function findDefinition(ctx: FeatureContext, draft: Draft, position: Position): Location[] {
  const mention = referenceAt(draft, toOffset(draft.analysed.lineStarts, draft.text.length, position));
  if (!mention) return [];
  const entry = entryOf(ctx, mention);
  if (!entry) return [];
  return ctx.index.referenceOccurrences(entry.id, 0, MAX_LOCATIONS).items.map((o) => locationOf(ctx, o));
}

export function findReferences(ctx: FeatureContext, draft: Draft, position: Position, includeDeclaration: boolean): Location[] {
  const mention = referenceAt(draft, toOffset(draft.analysed.lineStarts, draft.text.length, position));
  if (!mention) return [];
  const entry = entryOf(ctx, mention);
  const id = entry?.id ?? mention.id;
  const inDraft: Location[] = draft.analysed.references
    .filter((r) => r.id === id || (entry && entryOf(ctx, r)?.id === entry.id))
    .filter((r) => includeDeclaration || r !== mention)
    .map((r) => ({ uri: draft.uri, range: toRange(draft.analysed.lineStarts, r.span) }));
  const inPrecedents = entry ? ctx.index.referenceOccurrences(entry.id, 0, MAX_LOCATIONS).items.map((o) => locationOf(ctx, o)) : [];
  return [...inDraft, ...inPrecedents];
}

function locationOf(ctx: FeatureContext, occ: Occurrence): Location {
  return { uri: ctx.uriOf(occ.docId), range: occ.range };
}

/** Sections as namespaces, clauses under them named by label and opener. */
export function documentSymbols(draft: Draft): DocumentSymbol[] {
  const { sections, clauses, lineStarts } = draft.analysed;
  const text = draft.text;
  const out: DocumentSymbol[] = [];
  sections.forEach((section, i) => {
    const own = clauses.filter((c) => c.sectionIndex === section.index);
    const nextStart = i + 1 < sections.length ? sections[i + 1].span.start : text.length;
    const start = Math.min(section.span.start, own[0]?.span.start ?? section.span.start);
    const end = Math.max(section.span.end, own[own.length - 1]?.span.end ?? section.span.end, Math.min(nextStart, trimmedEnd(text, nextStart)));
    const children = own.map((c) => clauseSymbol(draft, c));
    const name = (section.heading ?? section.voice.subject ?? `Section ${section.index + 1}`).slice(0, 120).trim() || `Section ${section.index + 1}`;
    const range = toRange(lineStarts, { start, end: Math.max(start, end) });
    const selection = toRange(lineStarts, section.span.end > section.span.start ? section.span : { start, end: start });
    out.push(DocumentSymbol.create(name, section.voice.subject ?? undefined, section.role === 'operative' ? SymbolKind.Module : SymbolKind.Namespace, range, clampInside(selection, range), children));
  });
  // Clauses outside any section (a draft without headings).
  const loose = clauses.filter((c) => !sections.some((s) => s.index === c.sectionIndex));
  for (const c of loose) out.push(clauseSymbol(draft, c));
  return out;
}

function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

function clampInside(inner: DocumentSymbol['range'], outer: DocumentSymbol['range']): DocumentSymbol['range'] {
  const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
  if (before(inner.start, outer.start) || before(outer.end, inner.end)) return { start: outer.start, end: outer.start };
  return inner;
}

function clauseSymbol(draft: Draft, c: Clause): DocumentSymbol {
  const head = c.opener?.text ?? c.text.split(/\s+/).slice(0, 4).join(' ');
  const name = `${c.label ? `${c.label}. ` : ''}${head}`.trim() || `§ ${c.index + 1}`;
  const range = toRange(draft.analysed.lineStarts, c.span);
  const selection = c.opener ? toRange(draft.analysed.lineStarts, c.opener.span) : range;
  const kind = c.role === 'preambular' ? SymbolKind.Property : c.role === 'operative' ? SymbolKind.Method : SymbolKind.String;
  return DocumentSymbol.create(name, c.opener?.lemma, kind, range, clampInside(selection, range));
}

// ---------------------------------------------------------------------------------------------
// Similar clauses

function contentWords(text: string): string[] {
  const t = wordTokens(text);
  const out: string[] = [];
  for (let i = 0; i < t.starts.length; i++) {
    if (t.starts[i] < 0) continue;
    const w = foldWord(text.slice(t.starts[i], t.ends[i]));
    if (w.length > 2 && !isFunctionWord(w)) out.push(w);
  }
  return out;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Precedent clauses sharing the most content words with the clause at the cursor, with a word diff. */
const SAME_PASSAGE_LINES = 4;
const MAX_PER_PRECEDENT = 2;

export function findSimilarClauses(ctx: FeatureContext, draft: Draft, position: Position, limit = 10): SimilarClause[] {
  const offset = toOffset(draft.analysed.lineStarts, draft.text.length, position);
  const clause = clauseAt(draft, offset);
  const text = clause ? clause.text : lineAt(draft.text, offset);
  const mine = contentWords(text);
  if (!mine.length) return [];
  const mineSet = new Set(mine);
  // Candidates: the clauses holding the draft clause's longest (most distinctive) words.
  const probes = [...mineSet].sort((a, b) => b.length - a.length).slice(0, 8);
  const candidates = new Map<string, Occurrence>();
  for (const w of probes) {
    for (const occ of ctx.index.concordance(w, 60).items) {
      const key = `${occ.docId}\u0000${occ.range.start.line}\u0000${occ.quote.slice(0, 60)}`;
      if (!candidates.has(key)) candidates.set(key, occ);
    }
  }
  const scored: Array<{ occ: Occurrence; score: number }> = [];
  for (const occ of candidates.values()) {
    const theirs = new Set(contentWords(occ.quote));
    let common = 0;
    for (const w of mineSet) if (theirs.has(w)) common++;
    const score = (2 * common) / (mineSet.size + theirs.size);
    if (score > 0.15) scored.push({ occ, score });
  }
  scored.sort((a, b) => b.score - a.score);
  // Concordance windows around different words of one passage overlap: keep the best window of a
  // passage (same precedent, within a few lines), and at most two passages per precedent so the
  // list shows how several precedents put it.
  const kept: Occurrence[] = [];
  const perDoc = new Map<string, number>();
  const out: SimilarClause[] = [];
  for (const { occ, score } of scored) {
    if (kept.some((k) => k.docId === occ.docId && Math.abs(k.range.start.line - occ.range.start.line) <= SAME_PASSAGE_LINES)) continue;
    if ((perDoc.get(occ.docId) ?? 0) >= MAX_PER_PRECEDENT) continue;
    kept.push(occ);
    perDoc.set(occ.docId, (perDoc.get(occ.docId) ?? 0) + 1);
    const meta = ctx.meta(occ.docId);
    out.push({
      score: Math.round(score * 1000) / 1000, docTitle: meta?.title ?? occ.docId, docDate: meta?.date ?? null, uri: ctx.uriOf(occ.docId),
      range: occ.range, label: occ.clauseLabel, text: occ.quote, diff: wordDiff(text, occ.quote),
    });
    if (out.length >= limit) break;
  }
  return out;
}

function lineAt(text: string, offset: number): string {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  const e = text.indexOf('\n', offset);
  return text.slice(s, e < 0 ? text.length : e);
}

/** Word-level diff (LCS on folded words): "same" parts, "removed" (draft only), "added" (precedent only). */
export function wordDiff(draftText: string, precedentText: string): SimilarClause['diff'] {
  const a = words(draftText).slice(0, 300);
  const b = words(precedentText).slice(0, 300);
  const fa = a.map((w) => foldWord(w.replace(/[.,;:!?«»()]/g, '')));
  const fb = b.map((w) => foldWord(w.replace(/[.,;:!?«»()]/g, '')));
  const n = a.length;
  const m = b.length;
  const dp: Uint16Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = fa[i] === fb[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const parts: SimilarClause['diff'] = [];
  const push = (kind: 'same' | 'added' | 'removed', w: string): void => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += ' ' + w;
    else parts.push({ kind, text: w });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) { push('same', b[j]); i++; j++; } else if (dp[i + 1][j] >= dp[i][j + 1]) { push('removed', a[i]); i++; } else { push('added', b[j]); j++; }
  }
  while (i < n) push('removed', a[i++]);
  while (j < m) push('added', b[j++]);
  return parts;
}
