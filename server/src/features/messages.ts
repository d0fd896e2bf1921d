// What the drafter reads: diagnostics, quick-fix titles, completion details and hover labels, in
// French (default) or English (setting precedent.messages.language).
import type { OpenerForm, ReferenceKind, ReferenceType } from '../engine/types';
import type { MessageLanguage } from '../protocol/settings';

export interface Messages {
  missingReference(topic: string, reference: string, cited: number, of: number): string;
  unknownReference(text: string, suggestion: string | null): string;
  misspelledReference(text: string, suggestion: string): string;
  acronymFirstUse(acronym: string, name: string): string;
  incompleteYear(text: string, year: string): string;
  incompleteResolution(text: string): string;
  mixedVoice(opener: string, form: OpenerForm, majorityExample: string, majorityForm: OpenerForm): string;
  spaceBefore(mark: string): string;
  spaceAfterGuillemet(): string;
  apostrophe(found: string, majority: string, majorityCount: number, minorityCount: number): string;
  longLineSkipped(length: number, limit: number): string;
  binaryDraft(): string;
  tooManyTypography(shown: number, total: number): string;
  evidenceDocument(title: string, date: string | null): string;
  // Quick fixes
  fixInsertClause(clause: string): string;
  fixExpandAcronym(expanded: string): string;
  fixReplace(by: string): string;
  fixAddYear(year: string): string;
  fixVoice(by: string): string;
  fixSpace(): string;
  fixApostrophe(majority: string): string;
  fixAllTypography(n: number): string;
  // Completion and hover
  formName(form: OpenerForm): string;
  kindName(kind: ReferenceKind, type: ReferenceType): string;
  usedIn(count: number, docCount: number): string;
  conjugated(): string;
  lexiconOnly(): string;
  formulation(count: number, docCount: number): string;
  citedIn(docCount: number, count: number): string;
  andOthers(n: number): string;
  openPrecedent(): string;
  acronyms(): string;
  aliases(): string;
  year(): string;
  notInCorpus(): string;
  formsUsed(): string;
}

const FORM_FR: Record<OpenerForm, string> = {
  'third-plural': '3ᵉ personne du pluriel', 'third-singular': '3ᵉ personne du singulier', 'first-plural': '1ʳᵉ personne du pluriel',
  participle: 'participe présent', 'past-participle': 'participe passé / adjectif', infinitive: 'infinitif', noun: 'nom', other: 'autre',
};
const FORM_EN: Record<OpenerForm, string> = {
  'third-plural': 'third person plural', 'third-singular': 'third person singular', 'first-plural': 'first person plural',
  participle: 'present participle', 'past-participle': 'past participle / adjective', infinitive: 'infinitive', noun: 'noun', other: 'other',
};
const TYPE_FR: Partial<Record<ReferenceType, string>> = {
  convention: 'convention', protocol: 'protocole', resolution: 'résolution', decision: 'décision', declaration: 'déclaration',
  charter: 'charte', code: 'code', plan: 'plan d’action', strategy: 'stratégie', concept: 'concept', recommendation: 'recommandation',
  guidelines: 'lignes directrices', 'final-act': 'acte final', report: 'rapport', agreement: 'accord', document: 'document',
  organisation: 'organisation', organ: 'organe', agency: 'agence', other: 'autre',
};

const s = (n: number): string => (n === 1 ? '' : 's');

const fr: Messages = {
  missingReference: (topic, reference, cited, of) => `Les précédents qui traitent de ${topic} citent ${reference} (${cited} sur ${of}) ; le projet ne la cite pas.`,
  unknownReference: (text, suggestion) => `« ${text} » n’est ni dans la base de connaissances ni dans les précédents.${suggestion ? ` Vouliez-vous dire « ${suggestion} » ?` : ''}`,
  misspelledReference: (text, suggestion) => `« ${text} » ressemble à « ${suggestion} », mais n’est pas écrit comme dans les précédents.`,
  acronymFirstUse: (acronym, name) => `Le sigle « ${acronym} » est employé avant d’avoir été explicité : à la première mention, écrire « ${name} (${acronym}) ».`,
  incompleteYear: (text, year) => `Citation incomplète : « ${text} » est cité avec son année (${year}) à la première mention.`,
  incompleteResolution: (text) => `Citation incomplète : la résolution « ${text} » est citée sans son année.`,
  mixedVoice: (opener, form, example, majority) => `Voix mêlées : « ${opener} » (${FORM_FR[form]}) ne suit pas la forme des autres paragraphes de cette section (${FORM_FR[majority]} : « ${example} »).`,
  spaceBefore: (mark) => `Typographie : une espace insécable précède « ${mark} » en français.`,
  spaceAfterGuillemet: () => 'Typographie : une espace insécable suit « « » en français.',
  apostrophe: (found, majority, m, n) => `Apostrophe « ${found} » : le projet emploie surtout « ${majority} » (${m} contre ${n}).`,
  longLineSkipped: (length, limit) => `Ligne de ${length} caractères non analysée (limite : ${limit}).`,
  binaryDraft: () => 'Ce fichier semble binaire : il n’est pas analysé.',
  tooManyTypography: (shown, total) => `Typographie : ${total} remarques, les ${shown} premières seulement sont affichées.`,
  evidenceDocument: (title, date) => (date ? `${title} (${date})` : title),
  fixInsertClause: (clause) => `Ajouter le paragraphe « ${clause} »`,
  fixExpandAcronym: (expanded) => `Écrire « ${expanded} »`,
  fixReplace: (by) => `Remplacer par « ${by} »`,
  fixAddYear: (year) => `Ajouter l’année (${year})`,
  fixVoice: (by) => `Remplacer par « ${by} »`,
  fixSpace: () => 'Insérer une espace insécable',
  fixApostrophe: (majority) => `Employer « ${majority} »`,
  fixAllTypography: (n) => `Corriger toute la typographie du projet (${n})`,
  formName: (form) => FORM_FR[form],
  kindName: (kind, type) => `${kind === 'instrument' ? 'instrument' : 'organe ou organisation'}${TYPE_FR[type] && type !== 'other' ? ` — ${TYPE_FR[type]}` : ''}`,
  usedIn: (count, docCount) => `${count} emploi${s(count)} dans ${docCount} précédent${s(docCount)}`,
  conjugated: () => 'conjugué : forme absente des précédents',
  lexiconOnly: () => 'lexique : absent des précédents',
  formulation: (count, docCount) => `formulation des précédents — ${count} fois dans ${docCount} précédent${s(docCount)}`,
  citedIn: (docCount, count) => `Cité dans ${docCount} précédent${s(docCount)} (${count} fois)`,
  andOthers: (n) => `et ${n} autre${s(n)}`,
  openPrecedent: () => 'ouvrir',
  acronyms: () => 'Sigles',
  aliases: () => 'Autres noms',
  year: () => 'Année',
  notInCorpus: () => 'Absent des précédents',
  formsUsed: () => 'Formes employées dans les précédents',
};

const en: Messages = {
  missingReference: (topic, reference, cited, of) => `Precedents that address ${topic} cite ${reference} (${cited} of ${of}); the draft does not.`,
  unknownReference: (text, suggestion) => `“${text}” is neither in the knowledge base nor in the precedents.${suggestion ? ` Did you mean “${suggestion}”?` : ''}`,
  misspelledReference: (text, suggestion) => `“${text}” looks like “${suggestion}” but is not written as in the precedents.`,
  acronymFirstUse: (acronym, name) => `The acronym “${acronym}” is used before its full name: at first mention write “${name} (${acronym})”.`,
  incompleteYear: (text, year) => `Incomplete citation: “${text}” is cited with its year (${year}) at first mention.`,
  incompleteResolution: (text) => `Incomplete citation: the resolution “${text}” is cited without its year.`,
  mixedVoice: (opener, form, example, majority) => `Mixed voice: “${opener}” (${FORM_EN[form]}) does not follow the other paragraphs of this section (${FORM_EN[majority]}: “${example}”).`,
  spaceBefore: (mark) => `Typography: French puts a non-breaking space before “${mark}”.`,
  spaceAfterGuillemet: () => 'Typography: French puts a non-breaking space after “«”.',
  apostrophe: (found, majority, m, n) => `Apostrophe “${found}”: the draft mostly uses “${majority}” (${m} against ${n}).`,
  longLineSkipped: (length, limit) => `Line of ${length} characters not analysed (limit: ${limit}).`,
  binaryDraft: () => 'This file looks binary: it is not analysed.',
  tooManyTypography: (shown, total) => `Typography: ${total} findings, only the first ${shown} are shown.`,
  evidenceDocument: (title, date) => (date ? `${title} (${date})` : title),
  fixInsertClause: (clause) => `Add the paragraph “${clause}”`,
  fixExpandAcronym: (expanded) => `Write “${expanded}”`,
  fixReplace: (by) => `Replace with “${by}”`,
  fixAddYear: (year) => `Add the year (${year})`,
  fixVoice: (by) => `Replace with “${by}”`,
  fixSpace: () => 'Insert a non-breaking space',
  fixApostrophe: (majority) => `Use “${majority}”`,
  fixAllTypography: (n) => `Fix all typography in the draft (${n})`,
  formName: (form) => FORM_EN[form],
  kindName: (kind, type) => `${kind === 'instrument' ? 'instrument' : 'body'}${type !== 'other' ? ` — ${type}` : ''}`,
  usedIn: (count, docCount) => `${count} use${s(count)} in ${docCount} precedent${s(docCount)}`,
  conjugated: () => 'conjugated: form not found in the precedents',
  lexiconOnly: () => 'lexicon: not in the precedents',
  formulation: (count, docCount) => `precedent formulation — ${count} times in ${docCount} precedent${s(docCount)}`,
  citedIn: (docCount, count) => `Cited in ${docCount} precedent${s(docCount)} (${count} time${s(count)})`,
  andOthers: (n) => `and ${n} more`,
  openPrecedent: () => 'open',
  acronyms: () => 'Acronyms',
  aliases: () => 'Other names',
  year: () => 'Year',
  notInCorpus: () => 'Not in the precedents',
  formsUsed: () => 'Forms used in the precedents',
};

export function messagesFor(language: MessageLanguage): Messages {
  return language === 'en' ? en : fr;
}
