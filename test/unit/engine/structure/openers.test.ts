import * as assert from 'node:assert/strict';
import { detectOpener } from '../../../../server/src/engine/structure/openers';
import { OPENER_LEXICON } from '../../../../server/src/engine/structure/lexicon';
import { conjugate, lemmaOf } from '../../../../server/src/engine/structure/conjugate';

function opener(text: string, opts?: Parameters<typeof detectOpener>[1]) {
  const o = detectOpener(text, opts);
  return o && { text: o.text, lemma: o.lemma, form: o.form };
}

describe('engine/structure/openers: detectOpener', () => {
  const cases: Array<[string, string, string, string]> = [
    ['S’engagent à renforcer l’assistance technique', 'S’engagent à', 's’engager', 'third-plural'],
    ['D’appeler les autorités de police des pays développés', 'D’appeler', 'appeler', 'infinitive'],
    ['Nous nous engageons de nouveau à faire en sorte que', 'Nous nous engageons de nouveau à', 's’engager', 'first-plural'],
    ['Exprimant leur préoccupation particulière devant les graves menaces', 'Exprimant leur préoccupation particulière', 'exprimer', 'participle'],
    ['Réaffirment la nécessité de mettre', 'Réaffirment', 'réaffirmer', 'third-plural'],
    ['Nous réaffirmons notre profonde inquiétude', 'Nous réaffirmons', 'réaffirmer', 'first-plural'],
    ['Conscients qu’au cours des 100 dernières années', 'Conscients', 'conscient', 'past-participle'],
    ['De nous efforcer de recenser les lacunes', 'De nous efforcer', 's’efforcer', 'infinitive'],
    ['Prenant note du rapport', 'Prenant note', 'prendre note', 'participle'],
    ['Constatant avec inquiétude que des malfaiteurs', 'Constatant avec inquiétude', 'constater', 'participle'],
    ['Profondément préoccupés par la menace', 'Profondément préoccupés', 'préoccupé', 'past-participle'],
    ['Reconnaissant également la nécessité', 'Reconnaissant également', 'reconnaître', 'participle'],
    ['Saluant également la création', 'Saluant également', 'saluer', 'participle'],
    ['RAPPELANT la résolution AG-2016-RES-08', 'RAPPELANT', 'rappeler', 'participle'],
    ['DÉCIDE de créer un groupe de travail', 'DÉCIDE', 'décider', 'third-singular'],
    ['Prie le Secrétaire général de lui faire rapport', 'Prie', 'prier', 'third-singular'],
    ['Se félicitant des travaux', 'Se félicitant', 'se féliciter', 'participle'],
    ['Ayant à l’esprit la Convention', 'Ayant à l’esprit', 'avoir à l’esprit', 'participle'],
    ['Ayant examiné le rapport', 'Ayant examiné', 'examiner', 'participle'],
    ['Tenant compte de la jurisprudence', 'Tenant compte', 'tenir compte', 'participle'],
    ['Guidés par les buts et principes de la Charte', 'Guidés par', 'guidé', 'past-participle'],
    ['Nous rappelons en outre tous les documents', 'Nous rappelons en outre', 'rappeler', 'first-plural'],
    ['Insistent sur le rôle', 'Insistent sur', 'insister', 'third-plural'],
    ['Prennent note avec satisfaction du rapport', 'Prennent note avec satisfaction', 'prendre note', 'third-plural'],
    ['- rappellent les dispositions', 'rappellent', 'rappeler', 'third-plural'],
    ['P3F: De prier instamment les autorités nationales', 'De prier instamment', 'prier', 'infinitive'],
    ['Nécessité d’un engagement tant stratégique', 'Nécessité', 'nécessité', 'noun'],
    ['Effets manifestes de la pandémie', 'Effets', 'effet', 'noun'],
  ];
  for (const [input, text, lemma, form] of cases) {
    it(`"${input.slice(0, 40)}…" opens with "${text}"`, () => {
      assert.deepEqual(opener(input), { text, lemma, form });
    });
  }

  it('finds the verb after a first-person apposition, with its offset', () => {
    const input = 'Nous, Ministres des affaires étrangères des États participants, rappelons la Convention';
    const o = detectOpener(input);
    assert.ok(o);
    assert.deepEqual({ text: o.text, lemma: o.lemma, form: o.form }, { text: 'rappelons', lemma: 'rappeler', form: 'first-plural' });
    assert.equal(input.slice(o.start, o.end), 'rappelons');
  });

  it("reads ' like ’ and NBSP like a space, and reports offsets in the given string", () => {
    assert.deepEqual(opener("S'engagent à renforcer"), { text: "S'engagent à", lemma: 's’engager', form: 'third-plural' });
    assert.deepEqual(opener("D'appeler les autorités"), { text: "D'appeler", lemma: 'appeler', form: 'infinitive' });
    const input = '  Nous\u00a0nous\u00a0engageons de\u202fnouveau à faire';
    const o = detectOpener(input);
    assert.ok(o);
    assert.equal(o.text, 'Nous nous engageons de nouveau à');
    assert.equal(o.lemma, 's’engager');
    assert.equal(o.start, 2);
    assert.equal(input.slice(o.start, o.end), 'Nous\u00a0nous\u00a0engageons de\u202fnouveau à');
  });

  it('finds no opener in narrative prose', () => {
    for (const input of [
      'Les participants ont fait un tour d’horizon des menaces actuelles.',
      'Le Dialogue rassemble les services internationaux.',
      'Il est important de lever les obstacles.',
      'À l’issue de la Réunion ministérielle, la Déclaration suivante a été adoptée :',
      '« INTERPOL travaille de plus en plus avec ses partenaires »',
      'De manière générale, les participants ont salué le rapport.',
    ]) {
      assert.equal(detectOpener(input, { strict: true }), null, input);
      assert.equal(detectOpener(input), null, input);
    }
  });

  it('in strict mode (unlabelled prose) takes only known verbs, and no nouns', () => {
    assert.equal(detectOpener('S’adressant aux participants, le Secrétaire général a déclaré', { strict: true }), null);
    assert.equal(detectOpener('Mutualisent leurs ressources', { strict: true }), null);
    assert.deepEqual(opener('Mutualisent leurs ressources'), { text: 'Mutualisent', lemma: 'mutualiser', form: 'third-plural' });
    assert.equal(detectOpener('Nécessité d’un engagement', { strict: true }), null);
    assert.deepEqual(opener('Réaffirmant ses résolutions', { strict: true }), { text: 'Réaffirmant', lemma: 'réaffirmer', form: 'participle' });
  });
});

describe('engine/structure/lexicon: OPENER_LEXICON', () => {
  it('holds 80–120 curated openers, preambular and operative', () => {
    assert.ok(OPENER_LEXICON.length >= 80 && OPENER_LEXICON.length <= 120, `${OPENER_LEXICON.length} entries`);
    assert.ok(OPENER_LEXICON.filter((e) => e.role === 'preambular').length >= 40);
    assert.ok(OPENER_LEXICON.filter((e) => e.role === 'operative').length >= 40);
  });

  it('lists the standard forms', () => {
    const find = (lemma: string, role: string, qualifier?: string) =>
      OPENER_LEXICON.find((e) => e.lemma === lemma && e.role === role && e.qualifier === qualifier);
    assert.equal(find('rappeler', 'preambular')?.forms.participle, 'rappelant');
    assert.equal(find('constater', 'preambular', 'avec préoccupation')?.forms.participle, 'constatant avec préoccupation');
    assert.equal(find('avoir à l’esprit', 'preambular')?.forms.participle, 'ayant à l’esprit');
    assert.equal(find('préoccupé', 'preambular')?.forms['past-participle'], 'préoccupé');
    assert.equal(OPENER_LEXICON.find((e) => e.lemma === 'préoccupé' && e.before === 'profondément')?.forms['past-participle'], 'profondément préoccupé');
    assert.equal(find('guidé', 'preambular')?.forms['past-participle'], 'guidé par');
    assert.deepEqual(find('s’engager', 'operative')?.forms, {
      'third-plural': 's’engagent à', 'third-singular': 's’engage à', 'first-plural': 'nous engageons à', infinitive: 'de s’engager à',
    });
    assert.deepEqual(find('décider', 'operative')?.forms, {
      'third-plural': 'décident', 'third-singular': 'décide', 'first-plural': 'décidons', infinitive: 'de décider',
    });
    assert.equal(find('prier', 'operative', 'instamment')?.forms['third-singular'], 'prie instamment');
    assert.equal(find('se féliciter', 'operative')?.forms['third-singular'], 'se félicite');
  });

  it('every form of every entry is read back by detectOpener with the entry’s lemma', () => {
    for (const entry of OPENER_LEXICON) {
      for (const [form, written] of Object.entries(entry.forms)) {
        const typed = form === 'first-plural' ? 'Nous ' + written : written[0].toUpperCase() + written.slice(1);
        const o = detectOpener(`${typed} la coopération`, { strict: true });
        assert.ok(o, `${typed}: no opener`);
        assert.equal(o.lemma, entry.lemma, typed);
        assert.equal(o.form, form, typed);
        assert.equal(o.text.toLowerCase(), typed.toLowerCase(), typed);
      }
    }
  });

  it('knows the head verb of every entry', () => {
    for (const entry of OPENER_LEXICON) {
      const head = entry.lemma.replace(/^(se |s’)/, '').split(' ')[0];
      const written = entry.kind === 'adjective' ? head : conjugate(head, 'participle');
      assert.ok(written && lemmaOf(written)?.known, `${entry.lemma}`);
    }
  });
});
