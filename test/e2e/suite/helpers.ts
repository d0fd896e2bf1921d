// What the in-editor tests share: the extension's API, the fixture drafts, and waits on editor events
// with a deadline (never a fixed sleep: a slow CI machine only makes the waits longer, not flaky).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusStatus } from '../../../server/src/protocol/settings';

export const EXTENSION_ID = 'precedent.precedent';

/** The API the extension returns from activate() (client/src/extension.ts). */
export interface PrecedentApi {
  readonly corpusStatus: CorpusStatus | undefined;
  readonly onDidChangeCorpusStatus: vscode.Event<CorpusStatus>;
  whenReady(): Promise<CorpusStatus>;
  readonly statusBarText: string;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return folder;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

/** Rejects with `what` once `ms` have passed. */
export function withDeadline<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); },
    );
  });
}

export async function precedentApi(): Promise<PrecedentApi> {
  const extension = vscode.extensions.getExtension<PrecedentApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = await withDeadline(extension.activate(), 30_000, 'the extension to activate');
  await withDeadline(api.whenReady(), 60_000, 'the corpus to be indexed');
  return api;
}

export async function openDraft(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document);
}

let scratchCount = 0;

/**
 * A new draft file in the (copied) fixture workspace that the test may edit freely. A file, not an
 * untitled buffer: VS Code reuses "Untitled-1" once it is closed, and each test wants its own document.
 */
export async function scratchDraft(content: string, extension = '.decl'): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'brouillons', `brouillon-${process.pid}-${++scratchCount}${extension}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Précédent's diagnostics on `uri` once `accept` holds for them, waiting on diagnostic events. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, ms = 30_000): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'précédent');
  if (accept(ours())) return Promise.resolve(ours());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}; diagnostics now: ${JSON.stringify(ours().map((d) => [d.code, d.message]))}`));
    }, ms);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      if (!accept(ours())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(ours());
    });
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/**
 * Repeats `probe` until `accept` holds: for answers that have no change event (a completion list
 * after a language-server restart). Each try is a real request, not a timed guess.
 */
export async function eventually<T>(probe: () => Thenable<T>, accept: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last answer: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sets `precedent.<key>` for the workspace and returns a function that restores the previous value. */
export async function setSetting(key: string, value: unknown): Promise<() => Thenable<void>> {
  const config = vscode.workspace.getConfiguration('precedent');
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return () => vscode.workspace.getConfiguration('precedent').update(key, previous, vscode.ConfigurationTarget.Workspace);
}

export function positionOf(document: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `the draft contains ${JSON.stringify(needle)}`);
  return document.positionAt(at + offsetInNeedle);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Closes every editor, discarding edits, so no "save changes?" dialog blocks the next test. */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
