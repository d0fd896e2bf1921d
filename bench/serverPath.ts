// The same measurements through the real language server over stdio, as VS Code drives it.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { buildQueries, Query, QueryCategory, QUERY_CATEGORIES } from './queries';
import { flushToDisk, nowMs, summarise, Summary } from './stats';

export type ServerResult =
  | { available: false; reason: string }
  | {
    available: true;
    coldStartMs: number;
    coldStartPersisted: string | { ms: number; documents: number | null; savedMb: number; restMs: number | null; /** fsync of the saved index before the second session. */ flushMs?: number };
    /** A start from the saved index: until its rest is read too (changes wait for it). */
    restMs?: number | null;
    /** Indexing progress the status bar got: updates while precedents were read, and when "préparation" came (ms from start). */
    progress?: { updates: number; preparingMs: number | null };
    documentsReported: number | null;
    peakRssMb: number | null;
    completion: Partial<Record<QueryCategory, Summary & { answered: number }>>;
    hover: Summary & { answered: number };
    diagnostics: Summary | { error: string };
  };

const CORPUS_STATUS = 'precedent/corpusStatus';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${(ms / 1000).toFixed(0)} s`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

function vmHwmMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Session {
  child: ChildProcess;
  conn: ProtocolConnection;
  stderr: string[];
  exited: { code: number | null } | null;
  onExit: Array<() => void>;
}

/** What bin/server-heap.js exports (plain JavaScript, shared with the bins). */
export interface ServerProcessRules {
  serverHeapLimitArg(): string;
  serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

function start(repoRoot: string, serverJs: string, corpusDir: string, draftsDir: string): Session {
  // The heap limit and memory rules precedent-ls and the editor give the server.
  const { serverHeapLimitArg, serverEnv } = require(path.join(repoRoot, 'bin', 'server-heap.js')) as ServerProcessRules;
  const child = spawn(process.execPath, [serverHeapLimitArg(), serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: serverEnv(process.env) });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Session = { child, conn, stderr: [], exited: null, onExit: [] };
  child.stderr!.on('data', (d: Buffer) => {
    // The last lines say why a server died (Node's heap message comes last).
    session.stderr.push(d.toString());
    if (session.stderr.length > 50) session.stderr.shift();
  });
  child.on('exit', (code) => {
    session.exited = { code };
    for (const f of session.onExit) f();
  });
  const settings = {
    corpus: { paths: [corpusDir], includeBundled: false },
    lint: { severity: {} }, messages: { language: 'fr' }, completion: { minimumPrefix: 1 }, enableInPlainText: true,
  };
  conn.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((item) => (item.section === 'precedent' ? settings : item.section?.startsWith('precedent.') ? null : null)));
  // What else a server may ask of VS Code; other requests get the protocol's "method not found".
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
    conn.onRequest(method, () => null);
  }
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(draftsDir).href, name: 'bench' }]);
  conn.listen();
  return session;
}

/**
 * The real server over stdio, twice: a first session indexes the corpus (cold start without a
 * persisted index), is measured, and saves its index on shutdown; a second one starts from the
 * saved index (cold start with it). Drafts live in a workspace folder of their own, as a
 * drafter's do (a draft inside a corpus folder would be indexed as a precedent at every edit).
 */
export async function runServer(repoRoot: string, corpusDir: string, documents: number, readyTimeoutMs: number): Promise<ServerResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precedent-bench-server-'));
  try {
    const draftsDir = path.join(workDir, 'drafts');
    fs.mkdirSync(draftsDir);
    const cacheDir = path.join(workDir, 'storage');
    const first = await runSession(repoRoot, corpusDir, draftsDir, cacheDir, documents, readyTimeoutMs, true);
    if (!first.available) return first;
    // The saved index at rest before the second session (see flushToDisk()).
    const saved = fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.bin')) : [];
    const flushMs = saved.reduce((ms, f) => ms + flushToDisk(path.join(cacheDir, f)), 0);
    const second = await runSession(repoRoot, corpusDir, draftsDir, cacheDir, documents, readyTimeoutMs, false);
    const size = saved.length && fs.existsSync(path.join(cacheDir, saved[0])) ? fs.statSync(path.join(cacheDir, saved[0])).size : 0;
    first.coldStartPersisted = second.available
      ? { ms: second.coldStartMs, documents: second.documentsReported, savedMb: size / 1e6, restMs: second.restMs ?? null, flushMs }
      : `failed (${second.reason})`;
    return first;
  } finally {
    // PRECEDENT_BENCH_KEEP=1 keeps the server's saved index, to profile a load of it afterwards.
    if (process.env.PRECEDENT_BENCH_KEEP === '1') process.stderr.write(`[bench] kept the server's work folder ${workDir}\n`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function runSession(
  repoRoot: string, corpusDir: string, draftsDir: string, cacheDir: string, documents: number, readyTimeoutMs: number, measure: boolean,
): Promise<ServerResult> {
  const serverJs = path.join(repoRoot, 'dist', 'server.js');
  if (!fs.existsSync(serverJs)) return { available: false, reason: 'dist/server.js missing (npm run build)' };
  const t0 = nowMs();
  const s = start(repoRoot, serverJs, corpusDir, draftsDir);
  const { conn } = s;
  let ready: ((n: number | null) => void) | null = null;
  const readyPromise = new Promise<number | null>((resolve) => { ready = resolve; });
  let lastStatus: { state: string; documents: number } | null = null;
  const progress = { updates: 0, preparingMs: null as number | null };
  conn.onNotification(CORPUS_STATUS, (st: { state: string; documents: number; progress?: { phase: string } }) => {
    lastStatus = st;
    if (st.progress?.phase === 'reading') progress.updates++;
    if (st.progress?.phase === 'preparing') progress.preparingMs = nowMs() - t0;
    if (st.state === 'ready' && st.documents > 0) ready?.(st.documents);
  });
  let onSaved: (() => void) | null = null;
  const saved = new Promise<void>((resolve) => { onSaved = resolve; });
  let onRest: (() => void) | null = null;
  const restRead = new Promise<void>((resolve) => { onRest = resolve; });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    if (/corpus: index saved|index cache not written/.test(p.message)) onSaved?.();
    if (/corpus: rest of the saved index read/.test(p.message)) onRest?.();
  });
  const diagnosticsWaiters = new Map<string, Array<() => void>>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    const ws = diagnosticsWaiters.get(p.uri) ?? [];
    diagnosticsWaiters.delete(p.uri);
    for (const w of ws) w();
  });
  const nextDiagnostics = (uri: string): Promise<void> => new Promise((resolve) => {
    const ws = diagnosticsWaiters.get(uri) ?? [];
    ws.push(resolve);
    diagnosticsWaiters.set(uri, ws);
  });

  const stop = async (): Promise<void> => {
    try {
      // Shutdown writes a pending index save: at 100k precedents that takes seconds.
      await withTimeout(conn.sendRequest('shutdown'), 300_000, 'shutdown');
      await conn.sendNotification('exit');
    } catch {
      // The server is gone or stuck: it is killed below.
    }
    setTimeout(() => s.child.kill('SIGKILL'), 1000).unref();
    // Gone before the next session starts: a process giving 8 GB back to the system takes ~0.4 s
    // of a core after its exit call, which the next session's cold start was timed beside.
    if (!s.exited) await new Promise<void>((resolve) => s.onExit.push(resolve));
    conn.dispose();
  };

  // A server that dies makes every pending wait fail at once instead of at its timeout.
  const died = new Promise<never>((_, reject) => s.onExit.push(() => reject(new Error(`server exited with code ${s.exited?.code}`))));
  died.catch(() => undefined);
  try {
    const rootUri = pathToFileURL(draftsDir).href;
    await withTimeout(Promise.race([died, conn.sendRequest('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: { settings: { corpus: { paths: [corpusDir], includeBundled: false } }, cacheDir },
    })]), 15_000, 'initialize');
    await conn.sendNotification('initialized', {});
  } catch (e) {
    await stop();
    const stderr = s.stderr.join('').trim().slice(0, 200);
    const why = s.exited ? `exited with code ${s.exited.code} before answering initialize${stderr ? `: ${stderr}` : ''}` : (e as Error).message;
    return { available: false, reason: why };
  }
  let documentsReported: number | null;
  try {
    documentsReported = await withTimeout(Promise.race([died, readyPromise]), readyTimeoutMs, `${CORPUS_STATUS} ready`);
  } catch (e) {
    await stop();
    const last = lastStatus as { state: string; documents: number } | null;
    return { available: false, reason: `${(e as Error).message}${last ? ` (last status: ${last.state}, ${last.documents} documents)` : ''}` };
  }
  const coldStartMs = nowMs() - t0;
  void documents;
  // The server saves its index shortly after loading; measuring during the save would time it.
  // A server that dies meanwhile ends the wait (it waited for the timeout, 45 min at 100k).
  if (measure) await withTimeout(Promise.race([died, saved]), readyTimeoutMs, 'index saved').catch(() => undefined);
  if (s.exited) {
    const stderr = s.stderr.join('').trim().split('\n').slice(-3).join(' | ').slice(0, 300);
    return { available: false, reason: `server exited with code ${s.exited.code} after ready${stderr ? `: ${stderr}` : ''}` };
  }
  if (!measure) {
    // Answering from the first part of its saved index; then the rest, which changes wait for.
    const restMs = await withTimeout(Promise.race([died, restRead]), readyTimeoutMs, 'rest of the saved index').then(() => nowMs() - t0, () => null);
    const peakRssMb = vmHwmMb(s.child.pid);
    await stop();
    return { available: true, coldStartMs, restMs, coldStartPersisted: '', documentsReported, peakRssMb, completion: {}, hover: { ...summarise([]), answered: 0 }, diagnostics: { error: 'not measured' } };
  }

  // Completion: a draft whose last line is the typed prefix.
  const docUri = pathToFileURL(path.join(draftsDir, 'bench-completion.txt')).href;
  let version = 1;
  const preamble = 'Nous, les Ministres,\n\nP2A: Conscients de la nécessité de renforcer la coopération ;\n\nP2B: ';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'declaration', version, text: preamble } });
  const setText = (uri: string, text: string): Promise<void> =>
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
  const endOf = (text: string): { line: number; character: number } => {
    const lines = text.split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  const completion: Partial<Record<QueryCategory, Summary & { answered: number }>> = {};
  const queries = buildQueries();
  for (const category of QUERY_CATEGORIES) {
    const samples: number[] = [];
    let answered = 0;
    const qs = queries.filter((q: Query) => q.category === category);
    for (let rep = 0; rep < 3; rep++) {
      for (const q of qs) {
        const text = preamble + (category.endsWith('mid-sentence') ? `Réaffirmant ${q.text}` : q.text);
        await setText(docUri, text);
        const t = nowMs();
        const r = await withTimeout(conn.sendRequest('textDocument/completion', { textDocument: { uri: docUri }, position: endOf(text) }), 10_000, 'completion')
          .catch(() => null) as { items?: unknown[] } | unknown[] | null;
        samples.push(nowMs() - t);
        const items = Array.isArray(r) ? r : r?.items ?? [];
        if (rep === 0 && items.length > 0) answered++;
      }
    }
    completion[category] = { ...summarise(samples), answered: qs.length ? answered / qs.length : 0 };
  }

  // Hover on much-cited references.
  const hoverText = 'Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée (2000) et le travail de l’ONUDC, d’INTERPOL et de l’OSCE ;';
  await setText(docUri, hoverText);
  const hoverSamples: number[] = [];
  let hoverAnswered = 0;
  const targets = ['Convention', 'ONUDC', 'INTERPOL', 'OSCE'].map((w) => hoverText.indexOf(w) + 2);
  for (let rep = 0; rep < 25; rep++) {
    for (const character of targets) {
      const t = nowMs();
      const r = await withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line: 0, character } }), 10_000, 'hover').catch(() => null);
      hoverSamples.push(nowMs() - t);
      if (rep === 0 && r) hoverAnswered++;
    }
  }

  // Diagnostics after a one-character edit in the 20-page draft.
  let diagnostics: Summary | { error: string };
  try {
    const draft = fs.readFileSync(path.join(corpusDir, 'draft-20-pages.txt'), 'utf8');
    const draftUri = pathToFileURL(path.join(draftsDir, 'bench-draft.txt')).href;
    const first = nextDiagnostics(draftUri);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'declaration', version: ++version, text: draft } });
    await withTimeout(first, 30_000, 'first publishDiagnostics');
    // Warm-up (see the engine path): edits elsewhere before the measured ones.
    const warmUp = 20;
    for (let i = 0; i < warmUp; i++) {
      const at = Math.floor((draft.length * (2 * i + 1)) / (2 * warmUp + 1));
      const next = nextDiagnostics(draftUri);
      await setText(draftUri, draft.slice(0, at) + 'y' + draft.slice(at));
      await withTimeout(next, 30_000, 'publishDiagnostics after warm-up edit');
    }
    const samples: number[] = [];
    const edits = 40;
    for (let i = 0; i < edits; i++) {
      const at = Math.floor((draft.length * (i + 1)) / (edits + 2));
      const edited = draft.slice(0, at) + 'x' + draft.slice(at);
      const next = nextDiagnostics(draftUri);
      const t = nowMs();
      await setText(draftUri, edited);
      await withTimeout(next, 30_000, 'publishDiagnostics after edit');
      samples.push(nowMs() - t);
    }
    diagnostics = summarise(samples);
  } catch (e) {
    diagnostics = { error: (e as Error).message };
  }
  const peakRssMb = vmHwmMb(s.child.pid);
  await stop();
  return {
    available: true, coldStartMs, coldStartPersisted: 'not measured', documentsReported, peakRssMb, progress,
    completion, hover: { ...summarise(hoverSamples), answered: hoverAnswered / targets.length }, diagnostics,
  };
}
