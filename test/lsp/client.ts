// A protocol client for the LSP tier: starts the real server (`node dist/server.js --stdio`), answers
// its requests (workspace/configuration from a settings object, registrations), and waits for what
// it publishes with timeouts, never fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type Diagnostic, type InitializeResult, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** What workspace/configuration answers (section "precedent"); change it, then notify. */
  settings: Record<string, unknown>;
  configurationRequests: number;
  registrations: Array<{ method: string; registerOptions?: unknown }>;
  messages: Array<{ type: number; message: string }>;
  /** window/logMessage lines (the server's output channel). */
  logs: string[];
  notifications: Array<{ method: string; params: unknown }>;
  initializeResult: InitializeResult;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  /** Wait for diagnostics of `uri` matching `accept` (default: any); rejects after `timeoutMs`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A server over stdio. `cacheDir`: where it keeps its persisted index; null (the default) none, so
 * tests do not depend on what an earlier run left in the user's cache folder.
 */
export async function startClient(options: { rootPath?: string; settings?: Record<string, unknown>; watchDynamic?: boolean; cacheDir?: string | null } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const listeners = new Set<() => void>();
  const wake = (): void => { for (const l of [...listeners]) l(); };
  const client = {
    connection, process: child, settings: options.settings ?? {}, configurationRequests: 0, registrations: [], messages: [], logs: [], notifications: [],
  } as unknown as TestClient;

  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) => {
    client.configurationRequests++;
    wake();
    return params.items.map((item) => (item.section === 'precedent' ? client.settings : null));
  });
  connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
    client.registrations.push(...params.registrations);
    wake();
    return null;
  });
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
    client.messages.push(p);
    wake();
    return null;
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    client.messages.push(p);
    wake();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
    wake();
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    wake();
  });
  connection.onUnhandledNotification((n) => {
    client.notifications.push({ method: n.method, params: n.params });
    wake();
  });
  connection.listen();

  client.waitFor = <T>(what: string, check: () => T | undefined | null | false, timeoutMs = 15000): Promise<T> => new Promise<T>((resolve, reject) => {
    const attempt = (): boolean => {
      const value = check();
      if (value !== undefined && value !== null && value !== false) {
        listeners.delete(attempt as () => void);
        clearTimeout(timer);
        resolve(value as T);
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      listeners.delete(attempt as () => void);
      reject(new Error(`timed out waiting for ${what}${stderr ? `\nserver stderr:\n${stderr}` : ''}`));
    }, timeoutMs);
    if (!attempt()) listeners.add(attempt as () => void);
  });

  client.diagnostics = (uri, accept = () => true, timeoutMs = 15000) => {
    const from = published.length;
    void from;
    return client.waitFor(`diagnostics for ${uri}`, () => {
      for (let i = published.length - 1; i >= 0; i--) {
        const p = published[i];
        if (p.uri === uri) return accept(p) ? p.diagnostics : undefined;
      }
      return undefined;
    }, timeoutMs);
  };

  client.open = (uri, text, languageId = 'declaration', version = 1) => {
    void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  };

  client.stop = async () => {
    try {
      await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      void connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => { child.kill(); resolve(); }, 3000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
    connection.dispose();
  };

  const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
  client.initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid, rootUri,
    initializationOptions: { cacheDir: options.cacheDir ?? null },
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
    capabilities: {
      workspace: {
        configuration: true, didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: options.watchDynamic ?? true, relativePatternSupport: true },
        workspaceFolders: true, workspaceEdit: { documentChanges: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
    },
  }) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return client;
}

/** Wait for a corpusStatus "ready" notification (after `after` notifications). */
export function corpusReady(client: TestClient, after = 0): Promise<{ documents: number; skipped: unknown[] }> {
  return client.waitFor('corpus ready', () => {
    const list = client.notifications.slice(after).filter((n) => n.method === 'precedent/corpusStatus');
    const ready = list.reverse().find((n) => (n.params as { state: string }).state === 'ready');
    return ready ? (ready.params as { documents: number; skipped: unknown[] }) : undefined;
  }, 30000);
}
