import { AUDIENCE_LABELS, type Audience } from '../feedback/events';
import type { EvidenceContexts, EvidenceDeclarations } from '../kernel/evidence';
import { noPersonalData, type PersonalDataDeclarations, subjectId } from '../privacy/declarations';

/**
 * Whom a campaign asks about what: a session's learners, trainers or client companies; or, for funders and
 * companies, a period (a year of collaboration).
 */
export type CampaignTarget =
  | {
      kind: 'session';
      sessionId: string;
      trainingActionId: string;
      sessionTitle: string;
      trainingTitle: string;
      /** Paris calendar dates, YYYY-MM-DD. */
      startsOn: string;
      endsOn: string;
    }
  | { kind: 'period'; label: string; from: string; to: string };

/** When the invitations go: a number of days after (or before) the session's start or end, or on a date. */
export const SEND_ANCHORS = ['session_start', 'session_end', 'date'] as const;
export type SendAnchor = (typeof SEND_ANCHORS)[number];

export interface CampaignSchedule {
  anchor: SendAnchor;
  /** Days after the anchor (negative: before); 0 with a date. */
  offsetDays: number;
  /** The Paris date the invitations go, computed from the anchor when the campaign is planned. */
  sendOn: string;
  /** Reminders to those who have not answered: how many (0–3) and the least number of days between messages. */
  reminders: number;
  reminderGapDays: number;
  /** The last Paris day answers are taken. */
  closesOn: string;
}

export type CampaignPlanned = {
  type: 'CampaignPlanned';
  data: {
    campaignId: string;
    audience: Audience;
    questionnaireId: string;
    /** The version respondents get: later edits of the questionnaire do not change a running campaign. */
    questionnaireVersion: number;
    target: CampaignTarget;
    schedule: CampaignSchedule;
    /** Answers carry no identity, token or exact time; the campaign still knows who answered, for reminders. */
    anonymous: boolean;
  };
};
export type CampaignRescheduled = {
  type: 'CampaignRescheduled';
  data: { campaignId: string; schedule: CampaignSchedule };
};
/** One respondent, with their own subject in the vault: erasing them forgets their name and address. */
export type CampaignRespondentAdded = {
  type: 'CampaignRespondentAdded';
  data: {
    campaignId: string;
    respondentId: string;
    email: string;
    firstName: string | null;
    lastName: string;
    /** Where they came from: typed in, or the line of an imported file. */
    source: 'manual' | 'import';
  };
};
export type CampaignRespondentRemoved = {
  type: 'CampaignRespondentRemoved';
  data: { campaignId: string; respondentId: string };
};
/** The invitation or a reminder was queued to the mail port (`messageId`). */
export type CampaignMessageQueued = {
  type: 'CampaignMessageQueued';
  data: {
    campaignId: string;
    respondentId: string;
    /** 0 for the invitation, then 1, 2, 3 for the reminders. */
    reminder: number;
    messageId: string;
    /** Whom the campaign asks and about what (session title or period label), for the evidence timeline. */
    audience?: Audience;
    targetLabel?: string;
  };
};
/**
 * The respondent answered: no more reminders, and their link takes no second answer. Names who, never which
 * answer: `retryTag` (a hash of the submission's id, which only the respondent's browser holds) lets the same
 * submission be retried after a failure without linking the mark to the answer it stored.
 */
export type CampaignRespondentAnswered = {
  type: 'CampaignRespondentAnswered';
  data: { campaignId: string; respondentId: string; retryTag?: string };
};
/** A link for a room, shown as a QR code: anyone holding it may answer (see links.ts). */
export type CampaignSharedLinkOpened = {
  type: 'CampaignSharedLinkOpened';
  data: { campaignId: string; linkId: string; label: string };
};
export type CampaignSharedLinkClosed = {
  type: 'CampaignSharedLinkClosed';
  data: { campaignId: string; linkId: string };
};
/** The respondent asked for no more messages of this campaign (the link in every message). */
export type CampaignRespondentOptedOut = {
  type: 'CampaignRespondentOptedOut';
  data: { campaignId: string; respondentId: string };
};
export type CampaignClosed = {
  type: 'CampaignClosed';
  data: { campaignId: string; reason: 'closing_date' | 'closed_by_user' };
};
export type CampaignCancelled = { type: 'CampaignCancelled'; data: { campaignId: string } };

export type CampaignEvent =
  | CampaignPlanned
  | CampaignRescheduled
  | CampaignRespondentAdded
  | CampaignRespondentRemoved
  | CampaignMessageQueued
  | CampaignRespondentAnswered
  | CampaignRespondentOptedOut
  | CampaignSharedLinkOpened
  | CampaignSharedLinkClosed
  | CampaignClosed
  | CampaignCancelled;
export const campaignEventTypes = [
  'CampaignPlanned',
  'CampaignRescheduled',
  'CampaignRespondentAdded',
  'CampaignRespondentRemoved',
  'CampaignMessageQueued',
  'CampaignRespondentAnswered',
  'CampaignRespondentOptedOut',
  'CampaignSharedLinkOpened',
  'CampaignSharedLinkClosed',
  'CampaignClosed',
  'CampaignCancelled',
] as const satisfies CampaignEvent['type'][];

export const campaignStream = (campaignId: string) => `campaign-${campaignId}`;

const respondent = (data: { respondentId: string }) => subjectId('respondent', data.respondentId);

/** A respondent's name and address are theirs; the rest are ids, dates and counts. */
export const campaignPersonalData: PersonalDataDeclarations<CampaignEvent> = {
  CampaignPlanned: noPersonalData,
  CampaignRescheduled: noPersonalData,
  CampaignRespondentAdded: [
    { field: 'email', subject: respondent, email: true },
    { field: 'firstName', subject: respondent },
    { field: 'lastName', subject: respondent },
  ],
  CampaignRespondentRemoved: noPersonalData,
  CampaignMessageQueued: noPersonalData,
  CampaignRespondentAnswered: noPersonalData,
  CampaignRespondentOptedOut: noPersonalData,
  CampaignSharedLinkOpened: noPersonalData,
  CampaignSharedLinkClosed: noPersonalData,
  CampaignClosed: noPersonalData,
  CampaignCancelled: noPersonalData,
};

const askedWhom = (data: CampaignMessageQueued['data']) =>
  [data.audience && AUDIENCE_LABELS[data.audience], data.targetLabel].filter(Boolean).join(' — ');

/** Indicator 30: each person's view was solicited (the invitation), then asked again (each reminder). */
export const campaignEvidence: EvidenceDeclarations<CampaignEvent> = {
  CampaignMessageQueued: {
    indicators: [30],
    kind: (data) => (data.reminder === 0 ? 'solicitation' : 'reminder'),
    title: (data) => {
      const what =
        data.reminder === 0 ? 'Invitation à donner son avis envoyée' : `Relance n° ${data.reminder} envoyée`;
      const whom = askedWhom(data);
      return whom ? `${what} : ${whom}` : what;
    },
    source: (data) => ({ type: 'campaign', id: data.campaignId }),
  },
};

/** A campaign about a session: its invitations and reminders carry that session's site and category. */
export const campaignEvidenceContext: EvidenceContexts<CampaignEvent> = {
  CampaignPlanned: {
    source: (data) => ({ type: 'campaign', id: data.campaignId }),
    concerns: (data) =>
      data.target.kind === 'session'
        ? { sessionId: data.target.sessionId, trainingActionId: data.target.trainingActionId }
        : null,
  },
};
