// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate + the Oniguruma wasm), on
// lines as drafters write them and as precedents copied from PDFs look.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'declaration.tmLanguage.json');

let grammar: textmate.IGrammar;

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'text.declaration' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('text.declaration');
  assert.ok(loaded, 'grammar text.declaration loads');
  return loaded;
}

/** Tokenizes `lines` in order (state carried over) and returns, for the last line, each token's text and scopes. */
function tokens(...lines: string[]): Array<{ text: string; scopes: string[] }> {
  let state = textmate.INITIAL;
  let result: Array<{ text: string; scopes: string[] }> = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    result = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  }
  return result;
}

/** The text of the last line covered by tokens carrying a scope that starts with `scope`, joined per run. */
function textsWith(scope: string, ...lines: string[]): string[] {
  const runs: string[] = [];
  let current = '';
  for (const t of tokens(...lines)) {
    if (t.scopes.some((s) => s.startsWith(scope))) current += t.text;
    else if (current) { runs.push(current.trim()); current = ''; }
  }
  if (current) runs.push(current.trim());
  return runs;
}

describe('declaration grammar', () => {
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is the output of its generator (syntaxes/declaration.tmLanguage.mjs)', () => {
    const generated = execFileSync(process.execPath, [join(root, 'syntaxes', 'declaration.tmLanguage.mjs')], { encoding: 'utf8' });
    assert.equal(readFileSync(grammarPath, 'utf8'), generated);
  });

  it('marks capitalised participles and verbs that open a clause, with the accent kept', () => {
    assert.deepEqual(textsWith('keyword.other.opener', 'Réaffirmant notre attachement à la Convention ;'), ['Réaffirmant']);
    assert.deepEqual(textsWith('keyword.other.opener', 'Conscients de la menace que représente la « traite » ;'), ['Conscients']);
    assert.deepEqual(textsWith('keyword.other.opener', 'Préoccupés par la montée de la cybercriminalité,'), ['Préoccupés']);
  });

  it('marks an opener after a paragraph label and keeps the label apart', () => {
    const line = 'P2A: Conscients qu’au cours des 100 dernières années, les autorités nationales ;';
    assert.deepEqual(textsWith('constant.other.paragraph-label', line), ['P2A:']);
    assert.deepEqual(textsWith('keyword.other.opener', line), ['Conscients']);
    assert.deepEqual(textsWith('constant.other.paragraph-label', '2. D’encourager l’échange d’informations ;'), ['2.']);
    assert.deepEqual(textsWith('constant.other.paragraph-label', 'iv. De soutenir les États participants ;'), ['iv.']);
    assert.deepEqual(textsWith('keyword.other.opener', '- Rappellent l’engagement ferme des chefs d’Etat'), ['Rappellent']);
  });

  it('marks first-person and infinitive openers as one phrase', () => {
    assert.deepEqual(textsWith('keyword.other.opener', '3. Nous réaffirmons notre volonté de lutter contre la criminalité.'), ['Nous réaffirmons']);
    assert.deepEqual(textsWith('keyword.other.opener', '1. De soutenir la coopération avec l’ONUDC ;'), ['De soutenir']);
    assert.deepEqual(textsWith('keyword.other.opener', '2. D’encourager l’échange d’informations ;'), ['D’encourager']);
  });

  it('marks UPPER-CASE openers of UN texts but not an acronym opening a line', () => {
    assert.deepEqual(textsWith('keyword.other.opener', 'RAPPELANT sa résolution 2178 (2014),'), ['RAPPELANT']);
    assert.deepEqual(textsWith('keyword.other.opener', 'DÉCIDE que tous les États doivent,'), ['DÉCIDE']);
    assert.deepEqual(textsWith('keyword.other.opener', 'INTERPOL joue un rôle central dans la coopération ;'), []);
    assert.deepEqual(textsWith('constant.language.acronym', 'INTERPOL joue un rôle central dans la coopération ;'), ['INTERPOL']);
  });

  it('does not take a capitalised noun starting a wrapped line for an opener', () => {
    assert.deepEqual(textsWith('keyword.other.opener', 'Europe, rappelons la Convention des Nations Unies'), []);
    assert.deepEqual(textsWith('keyword.other.opener', 'Protocole additionnel à la Convention ;'), []);
    assert.deepEqual(textsWith('keyword.other.opener', 'criminalité transnationale organisée (2000), dont cette année'), []);
  });

  it('marks an instrument with its complement and year', () => {
    const line = 'Réaffirmant notre attachement à la Convention des Nations Unies contre la criminalité transnationale organisée (2000) ;';
    assert.deepEqual(textsWith('entity.name.type.instrument', line), ['Convention des Nations Unies contre la criminalité transnationale organisée']);
    assert.ok(textsWith('constant.numeric.year', line).includes('(2000)'));
  });

  it('marks lower-case citations with their number', () => {
    assert.deepEqual(textsWith('entity.name.type.instrument', 'RAPPELANT sa résolution 2178 (2014),'), ['résolution 2178']);
    assert.deepEqual(textsWith('entity.name.type.instrument', 'ainsi que la décision n° 3/05 sur la lutte contre la criminalité'), ['décision n° 3/05']);
    assert.deepEqual(textsWith('entity.name.class.body', 'les décisions du Conseil ministériel n° 3/05 ;'), ['Conseil ministériel']);
  });

  it('marks document symbols whole, year apart', () => {
    const line = 'Rappelant les résolutions A/RES/51/210 et S/RES/2178 (2014) ainsi que la décision PC.DEC/1063 ;';
    assert.deepEqual(textsWith('constant.other.document-symbol', line), ['A/RES/51/210', 'S/RES/2178', 'PC.DEC/1063']);
  });

  it('marks bodies and acronyms, Europol included, but not words in capitals inside acronyms', () => {
    const line = '1. De renforcer notre coopération avec l’ONUDC, Europol et INTERPOL ;';
    assert.deepEqual(textsWith('constant.language.acronym', line), ['ONUDC', 'Europol', 'INTERPOL']);
    assert.deepEqual(
      textsWith('entity.name.class.body', 'Rappelant le rôle de l’Office des Nations Unies contre la drogue et le crime (ONUDC) ;'),
      ['Office des Nations Unies contre la drogue et le crime'],
    );
    assert.deepEqual(textsWith('entity.name.class.body', 'Saluant le travail du Conseil de sécurité des Nations Unies,'), ['Conseil de sécurité des Nations Unies']);
  });

  it('marks section headings and the title', () => {
    assert.deepEqual(textsWith('markup.heading.section', 'Nous, les Ministres des États participants,'), ['Nous, les Ministres des États participants,']);
    assert.deepEqual(textsWith('markup.heading.section', 'Convenons :'), ['Convenons :']);
    assert.deepEqual(textsWith('markup.heading.section', 'Concernant la criminalité organisée'), ['Concernant la criminalité organisée']);
    assert.deepEqual(
      textsWith('markup.heading.title', 'DÉCLARATION MINISTÉRIELLE SUR LA COOPÉRATION POLICIÈRE'),
      ['DÉCLARATION MINISTÉRIELLE SUR LA COOPÉRATION POLICIÈRE'],
    );
  });

  it('marks guillemets quotes with their non-breaking spaces', () => {
    assert.deepEqual(textsWith('string.quoted.guillemets', 'Conscients de la menace que représente la «\u202ftraite des êtres humains\u202f» ;'), ['«\u202ftraite des êtres humains\u202f»']);
  });

  it('skips YAML front matter keys', () => {
    const keys = textsWith('variable.other.key', '---', 'title: Déclaration de Vienne');
    assert.deepEqual(keys, ['title']);
  });
});

describe('declaration grammar on the bundled precedents', () => {
  before(async () => {
    grammar = await loadGrammar();
  });

  it('tokenizes every precedent line quickly and finds clause openers in the declarations among them', () => {
    const seeds = join(root, 'seeds');
    const files = readdirSync(seeds).filter((f) => f.endsWith('.txt'));
    assert.ok(files.length >= 5);
    let withOpeners = 0;
    for (const file of files) {
      const started = Date.now();
      let state = textmate.INITIAL;
      let openers = 0;
      for (const line of readFileSync(join(seeds, file), 'utf8').split(/\r?\n/)) {
        const r = grammar.tokenizeLine(line, state, 1000);
        assert.equal(r.stoppedEarly, false, `${file}: line took over 1 s: ${line.slice(0, 60)}`);
        state = r.ruleStack;
        if (r.tokens.some((t) => t.scopes.some((s) => s.startsWith('keyword.other.opener')))) openers++;
      }
      if (openers >= 5) withOpeners++;
      assert.ok(Date.now() - started < 3000, `${file} took ${Date.now() - started} ms`);
    }
    // One bundled precedent is a press release with no clauses; the declarations all have openers.
    assert.ok(withOpeners >= files.length - 1, `only ${withOpeners} of ${files.length} precedents show clause openers`);
  });
});
