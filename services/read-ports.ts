import type { Audience, SessionContext } from './feedback/events';
import type { PrivacyNotice } from './organisation/events';

/** A session as it stands now: what a feedback link records of it, and whether it was cancelled since. */
export type CurrentSessionContext = SessionContext & { cancelled: boolean };

/**
 * What write slices may ask the read side, implemented in projections/read-ports.ts and handed to the slices
 * by the composition root (a write slice never imports projections).
 */
export interface ReadPorts {
  /** A campaign's respondent, by id (any organisation's: the caller has checked a link naming them). */
  campaignRespondent(respondentId: string): Promise<CampaignRespondentState | undefined>;
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
}

/** A campaign's respondent as their personal link needs it. */
export interface CampaignRespondentState {
  campaignId: string;
  organisationId: string;
  removed: boolean;
  answered: boolean;
  optedOut: boolean;
}

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
