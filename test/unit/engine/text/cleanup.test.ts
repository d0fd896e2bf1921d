import * as assert from 'node:assert/strict';
import { cleanup, keepHyphen, originalSpan } from '../../../../server/src/engine/text/cleanup';
import type { CleanText } from '../../../../server/src/engine/types';

/** Every word of the clean text that the cleanup did not rewrite maps back onto the same word. */
function assertWordsMapBack(original: string, clean: CleanText): void {
  assert.equal(clean.origin.length, clean.text.length + 1, 'origin has one entry per clean character, plus the end');
  const repaired = clean.repairs.map((r) => r.span);
  for (const m of clean.text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const span = originalSpan(clean, m.index, m.index + m[0].length, original);
    if (repaired.some((r) => r.start < span.end && span.start < r.end)) continue;
    // NFKC: composed accents and spelled-out ligatures (ﬁ → fi) are the same word.
    const written = original.slice(span.start, span.end).replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
    assert.equal(written.normalize('NFKC'), m[0], `clean word "${m[0]}" at ${m.index}`);
  }
  for (let k = 1; k < clean.origin.length; k++) {
    assert.ok(clean.origin[k] >= clean.origin[k - 1], `origin goes forward at ${k}`);
  }
}

function clean(original: string): string {
  const c = cleanup(original);
  assertWordsMapBack(original, c);
  return c.text;
}

describe('engine/text/cleanup: one paragraph per line, with an offset map', () => {
  const table: Array<[string, string, string]> = [
    ['joins a hard wrap inside a sentence with one space',
      'Les chefs de police se sont réunis\nà Bruxelles le 24 novembre.',
      'Les chefs de police se sont réunis à Bruxelles le 24 novembre.'],
    ['blank lines separate paragraphs, kept as a single \\n',
      'DECLARATION DE BRUXELLES\n\n\n \nLes chefs de police ou leurs représentants.',
      'DECLARATION DE BRUXELLES\nLes chefs de police ou leurs représentants.'],
    ['a blank line inside a sentence (PDF extraction) does not cut it',
      '- Reconnaissent le rôle de l’OSCE en tant que plateforme de dialogue \n\npolitique, en étroite collaboration ;',
      '- Reconnaissent le rôle de l’OSCE en tant que plateforme de dialogue politique, en étroite collaboration ;'],
    ['a line break before a dash bullet after a clause end is a new paragraph',
      'les participants :\n- Réaffirment leur engagement ;\n- reconnaissent le besoin.',
      'les participants :\n- Réaffirment leur engagement ;\n- reconnaissent le besoin.'],
    ['a dash wrapped to the line start inside a sentence is not a bullet',
      'un tableau général de la criminalité au niveau de l’OSCE\n– une carte unique du crime – serait appréciable ;',
      'un tableau général de la criminalité au niveau de l’OSCE – une carte unique du crime – serait appréciable ;'],
    ['bullets • and indented bullets start paragraphs',
      'Principaux points :\n  • La cybercriminalité ;\n    • les menaces liées au COVID-19 ;',
      'Principaux points :\n• La cybercriminalité ;\n• les menaces liées au COVID-19 ;'],
    ['numbered paragraphs and labels start paragraphs',
      'P2: Nous, les Ministres,\nP2A: Conscients des efforts ;\nINTRO : Le 4 novembre 2014\n1. Nous rappelons ;\n2) Nous notons ;\na) de soutenir ;',
      'P2: Nous, les Ministres,\nP2A: Conscients des efforts ;\nINTRO : Le 4 novembre 2014\n1. Nous rappelons ;\n2) Nous notons ;\na) de soutenir ;'],
    ['an upper-case continuation after a full line is a wrap; after a short line, a new paragraph',
      'INTRO : Le 4 novembre 2014, à l’occasion de la 83ème session de l’Assemblée générale, à\n' +
      'Monaco, les Ministres des États membres participants se sont rencontrés afin de tenir une\n' +
      'réunion à haut niveau sur le thème de la coopération policière internationale fructueuse.\n' +
      'Les débats ont porté sur les progrès.\n' +
      'DÉCLARATION FINALE',
      'INTRO : Le 4 novembre 2014, à l’occasion de la 83ème session de l’Assemblée générale, à Monaco, les Ministres des États membres participants se sont rencontrés afin de tenir une réunion à haut niveau sur le thème de la coopération policière internationale fructueuse. Les débats ont porté sur les progrès.\nDÉCLARATION FINALE'],
    ['a title wrapped over upper-case lines stays one paragraph',
      ' DECLARATION SUR LE RENFORCEMENT DE LA COOPERATION\nEN MATIERE DE LUTTE CONTRE LA CRIMINALITE\nTRANSNATIONALE ORGANISEE\n\n1. Nous, Ministres',
      'DECLARATION SUR LE RENFORCEMENT DE LA COOPERATION EN MATIERE DE LUTTE CONTRE LA CRIMINALITE TRANSNATIONALE ORGANISEE\n1. Nous, Ministres'],
    ['a date line under a title stays its own paragraph',
      'REUNION DES CHEFS DE POLICE DE L’OSCE \n\n24 novembre 2006 \nDECLARATION DE BRUXELLES \n',
      'REUNION DES CHEFS DE POLICE DE L’OSCE\n24 novembre 2006\nDECLARATION DE BRUXELLES'],
    ['a parenthesis under a title after a blank line is a new paragraph',
      'Recommandation CM/Rec(2003)8 sur la cybercriminalité\n\n(adoptée par le Comité des Ministres le 23 février 2003)',
      'Recommandation CM/Rec(2003)8 sur la cybercriminalité\n(adoptée par le Comité des Ministres le 23 février 2003)'],
    ['runs of spaces and tabs collapse; a run with a no-break space keeps the no-break space',
      'Rappelant\tla   Convention «\u00a0 Palerme \u00a0» ;',
      'Rappelant la Convention «\u00a0Palerme\u00a0» ;'],
    ['NBSP, NNBSP and both apostrophes are kept as typed',
      'l’OSCE et l\'ONUDC\u202f; «\u00a0Turn Back Crime\u00a0»',
      'l’OSCE et l\'ONUDC\u202f; «\u00a0Turn Back Crime\u00a0»'],
    ['decomposed accents are composed',
      'Re\u0301affirment la ne\u0301cessite\u0301',
      'Réaffirment la nécessité'],
    ['PDF ligatures are spelled out, soft hyphens and zero-width characters dropped',
      'les dé\ufb01s of\ufb01ciels, coopé\u00adration\u200b renforcée',
      'les défis officiels, coopération renforcée'],
    ['an ordinal suffix alone on its line joins its number',
      'à l’occasion de la 83\nème\n\n session de l’Assemblée',
      'à l’occasion de la 83ème session de l’Assemblée'],
    ['an ordinal suffix starting the next line joins its number',
      'à l’occasion de la 83\nème session de l’Assemblée, le 1\ner janvier 2020',
      'à l’occasion de la 83ème session de l’Assemblée, le 1er janvier 2020'],
    ['a lone bullet on its own line starts the next paragraph',
      'points suivants :\n•\nLa cybercriminalité ;\n•\nLa traite.',
      'points suivants :\nLa cybercriminalité ;\nLa traite.'],
  ];
  for (const [name, input, expected] of table) {
    it(name, () => assert.equal(clean(input), expected));
  }

  it('maps an inserted space or \\n to the line break it replaces, and the end after the last line', () => {
    const original = 'Les chefs de police\r\nà Bruxelles.\n\nDéclaration  \n';
    const c = cleanup(original);
    assert.equal(c.text, 'Les chefs de police à Bruxelles.\nDéclaration');
    assert.equal(c.origin[c.text.indexOf(' à')], original.indexOf('\r\n'));
    assert.equal(c.origin[c.text.indexOf('\n')], original.indexOf('\n\n'));
    assert.equal(c.origin[c.text.length], original.indexOf('  \n'));
  });

  it('treats CRLF and lone CR like LF, with origins into the original', () => {
    const lf = 'Concernant le rôle de l’OSCE, les chefs de police\n\n- Rappellent l’engagement ferme des\nchefs d’Etat ;\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const cr = lf.replace(/\n/g, '\r');
    assert.equal(clean(crlf), clean(lf));
    assert.equal(clean(cr), clean(lf));
    const c = cleanup(crlf);
    const at = c.text.indexOf('chefs d’Etat');
    assert.equal(crlf.slice(c.origin[at], c.origin[at] + 'chefs d’Etat'.length), 'chefs d’Etat');
  });

  it('keeps the origin of a composed accent on its base letter and the span over its mark', () => {
    const original = 'la re\u0301union';
    const c = cleanup(original);
    assert.equal(c.text, 'la réunion');
    assert.equal(c.origin[4], 4, 'é comes from the e');
    assert.equal(c.origin[5], 6, 'u comes after the combining mark');
    assert.deepEqual(originalSpan(c, 3, 10, original), { start: 3, end: original.length });
    assert.deepEqual(originalSpan(c, 4, 5, original), { start: 4, end: 6 }, 'the mark comes along with é');
  });

  describe('end-of-line hyphenation', () => {
    it('drops the hyphen of a word split by the typesetter and records it', () => {
      const original = 'renforcer la coopé-\nration policière';
      const c = cleanup(original);
      assert.equal(c.text, 'renforcer la coopération policière');
      const r = c.repairs.find((x) => x.kind === 'hyphenation');
      assert.ok(r);
      assert.equal(original.slice(r.span.start, r.span.end), '-\n');
      assert.equal(c.origin[c.text.indexOf('ration')], original.indexOf('ration'));
    });
    it('keeps compounds: celle-ci, post-conflit, peut-être, Asie-Pacifique', () => {
      assert.equal(clean('renforcer la capacité de celle-\nci à coopérer'), 'renforcer la capacité de celle-ci à coopérer');
      assert.equal(clean('la réhabilitation post-\nconflit ;'), 'la réhabilitation post-conflit ;');
      assert.equal(clean('ne permettent peut-\nêtre pas'), 'ne permettent peut-être pas');
      assert.equal(clean('la région Asie-\nPacifique'), 'la région Asie-Pacifique');
      assert.equal(clean('la pandémie de COVID-\n19'), 'la pandémie de COVID-19');
    });
    it('follows the document: a form written whole elsewhere wins over the compound lists', () => {
      assert.equal(clean('la coopération inter-\nnationale et la coopération internationale'), 'la coopération internationale et la coopération internationale');
      assert.equal(clean('les garde-\nfous et les garde-fous'), 'les garde-fous et les garde-fous');
      assert.equal(keepHyphen('politico-militaires', 'politico', 'militaires', 'm'.charCodeAt(0)), true);
    });
  });

  describe('page furniture, duplicates and noise', () => {
    it('drops page numbers and joins the sentence they interrupted', () => {
      const wrapped = [
        'Nous rappelons la Convention des Nations Unies contre la criminalité transnationale',
        'organisée et ses Protocoles additionnels, ainsi que la nécessité de renforcer la',
        'coopération policière internationale dans le plein respect du droit international et',
      ];
      for (const footer of ['- 2 -', 'Page 2', '2', 'Page 2 sur 9', 'MC.DOC/1/20 2']) {
        const original = `${wrapped.join('\n')}\n\n${footer}\n\ndes libertés fondamentales ;\n`;
        const c = cleanup(original);
        assert.equal(c.text, `${wrapped.join(' ')} des libertés fondamentales ;`, footer);
        assert.deepEqual(c.repairs.map((r) => [r.kind, r.from]), [['header', footer]]);
        assertWordsMapBack(original, c);
      }
    });

    it('drops the page footer of seed 001 (a short block with a number after a page break)', () => {
      const original =
        'recueil d’informations, ainsi que la sécurité physique des personnes et des lieux ; \n\n  \n\n\n\n \n \n \n \n\n \n\n' +
        'Déclaration finale, 83\nème\n\n session de l’Assemblée générale d’INTERPOL, Monaco, 4 novembre 2014 \n\n \n\n' +
        'P3C: De nous efforcer de réduire et de lever, dans toute la mesure du possible';
      const c = cleanup(original);
      assert.equal(c.text, 'recueil d’informations, ainsi que la sécurité physique des personnes et des lieux ;\nP3C: De nous efforcer de réduire et de lever, dans toute la mesure du possible');
      assert.deepEqual(c.repairs.map((r) => r.kind), ['header', 'header', 'header']);
      assertWordsMapBack(original, c);
    });

    it('keeps a short block after a page break when it has no number (a heading)', () => {
      const original = 'des poursuites ;\n\n\n\n\n\nConcernant la vigilance démocratique, les participants\n\n\n- Réaffirment l’importance ;';
      assert.equal(clean(original), 'des poursuites ;\nConcernant la vigilance démocratique, les participants\n- Réaffirment l’importance ;');
    });

    it('drops a footnote standing between two numbered paragraphs (seed 002)', () => {
      const original =
        'menace complexe que représente la criminalité transnationale organisée.\n\n' +
        '1 Comprend une correction apportée au document lors de la séance de mise en conformité linguistique\n' +
        'tenue le 5 février 2021.\n' +
        ' 6. Nous soulignons que la lutte contre la criminalité';
      const c = cleanup(original);
      assert.equal(c.text, 'menace complexe que représente la criminalité transnationale organisée.\n6. Nous soulignons que la lutte contre la criminalité');
      assert.equal(c.repairs.filter((r) => r.kind === 'header').length, 2);
    });

    it('keeps a number-led sentence that is not a footnote (no paragraph end before it)', () => {
      assert.equal(clean('adoptée par\n\n15 États membres en 2019.'), 'adoptée par 15 États membres en 2019.');
    });

    it('drops repeated consecutive lines and lone "/" lines (seed 004)', () => {
      const original =
        'L’événement s’est tenu en marge du 26ème Conseil ministériel de l’OSCE\n' +
        'L’événement s’est tenu en marge du 26ème Conseil ministériel de l’OSCE\n' +
        'Le 26ème Conseil ministériel de l’OSCE\nLe 26ème Conseil ministériel de l’OSCE\nLe 26ème Conseil ministériel de l’OSCE\n/\n\n' +
        '« Nous avons défini le multilatéralisme effectif »';
      const c = cleanup(original);
      assert.equal(c.text, 'L’événement s’est tenu en marge du 26ème Conseil ministériel de l’OSCE\nLe 26ème Conseil ministériel de l’OSCE\n« Nous avons défini le multilatéralisme effectif »');
      assert.deepEqual(c.repairs.map((r) => r.kind), ['duplicate-line', 'duplicate-line', 'duplicate-line', 'noise-line']);
      assertWordsMapBack(original, c);
    });

    it('drops a running header that repeats the title at page breaks, and keeps the title', () => {
      const page = (n: number) => `${n}. Nous rappelons la décision n° ${n}/05 sur la lutte contre la criminalité organisée ;`;
      const body = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(page);
      const original = ['DÉCLARATION FINALE', '', ...body.slice(0, 6).flatMap((l) => [l, '']), 'DÉCLARATION FINALE', '',
        ...body.slice(6).flatMap((l) => [l, '']), 'DÉCLARATION FINALE', ''].join('\n');
      const lines = cleanup(original).text.split('\n');
      assert.equal(lines[0], 'DÉCLARATION FINALE');
      assert.equal(lines.filter((l) => l === 'DÉCLARATION FINALE').length, 1);
      assert.equal(lines.length, 13);
    });

    it('keeps headings that repeat with a different year (not page numbers)', () => {
      const original = ['Dialogue de mai 2020', '', ...Array(12).fill('• Effets manifestes de la pandémie ;'), '', 'Dialogue de mai 2017', '',
        ...Array(12).fill('• Rôle majeur des services ;').map((l, i) => `${l} ${i}`)].join('\n');
      const text = cleanup(original).text;
      assert.ok(text.includes('Dialogue de mai 2020\n') && text.includes('Dialogue de mai 2017\n'));
    });
  });

  it('skips a YAML front matter block, keeping origins in the original', () => {
    const original = '---\ntitle: "Déclaration"\ndate: 2019-06-12\n---\nNous, les Ministres,\nRappelant la Convention ;\n';
    const c = cleanup(original);
    assert.equal(c.text, 'Nous, les Ministres,\nRappelant la Convention ;');
    assert.equal(c.origin[0], original.indexOf('Nous'));
    assert.equal(c.repairs[0].kind, 'header');
  });

  it('returns an empty clean text for blank input', () => {
    const c = cleanup(' \n\n\t\n');
    assert.equal(c.text, '');
    assert.equal(c.origin.length, 1);
  });

  describe('speed', () => {
    function tenKilobytes(): string {
      const lines: string[] = [];
      let n = 1;
      while (lines.join('\n').length < 10_000) {
        lines.push(`${n++}. Nous réaffirmons le rôle primordial des États participants dans la lutte contre la`);
        lines.push('criminalité transnationale organisée et soulignons que la meilleure façon de mener cette');
        lines.push('lutte est de veiller au respect des droits de l’homme et des libertés fondamentales ;', '');
      }
      return lines.join('\n');
    }
    it('cleans 10 KB of wrapped text in a few passes\' time (well under a millisecond on an idle machine)', () => {
      const text = tenKilobytes();
      const runs = 200;
      let sink = 0;
      const scan = () => {
        for (let i = 0; i < text.length; i++) sink += text.charCodeAt(i);
      };
      for (let i = 0; i < 20; i++) {
        cleanup(text);
        scan();
      }
      // Measured against one plain pass over the same characters, so a loaded machine slows both.
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) scan();
      const pass = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
      t0 = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) cleanup(text);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
      assert.ok(sink > 0);
      assert.ok(ms < 40 * pass + 0.05, `10 KB took ${ms.toFixed(3)} ms, ${(ms / pass).toFixed(1)} plain passes`);
    });
    it('does not hang on a 1 MB single line or a 1 MB run of hyphens and bullets', () => {
      const line = 'Rappelant la Convention des Nations Unies contre la criminalité, '.repeat(16_000);
      const t0 = Date.now();
      assert.equal(cleanup(line).text.length, line.length - 1);
      cleanup('-'.repeat(1_000_000));
      cleanup('• '.repeat(500_000));
      cleanup('1. '.repeat(300_000));
      cleanup('a-\n'.repeat(300_000));
      assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
    });
  });
});
