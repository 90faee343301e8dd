import type { ColumnType, Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';

type Position = ColumnType<number | string, number, number>;

/**
 * Subject access's read model: where each data subject is named in the log, the addresses that find them, and
 * the organisation's record of exports and erasures. Personal values are never copied here but the normalised
 * e-mail addresses, dropped when their subject is erased.
 */
export type SubjectAccessTables = {
  /** One row per event naming a subject (a sealed field of theirs, or an export or erasure of them). */
  privacy_subject_events: {
    subject_id: string;
    position: Position;
    organisation_id: string;
    event_id: string;
    stream_id: string;
    type: string;
    occurred_at: Timestamp;
  };
  /** The normalised addresses a subject's events declare as theirs (`email: true`), until they are erased. */
  privacy_subject_emails: {
    subject_id: string;
    organisation_id: string;
    email: string;
  };
  /** Exports and erasures, for the organisation's history: ids, codes and dates. */
  privacy_requests: {
    event_id: string;
    organisation_id: string;
    occurred_at: Timestamp;
    kind: 'export' | 'erasure';
    actor_id: string | null;
    subject_ids: ColumnType<string[], string, string>;
    reason: string | null;
    format: string | null;
  };
};

export type SubjectEventRow = Selectable<SubjectAccessTables['privacy_subject_events']>;
export type PrivacyRequestRow = Selectable<SubjectAccessTables['privacy_requests']>;
