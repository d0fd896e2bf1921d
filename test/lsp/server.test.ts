import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, DocumentSymbol, Hover, Location, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { corpusReady, ROOT, startClient, type TestClient } from './client';
import type { CorpusStatus } from '../../server/src/protocol/settings';

const EXEMPLE = readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'exemple.decl'), 'utf8');
let tmp: string;
let uriCounter = 0;
const draftUri = (): string => pathToFileURL(join(tmp, `draft${++uriCounter}.decl`)).href;

/** A server on a new workspace whose only precedents are what `fill` writes into its `precedents` folder. */
async function startOnCorpus(fill: (folder: string) => void): Promise<{ client: TestClient; corpus: string }> {
  tmp = mkdtempSync(join(tmpdir(), 'precedent-lsp-'));
  const corpus = join(tmp, 'precedents');
  mkdirSync(corpus);
  fill(corpus);
  const client = await startClient({ rootPath: tmp, settings: { corpus: { paths: ['precedents'], includeBundled: false } } });
  return { client, corpus };
}

/** Stops the server and removes its workspace. */
async function stopAndClean(client: TestClient | undefined): Promise<void> {
  await client?.stop();
  rmSync(tmp, { recursive: true, force: true });
}

describe('language server over stdio', function () {
  this.timeout(60000);
  let client: TestClient;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'precedent-lsp-'));
    client = await startClient({ rootPath: tmp });
    await corpusReady(client);
  });
  after(() => stopAndClean(client));

  it('announces incremental sync and the drafting features', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal((caps.textDocumentSync as { change: number }).change, 2);
    assert.ok(caps.completionProvider && caps.hoverProvider && caps.codeActionProvider && caps.definitionProvider && caps.documentSymbolProvider);
  });

  it('indexes the bundled precedents and says so', async () => {
    const status = await corpusReady(client);
    assert.equal(status.documents, 5);
  });

  it('publishes diagnostics for an opened draft, versioned, with codes and the source', async () => {
    const uri = draftUri();
    client.open(uri, EXEMPLE, 'declaration', 3);
    const diagnostics = await client.diagnostics(uri, (p) => p.version === 3);
    const codes = new Set(diagnostics.map((d) => d.code));
    for (const code of ['mixed-voice', 'misspelled-reference', 'missing-reference', 'acronym-first-use', 'typography']) assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
    assert.ok(diagnostics.every((d) => d.source === 'précédent'));
  });

  it('incremental changes: the newest version wins, an old one is never published after it', async () => {
    const uri = draftUri();
    const seen: number[] = [];
    client.open(uri, 'Les chefs de police,\n\nRéaffirment leur engagement ;\n', 'declaration', 1);
    for (let v = 2; v <= 6; v++) {
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: v === 6 ? 'Nous soulignons le rôle de la police ;\n\n' : '' }],
      });
    }
    const diagnostics = await client.diagnostics(uri, (p) => {
      seen.push(p.version ?? -1);
      return p.version === 6;
    });
    assert.ok(diagnostics.some((d) => d.code === 'mixed-voice'));
    assert.ok(!seen.some((v, i) => i > 0 && v < seen[i - 1]), `versions published: ${seen.join(', ')}`);
  });

  it('completes openers, formulations and references', async () => {
    const uri = draftUri();
    const text = 'Les chefs de police,\n\nSoul\n\nEncouragent la coopération dans toute la mesure \n\nInvitent les États à coopérer avec UNODC';
    client.open(uri, text);
    const at = async (line: number, character: number, triggerCharacter?: string): Promise<CompletionList> =>
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character }, context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 } }) as CompletionList;
    const openers = await at(2, 4);
    assert.ok(openers.items.some((i) => i.label === 'Soulignent'), openers.items.map((i) => i.label).join(' | '));
    const formulation = await at(4, 'Encouragent la coopération dans toute la mesure '.length, ' ');
    assert.ok(formulation.items.some((i) => /^du possible/.test(i.label)), formulation.items.map((i) => i.label).join(' | '));
    const reference = await at(6, 'Invitent les États à coopérer avec UNODC'.length);
    const doc = TextDocument.create(uri, 'declaration', 1, text);
    assert.match(TextDocument.applyEdits(doc, [reference.items[0].textEdit as TextEdit]), /avec l’Office des Nations Unies contre la drogue et le crime \(ONUDC\)$/);
  });

  it('hovers a body with its precedent occurrences linked by file URI and line', async () => {
    const uri = draftUri();
    client.open(uri, 'Les chefs de police,\n\nSoulignent le rôle de l’ONUDC ;\n');
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 26 } }) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /Office des Nations Unies contre la drogue et le crime/);
    assert.match(value, /\(file:\/\/\/[^)]*seeds\/[^)]*#L\d+\)/);
  });

  it('quick fixes are versioned workspace edits that repair the draft', async () => {
    const uri = draftUri();
    const text = 'Les chefs de police,\n\nRéaffirment leur engagement ;\n\nNous soulignons le rôle de la police ;\n';
    client.open(uri, text, 'declaration', 7);
    const diagnostics = await client.diagnostics(uri, (p) => p.version === 7);
    const mixed = diagnostics.find((d) => d.code === 'mixed-voice')!;
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: mixed.range, context: { diagnostics: [mixed] } }) as CodeAction[];
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'mixed-voice')!;
    const change = fix.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change.textDocument.version, 7);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'declaration', 7, text), change.edits);
    assert.equal(after, 'Les chefs de police,\n\nRéaffirment leur engagement ;\n\nSoulignent le rôle de la police ;\n');
  });

  it('goes to the precedents citing a reference, and outlines the draft', async () => {
    const uri = draftUri();
    client.open(uri, 'Nous, les Ministres,\n\nRappelant le rôle de l’ONUDC,\n\nConvenons :\n\n1. De renforcer la coopération ;\n');
    const locations = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 24 } }) as Location[];
    assert.ok(locations.length >= 3);
    assert.ok(locations.every((l) => l.uri.startsWith('file:///') && l.uri.includes('/seeds/')));
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
    const names = symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]);
    assert.ok(names.includes('1. De renforcer'), names.join(' | '));
  });

  it('answers precedent/similarClauses with a word diff', async () => {
    const uri = draftUri();
    client.open(uri, 'Les chefs de police,\n\nRéaffirment que la Convention des Nations Unies contre la criminalité transnationale organisée est le principal instrument.\n');
    const similar = await client.connection.sendRequest('precedent/similarClauses', { textDocument: { uri }, position: { line: 2, character: 10 } }) as Array<{ uri: string; diff: unknown[] }>;
    assert.ok(similar.length > 0);
    assert.ok(similar[0].uri.startsWith('file:///'));
  });

  it('plain text is left alone unless enableInPlainText', async () => {
    const uri = pathToFileURL(join(tmp, 'notes.txt')).href;
    client.open(uri, 'Les chefs de police,\n\nSoulignent le rôle de Europole ;\n', 'plaintext');
    assert.equal((await client.diagnostics(uri)).length, 0);
  });

  it('a binary buffer and a 5 MB draft with a 1 MB line: answered, reported once, still alive', async () => {
    const binary = draftUri();
    client.open(binary, '\u0000\u0001\u0002PK\u0003\u0004' + 'x'.repeat(100));
    const notes = await client.diagnostics(binary);
    assert.equal(notes.length, 1);
    const huge = draftUri();
    const line = 'Réaffirment leur engagement envers la coopération policière internationale ; '.repeat(50);
    const text = 'Les chefs de police,\n\n' + 'y'.repeat(1_000_000) + '\n\n' + Array.from({ length: 1100 }, () => line).join('\n\n');
    assert.ok(text.length > 5_000_000);
    client.open(huge, text);
    const diagnostics = await client.diagnostics(huge, undefined, 30000);
    assert.ok(diagnostics.some((d) => /non analysée/.test(d.message)));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: huge }, position: { line: 0, character: 2 } });
    void hover;
    assert.equal(client.process.exitCode, null);
  });
});

describe('language server settings and corpus changes', function () {
  this.timeout(60000);
  let client: TestClient;
  let corpus: string;

  before(async () => {
    ({ client, corpus } = await startOnCorpus((folder) => {
      writeFileSync(join(folder, 'a.txt'), 'Les chefs de police,\n\nSaluent le travail accompli par le Bureau zorglubien de coordination policière.\n');
      writeFileSync(join(folder, 'binaire.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]));
      symlinkSync(join(folder, 'absent.txt'), join(folder, 'lien-casse.txt'));
    }));
  });
  after(() => stopAndClean(client));

  it('reads precedent.corpus.paths relative to the workspace folder, reports unreadable files once', async () => {
    const status = await corpusReady(client);
    assert.equal(status.documents, 1);
    assert.equal(status.skipped.length, 2);
    await client.waitFor('one warning', () => client.messages.some((m) => /ignoré/.test(m.message)));
    assert.equal(client.messages.filter((m) => /ignoré/.test(m.message)).length, 1);
  });

  it('watches the corpus folder through a dynamic registration', async () => {
    const registration = await client.waitFor('watcher registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const watchers = (registration.registerOptions as { watchers: Array<{ globPattern: { baseUri: string } }> }).watchers;
    assert.equal(watchers[0].globPattern.baseUri, pathToFileURL(corpus).href);
  });

  it('a new precedent file is indexed alone (didChangeWatchedFiles) and completion sees it', async () => {
    const before = client.notifications.length;
    const file = join(corpus, 'b.txt');
    writeFileSync(file, 'Les ministres,\n\nSaluent le travail accompli par le Bureau zorglubien de coordination policière.\n\nSaluent le travail accompli par le Bureau zorglubien de coordination policière.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 }] });
    const status = await corpusReady(client, before);
    assert.equal(status.documents, 2);
    const uri = pathToFileURL(join(tmp, 'd.decl')).href;
    client.open(uri, 'Les chefs de police,\n\nSaluent le travail accompli par le Bureau');
    const list = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 41 } }) as CompletionList;
    assert.ok(list.items.some((i) => /zorglubien/.test(i.label)), list.items.map((i) => i.label).join(' | '));
    const removed = client.notifications.length;
    rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 3 }] });
    assert.equal((await corpusReady(client, removed)).documents, 1);
  });

  it('settings changes are re-read: severity off, English messages; wrong values warn and fall back', async () => {
    const uri = pathToFileURL(join(tmp, 'settings.decl')).href;
    client.open(uri, 'Les chefs de police,\n\nRéaffirment l’importance de la « coopération » ;\n\nNous soulignons le rôle de la police ;\n', 'declaration', 1);
    const first = await client.diagnostics(uri);
    assert.ok(first.some((d) => d.code === 'typography'));
    const requests = client.configurationRequests;
    client.settings = { ...client.settings, lint: { severity: { typography: 'off' } }, messages: { language: 'en' }, completion: { minimumPrefix: 'beaucoup' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const next = await client.diagnostics(uri, (p) => p.diagnostics.length > 0 && !p.diagnostics.some((d) => d.code === 'typography'));
    assert.ok(client.configurationRequests > requests);
    assert.ok(next.some((d) => d.code === 'mixed-voice' && /^Mixed voice/.test(d.message)));
    await client.waitFor('invalid setting warning', () => client.messages.some((m) => /minimumPrefix/.test(m.message)));
  });
});

describe('language server indexing a corpus on several threads', function () {
  this.timeout(60000);
  let client: TestClient;

  before(async () => {
    ({ client } = await startOnCorpus((folder) => {
      // Enough files for reader threads (64): the bundled server must find dist/precedentReader.js.
      const seeds = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt'));
      for (let k = 0; k < 16; k++) {
        for (const seed of seeds) {
          const text = readFileSync(join(ROOT, 'seeds', seed), 'utf8');
          writeFileSync(join(folder, `${k}-${seed}`), `${text}\n\n${k + 1}. Saluent le travail du Bureau zorglubien n° ${k}.\n`);
        }
      }
    }));
  });
  after(() => stopAndClean(client));

  it('reads the precedents on a second thread and indexes every one of them', async () => {
    const status = await corpusReady(client);
    assert.equal(status.documents, 80);
    assert.deepEqual(status.skipped, []);
    // One thread reads beside the indexing one per core beyond the first (up to 4); a 1-core machine reads on one.
    const threads = Math.min(5, availableParallelism());
    const line = threads > 1 ? new RegExp(`80 precedents indexed in \\d+ ms \\(read on ${threads} threads\\)`) : /80 precedents indexed in \d+ ms, /;
    assert.ok(client.logs.some((l) => line.test(l)), client.logs.join('\n'));
    assert.ok(!client.logs.some((l) => /thread reading precedents failed/.test(l)), client.logs.join('\n'));
    // Progress goes out every 500 ms: a slow machine shows some; whatever it shows counts up to 80, then prepares.
    const statuses = client.notifications.filter((n) => n.method === 'precedent/corpusStatus').map((n) => n.params as CorpusStatus);
    const read = statuses.filter((s) => s.progress?.phase === 'reading').map((s) => s.progress!.done);
    assert.deepEqual(read, [...read].sort((a, b) => a - b));
    assert.ok(statuses.every((s) => !s.progress || (s.state === 'indexing' && s.progress.total === 80)), JSON.stringify(statuses));
    assert.equal(statuses.at(-1)!.state, 'ready');
    const uri = pathToFileURL(join(tmp, 'threads.decl')).href;
    client.open(uri, 'Les chefs de police,\n\nSaluent le travail du Bureau zorg');
    const list = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 34 } }) as CompletionList;
    assert.ok(list.items.some((i) => /zorglubien/.test(i.label)), list.items.map((i) => i.label).join(' | '));
  });
});

describe('language server with a persisted index', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'precedent-lsp-cache-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('saves the index on shutdown and the next start loads it: same hover, quotes read from the files', async () => {
    const cacheDir = join(tmp, 'storage');
    const hoverOnudc = async (client: TestClient): Promise<string> => {
      const uri = pathToFileURL(join(tmp, `h${++uriCounter}.decl`)).href;
      client.open(uri, 'Les chefs de police,\n\nSoulignent le rôle de l’ONUDC ;\n');
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 26 } }) as Hover;
      return (hover.contents as MarkupContent).value;
    };
    const first = await startClient({ rootPath: tmp, cacheDir });
    await corpusReady(first);
    const fresh = await hoverOnudc(first);
    await first.stop();
    assert.ok(readdirSync(cacheDir).some((f) => /^index-.*\.bin$/.test(f)), `a saved index in ${readdirSync(cacheDir).join(', ')}`);

    const second = await startClient({ rootPath: tmp, cacheDir });
    try {
      assert.equal((await corpusReady(second)).documents, 5);
      assert.ok(second.logs.some((l) => /saved index: 5 unchanged, 0 indexed again, 0 removed/.test(l)), second.logs.join('\n'));
      // The garbage of the load is collected before "ready", not in a pause while the drafter types.
      // It answers before the rest of the saved index is read; the load's memory goes after that rest.
      assert.equal(await hoverOnudc(second), fresh);
      await second.waitFor('rest of the saved index', () => second.logs.find((l) => /rest of the saved index read in \d+ ms/.test(l)));
      await second.waitFor('memory released', () => second.logs.find((l) => /memory of the load released in \d+ ms \(heap \d+ -> \d+ MB\)/.test(l)));
      const rest = second.logs.findIndex((l) => /rest of the saved index read/.test(l));
      const released = second.logs.findIndex((l) => /memory of the load released/.test(l));
      assert.ok(rest >= 0 && released > rest, second.logs.join('\n'));
      assert.match(fresh, /Office des Nations Unies contre la drogue et le crime/);
      // What the first changed precedent needs is worked out while the server is idle, after the load.
      await second.waitFor('prepared while idle', () => second.logs.find((l) => /prepared while idle in \d+ ms \(\d+ slices\)/.test(l)));
    } finally {
      await second.stop();
    }
  });

  it('a damaged saved index: the server indexes the precedents and says why in its log', async () => {
    const cacheDir = join(tmp, 'damaged');
    const first = await startClient({ rootPath: tmp, cacheDir });
    await corpusReady(first);
    await first.stop();
    const file = join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.bin'))!);
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    const second = await startClient({ rootPath: tmp, cacheDir });
    try {
      assert.equal((await corpusReady(second)).documents, 5);
      assert.ok(second.logs.some((l) => /index cache .* damaged \(truncated/.test(l)), second.logs.join('\n'));
    } finally {
      await second.stop();
    }
  });
});
