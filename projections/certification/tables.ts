import type { ColumnType, Selectable } from 'kysely';
import type { TurnoverBand } from '../../services/certification/duration';
import type { JourneyStep, StepState } from '../../services/certification/events';
import type { JourneyKind } from '../../services/certification/reduced-audit';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

/** A step as the organisation marked it. */
export type MarkedStepRow = { state: StepState; on: CalendarDate | null };
export type MarkedSteps = Partial<Record<JourneyStep, MarkedStepRow>>;

export type CertificationTables = {
  /** One row per organisation: the stream's revision (If-Match), turnover band and quality label. */
  certification_settings: {
    organisation_id: string;
    revision: number;
    turnover_band: TurnoverBand | null;
    label_name: string | null;
    label_held_since: CalendarDate | null;
  };
  /** One row per journey; the organisation's latest is its current one. */
  certification_journeys: {
    id: string;
    organisation_id: string;
    kind: JourneyKind;
    started_on: CalendarDate;
    started_at: Timestamp;
    steps: ColumnType<MarkedSteps, string, string>;
    certifier_name: string | null;
    accreditation_ref: string | null;
    certifier_chosen_on: CalendarDate | null;
    reduced: boolean;
  };
  certification_quotes: {
    id: string;
    organisation_id: string;
    journey_id: string;
    certifier: string;
    initial_audit_cents: number;
    yearly_follow_up_cents: number;
    received_on: CalendarDate;
    recorded_at: Timestamp;
  };
};

export type CertificationSettingsRow = Selectable<CertificationTables['certification_settings']>;
export type CertificationJourneyRow = Selectable<CertificationTables['certification_journeys']>;
export type CertificationQuoteRow = Selectable<CertificationTables['certification_quotes']>;
