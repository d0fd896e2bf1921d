// Settings as the client sends them are untrusted JSON: a wrong value falls back to its default and
// is named in `problems` (the server shows them once), never a crash.
import { DEFAULT_SEVERITY, type PrecedentSettings, type RuleCode, type RuleSeverity } from '../protocol/settings';

export const RULE_CODES: readonly RuleCode[] = Object.keys(DEFAULT_SEVERITY) as RuleCode[];
const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];

export function defaultSettings(): PrecedentSettings {
  return {
    corpus: { paths: [], includeBundled: true },
    lint: { severity: { ...DEFAULT_SEVERITY } },
    messages: { language: 'fr' },
    completion: { minimumPrefix: 2 },
    enableInPlainText: false,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `raw` is what workspace/configuration returned for section "precedent" (may be null or anything). */
export function validateSettings(raw: unknown): { settings: PrecedentSettings; problems: string[] } {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (!isObject(raw)) return { settings, problems: ['precedent: settings are not an object'] };

  const corpus = raw.corpus;
  if (corpus !== undefined && corpus !== null) {
    if (!isObject(corpus)) problems.push('precedent.corpus');
    else {
      if (corpus.paths !== undefined && corpus.paths !== null) {
        if (Array.isArray(corpus.paths) && corpus.paths.every((p) => typeof p === 'string')) settings.corpus.paths = (corpus.paths as string[]).filter((p) => p.trim() !== '');
        else problems.push('precedent.corpus.paths');
      }
      if (corpus.includeBundled !== undefined && corpus.includeBundled !== null) {
        if (typeof corpus.includeBundled === 'boolean') settings.corpus.includeBundled = corpus.includeBundled;
        else problems.push('precedent.corpus.includeBundled');
      }
    }
  }
  const lint = raw.lint;
  if (lint !== undefined && lint !== null) {
    const severity = isObject(lint) ? lint.severity : undefined;
    if (!isObject(lint) || (severity !== undefined && severity !== null && !isObject(severity))) problems.push('precedent.lint.severity');
    else if (isObject(severity)) {
      for (const [code, value] of Object.entries(severity)) {
        if (!(RULE_CODES as readonly string[]).includes(code)) {
          problems.push(`precedent.lint.severity.${code}`);
          continue;
        }
        if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) settings.lint.severity[code as RuleCode] = value as RuleSeverity;
        else problems.push(`precedent.lint.severity.${code}`);
      }
    }
  }
  const messages = raw.messages;
  if (messages !== undefined && messages !== null) {
    const language = isObject(messages) ? messages.language : undefined;
    if (language === 'fr' || language === 'en') settings.messages.language = language;
    else if (language !== undefined) problems.push('precedent.messages.language');
  }
  const completion = raw.completion;
  if (completion !== undefined && completion !== null) {
    const min = isObject(completion) ? completion.minimumPrefix : undefined;
    if (typeof min === 'number' && Number.isInteger(min) && min >= 0 && min <= 20) settings.completion.minimumPrefix = min;
    else if (min !== undefined) problems.push('precedent.completion.minimumPrefix');
  }
  if (raw.enableInPlainText !== undefined && raw.enableInPlainText !== null) {
    if (typeof raw.enableInPlainText === 'boolean') settings.enableInPlainText = raw.enableInPlainText;
    else problems.push('precedent.enableInPlainText');
  }
  return { settings, problems };
}

export function severityOf(settings: PrecedentSettings, code: RuleCode): RuleSeverity {
  return settings.lint.severity[code] ?? DEFAULT_SEVERITY[code];
}
