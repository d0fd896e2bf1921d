// Drafting material the synthetic corpus is recombined from. Modelled on OSCE, INTERPOL, UN Security
// Council and Council of Europe texts: the same openers in every grammatical form, recurring
// formulations with a Zipf-like frequency, and citations with numbers and years.

/** One clause-opening lemma and its written forms. Missing forms are never generated. */
export interface OpenerLemma {
  lemma: string;
  thirdPlural?: string;
  thirdSingular?: string;
  /** Without the "Nous" ("réaffirmons"); generators add "Nous " where the voice needs it. */
  firstPlural?: string;
  participle?: string;
  /** Past participle / adjective, plural then singular: ["Conscients", "Conscient"]. */
  pastParticiple?: [string, string];
  infinitive?: string;
  role: 'preambular' | 'operative';
  /**
   * What links the opener to its object: nothing (a noun phrase), a preposition, or a preposition and
   * a verb ("S’engagent à renforcer …"), optionally after a fixed complement ("tous les États de").
   */
  object?: { before?: string; prep?: 'de' | 'à' | 'par' | 'devant'; verb?: boolean };
}

export const OPENERS: OpenerLemma[] = [
  { lemma: 'réaffirmer', thirdPlural: 'Réaffirment', thirdSingular: 'Réaffirme', firstPlural: 'réaffirmons', participle: 'Réaffirmant', infinitive: 'De réaffirmer', role: 'preambular' },
  { lemma: 'rappeler', thirdPlural: 'Rappellent', thirdSingular: 'Rappelle', firstPlural: 'rappelons', participle: 'Rappelant', infinitive: 'De rappeler', role: 'preambular', object: {} },
  { lemma: 'reconnaître', thirdPlural: 'Reconnaissent', thirdSingular: 'Reconnaît', firstPlural: 'reconnaissons', participle: 'Reconnaissant', infinitive: 'De reconnaître', role: 'preambular' },
  { lemma: 'soutenir', thirdPlural: 'Soutiennent', thirdSingular: 'Soutient', firstPlural: 'soutenons', participle: 'Soutenant', infinitive: 'De soutenir', role: 'operative' },
  { lemma: 'souligner', thirdPlural: 'Soulignent', thirdSingular: 'Souligne', firstPlural: 'soulignons', participle: 'Soulignant', infinitive: 'De souligner', role: 'preambular' },
  { lemma: 'encourager', thirdPlural: 'Encouragent', thirdSingular: 'Encourage', firstPlural: 'encourageons', participle: 'Encourageant', infinitive: 'D’encourager', role: 'operative' },
  { lemma: 'saluer', thirdPlural: 'Saluent', thirdSingular: 'Salue', firstPlural: 'saluons', participle: 'Saluant', infinitive: 'De saluer', role: 'preambular' },
  { lemma: 'exhorter', thirdPlural: 'Exhortent', thirdSingular: 'Exhorte', firstPlural: 'exhortons', participle: 'Exhortant', infinitive: 'D’exhorter', role: 'operative', object: { before: 'les États participants', prep: 'à', verb: true } },
  { lemma: 'demander', thirdPlural: 'Demandent', thirdSingular: 'Demande', firstPlural: 'demandons', participle: 'Demandant', infinitive: 'De demander', role: 'operative' },
  { lemma: 'décider', thirdPlural: 'Décident', thirdSingular: 'Décide', firstPlural: 'décidons', participle: 'Décidant', infinitive: 'De décider', role: 'operative', object: { prep: 'de', verb: true } },
  { lemma: 's’engager', thirdPlural: 'S’engagent à', thirdSingular: 'S’engage à', firstPlural: 'nous engageons à', participle: 'S’engageant à', infinitive: 'De s’engager à', role: 'operative', object: { verb: true } },
  { lemma: 'insister', thirdPlural: 'Insistent sur', thirdSingular: 'Insiste sur', firstPlural: 'insistons sur', participle: 'Insistant sur', infinitive: 'D’insister sur', role: 'operative' },
  { lemma: 'prendre note', thirdPlural: 'Prennent note', thirdSingular: 'Prend note', firstPlural: 'prenons note', participle: 'Prenant note', infinitive: 'De prendre note', role: 'preambular', object: { prep: 'de' } },
  { lemma: 'accueillir avec satisfaction', thirdPlural: 'Accueillent avec satisfaction', thirdSingular: 'Accueille avec satisfaction', firstPlural: 'accueillons avec satisfaction', participle: 'Accueillant avec satisfaction', role: 'preambular' },
  { lemma: 'appeler', thirdPlural: 'Appellent', thirdSingular: 'Appelle', firstPlural: 'appelons', participle: 'Appelant', infinitive: 'D’appeler', role: 'operative', object: { prep: 'à' } },
  { lemma: 'considérer', thirdPlural: 'Considèrent', thirdSingular: 'Considère', firstPlural: 'considérons', participle: 'Considérant', role: 'preambular', object: { before: 'qu’il est essentiel', prep: 'de', verb: true } },
  { lemma: 'promouvoir', thirdPlural: 'Promeuvent', thirdSingular: 'Promeut', firstPlural: 'promouvons', participle: 'Promouvant', infinitive: 'De promouvoir', role: 'operative' },
  { lemma: 'renforcer', thirdPlural: 'Renforcent', thirdSingular: 'Renforce', firstPlural: 'renforçons', participle: 'Renforçant', infinitive: 'De renforcer', role: 'operative' },
  { lemma: 'prier', thirdPlural: 'Prient', thirdSingular: 'Prie', firstPlural: 'prions', participle: 'Priant', infinitive: 'De prier', role: 'operative', object: { before: 'tous les États', prep: 'de', verb: true } },
  { lemma: 'inviter', thirdPlural: 'Invitent', thirdSingular: 'Invite', firstPlural: 'invitons', participle: 'Invitant', infinitive: 'D’inviter', role: 'operative', object: { before: 'les organisations compétentes', prep: 'à', verb: true } },
  { lemma: 'condamner', thirdPlural: 'Condamnent', thirdSingular: 'Condamne', firstPlural: 'condamnons', participle: 'Condamnant', infinitive: 'De condamner', role: 'preambular' },
  { lemma: 'noter', thirdPlural: 'Notent', thirdSingular: 'Note', firstPlural: 'notons', participle: 'Notant', infinitive: 'De noter', role: 'preambular' },
  { lemma: 'affirmer', thirdPlural: 'Affirment', thirdSingular: 'Affirme', firstPlural: 'affirmons', participle: 'Affirmant', infinitive: 'D’affirmer', role: 'preambular' },
  { lemma: 'exprimer leur préoccupation', thirdPlural: 'Expriment leur préoccupation', thirdSingular: 'Exprime sa préoccupation', firstPlural: 'exprimons notre préoccupation', participle: 'Exprimant leur préoccupation particulière', role: 'preambular', object: { prep: 'devant' } },
  { lemma: 'conscient', pastParticiple: ['Conscients', 'Conscient'], role: 'preambular', object: { prep: 'de' } },
  { lemma: 'convaincu', pastParticiple: ['Convaincus', 'Convaincu'], role: 'preambular', object: { prep: 'de' } },
  { lemma: 'préoccupé', pastParticiple: ['Profondément préoccupés', 'Profondément préoccupé'], role: 'preambular', object: { prep: 'par' } },
  { lemma: 'résolu', pastParticiple: ['Résolus', 'Résolu'], role: 'preambular', object: { prep: 'à', verb: true } },
  { lemma: 'déterminé', pastParticiple: ['Déterminés', 'Déterminé'], role: 'preambular', object: { prep: 'à', verb: true } },
  { lemma: 'alarmé', pastParticiple: ['Gravement alarmés', 'Gravement alarmé'], role: 'preambular', object: { prep: 'par' } },
];

/** Recurring formulations, most frequent first (the generator draws them with a Zipf law). */
export const FORMULATIONS: string[] = [
  'la nécessité de renforcer la coopération policière internationale',
  'l’importance de l’échange d’informations en temps utile entre les services chargés de l’application de la loi',
  'leur profonde inquiétude devant les effets négatifs de la criminalité transnationale organisée sur la stabilité et la sécurité',
  'le rôle central de l’Organisation des Nations Unies dans la lutte contre la criminalité transnationale organisée',
  'le respect des droits de l’homme et des libertés fondamentales ainsi que la primauté du droit',
  'les engagements pris dans le cadre de l’OSCE en matière de lutte contre le terrorisme',
  'la nécessité d’une approche globale, complète et cohérente',
  'l’importance de rassembler et de produire des données de qualité',
  'le besoin de continuer à s’orienter vers des services de police axés sur le renseignement',
  'la mise en œuvre intégrale et effective des instruments internationaux pertinents',
  'les efforts déployés au niveau mondial pour lutter contre la menace complexe que représente la criminalité transnationale organisée',
  'le rôle primordial des États participants dans la lutte contre la criminalité transnationale organisée',
  'l’importance du travail accompli par les organisations internationales compétentes',
  'la contribution révolutionnaire des technologies de l’information et de la communication',
  'la nécessité de mettre de plus grandes ressources nationales à disposition à cet effet',
  'les États participants à devenir parties aux conventions et protocoles pertinents',
  'tous les États membres à coopérer pleinement',
  'la menace que représentent les combattants terroristes étrangers',
  'la coopération entre les services de police, de douane et de contrôle aux frontières',
  'le renforcement des capacités des services nationaux chargés de l’application de la loi',
  'la traite des êtres humains sous toutes ses formes',
  'le blanchiment d’argent et le financement du terrorisme',
  'la prévention de l’extrémisme violent et de la radicalisation conduisant au terrorisme',
  'la gestion des frontières et la sécurité des documents de voyage',
  'l’échange de bonnes pratiques entre services chargés de l’application de la loi du monde entier',
  'la cybercriminalité et l’utilisation abusive des technologies de l’information',
  'le trafic illicite de stupéfiants et de précurseurs chimiques',
  'la corruption, qui compromet la confiance des citoyens dans les institutions',
  'la protection des victimes et des témoins',
  'le trafic illicite d’armes légères et de petit calibre',
  'la coordination d’opérations et d’enquêtes conjointes',
  'la mise en place de réseaux policiers pérennes',
  'une coopération policière internationale fructueuse',
  'la sûreté et la sécurité des citoyens',
  'les capacités nationales de collecte et d’analyse du renseignement criminel',
  'la confiscation du produit du crime',
  'l’entraide judiciaire en matière pénale et l’extradition',
  'l’égalité entre les femmes et les hommes dans les services de police',
  'le dialogue avec la société civile et le secteur privé',
  'l’application effective des sanctions ciblées',
];

/** Continuations appended after a formulation, to make every clause a little different. */
export const TAILS: string[] = [
  'afin de mieux lutter contre le fléau du crime organisé',
  'en tant que partie intégrante des efforts déployés par l’Organisation',
  'en étroite collaboration avec les institutions spécialisées à l’échelon régional et international',
  'dans le plein respect du droit international',
  'conformément à leur législation nationale',
  'notamment en exploitant les économies mondialisées et les sociétés ouvertes',
  'ainsi que les droits de l’homme et les libertés fondamentales',
  'en particulier dans les régions les plus touchées',
  'dans la limite des ressources disponibles',
  'à l’échelon national, régional et international',
  'en tenant compte des besoins particuliers des pays en développement',
  'et prient le Secrétaire général de rendre compte de l’application de la présente décision',
  'y compris par l’assistance technique et la formation',
  'compte tenu de la nature évolutive de la menace',
  'sans préjudice des compétences des autres organisations',
  'afin d’anticiper et de réduire les possibilités qu’ont les groupes criminels organisés d’opérer dans nos sociétés',
];

/** Feminine nouns, to agree with FILLER_ADJECTIVES. */
export const FILLER_NOUNS: string[] = [
  'coopération', 'sécurité', 'stabilité', 'confiance', 'prévention', 'formation', 'assistance', 'analyse', 'évaluation',
  'menace', 'enquête', 'frontière', 'capacité', 'stratégie', 'procédure', 'victime', 'infraction', 'poursuite',
  'juridiction', 'extradition', 'transparence', 'responsabilité', 'intégrité',
];

/** Verbs for openers that take an infinitive ("S’engagent à renforcer …"). */
export const OBJECT_VERBS: string[] = ['renforcer', 'promouvoir', 'soutenir', 'faciliter', 'améliorer', 'encourager', 'poursuivre', 'intensifier'];
export const FILLER_ADJECTIVES: string[] = [
  'internationale', 'régionale', 'nationale', 'efficace', 'durable', 'opérationnelle', 'stratégique', 'technique',
  'judiciaire', 'policière', 'transfrontalière', 'multilatérale', 'pérenne', 'cohérente', 'accrue',
];

/** A citable instrument or body: how it is written in full, and its short forms. */
export interface CitableReference {
  full: string;
  short?: string[];
}

export const INSTRUMENTS: CitableReference[] = [
  { full: 'la Convention des Nations Unies contre la criminalité transnationale organisée (2000)', short: ['la Convention de Palerme', 'la Convention des Nations Unies contre la criminalité transnationale organisée'] },
  { full: 'la Convention des Nations Unies contre la corruption (2003)', short: ['la Convention contre la corruption'] },
  { full: 'la Convention unique sur les stupéfiants de 1961' },
  { full: 'la Convention des Nations Unies contre le trafic illicite de stupéfiants et de substances psychotropes (1988)' },
  { full: 'le Protocole additionnel visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants (2000)', short: ['le Protocole relatif à la traite des personnes'] },
  { full: 'la Convention du Conseil de l’Europe sur la cybercriminalité (2001)', short: ['la Convention de Budapest'] },
  { full: 'la Charte des Nations Unies' },
  { full: 'l’Acte final d’Helsinki (1975)', short: ['l’Acte final d’Helsinki'] },
  { full: 'la Stratégie antiterroriste mondiale des Nations Unies (2006)' },
  { full: 'le Plan d’action de l’OSCE pour lutter contre la traite des êtres humains (2003)' },
  { full: 'le Concept stratégique de l’OSCE relatif aux activités de police (2012)' },
  { full: 'le Programme de développement durable à l’horizon 2030' },
  { full: 'la Déclaration universelle des droits de l’homme (1948)' },
  { full: 'le Document de Vienne 2011' },
];

export const BODIES: CitableReference[] = [
  { full: 'l’Office des Nations Unies contre la drogue et le crime (ONUDC)', short: ['l’ONUDC'] },
  { full: 'l’Organisation internationale de police criminelle (INTERPOL)', short: ['INTERPOL'] },
  { full: 'l’Agence de l’Union européenne pour la coopération des services répressifs (Europol)', short: ['Europol'] },
  { full: 'l’Organisation pour la sécurité et la coopération en Europe (OSCE)', short: ['l’OSCE'] },
  { full: 'le Groupe d’action financière (GAFI)', short: ['le GAFI'] },
  { full: 'le Comité contre le terrorisme', short: ['le Comité'] },
  { full: 'la Direction exécutive du Comité contre le terrorisme (DECT)', short: ['la DECT'] },
  { full: 'le Conseil de l’Europe' },
  { full: 'l’Union européenne', short: ['l’UE'] },
  { full: 'le Bureau des institutions démocratiques et des droits de l’homme (BIDDH)', short: ['le BIDDH'] },
  { full: 'l’Unité pour les questions stratégiques de police', short: ['l’Unité'] },
  { full: 'le Mécanisme de coopération policière de l’Union africaine (AFRIPOL)', short: ['AFRIPOL'] },
  { full: 'la Communauté des polices d’Amérique (AMERIPOL)', short: ['AMERIPOL'] },
  { full: 'l’Association des chefs de police des pays de l’ASEAN (ASEANAPOL)', short: ['ASEANAPOL'] },
  { full: 'l’Organisation mondiale des douanes (OMD)', short: ['l’OMD'] },
];

export const PLACES: string[] = [
  'Bruxelles', 'Vienne', 'Monaco', 'Bratislava', 'Tirana', 'Genève', 'New York', 'Lyon', 'Strasbourg', 'Madrid',
  'Belgrade', 'Hambourg', 'Bâle', 'Milan', 'Astana', 'Kigali', 'Santiago', 'Singapour', 'Dubaï', 'Lisbonne',
];

export const MONTHS: string[] = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

export const TOPICS: string[] = [
  'la coopération policière internationale', 'la criminalité transnationale organisée', 'la lutte contre le terrorisme',
  'la traite des êtres humains', 'la cybercriminalité', 'le trafic de stupéfiants', 'la corruption',
  'la gestion des frontières', 'le blanchiment d’argent', 'les combattants terroristes étrangers',
  'le rôle de l’OSCE', 'le risque stratégique et les évaluations des menaces',
];
