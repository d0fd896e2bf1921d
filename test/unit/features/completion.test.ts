import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, draftAt, seedService } from './support';

async function complete(textWithCursor: string, trigger?: string): Promise<{ items: CompletionItem[]; apply(item: CompletionItem): string }> {
  const { service } = await seedService();
  const { doc, position } = draftAt(textWithCursor);
  const list = service.doComplete(doc, position, undefined, trigger);
  const items = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
  return { items, apply: (item) => applyEdits(doc, [item.textEdit as TextEdit]) };
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('completion: clause openers in the form the draft needs', () => {
  it('third-plural after "Les chefs de police …" ranks Réaffirment first', async () => {
    const { items, apply } = await complete('Les chefs de police des États participants,\n\nRéaf|');
    assert.equal(items[0].label, 'Réaffirment');
    assert.equal(apply(items[0]), 'Les chefs de police des États participants,\n\nRéaffirment');
  });

  it('first-plural after "Nous, les Ministres, …" offers Réaffirmons and Nous réaffirmons', async () => {
    const { items } = await complete('Nous, les Ministres des États participants,\n\nréaf|');
    const top = labels(items).slice(0, 3);
    assert.ok(top.includes('Réaffirmons'), top.join(', '));
    assert.ok(labels(items).includes('Nous réaffirmons'), labels(items).join(', '));
  });

  it('the voice follows an edit above the line, while the drafter types on the same line', async () => {
    const { service } = await seedService();
    const uri = 'file:///drafts/voice-edit.decl';
    const at = (text: string, version: number): string[] => {
      const doc = TextDocument.create(uri, 'declaration', version, text);
      return labels(service.doComplete(doc, doc.positionAt(text.length)).items);
    };
    // Same length above the line, so the line starts at the same offset in every version.
    assert.equal(at('Les chefs de police,\n\nRéaf', 1)[0], 'Réaffirment');
    assert.equal(at('Les chefs de police,\n\nRéaff', 2)[0], 'Réaffirment');
    assert.ok(at('Nous, les Ministres,\n\nRéaff', 3).slice(0, 3).includes('Réaffirmons'));
    assert.equal(at('Les chefs de police,\n\nRéaff', 4)[0], 'Réaffirment');
  });

  it('"Nous réa" keeps only the "Nous …" forms', async () => {
    const { items } = await complete('Nous, les Ministres,\n\nNous réaf|');
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => /^Nous /.test(i.label)), labels(items).join(', '));
    assert.equal(items[0].label, 'Nous réaffirmons');
  });

  it('a preamble continues with the participle; a form absent from the precedents is conjugated and says so', async () => {
    const { items } = await complete('Nous, les Ministres,\n\nRappelant la Charte des Nations Unies,\n\nRéaff|');
    assert.equal(items[0].label, 'Réaffirmant');
    if (/conjugué/.test(items[0].detail ?? '')) assert.match(items[0].detail!, /forme absente des précédents/);
    else assert.match(items[0].detail!, /emploi/);
  });

  it('after "Convenons :" the infinitive "De réaffirmer"', async () => {
    const { items } = await complete('Nous, les Ministres,\n\nConvenons :\n\n1. De renforcer la coopération ;\n\n2. Réaf|');
    assert.equal(items[0].label, 'De réaffirmer');
  });

  it('upper-case drafts get upper-case openers', async () => {
    const { items } = await complete('LE CONSEIL,\n\nRAPPELANT sa résolution,\n\nRÉAF|');
    assert.ok(items.length > 0);
    assert.equal(items[0].label, items[0].label.toUpperCase());
    assert.match(items[0].label, /^RÉAFFIRM/);
  });

  it('after a bullet or a label the edit replaces the typed prefix only', async () => {
    const { items, apply } = await complete('Les chefs de police,\n\n- Soul|');
    const item = items.find((i) => i.label === 'Soulignent')!;
    assert.ok(item, labels(items).join(', '));
    assert.equal(apply(item), 'Les chefs de police,\n\n- Soulignent');
    const p = await complete('Les chefs de police,\n\nP2A: Soul|');
    assert.equal(p.apply(p.items.find((i) => i.label === 'Soulignent')!), 'Les chefs de police,\n\nP2A: Soulignent');
  });

  it('matches without accents and with a typo, and the filter text keeps what was typed', async () => {
    const { items } = await complete('Les chefs de police,\n\nreafirm|');
    const item = items.find((i) => i.label === 'Réaffirment');
    assert.ok(item, labels(items).join(', '));
    assert.ok(item.filterText!.startsWith('reafirm'));
  });

  it('items say how often the precedents use the opener and quote one example', async () => {
    const { items } = await complete('Les chefs de police,\n\nRéaf|');
    const item = items.find((i) => i.label === 'Réaffirment')!;
    assert.match(item.detail!, /\d+ emplois? dans \d+ précédents?/);
    const doc = item.documentation as { kind: string; value: string };
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /^> .*\*\*/m);
  });

  it('an adjectival opener agrees with the speaker: "Conscients" for the Ministers, "Conscient" for the Council', async () => {
    const plural = await complete('Nous, les Ministres,\n\nConscient|');
    assert.equal(plural.items[0]?.label, 'Conscients', labels(plural.items).join(', '));
    // The precedents only write "Conscients": the singular is made and says it is absent from them.
    const singular = await complete('Le Conseil ministériel,\n\nConsc|');
    const conscient = singular.items.find((i) => i.label === 'Conscient');
    assert.ok(conscient, labels(singular.items).join(', '));
    assert.match(conscient.detail ?? '', /forme absente des précédents/);
    assert.ok(!labels(singular.items).includes('Conscients'), labels(singular.items).join(', '));
  });

  it('below the minimum prefix, nothing', async () => {
    const { items } = await complete('Les chefs de police,\n\nR|');
    assert.equal(items.length, 0);
  });
});

describe('completion: formulations and references mid-sentence', () => {
  it('continues "dans toute la mesure" with the precedent wording', async () => {
    const { items, apply } = await complete('Les chefs de police,\n\nEncouragent les États à coopérer dans toute la mesure |', ' ');
    const item = items.find((i) => /^du possible/.test(i.label));
    assert.ok(item, labels(items).join(' | '));
    assert.match(apply(item), /dans toute la mesure du possible/);
  });

  it('continues "la Convention des Nations Unies" with "contre la criminalité transnationale organisée"', async () => {
    const { items, apply } = await complete('Les chefs de police,\n\nRéaffirment leur attachement à la Convention des Nations Unies|');
    const item = items.find((i) => /contre la criminalité transnationale organisée/.test(i.textEdit!.newText));
    assert.ok(item, labels(items).join(' | '));
    assert.match(apply(item), /à la Convention des Nations Unies contre la criminalité transnationale organisée/);
  });

  it('"UNODC" becomes the canonical French name with its French acronym and article', async () => {
    const { items, apply } = await complete('Les chefs de police,\n\nInvitent les États à coopérer avec UNODC|');
    assert.ok(items.length > 0);
    assert.equal(apply(items[0]), 'Les chefs de police,\n\nInvitent les États à coopérer avec l’Office des Nations Unies contre la drogue et le crime (ONUDC)');
  });

  it('"Rappelant la Conv" at a clause start offers the conventions, with the year and no English acronym', async () => {
    const { items, apply } = await complete('Nous, les Ministres,\n\nRappelant la Conv|');
    const untoc = items.find((i) => i.label === 'Convention des Nations Unies contre la criminalité transnationale organisée (2000)');
    assert.ok(untoc, `no UNTOC among ${labels(items).join(' | ')}`);
    assert.equal(apply(untoc), 'Nous, les Ministres,\n\nRappelant la Convention des Nations Unies contre la criminalité transnationale organisée (2000)');
    const uncac = items.find((i) => /^Convention des Nations Unies contre la corruption/.test(i.label));
    assert.equal(uncac?.label, 'Convention des Nations Unies contre la corruption (CNUCC) (2003)', 'the French acronym is kept');
  });

  it('no article added after one the drafter wrote; "de" + "le" contracts', async () => {
    const a = await complete('Soutiennent le rôle de l’ONU|');
    assert.ok(a.items.length > 0);
    assert.match(a.apply(a.items[0]), /de l’Organisation des Nations Unies/);
    const b = await complete('Soutiennent les travaux de GAFI|');
    const item = b.items.find((i) => /Groupe d’action financière/.test(i.label));
    assert.ok(item, labels(b.items).join(' | '));
    assert.match(b.apply(item), /travaux du Groupe d’action financière \(GAFI\)/);
  });

  it('a name spelled out before the cursor, above or earlier on the line, is offered as its acronym; one spelled out below is not', async () => {
    const spelled = 'l’Office des Nations Unies contre la drogue et le crime (ONUDC)';
    const acronymOnly = (items: CompletionItem[]): boolean => items.some((i) => i.label === 'l’ONUDC' || i.label === 'ONUDC');
    const above = await complete(`Les chefs de police,\n\nSaluent le travail de ${spelled} ;\n\nInvitent les États à coopérer avec UNODC|`);
    assert.ok(acronymOnly(above.items), labels(above.items).join(' | '));
    assert.match(above.apply(above.items[0]), /coopérer avec l’ONUDC$/);
    const sameLine = await complete(`Les chefs de police,\n\nSaluent ${spelled} et invitent les États à coopérer avec UNODC|`);
    assert.ok(acronymOnly(sameLine.items), labels(sameLine.items).join(' | '));
    const below = await complete(`Les chefs de police,\n\nInvitent les États à coopérer avec UNODC|\n\nSaluent le travail de ${spelled} ;`);
    assert.equal(below.apply(below.items[0]), `Les chefs de police,\n\nInvitent les États à coopérer avec ${spelled}\n\nSaluent le travail de ${spelled} ;`);
  });

  it('a citation typed from its lower-case head mid-sentence, "résolution 217", is completed from there', async () => {
    const { items, apply } = await complete('Les chefs de police,\n\n- Rappellent la résolution 217|');
    const item = items.find((i) => /2178/.test(i.label));
    assert.ok(item, labels(items).join(', '));
    assert.equal(apply(item), 'Les chefs de police,\n\n- Rappellent la résolution 2178 (2014) du Conseil de sécurité');
  });

  it('a single common lower-case word gives no popup', async () => {
    const { items } = await complete('Les chefs de police,\n\nRéaffirment la|');
    assert.equal(items.length, 0);
  });

  it('text edits stay on the line and end at the cursor (UTF-16 positions after « » and NBSP)', async () => {
    const { items } = await complete('Les chefs de police,\n\nSoulignent la «\u00a0coopération\u00a0» avec UNODC|');
    assert.ok(items.length > 0);
    const edit = items[0].textEdit as TextEdit;
    assert.equal(edit.range.start.line, edit.range.end.line);
    assert.equal(edit.range.end.character, 'Soulignent la «\u00a0coopération\u00a0» avec UNODC'.length);
    assert.equal(edit.range.start.character, 'Soulignent la «\u00a0coopération\u00a0» avec '.length);
  });
});

describe('completion: the speaker decides over a clause that strayed', () => {
  it('after a mixed-voice clause, the section voice comes first', async () => {
    const { items } = await complete('Les chefs de police,\n\nRéaffirment leur engagement ;\n\nNous soulignons le rôle de la police ;\n\nSoul|');
    assert.equal(items[0].label, 'Soulignent');
    assert.ok(labels(items).includes('Nous soulignons'));
  });
});
