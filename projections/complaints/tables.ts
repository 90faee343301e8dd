import type { Selectable } from 'kysely';
import type { ComplaintStatus } from '../../services/complaints/decider';
import type {
  ComplainantGroup,
  ComplaintChannel,
  ComplaintEvent,
  ComplaintOutcome,
} from '../../services/complaints/events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { HolidayCalendar } from '../../services/kernel/working-days';

export type ComplaintsTables = {
  /** The register: one row per complaint, as it stands, with the dates its deadlines look at. */
  complaints: {
    id: string;
    organisation_id: string;
    /** R-<year received>-<number in that year>, per organisation. */
    reference: string;
    status: ComplaintStatus;
    channel: ComplaintChannel;
    group: ComplainantGroup;
    anonymous: boolean;
    /** Personal: the complainant's name, contact and words ('[effacé]' once erased). */
    complainant_name: string | null;
    complainant_email: string | null;
    complainant_phone: string | null;
    complainant_postal_address: string | null;
    text: string;
    training_action_id: string | null;
    training_title: string | null;
    session_id: string | null;
    session_title: string | null;
    site: string | null;
    received_on: CalendarDate;
    owner_id: string | null;
    /** The first acknowledgement; the first answer or rejection; a withdrawal before any answer. */
    acknowledged_on: CalendarDate | null;
    answered_on: CalendarDate | null;
    closed_unanswered_on: CalendarDate | null;
    /** Due dates under the organisation's settings, recomputed when they change. */
    acknowledge_by: CalendarDate;
    answer_by: CalendarDate;
    mediation_in_progress: boolean;
    outcome: ComplaintOutcome | null;
    erased: boolean;
    /** The stream's revision, for If-Match. */
    revision: number;
    recorded_by: string | null;
    recorded_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Each complaint's steps in order, as its timeline shows them. */
  complaint_steps: {
    complaint_id: string;
    revision: number;
    organisation_id: string;
    step: ComplaintEvent['type'];
    /** The Paris date the step happened (null for a reassignment, which is dated by its instant). */
    step_on: CalendarDate | null;
    /** The step's free text: acknowledgement, causes, answer, reasons, mediation reason or result, note. */
    text: string | null;
    mediator: string | null;
    sent_by_email: boolean | null;
    outcome: ComplaintOutcome | null;
    owner_id: string | null;
    actor_id: string | null;
    occurred_at: Timestamp;
  };
  /** Improvement actions asked for from a complaint, until the actions slice takes them up. */
  complaint_improvement_requests: {
    request_id: string;
    complaint_id: string;
    organisation_id: string;
    title: string;
    requested_by: string;
    requested_at: Timestamp;
  };
  /** Each organisation's deadlines, once it set them (the defaults otherwise). */
  complaint_settings: {
    organisation_id: string;
    acknowledge_within_working_days: number;
    answer_within_working_days: number;
    calendar: HolidayCalendar;
    /** The settings stream's revision: what a change sends as If-Match. */
    revision: number;
  };
  /** The files a complaint came with (their bytes in the files port, sealed with the complainant). */
  complaint_attachments: {
    /** The file's id in the files port. */
    attachment_id: string;
    complaint_id: string;
    organisation_id: string;
    /** Personal: the name the complainant gave it. */
    file_name: string;
    media_type: string;
    size_bytes: number;
    received_at: Timestamp;
  };
  /** Every address an organisation's public complaint page had, by its SHA-256; the current one is not replaced. */
  complaint_page_addresses: {
    address_hash: string;
    organisation_id: string;
    generation: number;
    replaced: boolean;
  };
  /** The last number given to a complaint per organisation and year of receipt. */
  complaint_numbers: { organisation_id: string; year: number; last_number: number };
};

export type ComplaintRow = Selectable<ComplaintsTables['complaints']>;
export type ComplaintStepRow = Selectable<ComplaintsTables['complaint_steps']>;
export type ComplaintAttachmentRow = Selectable<ComplaintsTables['complaint_attachments']>;
export type ComplaintImprovementRow = Selectable<ComplaintsTables['complaint_improvement_requests']>;
