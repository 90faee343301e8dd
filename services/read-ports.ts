import { z } from 'zod';
import type { Audience, SessionContext } from './feedback/events';
import type { PrivacyNotice } from './organisation/events';
import type { ResultsSnapshot } from './publication/events';
import type { QuestionnaireContent } from './questionnaire/events';

/** A session as it stands now: what a feedback link records of it, and whether it was cancelled since. */
export type CurrentSessionContext = SessionContext & { cancelled: boolean };

/**
 * What write slices may ask the read side, implemented in projections/read-ports.ts and handed to the slices
 * by the composition root (a write slice never imports projections).
 */
export interface ReadPorts {
  /** The session as the organisation sees it, or undefined when it does not exist there. */
  sessionContext(organisationId: string, sessionId: string): Promise<CurrentSessionContext | undefined>;
  /**
   * A feedback link as the read model knows it: its answers (an abuse cap, not a rule), whether it was closed and
   * whether its session was cancelled; undefined until the link reaches the read model.
   */
  feedbackLinkState(linkId: string): Promise<FeedbackLinkState | undefined>;
  /** What public pages show about an organisation, or undefined when it does not exist. */
  organisationPublicProfile(organisationId: string): Promise<OrganisationPublicProfile | undefined>;
  /** A questionnaire's current version as the organisation sees it, or undefined when it does not exist there. */
  questionnaireSummary(
    organisationId: string,
    questionnaireId: string,
  ): Promise<QuestionnaireSummary | undefined>;
  /**
   * The events naming these data subjects in the organisation, in log order (subject access's index; another
   * organisation's subjects name none).
   */
  subjectEvents(organisationId: string, subjectIds: readonly string[]): Promise<SubjectEventRef[]>;
  /** A campaign as its public form needs it (any organisation's: the caller has checked a link naming it). */
  campaignForAnswer(campaignId: string): Promise<CampaignForAnswer | undefined>;
  /** A campaign's respondent as their personal link needs it. */
  campaignRespondent(respondentId: string): Promise<CampaignRespondentState | undefined>;
  /** A campaign's shared link as its public form needs it. */
  campaignSharedLink(linkId: string): Promise<CampaignSharedLinkState | undefined>;
  /** One saved version of a questionnaire of the organisation (versions never change once saved). */
  questionnaireVersion(
    organisationId: string,
    questionnaireId: string,
    version: number,
  ): Promise<QuestionnaireContent | undefined>;
  /** A training action's title in the organisation, or undefined when it does not exist there. */
  trainingActionTitle(organisationId: string, trainingActionId: string): Promise<string | undefined>;
  /** The published results a public page id names, or undefined when it names none. */
  publicResults(publicId: string): Promise<PublicResults | undefined>;
  /** Whether the organisation received this answer (a campaign's or a legacy one); another's is unknown. */
  answerExists(organisationId: string, answerId: string): Promise<boolean>;
  /** The public complaint page an address names (by the address's SHA-256), or undefined when it names none. */
  complaintPage(addressHash: string): Promise<ComplaintPageState | undefined>;
  /** A complaint's register reference (R-<year>-<nnn>) once the register shows it. */
  complaintReference(organisationId: string, complaintId: string): Promise<string | undefined>;
  /** Those of these user ids who are members of the organisation (another organisation's are left out). */
  membersAmong(organisationId: string, userIds: readonly string[]): Promise<string[]>;
  /** Those of these user ids who are active staff of the organisation (not deactivated, not auditors). */
  activeStaffAmong(organisationId: string, userIds: readonly string[]): Promise<string[]>;
}

/** What a public complaint page's address leads to. */
export interface ComplaintPageState {
  organisationId: string;
  /** An earlier address: the page has moved (the organisation regenerated it). */
  replaced: boolean;
  /** The organisation's deadline to acknowledge a complaint, said on the confirmation. */
  acknowledgeWithinWorkingDays: number;
}

export interface CampaignForAnswer {
  organisationId: string;
  status: 'planned' | 'closed' | 'cancelled';
  /** Paris dates, YYYY-MM-DD. */
  sendOn: string;
  closesOn: string;
  anonymous: boolean;
  audience: Audience;
  questionnaireId: string;
  questionnaireVersion: number;
  sessionId: string | null;
  trainingActionId: string | null;
  targetLabel: string;
}

export interface CampaignRespondentState {
  campaignId: string;
  organisationId: string;
  removed: boolean;
  answered: boolean;
  optedOut: boolean;
}

export interface CampaignSharedLinkState {
  campaignId: string;
  organisationId: string;
  open: boolean;
  answers: number;
}

/** What an organisation's public results page shows. */
export interface PublicResults {
  organisationId: string;
  /** Every snapshot not withdrawn, newest first; `current` for the newest of each scope. */
  snapshots: (ResultsSnapshot & { current: boolean })[];
}

/** A campaign's respondent as their personal link needs it. */

export interface QuestionnaireSummary {
  audience: Audience;
  version: number;
  archived: boolean;
}

/** Where an event naming a data subject sits in the log. */
export interface SubjectEventRef {
  subject_id: string;
  position: number;
  stream_id: string;
  type: string;
  occurred_at: Date;
}

export interface FeedbackLinkState {
  responses: number;
  closed: boolean;
  sessionCancelled: boolean;
}

/** How public pages' answers carry the organisation (`OrganisationPublicProfile`), for the routes' schemas. */
export const publicOrganisationBody = z.object({
  name: z.string(),
  legalName: z.string().nullable(),
  logoUrl: z.string().nullable(),
  contactEmail: z.string().nullable(),
  privacyNotice: z.object({
    controller: z.string(),
    purpose: z.string(),
    retention: z.string(),
    contact: z.string(),
    isDefault: z.boolean(),
  }),
});

/** The organisation as public forms and their error pages present it. */
export interface OrganisationPublicProfile {
  /** The name it was created with (what people know it by). */
  name: string;
  legalName: string | null;
  logoUrl: string | null;
  contactEmail: string | null;
  /** Its own notice, or the default one (`isDefault`) while it has written none. */
  privacyNotice: PrivacyNotice & { isDefault: boolean };
}
