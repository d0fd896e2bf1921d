// `precedent stats`: what the corpus holds — the precedents, how they open clauses, what they cite,
// the formulations they repeat, what could not be read, and how long indexing took.
import { analyseText } from '../../engine/analyse';
import type { PrecedentIndex } from '../../engine/corpus';
import { decodePrecedent } from '../../engine/text/decode';
import type { ClauseRole, OpenerForm, ReferenceKind, ReferenceType } from '../../engine/types';
import { stringOption, type ParsedArgs } from './args';
import { CORPUS_OPTIONS, FORMAT_OPTION, failIfNothingLoaded, loadCorpusFor, type CliIO, type Command } from './context';
import { plural, shorten, table } from './format';

export interface StatsDocument {
  file: string;
  title: string;
  date: string | null;
  body: string | null;
  place: string | null;
  kind: string | null;
  clauses: number;
  references: number;
  /** Metadata fields inferred from the text rather than given. */
  inferred: string[];
  notes: string[];
}

export interface StatsOpener {
  lemma: string;
  role: ClauseRole;
  count: number;
  /** Each written form, with the number of precedents using it. */
  forms: Array<{ form: OpenerForm; text: string; count: number; docCount: number }>;
}

export interface StatsReference {
  id: string;
  kind: ReferenceKind;
  type: ReferenceType;
  name: string;
  acronym: string | null;
  curated: boolean;
  count: number;
  docCount: number;
}

export interface StatsReport {
  schemaVersion: 1;
  totals: { documents: number; clauses: number; references: number; skipped: number };
  documents: StatsDocument[];
  openers: { byLemma: StatsOpener[]; byForm: Array<{ form: OpenerForm; count: number }> };
  references: { byKind: Array<{ kind: ReferenceKind; mentions: number; distinct: number }>; mostCited: StatsReference[] };
  formulations: Array<{ text: string; count: number; docCount: number }>;
  skipped: Array<{ file: string; reason: string }>;
  /** Time to find, read and index the corpus, in milliseconds (varies from run to run). */
  indexMs: number;
}

const TOP_FORMULATIONS = 15;

async function runStats(args: ParsedArgs, io: CliIO): Promise<number> {
  const format = stringOption(args, 'format') ?? 'text';
  const bytesOf = new Map<string, Uint8Array>();
  const view = await loadCorpusFor(args, io, (docId, _path, bytes) => bytesOf.set(docId, bytes));
  failIfNothingLoaded(view);
  const { loaded } = view;

  const documents: StatsDocument[] = loaded.documents
    .map((d) => ({
      file: view.show(d.docId),
      title: d.meta.title,
      date: d.meta.date,
      body: d.meta.body,
      place: d.meta.place,
      kind: d.meta.kind,
      clauses: d.clauseCount,
      references: d.referenceCount,
      inferred: d.meta.inferred,
      notes: d.notes,
    }))
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.file.localeCompare(b.file));

  const report: StatsReport = {
    schemaVersion: 1,
    totals: {
      documents: documents.length,
      clauses: documents.reduce((n, d) => n + d.clauses, 0),
      references: documents.reduce((n, d) => n + d.references, 0),
      skipped: loaded.skipped.length,
    },
    documents,
    openers: openerStats(loaded.index),
    references: referenceStats(loaded.documents.map((d) => bytesOf.get(d.docId)), loaded.index),
    formulations: loaded.index.formulations(TOP_FORMULATIONS).map((f) => ({ text: f.text, count: f.count, docCount: f.docCount })),
    skipped: loaded.skipped.map((s) => ({ file: view.show(s.path), reason: s.reason })),
    indexMs: Math.round(loaded.ms * 10) / 10,
  };

  if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(renderStatsText(report));
  return 0;
}

/** How the precedents open clauses: the index's own tally, so stats shows what completion offers. */
function openerStats(index: PrecedentIndex): StatsReport['openers'] {
  const byForm = new Map<OpenerForm, number>();
  const byLemma: StatsOpener[] = index.openerList().map((o) => {
    for (const f of o.forms) byForm.set(f.form, (byForm.get(f.form) ?? 0) + f.count);
    return {
      lemma: o.lemma,
      role: o.role,
      count: o.count,
      forms: o.forms.map((f) => ({ form: f.form, text: f.text, count: f.count, docCount: f.docCount })),
    };
  });
  return {
    byLemma,
    byForm: [...byForm.entries()].map(([form, count]) => ({ form, count })).sort((a, b) => b.count - a.count || a.form.localeCompare(b.form)),
  };
}

/**
 * What the precedents cite. The index lists no references, so the ids come from reading each
 * precedent the way the index does (analyseText); counts and names come from the index.
 */
function referenceStats(allBytes: Array<Uint8Array | undefined>, index: PrecedentIndex): StatsReport['references'] {
  const written = new Map<string, { kind: ReferenceKind; type: ReferenceType; text: string; acronym: string | null; canonical: string | null; curated: boolean; count: number; docs: Set<number> }>();
  allBytes.forEach((bytes, docNo) => {
    if (!bytes) return;
    const decoded = decodePrecedent(bytes);
    if (!decoded.ok) return;
    for (const m of analyseText(decoded.text).references) {
      let entry = written.get(m.id);
      if (!entry) written.set(m.id, (entry = { kind: m.kind, type: m.type, text: m.text, acronym: m.acronym, canonical: m.canonical, curated: m.curated, count: 0, docs: new Set() }));
      entry.count++;
      entry.docs.add(docNo);
      entry.acronym ??= m.acronym;
    }
  });

  const kinds = new Map<ReferenceKind, { mentions: number; distinct: number }>();
  const mostCited: StatsReference[] = [...written.entries()].map(([id, w]) => {
    const entry = index.reference(id);
    const reference: StatsReference = {
      id,
      kind: entry?.kind ?? w.kind,
      type: entry?.type ?? w.type,
      name: w.canonical ?? entry?.name ?? w.text,
      acronym: w.acronym ?? entry?.acronyms[0] ?? null,
      curated: w.curated || !!entry?.curated,
      count: entry && entry.count > 0 ? entry.count : w.count,
      docCount: entry && entry.docCount > 0 ? entry.docCount : w.docs.size,
    };
    const k = kinds.get(reference.kind) ?? { mentions: 0, distinct: 0 };
    k.mentions += reference.count;
    k.distinct += 1;
    kinds.set(reference.kind, k);
    return reference;
  }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  return {
    byKind: [...kinds.entries()].map(([kind, k]) => ({ kind, ...k })).sort((a, b) => a.kind.localeCompare(b.kind)),
    mostCited,
  };
}

export function renderStatsText(report: StatsReport): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`Précédent corpus: ${plural(t.documents, 'precedent')}, ${plural(t.clauses, 'clause')}, ${plural(t.references, 'reference')}`);
  out.push(`indexed ${plural(t.documents, 'precedent')} in ${formatMs(report.indexMs)}`);

  out.push('', 'PRECEDENTS');
  if (report.documents.length === 0) out.push('  none');
  else {
    const rows: string[][] = [];
    for (const d of report.documents) {
      rows.push([d.date ?? 'undated', String(d.clauses), String(d.references), shorten(d.title, 90)]);
      rows.push(['', '', '', `${d.file}${d.body ? `  ·  ${d.body}` : ''}`]);
      for (const note of d.notes) rows.push(['', '', '', `note: ${note}`]);
    }
    out.push(...table([{ header: 'date' }, { header: 'clauses', align: 'right' }, { header: 'refs', align: 'right' }, { header: 'title' }], rows));
  }

  const withOpener = report.openers.byLemma.reduce((n, o) => n + o.count, 0);
  out.push('', `CLAUSE OPENERS: ${plural(report.openers.byLemma.length, 'lemma', 'lemmas')}, ${plural(withOpener, 'clause')} with an opener`);
  if (report.openers.byLemma.length === 0) out.push('  none found');
  else {
    const shown = report.openers.byLemma.slice(0, 25);
    out.push(...table(
      [{ header: 'lemma' }, { header: 'uses', align: 'right' }, { header: 'role' }, { header: 'as written' }],
      shown.map((o) => [o.lemma, String(o.count), o.role, shorten(o.forms.map((f) => `${f.text} ×${f.count}`).join(' · '), 90)]),
    ));
    if (report.openers.byLemma.length > shown.length) out.push(`  … and ${report.openers.byLemma.length - shown.length} more (--format json lists all)`);
    out.push('', '  by form: ' + report.openers.byForm.map((f) => `${f.form} ${f.count}`).join(' · '));
  }

  const mentions = report.references.byKind.reduce((n, k) => n + k.mentions, 0);
  out.push('', `REFERENCES: ${plural(mentions, 'mention')} of ${plural(report.references.mostCited.length, 'instrument or body', 'instruments and bodies')}`);
  if (report.references.byKind.length === 0) out.push('  none found');
  else {
    out.push('  by kind: ' + report.references.byKind.map((k) => `${k.kind} ${k.mentions} (${k.distinct} distinct)`).join(' · '));
    const shown = report.references.mostCited.slice(0, 15);
    out.push('', ...table(
      [{ header: 'uses', align: 'right' }, { header: 'docs', align: 'right' }, { header: 'kind' }, { header: 'reference' }],
      shown.map((r) => [String(r.count), String(r.docCount), r.kind, shorten(r.acronym && r.acronym !== r.name ? `${r.acronym} — ${r.name}` : r.name, 90)]),
    ));
    if (report.references.mostCited.length > shown.length) out.push(`  … and ${report.references.mostCited.length - shown.length} more (--format json lists all)`);
  }

  out.push('', 'RECURRING FORMULATIONS');
  if (report.formulations.length === 0) out.push('  none found');
  else {
    out.push(...table(
      [{ header: 'uses', align: 'right' }, { header: 'docs', align: 'right' }, { header: 'formulation' }],
      report.formulations.map((f) => [String(f.count), String(f.docCount), `« ${shorten(f.text, 100)} »`]),
    ));
  }

  out.push('', `SKIPPED: ${report.skipped.length === 0 ? 'none' : plural(report.skipped.length, 'file or folder', 'files or folders')}`);
  for (const s of report.skipped) out.push(`  ${s.file}: ${s.reason}`);
  return out.join('\n') + '\n';
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Show what the corpus holds: precedents, openers, references, formulations',
  usage: 'precedent stats [--format text|json] [--corpus DIR]… [--no-bundled]',
  details: [
    'Without --corpus, describes the precedents bundled with Précédent. Files that could not be',
    'indexed are listed with their reason; the time to index is measured on this run.',
  ].join('\n'),
  options: [FORMAT_OPTION(['text', 'json'], 'text'), ...CORPUS_OPTIONS],
  run: runStats,
};
