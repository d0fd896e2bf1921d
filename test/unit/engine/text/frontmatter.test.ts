import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup } from '../../../../server/src/engine/text/cleanup';
import { completeMeta, findFirstDate, inferTitle, parseDate, readFrontMatter } from '../../../../server/src/engine/text/frontmatter';

const root = resolve(__dirname, '../../../../..');

describe('engine/text/frontmatter: metadata given and inferred', () => {
  it('reads the simple key: value subset and gives the body start', () => {
    const original = [
      '---',
      'title: "Déclaration de Bruxelles : « chefs de police »"',
      'date: 2006-11-24',
      'body: OSCE — chefs de police # a comment',
      "place: 'Bruxelles l''européenne'",
      'kind: declaration',
      'language: FR',
      '---',
      'Les chefs de police',
    ].join('\n');
    const fm = readFrontMatter(original);
    assert.deepEqual(fm.errors, []);
    assert.deepEqual(fm.meta, {
      title: 'Déclaration de Bruxelles : « chefs de police »', date: '2006-11-24', body: 'OSCE — chefs de police',
      place: 'Bruxelles l\'européenne', kind: 'declaration', language: 'fr',
    });
    assert.equal(original.slice(fm.bodyStart), 'Les chefs de police');
  });

  it('handles CRLF, a BOM character, escapes, continuation lines, block scalars and null', () => {
    const original = '\ufeff---\r\ntitle: "Ligne \\"un\\""\r\nbody: Conseil\r\n  ministériel\r\nplace: ~\r\nkind: >\r\n  déclaration\r\n  finale\r\n---\r\nTexte';
    const fm = readFrontMatter(original);
    assert.deepEqual(fm.errors, []);
    assert.deepEqual(fm.meta, { title: 'Ligne "un"', body: 'Conseil ministériel', place: null, kind: 'déclaration finale' });
    assert.equal(original.slice(fm.bodyStart), 'Texte');
  });

  it('accepts written French dates and ISO date-times', () => {
    assert.equal(readFrontMatter('---\ndate: 5 décembre 2019\n---\n').meta.date, '2019-12-05');
    assert.equal(readFrontMatter('---\ndate: 2019-06-12T10:30:00Z\n---\n').meta.date, '2019-06-12');
    assert.equal(parseDate('1er janvier 2020'), '2020-01-01');
    assert.equal(parseDate('24/11/2006'), '2006-11-24');
    assert.equal(parseDate('2019-02-30'), null);
  });

  it('reports bad front matter as errors, never throws', () => {
    const unclosed = readFrontMatter('---\ntitle: x\nLes chefs de police');
    assert.equal(unclosed.bodyStart, 0);
    assert.deepEqual(unclosed.meta, {});
    assert.match(unclosed.errors[0], /no closing "---" line/);
    const bad = readFrontMatter('---\ndate: hier\ntitel: x\ntags: [a, b]\njust text\ntitle: "open\ntitle: A\ntitle: B\n---\nCorps');
    assert.deepEqual(bad.errors, [
      'date: "hier" is not a date (expected YYYY-MM-DD)',
      'unknown key "titel" ignored (known: title, date, body, place, kind, language)',
      'unknown key "tags" ignored (known: title, date, body, place, kind, language)',
      'line 5: expected "key: value", found "just text"',
      'title: missing closing double quote',
      'title: given twice; the first value is kept',
    ]);
    assert.equal(bad.meta.title, 'A');
    assert.equal(bad.meta.date, undefined);
    assert.equal(readFrontMatter('---\nbody:\n  - OSCE\n---\n').errors[0], 'body: lists are not supported; give a single value');
  });

  it('finds no front matter in ordinary text', () => {
    assert.deepEqual(readFrontMatter('Les chefs de police\n---\n'), { meta: {}, bodyStart: 0, errors: [] });
    assert.deepEqual(readFrontMatter('--- \nx'), { meta: {}, bodyStart: 0, errors: ['no closing "---" line; the block at the top is read as text'] });
  });

  it('finds the first date in French, numeric or ISO form', () => {
    assert.equal(findFirstDate('Vienne, le 1er janvier 2020 et le 3 mars 2021')?.date, '2020-01-01');
    assert.equal(findFirstDate('adoptée le 24/11/2006 à Bruxelles')?.date, '2006-11-24');
    assert.equal(findFirstDate('Publié 2019-06-12.')?.date, '2019-06-12');
    assert.equal(findFirstDate('le 4\u00a0NOVEMBRE 2014')?.date, '2014-11-04');
    assert.equal(findFirstDate('en 2016, puis le 31 février 2017'), null);
    assert.equal(findFirstDate('la résolution 2178 (2014) et la décision n° 3/05'), null);
  });

  it('keeps what was given and infers the rest, naming what it inferred', () => {
    const text = 'REUNION DES CHEFS DE POLICE DE L’OSCE\n24 novembre 2006\nDECLARATION DE BRUXELLES\nLes chefs de police…';
    assert.deepEqual(completeMeta({}, text, '2006-bruxelles.txt'), {
      title: 'REUNION DES CHEFS DE POLICE DE L’OSCE', date: '2006-11-24', body: null, place: null, kind: null, language: 'fr',
      inferred: ['title', 'date'],
    });
    const given = completeMeta({ title: 'Déclaration de Bruxelles', date: '2006-11-25', place: 'Bruxelles' }, text, 'x.txt');
    assert.equal(given.title, 'Déclaration de Bruxelles');
    assert.equal(given.date, '2006-11-25');
    assert.equal(given.place, 'Bruxelles');
    assert.deepEqual(given.inferred, []);
  });

  it('passes over date lines, symbols and numbers to find a title; falls back to the file name', () => {
    assert.equal(inferTitle('PC.DEC/1213\n16 août 2019\nDÉCISION N° 1213 LA CYBERCRIMINALITÉ\nLe Conseil permanent,'), 'DÉCISION N° 1213 LA CYBERCRIMINALITÉ');
    assert.equal(inferTitle('Concernant le rôle de l’OSCE, les chefs de police :'), 'Concernant le rôle de l’OSCE, les chefs de police');
    const long = `Le Dialogue rassemble les services internationaux. ${'Il vise à améliorer la coopération. '.repeat(10)}`;
    assert.equal(inferTitle(long), 'Le Dialogue rassemble les services internationaux.');
    const meta = completeMeta({}, '12\n\n', 'dossier/2019-osce_declaration.txt');
    assert.equal(meta.title, '2019 osce declaration');
    assert.deepEqual(meta.inferred, ['title']);
  });

  it('infers title and date of the bundled precedents from their clean text', () => {
    const expected: Array<[string, string, string | null]> = [
      ['2006-osce-chefs-de-police-declaration-de-bruxelles.txt', 'REUNION DES CHEFS DE POLICE DE L’OSCE', '2006-11-24'],
      ['2014-interpol-monaco-declaration-finale.txt', 'DÉCLARATION FINALE', '2014-11-04'],
      ['2019-interpol-osce-bratislava-cooperation.txt', 'INTERPOL et l’OSCE examinent les moyens de renforcer la coopération pour lutter contre les menaces transnationales', '2019-12-05'],
      ['2020-osce-conseil-ministeriel-criminalite-transnationale-organisee.txt', 'DECLARATION SUR LE RENFORCEMENT DE LA COOPERATION EN MATIERE DE LUTTE CONTRE LA CRIMINALITE TRANSNATIONALE ORGANISEE', null],
      ['interpol-dialogue-architecture-policiere-multilaterale.txt', 'Dialogue INTERPOL sur une architecture policière multilatérale efficace contre les menaces mondiales', null],
    ];
    for (const [file, title, date] of expected) {
      const meta = completeMeta({}, cleanup(readFileSync(join(root, 'seeds', file), 'utf8')).text, file);
      assert.equal(meta.title, title, file);
      assert.equal(meta.date, date, file);
    }
  });
});
