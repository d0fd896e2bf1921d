// `precedent search "QUERY"`: a concordance of the precedents — where a word, a formulation or a
// reference appears, with the precedent's title, date, clause label and a quote.
import type { IndexedDocument, Span, TextRange } from '../../engine/types';
import { integerOption, stringOption, UsageError, type ParsedArgs } from './args';
import { CORPUS_OPTIONS, FORMAT_OPTION, loadCorpusFor, reportCorpusProblems, type CliIO, type Command } from './context';
import { excerpt, highlightFor, plural } from './format';

const DEFAULT_LIMIT = 20;

export interface SearchHit {
  file: string;
  title: string;
  date: string | null;
  label: string | null;
  range: TextRange;
  /** The clause the match is in (clean text). */
  quote: string;
  /** Where the match sits in `quote`. */
  match: Span;
}

export interface SearchReport {
  schemaVersion: 1;
  query: string;
  /** All places found; `hits` holds the first `limit` of them. */
  total: number;
  hits: SearchHit[];
}

async function runSearch(args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('search needs a query, e.g. precedent search "criminalité organisée"', 'search');
  // Several words unquoted are one query: `precedent search traite des personnes` should just work.
  const query = args.positionals.join(' ').trim();
  if (query === '') throw new UsageError('the search query is empty', 'search');
  const limit = integerOption(args, 'limit') ?? DEFAULT_LIMIT;
  if (limit < 1) throw new UsageError('option --limit needs a number of at least 1', 'search');
  const format = stringOption(args, 'format') ?? 'text';

  const view = await loadCorpusFor(args, io);
  reportCorpusProblems(view, io);
  const documents = new Map<string, IndexedDocument>(view.loaded.documents.map((d) => [d.docId, d]));
  const found = view.loaded.index.concordance(query, limit);
  const report: SearchReport = {
    schemaVersion: 1,
    query,
    total: found.total,
    hits: found.items.slice(0, limit).map((o) => {
      const doc = documents.get(o.docId);
      return {
        file: view.show(o.docId),
        title: doc?.meta.title ?? view.show(o.docId),
        date: doc?.meta.date ?? null,
        label: o.clauseLabel,
        range: o.range,
        quote: o.quote,
        match: o.quoteSpan,
      };
    }),
  };

  if (format === 'json') {
    io.stdout(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  io.stdout(renderSearchText(report, view.loaded.documents.length, io.stdoutIsTTY));
  return 0;
}

export function renderSearchText(report: SearchReport, corpusSize: number, isTTY: boolean): string {
  const mark = highlightFor(isTTY);
  const out: string[] = [];
  if (report.total === 0) {
    return `no precedent contains “${report.query}” (searched ${plural(corpusSize, 'precedent')})\n`;
  }
  const docCount = new Set(report.hits.map((h) => h.file)).size;
  const shown = report.hits.length < report.total ? `, showing ${report.hits.length} (--limit N for more)` : '';
  out.push(`“${report.query}”: ${plural(report.total, 'place')}${report.hits.length === report.total ? ` in ${plural(docCount, 'precedent')}` : ''}${shown}`);
  let lastFile: string | null = null;
  for (const hit of report.hits) {
    if (hit.file !== lastFile) {
      out.push('', `${hit.date ?? 'undated'}  ${hit.title}`, `  ${hit.file}`);
      lastFile = hit.file;
    }
    const where = `${hit.range.start.line + 1}:${hit.range.start.character + 1}`;
    const label = hit.label ? ` §${hit.label}` : '';
    out.push(`    ${where}${label}  ${excerpt(hit.quote, hit.match.start, hit.match.end, 140, mark)}`);
  }
  return out.join('\n') + '\n';
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Find where a word, formulation or reference appears in the precedents',
  usage: 'precedent search QUERY [--limit N] [--format text|json] [--corpus DIR]… [--no-bundled]',
  details: [
    'Matching ignores accents and case: "reaffirment" finds « Réaffirment ». Newest precedent first.',
    'In text output the match is marked »like this« (bold on a terminal).',
  ].join('\n'),
  options: [
    { name: 'limit', short: 'n', kind: 'integer', valueName: 'N', description: `Show at most N places (default ${DEFAULT_LIMIT})` },
    FORMAT_OPTION(['text', 'json'], 'text'),
    ...CORPUS_OPTIONS,
  ],
  run: runSearch,
};
