import type { Selectable } from 'kysely';
import type { ActionStatus } from '../../services/actions/decider';
import type {
  ActionOrigin,
  ActionPriority,
  ActionType,
  EffectivenessOutcome,
} from '../../services/actions/events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type ActionsTables = {
  /** One row per improvement action: its current state, as the plan shows it. */
  improvement_actions: {
    id: string;
    organisation_id: string;
    /** Whose personal data the free text is (see services/actions/events.ts). */
    subject: string;
    title: string;
    description: string | null;
    type: ActionType;
    priority: ActionPriority;
    owner_id: string;
    due_on: CalendarDate | null;
    origins: ActionOrigin[];
    status: ActionStatus;
    /** The last effectiveness check's outcome, or null. */
    effectiveness: EffectivenessOutcome | null;
    request_id: string | null;
    follow_up_of: string | null;
    follow_up_action_id: string | null;
    started_on: CalendarDate | null;
    done_on: CalendarDate | null;
    /** When it left the plan (closed or cancelled): the burndown counts it open until then. */
    ended_at: Timestamp | null;
    revision: number;
    planned_by: string | null;
    planned_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Every step of an action, in order, with who and when. */
  improvement_action_history: {
    action_id: string;
    revision: number;
    organisation_id: string;
    step: string;
    /** The step's free text (note, summary, comment), or null. */
    text: string | null;
    /** The step's other facts (outcome, reason, file, changed fields…). */
    details: Record<string, unknown>;
    subject: string;
    changed_by: string | null;
    changed_at: Timestamp;
  };
  improvement_action_files: {
    file_id: string;
    action_id: string;
    organisation_id: string;
    file_name: string;
    content_type: string;
    size: number;
    attached_by: string | null;
    attached_at: Timestamp;
  };
};

export type ImprovementActionRow = Selectable<ActionsTables['improvement_actions']>;
export type ImprovementActionHistoryRow = Selectable<ActionsTables['improvement_action_history']>;
export type ImprovementActionFileRow = Selectable<ActionsTables['improvement_action_files']>;
