import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { Audience } from '../../services/feedback/events';

export type CampaignStatus = 'planned' | 'closed' | 'cancelled';

export type CampaignTables = {
  campaigns: {
    id: string;
    organisation_id: string;
    audience: Audience;
    questionnaire_id: string;
    questionnaire_version: number;
    target_kind: 'session' | 'period';
    /** Null for a period. */
    session_id: string | null;
    training_action_id: string | null;
    /** The session's title, or the period's label. */
    target_label: string;
    period_from: CalendarDate | null;
    period_to: CalendarDate | null;
    send_on: CalendarDate;
    closes_on: CalendarDate;
    reminders: number;
    reminder_gap_days: number;
    anonymous: boolean;
    status: CampaignStatus;
    revision: number;
    created_at: Timestamp;
  };
  /** Counters the lists read instead of counting respondents. */
  campaign_counts: {
    campaign_id: string;
    respondents: number;
    invited: number;
    answered: number;
    opted_out: number;
    /** Answers received, through personal and shared links (anonymous ones included). */
    answers: number;
  };
  /** Links for a room (QR codes); their tokens are derived, never stored (services/campaign/links.ts). */
  campaign_shared_links: {
    id: string;
    campaign_id: string;
    organisation_id: string;
    label: string;
    open: boolean;
    answers: number;
    opened_at: Timestamp;
  };
  campaign_respondents: {
    id: string;
    campaign_id: string;
    organisation_id: string;
    /** Read from the log through the vault; ERASED once the respondent is. */
    email: string;
    first_name: string | null;
    last_name: string;
    source: 'manual' | 'import';
    removed: boolean;
    /** Messages queued: the invitation, then each reminder. */
    messages: number;
    last_message_at: Timestamp | null;
    answered: boolean;
    opted_out: boolean;
    added_at: Timestamp;
  };
};

export type CampaignRow = Selectable<CampaignTables['campaigns']> &
  Omit<Selectable<CampaignTables['campaign_counts']>, 'campaign_id'>;
export type CampaignRespondentRow = Selectable<CampaignTables['campaign_respondents']>;
export type CampaignSharedLinkRow = Selectable<CampaignTables['campaign_shared_links']>;
