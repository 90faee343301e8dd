import type { Audience } from '../feedback/events';
import type { EvidenceDeclarations } from '../kernel/evidence';
import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';

/** The kinds of question a questionnaire may ask. */
export const QUESTION_KINDS = [
  /** 1 (poor) to 5 (excellent). */
  'rating',
  /** Net Promoter Score: 0 to 10, "would you recommend…". */
  'nps',
  'single_choice',
  'multiple_choice',
  'yes_no',
  /** Free expression (indicator 30 asks for it). */
  'free_text',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * What an answer to the question evidences: the stakeholder's *satisfaction* (indicator 30) or the *assessment of
 * what was learnt* (indicator 11). The two are kept apart in results and evidence.
 */
export const QUESTION_PURPOSES = ['satisfaction', 'learning_assessment'] as const;
export type QuestionPurpose = (typeof QUESTION_PURPOSES)[number];

/** A text in French (always) and English (optional: the French shows where it is missing). */
export interface Localised {
  fr: string;
  en: string | null;
}

export interface ChoiceOption {
  /** Stable within the question: answers name the option by it, whatever its label becomes. */
  id: string;
  label: Localised;
}

export interface Question {
  /** Stable within the template, across versions: answers name the question by it. */
  id: string;
  kind: QuestionKind;
  label: Localised;
  /** A line of help under the label, or null. */
  help: Localised | null;
  required: boolean;
  purpose: QuestionPurpose;
  /** The choices of a single or multiple choice question; empty for the other kinds. */
  options: ChoiceOption[];
}

/** What a version of a questionnaire asks, as one value: a new version replaces it whole. */
export interface QuestionnaireContent {
  title: Localised;
  /** A few words shown above the first question, or null. */
  introduction: Localised | null;
  /** Whom it asks: one of the four stakeholder groups of indicator 30. */
  audience: Audience;
  questions: Question[];
}

export type QuestionnaireCreated = {
  type: 'QuestionnaireCreated';
  data: QuestionnaireContent & {
    questionnaireId: string;
    /** The ready template it was copied from (catalogue.ts), or null when written from scratch. */
    fromTemplate: string | null;
  };
};
/** A new version: answers given to an earlier version keep it (they name its number). */
export type QuestionnaireRevised = {
  type: 'QuestionnaireRevised';
  data: QuestionnaireContent & { questionnaireId: string; version: number };
};
/** No longer offered for new campaigns; answers and campaigns that use it are untouched. */
export type QuestionnaireArchived = { type: 'QuestionnaireArchived'; data: { questionnaireId: string } };
export type QuestionnaireUnarchived = { type: 'QuestionnaireUnarchived'; data: { questionnaireId: string } };

export type QuestionnaireEvent =
  | QuestionnaireCreated
  | QuestionnaireRevised
  | QuestionnaireArchived
  | QuestionnaireUnarchived;
export const questionnaireEventTypes = [
  'QuestionnaireCreated',
  'QuestionnaireRevised',
  'QuestionnaireArchived',
  'QuestionnaireUnarchived',
] as const satisfies QuestionnaireEvent['type'][];

export const questionnaireStream = (questionnaireId: string) => `questionnaire-${questionnaireId}`;

/**
 * A questionnaire is a tool, not evidence on its own: what it evidences is its being sent (a solicitation) and
 * answered, which the campaigns and answers record.
 */
export const questionnaireEvidence: EvidenceDeclarations<QuestionnaireEvent> = {};

/** Questions written by staff about a training offer: nobody's personal data. */
export const questionnairePersonalData: PersonalDataDeclarations<QuestionnaireEvent> = {
  QuestionnaireCreated: noPersonalData,
  QuestionnaireRevised: noPersonalData,
  QuestionnaireArchived: noPersonalData,
  QuestionnaireUnarchived: noPersonalData,
};
