// The drafter's experience in a real editor: a `.decl` draft open in VS Code (desktop, or code-server's
// extension host), asked through the same API calls the editor makes when a person types, hovers,
// clicks the lightbulb or changes a setting. The server's answers come from the bundled precedents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors, codeOf, diagnosticsWhen, eventually, fixtureUri, hoverText, openDraft, positionOf,
  precedentApi, scratchDraft, setSetting, withDeadline, type PrecedentApi,
} from './helpers';

const CTOC = 'Convention des Nations Unies contre la criminalité transnationale organisée';
const UNODC = 'Office des Nations Unies contre la drogue et le crime';

let api: PrecedentApi;

before(async function () {
  this.timeout(120_000);
  // Opening the draft is what activates the extension (onLanguage:declaration).
  await openDraft('projet.decl');
  api = await precedentApi();
});

afterEach(async () => {
  await closeAllEditors();
});

describe('activation', () => {
  it('opens .decl drafts in the declaration language and activates on them', async () => {
    const editor = await openDraft('projet.decl');
    assert.equal(editor.document.languageId, 'declaration');
    assert.ok((await vscode.languages.getLanguages()).includes('declaration'));
    assert.equal(vscode.extensions.getExtension('precedent.precedent')?.isActive, true);
  });

  it('registers the three commands of the palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['precedent.findSimilarClauses', 'precedent.reindex', 'precedent.showOutput']) assert.ok(commands.includes(id), id);
  });

  it('shows the bundled corpus in the status bar once indexed', async () => {
    const status = await api.whenReady();
    assert.equal(status.state, 'ready');
    assert.ok(status.documents >= 5, `${status.documents} precedents indexed`);
    assert.match(api.statusBarText, new RegExp(`${status.documents} précédents`));
  });
});

describe('diagnostics', () => {
  it('reports the reference every precedent on the topic cites and the draft lacks', async () => {
    const { document } = await openDraft('projet.decl');
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'missing-reference'), 'a missing-reference diagnostic');
    const missing = diagnostics.filter((d) => codeOf(d) === 'missing-reference');
    assert.ok(missing.some((d) => d.message.includes(CTOC)), missing.map((d) => d.message).join('\n'));
    assert.equal(missing[0].severity, vscode.DiagnosticSeverity.Warning);
    // The evidence points into the precedents, so the drafter can check it.
    const evidence = missing[0].relatedInformation ?? [];
    assert.ok(evidence.length >= 2);
    assert.ok(evidence.every((r) => /\/seeds\/[^/]+\.txt$/.test(r.location.uri.path)), evidence.map((r) => r.location.uri.toString()).join(', '));
  });

  it('flags an acronym used before it is spelled out, on the acronym itself', async () => {
    const { document } = await openDraft('projet.decl');
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'acronym-first-use'), 'an acronym-first-use diagnostic');
    const acronym = diagnostics.find((d) => codeOf(d) === 'acronym-first-use')!;
    assert.equal(document.getText(acronym.range), 'ONUDC');
    assert.match(acronym.message, /ONUDC/);
  });
});

describe('quick fixes', () => {
  it('spells the acronym out with the exact precedent name, and the diagnostic goes away', async () => {
    const text = (await vscode.workspace.openTextDocument(fixtureUri('projet.decl'))).getText();
    const { document } = await scratchDraft(text);
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'acronym-first-use'), 'the acronym diagnostic on the scratch draft');
    const acronym = diagnostics.find((d) => codeOf(d) === 'acronym-first-use')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, acronym.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes(UNODC));
    assert.ok(fix?.edit, `a fix spelling out the acronym among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes(`${UNODC} (ONUDC)`), document.getText());
    await diagnosticsWhen(document.uri, (d) => !d.some((x) => codeOf(x) === 'acronym-first-use'), 'the acronym diagnostic to disappear');
  });

  it('adds the missing citation as a new clause in the draft’s voice', async () => {
    const text = (await vscode.workspace.openTextDocument(fixtureUri('projet.decl'))).getText();
    const { document } = await scratchDraft(text);
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'missing-reference'), 'the missing-reference diagnostic');
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-reference' && d.message.includes(CTOC))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes(CTOC) && a.edit);
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // The preamble opens with participles, so the new clause does too.
    assert.match(document.getText(), new RegExp(`\\nRappelant la ${CTOC}`));
    await diagnosticsWhen(document.uri, (d) => !d.some((x) => codeOf(x) === 'missing-reference' && x.message.includes(CTOC)), 'the missing-reference diagnostic to disappear');
  });
});

describe('completion', () => {
  async function labelsAt(editor: vscode.TextEditor): Promise<string[]> {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
    return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  }

  it('offers the participle opener in a preamble written with participles', async () => {
    const editor = await scratchDraft('Nous, les Ministres des États participants,\n\nConscients de la menace que représente la criminalité organisée ;\n\nRéaff');
    const labels = await labelsAt(editor);
    assert.equal(labels[0], 'Réaffirmant', labels.join(', '));
  });

  it('offers the infinitive opener after “Convenons :”, typed without its accent or case', async () => {
    const editor = await scratchDraft('Nous, les Ministres,\n\nConscients de la menace ;\n\nConvenons :\n\n1. de sout');
    const labels = await labelsAt(editor);
    assert.ok(labels.includes('De soutenir'), labels.join(', '));
  });

  it('offers the first-person form in a draft written in the first person', async () => {
    const editor = await scratchDraft('Nous, les Ministres,\n\nNous réaffirmons notre attachement à la coopération.\n\nNous rapp');
    const labels = await labelsAt(editor);
    assert.ok(labels.some((l) => l.startsWith('Nous rappelons')), labels.join(', '));
  });
});

describe('hover and navigation', () => {
  it('explains an acronym with the precedents that cite it', async () => {
    const { document } = await openDraft('projet.decl');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'ONUDC', 2));
    const text = hoverText(hovers);
    assert.ok(text.includes(UNODC), text);
    assert.match(text, /Cité dans \d+ précédents/);
  });

  it('goes to the places a body is cited in the precedents', async () => {
    const { document } = await openDraft('projet.decl');
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'INTERPOL', 3));
    assert.ok(locations.length > 0);
    const first = locations[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetRange' in first ? first.targetRange : first.range;
    assert.match(uri.path, /\/seeds\/[^/]+\.txt$/);
    const precedent = await vscode.workspace.openTextDocument(uri);
    assert.match(precedent.getText(range), /INTERPOL/i);
  });

  it('outlines the draft by section with its clause openers', async () => {
    const { document } = await openDraft('projet.decl');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const preamble = symbols.find((s) => s.name.startsWith('Nous, les Ministres'));
    assert.ok(preamble, symbols.map((s) => s.name).join(' | '));
    assert.deepEqual(preamble.children.map((c) => c.name).slice(0, 3), ['Réaffirmant', 'Conscients', 'Rappelant']);
  });
});

describe('settings', () => {
  it('silences a rule set to "off" and brings it back', async () => {
    const { document } = await openDraft('projet.decl');
    await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'typography'), 'typography hints');
    const restore = await setSetting('lint.severity', { typography: 'off' });
    try {
      await diagnosticsWhen(document.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'typography'), 'typography hints to go');
    } finally {
      await restore();
    }
    await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'typography'), 'typography hints to return');
  });

  it('raises a rule to error when the setting says so', async () => {
    const { document } = await openDraft('projet.decl');
    const restore = await setSetting('lint.severity', { 'acronym-first-use': 'error' });
    try {
      await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'acronym-first-use' && x.severity === vscode.DiagnosticSeverity.Error), 'the acronym diagnostic as an error');
    } finally {
      await restore();
    }
  });

  it('writes messages in English when asked', async () => {
    const { document } = await openDraft('projet.decl');
    const restore = await setSetting('messages.language', 'en');
    try {
      const english = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'acronym-first-use' && !/employé|sigle/.test(x.message)), 'an English acronym message');
      const acronym = english.find((x) => codeOf(x) === 'acronym-first-use')!;
      assert.match(acronym.message, /ONUDC/);
      assert.match(acronym.message, /\b(the|is|before|spell|acronym)\b/i, acronym.message);
    } finally {
      await restore();
    }
  });

  it('indexes an extra precedent folder named relative to the workspace', async () => {
    const before = (await api.whenReady()).documents;
    const grown = new Promise<number>((resolve) => {
      const listener = api.onDidChangeCorpusStatus((s) => {
        if (s.state === 'ready' && s.documents > before) { listener.dispose(); resolve(s.documents); }
      });
    });
    const restore = await setSetting('corpus.paths', ['precedents']);
    try {
      assert.equal(await withDeadline(grown, 60_000, 'the corpus to grow'), before + 1);
      assert.match(api.statusBarText, new RegExp(`${before + 1} précédents`));
    } finally {
      const shrunk = new Promise<void>((resolve) => {
        const listener = api.onDidChangeCorpusStatus((s) => {
          if (s.state === 'ready' && s.documents === before) { listener.dispose(); resolve(); }
        });
      });
      await restore();
      await withDeadline(shrunk, 60_000, 'the corpus to shrink back');
    }
  });

  it('leaves plain-text files alone until enabled, then assists in them', async () => {
    const { document } = await openDraft('note.txt');
    assert.equal(document.languageId, 'plaintext');
    // Not in the document selector: the client never sends the file, so no diagnostics can come.
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'précédent'), []);
    const restore = await setSetting('enableInPlainText', true);
    try {
      const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => codeOf(x) === 'acronym-first-use'), 'diagnostics on the plain-text file', 60_000);
      assert.ok(diagnostics.length > 0);
    } finally {
      await restore();
    }
    await diagnosticsWhen(document.uri, (d) => d.length === 0, 'plain-text diagnostics to be cleared after disabling', 60_000);
  });
});

describe('commands', () => {
  it('re-indexes the corpus on request and reports it ready again', async () => {
    const before = (await api.whenReady()).documents;
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      const listener = api.onDidChangeCorpusStatus((s) => {
        seen.push(s.state);
        if (s.state === 'ready') { listener.dispose(); resolve(); }
      });
    });
    await vscode.commands.executeCommand('precedent.reindex');
    await withDeadline(done, 60_000, 'the corpus to be ready after re-indexing');
    assert.equal(api.corpusStatus?.documents, before);
    assert.ok(seen.includes('ready'), seen.join(' → '));
  });

  it('keeps completion working after the language server restarts', async () => {
    const restore = await setSetting('enableInPlainText', true);
    await restore();
    const editor = await scratchDraft('Nous, les Ministres,\n\nConscients de la menace ;\n\nRéaff');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await eventually(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end),
      (list) => list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Réaffirmant'),
      'completion after the restart',
    );
  });
});
