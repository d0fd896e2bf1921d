// Completion: clause openers in the form the draft needs, precedent formulations mid-sentence, and
// instrument/body names in their canonical form (found by acronym or alias too).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Occurrence, OpenerEntry, OpenerForm, ReferenceEntry, ReferenceMention } from '../engine/types';
import { analyseText } from '../engine/analyse';
import { computeLineStarts } from '../engine/text/lines';
import { conjugate, readsPlural } from '../engine/structure/conjugate';
import { parseMarker } from '../engine/structure/markers';
import { instrumentHead } from '../engine/references/find';
import type { PrecedentSettings } from '../protocol/settings';
import type { FeatureContext } from './context';
import { analyseDraft, looksBinary, MAX_ANALYSED, writesOpenersInCapitals, type Draft, type DraftDocument } from './draft';
import { messagesFor, type Messages } from './messages';
import { formFor, slotsAt, type Slot } from './voice';
import { capitalise, ELIDED, escapeMarkdown, fold, isUpperWord, startsUpper, toOffset, wordsOf } from './util';

const MAX_ITEMS = 40;
const ARTICLES = new Set(['le', 'la', 'les', "l'", 'du', 'des', 'au', 'aux', 'un', 'une', 'cette', 'ce', 'cet', 'son', 'sa', 'ses', 'leur', 'leurs', 'notre', 'nos', 'votre']);

export interface CompletionRequest {
  position: Position;
  /** Character that triggered the request (" " after a word), if any. */
  triggerCharacter?: string;
}

/**
 * What completion reads of the buffer at a keystroke. The whole draft is not analysed then (~20 ms
 * in a 20-page draft, at every keystroke): the voice, the capitals and the citations already made
 * come from the text above the line, analysed once while it stays the same, and from the line itself.
 */
interface Typing {
  text: string;
  /** Analysis of the text above the line being typed. */
  above: Draft;
  lineStart: number;
  offset: number;
  /** Citations before the cursor, above the line and on it (buffer offsets); made when first asked. */
  citedBefore(): ReferenceMention[];
}

export function doComplete(ctx: FeatureContext, doc: DraftDocument, request: CompletionRequest, settings: PrecedentSettings): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const text = doc.getText();
  if (looksBinary(text)) return empty;
  const analysedLength = Math.min(text.length, MAX_ANALYSED);
  const lineStarts = computeLineStarts(analysedLength < text.length ? text.slice(0, analysedLength) : text);
  const offset = toOffset(lineStarts, text.length, request.position);
  if (offset > analysedLength) return empty;
  const lineStart = lineStarts[Math.min(request.position.line, lineStarts.length - 1)];
  const lineBefore = text.slice(lineStart, offset);
  if (lineBefore.length > 2000) return empty;
  const above = draftBefore(doc.uri, text, lineStart);
  let cited: ReferenceMention[] | null = null;
  const typing: Typing = {
    text, above, lineStart, offset,
    citedBefore: () => (cited ??= [
      ...above.analysed.references,
      ...analyseText(lineBefore).references.map((r) => ({ ...r, span: { start: r.span.start + lineStart, end: r.span.end + lineStart } })),
    ]),
  };
  const msg = messagesFor(settings.messages.language);

  const marker = parseMarker(lineBefore, 0);
  const typed = lineBefore.slice(marker.bodyStart);
  const items: CompletionItem[] = [];

  const typedWords = typed.split(/\s+/).filter(Boolean).length;
  const atClauseStart = isClauseStart(text, lineStart, marker.bodyStart > 0) && /^[\p{L}’'\- ]*$/u.test(typed) && typedWords <= 3;
  if (atClauseStart) {
    const letters = typed.replace(/[^\p{L}]/gu, '').length;
    if (letters >= Math.max(1, settings.completion.minimumPrefix) && request.triggerCharacter !== ' ') {
      items.push(...openerItems(ctx, typing, typed, request.position, msg));
    }
  }
  // Past the opener's first word ("Rappelant la Conv"), the drafter may be writing the clause's
  // object as much as a longer opener ("Prenant note"): offer both, openers first.
  if ((!atClauseStart || typedWords >= 2) && !/[.;!?]\s*$/.test(lineBefore)) {
    items.push(...referenceItems(ctx, typing, lineBefore, request.position, settings, msg, request.triggerCharacter));
    items.push(...formulationItems(ctx, typing, request.position, msg, request.triggerCharacter));
  }
  // Typed characters change the ranking (forms, typos): ask again on each keystroke.
  return { isIncomplete: items.length > 0, items: items.slice(0, MAX_ITEMS) };
}

/** Start of a clause: a marker on this line, or the line follows a blank line or a finished sentence. */
function isClauseStart(text: string, lineStart: number, hasMarker: boolean): boolean {
  if (hasMarker || lineStart === 0) return true;
  let i = lineStart - 1;
  if (text[i] === '\n') i--;
  if (text[i] === '\r') i--;
  let end = i;
  while (i >= 0 && text[i] !== '\n' && text[i] !== '\r') i--;
  const previous = text.slice(i + 1, end + 1).trim();
  if (previous === '') return true;
  return /[,;:.!?»)]$/.test(previous);
}

// ---------------------------------------------------------------------------------------------
// Openers

interface OpenerCandidate {
  text: string;
  form: OpenerForm;
  conjugated: boolean;
  count: number;
  docCount: number;
  example: Occurrence | null;
}

/**
 * The analysis of the text before the line being typed, by draft. Kept while that text stays the
 * same, whatever the version: typing on one line does not change it.
 */
const before = new Map<string, Draft>();
function draftBefore(uri: string, text: string, lineStart: number): Draft {
  const prefix = text.slice(0, lineStart);
  let found = before.get(uri);
  if (!found || found.text !== prefix) {
    found = analyseDraft(uri, 0, prefix);
    before.delete(uri);
    if (before.size >= 8) before.delete(before.keys().next().value as string);
    before.set(uri, found);
  }
  return found;
}

function openerCandidate(entry: OpenerEntry, slot: Slot, typedNous: boolean): OpenerCandidate | null {
  const form = formFor(slot, entry.lemma);
  const nousWanted = slot.kind === 'finite' && slot.person === 'first-plural' ? (typedNous ? true : slot.nous) : null;
  const fits = entry.forms.filter((f) => f.form === form && (nousWanted === null || /^nous\s/i.test(f.text) === nousWanted));
  // An adjective agrees with the speaker: "Conscients" after "Nous, les Ministres", "Conscient"
  // after "Le Conseil ministériel" (the gender is not known: the precedents' most used of that number).
  const agreed = form === 'past-participle' && slot.person ? conjugate(entry.lemma, form, { person: slot.person }) : null;
  const best = agreed === null ? fits[0] : fits.find((f) => fold(f.text) === fold(agreed)) ?? fits.find((f) => readsPlural(f.text) === readsPlural(agreed));
  if (best) return { text: best.text, form, conjugated: false, count: best.count, docCount: best.docCount, example: best.example };
  let text = agreed ?? conjugate(entry.lemma, form, { person: slot.person });
  if (!text) return null;
  if (form === 'first-plural' && nousWanted && !/^nous\s/i.test(text)) text = `nous ${text}`;
  return { text, form, conjugated: true, count: 0, docCount: 0, example: null };
}

function openerItems(ctx: FeatureContext, typing: Typing, typed: string, position: Position, msg: Messages): CompletionItem[] {
  const matches = ctx.index.findOpeners(typed.trim(), 30);
  if (!matches.length) return [];
  // The voice comes from what precedes the line: the half-typed opener must not be read as a heading.
  const slots = slotsAt(typing.above, typing.lineStart);
  const typedNous = /^nous\s/i.test(typed);
  const upper = isUpperWord(typed) || (typed.replace(/[^\p{L}]/gu, '').length < 2 && writesOpenersInCapitals(typing.above));
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const typedKey = fold(typed.trim());
  matches.forEach((match, rank) => {
    const entry = match.entry;
    const candidates: Array<{ c: OpenerCandidate; fit: number }> = [];
    if (slots.length) {
      slots.forEach((slot, fit) => {
        // "Réaffirmons" and "Nous réaffirmons" both, when the draft has not chosen yet.
        const variants: Slot[] = slot.kind === 'finite' && slot.person === 'first-plural' && slot.nous === null && !typedNous
          ? [{ ...slot, nous: true }, { ...slot, nous: false }]
          : [slot];
        for (const v of variants) {
          const c = openerCandidate(entry, v, typedNous);
          if (c) candidates.push({ c, fit });
        }
      });
    } else {
      // No voice yet: the forms the precedents use, most frequent first.
      for (const f of entry.forms) candidates.push({ c: { text: f.text, form: f.form, conjugated: false, count: f.count, docCount: f.docCount, example: f.example }, fit: 0 });
    }
    for (const { c, fit } of candidates) {
      if (typedNous && !/^nous\s/i.test(c.text)) continue;
      const insert = upper ? c.text.toUpperCase() : capitalise(c.text);
      const key = fold(insert);
      if (seen.has(key) || key === typedKey) continue;
      seen.add(key);
      const detail = c.conjugated
        ? `${entry.lemma} — ${msg.formName(c.form)} — ${entry.count > 0 ? msg.conjugated() : msg.lexiconOnly()}`
        : `${entry.lemma} — ${msg.formName(c.form)} — ${msg.usedIn(c.count, c.docCount)}`;
      const count = c.conjugated ? 0 : c.count;
      items.push({
        label: insert,
        kind: CompletionItemKind.Keyword,
        detail,
        documentation: { kind: MarkupKind.Markdown, value: openerDoc(ctx, entry, c, msg) },
        textEdit: { range, newText: insert },
        insertTextFormat: InsertTextFormat.PlainText,
        filterText: typed + ' ' + key,
        sortText: `0${fit}${match.fuzzy ? 1 : 0}${String(999999 - Math.min(999999, count)).padStart(6, '0')}${String(rank).padStart(3, '0')}`,
      });
    }
  });
  return items;
}

function openerDoc(ctx: FeatureContext, entry: OpenerEntry, c: OpenerCandidate, msg: Messages): string {
  const lines: string[] = [`**${escapeMarkdown(c.text)}** (${escapeMarkdown(entry.lemma)}) — ${escapeMarkdown(msg.usedIn(entry.count, docCountOf(entry)))}`];
  const example = c.example ?? entry.forms[0]?.example ?? null;
  if (example) lines.push('', quoteOccurrence(ctx, example));
  const others = entry.forms.filter((f) => f.text !== c.text).slice(0, 4).map((f) => `${escapeMarkdown(f.text)} (${f.count})`);
  if (others.length) lines.push('', `${escapeMarkdown(msg.formsUsed())} : ${others.join(', ')}`);
  return lines.join('\n');
}

function docCountOf(entry: OpenerEntry): number {
  return entry.forms.reduce((n, f) => Math.max(n, f.docCount), 0);
}

/** "> … **occurrence** …" then "— Title, date, § label". */
export function quoteOccurrence(ctx: FeatureContext, occ: Occurrence): string {
  const q = occ.quote;
  const quoted = `${escapeMarkdown(q.slice(0, occ.quoteSpan.start))}**${escapeMarkdown(q.slice(occ.quoteSpan.start, occ.quoteSpan.end))}**${escapeMarkdown(q.slice(occ.quoteSpan.end))}`;
  const meta = ctx.meta(occ.docId);
  const where = [meta?.title ?? occ.docId, meta?.date ?? null, occ.clauseLabel ? `§ ${occ.clauseLabel}` : null].filter(Boolean).join(', ');
  return `> ${quoted}\n\n— *${escapeMarkdown(where)}*`;
}

// ---------------------------------------------------------------------------------------------
// References

function referenceItems(ctx: FeatureContext, typing: Typing, lineBefore: string, position: Position, settings: PrecedentSettings, msg: Messages, trigger: string | undefined): CompletionItem[] {
  if (trigger === ' ') return [];
  // Typing a word: the cursor stands right after a letter or digit.
  if (!/[\p{L}\p{N}]$/u.test(lineBefore)) return [];
  const tail = lineBefore.slice(-200);
  const base = lineBefore.length - tail.length;
  const words = wordsOf(tail);
  if (!words.length) return [];
  const last = words[words.length - 1];
  // Candidates: name starts among the last words (a capital, an instrument's head such as
  // "résolution 21" or "décision n° 3", or the word being typed), longest first.
  const starts: number[] = [];
  for (let i = Math.max(0, words.length - 6); i < words.length; i++) {
    if (startsUpper(words[i].word) || instrumentHead(words[i].word) !== null || i === words.length - 1) starts.push(i);
  }
  for (const i of starts) {
    const typed = tail.slice(words[i].start);
    const single = i === words.length - 1;
    if (single) {
      const w = last.word;
      const ok = startsUpper(w) ? w.length >= Math.max(2, settings.completion.minimumPrefix) : w.length >= Math.max(4, settings.completion.minimumPrefix);
      if (!ok) continue;
    }
    const matches = ctx.index.findReferences(typed, 12).filter((m) => single ? !m.fuzzy || typed.length >= 5 : true);
    // Lower-case words only for names the drafter is clearly spelling out (no typo tolerance).
    const kept = startsUpper(typed) ? matches : matches.filter((m) => !m.fuzzy && fold(m.matchedKey).startsWith(fold(typed)));
    if (!kept.length) continue;
    const startInLine = base + words[i].start;
    return kept.map((m, rank) => referenceItem(typing, lineBefore, startInLine, position, m.entry, m.matchedKey, rank, msg)).filter((x): x is CompletionItem => x !== null);
  }
  return [];
}

/** The word before `at` in the line (elided "l’" counts as a word), with its start. */
function wordBefore(line: string, at: number): { word: string; start: number } | null {
  const m = /([\p{L}]+['’]|[\p{L}]+\s+)$/u.exec(line.slice(Math.max(0, at - 40), at));
  if (!m) return null;
  return { word: m[1].trim(), start: at - m[1].length };
}

function referenceItem(typing: Typing, line: string, start: number, position: Position, entry: ReferenceEntry, matchedKey: string, rank: number, msg: Messages): CompletionItem | null {
  const offset = typing.offset;
  const viaAcronym = entry.acronyms.some((a) => fold(a) === fold(matchedKey));
  const cited = typing.citedBefore();
  const mentionedBefore = cited.some((r) => r.id === entry.id && r.span.end <= offset - (line.length - start));
  const spelledOut = cited.some((r) => r.id === entry.id && r.span.end <= offset && fold(r.text) !== fold(r.acronym ?? ''));
  const acronym = entry.kind === 'instrument' ? frenchAcronymOf(entry) : entry.acronyms[0] ?? null;
  let name = entry.name;
  // First full mention: "l’Office … (ONUDC)"; once spelled out, the acronym is enough.
  if (acronym && fold(acronym) !== fold(name)) name = viaAcronym && spelledOut ? acronym : spelledOut ? name : `${name} (${acronym})`;
  if (entry.kind === 'instrument' && entry.year && !mentionedBefore && !name.includes(entry.year)) name = `${name} (${entry.year})`;

  // The article: none after one, contracted after "de"/"à".
  let from = start;
  let article = entry.article;
  if (name === acronym && article === 'le' && /^[AEIOUYÀÂÉÈÊH]/i.test(acronym)) article = 'l’';
  let insert: string;
  const before = wordBefore(line, start);
  const prev = before ? fold(before.word).replace(/’/g, "'") : '';
  if (!article || ARTICLES.has(prev) || ELIDED.test(before?.word ?? '') && prev !== "d'") insert = name;
  else if ((prev === 'de' || prev === 'a') && (article === 'le' || article === 'les')) {
    const contracted = prev === 'de' ? (article === 'le' ? 'du' : 'des') : article === 'le' ? 'au' : 'aux';
    from = before!.start;
    insert = `${matchCase(before!.word, contracted)} ${name}`;
  } else insert = article.endsWith('’') ? `${article}${name}` : `${article} ${name}`;

  const sentenceStart = /(^|[.!?]\s+)$/.test(line.slice(0, from).replace(/^\s*(?:[-–•*]\s+|\S{1,5}[.):]\s+)?/, ''));
  if (isUpperWord(line.slice(start, offset)) && line.slice(start, offset).length > 4 && !viaAcronym) insert = insert.toUpperCase();
  else if (sentenceStart) insert = capitalise(insert);

  const typed = line.slice(from);
  if (fold(typed) === fold(insert)) return null;
  const detail = `${msg.kindName(entry.kind, entry.type)} — ${entry.count > 0 ? msg.citedIn(entry.docCount, entry.count) : msg.notInCorpus()}`;
  const docs: string[] = [`**${escapeMarkdown(entry.name)}**`];
  if (entry.acronyms.length) docs.push(`${msg.acronyms()} : ${entry.acronyms.map(escapeMarkdown).join(', ')}`);
  if (entry.aliases.length) docs.push(`${msg.aliases()} : ${entry.aliases.slice(0, 5).map(escapeMarkdown).join(' ; ')}`);
  return {
    label: insert,
    kind: entry.kind === 'instrument' ? CompletionItemKind.Reference : CompletionItemKind.Module,
    detail,
    documentation: { kind: MarkupKind.Markdown, value: docs.join('\n\n') },
    textEdit: { range: { start: { line: position.line, character: position.character - (line.length - from) }, end: position }, newText: insert },
    filterText: typed + ' ' + fold(insert),
    sortText: `1${String(rank).padStart(3, '0')}`,
  };
}

/**
 * French drafts cite an instrument by its French acronym, if any ("CNUCC"), never by the English one
 * ("UNTOC"): an acronym counts as French when its letters follow the initials of the French name.
 */
export function frenchAcronymOf(entry: ReferenceEntry): string | null {
  const initials = entry.name.split(/[\s’'\-]+/).filter((w) => /^\p{Lu}/u.test(w) || w.length > 3).map((w) => fold(w)[0] ?? '').join('');
  for (const acronym of entry.acronyms) {
    const letters = fold(acronym).replace(/[^a-z]/g, '');
    let at = 0;
    for (const c of initials) if (c === letters[at]) at++;
    if (letters.length >= 2 && at === letters.length) return acronym;
  }
  return null;
}

function matchCase(model: string, word: string): string {
  if (isUpperWord(model)) return word.toUpperCase();
  return startsUpper(model) ? capitalise(word) : word;
}

// ---------------------------------------------------------------------------------------------
// Formulations

function formulationItems(ctx: FeatureContext, typing: Typing, position: Position, msg: Messages, trigger: string | undefined): CompletionItem[] {
  const { text, offset } = typing;
  // The words of the clause before the cursor (the paragraph, at most 300 characters back).
  const window = text.slice(Math.max(0, offset - 300), offset);
  let start = 0;
  for (const m of window.matchAll(/\n[ \t]*\r?\n/g)) start = m.index! + m[0].length;
  const before = window.slice(start);
  const conts = ctx.index.continueFormulation(before, 8);
  const items: CompletionItem[] = [];
  const lineText = text.slice(offset - position.character, offset);
  conts.forEach((c, rank) => {
    const typedWords = c.typed.trim().split(/\s+/).length;
    // After a space, only continuations of at least two typed words: a single word is noise.
    if (trigger === ' ' && typedWords < 2) return;
    if (c.entry.count < 2) return;
    const partialMatch = /[\p{L}\p{N}\p{M}-]+$/u.exec(lineText);
    const partial = partialMatch ? partialMatch[0] : '';
    // The precedent's own spelling of the word being typed, when it is at the end of what precedes the insert.
    let written = partial;
    const head = c.formulation.length >= c.insert.length ? c.formulation.slice(0, c.formulation.length - c.insert.length) : '';
    if (partial && head.length >= partial.length && fold(head.slice(-partial.length)) === fold(partial)) written = head.slice(-partial.length);
    const newText = written + c.insert;
    const example = c.entry.occurrences[0];
    items.push({
      label: newText.trim(),
      kind: CompletionItemKind.Text,
      detail: msg.formulation(c.entry.count, c.entry.docCount),
      documentation: { kind: MarkupKind.Markdown, value: [`**${escapeMarkdown(c.formulation)}**`, example ? quoteOccurrence(ctx, example) : ''].filter(Boolean).join('\n\n') },
      textEdit: { range: { start: { line: position.line, character: position.character - partial.length }, end: position }, newText },
      filterText: newText,
      sortText: `${typedWords >= 2 ? '0' : '2'}9${String(rank).padStart(3, '0')}`,
    });
  });
  return items;
}
