// Hover: on a citation, what it is and every place the precedents cite it (newest first); on a
// clause opener, the forms the precedents use. Corpus text is escaped: it is data, not Markdown.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ReferenceEntry, ReferenceMention } from '../engine/types';
import type { PrecedentSettings } from '../protocol/settings';
import type { FeatureContext } from './context';
import { clauseAt, type Draft } from './draft';
import { messagesFor, type Messages } from './messages';
import { escapeMarkdown, toOffset, toRange, uriAtLine } from './util';

export const HOVER_OCCURRENCES = 10;

export function referenceAt(draft: Draft, offset: number): ReferenceMention | null {
  for (const r of draft.analysed.references) if (r.span.start <= offset && offset < r.span.end) return r;
  // The cursor just after the last character still means the citation.
  for (const r of draft.analysed.references) if (r.span.end === offset) return r;
  return null;
}

/** The index entry a draft citation stands for: its id, else its name as written. */
export function entryOf(ctx: FeatureContext, mention: ReferenceMention): ReferenceEntry | null {
  const byId = ctx.index.reference(mention.id);
  if (byId && (byId.curated || byId.count > 0)) return byId;
  return ctx.index.resolveReference(mention.text) ?? byId;
}

export function doHover(ctx: FeatureContext, draft: Draft, position: Position, settings: PrecedentSettings): Hover | null {
  if (draft.binary) return null;
  const offset = toOffset(draft.analysed.lineStarts, draft.text.length, position);
  const msg = messagesFor(settings.messages.language);
  const mention = referenceAt(draft, offset);
  if (mention) {
    const entry = entryOf(ctx, mention);
    return { contents: { kind: MarkupKind.Markdown, value: referenceHover(ctx, entry, mention, msg) }, range: toRange(draft.analysed.lineStarts, mention.span) };
  }
  const clause = clauseAt(draft, offset);
  const opener = clause?.opener;
  if (opener && opener.span.start <= offset && offset <= opener.span.end) {
    const value = openerHover(ctx, opener.lemma, opener.text, msg);
    if (value) return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(draft.analysed.lineStarts, opener.span) };
  }
  return null;
}

function referenceHover(ctx: FeatureContext, entry: ReferenceEntry | null, mention: ReferenceMention, msg: Messages): string {
  const lines: string[] = [];
  const name = entry?.name ?? mention.canonical ?? mention.text;
  const kind = msg.kindName(entry?.kind ?? mention.kind, entry?.type ?? mention.type);
  lines.push(`**${escapeMarkdown(name)}** — ${escapeMarkdown(kind)}`);
  const facts: string[] = [];
  if (entry?.acronyms.length) facts.push(`${msg.acronyms()} : ${entry.acronyms.map(escapeMarkdown).join(', ')}`);
  if (entry?.aliases.length) facts.push(`${msg.aliases()} : ${entry.aliases.slice(0, 6).map(escapeMarkdown).join(' ; ')}`);
  if (entry?.year) facts.push(`${msg.year()} : ${escapeMarkdown(entry.year)}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  if (!entry || entry.count === 0) {
    lines.push('', `*${escapeMarkdown(msg.notInCorpus())}*`);
    return lines.join('\n');
  }
  lines.push('', `${escapeMarkdown(msg.citedIn(entry.docCount, entry.count))} :`);
  const { total, items } = ctx.index.referenceOccurrences(entry.id, 0, HOVER_OCCURRENCES);
  for (const occ of items) {
    const meta = ctx.meta(occ.docId);
    const head = [meta?.title ?? occ.docId, meta?.date ?? null, occ.clauseLabel ? `§ ${occ.clauseLabel}` : null].filter(Boolean).join(', ');
    const q = occ.quote;
    const quoted = `${escapeMarkdown(q.slice(0, occ.quoteSpan.start))}**${escapeMarkdown(q.slice(occ.quoteSpan.start, occ.quoteSpan.end))}**${escapeMarkdown(q.slice(occ.quoteSpan.end))}`;
    const link = uriAtLine(ctx.uriOf(occ.docId), occ.range.start.line);
    lines.push('', `- *${escapeMarkdown(head)}* — [${msg.openPrecedent()}](${encodeLink(link)})  \n  ${quoted}`);
  }
  if (total > items.length) lines.push('', `*${escapeMarkdown(msg.andOthers(total - items.length))}*`);
  return lines.join('\n');
}

/** Link targets keep their URI syntax; only characters that would end the Markdown link are encoded. */
function encodeLink(uri: string): string {
  return uri.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

function openerHover(ctx: FeatureContext, lemma: string, written: string, msg: Messages): string | null {
  const entry = ctx.index.opener(lemma);
  if (!entry) return null;
  const lines = [`**${escapeMarkdown(written)}** — ${escapeMarkdown(entry.lemma)}`];
  if (!entry.forms.length) {
    lines.push('', `*${escapeMarkdown(msg.notInCorpus())}*`);
    return lines.join('\n');
  }
  lines.push('', `${escapeMarkdown(msg.formsUsed())} :`);
  for (const f of entry.forms.slice(0, 8)) {
    lines.push('', `- **${escapeMarkdown(f.text)}** (${escapeMarkdown(msg.formName(f.form))}) — ${escapeMarkdown(msg.usedIn(f.count, f.docCount))}`);
    const ex = f.example;
    const meta = ctx.meta(ex.docId);
    const q = ex.quote;
    const quoted = `${escapeMarkdown(q.slice(0, ex.quoteSpan.start))}**${escapeMarkdown(q.slice(ex.quoteSpan.start, ex.quoteSpan.end))}**${escapeMarkdown(q.slice(ex.quoteSpan.end))}`;
    const where = [meta?.title ?? ex.docId, meta?.date ?? null].filter(Boolean).join(', ');
    lines.push(`  > ${quoted} — *${escapeMarkdown(where)}* [${msg.openPrecedent()}](${encodeLink(uriAtLine(ctx.uriOf(ex.docId), ex.range.start.line))})`);
  }
  return lines.join('\n');
}
