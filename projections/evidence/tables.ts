import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';
import type { ActionCategory } from '../../services/training/events';

export type EvidenceTables = {
  evidence_items: {
    event_id: string;
    indicator: number;
    organisation_id: string;
    occurred_at: Timestamp;
    kind: string;
    title: string;
    summary: string | null;
    source_type: string;
    source_id: string;
    event_type: string;
    position: number;
    /** The data subjects whose personal fields the event holds (scrubbed on their erasure). */
    subjects: string[];
    /** The session and training action the item concerns, if any; site and category follow their corrections. */
    session_id: string | null;
    training_action_id: string | null;
    site: string | null;
    action_category: ActionCategory | null;
  };
  /** Items per indicator and their first and last dates, kept as counters: the summary over all time reads no item. */
  evidence_counts: {
    organisation_id: string;
    indicator: number;
    items: number;
    first_at: Timestamp;
    last_at: Timestamp;
  };
  /** Each session's action and site, from the training events this projection follows itself (rebuild-safe). */
  evidence_sessions: {
    session_id: string;
    organisation_id: string;
    training_action_id: string;
    site: string;
  };
  /** Each training action's category, likewise. */
  evidence_actions: { training_action_id: string; organisation_id: string; category: ActionCategory };
  /** What a source concerns, as its last naming event said: its later items inherit it. */
  evidence_sources: {
    source_type: string;
    source_id: string;
    organisation_id: string;
    session_id: string | null;
    training_action_id: string | null;
  };
};

export type EvidenceItemRow = Selectable<EvidenceTables['evidence_items']>;
