import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { Audience } from '../../services/feedback/events';

export type FeedbackTables = {
  feedback_links: {
    id: string;
    organisation_id: string;
    session_id: string;
    audience: Audience;
    created_at: Timestamp;
    expires_at: Timestamp;
    closed_at: Timestamp | null;
    /** Its session was cancelled (training's SessionCancelled): it takes no more answers. */
    session_cancelled: boolean;
  };
  feedback_responses: {
    id: string;
    organisation_id: string;
    link_id: string;
    session_id: string;
    training_action_id: string;
    audience: Audience;
    rating: number;
    comment: string | null;
    submitted_at: Timestamp;
  };
  /** Answers per link, per session and per organisation, kept as counters so no read counts the answers. */
  feedback_link_counts: { link_id: string; responses: number };
  feedback_session_counts: {
    session_id: string;
    organisation_id: string;
    responses: number;
    rating_sum: number;
  };
  feedback_counts: { organisation_id: string; responses: number; rating_sum: number };
};

/** A link with its answer count (the public form's abuse cap and the action page read it). */
export type FeedbackLinkRow = Selectable<FeedbackTables['feedback_links']> & { response_count: number };
export type FeedbackResponseRow = Selectable<FeedbackTables['feedback_responses']>;
