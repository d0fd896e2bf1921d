// The VS Code side of Précédent: starts the language server (dist/server.js) and shows what it
// reports. Thin on purpose: every piece of drafting knowledge lives in the server, so Neovim and any
// other LSP editor get the same answers.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
  DocumentSelector,
} from 'vscode-languageclient/node';
import {
  CORPUS_STATUS_NOTIFICATION,
  CorpusStatus,
  REINDEX_REQUEST,
  SIMILAR_CLAUSES_REQUEST,
  SimilarClause,
  SimilarClausesParams,
} from '../../server/src/protocol/settings';
import { describeStatus, renderDiff } from './present';

/** What the extension returns from activate(): lets tests (and other extensions) wait for the corpus. */
export interface PrecedentApi {
  /** The last corpus status the server sent, if any. */
  readonly corpusStatus: CorpusStatus | undefined;
  /** Fires on every corpus status notification. */
  readonly onDidChangeCorpusStatus: vscode.Event<CorpusStatus>;
  /** Resolves once the server has sent a status whose state is not "indexing". */
  whenReady(): Promise<CorpusStatus>;
  /** The current status bar text, as a person sees it. */
  readonly statusBarText: string;
}

/** The client once started; restarts chain on it so a command never meets a stopped client. */
let clientReady: Promise<LanguageClient | undefined> = Promise.resolve(undefined);

export async function activate(context: vscode.ExtensionContext): Promise<PrecedentApi> {
  const output = vscode.window.createOutputChannel('Précédent');
  const statusEmitter = new vscode.EventEmitter<CorpusStatus>();
  let lastStatus: CorpusStatus | undefined;

  const statusItem = vscode.window.createStatusBarItem('precedent.corpus', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'Précédent';
  statusItem.command = 'precedent.showOutput';
  statusItem.text = '$(sync~spin) Précédent';
  statusItem.tooltip = 'Précédent : démarrage du serveur…';
  statusItem.show();
  context.subscriptions.push(output, statusEmitter, statusItem);

  const showStatus = (status: CorpusStatus): void => {
    lastStatus = status;
    const shown = describeStatus(status);
    statusItem.text = shown.text;
    statusItem.tooltip = shown.tooltip;
    statusItem.backgroundColor = status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    statusEmitter.fire(status);
  };

  const startClient = async (): Promise<LanguageClient> => {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [serverHeapLimit()], env: serverEnv(process.env) } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011', serverHeapLimit()], env: serverEnv(process.env) } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      // The server pulls `precedent` settings per resource; this makes it hear about changes too.
      synchronize: { configurationSection: 'precedent' },
      outputChannel: output,
      // cacheDir: where the server keeps its persisted index (the extension's own storage folder).
      initializationOptions: { bundledSeedsPath: context.asAbsolutePath('seeds'), trusted: vscode.workspace.isTrusted, cacheDir: context.globalStorageUri.fsPath },
    };
    const started = new LanguageClient('precedent', 'Précédent', serverOptions, clientOptions);
    started.onNotification(CORPUS_STATUS_NOTIFICATION, (status: CorpusStatus) => showStatus(status));
    await started.start();
    return started;
  };
  const restartClient = (why: string): Promise<LanguageClient | undefined> => {
    clientReady = clientReady.then(async (running) => {
      output.appendLine(`${why}: restarting the language server`);
      await running?.stop().catch(() => undefined);
      return startOrReport();
    });
    return clientReady;
  };
  const startOrReport = async (): Promise<LanguageClient | undefined> => {
    try {
      return await startClient();
    } catch (error) {
      statusItem.text = '$(error) Précédent';
      statusItem.tooltip = `Précédent : le serveur n’a pas démarré (${(error as Error).message})`;
      output.appendLine(`language server failed to start: ${(error as Error).stack ?? error}`);
      return undefined;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('precedent.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('precedent.reindex', async () => {
      const running = await clientReady;
      if (!running) return;
      statusItem.text = '$(sync~spin) Précédent';
      await running.sendRequest(REINDEX_REQUEST);
    }),
    vscode.commands.registerCommand('precedent.findSimilarClauses', async () => findSimilarClauses(await clientReady)),
    // The document selector is fixed when the client starts, so widening it to plain text means a restart.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('precedent.enableInPlainText')) void restartClient('precedent.enableInPlainText changed');
    }),
    // Trusting the workspace lets the server read the corpus folders it names: restart to pick them up.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartClient('workspace trusted')),
  );

  clientReady = startOrReport();
  await clientReady;

  return {
    get corpusStatus() { return lastStatus; },
    onDidChangeCorpusStatus: statusEmitter.event,
    get statusBarText() { return statusItem.text; },
    whenReady() {
      if (lastStatus && lastStatus.state !== 'indexing') return Promise.resolve(lastStatus);
      return new Promise((resolve) => {
        const listener = statusEmitter.event((status) => {
          if (status.state === 'indexing') return;
          listener.dispose();
          resolve(status);
        });
      });
    },
  };
}

export async function deactivate(): Promise<void> {
  const running = await clientReady;
  await running?.stop();
}

function documentSelector(): DocumentSelector {
  const selector: Array<{ language: string; scheme: string }> = [];
  const languages = ['declaration'];
  if (vscode.workspace.getConfiguration('precedent').get<boolean>('enableInPlainText', false)) languages.push('plaintext', 'markdown');
  for (const language of languages) for (const scheme of ['file', 'untitled']) selector.push({ language, scheme });
  return selector;
}

interface ClausePick extends vscode.QuickPickItem {
  clause: SimilarClause;
}

async function findSimilarClauses(client: LanguageClient | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('Précédent : placez le curseur dans une clause d’un projet de déclaration.');
    return;
  }
  const params: SimilarClausesParams = {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
    limit: 20,
  };
  const clauses = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Précédent : recherche de clauses semblables' },
    () => client.sendRequest<SimilarClause[]>(SIMILAR_CLAUSES_REQUEST, params),
  );
  if (!clauses || clauses.length === 0) {
    void vscode.window.showInformationMessage('Précédent : aucune clause semblable dans les précédents.');
    return;
  }
  const picks: ClausePick[] = clauses.map((clause) => ({
    clause,
    label: `${Math.round(clause.score * 100)} % — ${clause.docTitle}${clause.docDate ? ` (${clause.docDate})` : ''}`,
    description: clause.label ?? undefined,
    // A QuickPick shows no colours: the differences are marked in the text itself.
    detail: renderDiff(clause.diff, clause.text),
  }));
  const picked = await vscode.window.showQuickPick(picks, {
    title: 'Clauses semblables dans les précédents',
    placeHolder: '⟦+ …⟧ : seulement dans le précédent · ⟦− …⟧ : seulement dans le projet',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const uri = client.protocol2CodeConverter.asUri(picked.clause.uri);
  const range = client.protocol2CodeConverter.asRange(picked.clause.range);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { selection: range, preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/**
 * The rule of bin/server-heap.js (precedent-ls, the bench), which this bundle cannot import from
 * outside client/src: Node's default heap limit (~4 GB) is below the index of 100,000 precedents
 * (the server died there); the limit is a ceiling, 60 % of the machine's memory, never below 4 GB.
 */
function serverHeapLimit(): string {
  return `--max-old-space-size=${Math.max(4096, Math.floor((os.totalmem() / 2 ** 20) * 0.6))}`;
}

/**
 * serverEnv() of bin/server-heap.js: glibc's malloc asks for transparent huge pages, so reading a
 * saved index does not pay a page fault per 4 KB (100,000 precedents, on a virtual machine: ready
 * 2 s sooner, the rest of the index read in 7 s instead of 13), and maps blocks over 1 MB apart so
 * freed ones go back to the system (without it, huge pages raised a build's peak memory by a
 * third). Values the user set are kept; other C libraries and Electron's allocator ignore them.
 */
function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const set = (env.GLIBC_TUNABLES ?? '').split(':').filter(Boolean);
  const names = new Set(set.map((t) => t.split('=')[0]));
  const added = [['glibc.malloc.hugetlb', '1'], ['glibc.malloc.mmap_threshold', '1048576']]
    .filter(([name]) => !names.has(name)).map(([name, value]) => `${name}=${value}`);
  return added.length ? { ...env, GLIBC_TUNABLES: [...set, ...added].join(':') } : { ...env };
}
