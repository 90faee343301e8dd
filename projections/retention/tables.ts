import type { Timestamp } from '../../services/db/columns';
import type { RetentionCategory } from '../../services/retention/events';

export type RetentionTables = {
  /** The periods an organisation set; a category without a row keeps its default. */
  retention_settings: {
    organisation_id: string;
    category: RetentionCategory;
    months: number;
    /** The settings stream's revision at this row's last change (the stream's is the highest). */
    revision: number;
  };
  /**
   * Each data subject whose data is still held, by category, with the instant its retention period started. A
   * subject may be held in two categories (a named campaign respondent's address and comments share one key): it
   * is erased when the first of its periods ends, since no category's data may outlive its period.
   */
  retention_subjects: {
    subject_id: string;
    organisation_id: string;
    category: RetentionCategory;
    starts_at: Timestamp;
  };
  /** Subjects already erased: a later fact about them (a deactivation) starts no new period. */
  retention_erased: { subject_id: string };
  /** Each campaign's closing: the end of its closing day until it is closed or cancelled, then that instant. */
  retention_campaigns: { campaign_id: string; closes_at: Timestamp };
  /** Each campaign respondent not erased, with what moves the start of their period. */
  retention_respondents: {
    respondent_id: string;
    campaign_id: string;
    organisation_id: string;
    /** When the last message (invitation or reminder) to them was queued. */
    last_message_at: Timestamp | null;
    /** When they were removed from the campaign: their period starts then, not at the closing. */
    removed_at: Timestamp | null;
  };
};
