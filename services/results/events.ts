import type { EvidenceDeclarations } from '../kernel/evidence';
import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** Defaults of the low-score threshold until the organisation sets its own: 2 of 5 or less, NPS detractors. */
export const DEFAULT_THRESHOLD = { ratingAtMost: 2, npsAtMost: 6 } as const;

/**
 * Satisfaction answers at or under these scores are flagged "to review" in the results. A rating of 5 or an NPS
 * of 10 would flag everything, so the highest allowed values are 4 and 9.
 */
export type LowScoreThreshold = { ratingAtMost: number; npsAtMost: number };

export type LowScoreThresholdSet = {
  type: 'LowScoreThresholdSet';
  data: LowScoreThreshold;
};

/** Someone read an answer (its scores and comments) and marks it dealt with. */
export type AnswerReviewed = {
  type: 'AnswerReviewed';
  data: { answerId: string; reviewedBy: string };
};

export const FOLLOW_UP_KINDS = ['improvement_action', 'incident'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/**
 * From an answer, the request to start an improvement action (indicator 32) or to declare an incident. The
 * actions and complaints slices will pick it up by `followUpId`; until then it is the record of the request.
 */
export type AnswerFollowUpRequested = {
  type: 'AnswerFollowUpRequested';
  data: {
    answerId: string;
    followUpId: string;
    kind: FollowUpKind;
    title: string;
    requestedBy: string;
  };
};

export type ResultsEvent = LowScoreThresholdSet | AnswerReviewed | AnswerFollowUpRequested;
export const resultsEventTypes = [
  'LowScoreThresholdSet',
  'AnswerReviewed',
  'AnswerFollowUpRequested',
] as const satisfies ResultsEvent['type'][];

/** One stream per organisation for its results settings (one decision: the threshold). */
export const resultsSettingsStream = (organisationId: string) => `resultssettings-${organisationId}`;
/** One stream per answer for what is done about it: its review and the follow-ups it started. */
export const answerReviewStream = (answerId: string) => `answerreview-${answerId}`;

const FOLLOW_UP_LABELS: Record<FollowUpKind, string> = {
  improvement_action: 'action d’amélioration',
  incident: 'incident',
};

/** A follow-up started from a stakeholder's view is a source of improvement (indicator 32). */
export const resultsEvidence: EvidenceDeclarations<ResultsEvent> = {
  AnswerFollowUpRequested: {
    indicators: [32],
    kind: 'improvement_source',
    title: (data) => `Suite demandée depuis une réponse (${FOLLOW_UP_LABELS[data.kind]}) : ${data.title}`,
    source: (data) => ({ type: 'answer', id: data.answerId }),
  },
};

/**
 * Settings and reviews are ids and numbers. A follow-up's title is free text typed by a member (it may quote a
 * comment): personal by default, its author's.
 */
export const resultsPersonalData: PersonalDataDeclarations<ResultsEvent> = {
  LowScoreThresholdSet: noPersonalData,
  AnswerReviewed: noPersonalData,
  AnswerFollowUpRequested: [{ field: 'title', subject: (data) => subjectId('user', data.requestedBy) }],
};
