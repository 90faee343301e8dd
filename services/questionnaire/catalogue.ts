import type {
  ChoiceOption,
  Localised,
  Question,
  QuestionKind,
  QuestionnaireContent,
  QuestionPurpose,
} from './events';

/**
 * The ready questionnaires an organisation starts from: one per stakeholder group and moment that indicators 30
 * and 11 ask about. An organisation copies one (it becomes its own questionnaire, version 1) and edits it freely;
 * the catalogue itself never changes under a copy.
 */
export const TEMPLATE_KEYS = [
  'learner_end_of_session',
  'learner_follow_up',
  'funder',
  'company',
  'teaching_team',
  'skills_assessment_end',
  'skills_assessment_follow_up',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface CatalogueTemplate {
  key: TemplateKey;
  /** When to send it, as a suggestion shown beside it. */
  when: Localised;
  content: QuestionnaireContent;
}

const t = (fr: string, en: string): Localised => ({ fr, en });

interface QuestionSpec {
  id: string;
  kind: QuestionKind;
  label: Localised;
  purpose?: QuestionPurpose;
  required?: boolean;
  help?: Localised;
  options?: [id: string, label: Localised][];
}

/** A question with the catalogue's defaults: satisfaction, required unless it is free text. */
const q = (spec: QuestionSpec): Question => ({
  id: spec.id,
  kind: spec.kind,
  label: spec.label,
  help: spec.help ?? null,
  required: spec.required ?? spec.kind !== 'free_text',
  purpose: spec.purpose ?? 'satisfaction',
  options: (spec.options ?? []).map(([id, label]): ChoiceOption => ({ id, label })),
});

const recommend = q({
  id: 'recommend',
  kind: 'nps',
  label: t(
    'Recommanderiez-vous cette prestation à un proche ou à un collègue ?',
    'Would you recommend this service to a friend or colleague?',
  ),
  help: t('0 : pas du tout, 10 : certainement', '0: not at all, 10: definitely'),
});
const improve = q({
  id: 'improve',
  kind: 'free_text',
  label: t('Que devrions-nous améliorer ?', 'What should we improve?'),
});
const comment = q({
  id: 'comment',
  kind: 'free_text',
  label: t('Souhaitez-vous ajouter quelque chose ?', 'Anything else you would like to tell us?'),
});

export const CATALOGUE: readonly CatalogueTemplate[] = [
  {
    key: 'learner_end_of_session',
    when: t('Le dernier jour de la session (« à chaud »)', 'On the last day of the session'),
    content: {
      title: t('Votre avis sur la formation (fin de session)', 'Your view of the training (end of session)'),
      introduction: t(
        'Vos réponses nous aident à améliorer nos formations. Elles ne prennent que quelques minutes.',
        'Your answers help us improve our training. They take only a few minutes.',
      ),
      audience: 'learner',
      questions: [
        q({
          id: 'overall',
          kind: 'rating',
          label: t(
            'Dans l’ensemble, êtes-vous satisfait(e) de cette formation ?',
            'Overall, how satisfied are you with this training?',
          ),
        }),
        q({
          id: 'objectives',
          kind: 'rating',
          label: t('Les objectifs annoncés ont-ils été atteints ?', 'Were the stated objectives met?'),
        }),
        q({
          id: 'content_fit',
          kind: 'rating',
          label: t('Le contenu répondait-il à vos besoins ?', 'Did the content meet your needs?'),
        }),
        q({
          id: 'trainer',
          kind: 'rating',
          label: t(
            'Comment jugez-vous l’animation de la formation ?',
            'How do you rate the way the training was led?',
          ),
        }),
        q({
          id: 'organisation',
          kind: 'rating',
          label: t(
            'L’organisation vous a-t-elle convenu (accueil, salle ou plateforme, supports) ?',
            'Did the organisation suit you (welcome, room or platform, materials)?',
          ),
        }),
        q({
          id: 'pace',
          kind: 'single_choice',
          label: t('Le rythme de la formation était :', 'The pace of the training was:'),
          options: [
            ['too_slow', t('trop lent', 'too slow')],
            ['right', t('adapté', 'right')],
            ['too_fast', t('trop rapide', 'too fast')],
          ],
        }),
        q({
          id: 'skills',
          kind: 'rating',
          purpose: 'learning_assessment',
          label: t(
            'À l’issue de la formation, comment évaluez-vous votre maîtrise des compétences visées ?',
            'After the training, how do you rate your command of the skills it aimed at?',
          ),
        }),
        recommend,
        q({
          id: 'liked',
          kind: 'free_text',
          label: t('Qu’avez-vous le plus apprécié ?', 'What did you appreciate most?'),
        }),
        improve,
      ],
    },
  },
  {
    key: 'learner_follow_up',
    when: t(
      'Quelques semaines après la fin (« à froid »), par exemple 30 jours',
      'Some weeks after the end, e.g. 30 days',
    ),
    content: {
      title: t('Votre formation, quelques semaines après', 'Your training, a few weeks on'),
      introduction: t(
        'Avec le recul, que vous a apporté la formation ? Vos réponses nous aident à mesurer son utilité.',
        'Looking back, what did the training bring you? Your answers help us measure its usefulness.',
      ),
      audience: 'learner',
      questions: [
        q({
          id: 'applied',
          kind: 'yes_no',
          purpose: 'learning_assessment',
          label: t(
            'Avez-vous mis en pratique ce que vous avez appris ?',
            'Have you put what you learnt into practice?',
          ),
        }),
        q({
          id: 'applied_example',
          kind: 'free_text',
          purpose: 'learning_assessment',
          label: t('Si oui, pouvez-vous donner un exemple ?', 'If so, can you give an example?'),
        }),
        q({
          id: 'outcomes',
          kind: 'multiple_choice',
          purpose: 'learning_assessment',
          required: false,
          label: t('Qu’est-ce que la formation vous a apporté ?', 'What did the training bring you?'),
          options: [
            ['efficiency', t('plus d’efficacité dans mon travail', 'more efficiency at work')],
            ['confidence', t('plus d’assurance', 'more confidence')],
            ['certification', t('une certification ou un diplôme', 'a certification or diploma')],
            ['new_role', t('un nouveau poste ou de nouvelles missions', 'a new job or new duties')],
            ['nothing_yet', t('rien pour le moment', 'nothing yet')],
          ],
        }),
        q({
          id: 'usefulness',
          kind: 'rating',
          label: t(
            'Avec le recul, la formation vous a-t-elle été utile ?',
            'Looking back, was the training useful to you?',
          ),
        }),
        recommend,
        comment,
      ],
    },
  },
  {
    key: 'funder',
    when: t('Une fois par an, ou à la fin d’une convention', 'Once a year, or at the end of an agreement'),
    content: {
      title: t('Votre avis sur notre collaboration', 'Your view of our collaboration'),
      introduction: t(
        'En tant que financeur, votre regard nous aide à améliorer nos actions.',
        'As a funder, your view helps us improve our work.',
      ),
      audience: 'funder',
      questions: [
        q({
          id: 'overall',
          kind: 'rating',
          label: t(
            'Êtes-vous satisfait(e) de notre collaboration ?',
            'How satisfied are you with our collaboration?',
          ),
        }),
        q({
          id: 'responsiveness',
          kind: 'rating',
          label: t(
            'Notre réactivité et la qualité de nos échanges',
            'Our responsiveness and the quality of our exchanges',
          ),
        }),
        q({
          id: 'paperwork',
          kind: 'rating',
          label: t(
            'Les documents transmis (conventions, attestations, bilans) étaient-ils complets et remis à temps ?',
            'Were the documents we sent (agreements, certificates, reports) complete and on time?',
          ),
        }),
        q({
          id: 'needs_met',
          kind: 'yes_no',
          label: t(
            'Nos prestations répondent-elles aux besoins des publics que vous financez ?',
            'Do our services meet the needs of the people you fund?',
          ),
        }),
        improve,
      ],
    },
  },
  {
    key: 'company',
    when: t(
      'Quelques semaines après la formation de vos salariés',
      'Some weeks after your employees’ training',
    ),
    content: {
      title: t('Votre avis d’entreprise cliente', 'Your view as a client company'),
      introduction: t(
        'Vos salariés ont suivi une de nos formations : votre avis nous aide à mieux répondre à vos besoins.',
        'Your employees attended one of our courses: your view helps us meet your needs better.',
      ),
      audience: 'company',
      questions: [
        q({
          id: 'overall',
          kind: 'rating',
          label: t('Êtes-vous satisfait(e) de la prestation ?', 'How satisfied are you with the service?'),
        }),
        q({
          id: 'needs_analysis',
          kind: 'rating',
          label: t(
            'Vos besoins ont-ils été bien analysés avant la formation ?',
            'Were your needs well analysed beforehand?',
          ),
        }),
        q({
          id: 'impact',
          kind: 'rating',
          purpose: 'learning_assessment',
          label: t(
            'Constatez-vous un effet de la formation dans le travail de vos salariés ?',
            'Do you see an effect of the training in your employees’ work?',
          ),
        }),
        q({
          id: 'communication',
          kind: 'rating',
          label: t('La communication avec nos équipes', 'Communication with our teams'),
        }),
        recommend,
        comment,
      ],
    },
  },
  {
    key: 'teaching_team',
    when: t(
      'À la fin de chaque session, pour le formateur ou la formatrice',
      'At the end of each session, for the trainer',
    ),
    content: {
      title: t('Bilan de session de l’équipe pédagogique', 'Teaching team’s session review'),
      introduction: null,
      audience: 'trainer',
      questions: [
        q({
          id: 'preparation',
          kind: 'rating',
          label: t(
            'Les informations reçues pour préparer la session (public, objectifs, besoins particuliers)',
            'The information you received to prepare the session (learners, objectives, special needs)',
          ),
        }),
        q({
          id: 'conditions',
          kind: 'rating',
          label: t(
            'Les conditions matérielles (salle, équipements, plateforme)',
            'The practical conditions (room, equipment, platform)',
          ),
        }),
        q({
          id: 'objectives_reached',
          kind: 'rating',
          purpose: 'learning_assessment',
          label: t(
            'Selon vous, les apprenants ont-ils atteint les objectifs ?',
            'In your view, did the learners reach the objectives?',
          ),
        }),
        q({
          id: 'supported',
          kind: 'yes_no',
          label: t(
            'Avez-vous été suffisamment accompagné(e) par l’organisme ?',
            'Did the organisation support you enough?',
          ),
        }),
        q({
          id: 'difficulties',
          kind: 'free_text',
          label: t('Difficultés rencontrées pendant la session', 'Difficulties met during the session'),
        }),
        improve,
      ],
    },
  },
  {
    key: 'skills_assessment_end',
    when: t('À la remise du document de synthèse', 'When the summary document is handed over'),
    content: {
      title: t('Votre avis sur votre bilan de compétences', 'Your view of your skills assessment'),
      introduction: null,
      audience: 'learner',
      questions: [
        q({
          id: 'overall',
          kind: 'rating',
          label: t(
            'Dans l’ensemble, êtes-vous satisfait(e) de votre bilan ?',
            'Overall, how satisfied are you with your assessment?',
          ),
        }),
        q({
          id: 'consultant',
          kind: 'rating',
          label: t('L’accompagnement de votre consultant(e)', 'Your consultant’s support'),
        }),
        q({
          id: 'confidentiality',
          kind: 'rating',
          label: t('Le respect de la confidentialité', 'Respect for confidentiality'),
        }),
        q({
          id: 'project_defined',
          kind: 'yes_no',
          purpose: 'learning_assessment',
          label: t(
            'Avez-vous défini un projet professionnel à l’issue du bilan ?',
            'Did you define a career plan by the end of the assessment?',
          ),
        }),
        q({
          id: 'summary_received',
          kind: 'yes_no',
          label: t('Le document de synthèse vous a-t-il été remis ?', 'Were you given the summary document?'),
        }),
        recommend,
        comment,
      ],
    },
  },
  {
    key: 'skills_assessment_follow_up',
    when: t('Six mois après la fin du bilan', 'Six months after the assessment'),
    content: {
      title: t('Six mois après votre bilan de compétences', 'Six months after your skills assessment'),
      introduction: t(
        'Où en est votre projet ? Vos réponses nous aident à mesurer l’utilité de nos bilans.',
        'How is your plan going? Your answers help us measure how useful our assessments are.',
      ),
      audience: 'learner',
      questions: [
        q({
          id: 'project_status',
          kind: 'single_choice',
          purpose: 'learning_assessment',
          label: t('Où en est votre projet professionnel ?', 'Where does your career plan stand?'),
          options: [
            ['achieved', t('réalisé', 'achieved')],
            ['in_progress', t('en cours', 'in progress')],
            ['changed', t('modifié', 'changed')],
            ['abandoned', t('abandonné', 'abandoned')],
          ],
        }),
        q({
          id: 'steps_taken',
          kind: 'yes_no',
          purpose: 'learning_assessment',
          label: t(
            'Avez-vous engagé une démarche (formation, VAE, création d’entreprise, candidature) ?',
            'Have you taken a step (training, VAE, starting a business, applying)?',
          ),
        }),
        q({
          id: 'usefulness',
          kind: 'rating',
          label: t(
            'Avec le recul, le bilan vous a-t-il été utile ?',
            'Looking back, was the assessment useful?',
          ),
        }),
        comment,
      ],
    },
  },
];

export const catalogueTemplate = (key: string): CatalogueTemplate | undefined =>
  CATALOGUE.find((template) => template.key === key);
