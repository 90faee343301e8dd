import { noPersonalData, type PersonalDataDeclarations } from '../privacy/declarations';

/**
 * What an organisation keeps about people, by category, each with its own retention period:
 * - feedback_comments: the free text of answers (the rating stays, it is nobody's data);
 * - complaints: a complainant's name, contact, words and attachments, and what was written about their complaint,
 *   from its closing or rejection (a reopening stops the clock: an open complaint is never erased by age);
 * - contact_logs: the recipients of sent mail, the addresses of invitations, and the people met and what they said
 *   in logged contacts with funders and companies (from the contact's date);
 * - departed_accounts: the address and name of members deactivated for longer than the period;
 * - campaign_respondents: the name and address of the people a feedback campaign asked, from its closing. A
 *   category of its own rather than contact_logs: the list of who was asked (and reminded) is indicator 30's
 *   evidence, wanted until the next audit like the comments, not a year's trace; and a named respondent's comments
 *   share their key, so a shorter period would take those comments with it;
 * - incidents: what a difficulty or disruption record says of the people it concerns (a learner at risk, a
 *   disability accommodation, a trainer's absence), from its resolution (a reopening stops the clock).
 */
export const RETENTION_CATEGORIES = [
  'feedback_comments',
  'complaints',
  'contact_logs',
  'departed_accounts',
  'campaign_respondents',
  'incidents',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/**
 * The periods, in months, until an organisation sets its own (README, "Retention of personal data"):
 * comments cover the time between two Qualiopi audits (surveillance at 14–22 months, renewal at 36); complaints
 * the 5-year limitation period of civil actions (Code civil, art. 2224); mail and invitation traces and the
 * accounts of people who left the CNIL's usual year for logs and former users; campaign respondents the time
 * between two audits, like the comments (the list of who was asked evidences indicator 30); incidents a whole
 * certification cycle (36 months: the renewal audit looks back over it), then a learner's difficulty is no one's
 * business.
 */
export const RETENTION_DEFAULTS: Readonly<Record<RetentionCategory, number>> = {
  feedback_comments: 24,
  complaints: 60,
  contact_logs: 12,
  departed_accounts: 12,
  campaign_respondents: 24,
  incidents: 36,
};

/** The bounds of a period: at least a month, at most ten years (the longest legal duty to keep a record). */
export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 120;

/** An organisation set how long it keeps one category of personal data. */
export type RetentionPeriodSet = {
  type: 'RetentionPeriodSet';
  data: { category: RetentionCategory; months: number; previousMonths: number };
};

export type RetentionEvent = RetentionPeriodSet;
export const retentionEventTypes = ['RetentionPeriodSet'] as const satisfies RetentionEvent['type'][];

/** One stream per organisation: its retention settings. */
export const retentionStream = (organisationId: string) => `retention-${organisationId}`;

/** Categories and durations: nobody's data. */
export const retentionPersonalData: PersonalDataDeclarations<RetentionEvent> = {
  RetentionPeriodSet: noPersonalData,
};
