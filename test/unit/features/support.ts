// Shared by the feature tests: one index over the bundled seeds, drafts written with a `|` cursor.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { PrecedentIndex } from '../../../server/src/engine/corpus';
import { createDraftingService, type DraftingService } from '../../../server/src/features/languageService';
import { loadCorpus } from '../../../server/src/node/corpusLoader';

let seeded: Promise<{ index: PrecedentIndex; service: DraftingService }> | null = null;

export function seedService(): Promise<{ index: PrecedentIndex; service: DraftingService }> {
  seeded ??= loadCorpus({ folders: [], includeBundled: true }).then(({ index }) => ({ index, service: createDraftingService(index) }));
  return seeded;
}

let counter = 0;

/** A draft from text with one `|` marking the cursor. */
export function draftAt(textWithCursor: string): { doc: TextDocument; position: Position; text: string } {
  const at = textWithCursor.indexOf('|');
  if (at < 0) throw new Error('no | cursor in the draft');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const doc = TextDocument.create(`file:///drafts/d${++counter}.decl`, 'declaration', 1, text);
  return { doc, position: doc.positionAt(at), text };
}

export function draft(text: string): TextDocument {
  return TextDocument.create(`file:///drafts/d${++counter}.decl`, 'declaration', 1, text);
}

/** Apply a completion's or a code action's edits to the text. */
export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(doc, [...edits]);
}

export function editsOf(edit: WorkspaceEdit | undefined): TextEdit[] {
  const change = edit?.documentChanges?.[0];
  if (!change || !('edits' in change)) return [];
  return change.edits as TextEdit[];
}
