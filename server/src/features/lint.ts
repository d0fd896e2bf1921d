// Lint: what a careful secretariat reviewer would say about a draft, each finding with its evidence
// and, when the fix is clear, the edit that makes it.
import { positionAt } from '../engine/text/lines';
import type { Clause, OpenerForm, ReferenceEntry, ReferenceMention, Span } from '../engine/types';
import { conjugate } from '../engine/structure/conjugate';
import { parseMarker } from '../engine/structure/markers';
import { KNOWN_REFERENCES } from '../engine/references/knowledge';
import { TOPICS } from '../engine/references/topics';
import { foldWithMap, sourceSpan } from '../engine/text/normalize';
import type { PrecedentSettings, RuleCode } from '../protocol/settings';
import type { FeatureContext } from './context';
import { isSilenced, MAX_LINE, writesOpenersInCapitals, type Draft } from './draft';
import { entryOf } from './hover';
import { messagesFor, type Messages } from './messages';
import { severityOf } from './settings';
import { capitalise, capitalisedWords, fold, isUpperWord, startsUpper } from './util';

export interface TextEditSpan {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEditSpan[];
  preferred?: boolean;
}

export interface Related {
  docId: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
}

/** A lint finding before it becomes an LSP diagnostic (severity and silencing applied later). */
export interface Finding {
  code: RuleCode | 'analysis';
  span: Span;
  message: string;
  fixes: Fix[];
  related: Related[];
  /** Information-only notes (huge lines, binary) ignore the rule severities. */
  note?: boolean;
}

const MAX_TYPOGRAPHY = 100;
const FINITE = new Set<OpenerForm>(['third-plural', 'third-singular', 'first-plural']);
const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Every finding of every rule, in text order, silenced ones and rules set to "off" removed. */
export function lintDraft(ctx: FeatureContext, draft: Draft, settings: PrecedentSettings): Finding[] {
  const msg = messagesFor(settings.messages.language);
  if (draft.binary) return [{ code: 'analysis', span: { start: 0, end: 0 }, message: msg.binaryDraft(), fixes: [], related: [], note: true }];
  const findings: Finding[] = [];
  const on = (code: RuleCode): boolean => severityOf(settings, code) !== 'off';
  if (draft.longLines.length) {
    const first = draft.longLines[0];
    const start = draft.analysed.lineStarts[first.line];
    findings.push({ code: 'analysis', span: { start, end: start }, message: msg.longLineSkipped(first.length, MAX_LINE), fixes: [], related: [], note: true });
  }
  const mentions = [...draft.analysed.references].sort((a, b) => a.span.start - b.span.start);
  const resolved = new Map<ReferenceMention, ReferenceEntry | null>();
  for (const m of mentions) resolved.set(m, entryOf(ctx, m));
  if (on('missing-reference')) findings.push(...missingReferences(ctx, draft, mentions, resolved, msg));
  if (on('unknown-reference') || on('misspelled-reference')) findings.push(...unknownReferences(ctx, draft, mentions, resolved, msg));
  if (on('acronym-first-use')) findings.push(...acronymFirstUse(draft, mentions, resolved, msg));
  if (on('incomplete-citation')) findings.push(...incompleteCitations(draft, mentions, resolved, msg));
  if (on('mixed-voice')) findings.push(...mixedVoice(draft, msg));
  if (on('typography')) findings.push(...typography(draft, msg));
  const lineStarts = draft.analysed.lineStarts;
  const lineOf = (offset: number): number => positionAt(lineStarts, offset).line;
  return findings
    .filter((f) => f.code === 'analysis' || (on(f.code) && !isSilenced(draft, f.code, lineOf(f.span.start))))
    .sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------------
// References

function citedIds(mentions: readonly ReferenceMention[], resolved: Map<ReferenceMention, ReferenceEntry | null>): Set<string> {
  const ids = new Set<string>();
  for (const m of mentions) {
    ids.add(m.id);
    const e = resolved.get(m);
    if (e) ids.add(e.id);
  }
  return ids;
}

/** Article + name, as running text: "la Convention …", "l’Office …", "INTERPOL". */
export function withArticle(entry: ReferenceEntry): string {
  const a = entry.article;
  if (!a) return entry.name;
  return a.endsWith('’') || a.endsWith("'") ? `${a}${entry.name}` : `${a} ${entry.name}`;
}

function missingReferences(ctx: FeatureContext, draft: Draft, mentions: readonly ReferenceMention[], resolved: Map<ReferenceMention, ReferenceEntry | null>, msg: Messages): Finding[] {
  const cited = citedIds(mentions, resolved);
  // A misspelled citation still shows the drafter meant it: the misspelling lint speaks for it.
  for (const m of mentions) {
    const e = resolved.get(m);
    if (m.curated || (e && (e.curated || e.count > 0))) continue;
    const s = ctx.index.suggestReferences(m.text, 1)[0];
    if (s && s.score >= 0.85) cited.add(s.entry.id);
  }
  const out: Finding[] = [];
  const known = new Map(KNOWN_REFERENCES.map((k) => [k.id, k]));
  // Topics overlap (transnational organised crime is also organised crime): one finding per reference.
  const reportedIds = new Set<string>();
  for (const topicId of new Set(draft.analysed.topics)) {
    const ev = ctx.index.topicEvidence(topicId);
    if (ev.docCount < 2) continue;
    let reported = 0;
    for (const ref of ev.references) {
      // Most cited first: past the first reference under the bar, none reaches it (a topic of a
      // large corpus ranks thousands of references).
      if (reported >= 2 || ref.docCount < 2 || ref.docCount * 3 < ev.docCount * 2) break;
      if (cited.has(ref.id) || reportedIds.has(ref.id)) continue;
      const entry = ctx.index.reference(ref.id);
      if (!entry) continue;
      // An organisation is cited by every text it issues: evidence only when filed under the topic.
      const topics = known.get(ref.id)?.topics;
      if (entry.kind === 'body' && entry.type === 'organisation' && !(topics ?? []).includes(topicId)) continue;
      const topic = TOPICS.find((t) => t.id === topicId);
      const span = topicSpan(draft, topic?.terms ?? []) ?? { start: 0, end: 0 };
      const related: Related[] = ctx.index.topicCitations(topicId, ref.id, 10).map((occ) => {
        const meta = ctx.meta(occ.docId);
        return { docId: occ.docId, range: occ.range, message: msg.evidenceDocument(meta?.title ?? occ.docId, meta?.date ?? null) };
      });
      const name = withArticle(entry);
      const cite = entry.kind === 'instrument' && entry.year ? `${name} (${entry.year})` : name;
      const insertion = clauseInsertion(ctx, draft, cite);
      out.push({
        code: 'missing-reference', span, message: msg.missingReference(topic?.label ?? topicId, name, ref.docCount, ev.docCount),
        fixes: insertion ? [{ title: msg.fixInsertClause(insertion.clause), edits: [insertion.edit], preferred: true }] : [], related,
      });
      reported++;
      reportedIds.add(ref.id);
    }
  }
  return out;
}

/** First place the draft names the topic (folded term search), as a span of the buffer. */
function topicSpan(draft: Draft, terms: readonly string[]): Span | null {
  if (!terms.length) return null;
  const source = draft.text.slice(0, draft.analysedLength);
  const { folded, origin } = foldWithMap(source);
  let best: Span | null = null;
  for (const term of terms) {
    const t = fold(term);
    if (!t) continue;
    let at = folded.indexOf(t);
    while (at >= 0) {
      const before = folded[at - 1];
      const after = folded[at + t.length];
      if ((!before || !/[a-z0-9]/.test(before)) && (!after || !/[a-z0-9]/.test(after))) break;
      at = folded.indexOf(t, at + 1);
    }
    if (at < 0) continue;
    const span = sourceSpan(origin, at, at + t.length);
    if (!best || span.start < best.start) best = span;
  }
  return best;
}

/**
 * A new preamble clause citing `cite`: after the last preamble clause, else before the operative
 * part, written the way the draft writes (opener case, bullet, final punctuation, paragraph gaps).
 */
function clauseInsertion(ctx: FeatureContext, draft: Draft, cite: string): { clause: string; edit: TextEditSpan } | null {
  const text = draft.text;
  const clauses = draft.analysed.clauses;
  const upper = writesOpenersInCapitals(draft);
  const participle = ctx.index.opener('rappeler')?.forms.find((f) => f.form === 'participle')?.text ?? conjugate('rappeler', 'participle') ?? 'rappelant';
  const opener = upper ? participle.toUpperCase() : capitalise(participle);
  const firstOperative = clauses.find((c) => c.role === 'operative');
  const preamble = clauses.filter((c) => c.role === 'preambular' && (!firstOperative || c.span.start < firstOperative.span.start));
  const last = preamble[preamble.length - 1];
  if (last) {
    const lineEnd = endOfLine(text, last.span.end);
    const punct = lastPunctuation(last.text) ?? ',';
    const gap = blankLineAfter(text, lineEnd) ? '\n\n' : '\n';
    const bullet = bulletOf(text, last);
    const clause = `${opener} ${cite}${punct}`;
    return { clause, edit: { span: { start: lineEnd, end: lineEnd }, newText: `${gap}${bullet}${clause}` } };
  }
  if (firstOperative) {
    const section = draft.analysed.sections[firstOperative.sectionIndex];
    let at = startOfLine(text, firstOperative.span.start);
    if (section?.role === 'operative' && section.heading && section.span.start < at) at = startOfLine(text, section.span.start);
    const clause = `${opener} ${cite},`;
    // Paragraphs separated the way the draft separates them before this one.
    const gap = /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, at - 10), at)) ? '\n\n' : '\n';
    return { clause, edit: { span: { start: at, end: at }, newText: `${clause}${gap}` } };
  }
  const clause = `${opener} ${cite},`;
  const end = text.length;
  return { clause, edit: { span: { start: end, end }, newText: `${text.endsWith('\n') || end === 0 ? '' : '\n'}\n${clause}\n` } };
}

function endOfLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function blankLineAfter(text: string, lineEnd: number): boolean {
  return /^\r?\n[ \t]*\r?\n/.test(text.slice(lineEnd, lineEnd + 20));
}

/**
 * The clause's closing punctuation as the new clause should write it: a semicolon keeps the draft's
 * non-breaking space (NBSP or narrow NBSP) before it, or gets an NBSP, so the fix itself passes the
 * typography rule.
 */
function lastPunctuation(clauseText: string): string | null {
  const m = /([ \u00a0\u202f]?)([,;])\s*$/.exec(clauseText);
  if (!m) return null;
  if (m[2] === ',') return ',';
  return (m[1] === '\u202f' ? '\u202f' : '\u00a0') + ';';
}

/** The bullet ("- ", "• ") of a clause's line, never its number or label. */
function bulletOf(text: string, clause: Clause): string {
  const lineStart = startOfLine(text, clause.span.start);
  const head = text.slice(lineStart, clause.span.start);
  const marker = parseMarker(head, 0);
  if (marker.bullet && !marker.label) return head.slice(0, marker.bodyStart);
  return '';
}

function unknownReferences(ctx: FeatureContext, draft: Draft, mentions: readonly ReferenceMention[], resolved: Map<ReferenceMention, ReferenceEntry | null>, msg: Messages): Finding[] {
  const out: Finding[] = [];
  const covered: Span[] = [];
  for (const m of mentions) {
    covered.push(m.span);
    const entry = resolved.get(m);
    if (m.curated || (entry && (entry.curated || entry.count > 0))) continue;
    const suggestion = ctx.index.suggestReferences(m.text, 1)[0];
    if (suggestion && suggestion.score >= 0.85) {
      out.push(misspelled(draft, m.span, m.text, suggestion.entry, msg));
    } else if (m.kind === 'instrument') {
      const fixes = suggestion ? [replaceFix(draft, m.span, m.text, suggestion.entry, msg)] : [];
      out.push({ code: 'unknown-reference', span: m.span, message: msg.unknownReference(m.text, suggestion ? suggestion.entry.name : null), fixes, related: [] });
    }
  }
  // Single names the reference finder cannot see when misspelled ("Europole"): capitalised words
  // close to a one-word name of a known reference, never seen in the precedents.
  const source = draft.text.slice(0, draft.analysedLength);
  const checked = new Map<string, ReferenceEntry | null>();
  // Citations as disjoint sorted spans, walked along with the words (whose ends only grow): testing
  // every capitalised word against every citation was a fifth of a lint on a 20-page draft.
  const spans: Span[] = [];
  for (const s of [...covered].sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else spans.push({ start: s.start, end: s.end });
  }
  let c = 0;
  for (const w of capitalisedWords(source, 5)) {
    while (c < spans.length && spans[c].end < w.end) c++;
    if (c < spans.length && spans[c].start <= w.start) continue;
    const key = fold(w.word);
    let entry = checked.get(key);
    if (entry === undefined) {
      entry = null;
      // A word the precedents use is not a misspelling; that check is the cheapest, so it goes first.
      if (checked.size < 400 && !ctx.index.hasWord(w.word) && !ctx.index.resolveReference(w.word)) {
        const s = ctx.index.suggestReferences(w.word, 1)[0];
        if (s && s.score >= 0.85 && !/\s/.test(s.matchedKey) && fold(s.matchedKey) !== key) entry = s.entry;
      }
      checked.set(key, entry);
    }
    if (entry) out.push(misspelled(draft, { start: w.start, end: w.end }, w.word, entry, msg));
  }
  return out;
}

function misspelled(draft: Draft, span: Span, written: string, entry: ReferenceEntry, msg: Messages): Finding {
  return { code: 'misspelled-reference', span, message: msg.misspelledReference(written, entry.name), fixes: [replaceFix(draft, span, written, entry, msg)], related: [] };
}

/** Replace the name, keeping an article the draft already wrote inside the span. */
function replaceFix(draft: Draft, span: Span, written: string, entry: ReferenceEntry, msg: Messages): Fix {
  const article = /^(?:la|le|les|l['’])\s*/i.exec(written);
  let by = entry.name;
  let start = span.start;
  if (article) start += article[0].length;
  if (isUpperWord(written) && written.length > 4 && !entry.acronyms.some((a) => fold(a) === fold(written))) by = by.toUpperCase();
  void draft;
  return { title: msg.fixReplace(by), edits: [{ span: { start, end: span.end }, newText: by }], preferred: true };
}

function bareAcronym(m: ReferenceMention, entry: ReferenceEntry): string | null {
  const bare = m.text.replace(/^(?:la|le|les|l['’])\s*/i, '').trim();
  const hit = entry.acronyms.find((a) => fold(a) === fold(bare));
  return hit ? bare : null;
}

function acronymFirstUse(draft: Draft, mentions: readonly ReferenceMention[], resolved: Map<ReferenceMention, ReferenceEntry | null>, msg: Messages): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const m of mentions) {
    const entry = resolved.get(m);
    if (!entry || !entry.curated || done.has(entry.id)) continue;
    const acronym = bareAcronym(m, entry);
    if (!acronym) {
      done.add(entry.id);
      continue;
    }
    if (fold(entry.name) === fold(acronym)) continue;
    done.add(entry.id);
    // Expand in place: the article the draft wrote stays; one is added when there is none.
    const at = m.span.start + m.text.lastIndexOf(acronym);
    const before = draft.text.slice(Math.max(0, at - 12), at);
    const hasArticle = /(?:^|[\s(])(?:la|le|les|du|des|au|aux)\s+$/i.test(before) || /(?:^|[\s(])[ld]['’]$/i.test(before);
    const elided = /[ld]['’]$/i.test(before);
    let name = entry.name;
    if (elided && !/^[aeiouyhàâéèêîïôœ]/i.test(fold(name))) name = acronym; // "l’" cannot precede this name: leave it
    let expanded = `${name} (${acronym})`;
    if (name === acronym) continue;
    if (!hasArticle && entry.article) expanded = entry.article.endsWith('’') ? `${entry.article}${expanded}` : `${entry.article} ${expanded}`;
    const lineStart = startOfLine(draft.text, at);
    if (!hasArticle && /^\s*$/.test(draft.text.slice(lineStart, at))) expanded = capitalise(expanded);
    out.push({
      code: 'acronym-first-use', span: { start: at, end: at + acronym.length }, message: msg.acronymFirstUse(acronym, withArticle(entry)),
      fixes: [{ title: msg.fixExpandAcronym(expanded), edits: [{ span: { start: at, end: at + acronym.length }, newText: expanded }], preferred: true }], related: [],
    });
  }
  return out;
}

function incompleteCitations(draft: Draft, mentions: readonly ReferenceMention[], resolved: Map<ReferenceMention, ReferenceEntry | null>, msg: Messages): Finding[] {
  const out: Finding[] = [];
  const first = new Set<string>();
  for (const m of mentions) {
    const entry = resolved.get(m);
    const id = entry?.id ?? m.id;
    if (first.has(id)) continue;
    first.add(id);
    if (m.kind !== 'instrument') continue;
    const after = draft.text.slice(m.span.end, m.span.end + 24);
    const hasYear = m.years.length > 0 || /^\s*(?:\(|,)?\s*(?:de|of|du)?\s*(?:\d{1,2}\s+\p{L}+\s+)?(?:19|20)\d\d/u.test(after) || /\((?:19|20)\d\d\)/.test(m.symbol ?? '');
    if (hasYear) continue;
    const type = entry?.type ?? m.type;
    if (entry?.year) {
      out.push({
        code: 'incomplete-citation', span: m.span, message: msg.incompleteYear(m.text, entry.year),
        fixes: [{ title: msg.fixAddYear(entry.year), edits: [{ span: { start: m.span.end, end: m.span.end }, newText: ` (${entry.year})` }], preferred: true }], related: [],
      });
    } else if (type === 'resolution') {
      out.push({ code: 'incomplete-citation', span: m.span, message: msg.incompleteResolution(m.text), fixes: [], related: [] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Voice

function mixedVoice(draft: Draft, msg: Messages): Finding[] {
  const out: Finding[] = [];
  const bySection = new Map<number, Clause[]>();
  for (const c of draft.analysed.clauses) {
    // Finite forms anywhere; infinitives only where they are operative ("Convenons : … De renforcer").
    if (!c.opener || !(FINITE.has(c.opener.form) || (c.opener.form === 'infinitive' && c.role === 'operative'))) continue;
    const list = bySection.get(c.sectionIndex) ?? [];
    list.push(c);
    bySection.set(c.sectionIndex, list);
  }
  for (const [sectionIndex, clauses] of bySection) {
    const counts = new Map<OpenerForm, number>();
    for (const c of clauses) counts.set(c.opener!.form, (counts.get(c.opener!.form) ?? 0) + 1);
    if (counts.size < 2) continue;
    const sectionPerson = draft.analysed.sections[sectionIndex]?.voice.person ?? null;
    let majority: OpenerForm = clauses[0].opener!.form;
    for (const [form, n] of counts) {
      const best = counts.get(majority)!;
      if (n > best || (n === best && form === sectionPerson)) majority = form;
    }
    const model = clauses.find((c) => c.opener!.form === majority)!;
    const nous = /^nous\s/i.test(model.opener!.text);
    for (const c of clauses) {
      const op = c.opener!;
      if (op.form === majority) continue;
      const fixes: Fix[] = [];
      const person = FINITE.has(majority) ? (majority as 'third-plural') : draft.analysed.sections[sectionIndex]?.voice.person ?? null;
      let by = conjugate(op.lemma, majority, { person });
      if (by) {
        if (majority === 'first-plural' && nous && !/^nous\s/i.test(by)) by = `nous ${by}`;
        const tail = /\s(à|de|d’|d')$/i.exec(op.text);
        if (tail && !new RegExp(`\\s${tail[1]}$`, 'i').test(by)) by += ` ${tail[1]}`;
        by = isUpperWord(op.text) ? by.toUpperCase() : startsUpper(op.text) ? capitalise(by) : by;
        fixes.push({ title: msg.fixVoice(by), edits: [{ span: op.span, newText: by }], preferred: true });
      }
      out.push({ code: 'mixed-voice', span: op.span, message: msg.mixedVoice(op.text, op.form, model.opener!.text, majority), fixes, related: [] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Typography

function typography(draft: Draft, msg: Messages): Finding[] {
  const text = draft.text.slice(0, draft.analysedLength);
  const out: Finding[] = [];
  let total = 0;
  // A remark is made only when it is shown (a draft typed without non-breaking spaces has hundreds);
  // `shown()` counts it. Not a callback: a closure over the loop's `i` costs a context per character.
  const shown = (): boolean => ++total <= MAX_TYPOGRAPHY;
  const long = new Set(draft.longLines.map((l) => l.line));
  const directiveLines = new Set(draft.directives.map((d) => d.line));
  const lineStarts = draft.analysed.lineStarts;
  // Front matter (--- … ---) is metadata, not French prose.
  let firstLine = 0;
  if (/^---\r?\n/.test(text)) {
    const close = /\r?\n---\s*(?:\r?\n|$)/.exec(text.slice(3));
    if (close) {
      const end = 3 + close.index + close[0].length;
      while (firstLine < lineStarts.length && lineStarts[firstLine] < end) firstLine++;
    }
  }
  // Where each kind of apostrophe stands (a French draft has thousands: numbers, not objects).
  const curlyAt: number[] = [];
  const straightAt: number[] = [];
  for (let line = firstLine; line < lineStarts.length; line++) {
    if (long.has(line) || directiveLines.has(line)) continue;
    const start = lineStarts[line];
    if (start >= text.length) break;
    let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    // Read in place, not as a slice per line, and by code: a lint walks every character of the draft.
    for (let i = parseMarker(text, start, end).bodyStart; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 59 || code === 58 || code === 33 || code === 63 || code === 0xbb) {
        const ch = text[i];
        const prev = i > start ? text[i - 1] : undefined;
        const next = i + 1 < end ? text[i + 1] : undefined;
        if (ch !== '»' && next !== undefined && !/[\s»)"”]/.test(next)) continue; // URLs, times, "?!"
        if (prev === undefined || prev === NBSP || prev === NNBSP || /[;:!?]/.test(prev)) continue;
        const space = ch === ':' || ch === '»' ? NBSP : NNBSP;
        if (prev === ' ' || prev === '\t') {
          // Only when the space follows a word: "mot ;" not an indented ": ".
          if (i - start < 2 || /\s/.test(text[i - 2])) continue;
          if (shown()) out.push(typo(i - 1, i + 1, { start: i - 1, end: i }, space, msg.spaceBefore(ch), msg));
        } else if (/[\p{L}\p{N}»)\]’'”]/u.test(prev)) {
          if (ch === ':' && /^https?$/i.test(text.slice(Math.max(start, i - 5), i).replace(/^.*\W/, ''))) continue;
          if (shown()) out.push(typo(i - 1, i + 1, { start: i, end: i }, space, msg.spaceBefore(ch), msg));
        }
      } else if (code === 0xab) {
        const next = i + 1 < end ? text[i + 1] : undefined;
        if (next === NBSP || next === NNBSP || next === undefined) continue;
        if (!shown()) continue;
        if (next === ' ' || next === '\t') out.push(typo(i, i + 2, { start: i + 1, end: i + 2 }, NBSP, msg.spaceAfterGuillemet(), msg));
        else out.push(typo(i, i + 1, { start: i + 1, end: i + 1 }, NBSP, msg.spaceAfterGuillemet(), msg));
      } else if ((code === 39 || code === 0x2019) && i > start && i + 1 < end && /\p{L}/u.test(text[i - 1]) && /\p{L}/u.test(text[i + 1])) {
        (code === 39 ? straightAt : curlyAt).push(i);
      }
    }
  }
  const curly = curlyAt.length;
  const straight = straightAt.length;
  if (curly > 0 && straight > 0) {
    const majority = curly >= straight ? '’' : "'";
    const minority = curly >= straight ? "'" : '’';
    for (const at of curly >= straight ? straightAt : curlyAt) {
      if (shown()) out.push({
        code: 'typography', span: { start: at, end: at + 1 },
        message: msg.apostrophe(minority, majority, Math.max(curly, straight), Math.min(curly, straight)),
        fixes: [{ title: msg.fixApostrophe(majority), edits: [{ span: { start: at, end: at + 1 }, newText: majority }], preferred: true }], related: [],
      });
    }
  }
  if (total > out.length && out.length) {
    out[out.length - 1] = { ...out[out.length - 1], message: `${out[out.length - 1].message} ${msg.tooManyTypography(out.length, total)}` };
  }
  return out;
}

function typo(from: number, to: number, edit: Span, space: string, message: string, msg: Messages): Finding {
  return { code: 'typography', span: { start: from, end: to }, message, fixes: [{ title: msg.fixSpace(), edits: [{ span: edit, newText: space }], preferred: true }], related: [] };
}
