import type { Selectable } from 'kysely';
import type { CalendarDate, Timestamp } from '../../services/db/columns';
import type { FindingGrade } from '../../services/mock-audit/events';

export type MockAuditTables = {
  /** One row per mock audit: its scope and whether it is completed. */
  mock_audits: {
    id: string;
    organisation_id: string;
    started_on: CalendarDate;
    referential_version: string;
    /** The indicators walked, in the auditor's order. */
    indicators: number[];
    started_by: string | null;
    completed_on: CalendarDate | null;
    revision: number;
    updated_at: Timestamp;
  };
  /** The checkpoints ticked now (an unticked one leaves). */
  mock_audit_ticks: {
    mock_audit_id: string;
    indicator: number;
    checkpoint: string;
    organisation_id: string;
    ticked_by: string | null;
    ticked_at: Timestamp;
  };
  /** Every finding, withdrawn ones kept with their day; the action it started once asked for. */
  mock_audit_findings: {
    id: string;
    mock_audit_id: string;
    organisation_id: string;
    indicator: number;
    grade: FindingGrade;
    /** Its author's words (their personal data). */
    text: string;
    recorded_by: string;
    recorded_at: Timestamp;
    withdrawn_at: Timestamp | null;
    action_id: string | null;
  };
};

export type MockAuditRow = Selectable<MockAuditTables['mock_audits']>;
export type MockAuditFindingRow = Selectable<MockAuditTables['mock_audit_findings']>;
