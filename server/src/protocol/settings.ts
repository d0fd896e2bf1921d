// Settings and custom messages shared by the client and the server. Types only: no code that runs.
// The `precedent.*` configuration keys in package.json mirror `PrecedentSettings`.

export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export type RuleCode =
  | 'missing-reference'
  | 'unknown-reference'
  | 'misspelled-reference'
  | 'acronym-first-use'
  | 'incomplete-citation'
  | 'mixed-voice'
  | 'typography';

export type MessageLanguage = 'fr' | 'en';

/** `precedent.*` settings, as the server reads them per resource (workspace/configuration, section "precedent"). */
export interface PrecedentSettings {
  corpus: {
    /** Extra precedent folders (absolute, or relative to the workspace folder). */
    paths: string[];
    /** Index the precedents bundled with the extension. */
    includeBundled: boolean;
  };
  /** Severity per lint rule; "off" silences the rule. */
  lint: { severity: Partial<Record<RuleCode, RuleSeverity>> };
  /** Language of diagnostic messages and hover texts. */
  messages: { language: MessageLanguage };
  completion: {
    /** Minimum number of typed characters before completions are offered (clause openers and references). */
    minimumPrefix: number;
  };
  /** Also provide the features in plain text and Markdown files, not only in `declaration` drafts. */
  enableInPlainText: boolean;
}

export const DEFAULT_SEVERITY: Record<RuleCode, RuleSeverity> = {
  'missing-reference': 'warning',
  'unknown-reference': 'information',
  'misspelled-reference': 'warning',
  'acronym-first-use': 'information',
  'incomplete-citation': 'information',
  'mixed-voice': 'warning',
  'typography': 'hint',
};

// Custom messages between client and server.

/** Server → client notification: corpus size and indexing state, for the status bar. */
export const CORPUS_STATUS_NOTIFICATION = 'precedent/corpusStatus';
export interface CorpusStatus {
  state: 'indexing' | 'ready' | 'error';
  documents: number;
  clauses: number;
  references: number;
  skipped: Array<{ file: string; reason: string }>;
  /** Human-readable one-liner for the status bar tooltip. */
  message: string;
  /**
   * While indexing many precedents: how many of the files to index are read, then `preparing` (mining
   * formulations, building the key indexes: minutes for 100,000 precedents indexed from their files).
   */
  progress?: { phase: 'reading' | 'preparing'; done: number; total: number };
}

/** Client → server request: precedent clauses similar to the clause at a position. */
export const SIMILAR_CLAUSES_REQUEST = 'precedent/similarClauses';
export interface SimilarClausesParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  limit?: number;
}
export interface SimilarClause {
  score: number;
  docTitle: string;
  docDate: string | null;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  label: string | null;
  text: string;
  /** The precedent clause split into parts shared with the draft clause and parts that differ. */
  diff: Array<{ kind: 'same' | 'added' | 'removed'; text: string }>;
}

/** Client → server request: re-index the corpus now. */
export const REINDEX_REQUEST = 'precedent/reindex';
