import { type Kysely, sql } from 'kysely';
import type { MockAuditEvent, MockAuditFindingActionEvent } from '../../services/mock-audit/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { insertRows } from '../runner/bulk';
import { defineProjection } from '../runner/projection';
import type { MockAuditTables } from './tables';

type Db = Kysely<MockAuditTables>;
type Event = MockAuditEvent | MockAuditFindingActionEvent | PersonalDataErased;

const touch = async (db: Db, mockAuditId: string, revision: number, at: string) => {
  await db
    .updateTable('mock_audits')
    .set({ revision, updated_at: at })
    .where('id', '=', mockAuditId)
    .execute();
};

/** Mock audits: their scope, ticked checkpoints, findings (with the action each started) and completion. */
export const mockAuditProjection = defineProjection<MockAuditTables, Event>({
  name: 'mock_audit',
  version: 1,
  tables: ['mock_audits', 'mock_audit_ticks', 'mock_audit_findings'],
  async create(db) {
    await db.schema
      .createTable('mock_audits')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('started_on', 'date', (column) => column.notNull())
      .addColumn('referential_version', 'text', (column) => column.notNull())
      .addColumn('indicators', 'jsonb', (column) => column.notNull())
      .addColumn('started_by', 'uuid')
      .addColumn('completed_on', 'date')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('mock_audits_organisation_idx')
      .on('mock_audits')
      .columns(['organisation_id', 'started_on'])
      .execute();
    await db.schema
      .createTable('mock_audit_ticks')
      .addColumn('mock_audit_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('checkpoint', 'text', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('ticked_by', 'uuid')
      .addColumn('ticked_at', 'timestamptz', (column) => column.notNull())
      .addPrimaryKeyConstraint('mock_audit_ticks_pkey', ['mock_audit_id', 'indicator', 'checkpoint'])
      .execute();
    await db.schema
      .createTable('mock_audit_findings')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('mock_audit_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('indicator', 'integer', (column) => column.notNull())
      .addColumn('grade', 'text', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('recorded_by', 'uuid', (column) => column.notNull())
      .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
      .addColumn('withdrawn_at', 'timestamptz')
      .addColumn('action_id', 'uuid')
      .execute();
    await db.schema
      .createIndex('mock_audit_findings_audit_idx')
      .on('mock_audit_findings')
      .columns(['mock_audit_id'])
      .execute();
  },
  handlers: {
    async MockAuditStarted(db, events) {
      await insertRows(
        db,
        'mock_audits',
        events.map(({ data, metadata, revision }) => ({
          id: data.mockAuditId,
          organisation_id: metadata.organisationId,
          started_on: data.startedOn,
          referential_version: data.referentialVersion,
          indicators: data.indicators,
          started_by: data.startedBy,
          completed_on: null,
          revision,
          updated_at: metadata.occurredAt,
        })),
      );
    },
    async MockAuditCheckpointTicked(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .insertInto('mock_audit_ticks')
          .values({
            mock_audit_id: data.mockAuditId,
            indicator: data.indicator,
            checkpoint: data.checkpoint,
            organisation_id: metadata.organisationId,
            ticked_by: data.by,
            ticked_at: metadata.occurredAt,
          })
          .onConflict((oc) => oc.columns(['mock_audit_id', 'indicator', 'checkpoint']).doNothing())
          .execute();
        await touch(db, data.mockAuditId, revision, metadata.occurredAt);
      }
    },
    async MockAuditCheckpointUnticked(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .deleteFrom('mock_audit_ticks')
          .where('mock_audit_id', '=', data.mockAuditId)
          .where('indicator', '=', data.indicator)
          .where('checkpoint', '=', data.checkpoint)
          .execute();
        await touch(db, data.mockAuditId, revision, metadata.occurredAt);
      }
    },
    async MockAuditFindingRecorded(db, events) {
      await insertRows(
        db,
        'mock_audit_findings',
        events.map(({ data, metadata }) => ({
          id: data.findingId,
          mock_audit_id: data.mockAuditId,
          organisation_id: metadata.organisationId,
          indicator: data.indicator,
          grade: data.grade,
          text: data.text,
          recorded_by: data.recordedBy,
          recorded_at: metadata.occurredAt,
          withdrawn_at: null,
          action_id: null,
        })),
      );
      for (const { data, metadata, revision } of events) {
        await touch(db, data.mockAuditId, revision, metadata.occurredAt);
      }
    },
    async MockAuditFindingWithdrawn(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('mock_audit_findings')
          .set({ withdrawn_at: metadata.occurredAt })
          .where('id', '=', data.findingId)
          .execute();
        await touch(db, data.mockAuditId, revision, metadata.occurredAt);
      }
    },
    async MockAuditCompleted(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('mock_audits')
          .set({ completed_on: data.completedOn, revision, updated_at: metadata.occurredAt })
          .where('id', '=', data.mockAuditId)
          .execute();
      }
    },
    async MockAuditFindingActionRequested(db, events) {
      for (const { data } of events) {
        await db
          .updateTable('mock_audit_findings')
          .set({ action_id: data.actionId })
          .where('id', '=', data.findingId)
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'user');
      if (ids.length === 0) return;
      await db
        .updateTable('mock_audit_findings')
        .set({ text: sql<string>`${ERASED}::text` })
        .where('recorded_by', 'in', ids)
        .execute();
    },
  },
});
