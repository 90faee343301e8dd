import type { ColumnType, Selectable } from 'kysely';
import type { NcGrade } from '../../services/audits/cycle';
import type { AuditStatus } from '../../services/audits/decider';
import type { AuditCancelReason, AuditKind, AuditReportFile } from '../../services/audits/events';
import type { CalendarDate, Timestamp } from '../../services/db/columns';

export type AuditTables = {
  /** One row per audit: its plan, where it stands, its report. */
  audits: {
    id: string;
    organisation_id: string;
    kind: AuditKind;
    certifier_name: string;
    status: AuditStatus;
    planned_from: CalendarDate;
    planned_to: CalendarDate;
    held_from: CalendarDate | null;
    held_to: CalendarDate | null;
    report_received_on: CalendarDate | null;
    report: ColumnType<AuditReportFile | null, string | null, string | null>;
    cancel_reason: AuditCancelReason | null;
    revision: number;
    created_at: Timestamp;
  };
  /** One row per non-conformity: its grade now, deadline, plan, closure. */
  audit_non_conformities: {
    id: string;
    organisation_id: string;
    audit_id: string;
    audit_kind: AuditKind;
    indicator: number;
    referential_version: string;
    grade: NcGrade;
    /** The grade the certifier gave (a requalified minor reads `minor` here). */
    initial_grade: NcGrade;
    finding: string;
    notified_on: CalendarDate;
    /** From the notification (or the requalification): major 3 months, minor 6. */
    deadline: CalendarDate;
    requalified_on: CalendarDate | null;
    requalified_at_audit_id: string | null;
    action_plan: string | null;
    open: boolean;
    closed_on: CalendarDate | null;
    evidence: string | null;
    effective: boolean | null;
    action_requests: number;
    recorded_by: string;
    plan_by: string | null;
    closed_by: string | null;
    revision: number;
  };
};

export type AuditRow = Selectable<AuditTables['audits']>;
export type NonConformityRow = Selectable<AuditTables['audit_non_conformities']>;
