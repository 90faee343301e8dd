import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { Audience } from '../../services/feedback/events';
import type { QuestionKind, QuestionPurpose } from '../../services/questionnaire/events';
import type { FollowUpKind } from '../../services/results/events';

/** Where an answer came from: a campaign's questionnaire, or the first one-question form (read as a built-in one). */
export type AnswerSource = 'campaign' | 'legacy';

/** What every results row carries, so that each filter reads one table. */
type AnswerContext = {
  answer_id: string;
  organisation_id: string;
  source: AnswerSource;
  /** Null for legacy answers. */
  campaign_id: string | null;
  /** The legacy answer's feedback link; null for campaign answers. */
  legacy_link_id: string | null;
  /** Null for legacy answers: they are read against the built-in legacy questionnaire (legacy.ts). */
  questionnaire_id: string | null;
  questionnaire_version: number;
  audience: Audience;
  session_id: string | null;
  training_action_id: string | null;
  site: string | null;
  /** The Paris calendar day of the answer. */
  answered_on: CalendarDate;
};

export type ResultsTables = {
  /** One row per answer: what is done about it. */
  results_answers: AnswerContext & {
    /** `personal` links name their respondent; `shared` and legacy links do not (the response rate counts the first). */
    channel: 'personal' | 'shared' | 'legacy';
    /** A satisfaction score at or under the organisation's threshold. */
    low_score: boolean;
    reviewed_at: Timestamp | null;
    reviewed_by: string | null;
    received_at: Timestamp;
  };
  /** One row per answered closed question. */
  results_values: AnswerContext & {
    question_id: string;
    kind: Exclude<QuestionKind, 'free_text'>;
    purpose: QuestionPurpose;
    /** rating 1–5 and NPS 0–10. */
    score: number | null;
    /** The chosen options' ids (single and multiple choice), as a JSON array. */
    choices: string[] | null;
    yes: boolean | null;
    low_score: boolean;
  };
  /** One row per free-text answer. */
  results_comments: AnswerContext & {
    /** Derived from the answer and the question (a stable key for paging). */
    id: string;
    question_id: string;
    purpose: QuestionPurpose;
    /** As the vault opens it; ERASED once its subject is erased. */
    text: string;
    /** The data subject the text belongs to (`respondent:<id>`), for erasure. */
    subject_id: string;
    received_at: Timestamp;
  };
  /** The organisation's low-score threshold, once it set one (defaults otherwise). */
  results_thresholds: {
    organisation_id: string;
    rating_at_most: number;
    nps_at_most: number;
    revision: number;
  };
  /** Follow-ups requested from answers (the actions and incidents slices will pick them up). */
  results_follow_ups: {
    id: string;
    answer_id: string;
    organisation_id: string;
    kind: FollowUpKind;
    title: string;
    requested_by: string;
    requested_at: Timestamp;
  };
  /** Each question's kind and purpose (fixed for an id across versions): answers are read by them. */
  results_questions: {
    questionnaire_id: string;
    question_id: string;
    kind: QuestionKind;
    purpose: QuestionPurpose;
  };
  /** The site of each legacy feedback link (its answers do not carry it). */
  results_legacy_links: { link_id: string; site: string };
};

export type ResultsAnswerRow = Selectable<ResultsTables['results_answers']>;
export type ResultsCommentRow = Selectable<ResultsTables['results_comments']>;
export type FollowUpRow = Selectable<ResultsTables['results_follow_ups']>;
