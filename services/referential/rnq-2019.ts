/**
 * RNQ 2019: the 7 criteria and 32 indicators of the référentiel national qualité (décret n° 2019-565 du
 * 6 juin 2019), in force for certification from 1 January 2021.
 *
 * Source: /work/shared/RNQ-referentiel.md. The French wording is legal text, quoted exactly with the file's
 * normalised typography (straight apostrophes, "œ", "…"). English summaries are our own wording.
 * Grading and audit rules: /work/shared/DOMAIN.md.
 */
import {
  type AuditRules,
  buildIndicator,
  type CriterionHeading,
  groupIntoCriteria,
  type IndicatorRow,
} from './build';
import type { Applicability, ReferentialVersion } from './types';

/** Indicators where any failure is a major non-conformity; all others are graded (minor or major). */
export const RNQ_2019_MAJOR_ONLY: readonly number[] = [
  4, 5, 6, 7, 10, 11, 14, 15, 16, 20, 21, 22, 26, 27, 29, 31, 32,
];

/** For new entrants, only checked at the surveillance audit (the process must exist at the initial audit). */
export const RNQ_2019_NEW_ENTRANT_DEFERRED: readonly number[] = [2, 3, 11, 14, 22, 24, 25, 26, 32];

/** Reviewed at every surveillance audit in addition to the major-only indicators (3 where it applies). */
export const RNQ_2019_SURVEILLANCE_EXTRA: readonly number[] = [1, 3, 17, 19];

export const RNQ_2019_AUDIT_RULES: AuditRules = {
  majorOnly: RNQ_2019_MAJOR_ONLY,
  newEntrantDeferred: RNQ_2019_NEW_ENTRANT_DEFERRED,
  surveillanceExtra: RNQ_2019_SURVEILLANCE_EXTRA,
};

const APPRENTICESHIP: Applicability = { kind: 'categories', categories: ['apprenticeship'] };

export const RNQ_2019_CRITERIA: readonly CriterionHeading[] = [
  {
    number: 1,
    title:
      "Les conditions d'information du public sur les prestations proposées, les délais pour y accéder et les résultats obtenus",
    titleEn: 'Public information on services, access times and results',
  },
  {
    number: 2,
    title:
      "L'identification précise des objectifs des prestations proposées et l'adaptation de ces prestations aux publics bénéficiaires, lors de la conception des prestations",
    titleEn: 'Clear service objectives, designed for the intended audiences',
  },
  {
    number: 3,
    title:
      "L'adaptation aux publics bénéficiaires des prestations et des modalités d'accueil, d'accompagnement, de suivi et d'évaluation mises en œuvre",
    titleEn: 'Services, onboarding, support, follow-up and assessment suited to the beneficiaries',
  },
  {
    number: 4,
    title: "L'adéquation des moyens pédagogiques, techniques et d'encadrement aux prestations mises en œuvre",
    titleEn: 'Adequate teaching, technical and supervisory resources',
  },
  {
    number: 5,
    title:
      'La qualification et le développement des connaissances et compétences des personnels chargés de mettre en œuvre les prestations',
    titleEn: 'Qualified staff whose knowledge and skills are kept up to date',
  },
  {
    number: 6,
    title: "L'inscription et l'investissement du prestataire dans son environnement professionnel",
    titleEn: 'Involvement of the provider in its professional environment',
  },
  {
    number: 7,
    title:
      'Le recueil et la prise en compte des appréciations et des réclamations formulées par les parties prenantes aux prestations délivrées',
    titleEn: 'Gathering and acting on stakeholder feedback and complaints',
  },
];

export const RNQ_2019_INDICATOR_ROWS: readonly IndicatorRow[] = [
  {
    number: 1,
    criterion: 1,
    title:
      "Le prestataire diffuse une information accessible au public, détaillée et vérifiable sur les prestations proposées : prérequis, objectifs, durée, modalités et délais d'accès, tarifs, contacts, méthodes mobilisées et modalités d'évaluation, accessibilité aux personnes handicapées.",
    summaryEn:
      'Publish detailed, checkable public information on each service: prerequisites, objectives, length, access arrangements and lead times, prices, contacts, methods, assessment and disability access.',
    note: 'Reading guide V9: indicators 1 to 3 do not apply to a provider audited for work it performs as a subcontractor.',
  },
  {
    number: 2,
    criterion: 1,
    title:
      'Le prestataire diffuse des indicateurs de résultats adaptés à la nature des prestations mises en œuvre et des publics accueillis.',
    summaryEn: 'Publish results indicators that fit the kind of services delivered and the people served.',
    note: 'Reading guide V9: indicators 1 to 3 do not apply to a provider audited for work it performs as a subcontractor.',
  },
  {
    number: 3,
    criterion: 1,
    title:
      "Lorsque le prestataire met en œuvre des prestations conduisant à une certification professionnelle, il informe sur les taux d'obtention des certifications préparées, les possibilités de valider un/ou des blocs de compétences, ainsi que sur les équivalences, passerelles, suites de parcours et les débouchés.",
    summaryEn:
      'For services leading to a professional certification, publish pass rates, the option of validating skills blocks, equivalences, bridges, next steps and job prospects.',
    specific: true,
    applicability: { kind: 'when', condition: 'certifying' },
    note: 'Annex columns not recovered: likely every category except skills assessments (unconfirmed inference); applied on the certifying condition only. Reading guide V9: not applicable to work performed as a subcontractor.',
  },
  {
    number: 4,
    criterion: 2,
    title:
      "Le prestataire analyse le besoin du bénéficiaire en lien avec l'entreprise et/ou le financeur concerné(s).",
    summaryEn: "Analyse the beneficiary's needs together with the company and/or the funder involved.",
  },
  {
    number: 5,
    criterion: 2,
    title: 'Le prestataire définit les objectifs opérationnels et évaluables de la prestation.',
    summaryEn: 'Set operational objectives for each service that can be assessed.',
  },
  {
    number: 6,
    criterion: 2,
    title:
      'Le prestataire établit les contenus et les modalités de mise en œuvre de la prestation, adaptés aux objectifs définis et aux publics bénéficiaires.',
    summaryEn: 'Design the content and delivery arrangements to match the objectives and the audiences.',
  },
  {
    number: 7,
    criterion: 2,
    title:
      "Lorsque le prestataire met en œuvre des prestations conduisant à une certification professionnelle, il s'assure de l'adéquation du ou des contenus de la prestation aux exigences de la certification visée.",
    summaryEn:
      'For certifying services, make sure the content matches the requirements of the targeted certification.',
    specific: true,
    applicability: { kind: 'when', condition: 'certifying' },
  },
  {
    number: 8,
    criterion: 2,
    title:
      "Le prestataire détermine les procédures de positionnement et d'évaluation des acquis à l'entrée de la prestation.",
    summaryEn: 'Set out how beneficiaries are positioned and how their prior learning is assessed on entry.',
    note: 'Disputed: one transcription marks it specific, three treat it as common; annex columns not recovered. Treated as common.',
  },
  {
    number: 9,
    criterion: 3,
    title: 'Le prestataire informe les publics bénéficiaires des conditions de déroulement de la prestation.',
    summaryEn: 'Tell beneficiaries how the service will run.',
    wordingStatus: 'variant',
    note: 'Wording variant, not confirmed: "des conditions" (kept, most transcriptions) versus "sur les conditions" (some transcriptions).',
  },
  {
    number: 10,
    criterion: 3,
    title:
      "Le prestataire met en œuvre et adapte la prestation, l'accompagnement et le suivi aux publics bénéficiaires.",
    summaryEn: 'Deliver the service, support and follow-up, and adapt them to the beneficiaries.',
  },
  {
    number: 11,
    criterion: 3,
    title: "Le prestataire évalue l'atteinte par les publics bénéficiaires des objectifs de la prestation.",
    summaryEn: 'Assess whether beneficiaries reached the objectives of the service.',
  },
  {
    number: 12,
    criterion: 3,
    title:
      "Le prestataire décrit et met en œuvre les mesures pour favoriser l'engagement des bénéficiaires et prévenir les ruptures de parcours.",
    summaryEn: 'Describe and apply measures that keep beneficiaries engaged and prevent drop-out.',
  },
  {
    number: 13,
    criterion: 3,
    title:
      "Pour les formations en alternance, le prestataire, en lien avec l'entreprise, anticipe avec l'apprenant les missions confiées, à court, moyen et long terme, et assure la coordination et la progressivité des apprentissages réalisés en centre de formation et en entreprise.",
    summaryEn:
      "For alternance training, plan the learner's assignments with the company and coordinate what is learnt at the centre and at work so that it builds up progressively.",
    specific: true,
    applicability: { kind: 'when', condition: 'alternance' },
    note: 'Sources file it under apprenticeship; its wording covers any alternance training. Apprenticeship implies alternance.',
  },
  {
    number: 14,
    criterion: 3,
    title:
      "Le prestataire met en œuvre un accompagnement socio-professionnel, éducatif et relatif à l'exercice de la citoyenneté.",
    summaryEn: 'Provide social and professional support, educational support and support on citizenship.',
    specific: true,
    applicability: APPRENTICESHIP,
  },
  {
    number: 15,
    criterion: 3,
    title:
      "Le prestataire informe les apprentis de leurs droits et devoirs en tant qu'apprentis et salariés ainsi que des règles applicables en matière de santé et de sécurité en milieu professionnel.",
    summaryEn:
      'Inform apprentices of their rights and duties as apprentices and employees, and of workplace health and safety rules.',
    specific: true,
    applicability: APPRENTICESHIP,
  },
  {
    number: 16,
    criterion: 3,
    title:
      "Lorsque le prestataire met en œuvre des formations conduisant à une certification professionnelle, il s'assure que les conditions de présentation des bénéficiaires à la certification respectent les exigences formelles de l'autorité de certification.",
    summaryEn:
      'For certifying training, make sure candidates are entered for certification in line with the formal requirements of the certifying body.',
    specific: true,
    applicability: { kind: 'when', condition: 'certifying' },
  },
  {
    number: 17,
    criterion: 4,
    title:
      "Le prestataire met à disposition ou s'assure de la mise à disposition des moyens humains et techniques adaptés et d'un environnement approprié (conditions, locaux, équipements, plateaux techniques…).",
    summaryEn:
      'Provide, or make sure others provide, suitable staff, equipment and premises for the service.',
  },
  {
    number: 18,
    criterion: 4,
    title:
      'Le prestataire mobilise et coordonne les différents intervenants internes et/ou externes (pédagogiques, administratifs, logistiques, commerciaux…).',
    summaryEn:
      'Mobilise and coordinate everyone involved, internal or external: trainers, administration, logistics, sales.',
  },
  {
    number: 19,
    criterion: 4,
    title:
      'Le prestataire met à disposition du bénéficiaire des ressources pédagogiques et permet à celui-ci de se les approprier.',
    summaryEn: 'Give beneficiaries learning resources and help them make use of them.',
  },
  {
    number: 20,
    criterion: 4,
    title:
      "Le prestataire dispose d'un personnel dédié à l'appui à la mobilité nationale et internationale, d'un référent handicap et d'un conseil de perfectionnement.",
    summaryEn:
      'Have staff dedicated to national and international mobility, a disability referent and a development council (conseil de perfectionnement).',
    specific: true,
    applicability: APPRENTICESHIP,
  },
  {
    number: 21,
    criterion: 5,
    title:
      'Le prestataire détermine, mobilise et évalue les compétences des différents intervenants internes et/ou externes, adaptées aux prestations.',
    summaryEn:
      'Define, mobilise and assess the skills of everyone who delivers the services, internal or external.',
  },
  {
    number: 22,
    criterion: 5,
    title:
      "Le prestataire entretient et développe les compétences de ses salariés, adaptées aux prestations qu'il délivre.",
    summaryEn: 'Maintain and develop the skills of employees in line with the services delivered.',
    note: 'Reading guide: a self-employed trainer shows their own continuing training.',
  },
  {
    number: 23,
    criterion: 6,
    title:
      'Le prestataire réalise une veille légale et réglementaire sur le champ de la formation professionnelle et en exploite les enseignements.',
    summaryEn: 'Keep a legal and regulatory watch on vocational training and act on it.',
  },
  {
    number: 24,
    criterion: 6,
    title:
      "Le prestataire réalise une veille sur les évolutions des compétences, des métiers et des emplois dans ses secteurs d'intervention et en exploite les enseignements.",
    summaryEn: 'Keep a watch on how skills, trades and jobs change in the sectors served, and act on it.',
  },
  {
    number: 25,
    criterion: 6,
    title:
      'Le prestataire réalise une veille sur les innovations pédagogiques et technologiques permettant une évolution de ses prestations et en exploite les enseignements.',
    summaryEn:
      'Keep a watch on teaching and technology innovations that can improve the services, and act on it.',
  },
  {
    number: 26,
    criterion: 6,
    title:
      'Le prestataire mobilise les expertises, outils et réseaux nécessaires pour accueillir, accompagner/former ou orienter les publics en situation de handicap.',
    summaryEn:
      'Draw on the expertise, tools and networks needed to welcome, support, train or refer people with disabilities.',
  },
  {
    number: 27,
    criterion: 6,
    title:
      "Lorsque le prestataire fait appel à la sous-traitance ou au portage salarial, il s'assure du respect de la conformité au présent référentiel.",
    summaryEn: 'When using subcontractors or portage salarial, make sure they comply with the referential.',
    applicability: { kind: 'when', condition: 'subcontracting' },
    note: 'Not flagged specific by any source; applies only when the provider uses subcontracting or portage salarial (its own wording). Reading guide V9: subcontractors need not be certified unless a legal text requires it (CPF, décret n° 2023-1350).',
  },
  {
    number: 28,
    criterion: 6,
    title:
      "Lorsque les prestations dispensées au bénéficiaire comprennent des périodes de formation en situation de travail, le prestataire mobilise son réseau de partenaires socio-économiques pour coconstruire l'ingénierie de formation et favoriser l'accueil en entreprise.",
    summaryEn:
      'When services include periods of training at work, involve socio-economic partners in designing the training and in finding host companies.',
    specific: true,
    applicability: { kind: 'when', condition: 'work_based_training' },
    wordingStatus: 'variant',
    note: 'Wording variant (spelling), not confirmed: "coconstruire" (kept) versus "co-construire". Apprenticeship implies work-based training periods.',
  },
  {
    number: 29,
    criterion: 6,
    title:
      "Le prestataire développe des actions qui concourent à l'insertion professionnelle ou la poursuite d'étude par la voie de l'apprentissage ou par toute autre voie permettant de développer leurs connaissances et leurs compétences.",
    summaryEn:
      'Run actions that help learners find work or continue their studies, through apprenticeship or any other route.',
    specific: true,
    applicability: APPRENTICESHIP,
  },
  {
    number: 30,
    criterion: 7,
    title:
      'Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées.',
    summaryEn:
      'Collect feedback from stakeholders: beneficiaries, funders, teaching teams and the companies involved.',
    note: 'One transcription has the typo "entreprise concernées" (not kept).',
  },
  {
    number: 31,
    criterion: 7,
    title:
      'Le prestataire met en œuvre des modalités de traitement des difficultés rencontrées par les parties prenantes, des réclamations exprimées par ces dernières, des aléas survenus en cours de prestation.',
    summaryEn:
      'Handle the difficulties stakeholders meet, the complaints they make and incidents that occur during a service.',
  },
  {
    number: 32,
    criterion: 7,
    title:
      "Le prestataire met en œuvre des mesures d'amélioration à partir de l'analyse des appréciations et des réclamations.",
    summaryEn: 'Take improvement measures based on the analysis of feedback and complaints.',
  },
];

export const rnq2019: ReferentialVersion = {
  version: '2019',
  label: 'RNQ 2019 (décret n° 2019-565), 32 indicateurs',
  status: 'confirmed',
  statusNote: 'Version en vigueur (décret n° 2019-565 du 6 juin 2019)',
  legalSource:
    'Décret n° 2019-565 du 6 juin 2019 relatif au référentiel national sur la qualité des actions concourant au développement des compétences (JORF n° 0132 du 8 juin 2019), annexe au chapitre VI du titre Ier du livre III de la sixième partie du code du travail ; critères : article R. 6316-1 du code du travail (décret n° 2019-564 du 6 juin 2019)',
  effectiveFrom: '2021-01-01',
  criteria: groupIntoCriteria(
    RNQ_2019_CRITERIA,
    RNQ_2019_INDICATOR_ROWS.map((row) => buildIndicator(row, RNQ_2019_AUDIT_RULES)),
  ),
};
