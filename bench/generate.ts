// Deterministic synthetic corpus of French declarations for the benchmark. Every document is a
// recombination of the drafting material in vocabulary.ts in one of six house styles (OSCE police
// chiefs, OSCE Ministerial Council, INTERPOL ministers, UN Security Council, Council of Europe, OSCE
// Permanent Council), with the noise of texts copied from PDFs. Document i depends only on (seed, i),
// so the 1k corpus is the first thousand documents of the 10k one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BODIES, CitableReference, FILLER_ADJECTIVES, FILLER_NOUNS, FORMULATIONS, INSTRUMENTS, MONTHS, OBJECT_VERBS, OPENERS,
  OpenerLemma, PLACES, TAILS, TOPICS,
} from './vocabulary';

/** Bump when the output changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240501;

export const SIZES: Record<string, number> = { smoke: 200, '1k': 1_000, '10k': 10_000, '100k': 100_000 };

/** mulberry32: tiny, fast, good enough for text recombination. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Zipf-like: index 0 most frequent, P(i) ∝ 1/(i+1). */
  zipf<T>(items: readonly T[]): T {
    const h = harmonic(items.length);
    let r = this.next() * h;
    for (let i = 0; i < items.length; i++) {
      r -= 1 / (i + 1);
      if (r <= 0) return items[i];
    }
    return items[items.length - 1];
  }
}

const harmonicCache = new Map<number, number>();
function harmonic(n: number): number {
  let h = harmonicCache.get(n);
  if (h === undefined) {
    h = 0;
    for (let i = 1; i <= n; i++) h += 1 / i;
    harmonicCache.set(n, h);
  }
  return h;
}

function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export type Genre = 'osce-police' | 'osce-ministerial' | 'interpol' | 'unsc' | 'coe' | 'osce-pc';
const GENRES: Genre[] = ['osce-police', 'osce-ministerial', 'interpol', 'unsc', 'coe', 'osce-pc'];

type Voice = 'third-plural' | 'third-singular' | 'first-plural';

interface Typography {
  apostrophe: string;
  /** Space inside « » and before ; : ? ! */
  quoteSpace: string;
  punctSpace: string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Resolution numbers cited in Security Council style, with a plausible year. */
function resolution(rng: Rng): string {
  if (rng.chance(0.5)) return rng.pick(['1267 (1999)', '1373 (2001)', '1540 (2004)', '2178 (2014)', '2396 (2017)', '2482 (2019)', '2322 (2016)']);
  const n = rng.int(1000, 2720);
  return `${n} (${1993 + Math.floor(((n - 1000) * 31) / 1720)})`;
}

function osceDecision(rng: Rng): string {
  if (rng.chance(0.4)) return rng.pick(['n° 3/05', 'n° 5/06', 'n° 1/20', 'n° 4/15', 'n° 9/11']);
  if (rng.chance(0.5)) return `n° ${rng.int(1, 12)}/${String(rng.int(0, 23)).padStart(2, '0')}`;
  return `n° ${rng.int(1000, 1500)}`;
}

function instrumentCitation(rng: Rng, firstMention: Set<string>): string {
  const kind = rng.next();
  if (kind < 0.35) {
    const ref = rng.zipf(INSTRUMENTS);
    return citeOnce(rng, ref, firstMention);
  }
  if (kind < 0.6) {
    const count = rng.int(1, 3);
    if (count === 1) {
      return rng.chance(0.3) ? `la résolution S/RES/${resolution(rng)}` : `la résolution ${resolution(rng)} du Conseil de sécurité`;
    }
    const list = Array.from({ length: count }, () => resolution(rng));
    return `les résolutions ${list.slice(0, -1).join(', ')} et ${list[list.length - 1]} du Conseil de sécurité`;
  }
  if (kind < 0.8) {
    const d = osceDecision(rng);
    return d.includes('/') ? `la décision ${d} du Conseil ministériel sur ${rng.pick(TOPICS)}` : `la décision ${d} du Conseil permanent`;
  }
  if (kind < 0.9) return `la résolution ${rng.int(55, 78)}/${rng.int(1, 320)} de l’Assemblée générale`;
  return `la résolution AG-${rng.int(2000, 2023)}-RES-${String(rng.int(1, 20)).padStart(2, '0')} de l’Assemblée générale d’INTERPOL`;
}

function citeOnce(rng: Rng, ref: CitableReference, firstMention: Set<string>): string {
  if (firstMention.has(ref.full) && ref.short && rng.chance(0.7)) return rng.pick(ref.short);
  firstMention.add(ref.full);
  return ref.full;
}

function bodyMention(rng: Rng, firstMention: Set<string>): string {
  return citeOnce(rng, rng.zipf(BODIES), firstMention);
}

const startsWithVowel = (s: string): boolean => /^[aeiouyéèêâîôûh]/i.test(s);

function fillerPhrase(rng: Rng): string {
  const noun = rng.pick(FILLER_NOUNS);
  return `${startsWithVowel(noun) ? 'l’' : 'la '}${noun} ${rng.pick(FILLER_ADJECTIVES)}`;
}

/** "de" + "le trafic" → "du trafic", "à" + "les États" → "aux États", "de" + "améliorer" → "d’améliorer". */
export function join(prep: string, phrase: string): string {
  if (prep === 'de' || prep === 'à') {
    if (phrase.startsWith('le ')) return `${prep === 'de' ? 'du' : 'au'} ${phrase.slice(3)}`;
    if (phrase.startsWith('les ')) return `${prep === 'de' ? 'des' : 'aux'} ${phrase.slice(4)}`;
    if (prep === 'de' && startsWithVowel(phrase)) return `d’${phrase}`;
  }
  return `${prep} ${phrase}`;
}

/** What follows the opener, linked as its lemma requires ("Conscients de …", "S’engagent à renforcer …"). */
function clauseRest(rng: Rng, lemma: OpenerLemma, firstMention: Set<string>): string {
  let object = clauseObject(rng, firstMention);
  const link = lemma.object ?? {};
  if (link.verb) object = `${rng.pick(OBJECT_VERBS)} ${object}`;
  if (link.prep) object = join(link.prep, object);
  return link.before ? `${link.before} ${object}` : object;
}

/** The object of a clause: a formulation, a citation, a body, with a tail. */
function clauseObject(rng: Rng, firstMention: Set<string>): string {
  const r = rng.next();
  let text: string;
  if (r < 0.5) text = rng.zipf(FORMULATIONS);
  else if (r < 0.75) text = `${instrumentCitation(rng, firstMention)}, ${rng.chance(0.5) ? 'ainsi que' : 'en particulier'} ${rng.zipf(FORMULATIONS)}`;
  else if (r < 0.9) text = `le travail de ${bodyMention(rng, firstMention)} et de ${bodyMention(rng, firstMention)} dans le domaine de ${fillerPhrase(rng)}`;
  else text = `${fillerPhrase(rng)} et ${fillerPhrase(rng)}, ${rng.zipf(FORMULATIONS)}`;
  const tails = rng.int(0, 3);
  for (let i = 0; i < tails; i++) {
    text += rng.chance(0.3) ? `, ${instrumentCitation(rng, firstMention)}` : `, ${rng.pick(TAILS)}`;
  }
  if (rng.chance(0.25)) text += `, en coopération avec ${bodyMention(rng, firstMention)}`;
  return text;
}

/** A whole clause body: opener in the form the voice and role need, then its object. */
function clause(rng: Rng, voice: Voice, role: 'preambular' | 'operative', firstMention: Set<string>, upper = false): string {
  const { form, lemma } = openerFor(rng, voice, role, upper);
  return `${form} ${clauseRest(rng, lemma, firstMention)}`;
}

function openerFor(rng: Rng, voice: Voice, role: 'preambular' | 'operative', upper: boolean): { form: string; lemma: OpenerLemma } {
  for (;;) {
    const o: OpenerLemma = rng.pick(OPENERS);
    let form: string | undefined;
    if (role === 'preambular') {
      form = o.pastParticiple && rng.chance(0.7) ? o.pastParticiple[voice === 'third-singular' ? 1 : 0] : o.participle;
    } else if (voice === 'third-plural') form = o.thirdPlural;
    else if (voice === 'third-singular') form = o.thirdSingular;
    else form = o.firstPlural ? (rng.chance(0.6) ? `Nous ${o.firstPlural}` : cap(o.firstPlural)) : undefined;
    if (form) return { form: upper ? form.toUpperCase() : form, lemma: o };
  }
}

function infinitiveClause(rng: Rng, firstMention: Set<string>): string {
  for (;;) {
    const o = rng.pick(OPENERS);
    if (o.infinitive) return `${o.infinitive} ${clauseRest(rng, o, firstMention)}`;
  }
}

function date(rng: Rng): { iso: string; written: string; year: number } {
  const year = rng.int(1995, 2024);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return {
    iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    written: `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`,
    year,
  };
}

export interface GeneratedDocument {
  genre: Genre;
  text: string;
}

/** Builds one document of about `targetChars` characters. */
export function generateDocument(seed: number, index: number, targetChars?: number): GeneratedDocument {
  const rng = new Rng(mix(seed, index));
  const genre = GENRES[index % GENRES.length];
  const target = targetChars ?? rng.int(6_000, 14_000);
  const firstMention = new Set<string>();
  const d = date(rng);
  const place = rng.pick(PLACES);
  const typo: Typography = {
    apostrophe: rng.chance(0.2) ? '\'' : '’',
    quoteSpace: rng.chance(0.5) ? '\u00a0' : rng.chance(0.5) ? '\u202f' : ' ',
    punctSpace: rng.chance(0.5) ? '\u00a0' : rng.chance(0.3) ? '\u202f' : ' ',
  };
  const paragraphs: string[] = [];
  let length = 0;
  const push = (p: string): void => {
    paragraphs.push(p);
    length += p.length + 2;
  };
  const full = (): boolean => length >= target;
  let frontMatter = '';
  let title: string;
  let body: string;

  switch (genre) {
    case 'osce-police': {
      title = `DÉCLARATION DE ${place.toUpperCase()}`;
      body = 'OSCE — chefs de police';
      push(`RÉUNION DES CHEFS DE POLICE DE L’OSCE`);
      push(`${d.written}\n${title}`);
      push(`Les chefs de police ou leurs représentants des États participants de l’OSCE se sont réunis à ${place} le ${d.written} afin de discuter ${join('de', rng.pick(TOPICS))} et de renforcer ${rng.zipf(FORMULATIONS)}.`);
      push('La rencontre s’est conclue par l’adoption de la déclaration suivante :');
      while (!full()) {
        push(`Concernant ${rng.pick(TOPICS)}, ${rng.chance(0.6) ? 'les chefs de police' : 'les participants :'}`);
        const n = rng.int(3, 7);
        for (let i = 0; i < n && !full(); i++) {
          push(`- ${clause(rng, 'third-plural', 'operative', firstMention)} ;`);
        }
      }
      break;
    }
    case 'osce-ministerial': {
      title = `DÉCLARATION SUR ${rng.pick(TOPICS).toUpperCase()}`;
      body = 'OSCE — Conseil ministériel';
      push(`MC.DOC/${rng.int(1, 9)}/${String(d.year % 100).padStart(2, '0')}`);
      push(title);
      let n = 1;
      push(`${n++}. Nous, Ministres des affaires étrangères des États participants de l’Organisation pour la sécurité et la coopération en Europe, rappelons ${instrumentCitation(rng, firstMention)}, ainsi que ${rng.zipf(FORMULATIONS)}.`);
      while (!full()) {
        const sentences = rng.int(1, 3);
        let p = `${n++}. ${clause(rng, 'first-plural', 'operative', firstMention)}.`;
        for (let s = 1; s < sentences; s++) p += ` ${clause(rng, 'first-plural', 'operative', firstMention)}.`;
        push(p);
      }
      break;
    }
    case 'interpol': {
      title = 'DÉCLARATION FINALE';
      body = 'INTERPOL — Ministres';
      push(title);
      push(`INTRO : Le ${d.written}, à l’occasion de la ${rng.int(60, 92)}e session de l’Assemblée générale d’INTERPOL, à ${place}, les Ministres se sont rencontrés sur le thème « ${cap(rng.pick(TOPICS))} ».`);
      push(`P1: À l’issue de la Réunion ministérielle, la Déclaration suivante a été adoptée par les Ministres présents :`);
      push('P2: Nous, les Ministres,');
      const pre = Math.max(3, Math.floor(target / 1800));
      for (let i = 0; i < pre && !full(); i++) {
        push(`P2${String.fromCharCode(65 + (i % 26))}: ${clause(rng, 'first-plural', 'preambular', firstMention)} ;`);
      }
      push('P3: Convenons :');
      for (let i = 0; !full(); i++) {
        push(`P3${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}: ${infinitiveClause(rng, firstMention)} ;`);
      }
      break;
    }
    case 'unsc': {
      const symbol = resolution(rng);
      title = `Résolution ${symbol}`;
      body = 'Conseil de sécurité des Nations Unies';
      push(`Nations Unies\tS/RES/${symbol}`);
      push(title);
      push(`Adoptée par le Conseil de sécurité à sa ${rng.int(3000, 9500)}e séance, le ${d.written}`);
      push('Le Conseil de sécurité,');
      push(`Rappelant ses résolutions ${resolution(rng)}, ${resolution(rng)} et ${resolution(rng)},`);
      const pre = Math.max(3, Math.floor(target / 2000));
      for (let i = 0; i < pre && !full(); i++) {
        push(`${clause(rng, 'third-singular', 'preambular', firstMention)},`);
      }
      let n = 1;
      while (!full()) push(`${n++}. ${clause(rng, 'third-singular', 'operative', firstMention)} ;`);
      push(`${n}. Décide de rester activement saisi de la question.`);
      break;
    }
    case 'coe': {
      title = `Recommandation CM/Rec(${d.year})${rng.int(1, 15)} du Comité des Ministres aux États membres sur ${rng.pick(TOPICS)}`;
      body = 'Conseil de l’Europe — Comité des Ministres';
      push(title);
      push(`(adoptée par le Comité des Ministres le ${d.written}, lors de la ${rng.int(900, 1480)}e réunion des Délégués des Ministres)`);
      push('Le Comité des Ministres, en vertu de l’article 15.b du Statut du Conseil de l’Europe,');
      const pre = Math.max(3, Math.floor(target / 1600));
      for (let i = 0; i < pre && !full(); i++) {
        push(`${clause(rng, 'third-singular', 'preambular', firstMention, true)} ;`);
      }
      while (!full()) push(`${clause(rng, 'third-singular', 'operative', firstMention, true)} ;`);
      break;
    }
    case 'osce-pc': {
      const n = rng.int(1000, 1500);
      title = `DÉCISION N° ${n}\n${rng.pick(TOPICS).toUpperCase()}`;
      body = 'OSCE — Conseil permanent';
      push(`PC.DEC/${n}\n${d.written}`);
      push(title);
      push('Le Conseil permanent,');
      const pre = Math.max(2, Math.floor(target / 2500));
      push(`Rappelant la décision ${osceDecision(rng)} du Conseil ministériel sur ${rng.pick(TOPICS)},`);
      for (let i = 0; i < pre && !full(); i++) push(`${clause(rng, 'third-singular', 'preambular', firstMention)},`);
      push('Décide :');
      let k = 1;
      while (!full()) push(`${k++}. ${infinitiveClause(rng, firstMention)} ;`);
      break;
    }
  }
  if (rng.chance(0.3)) {
    frontMatter = `---\ntitle: "${title.replace(/\n/g, ' ')}"\ndate: ${d.iso}\nbody: ${body}\nplace: ${place}\nkind: declaration\nlanguage: fr\n---\n`;
  }
  let text = paragraphs.join('\n\n');
  text = applyTypography(text, typo);
  if (rng.chance(0.3)) text = ocrNoise(rng, text);
  if (rng.chance(0.5)) text = hardWrap(rng, text, rng.chance(0.7));
  return { genre, text: frontMatter + text + '\n' };
}

function applyTypography(text: string, t: Typography): string {
  let out = text;
  if (t.apostrophe !== '’') out = out.replace(/’/g, t.apostrophe);
  if (t.quoteSpace !== ' ') out = out.replace(/« /g, `«${t.quoteSpace}`).replace(/ »/g, `${t.quoteSpace}»`);
  if (t.punctSpace !== ' ') out = out.replace(/ ([;:?!])/g, `${t.punctSpace}$1`);
  return out;
}

/** OCR confusions seen in PDF copies: I’OSCE, 1’Organisation, réle, a for à, Etats, ceuvre, sOreté. */
function ocrNoise(rng: Rng, text: string): string {
  return text.replace(/l’O|l’h|rôle|États| à |œ|sûreté|é/g, (m) => {
    if (!rng.chance(m === 'é' ? 0.01 : 0.4)) return m;
    switch (m) {
      case 'l’O': return rng.chance(0.5) ? 'I’O' : '1’O';
      case 'l’h': return 'I’h';
      case 'rôle': return rng.chance(0.5) ? 'réle' : 'role';
      case 'États': return 'Etats';
      case ' à ': return ' a ';
      case 'œ': return 'ce';
      case 'sûreté': return 'sOreté';
      default: return 'e';
    }
  });
}

/** Hard line breaks at ~90 columns, trailing spaces, and page footers, as text copied from a PDF. */
function hardWrap(rng: Rng, text: string, footers: boolean): string {
  const width = rng.int(80, 95);
  const out: string[] = [];
  let page = 1;
  let lineOnPage = 0;
  const pageLines = rng.int(40, 55);
  const footerStyle = rng.int(0, 3);
  for (const para of text.split('\n')) {
    let rest = para;
    do {
      let cut = rest.length;
      if (rest.length > width) {
        cut = rest.lastIndexOf(' ', width);
        if (cut <= 0) cut = width;
      }
      out.push(rest.slice(0, cut) + (rng.chance(0.5) ? ' ' : ''));
      rest = rest.slice(cut).replace(/^ /, '');
      if (footers && ++lineOnPage >= pageLines) {
        const footer = footerStyle === 0 ? `${page + 1}` : footerStyle === 1 ? `- ${page + 1} -` : footerStyle === 2 ? `Page ${page + 1}` : `MC.DOC/1/20 ${page + 1}`;
        out.push('', footer, '');
        page++;
        lineOnPage = 0;
      }
    } while (rest.length > 0);
  }
  return out.join('\n');
}

/**
 * A 20-page draft (~60 000 characters) with the faults the lints look for: a misspelled instrument,
 * an acronym never spelled out, a switch of voice, straight apostrophes, missing NBSP.
 */
export function generateDraft(seed: number): string {
  const parts: string[] = [];
  let i = 0;
  while (parts.join('\n\n').length < 60_000) {
    const doc = generateDocument(seed ^ 0x5eed, 1_000_000 + i, 8_000).text;
    parts.push(doc.replace(/^---[\s\S]*?---\n/, ''));
    i++;
  }
  let draft = parts.join('\n\n');
  draft = draft.replace('la Convention des Nations Unies contre la criminalité transnationale organisée', 'la Convention des Nations Unies contre la criminalite transnationale organisé');
  draft += '\n\nP9: Le GAFI réaffirme son soutien ; Nous saluons le travail accompli par l\'ONUDC et Réaffirment leur engagement.\n';
  return draft;
}

export interface CorpusManifest {
  generatorVersion: number;
  seed: number;
  size: string;
  documents: number;
  bytes: number;
  /** Paths relative to the corpus folder. */
  files: string[];
  draft: string;
  generatedMs: number;
}

export function corpusDir(cacheRoot: string, size: string): string {
  return path.join(cacheRoot, size);
}

/** Generates the corpus of a size unless the folder already holds the same (version, seed, count). */
export function ensureCorpus(cacheRoot: string, size: string, seed = DEFAULT_SEED, log: (s: string) => void = () => {}): CorpusManifest {
  const count = SIZES[size];
  if (count === undefined) throw new Error(`unknown size ${size} (expected ${Object.keys(SIZES).join(', ')})`);
  const dir = corpusDir(cacheRoot, size);
  const markerPath = path.join(dir, 'corpus.json');
  if (fs.existsSync(markerPath)) {
    try {
      const m = JSON.parse(fs.readFileSync(markerPath, 'utf8')) as CorpusManifest;
      if (m.generatorVersion === GENERATOR_VERSION && m.seed === seed && m.documents === count) return m;
    } catch {
      // A half-written marker: regenerate.
    }
  }
  log(`generating ${count} documents into ${dir} …`);
  const started = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let shardDir = '';
  for (let i = 0; i < count; i++) {
    if (i % 1000 === 0) {
      shardDir = `docs/${String(i / 1000).padStart(3, '0')}`;
      fs.mkdirSync(path.join(dir, shardDir), { recursive: true });
      if (i > 0 && i % 10_000 === 0) log(`  ${i} documents, ${(bytes / 1e6).toFixed(0)} MB`);
    }
    const doc = generateDocument(seed, i);
    const rel = `${shardDir}/${String(i).padStart(6, '0')}-${doc.genre}.txt`;
    const buf = Buffer.from(doc.text, 'utf8');
    fs.writeFileSync(path.join(dir, rel), buf);
    bytes += buf.length;
    files.push(rel);
  }
  fs.writeFileSync(path.join(dir, 'draft-20-pages.txt'), generateDraft(seed));
  const manifest: CorpusManifest = {
    generatorVersion: GENERATOR_VERSION, seed, size, documents: count, bytes, files, draft: 'draft-20-pages.txt',
    generatedMs: Math.round(performance.now() - started),
  };
  // The marker is written last: an interrupted generation is redone.
  fs.writeFileSync(markerPath, JSON.stringify(manifest));
  log(`generated ${count} documents, ${(bytes / 1e6).toFixed(1)} MB in ${(manifest.generatedMs / 1000).toFixed(1)} s`);
  return manifest;
}
