import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { ActionCategory, TrainingEvent } from '../../services/training/events';

export type TrainingTables = {
  training_actions: {
    id: string;
    organisation_id: string;
    title: string;
    category: ActionCategory;
    certifying: boolean;
    archived: boolean;
    created_at: Timestamp;
    /** The action stream's revision (its sessions' too), for If-Match. */
    revision: number;
  };
  training_sessions: {
    id: string;
    organisation_id: string;
    training_action_id: string;
    title: string;
    starts_on: CalendarDate;
    ends_on: CalendarDate;
    site: string;
    cancelled: boolean;
    archived: boolean;
    created_at: Timestamp;
  };
  /** Counters the dashboard reads instead of counting rows; `sessions` leaves cancelled sessions out. */
  training_counts: {
    organisation_id: string;
    actions: number;
    sessions: number;
  };
  /** Every change of an action or a session: what (the new values), who, when and why. */
  training_history: {
    event_id: string;
    organisation_id: string;
    training_action_id: string;
    /** Null for a change of the action itself. */
    session_id: string | null;
    change: TrainingEvent['type'];
    title: string | null;
    category: ActionCategory | null;
    certifying: boolean | null;
    starts_on: CalendarDate | null;
    ends_on: CalendarDate | null;
    site: string | null;
    reason: string | null;
    /** The user who made the change (null for the system). */
    actor_id: string | null;
    occurred_at: Timestamp;
    position: number;
  };
};

export type TrainingActionRow = Selectable<TrainingTables['training_actions']>;
export type TrainingSessionRow = Selectable<TrainingTables['training_sessions']>;
export type TrainingHistoryRow = Selectable<TrainingTables['training_history']> & {
  actor_name: string | null;
};
