import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { ActionCategory } from '../../services/training/events';

export type TrainingTables = {
  training_actions: {
    id: string;
    organisation_id: string;
    title: string;
    category: ActionCategory;
    certifying: boolean;
    created_at: Timestamp;
    /** The action stream's revision, for If-Match. */
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
    created_at: Timestamp;
  };
  /** Counters the dashboard reads instead of counting rows. */
  training_counts: {
    organisation_id: string;
    actions: number;
    sessions: number;
  };
};

export type TrainingActionRow = Selectable<TrainingTables['training_actions']>;
export type TrainingSessionRow = Selectable<TrainingTables['training_sessions']>;
