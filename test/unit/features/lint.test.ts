import * as assert from 'node:assert/strict';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { defaultSettings, validateSettings } from '../../../server/src/features/settings';
import { escapeMarkdown } from '../../../server/src/features/util';
import { applyEdits, draft, draftAt, editsOf, seedService } from './support';

const EXEMPLE = [
  "Les chefs de police des États participants de l'OSCE,",
  '',
  'Rappelant la Convention des Nations Unies contre la criminalité organisée,',
  '',
  'Réaffirment leur détermination à lutter contre la criminalité transnationale organisée;',
  '',
  'Nous soulignons le rôle de Europole et de l’ONUDC dans la lutte contre la « traite des êtres humains ».',
  '',
].join('\n');

async function lint(text: string, settings = defaultSettings()): Promise<Diagnostic[]> {
  const { service } = await seedService();
  return service.doValidation(draft(text), settings);
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The text after applying the preferred quick fix of the first diagnostic with this code. */
async function fixed(text: string, code: string, pick = 0): Promise<string> {
  const { service } = await seedService();
  const doc = draft(text);
  const diagnostic = only(service.doValidation(doc), code)[pick];
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const actions = service.doCodeActions(doc, diagnostic.range, [diagnostic]).filter((a) => a.diagnostics?.[0]?.code === code);
  assert.ok(actions.length > 0, `no fix for ${code}`);
  const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number | null } };
  assert.equal(change.textDocument.version, doc.version, 'fixes are versioned');
  return applyEdits(doc, editsOf(actions[0].edit));
}

describe('lint', () => {
  it('every diagnostic has a code, the source "précédent" and a range inside the draft', async () => {
    const diagnostics = await lint(EXEMPLE);
    assert.ok(diagnostics.length >= 6);
    for (const d of diagnostics) {
      assert.equal(d.source, 'précédent');
      assert.ok(typeof d.code === 'string');
      assert.ok(d.range.end.line <= 7);
    }
  });

  it('missing-reference: organised crime without the UNTOC, with the precedents as evidence', async () => {
    const text = 'Les chefs de police,\n\nRéaffirment leur volonté de lutter contre la criminalité transnationale organisée ;\n';
    const [d] = only(await lint(text), 'missing-reference');
    assert.ok(d, 'missing-reference expected');
    assert.match(d.message, /Les précédents qui traitent de .* citent la Convention des Nations Unies contre la criminalité transnationale organisée \(\d sur \d\)/);
    assert.equal(d.range.start.line, 2);
    assert.ok(d.relatedInformation!.length >= 2);
    assert.ok(d.relatedInformation!.every((r) => r.location.uri.length > 0));
    const after = await fixed(text, 'missing-reference');
    assert.match(after, /Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée \(2000\),\n\nRéaffirment/);
  });

  it('missing-reference fix after a preamble clause ending in ";" writes the NBSP before its own ";"', async () => {
    const text = 'Nous, les Ministres,\n\nConscients de la menace que représente la criminalité transnationale organisée\u00a0;\n\nConvenons :\n';
    const after = await fixed(text, 'missing-reference');
    assert.match(after, /\nRappelant la Convention des Nations Unies contre la criminalité transnationale organisée \(2000\)\u00a0;\n/);
  });

  it('no missing-reference once the draft cites it', async () => {
    const text = 'Les chefs de police,\n\nRappelant la Convention des Nations Unies contre la criminalité transnationale organisée,\n\nRéaffirment leur volonté de lutter contre la criminalité transnationale organisée ;\n';
    assert.equal(only(await lint(text), 'missing-reference').filter((d) => /Convention des Nations Unies contre/.test(d.message)).length, 0);
  });

  it('misspelled-reference: "Europole" and the UNTOC without "transnationale", fixed to the known name', async () => {
    const diagnostics = only(await lint(EXEMPLE), 'misspelled-reference');
    assert.ok(diagnostics.some((d) => /Europole/.test(d.message) && /Europol/.test(d.message)));
    assert.ok(diagnostics.some((d) => /criminalité organisée/.test(d.message)));
    const text = 'Les chefs de police,\n\nSoulignent le rôle de Europole ;\n';
    assert.equal(await fixed(text, 'misspelled-reference'), 'Les chefs de police,\n\nSoulignent le rôle de Europol ;\n');
  });

  it('acronym-first-use: "l’ONUDC" before its full name, expanded keeping the article', async () => {
    const text = 'Les chefs de police,\n\nSoulignent le rôle de l’ONUDC ;\n';
    const [d] = only(await lint(text), 'acronym-first-use');
    assert.ok(d);
    assert.match(d.message, /ONUDC/);
    assert.equal(await fixed(text, 'acronym-first-use'), 'Les chefs de police,\n\nSoulignent le rôle de l’Office des Nations Unies contre la drogue et le crime (ONUDC) ;\n');
  });

  it('no acronym-first-use once the name was spelled out', async () => {
    const text = 'Les chefs de police,\n\nSoulignent le rôle de l’Office des Nations Unies contre la drogue et le crime (ONUDC) et de l’ONUDC ;\n';
    assert.equal(only(await lint(text), 'acronym-first-use').length, 0);
  });

  it('incomplete-citation: a convention without its year gets the year', async () => {
    const text = 'Les chefs de police,\n\nRappelant la Convention des Nations Unies contre la criminalité transnationale organisée,\n';
    const [d] = only(await lint(text), 'incomplete-citation');
    assert.ok(d);
    assert.match(await fixed(text, 'incomplete-citation'), /organisée \(2000\),/);
  });

  it('mixed-voice: "Nous soulignons" among third-plural clauses, fixed to "Soulignent"', async () => {
    const text = 'Les chefs de police,\n\nRéaffirment leur engagement ;\n\nNous soulignons le rôle de la police ;\n';
    const [d] = only(await lint(text), 'mixed-voice');
    assert.ok(d);
    assert.equal(d.range.start.line, 4);
    assert.equal(await fixed(text, 'mixed-voice'), 'Les chefs de police,\n\nRéaffirment leur engagement ;\n\nSoulignent le rôle de la police ;\n');
  });

  it('typography: NBSP before ":" and NNBSP before ";", after "«"; minority apostrophes', async () => {
    const text = 'Les chefs de police,\n\nRéaffirment l’importance de la « coopération » ;\n\nConvenons :\n';
    const diagnostics = only(await lint(text), 'typography');
    assert.equal(diagnostics.length, 4);
    const after = await fixed(text, 'typography', 3);
    assert.match(after, /Convenons\u00a0:/);
    const apostrophes = only(await lint('Les chefs de police,\n\nRéaffirment l’importance de l’échange et l\'intérêt.\n'), 'typography');
    assert.equal(apostrophes.length, 1);
    assert.match(apostrophes[0].message, /Apostrophe/);
  });


  it('typography: a draft with hundreds of remarks shows the first 100, in text order, and says how many there are', async () => {
    // 120 clauses each with a space before ";" and one straight apostrophe among 120 curly ones.
    const clauses = Array.from({ length: 120 }, (_, i) => `Réaffirment l’importance de la mesure ${i + 1} ;`);
    clauses[60] = clauses[60].replace('l’importance', "l'importance");
    const diagnostics = only(await lint(`Les chefs de police,\n\n${clauses.join('\n\n')}\n`), 'typography');
    assert.equal(diagnostics.length, 100);
    const lines = diagnostics.map((d) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    assert.equal(lines[0], 2);
    assert.equal(lines[99], 2 + 2 * 99);
    assert.match(diagnostics[99].message, /121 remarques, les 100 premières seulement/);
  });
  it('severity per rule; "off" silences; English messages', async () => {
    const settings = defaultSettings();
    settings.lint.severity.typography = 'off';
    settings.lint.severity['mixed-voice'] = 'error';
    settings.messages.language = 'en';
    const diagnostics = await lint(EXEMPLE, settings);
    assert.equal(only(diagnostics, 'typography').length, 0);
    const [mixed] = only(diagnostics, 'mixed-voice');
    assert.equal(mixed.severity, 1);
    assert.match(mixed.message, /^Mixed voice/);
  });

  it('a directive silences a rule for the next line or from there on', async () => {
    const text = '<!-- precedent-disable-next-line misspelled-reference -->\nSoulignent le rôle de Europole ;\n\nSoulignent le rôle de Europole ;\n';
    assert.equal(only(await lint(text), 'misspelled-reference').length, 1);
    const all = '<!-- précédent-disable typography -->\nRéaffirment l’importance de la « coopération » ;\n';
    assert.equal(only(await lint(all), 'typography').length, 0);
  });
});

describe('hover', () => {
  it('on a body: canonical name, acronyms, citation count, newest occurrence first with a link to the line', async () => {
    const { service } = await seedService();
    const { doc, position } = draftAt('Soulignent le rôle de l’ON|UDC ;');
    const hover = service.doHover(doc, position)!;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Office des Nations Unies contre la drogue et le crime\*\*/);
    assert.match(value, /Cité dans \d précédents \\\(\d+ fois\\\)/);
    assert.match(value, /\]\(.*#L\d+\)/);
    assert.match(value, /\*\*ONUDC\*\*/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 24 }, end: { line: 0, character: 29 } });
    const dates = [...value.matchAll(/(\d{4})\\-\d\d\\-\d\d/g)].map((m) => m[1]);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  it('on an opener: lemma and the forms of the precedents', async () => {
    const { service } = await seedService();
    const { doc, position } = draftAt('Les chefs de police,\n\nRéaff|irment leur engagement ;');
    const value = (service.doHover(doc, position)!.contents as MarkupContent).value;
    assert.match(value, /réaffirmer/);
    assert.match(value, /Formes employées dans les précédents/);
  });

  it('corpus text is escaped: no Markdown, no command links', () => {
    const escaped = escapeMarkdown('[x](command:workbench.action.quit) *gras* <b>');
    assert.ok(!/[^\\][[\]()*<>]/.test(escaped.replace(/\\./g, '')));
    assert.ok(!escaped.includes('command:'));
  });
});

describe('navigation and outline', () => {
  it('definition lists the occurrences in the precedent files', async () => {
    const { service } = await seedService();
    const { doc, position } = draftAt('Soulignent le rôle de l’ONU|DC ;');
    const locations = service.findDefinition(doc, position);
    assert.ok(locations.length >= 3);
    assert.ok(locations.every((l) => l.uri.includes('seeds')));
  });

  it('outline: sections with clauses named by their opener', async () => {
    const { service } = await seedService();
    const symbols = service.documentSymbols(draft('Nous, les Ministres,\n\nRappelant la Charte,\n\nConvenons :\n\n1. De renforcer la coopération ;\n\n2. D’encourager les échanges.\n'));
    const names = symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]);
    assert.ok(names.includes('Rappelant'), names.join(' | '));
    assert.ok(names.includes('1. De renforcer'), names.join(' | '));
  });

  it('similar clauses come from the precedents with a word diff', async () => {
    const { service } = await seedService();
    const { doc, position } = draftAt('Les chefs de police,\n\nRéaffirment que la Convention des Nations Unies contre la criminalité transnationale organisée est le principal instrument|.');
    const similar = service.findSimilarClauses(doc, position, 3);
    assert.ok(similar.length > 0);
    assert.ok(similar[0].diff.some((p) => p.kind === 'same'));
    assert.ok(similar[0].score > 0.3);
  });

  it('similar clauses: one window per passage, at most two passages per precedent', async () => {
    const { service } = await seedService();
    const { doc, position } = draftAt('Les chefs de police,\n\n- Réaffirment leur engagement à renforcer la coopération policière internationale contre la criminalité transnationale organisée|');
    const similar = service.findSimilarClauses(doc, position, 6);
    assert.ok(similar.length >= 3);
    const perDoc = new Map<string, number[]>();
    for (const c of similar) perDoc.set(c.uri, [...(perDoc.get(c.uri) ?? []), c.range.start.line]);
    assert.ok(perDoc.size >= 2, 'more than one precedent');
    for (const lines of perDoc.values()) {
      assert.ok(lines.length <= 2);
      if (lines.length === 2) assert.ok(Math.abs(lines[0] - lines[1]) > 4, 'two distinct passages');
    }
  });
});

describe('settings and bad input', () => {
  it('wrong values fall back to defaults and are named', () => {
    const { settings, problems } = validateSettings({ completion: { minimumPrefix: 'x' }, lint: { severity: { typography: 'loud', nope: 'off' } }, messages: { language: 'de' } });
    assert.equal(settings.completion.minimumPrefix, 2);
    assert.equal(settings.lint.severity.typography, 'hint');
    assert.deepEqual(problems.sort(), ['precedent.completion.minimumPrefix', 'precedent.lint.severity.nope', 'precedent.lint.severity.typography', 'precedent.messages.language']);
    assert.deepEqual(validateSettings(42).settings, defaultSettings());
  });

  it('a binary buffer gets one note and no features', async () => {
    const { service } = await seedService();
    const doc = draft('\u0000\u0001PK\u0003\u0004binary');
    const diagnostics = service.doValidation(doc);
    assert.equal(diagnostics.length, 1);
    assert.equal(service.doComplete(doc, { line: 0, character: 3 }).items.length, 0);
  });

  it('a 1 MB line is skipped with one note, the rest is linted', async () => {
    const text = 'Les chefs de police,\n\n' + 'x'.repeat(1_000_000) + '\n\nSoulignent le rôle de Europole ;\n';
    const started = Date.now();
    const diagnostics = await lint(text);
    assert.ok(Date.now() - started < 5000);
    assert.equal(diagnostics.filter((d) => d.code === undefined).length, 1);
    assert.equal(only(diagnostics, 'misspelled-reference').length, 1);
  });
});
