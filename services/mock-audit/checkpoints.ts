/**
 * What an auditor ticks on each indicator during a mock audit (pre-audit), as data: each checkpoint a stable code,
 * its French wording and an English summary. Drawn from the indicators' expected evidence in the referential's
 * guide as DOMAIN.md and RNQ-referentiel.md summarise it; 30 is walked per group of stakeholders, as the auditor
 * asks it. An indicator missing here (a later version's new one) gets the generic checkpoints.
 */
export interface Checkpoint {
  code: string;
  fr: string;
  en: string;
  /** For indicator 30: the group of stakeholders the checkpoint is about. */
  group?: StakeholderGroup;
}

export const STAKEHOLDER_GROUPS = ['learners', 'trainers', 'funders', 'companies'] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export const STAKEHOLDER_GROUP_LABELS: Record<StakeholderGroup, { fr: string; en: string }> = {
  learners: { fr: 'Bénéficiaires (stagiaires)', en: 'Beneficiaries (learners)' },
  trainers: { fr: 'Équipes pédagogiques (formateurs)', en: 'Teaching teams (trainers)' },
  funders: { fr: 'Financeurs', en: 'Funders' },
  companies: { fr: 'Entreprises concernées', en: 'Companies concerned' },
};

const point = (code: string, fr: string, en: string): Checkpoint => ({ code, fr, en });

/** Indicator 30, per group: views solicited, at a relevant frequency, with free expression and reminders. */
const stakeholderCheckpoints = (group: StakeholderGroup): Checkpoint[] => {
  const label = STAKEHOLDER_GROUP_LABELS[group];
  return [
    {
      code: `${group}.solicited`,
      fr: `${label.fr} : appréciations sollicitées`,
      en: `${label.en}: views solicited`,
      group,
    },
    {
      code: `${group}.frequency`,
      fr: `${label.fr} : fréquence pertinente (à chaud, à froid, annuelle…)`,
      en: `${label.en}: at a relevant frequency`,
      group,
    },
    {
      code: `${group}.free_expression`,
      fr: `${label.fr} : expression libre possible (question ouverte, entretien)`,
      en: `${label.en}: free expression allowed`,
      group,
    },
    {
      code: `${group}.reminders`,
      fr: `${label.fr} : relances faites auprès de ceux qui n’ont pas répondu`,
      en: `${label.en}: reminders sent`,
      group,
    },
  ];
};

export const GENERIC_CHECKPOINTS: readonly Checkpoint[] = [
  point('process', 'Le processus est formalisé', 'The process is written down'),
  point('evidence', 'Des preuves de sa mise en œuvre sont disponibles', 'Evidence of it in practice'),
];

export const CHECKPOINTS: Readonly<Record<number, readonly Checkpoint[]>> = {
  1: [
    point('published', 'Information publique accessible (site, plaquette)', 'Public information available'),
    point(
      'prerequisites',
      'Prérequis, objectifs, durée, modalités et délais d’accès',
      'Prerequisites, objectives, length, access times',
    ),
    point(
      'prices',
      'Tarifs, contacts, méthodes et modalités d’évaluation',
      'Prices, contacts, methods, assessment',
    ),
    point('accessibility', 'Accessibilité aux personnes handicapées', 'Accessibility to disabled people'),
    point('up_to_date', 'Information à jour et détaillée', 'Up to date and detailed'),
  ],
  2: [
    point('indicators_chosen', 'Indicateurs de résultats définis', 'Results indicators chosen'),
    point(
      'published',
      'Résultats publiés (taux de satisfaction, nombre de stagiaires…)',
      'Results published',
    ),
    point(
      'period_and_count',
      'Période et nombre de personnes indiqués',
      'Period and number of people stated',
    ),
    point('up_to_date', 'Résultats à jour (moins de 12 mois)', 'Results up to date (under 12 months)'),
  ],
  3: [
    point('pass_rates', 'Taux d’obtention des certifications publiés', 'Certification pass rates published'),
    point('blocks', 'Possibilités de valider des blocs de compétences', 'Skills blocks stated'),
    point(
      'equivalences',
      'Équivalences, passerelles, suites de parcours, débouchés',
      'Equivalences, bridges, outcomes',
    ),
  ],
  4: [
    point(
      'needs_analysis',
      'Analyse du besoin du bénéficiaire, de l’entreprise ou du financeur',
      'Needs analysed',
    ),
    point(
      'traces',
      'Traces de l’analyse (questionnaire, entretien, compte rendu)',
      'Records of the analysis',
    ),
    point('adaptation', 'Prestation adaptée au besoin analysé', 'Service adapted to the need'),
  ],
  5: [
    point(
      'operational_objectives',
      'Objectifs opérationnels et évaluables définis',
      'Operational, assessable objectives',
    ),
    point(
      'consistent',
      'Objectifs cohérents avec le contenu et l’évaluation',
      'Objectives consistent with content and assessment',
    ),
  ],
  6: [
    point('contents', 'Contenus et modalités de mise en œuvre établis', 'Content and delivery defined'),
    point('adapted', 'Adaptés aux objectifs et aux publics', 'Suited to objectives and audiences'),
  ],
  7: [
    point(
      'certification_fit',
      'Adéquation du contenu aux exigences de la certification',
      'Content fits the certification',
    ),
    point('reference', 'Référentiel de la certification visé et suivi', 'Certification reference followed'),
  ],
  8: [
    point('positioning', 'Positionnement à l’entrée (acquis, prérequis)', 'Entry positioning'),
    point('traces', 'Traces du positionnement (tests, entretiens)', 'Records of positioning'),
  ],
  9: [
    point(
      'conditions_informed',
      'Conditions de déroulement communiquées (règlement, livret d’accueil)',
      'Delivery conditions given',
    ),
    point('contacts', 'Interlocuteurs identifiés', 'Contacts named'),
  ],
  10: [
    point('adaptation', 'Adaptation de la prestation et de l’accompagnement', 'Service and support adapted'),
    point('follow_up', 'Suivi des bénéficiaires tracé', 'Follow-up recorded'),
  ],
  11: [
    point(
      'process',
      'Processus d’évaluation de l’atteinte des objectifs formalisé',
      'Assessment process written down',
    ),
    point(
      'evidence',
      'Évaluations réalisées (tests, mises en situation, grilles)',
      'Assessments carried out',
    ),
  ],
  12: [
    point('engagement', 'Mesures pour favoriser l’engagement', 'Engagement measures'),
    point('drop_out', 'Prévention et analyse des abandons', 'Drop-out prevented and analysed'),
  ],
  13: [
    point('coordination', 'Coordination avec l’entreprise (alternance)', 'Coordination with the company'),
    point(
      'traces',
      'Traces des échanges avec le tuteur ou maître d’apprentissage',
      'Records of exchanges with the tutor',
    ),
  ],
  14: [
    point('citizenship', 'Exercice de la citoyenneté (apprentissage)', 'Citizenship'),
    point('support', 'Accompagnement socio-professionnel, éducatif', 'Social and educational support'),
  ],
  15: [
    point(
      'rights_informed',
      'Information des apprentis sur leurs droits et devoirs',
      'Apprentices informed of rights and duties',
    ),
    point(
      'health_safety',
      'Règles d’hygiène, de santé et de sécurité communiquées',
      'Health and safety rules given',
    ),
  ],
  16: [
    point(
      'exam_conditions',
      'Conditions de présentation à la certification respectées',
      'Certification entry conditions met',
    ),
    point(
      'informed',
      'Bénéficiaires informés des modalités de certification',
      'Learners informed of the certification',
    ),
  ],
  17: [
    point('resources', 'Moyens humains et techniques adaptés', 'Suitable human and technical resources'),
    point('environment', 'Environnement approprié (locaux, plateforme, équipements)', 'Suitable environment'),
  ],
  18: [
    point('coordination', 'Coordination des intervenants internes ou externes', 'Staff coordinated'),
    point('traces', 'Traces de la coordination (réunions, plannings)', 'Records of coordination'),
  ],
  19: [
    point(
      'resources_available',
      'Ressources pédagogiques mises à disposition',
      'Teaching resources available',
    ),
    point('access', 'Accès des bénéficiaires aux ressources', 'Learners can reach them'),
  ],
  20: [
    point('referents', 'Référents pédagogique, administratif, handicap désignés', 'Referents named'),
    point('council', 'Conseil de perfectionnement (apprentissage)', 'Improvement council (apprenticeship)'),
  ],
  21: [
    point('skills', 'Compétences des intervenants déterminées', 'Staff skills defined'),
    point('evidence', 'CV, diplômes, expériences à jour', 'CVs and qualifications up to date'),
  ],
  22: [
    point('plan', 'Plan de développement des compétences des salariés', 'Skills-development plan'),
    point('carried_out', 'Formations suivies par les intervenants', 'Training followed by staff'),
  ],
  23: [
    point('legal_watch', 'Veille légale et réglementaire en place', 'Legal watch in place'),
    point('exploited', 'Veille exploitée (analyse, diffusion à l’équipe)', 'Watch exploited'),
  ],
  24: [
    point('skills_watch', 'Veille sur les compétences, métiers et emplois', 'Skills, trades and jobs watch'),
    point('impact', 'Impact sur les prestations (contenus modifiés)', 'Impact on services'),
  ],
  25: [
    point(
      'innovation_watch',
      'Veille sur les innovations pédagogiques et technologiques',
      'Innovation watch',
    ),
    point('impact', 'Exploitation dans les prestations', 'Used in services'),
  ],
  26: [
    point('network', 'Réseau de partenaires handicap identifié', 'Disability partner network'),
    point('referent', 'Référent handicap désigné et formé', 'Disability referent named and trained'),
    point('measures', 'Mesures de compensation mises en œuvre', 'Specific measures taken'),
  ],
  27: [
    point(
      'subcontractors_checked',
      'Conformité des sous-traitants au référentiel vérifiée',
      'Subcontractors checked',
    ),
    point('contracts', 'Contrats et suivi des sous-traitants', 'Contracts and follow-up'),
  ],
  28: [
    point(
      'work_periods',
      'Périodes en situation de travail organisées avec les entreprises',
      'Work periods organised',
    ),
    point('socio_professional', 'Acteurs socio-professionnels mobilisés', 'Partners involved'),
  ],
  29: [
    point(
      'insertion',
      'Insertion professionnelle ou poursuite d’études favorisée',
      'Job placement supported',
    ),
    point('evidence', 'Actions et résultats tracés', 'Actions and results recorded'),
  ],
  30: [
    ...STAKEHOLDER_GROUPS.flatMap(stakeholderCheckpoints),
    point('analysis', 'Les appréciations recueillies sont analysées', 'Views received are analysed'),
  ],
  31: [
    point(
      'channel',
      'Canal de réclamation connu (écrit, accessible à tous)',
      'A known, written complaint channel',
    ),
    point('acknowledgement', 'Accusé de réception envoyé au réclamant', 'Acknowledgement sent'),
    point(
      'analysis',
      'Réclamations, difficultés et aléas analysés',
      'Complaints, difficulties and disruptions analysed',
    ),
    point(
      'answers_in_time',
      'Réponses apportées dans les délais fixés par l’organisme',
      'Answers within the set deadlines',
    ),
    point('register', 'Registre de suivi tenu à jour', 'Tracking register kept'),
  ],
  32: [
    point('process', 'Démarche d’amélioration continue formalisée', 'Improvement process written down'),
    point(
      'from_feedback',
      'Actions issues de l’analyse des appréciations',
      'Actions from the analysis of views',
    ),
    point(
      'from_complaints',
      'Actions issues de l’analyse des réclamations',
      'Actions from the analysis of complaints',
    ),
    point(
      'drop_out_causes',
      'Causes d’abandon et d’insatisfaction étudiées',
      'Drop-out and dissatisfaction causes studied',
    ),
    point('effectiveness', 'Efficacité des actions vérifiée', 'Effectiveness of actions checked'),
  ],
};

/** The checkpoints of an indicator, in the order the auditor ticks them. */
export const checkpointsOf = (indicator: number): readonly Checkpoint[] =>
  CHECKPOINTS[indicator] ?? GENERIC_CHECKPOINTS;

export const isCheckpointOf = (indicator: number, code: string): boolean =>
  checkpointsOf(indicator).some((checkpoint) => checkpoint.code === code);
