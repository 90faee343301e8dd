import { type Kysely, sql } from 'kysely';
import { ncDeadline } from '../../services/audits/cycle';
import type { AuditEvent, NonConformityActionEvent, NonConformityEvent } from '../../services/audits/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { insertRows } from '../runner/bulk';
import { defineProjection } from '../runner/projection';
import type { AuditTables } from './tables';

type Db = Kysely<AuditTables>;
type Event = AuditEvent | NonConformityEvent | NonConformityActionEvent | PersonalDataErased;

const setAudit = (db: Db, id: string, revision: number, values: Partial<AuditTables['audits']>) =>
  db
    .updateTable('audits')
    .set({ ...values, revision } as never)
    .where('id', '=', id)
    .execute();

const setNc = (db: Db, id: string, revision: number, values: Record<string, unknown>) =>
  db
    .updateTable('audit_non_conformities')
    .set({ ...values, revision } as never)
    .where('id', '=', id)
    .execute();

/** Audits and their non-conformities; an erased member's findings, plans and evidence read as erased. */
export const auditsProjection = defineProjection<AuditTables, Event>({
  name: 'audits',
  version: 1,
  tables: ['audits', 'audit_non_conformities'],
  async create(db) {
    await db.schema
      .createTable('audits')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('certifier_name', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('planned_from', 'date', (column) => column.notNull())
      .addColumn('planned_to', 'date', (column) => column.notNull())
      .addColumn('held_from', 'date')
      .addColumn('held_to', 'date')
      .addColumn('report_received_on', 'date')
      .addColumn('report', 'jsonb')
      .addColumn('cancel_reason', 'text')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('audits_organisation_idx')
      .on('audits')
      .columns(['organisation_id', 'planned_from'])
      .execute();
    await db.schema
      .createTable('audit_non_conformities')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('audit_id', 'uuid', (column) => column.notNull())
      .addColumn('audit_kind', 'text', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('referential_version', 'text', (column) => column.notNull())
      .addColumn('grade', 'text', (column) => column.notNull())
      .addColumn('initial_grade', 'text', (column) => column.notNull())
      .addColumn('finding', 'text', (column) => column.notNull())
      .addColumn('notified_on', 'date', (column) => column.notNull())
      .addColumn('deadline', 'date', (column) => column.notNull())
      .addColumn('requalified_on', 'date')
      .addColumn('requalified_at_audit_id', 'uuid')
      .addColumn('action_plan', 'text')
      .addColumn('open', 'boolean', (column) => column.notNull())
      .addColumn('closed_on', 'date')
      .addColumn('evidence', 'text')
      .addColumn('effective', 'boolean')
      .addColumn('action_requests', 'integer', (column) => column.notNull())
      .addColumn('recorded_by', 'uuid', (column) => column.notNull())
      .addColumn('plan_by', 'uuid')
      .addColumn('closed_by', 'uuid')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('audit_non_conformities_organisation_idx')
      .on('audit_non_conformities')
      .columns(['organisation_id', 'open', 'deadline'])
      .execute();
  },
  handlers: {
    async AuditPlanned(db, events) {
      await insertRows(
        db,
        'audits',
        events.map(({ data, metadata, revision }) => ({
          id: data.auditId,
          organisation_id: metadata.organisationId,
          kind: data.kind,
          certifier_name: data.certifierName,
          status: 'planned' as const,
          planned_from: data.plannedFrom,
          planned_to: data.plannedTo,
          held_from: null,
          held_to: null,
          report_received_on: null,
          report: null,
          cancel_reason: null,
          revision,
          created_at: metadata.occurredAt,
        })),
      );
    },
    async AuditRescheduled(db, events) {
      for (const { data, revision } of events) {
        await setAudit(db, data.auditId, revision, {
          planned_from: data.plannedFrom,
          planned_to: data.plannedTo,
        });
      }
    },
    async AuditCancelled(db, events) {
      for (const { data, revision } of events) {
        await setAudit(db, data.auditId, revision, { status: 'cancelled', cancel_reason: data.reason });
      }
    },
    async AuditHeld(db, events) {
      for (const { data, revision } of events) {
        await setAudit(db, data.auditId, revision, {
          status: 'held',
          held_from: data.heldFrom,
          held_to: data.heldTo,
        });
      }
    },
    async AuditReportReceived(db, events) {
      for (const { data, revision } of events) {
        await setAudit(db, data.auditId, revision, {
          status: 'report_received',
          report_received_on: data.receivedOn,
          report: (data.report ? JSON.stringify(data.report) : null) as never,
        });
      }
    },
    async NonConformityRecorded(db, events) {
      await insertRows(
        db,
        'audit_non_conformities',
        events.map(({ data, metadata, revision }) => ({
          id: data.nonConformityId,
          organisation_id: metadata.organisationId,
          audit_id: data.audit.auditId,
          audit_kind: data.audit.kind,
          indicator: data.indicator,
          referential_version: data.referentialVersion,
          grade: data.grade,
          initial_grade: data.grade,
          finding: data.finding,
          notified_on: data.notifiedOn,
          deadline: ncDeadline(data.grade, data.notifiedOn),
          requalified_on: null,
          requalified_at_audit_id: null,
          action_plan: null,
          open: true,
          closed_on: null,
          evidence: null,
          effective: null,
          action_requests: 0,
          recorded_by: data.recordedBy,
          plan_by: null,
          closed_by: null,
          revision,
        })),
      );
    },
    async NonConformityActionPlanSet(db, events) {
      for (const { data, revision } of events) {
        await setNc(db, data.nonConformityId, revision, {
          action_plan: data.actionPlan,
          plan_by: data.writtenBy,
        });
      }
    },
    async NonConformityRequalified(db, events) {
      for (const { data, revision } of events) {
        await setNc(db, data.nonConformityId, revision, {
          grade: 'major',
          requalified_on: data.requalifiedOn,
          requalified_at_audit_id: data.atAuditId,
          deadline: ncDeadline('major', data.requalifiedOn),
        });
      }
    },
    async NonConformityClosed(db, events) {
      for (const { data, revision } of events) {
        await setNc(db, data.nonConformityId, revision, {
          open: false,
          closed_on: data.closedOn,
          evidence: data.evidence,
          effective: data.effective,
          closed_by: data.closedBy,
        });
      }
    },
    async NonConformityActionRequested(db, events) {
      for (const { data } of events) {
        // The request is on its own stream: the NC's revision (for If-Match) does not move.
        await db
          .updateTable('audit_non_conformities')
          .set({ action_requests: sql`action_requests + 1` })
          .where('id', '=', data.nonConformityId)
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const users = subjectIdsOf(events, 'user');
      if (users.length === 0) return;
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('audit_non_conformities')
        .set({ finding: erased })
        .where('recorded_by', 'in', users)
        .execute();
      await db
        .updateTable('audit_non_conformities')
        .set({ action_plan: erased })
        .where('plan_by', 'in', users)
        .execute();
      await db
        .updateTable('audit_non_conformities')
        .set({ evidence: erased })
        .where('closed_by', 'in', users)
        .execute();
    },
  },
});
