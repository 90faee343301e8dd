import type { Selectable } from 'kysely';
import type { BinderExportStatus } from '../../services/binder/decider';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type BinderTables = {
  /** One row per binder export: what was asked and how it ended (the file's progress is the runner's). */
  binder_exports: {
    id: string;
    organisation_id: string;
    from_on: CalendarDate;
    to_on: CalendarDate;
    indicators: number[];
    as_of_position: number;
    as_of_recorded_at: Timestamp;
    requested_by: string;
    requested_at: Timestamp;
    status: Exclude<BinderExportStatus, 'none'>;
    file_name: string | null;
    sha256: string | null;
    bytes: number | null;
    fingerprint: string | null;
    items: number | null;
    events: number | null;
    failure: string | null;
    finished_at: Timestamp | null;
    revision: number;
  };
};

export type BinderExportRow = Selectable<BinderTables['binder_exports']>;
