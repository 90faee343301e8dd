import type { Selectable } from 'kysely';
import type { Timestamp } from '../../services/db/columns';

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
  };
  /** Items per indicator and their latest date, kept as counters: the summary over all time reads no item. */
  evidence_counts: { organisation_id: string; indicator: number; items: number; last_at: Timestamp };
};

export type EvidenceItemRow = Selectable<EvidenceTables['evidence_items']>;
