import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type {
  CommunicationAudience,
  CommunicationChannel,
  WatchImpact,
  WatchTheme,
} from '../../services/watch/events';

export type WatchStepKind = 'recorded' | 'edited' | 'analysed' | 'communicated' | 'archived';

export type WatchTables = {
  /** One row per note: what it says now, its latest analysis and how often it was passed on. */
  watch_notes: {
    id: string;
    organisation_id: string;
    theme: WatchTheme;
    title: string;
    source_name: string;
    source_url: string | null;
    information_on: CalendarDate;
    summary: string;
    /** Who wrote the summary now shown (its personal-data subject). */
    summary_by: string | null;
    /** The Paris day the note was recorded: the not-exploited delay runs from it. */
    recorded_on: CalendarDate;
    recorded_by: string | null;
    recorded_at: Timestamp;
    impact: WatchImpact | null;
    analysis: string | null;
    decision: string | null;
    changes: string | null;
    /** The Paris day of its first analysis. */
    analysed_on: CalendarDate | null;
    analysed_by: string | null;
    communications: number;
    last_communicated_on: CalendarDate | null;
    archived: boolean;
    /** The note stream's revision, for If-Match. */
    revision: number;
    updated_at: Timestamp;
  };
  /** Every step of a note, in order: the timeline (who, when, what). */
  watch_note_steps: {
    note_id: string;
    revision: number;
    organisation_id: string;
    step: WatchStepKind;
    impact: WatchImpact | null;
    channel: CommunicationChannel | null;
    audience: CommunicationAudience | null;
    step_on: CalendarDate | null;
    /** The step's free text: the summary, the analysis, or the message passed on. */
    text: string | null;
    decision: string | null;
    changes: string | null;
    by: string | null;
    at: Timestamp;
  };
  /** Improvement actions asked for from a note. */
  watch_note_improvements: {
    request_id: string;
    note_id: string;
    organisation_id: string;
    title: string;
    requested_by: string;
    requested_at: Timestamp;
  };
  /** The organisation's delay, once it set one (the default otherwise). */
  watch_settings: {
    organisation_id: string;
    exploit_within_days: number;
    revision: number;
  };
};

export type WatchNoteRow = Selectable<WatchTables['watch_notes']>;
export type WatchStepRow = Selectable<WatchTables['watch_note_steps']>;
export type WatchImprovementRow = Selectable<WatchTables['watch_note_improvements']>;
