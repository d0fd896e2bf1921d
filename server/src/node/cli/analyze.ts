// `precedent analyze FILE…`: the clauses and references of a draft or a precedent, as the engine reads them.
import { resolve } from 'node:path';
import { analyseText } from '../../engine/analyse';
import type { PrecedentIndex } from '../../engine/corpus';
import { rangeOf } from '../../engine/text/lines';
import { decodePrecedent } from '../../engine/text/decode';
import type { AnalysedText, ClauseRole, OpenerForm, ReferenceKind, ReferenceMention, ReferenceType, Repair, TextRange } from '../../engine/types';
import { readPrecedentBytes } from '../corpusLoader';
import { stringOption, UsageError, type ParsedArgs } from './args';
import { CORPUS_OPTIONS, FORMAT_OPTION, loadCorpusFor, reportCorpusProblems, type CliIO, type Command } from './context';
import { plural, table } from './format';

export interface AnalyzedClause {
  label: string | null;
  /** The opener as written, or null for a clause without one. */
  opener: string | null;
  lemma: string | null;
  form: OpenerForm | null;
  role: ClauseRole;
  text: string;
  range: TextRange;
  openerRange: TextRange | null;
}

export interface AnalyzedReference {
  text: string;
  kind: ReferenceKind;
  type: ReferenceType;
  id: string;
  canonical: string | null;
  /** Curated in the knowledge file, or attested in the corpus. */
  known: boolean;
  curated: boolean;
  acronym: string | null;
  years: string[];
  symbol: string | null;
  range: TextRange;
}

/** A stretch of the file the analysis left out (running headers, page noise, repeated lines). */
export interface LeftOut {
  kind: Repair['kind'];
  text: string;
  range: TextRange;
}

export interface AnalyzedFile {
  file: string;
  encoding: string;
  notes: string[];
  clauses: AnalyzedClause[];
  references: AnalyzedReference[];
  skipped: LeftOut[];
}

export interface AnalyzeReport {
  schemaVersion: 1;
  files: AnalyzedFile[];
  /** Files that could not be analysed. */
  skipped: Array<{ file: string; reason: string }>;
}

const LEFT_OUT_KINDS: ReadonlySet<Repair['kind']> = new Set(['header', 'noise-line', 'duplicate-line']);

/** The analysis of one decoded text, with ranges in that text. */
export function describeText(file: string, encoding: string, notes: string[], analysed: AnalysedText, index: PrecedentIndex | null): AnalyzedFile {
  const range = (span: { start: number; end: number }): TextRange => rangeOf(analysed.lineStarts, span);
  return {
    file,
    encoding,
    notes,
    clauses: analysed.clauses.map((c) => ({
      label: c.label,
      opener: c.opener?.text ?? null,
      lemma: c.opener?.lemma ?? null,
      form: c.opener?.form ?? null,
      role: c.role,
      text: c.text,
      range: range(c.span),
      openerRange: c.opener ? range(c.opener.span) : null,
    })),
    references: analysed.references.map((m) => describeReference(m, index, range(m.span))),
    skipped: analysed.clean.repairs
      .filter((r) => LEFT_OUT_KINDS.has(r.kind))
      .map((r) => ({ kind: r.kind, text: r.from, range: range(r.span) })),
  };
}

function describeReference(m: ReferenceMention, index: PrecedentIndex | null, range: TextRange): AnalyzedReference {
  const entry = index ? (index.reference(m.id) ?? index.resolveReference(m.text)) : null;
  const attested = !!entry && entry.count > 0;
  return {
    text: m.text,
    kind: m.kind,
    type: m.type,
    id: m.id,
    canonical: m.canonical ?? (entry?.curated ? entry.name : null),
    known: m.curated || !!entry?.curated || attested,
    curated: m.curated,
    acronym: m.acronym,
    years: m.years,
    symbol: m.symbol,
    range,
  };
}

async function runAnalyze(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('analyze needs at least one file', 'analyze');
  const format = stringOption(args, 'format') ?? 'text';

  // Files first: a mistyped draft name should fail at once, before the corpus is read.
  const report: AnalyzeReport = { schemaVersion: 1, files: [], skipped: [] };
  const readable: Array<{ given: string; absolute: string; text: string; encoding: string; notes: string[] }> = [];
  for (const given of args.positionals) {
    const absolute = resolve(io.cwd, given);
    const bytes = await readPrecedentBytes(absolute);
    if (!bytes.ok) {
      report.skipped.push({ file: given, reason: bytes.reason });
      io.stderr(`precedent: cannot read ${given}: ${bytes.reason}\n`);
      continue;
    }
    const decoded = decodePrecedent(bytes.bytes);
    if (!decoded.ok) {
      report.skipped.push({ file: given, reason: decoded.reason });
      io.stderr(`precedent: cannot analyse ${given}: ${decoded.reason}\n`);
      continue;
    }
    readable.push({ given, absolute, text: decoded.text, encoding: decoded.encoding, notes: decoded.notes });
  }
  if (readable.length === 0) return 2;

  const view = await loadCorpusFor(args, io);
  reportCorpusProblems(view, io);
  const index = view.loaded.index;
  for (const file of readable) {
    // A draft kept inside a corpus folder must not count as its own precedent.
    index.remove(file.absolute);
    report.files.push(describeText(file.given, file.encoding, file.notes, analyseText(file.text), index));
  }

  if (format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(renderAnalyzeText(report));
  return 0;
}

/** 1-based "line:col", as compilers print positions; JSON keeps LSP's 0-based ranges. */
function at(range: TextRange): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

export function renderAnalyzeText(report: AnalyzeReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (out.length > 0) out.push('');
    out.push(`${file.file}  (${file.encoding}; ${plural(file.clauses.length, 'clause')}, ${plural(file.references.length, 'reference')})`);
    for (const note of file.notes) out.push(`  note: ${note}`);
    out.push('');
    if (file.clauses.length === 0) out.push('  no clauses found');
    else {
      out.push(...table(
        [{ header: 'line:col' }, { header: 'label' }, { header: 'opener', max: 36 }, { header: 'lemma', max: 28 }, { header: 'form' }, { header: 'role' }],
        file.clauses.map((c) => [at(c.range), c.label ?? '', c.opener ?? '—', c.lemma ?? '', c.form ?? '', c.role]),
      ));
    }
    out.push('');
    if (file.references.length === 0) out.push('  no references found');
    else {
      out.push(...table(
        [{ header: 'line:col' }, { header: 'kind' }, { header: 'reference', max: 48 }, { header: 'known' }, { header: 'canonical name' }],
        file.references.map((r) => [at(r.range), r.kind, r.text, r.known ? 'yes' : 'no', r.canonical ?? '']),
      ));
    }
    if (file.skipped.length > 0) {
      out.push('', `  left out: ${file.skipped.map((s) => `${at(s.range)} ${s.kind}`).join(', ')}`);
    }
  }
  for (const s of report.skipped) out.push('', `${s.file}: not analysed (${s.reason})`);
  return out.join('\n') + '\n';
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Show the clauses and references of a draft or precedent',
  usage: 'precedent analyze FILE… [--format text|json] [--corpus DIR]… [--no-bundled]',
  details: [
    'Each clause with its opener, the opener\'s lemma and form (participle, third-plural, …) and its role',
    '(preambular, operative); each reference to an instrument or body, with its canonical name and whether',
    'it is known (in the knowledge file, or cited in the corpus: --corpus folders and the bundled precedents).',
    '',
    'JSON output ("schemaVersion": 1) gives LSP ranges: 0-based line, UTF-16 character, in the file as given.',
    'Text output shows 1-based line:column.',
  ].join('\n'),
  options: [FORMAT_OPTION(['text', 'json'], 'text'), ...CORPUS_OPTIONS],
  run: runAnalyze,
};
