import * as assert from 'node:assert/strict';
import { conjugate, lemmaOf } from '../../../../server/src/engine/structure/conjugate';
import type { OpenerForm } from '../../../../server/src/engine/types';

const FORMS: OpenerForm[] = ['third-plural', 'third-singular', 'first-plural', 'participle', 'past-participle', 'infinitive'];

/** [lemma, third-plural, third-singular, first-plural, participle, past-participle, infinitive] */
const TABLE: Array<[string, string, string, string, string, string, string]> = [
  // regular -er
  ['réaffirmer', 'réaffirment', 'réaffirme', 'réaffirmons', 'réaffirmant', 'réaffirmé', 'de réaffirmer'],
  ['exprimer', 'expriment', 'exprime', 'exprimons', 'exprimant', 'exprimé', 'd’exprimer'],
  ['insister', 'insistent', 'insiste', 'insistons', 'insistant', 'insisté', 'd’insister'],
  // -eler/-eter doubling
  ['rappeler', 'rappellent', 'rappelle', 'rappelons', 'rappelant', 'rappelé', 'de rappeler'],
  ['appeler', 'appellent', 'appelle', 'appelons', 'appelant', 'appelé', 'd’appeler'],
  ['rejeter', 'rejettent', 'rejette', 'rejetons', 'rejetant', 'rejeté', 'de rejeter'],
  // mute e → è
  ['lever', 'lèvent', 'lève', 'levons', 'levant', 'levé', 'de lever'],
  ['mener', 'mènent', 'mène', 'menons', 'menant', 'mené', 'de mener'],
  // -cer, -ger
  ['renforcer', 'renforcent', 'renforce', 'renforçons', 'renforçant', 'renforcé', 'de renforcer'],
  ['encourager', 'encouragent', 'encourage', 'encourageons', 'encourageant', 'encouragé', 'd’encourager'],
  // -yer
  ['employer', 'emploient', 'emploie', 'employons', 'employant', 'employé', 'd’employer'],
  ['appuyer', 'appuient', 'appuie', 'appuyons', 'appuyant', 'appuyé', 'd’appuyer'],
  // é…er → è
  ['préférer', 'préfèrent', 'préfère', 'préférons', 'préférant', 'préféré', 'de préférer'],
  ['céder', 'cèdent', 'cède', 'cédons', 'cédant', 'cédé', 'de céder'],
  ['considérer', 'considèrent', 'considère', 'considérons', 'considérant', 'considéré', 'de considérer'],
  ['protéger', 'protègent', 'protège', 'protégeons', 'protégeant', 'protégé', 'de protéger'],
  ['créer', 'créent', 'crée', 'créons', 'créant', 'créé', 'de créer'],
  ['exercer', 'exercent', 'exerce', 'exerçons', 'exerçant', 'exercé', 'd’exercer'],
  // 2nd group
  ['établir', 'établissent', 'établit', 'établissons', 'établissant', 'établi', 'd’établir'],
  ['réunir', 'réunissent', 'réunit', 'réunissons', 'réunissant', 'réuni', 'de réunir'],
  ['agir', 'agissent', 'agit', 'agissons', 'agissant', 'agi', 'd’agir'],
  // irregular
  ['reconnaître', 'reconnaissent', 'reconnaît', 'reconnaissons', 'reconnaissant', 'reconnu', 'de reconnaître'],
  ['connaître', 'connaissent', 'connaît', 'connaissons', 'connaissant', 'connu', 'de connaître'],
  ['prendre', 'prennent', 'prend', 'prenons', 'prenant', 'pris', 'de prendre'],
  ['comprendre', 'comprennent', 'comprend', 'comprenons', 'comprenant', 'compris', 'de comprendre'],
  ['convenir', 'conviennent', 'convient', 'convenons', 'convenant', 'convenu', 'de convenir'],
  ['venir', 'viennent', 'vient', 'venons', 'venant', 'venu', 'de venir'],
  ['promouvoir', 'promeuvent', 'promeut', 'promouvons', 'promouvant', 'promu', 'de promouvoir'],
  ['soutenir', 'soutiennent', 'soutient', 'soutenons', 'soutenant', 'soutenu', 'de soutenir'],
  ['tenir', 'tiennent', 'tient', 'tenons', 'tenant', 'tenu', 'de tenir'],
  ['obtenir', 'obtiennent', 'obtient', 'obtenons', 'obtenant', 'obtenu', 'd’obtenir'],
  ['devoir', 'doivent', 'doit', 'devons', 'devant', 'dû', 'de devoir'],
  ['faire', 'font', 'fait', 'faisons', 'faisant', 'fait', 'de faire'],
  ['mettre', 'mettent', 'met', 'mettons', 'mettant', 'mis', 'de mettre'],
  ['permettre', 'permettent', 'permet', 'permettons', 'permettant', 'permis', 'de permettre'],
  ['accueillir', 'accueillent', 'accueille', 'accueillons', 'accueillant', 'accueilli', 'd’accueillir'],
  ['souscrire', 'souscrivent', 'souscrit', 'souscrivons', 'souscrivant', 'souscrit', 'de souscrire'],
  ['décrire', 'décrivent', 'décrit', 'décrivons', 'décrivant', 'décrit', 'de décrire'],
  ['résoudre', 'résolvent', 'résout', 'résolvons', 'résolvant', 'résolu', 'de résoudre'],
  ['convaincre', 'convainquent', 'convainc', 'convainquons', 'convainquant', 'convaincu', 'de convaincre'],
  ['accroître', 'accroissent', 'accroît', 'accroissons', 'accroissant', 'accru', 'd’accroître'],
  ['recevoir', 'reçoivent', 'reçoit', 'recevons', 'recevant', 'reçu', 'de recevoir'],
  ['offrir', 'offrent', 'offre', 'offrons', 'offrant', 'offert', 'd’offrir'],
  ['répondre', 'répondent', 'répond', 'répondons', 'répondant', 'répondu', 'de répondre'],
  ['réduire', 'réduisent', 'réduit', 'réduisons', 'réduisant', 'réduit', 'de réduire'],
  // pronominal
  ['s’engager', 's’engagent', 's’engage', 'nous engageons', 's’engageant', 'engagé', 'de s’engager'],
  ['se féliciter', 'se félicitent', 'se félicite', 'nous félicitons', 'se félicitant', 'félicité', 'de se féliciter'],
  ['s’efforcer', 's’efforcent', 's’efforce', 'nous efforçons', 's’efforçant', 'efforcé', 'de s’efforcer'],
  // locutions
  ['prendre note', 'prennent note', 'prend note', 'prenons note', 'prenant note', 'pris note', 'de prendre note'],
  ['tenir compte', 'tiennent compte', 'tient compte', 'tenons compte', 'tenant compte', 'tenu compte', 'de tenir compte'],
  ['avoir à l’esprit', 'ont à l’esprit', 'a à l’esprit', 'avons à l’esprit', 'ayant à l’esprit', 'eu à l’esprit', 'd’avoir à l’esprit'],
];

describe('engine/structure/conjugate: the forms clause openers take', () => {
  for (const [lemma, ...expected] of TABLE) {
    it(`conjugates ${lemma}`, () => {
      assert.deepEqual(FORMS.map((f) => conjugate(lemma, f)), expected);
    });
  }

  it('writes "de nous …" for pronominal infinitives in first-plural texts (after "Convenons :")', () => {
    assert.equal(conjugate('s’engager', 'infinitive', { person: 'first-plural' }), 'de nous engager');
    assert.equal(conjugate('s’efforcer', 'infinitive', { person: 'first-plural' }), 'de nous efforcer');
    assert.equal(conjugate('réaffirmer', 'infinitive', { person: 'first-plural' }), 'de réaffirmer');
  });

  it('elides before a mute h but not an aspirated one', () => {
    assert.equal(conjugate('honorer', 'infinitive'), 'd’honorer');
    assert.equal(conjugate('harceler', 'infinitive'), 'de harceler');
  });

  it('agrees adjectives and past participles with the speaker, and gives them no finite form', () => {
    assert.equal(conjugate('conscient', 'past-participle'), 'conscient');
    assert.equal(conjugate('conscient', 'past-participle', { person: 'third-plural' }), 'conscients');
    assert.equal(conjugate('conscient', 'past-participle', { person: 'third-singular', feminine: true }), 'consciente');
    assert.equal(conjugate('préoccupé', 'past-participle', { person: 'first-plural' }), 'préoccupés');
    assert.equal(conjugate('soucieux', 'past-participle', { person: 'third-plural', feminine: true }), 'soucieuses');
    assert.equal(conjugate('convaincre', 'past-participle', { person: 'third-plural' }), 'convaincus');
    assert.equal(conjugate('conscient', 'third-plural'), null);
    assert.equal(conjugate('réaffirmer', 'noun'), null);
  });

  it('accepts upper-case lemmas and straight apostrophes', () => {
    assert.equal(conjugate('RÉAFFIRMER', 'third-plural'), 'réaffirment');
    assert.equal(conjugate("s'engager", 'participle'), 's’engageant');
  });
});

describe('engine/structure/conjugate: lemmaOf', () => {
  const cases: Array<[string, string, OpenerForm, boolean]> = [
    ['réaffirment', 'réaffirmer', 'third-plural', true],
    ['soulignons', 'souligner', 'first-plural', true],
    ['rappelant', 'rappeler', 'participle', true],
    ['Rappellent', 'rappeler', 'third-plural', true],
    ['reconnaissant', 'reconnaître', 'participle', true],
    ['Reconnaît', 'reconnaître', 'third-singular', true],
    ['reconnait', 'reconnaître', 'third-singular', true],
    ['Soutiennent', 'soutenir', 'third-plural', true],
    ['renforçons', 'renforcer', 'first-plural', true],
    ['encourageant', 'encourager', 'participle', true],
    ['Conscients', 'conscient', 'past-participle', true],
    ['CONSCIENTE', 'conscient', 'past-participle', true],
    ['préoccupées', 'préoccupé', 'past-participle', true],
    ['Convaincus', 'convaincu', 'past-participle', true],
    ['S’engagent', 's’engager', 'third-plural', true],
    ["s'engageant", 's’engager', 'participle', true],
    ['RÉAFFIRMENT', 'réaffirmer', 'third-plural', true],
    ['REAFFIRMENT', 'réaffirmer', 'third-plural', true],
    ['DECIDE', 'décider', 'third-singular', true],
    ['RAPPELANT', 'rappeler', 'participle', true],
    ['promeuvent', 'promouvoir', 'third-plural', true],
    // unknown verbs, by their ending
    ['pérennisent', 'pérenniser', 'third-plural', false],
    ['rajeunissent', 'rajeunir', 'third-plural', false],
    ['mutualisent', 'mutualiser', 'third-plural', false],
    ['mutualisons', 'mutualiser', 'first-plural', false],
    ['mutualisant', 'mutualiser', 'participle', false],
    ['lançant', 'lancer', 'participle', true],
    ['interpellent', 'interpeller', 'third-plural', false],
  ];
  for (const [word, lemma, form, known] of cases) {
    it(`${word} → ${lemma} (${form})`, () => {
      const a = lemmaOf(word);
      assert.ok(a, `no analysis for ${word}`);
      assert.deepEqual({ lemma: a.lemma, form: a.form, known: a.known }, { lemma, form, known });
    });
  }

  it('does not take nouns, adverbs and accented plurals for verbs', () => {
    for (const word of ['Comité', 'Président', 'Gouvernement', 'également', 'Nations', 'Échanges', 'Cette', 'Avant', 'sécurité']) {
      const a = lemmaOf(word);
      assert.ok(a === null || a.form === 'infinitive' && !a.known, `${word} → ${JSON.stringify(a)}`);
    }
  });
});
