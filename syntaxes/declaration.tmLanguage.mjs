// Source of syntaxes/declaration.tmLanguage.json: `node syntaxes/declaration.tmLanguage.mjs > syntaxes/declaration.tmLanguage.json`.
// Written as code because the French letter classes repeat in every rule; the grammar test checks the two agree.
const UP = 'A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ';
const LOW = 'a-zàâäçéèêëîïôöùûüÿœæ';
const L = `${UP}${LOW}`;
const label = `(?:[-–—•▪]|P\\d+[A-Z]{0,2}\\s*:|\\d{1,3}\\s*[.)]|[ivxlcdm]{1,6}\\s*[.)]|[a-z]\\s*\\)|\\((?:\\d{1,3}|[a-z]|[ivxlcdm]{1,6})\\))`;
const notOpener = `(?!(?:Le|La|Les|L|Un|Une|Des|Du|De|Ce|Cet|Cette|Ces|Nous|Il|Elle|Ils|Elles|En|Au|Aux|À|Dans|Pour|Par|Sur|Concernant|Et|Ou|Mais|Office|Europe|Ukraine|Suisse|Belgique|France|Organisation|Assemblée|Convention|Conventions|Charte|Commission|Conférence|Plateforme|Déclaration|Décision|Résolution|Stratégie|Agence|Interpole?|Protocole|Pacte|Traité|Accord|Plan|Programme|Principes|Acte|Document|Concept|Conseil|Comité|Secrétariat|Secrétaire|Présidence|Union)\\b)`;
const verbEnding = `(?:ants?|antes?|ents?|é|ée|és|ées|us|ues?|is|ie|ies|ons|ent|e|ez)`;
const heads = 'Convention|Conventions|Protocole|Protocoles|Résolution|Résolutions|Décision|Décisions|Déclaration|Déclarations|Charte|Pacte|Traité|Accord|Stratégie|Plan d’action|Plan d\'action|Programme|Principes directeurs|Acte final|Document|Concept';
const bodies = [
  'Conseil de sécurité(?: des Nations Unies)?',
  'Assemblée générale(?: des Nations Unies| d’INTERPOL| d\'INTERPOL)?',
  'Conseil ministériel(?: de l’OSCE| de l\'OSCE)?',
  'Conseil permanent(?: de l’OSCE| de l\'OSCE)?',
  'Conseil des droits de l’homme',
  'Organisation des Nations Unies',
  'Organisation pour la sécurité et la coopération en Europe',
  'Organisation internationale de police criminelle',
  'Office des Nations Unies contre la drogue et le crime',
  'Conseil de l’Europe',
  'Conseil de l\'Europe',
  'Union européenne',
  'Comité exécutif(?: d’INTERPOL)?',
  'Secrétariat général(?: d’INTERPOL)?',
  'Secrétaire général(?: de l’OSCE| d’INTERPOL)?',
  'Présidence de l’OSCE',
].join('|');
const acronyms = 'Europol|Eurojust|Frontex|Interpol|CEPOL|[A-Z]{2,}(?:-[A-Z]{2,})?';

const g = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Declaration (Précédent)',
  scopeName: 'text.declaration',
  fileTypes: ['decl', 'decl.md', 'decl.txt'],
  patterns: [
    { include: '#frontmatter' },
    { include: '#title' },
    { include: '#section-heading' },
    { include: '#clause-start' },
    { include: '#inline' },
  ],
  repository: {
    frontmatter: {
      // A draft may start with YAML front matter (title, date, body) like the precedents.
      begin: '\\A---\\s*$', end: '^---\\s*$', name: 'meta.embedded.frontmatter.declaration',
      beginCaptures: { 0: { name: 'punctuation.definition.frontmatter.declaration' } },
      endCaptures: { 0: { name: 'punctuation.definition.frontmatter.declaration' } },
      patterns: [{ match: '^\\s*([\\w-]+)\\s*(:)', captures: { 1: { name: 'variable.other.key.declaration' }, 2: { name: 'punctuation.separator.key-value.declaration' } } }],
    },
    title: {
      // A line in capitals with no lowercase word: the document title ("DÉCLARATION MINISTÉRIELLE SUR …").
      match: `^\\s*(?=[${UP}][${UP}’'\\-]+\\s+[${UP}’'\\-]{2,})[${UP}0-9’'«»()\\-–,.:;\\s\\u00a0\\u202f]+$`,
      name: 'markup.heading.title.declaration',
    },
    'section-heading': {
      patterns: [
        { match: `^\\s*(Nous,\\s+(?:les\\s+|Ministres\\b)[^,]{0,80},)\\s*$`, captures: { 1: { name: 'markup.heading.section.declaration' } } },
        { match: `^\\s*((?:Convenons|Décidons|Déclarons|Adoptons|Décide|Décident|Déclarent|Conviennent|Sont convenus|Adoptent)\\s*(?:de ce qui suit\\s*)?[:：])\\s*$`, captures: { 1: { name: 'markup.heading.section.declaration' } } },
        { match: `^\\s*((?:Concernant|S’agissant|S'agissant|En ce qui concerne|Au sujet)\\b[^.;]{0,160}?)(\\s*[:,]?\\s*)$`, captures: { 1: { name: 'markup.heading.section.declaration' } } },
        { match: `^\\s*((?:[IVXLC]{1,6}|[A-H])\\.\\s+[${UP}][^.;]{0,120})$`, captures: { 1: { name: 'markup.heading.section.declaration' } } },
      ],
    },
    'clause-start': {
      // A clause opens at the start of a line, after an optional paragraph label (P2A:, 1., iv., a)).
      begin: `^\\s*(${label})?\\s*(?=[${L}])`,
      end: '$',
      beginCaptures: { 1: { name: 'constant.other.paragraph-label.declaration' } },
      patterns: [
        { include: '#opener' },
        { include: '#inline' },
      ],
    },
    opener: {
      patterns: [
        // "Nous réaffirmons", "Nous, Ministres …, rappelons" keep their verb in the opener.
        { match: `\\G(Nous\\s+(?:[${LOW}]+\\s+)?[${LOW}]+ons)\\b`, name: 'keyword.other.opener.first-person.declaration' },
        // Operative infinitives: "De soutenir", "D’encourager".
        { match: `\\G((?:De|D’|D')\\s*(?:ne pas\\s+)?[${LOW}]+(?:er|ir|re|oir))\\b`, name: 'keyword.other.opener.infinitive.declaration' },
        // UPPER-CASE openers of UN and Council of Europe texts: "RAPPELANT", "DÉCIDE", "PRIE".
        { match: `\\G(?!OSCE\\b|ONUDC\\b|ONU\\b)([${UP}]{3,}(?:ANTS?|ENTS?|É|ÉE|ÉS|ÉES|US|E|ONS|ENT))(?=[\\s,]+[${LOW}«"(]|\\s*,?\\s*$)`, name: 'keyword.other.opener.uppercase.declaration' },
        // Capitalised participles and verbs: "Réaffirmant", "Conscients", "Décide", "Préoccupés".
        { match: `\\G${notOpener}([${UP}][${LOW}]+${verbEnding})(?=[\\s,]+[${LOW}«"(’']|\\s*,\\s*|\\s*$)(?:\\s+(également|en outre|aussi|de nouveau|à nouveau)\\b)?`, captures: { 1: { name: 'keyword.other.opener.declaration' }, 2: { name: 'keyword.other.opener.adverb.declaration' } } },
      ],
    },
    inline: {
      patterns: [
        { include: '#document-symbol' },
        { include: '#instrument' },
        { include: '#body' },
        { include: '#acronym' },
        { include: '#quoted' },
        { include: '#year' },
      ],
    },
    'document-symbol': {
      // UN, OSCE and INTERPOL document symbols: A/RES/51/210, S/RES/2178 (2014), PC.DEC/1063, MC.DEC/5/06, AG-2014-RES-01.
      match: `\\b((?:[A-Z]{1,4}(?:\\.[A-Z]{2,4})?/(?:[A-Z0-9.]+/)*[A-Z0-9.]*\\d[A-Z0-9.]*|AG-\\d{4}-RES-\\d+))(?:\\s*(\\(\\d{4}\\)))?`,
      captures: { 1: { name: 'constant.other.document-symbol.declaration' }, 2: { name: 'constant.numeric.year.declaration' } },
    },
    instrument: {
      patterns: [
        // "Convention des Nations Unies contre la criminalité transnationale organisée (2000)": head + complement.
        {
          match: `\\b(${heads})(?=[\\s\\u00a0])((?:\\s+(?:n°|no)\\s*\\d+(?:/\\d+)*|\\s+\\d+(?:/\\d+)*|\\s+(?:des|du|de la|de l’|de l'|de|d’|d'|sur|relatif|relative|relatifs|relatives|contre|pour|visant|additionnel|facultatif|portant)\\b[^;:,.()«»]{0,160}))?(\\s*\\(\\d{4}\\))?`,
          captures: { 1: { name: 'entity.name.type.instrument.declaration' }, 2: { name: 'entity.name.type.instrument.complement.declaration' }, 3: { name: 'constant.numeric.year.declaration' } },
        },
        // Lower-case citations: "la résolution 2178 (2014)", "décision n° 3/05", "résolutions 1373 et 2396".
        {
          match: `\\b((?:résolutions?|décisions?|conventions?|protocoles?)\\s+(?:n°\\s*|no\\s+)?\\d+(?:/\\d+)*(?:\\s+(?:et|à)\\s+\\d+(?:/\\d+)*)?)(\\s*\\(\\d{4}\\))?`,
          captures: { 1: { name: 'entity.name.type.instrument.declaration' }, 2: { name: 'constant.numeric.year.declaration' } },
        },
      ],
    },
    body: { match: `\\b(?:${bodies})\\b`, name: 'entity.name.class.body.declaration' },
    acronym: { match: `(?<![${L}0-9/.-])(?:${acronyms})(?![${L}0-9/])`, name: 'constant.language.acronym.declaration' },
    quoted: {
      begin: '«', end: '»', name: 'string.quoted.guillemets.declaration',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.declaration' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.declaration' } },
      patterns: [{ include: '#document-symbol' }, { include: '#acronym' }],
    },
    year: { match: '\\((?:19|20)\\d{2}\\)', name: 'constant.numeric.year.declaration' },
  },
};
process.stdout.write(JSON.stringify(g, null, 2) + '\n');
