// Verbs and adjectives the morphology may recognise at the start of a clause. A word that merely
// looks like a verb form ("Comité", "Cette", "Présent") is only taken for one when its lemma is
// listed here, or, in bulleted/labelled clauses, when its ending is unambiguous (see lemmaOf).

/**
 * Verbs of French institutional drafting (infinitives, lower case, ’ for elision). Every lexicon
 * lemma's head verb is here (a unit test checks it); the rest are verbs that open clauses in
 * declarations, resolutions, communiqués and reports often enough to be worth recognising.
 */
export const KNOWN_VERBS: readonly string[] = [
  // -er
  'accepter', 'accorder', 'adopter', 'affirmer', 'aider', 'ajouter', 'alarmer', 'améliorer', 'analyser',
  'annoncer', 'appeler', 'applaudir', 'appliquer', 'apporter', 'apprécier', 'approuver', 'appuyer', 'arrêter',
  'assurer', 'attacher', 'attirer', 'autoriser', 'axer', 'charger', 'collaborer', 'commémorer', 'communiquer',
  'compléter', 'concentrer', 'condamner', 'confier', 'confirmer', 'considérer', 'consolider', 'constater',
  'consulter', 'continuer', 'contribuer', 'coopérer', 'coordonner', 'créer', 'décider', 'déclarer', 'déplorer',
  'demander', 'dénoncer', 'désigner', 'déterminer', 'développer', 'diffuser', 'documenter', 'donner',
  'échanger', 'élaborer', 'éliminer', 'encourager', 'engager', 'envisager', 'espérer', 'estimer', 'évaluer',
  'examiner', 'exhorter', 'exiger', 'exploiter', 'exprimer', 'faciliter', 'féliciter', 'fixer', 'formuler',
  'garantir', 'garder', 'guider', 'harmoniser', 'honorer', 'identifier', 'inciter', 'indiquer', 'informer',
  'inquiéter', 'insister', 'inspirer', 'intégrer', 'intensifier', 'inviter', 'jouer', 'jouer', 'juger', 'lancer',
  'limiter', 'lutter', 'manifester', 'marquer', 'mandater', 'mener', 'mesurer', 'mobiliser', 'noter',
  'observer', 'œuvrer', 'organiser', 'partager', 'participer', 'persuader', 'placer', 'poser', 'préconiser',
  'préférer', 'préoccuper', 'préparer', 'présenter', 'préserver', 'prêter', 'prier', 'prioriser', 'procéder',
  'proclamer', 'profiter', 'progresser', 'prolonger', 'proposer', 'protéger', 'prouver', 'rappeler',
  'rassembler', 'réaffirmer', 'réaliser', 'recenser', 'recommander', 'recommencer', 'recommander', 'réexaminer',
  'refléter', 'regretter', 'réitérer', 'rejeter', 'relever', 'remercier', 'renforcer', 'renouveler',
  'rencontrer', 'répéter', 'réserver', 'respecter', 'rester', 'saluer', 'sensibiliser', 'signaler', 'signer',
  'sommer', 'souhaiter', 'souligner', 'soulever', 'stimuler', 'suggérer', 'superviser', 'tâcher', 'terminer',
  'travailler', 'traiter', 'troubler', 'utiliser', 'valoriser', 'veiller', 'viser', 'employer', 'céder',
  'efforcer', 'préciser', 'compter', 'accélérer', 'adapter', 'associer', 'aborder', 'activer', 'agréer',
  'alerter', 'allouer', 'assister', 'célébrer', 'combler', 'commencer', 'conserver', 'constituer', 'contrôler',
  'débattre', 'déployer', 'élargir', 'éclairer', 'enquêter', 'entamer', 'financer', 'focaliser', 'fonder',
  'former', 'inclure', 'insérer', 'instaurer', 'lever', 'localiser', 'maintenir', 'optimiser', 'orienter',
  'planifier', 'poursuivre', 'recenser', 'redoubler', 'réformer', 'reposer', 'résoudre', 'rationaliser',
  'sanctionner', 'soumettre', 'tenir', 'viser', 'prévenir', 'entériner', 'mandater', 'ratifier', 'ressentir', 'réjouir', 'demeurer',
  // -ir (2nd group unless an irregular class says otherwise)
  'accomplir', 'accueillir', 'agir', 'aboutir', 'affermir', 'appartenir', 'choisir', 'convenir', 'définir',
  'établir', 'investir', 'obtenir', 'parvenir', 'réagir', 'recueillir', 'réfléchir', 'remplir', 'réunir',
  'réussir', 'saisir', 'servir', 'soutenir', 'souvenir', 'venir', 'intervenir', 'contenir', 'consentir',
  'offrir', 'ouvrir', 'accroître', 'acquérir', 'enrichir', 'fournir', 'munir', 'unir', 'retenir', 'abstenir',
  // -re, -oir
  'admettre', 'comprendre', 'conclure', 'connaître', 'construire', 'convaincre', 'croire', 'décrire',
  'devoir', 'dire', 'entreprendre', 'être', 'avoir', 'faire', 'inscrire', 'introduire', 'mettre', 'paraître',
  'permettre', 'pouvoir', 'prendre', 'prescrire', 'prévoir', 'produire', 'promouvoir', 'reconnaître',
  'réduire', 'rendre', 'répondre', 'reprendre', 'satisfaire', 'souscrire', 'suivre', 'transmettre', 'vouloir',
  'combattre', 'défendre', 'dépendre', 'étendre', 'entendre', 'attendre', 'joindre', 'atteindre', 'recevoir',
  'concevoir', 'percevoir', 'savoir', 'valoir', 'lire', 'élire', 'interdire', 'apparaître', 'remettre',
  'promettre', 'conduire', 'traduire',
];

/**
 * Adjectives (masculine singular) that open preambular clauses, with their irregular feminine when
 * it is not lemma + "e". They agree with the speaker: "Conscients" (les chefs de police),
 * "Consciente" (l’Assemblée générale).
 */
export const OPENER_ADJECTIVES: ReadonlyArray<[lemma: string, feminine?: string]> = [
  ['conscient'], ['convaincu'], ['préoccupé'], ['déterminé'], ['alarmé'], ['résolu'], ['guidé'],
  ['soucieux', 'soucieuse'], ['désireux', 'désireuse'], ['attaché'], ['inquiet', 'inquiète'], ['persuadé'],
  ['attentif', 'attentive'], ['troublé'], ['choqué'], ['indigné'], ['encouragé'], ['satisfait'], ['confiant'],
  ['réuni'], ['décidé'], ['inspiré'], ['animé'],
];

/** Words that end like a verb form but open clauses as something else (nouns, adverbs, adjectives). */
export const NOT_VERBS: ReadonlySet<string> = new Set([
  // -ent
  'souvent', 'comment', 'président', 'accident', 'incident', 'occident', 'précédent', 'agent', 'argent',
  'client', 'talent', 'parent', 'patient', 'continent', 'content', 'urgent', 'absent', 'présent', 'récent',
  'différent', 'excellent', 'permanent', 'compétent', 'pertinent', 'éminent', 'transparent', 'cohérent',
  'évident', 'prudent', 'dent', 'vent', 'cent', 'lent', 'adolescent', 'innocent', 'décent', 'fréquent',
  'conscient', 'équivalent', 'violent', 'intelligent', 'indépendant', 'suffisant', 'régent', 'sergent',
  'segment', 'contingent', 'moment', 'parlement', 'gouvernement', 'document', 'élément', 'instrument',
  'entent', 'couvent', 'serpent', 'torrent', 'orient', 'inconvénient', 'ingrédient', 'coefficient',
  // -ant
  'avant', 'pendant', 'durant', 'cependant', 'maintenant', 'important', 'constant', 'enfant', 'tant',
  'quant', 'instant', 'montant', 'néant', 'géant', 'restaurant', 'élégant', 'puissant', 'brillant',
  'gouvernant', 'dirigeant', 'représentant', 'participant', 'habitant', 'intervenant', 'étudiant',
  'combattant', 'commandant', 'lieutenant', 'sergent', 'croissant', 'plant', 'chant', 'gant', 'rang',
  'savant', 'vivant', 'méchant', 'ignorant', 'pédant', 'dorénavant', 'auparavant', 'devant', 'suivant',
  'nonobstant', 'moyennant', 'concernant', 'touchant', 'partant', 'attendant',
  // -ons
  'nations', 'actions', 'raisons', 'questions', 'dons', 'millions', 'régions', 'sons', 'bons', 'ponts',
  'saisons', 'maisons', 'prisons', 'liaisons', 'horizons', 'occasions', 'opinions', 'unions', 'réunions',
  'missions', 'commissions', 'sessions', 'décisions', 'divisions', 'dimensions', 'tensions', 'fonctions',
  'sanctions', 'fonds', 'ballons', 'poissons', 'garçons', 'leçons', 'façons', 'rayons', 'crayons', 'noms',
  // -é(e)(s)
  'comité', 'société', 'sociétés', 'sécurité', 'santé', 'traité', 'traités', 'été', 'année', 'entrée',
  'idée', 'armée', 'durée', 'journée', 'assemblée', 'musée', 'lycée', 'clé', 'marché', 'degré', 'côté',
  'activité', 'capacité', 'nécessité', 'priorité', 'communauté', 'égalité', 'liberté', 'volonté', 'autorité',
  'qualité', 'quantité', 'réalité', 'unité', 'identité', 'entité', 'entités', 'identités', 'procédé',
]);
