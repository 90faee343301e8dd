import type { QuestionnaireContent } from '../../services/questionnaire/events';

/** The questions of the first one-question form (FeedbackSubmitted), by the ids results give them. */
export const LEGACY_RATING = 'rating';
export const LEGACY_COMMENT = 'comment';

/**
 * The built-in questionnaire the walking skeleton's answers are read against: one satisfaction rating and one
 * free comment. Those answers are never rewritten; results read them as answers to version 1 of this.
 */
export const LEGACY_QUESTIONNAIRE: QuestionnaireContent = {
  title: { fr: 'Appréciation rapide (premier formulaire)', en: 'Quick rating (first form)' },
  introduction: null,
  audience: 'learner',
  questions: [
    {
      id: LEGACY_RATING,
      kind: 'rating',
      label: { fr: 'Votre appréciation générale', en: 'Your overall rating' },
      help: null,
      required: true,
      purpose: 'satisfaction',
      options: [],
    },
    {
      id: LEGACY_COMMENT,
      kind: 'free_text',
      label: { fr: 'Votre commentaire', en: 'Your comment' },
      help: null,
      required: false,
      purpose: 'satisfaction',
      options: [],
    },
  ],
};
