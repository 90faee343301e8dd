import type { Selectable } from 'kysely';
import type {
  IncidentCategory,
  IncidentKind,
  IncidentSeverity,
} from '../../services/complaints/incident-events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type IncidentStatus = 'open' | 'resolved';
export type IncidentStepKind = 'recorded' | 'measure' | 'resolved' | 'reopened' | 'improvement_requested';

export type IncidentTables = {
  /** One row per difficulty or disruption, as the register lists it. Free text is ERASED once erased. */
  incidents: {
    id: string;
    organisation_id: string;
    kind: IncidentKind;
    category: IncidentCategory;
    severity: IncidentSeverity;
    status: IncidentStatus;
    occurred_on: CalendarDate;
    description: string;
    site: string | null;
    session_id: string | null;
    training_action_id: string | null;
    training_title: string | null;
    session_title: string | null;
    measures: number;
    resolved_on: CalendarDate | null;
    resolution: string | null;
    /** The stream's revision, for If-Match. */
    revision: number;
    recorded_by: string | null;
    recorded_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Every step of a record, in order: its recording, each measure, resolutions, reopenings, improvement requests. */
  incident_steps: {
    incident_id: string;
    revision: number;
    organisation_id: string;
    step: IncidentStepKind;
    /** The Paris date the step happened (the request's day for an improvement request). */
    step_on: CalendarDate;
    /** The measure, the resolution, the reason or the requested action's title (ERASED once erased). */
    text: string | null;
    /** An improvement request's id, as the actions slice will know it. */
    follow_up_id: string | null;
    changed_by: string | null;
    changed_at: Timestamp;
  };
};

export type IncidentRow = Selectable<IncidentTables['incidents']>;
export type IncidentStepRow = Selectable<IncidentTables['incident_steps']>;
