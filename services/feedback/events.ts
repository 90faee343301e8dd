import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/** The four stakeholder groups of indicator 30. */
export const AUDIENCES = ['learner', 'funder', 'trainer', 'company'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface SessionContext {
  sessionId: string;
  trainingActionId: string;
  organisationName: string;
  trainingTitle: string;
  sessionTitle: string;
  startsOn: string;
  endsOn: string;
  site: string;
}

export type FeedbackLinkOpened = {
  type: 'FeedbackLinkOpened';
  data: {
    linkId: string;
    audience: Audience;
    /** SHA-256 of the link's secret; the secret itself is shown once and never stored. */
    secretHash: string;
    expiresAt: string;
    session: SessionContext;
  };
};
export type FeedbackSubmitted = {
  type: 'FeedbackSubmitted';
  data: {
    responseId: string;
    linkId: string;
    sessionId: string;
    trainingActionId: string;
    audience: Audience;
    rating: number;
    comment: string | null;
    sessionTitle: string;
    trainingTitle: string;
  };
};
export type FeedbackLinkClosed = { type: 'FeedbackLinkClosed'; data: { linkId: string } };

export type FeedbackEvent = FeedbackLinkOpened | FeedbackSubmitted | FeedbackLinkClosed;
export const feedbackEventTypes = [
  'FeedbackLinkOpened',
  'FeedbackSubmitted',
  'FeedbackLinkClosed',
] as const satisfies FeedbackEvent['type'][];

export const feedbackLinkStream = (linkId: string) => `feedbacklink-${linkId}`;
/**
 * Each answer has its own stream: a class answering one link at once never contends on a revision.
 * (Answers recorded before this change sit in their link's stream; readers do not depend on which.)
 */
export const feedbackResponseStream = (responseId: string) => `feedbackresponse-${responseId}`;

/** The groups as the evidence timeline names them (French). */
export const AUDIENCE_LABELS: Record<Audience, string> = {
  learner: 'apprenants',
  funder: 'financeurs',
  trainer: 'équipe pédagogique',
  company: 'entreprises',
};

export const feedbackEvidence: EvidenceDeclarations<FeedbackEvent> = {
  FeedbackLinkOpened: {
    indicators: [30],
    kind: 'solicitation',
    title: (data) =>
      `Recueil des appréciations ouvert (${AUDIENCE_LABELS[data.audience]}) : ${data.session.trainingTitle} — ${data.session.sessionTitle}`,
    summary: (data) =>
      `Session du ${frenchDate(data.session.startsOn)} au ${frenchDate(data.session.endsOn)}, ${data.session.site}`,
    source: (data) => ({ type: 'session', id: data.session.sessionId }),
    concerns: (data) => ({
      sessionId: data.session.sessionId,
      trainingActionId: data.session.trainingActionId,
    }),
  },
  FeedbackSubmitted: {
    indicators: [30],
    kind: 'feedback_received',
    title: (data) =>
      `Appréciation reçue (${AUDIENCE_LABELS[data.audience]}) : ${data.rating}/5 — ${data.trainingTitle} — ${data.sessionTitle}`,
    summary: (data) => data.comment ?? undefined,
    source: (data) => ({ type: 'session', id: data.sessionId }),
    concerns: (data) => ({ sessionId: data.sessionId, trainingActionId: data.trainingActionId }),
  },
};

/**
 * An answer's comment is free text, personal by default. Answers are anonymous: the answer itself is the
 * subject (a respondent known only by their answer), so one comment can be erased alone. Link and session
 * context hold no one's data.
 */
export const feedbackPersonalData: PersonalDataDeclarations<FeedbackEvent> = {
  FeedbackLinkOpened: noPersonalData,
  FeedbackSubmitted: [{ field: 'comment', subject: (data) => subjectId('respondent', data.responseId) }],
  FeedbackLinkClosed: noPersonalData,
};
