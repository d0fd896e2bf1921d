// LSP wiring: documents, settings, corpus and the drafting service. Every handler answers, even on
// bad input (binary buffers, huge lines, unreadable corpus files): problems are reported once and
// logged, never thrown at the client.
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind,
  type ClientCapabilities, type Connection, type Disposable, type InitializeResult, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { isAbsolute } from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDraftingService, type DraftingService } from '../features/languageService';
import { defaultSettings, validateSettings } from '../features/settings';
import {
  CORPUS_STATUS_NOTIFICATION, REINDEX_REQUEST, SIMILAR_CLAUSES_REQUEST, type PrecedentSettings, type SimilarClausesParams,
} from '../protocol/settings';
import { CorpusHost, pathOfUri, resolveFolders, uriOfPath, type CorpusSpec } from './corpusHost';

export const VALIDATION_DELAY_MS = 150;
const DRAFT_LANGUAGES = new Set(['declaration']);
const PLAIN_LANGUAGES = new Set(['plaintext', 'markdown']);
const DRAFT_EXTENSIONS = /\.decl(?:\.md|\.txt)?$/i;

export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let folders: WorkspaceFolder[] = [];
  let pushedSettings: unknown = undefined;
  const settingsCache = new Map<string, Promise<PrecedentSettings>>();
  const warned = new Set<string>();
  const reported = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const precedentTimers = new Map<string, NodeJS.Timeout>();
  let watchRegistration: Promise<Disposable> | null = null;
  let shuttingDown = false;

  const log = (line: string): void => connection.console.log(line);
  const corpus = new CorpusHost((status, reason) => {
    if (reason === 'progress') {
      void connection.sendNotification(CORPUS_STATUS_NOTIFICATION, status);
      return;
    }
    service.corpusChanged();
    if (reason === 'load' && status.state !== 'indexing') service = makeService();
    void connection.sendNotification(CORPUS_STATUS_NOTIFICATION, status);
    if (status.state === 'ready' && reason === 'load' && status.skipped.length) {
      const key = `skipped:${status.skipped.map((s) => s.file).join('|')}`;
      if (!reported.has(key)) {
        reported.add(key);
        void connection.window.showWarningMessage(`Précédent : ${status.skipped.length} fichier(s) du corpus ignoré(s) (détails dans la sortie « Précédent »).`);
      }
    }
    if (status.state !== 'indexing') revalidateAll();
  }, log);
  const makeService = (): DraftingService => createDraftingService(corpus.index, { uriOf: (id) => id });
  let service = makeService();

  const configurationSupported = (): boolean => capabilities.workspace?.configuration === true;

  // ---- Settings

  const settingsFor = (uri: string | null): Promise<PrecedentSettings> => {
    const key = uri ?? '';
    let pending = settingsCache.get(key);
    if (!pending) {
      pending = (async () => {
        let raw: unknown = pushedSettings;
        if (configurationSupported()) {
          try {
            raw = await connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'precedent' } : { section: 'precedent' });
          } catch (error) {
            log(`settings: workspace/configuration failed: ${(error as Error).message}`);
            raw = undefined;
          }
        }
        const { settings, problems } = validateSettings(raw);
        const fresh = problems.filter((p) => !warned.has(p));
        if (fresh.length) {
          for (const p of fresh) warned.add(p);
          void connection.window.showWarningMessage(`Précédent : réglage invalide, valeur par défaut employée : ${fresh.join(', ')}`);
        }
        return settings;
      })();
      settingsCache.set(key, pending);
    }
    return pending;
  };

  const corpusSpec = async (): Promise<CorpusSpec> => {
    const global = await settingsFor(null);
    const bases = folders.map((f) => pathOfUri(f.uri)).filter((p): p is string => p !== null);
    const all = new Set<string>(resolveFolders(global.corpus.paths, bases[0] ?? null));
    for (const f of folders) {
      const s = await settingsFor(f.uri);
      for (const p of resolveFolders(s.corpus.paths, pathOfUri(f.uri))) all.add(p);
    }
    return { folders: [...all].sort(), includeBundled: global.corpus.includeBundled };
  };

  const watchCorpus = async (): Promise<void> => {
    const dynamic = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    if (watchRegistration) {
      const old = watchRegistration;
      watchRegistration = null;
      void old.then((d) => d.dispose()).catch(() => undefined);
    }
    corpus.unwatch();
    if (!corpus.spec.folders.length) return;
    if (dynamic) {
      const relative = capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
      const watchers = corpus.spec.folders.map((folder) => ({
        globPattern: relative ? { baseUri: uriOfPath(folder), pattern: '**/*.{txt,md,json}' } : `${folder.replace(/\\/g, '/')}/**/*.{txt,md,json}`,
      }));
      watchRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      watchRegistration.catch((error: unknown) => {
        log(`corpus: client file watching refused (${String(error)}); using Node's watcher`);
        corpus.watchWithNode();
      });
    } else {
      corpus.watchWithNode();
    }
  };

  const reloadCorpusIfChanged = async (force: boolean): Promise<void> => {
    const spec = await corpusSpec();
    if (!force && corpus.sameSpec(spec) && corpus.index.documentTotals().documents + corpus.skipped.length > 0) return;
    const load = corpus.load(spec);
    await watchCorpus();
    await load;
  };

  // ---- Which documents are drafts

  const isDraft = async (doc: TextDocument): Promise<boolean> => {
    if (DRAFT_LANGUAGES.has(doc.languageId) || DRAFT_EXTENSIONS.test(doc.uri)) return true;
    if (!PLAIN_LANGUAGES.has(doc.languageId)) return false;
    return (await settingsFor(doc.uri)).enableInPlainText;
  };

  /** The document if it is an open draft; null otherwise. Waits for the first corpus load. */
  const draftDocument = async (uri: string): Promise<TextDocument | null> => {
    const doc = documents.get(uri);
    if (!doc || !(await isDraft(doc))) return null;
    await corpus.ready;
    return documents.get(uri) ?? null;
  };

  const guarded = async <T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const key = `${what}:${(error as Error)?.message}`;
      log(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!reported.has(key)) {
        reported.add(key);
        void connection.window.showErrorMessage(`Précédent : ${what} a échoué (${(error as Error)?.message ?? error}). Détails dans la sortie « Précédent ».`);
      }
      return fallback;
    }
  };

  // ---- Validation: debounced per document, never published for a stale version

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc || shuttingDown) return;
    const version = doc.version;
    if (!(await isDraft(doc))) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    await corpus.ready;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    const diagnostics = await guarded('la vérification du projet', [], async () => service.doValidation(current, settings));
    // Asked again only for the binary note: if the analysis threw, guarded() has said so already and
    // the empty list below still clears what an older version was told.
    let binary = false;
    try {
      binary = service.draft(current).binary;
    } catch {
      binary = false;
    }
    if (binary && !reported.has(`binary:${uri}`)) {
      reported.add(`binary:${uri}`);
      log(`${uri}: binary content, not analysed`);
    }
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (uri: string, delay = VALIDATION_DELAY_MS): void => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay));
  };

  function revalidateAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, 10);
  }

  // ---- Lifecycle

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    const init = params.initializationOptions as { settings?: unknown; cacheDir?: unknown } | undefined;
    if (init?.settings !== undefined) pushedSettings = init.settings;
    // The client names where the persisted index goes (VS Code: the extension's storage folder);
    // null turns it off; absent, the user cache folder.
    if (init && 'cacheDir' in init) {
      if (init.cacheDir === null) corpus.cacheDir = null;
      else if (typeof init.cacheDir === 'string' && isAbsolute(init.cacheDir)) corpus.cacheDir = init.cacheDir;
      else connection.console.warn(`precedent: initializationOptions.cacheDir ignored (not an absolute path): ${JSON.stringify(init.cacheDir)}`);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', '’', "'"], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'precedent-ls', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'precedent' }).catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders = folders.filter((f) => !event.removed.some((r) => r.uri === f.uri)).concat(event.added);
        settingsCache.clear();
        void reloadCorpusIfChanged(false);
      });
    }
    void reloadCorpusIfChanged(true);
  });

  connection.onShutdown(async () => {
    shuttingDown = true;
    for (const t of timers.values()) clearTimeout(t);
    corpus.unwatch();
    // A save still waiting for quiet is written now: the next start loads it instead of indexing.
    await corpus.flushSave();
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { precedent?: unknown } | null)?.precedent;
    if (!configurationSupported() && settings !== undefined) pushedSettings = settings;
    settingsCache.clear();
    void reloadCorpusIfChanged(false).then(revalidateAll);
  });

  connection.onDidChangeWatchedFiles((params) => {
    void (async () => {
      let touched = false;
      for (const change of params.changes) {
        const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        if (await guarded('la mise à jour du corpus', false, () => corpus.fileChanged(change.uri, kind))) touched = true;
      }
      if (touched) revalidateAll();
    })();
  });

  // ---- Documents

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    schedule(e.document.uri);
    const uri = e.document.uri;
    const path = pathOfUri(uri);
    if (path && corpus.covers(path)) {
      clearTimeout(precedentTimers.get(uri));
      precedentTimers.set(uri, setTimeout(() => {
        precedentTimers.delete(uri);
        const doc = documents.get(uri);
        if (doc) void guarded('la mise à jour du corpus', false, () => corpus.bufferChanged(uri, doc.getText()));
      }, 500));
    }
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    service.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    void corpus.bufferClosed(e.document.uri);
  });

  // ---- Features

  connection.onCompletion((params) => guarded('la complétion', null, async () => {
    const doc = await draftDocument(params.textDocument.uri);
    if (!doc) return null;
    const settings = await settingsFor(doc.uri);
    return service.doComplete(doc, params.position, settings, params.context?.triggerCharacter);
  }));

  connection.onHover((params) => guarded('le survol', null, async () => {
    const doc = await draftDocument(params.textDocument.uri);
    if (!doc) return null;
    return service.doHover(doc, params.position, await settingsFor(doc.uri));
  }));

  connection.onCodeAction((params) => guarded('les corrections', [], async () => {
    const doc = await draftDocument(params.textDocument.uri);
    if (!doc) return [];
    return service.doCodeActions(doc, params.range, params.context.diagnostics, await settingsFor(doc.uri));
  }));

  connection.onDefinition((params) => guarded('la définition', [], async () => {
    const doc = await draftDocument(params.textDocument.uri);
    return doc ? service.findDefinition(doc, params.position) : [];
  }));

  connection.onReferences((params) => guarded('les références', [], async () => {
    const doc = await draftDocument(params.textDocument.uri);
    return doc ? service.findReferences(doc, params.position, params.context.includeDeclaration) : [];
  }));

  connection.onDocumentSymbol((params) => guarded('le plan', [], async () => {
    const doc = await draftDocument(params.textDocument.uri);
    return doc ? service.documentSymbols(doc) : [];
  }));

  connection.onRequest(SIMILAR_CLAUSES_REQUEST, (params: SimilarClausesParams) => guarded('la recherche de paragraphes semblables', [], async () => {
    const doc = await draftDocument(params.textDocument.uri);
    // It searches every precedent's words: after a start from the saved index, read last.
    await corpus.whole;
    return doc ? service.findSimilarClauses(doc, params.position, Math.min(50, Math.max(1, params.limit ?? 10))) : [];
  }));

  connection.onRequest(REINDEX_REQUEST, () => guarded('la réindexation', null, async () => {
    settingsCache.clear();
    await reloadCorpusIfChanged(true);
    return corpus.status('ready');
  }));

  documents.listen(connection);
  connection.listen();
  void defaultSettings;
}
