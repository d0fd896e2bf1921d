// The drafting language service: pure functions from a draft and the precedent index to LSP
// results. The node server (and tests) feed it documents and settings; it never does I/O.
import {
  CodeActionKind, DiagnosticSeverity, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit,
  type CodeAction, type CompletionList, type Diagnostic, type DocumentSymbol, type Hover, type Location, type Position, type Range,
} from 'vscode-languageserver-types';
import type { PrecedentIndex } from '../engine/corpus';
import type { PrecedentSettings, RuleSeverity, SimilarClause } from '../protocol/settings';
import { doComplete } from './completion';
import { MetaCache, type FeatureContext } from './context';
import { DraftCache, type Draft, type DraftDocument } from './draft';
import { doHover } from './hover';
import { lintDraft, type Finding } from './lint';
import { messagesFor } from './messages';
import { documentSymbols, findDefinition, findReferences, findSimilarClauses } from './navigation';
import { defaultSettings, severityOf } from './settings';
import { toRange } from './util';

export const DIAGNOSTIC_SOURCE = 'précédent';

export interface DraftingServiceOptions {
  /** URI of a precedent from its index id (default: the id itself). */
  uriOf?: (docId: string) => string;
}

export interface DraftingService {
  doComplete(doc: DraftDocument, position: Position, settings?: PrecedentSettings, triggerCharacter?: string): CompletionList;
  doHover(doc: DraftDocument, position: Position, settings?: PrecedentSettings): Hover | null;
  doValidation(doc: DraftDocument, settings?: PrecedentSettings): Diagnostic[];
  doCodeActions(doc: DraftDocument, range: Range, diagnostics: readonly Diagnostic[], settings?: PrecedentSettings): CodeAction[];
  findDefinition(doc: DraftDocument, position: Position): Location[];
  findReferences(doc: DraftDocument, position: Position, includeDeclaration?: boolean): Location[];
  documentSymbols(doc: DraftDocument): DocumentSymbol[];
  findSimilarClauses(doc: DraftDocument, position: Position, limit?: number): SimilarClause[];
  /** The analysed draft (cached per version). */
  draft(doc: DraftDocument): Draft;
  /** Forget a closed document. */
  close(uri: string): void;
  /** The index changed (precedent added, replaced, removed): drop what was derived from it. */
  corpusChanged(): void;
}

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export function createDraftingService(index: PrecedentIndex, options: DraftingServiceOptions = {}): DraftingService {
  const metas = new MetaCache(index);
  const ctx: FeatureContext = { index, uriOf: options.uriOf ?? ((id) => id), meta: (id) => metas.get(id) };
  const drafts = new DraftCache();
  // Lint findings of the latest analysed version, for code actions (keyed by uri, checked by version).
  const findings = new Map<string, { version: number; language: string; severities: string; list: Finding[] }>();

  const lint = (draft: Draft, settings: PrecedentSettings): Finding[] => {
    const severities = JSON.stringify(settings.lint.severity);
    const cached = findings.get(draft.uri);
    if (cached && cached.version === draft.version && cached.language === settings.messages.language && cached.severities === severities) return cached.list;
    const list = lintDraft(ctx, draft, settings);
    findings.set(draft.uri, { version: draft.version, language: settings.messages.language, severities, list });
    return list;
  };

  const toDiagnostic = (draft: Draft, f: Finding, settings: PrecedentSettings): Diagnostic | null => {
    const range = toRange(draft.analysed.lineStarts, f.span);
    if (f.code === 'analysis') return { range, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message: f.message };
    const severity = severityOf(settings, f.code);
    if (severity === 'off') return null;
    const d: Diagnostic = { range, severity: SEVERITY[severity], code: f.code, source: DIAGNOSTIC_SOURCE, message: f.message };
    if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: ctx.uriOf(r.docId), range: r.range }, message: r.message }));
    return d;
  };

  return {
    draft: (doc) => drafts.get(doc),
    close(uri) {
      drafts.delete(uri);
      findings.delete(uri);
    },
    corpusChanged() {
      metas.invalidate();
      findings.clear();
    },
    doComplete(doc, position, settings = defaultSettings(), triggerCharacter) {
      return doComplete(ctx, doc, { position, triggerCharacter }, settings);
    },
    doHover(doc, position, settings = defaultSettings()) {
      return doHover(ctx, drafts.get(doc), position, settings);
    },
    doValidation(doc, settings = defaultSettings()) {
      const draft = drafts.get(doc);
      return lint(draft, settings).map((f) => toDiagnostic(draft, f, settings)).filter((d): d is Diagnostic => d !== null);
    },
    doCodeActions(doc, range, diagnostics, settings = defaultSettings()) {
      const draft = drafts.get(doc);
      const msg = messagesFor(settings.messages.language);
      const list = lint(draft, settings);
      const lineStarts = draft.analysed.lineStarts;
      const id = OptionalVersionedTextDocumentIdentifier.create(doc.uri, doc.version);
      const overlaps = (r: Range): boolean => !(before(r.end, range.start) || before(range.end, r.start));
      const actions: CodeAction[] = [];
      const typographyFixes: Finding[] = [];
      for (const f of list) {
        if (f.code === 'analysis') continue;
        if (f.code === 'typography') typographyFixes.push(f);
        const diagnostic = toDiagnostic(draft, f, settings);
        if (!diagnostic || !overlaps(diagnostic.range)) continue;
        const sent = diagnostics.find((d) => d.code === f.code && sameRange(d.range, diagnostic.range)) ?? diagnostic;
        for (const fix of f.fixes) {
          actions.push({
            title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [sent], isPreferred: fix.preferred,
            edit: { documentChanges: [TextDocumentEdit.create(id, fix.edits.map((e) => ({ range: toRange(lineStarts, e.span), newText: e.newText })))] },
          });
        }
      }
      if (typographyFixes.length > 1 && actions.some((a) => a.diagnostics?.[0]?.code === 'typography')) {
        const edits = typographyFixes.flatMap((f) => f.fixes[0]?.edits ?? []).sort((a, b) => a.span.start - b.span.start);
        // Edits must not overlap: keep the first of any two that touch.
        const kept = edits.filter((e, i) => i === 0 || e.span.start >= edits[i - 1].span.end);
        actions.push({
          title: msg.fixAllTypography(kept.length), kind: CodeActionKind.QuickFix,
          edit: { documentChanges: [TextDocumentEdit.create(id, kept.map((e) => ({ range: toRange(lineStarts, e.span), newText: e.newText })))] },
        });
      }
      return actions;
    },
    findDefinition: (doc, position) => findDefinition(ctx, drafts.get(doc), position),
    findReferences: (doc, position, includeDeclaration = true) => findReferences(ctx, drafts.get(doc), position, includeDeclaration),
    documentSymbols: (doc) => documentSymbols(drafts.get(doc)),
    findSimilarClauses: (doc, position, limit) => findSimilarClauses(ctx, drafts.get(doc), position, limit),
  };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
