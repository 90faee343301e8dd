import type { Audience } from '../feedback/events';
import type { EvidenceDeclarations } from '../kernel/evidence';
import { frenchDate } from '../kernel/paris-time';
import { type PersonalDataDeclarations, subjectId } from '../privacy/declarations';
import type { QuestionPurpose } from '../questionnaire/events';

/** An answer to a closed question: a score, a yes/no, a choice's id or several. Never free text. */
export type AnswerValue = number | boolean | string | readonly string[];

/**
 * One respondent's answers to a campaign's questionnaire, in its own stream (`campaignanswer-<answerId>`): a
 * class answering a shared link at once never contends on a revision, and a retry finds its answer there.
 *
 * An anonymous campaign's answer names nobody (`respondentId` null), carries no link token nor link id, and its
 * time is the Paris day only (`answeredOn`; its metadata's `occurredAt` is that day's midnight).
 */
export type CampaignAnswerSubmitted = {
  type: 'CampaignAnswerSubmitted';
  data: {
    answerId: string;
    campaignId: string;
    questionnaireId: string;
    /** The version the respondent was shown: results read the answer against it. */
    questionnaireVersion: number;
    audience: Audience;
    /** What the campaign asked about: a session (with its action and site) or a period (its label). */
    sessionId: string | null;
    trainingActionId: string | null;
    site: string | null;
    targetLabel: string;
    /** Who answered: their respondent id from a personal link of a named campaign, else null. */
    respondentId: string | null;
    channel: 'personal' | 'shared';
    /** The shared link answered through (a room, not a person); null for personal links. */
    sharedLinkId: string | null;
    /** The Paris calendar day of the answer (YYYY-MM-DD). */
    answeredOn: string;
    /** Closed questions' answers by question id (optional questions left blank are absent). */
    answers: Record<string, AnswerValue>;
    /** Free-text answers by question id: personal data (a learner may write a name), sealed as one field. */
    comments: Record<string, string> | null;
    /**
     * The ids of the questions answered in free text, in clear: once the comments are erased, results still show
     * where they were (as erased). Absent from answers stored before it was recorded.
     */
    commentedQuestionIds?: string[];
    /** What the answered questions evidence: satisfaction (30), learning assessment (11), or both. */
    purposes: QuestionPurpose[];
  };
};

export type CampaignAnswerEvent = CampaignAnswerSubmitted;
export const campaignAnswerEventTypes = [
  'CampaignAnswerSubmitted',
] as const satisfies CampaignAnswerEvent['type'][];

export const campaignAnswerStream = (answerId: string) => `campaignanswer-${answerId}`;

const AUDIENCE_LABELS: Record<Audience, string> = {
  learner: 'apprenant',
  funder: 'financeur',
  trainer: 'équipe pédagogique',
  company: 'entreprise',
};

const PURPOSE_INDICATOR: Record<QuestionPurpose, number> = { satisfaction: 30, learning_assessment: 11 };

/** Satisfaction answers evidence 30; learning-assessment answers evidence 11 only. */
export const campaignAnswerEvidence: EvidenceDeclarations<CampaignAnswerEvent> = {
  CampaignAnswerSubmitted: {
    indicators: (data) => [...new Set(data.purposes.map((purpose) => PURPOSE_INDICATOR[purpose]))],
    kind: 'feedback_received',
    title: (data) => `Réponse reçue (${AUDIENCE_LABELS[data.audience]}) : ${data.targetLabel}`,
    summary: (data) => `Questionnaire rempli le ${frenchDate(data.answeredOn)}`,
    source: (data) => ({ type: 'campaign', id: data.campaignId }),
    concerns: (data) => ({ sessionId: data.sessionId, trainingActionId: data.trainingActionId }),
  },
};

/**
 * Whose an answer's free text is: the respondent's when named, else the answer itself (so one comment can be
 * erased alone, and an anonymous answer's comments with it).
 */
export const answerCommentsSubject = (
  data: Pick<CampaignAnswerSubmitted['data'], 'respondentId' | 'answerId'>,
) => subjectId('respondent', data.respondentId ?? data.answerId);

export const campaignAnswerPersonalData: PersonalDataDeclarations<CampaignAnswerEvent> = {
  CampaignAnswerSubmitted: [{ field: 'comments', subject: answerCommentsSubject }],
};
