import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type PublicationTables = {
  /** One row per organisation that published: its public page's id and its stream's revision. */
  results_pages: {
    organisation_id: string;
    public_id: string;
    /** The publication stream's revision, for If-Match. */
    revision: number;
    opened_at: Timestamp;
  };
  /** Every published snapshot, withdrawn ones too: the history stays. */
  results_snapshots: {
    id: string;
    organisation_id: string;
    /** Its revision in the organisation's stream: the order of publication. */
    sequence: number;
    label: string;
    period_from: CalendarDate;
    period_to: CalendarDate;
    /** `organisation`, or `training_action:<id>`: the newest snapshot of a scope not withdrawn is current. */
    scope_key: string;
    training_action_id: string | null;
    training_action_title: string | null;
    trainees: number;
    respondents: number;
    response_rate: number;
    satisfaction_average: number | null;
    satisfied_share: number | null;
    completion_rate: number;
    drop_out_rate: number;
    success_rate: number | null;
    note: string | null;
    published_on: CalendarDate;
    published_at: Timestamp;
    supersedes: string | null;
    withdrawn_at: Timestamp | null;
    withdrawal_reason: string | null;
  };
};

export type ResultsPageRow = Selectable<PublicationTables['results_pages']>;
export type ResultsSnapshotRow = Selectable<PublicationTables['results_snapshots']>;
