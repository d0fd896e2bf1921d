// `precedent lint DRAFT…`: the language server's diagnostics on the command line (CI, pre-commit).
// Exit 0 when nothing at warning level or above, 1 when there are findings, 2 for usage/I/O errors.
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { decodePrecedent } from '../engine/text/decode';
import { createDraftingService } from '../features/languageService';
import { defaultSettings } from '../features/settings';
import type { RuleCode, RuleSeverity } from '../protocol/settings';
import { RULE_CODES } from '../features/settings';
import { readPrecedentBytes } from './corpusLoader';
import { listOption, parseArgs, stringOption, UsageError, type ParsedArgs } from './cli/args';
import { CliError, CORPUS_OPTIONS, FORMAT_OPTION, loadCorpusFor, reportCorpusProblems, type CliIO, type Command } from './cli/context';

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check drafts against the precedents (missing references, misspellings, voice, typography)',
  usage: 'precedent lint DRAFT… [options]',
  details: 'Exit status: 0 when no finding reaches warning level, 1 when one does, 2 on a usage or I/O error.\n'
    + 'Silence a rule inside a draft with a line <!-- precedent-disable RULE -->, or <!-- precedent-disable-next-line RULE -->.',
  options: [
    ...CORPUS_OPTIONS,
    FORMAT_OPTION(['text', 'json', 'sarif'], 'text'),
    { name: 'lang', kind: 'string', choices: ['fr', 'en'], valueName: 'fr|en', description: 'Language of the messages (default fr)' },
    { name: 'severity', kind: 'string', multiple: true, valueName: 'RULE=LEVEL', description: `Severity of a rule (error, warning, information, hint, off); repeatable. Rules: ${RULE_CODES.join(', ')}` },
  ],
  run: lint,
};

async function lint(args: ParsedArgs, io: CliIO): Promise<number> {
  if (!args.positionals.length) throw new UsageError('no draft given', 'lint');
  const settings = defaultSettings();
  const lang = stringOption(args, 'lang');
  if (lang === 'en' || lang === 'fr') settings.messages.language = lang;
  for (const pair of listOption(args, 'severity')) {
    const [rule, level] = pair.split('=');
    if (!(RULE_CODES as readonly string[]).includes(rule) || !['error', 'warning', 'information', 'hint', 'off'].includes(level)) {
      throw new UsageError(`--severity ${pair}: expected RULE=LEVEL with RULE one of ${RULE_CODES.join(', ')}`, 'lint');
    }
    settings.lint.severity[rule as RuleCode] = level as RuleSeverity;
  }
  // Drafts first: a mistyped name fails before the corpus is read.
  const drafts: Array<{ path: string; text: string }> = [];
  for (const file of args.positionals) {
    const path = resolve(io.cwd, file);
    const bytes = await readPrecedentBytes(path);
    if (!bytes.ok) throw new CliError(`${file}: ${bytes.reason}`);
    const decoded = decodePrecedent(bytes.bytes);
    drafts.push({ path: file, text: decoded.ok ? decoded.text : '\u0000' });
  }
  const view = await loadCorpusFor(args, io);
  reportCorpusProblems(view, io);
  const service = createDraftingService(view.loaded.index, { uriOf: (id) => view.show(id) });
  const format = stringOption(args, 'format') ?? 'text';
  let serious = 0;
  const report: Array<{ file: string; diagnostics: unknown[] }> = [];
  for (const d of drafts) {
    const diagnostics = service.doValidation({ uri: d.path, version: 1, getText: () => d.text }, settings);
    serious += diagnostics.filter((x) => x.severity === 1 || x.severity === 2).length;
    if (format !== 'text') {
      report.push({ file: d.path, diagnostics });
      continue;
    }
    for (const x of diagnostics) {
      const where = `${d.path}:${x.range.start.line + 1}:${x.range.start.character + 1}`;
      io.stdout(`${where}: ${SEVERITY_NAMES[x.severity ?? 3]}${x.code ? ` [${x.code}]` : ''} ${x.message}\n`);
      for (const r of x.relatedInformation ?? []) io.stdout(`    ${r.location.uri}:${r.location.range.start.line + 1}: ${r.message}\n`);
    }
  }
  if (format === 'json') io.stdout(JSON.stringify({ schemaVersion: 1, files: report }, null, 2) + '\n');
  if (format === 'sarif') io.stdout(JSON.stringify(toSarif(report as Array<{ file: string; diagnostics: Diagnostic[] }>), null, 2) + '\n');
  return serious > 0 ? 1 : 0;
}

const SARIF_LEVELS = ['', 'error', 'warning', 'note', 'note'];

/**
 * SARIF 2.1.0 for code-scanning tools. SARIF lines and columns are 1-based; columns are counted in
 * UTF-16 units, which SARIF allows through `columnKind`.
 */
function toSarif(report: Array<{ file: string; diagnostics: Diagnostic[] }>): object {
  const rules = RULE_CODES.map((id) => ({ id }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'precedent', informationUri: 'https://example.invalid/precedent', rules } },
      columnKind: 'utf16CodeUnits',
      results: report.flatMap(({ file, diagnostics }) => diagnostics.map((d) => ({
        ruleId: String(d.code ?? 'precedent'),
        level: SARIF_LEVELS[d.severity ?? 3],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: file },
            region: {
              startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            },
          },
        }],
      }))),
    }],
  };
}

/** Entry point for the CLI's subcommand table: parse, run, map errors to exit code 2. */
export async function runLint(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await lint(parseArgs(argv, lintCommand.options, 'lint'), io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CliError) {
      io.stderr(`precedent lint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
