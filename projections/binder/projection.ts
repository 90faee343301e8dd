import type { Kysely } from 'kysely';
import type { BinderExportEvent } from '../../services/binder/events';
import { insertRows } from '../runner/bulk';
import { defineProjection } from '../runner/projection';
import type { BinderTables } from './tables';

type Db = Kysely<BinderTables>;

/** Binder exports as the dashboard lists them: newest first per organisation, each with its outcome. */
export const binderProjection = defineProjection<BinderTables, BinderExportEvent>({
  name: 'binder',
  version: 1,
  tables: ['binder_exports'],
  async create(db: Db) {
    await db.schema
      .createTable('binder_exports')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('from_on', 'date', (column) => column.notNull())
      .addColumn('to_on', 'date', (column) => column.notNull())
      .addColumn('indicators', 'jsonb', (column) => column.notNull())
      .addColumn('as_of_position', 'bigint', (column) => column.notNull())
      .addColumn('as_of_recorded_at', 'timestamptz', (column) => column.notNull())
      .addColumn('requested_by', 'uuid', (column) => column.notNull())
      .addColumn('requested_at', 'timestamptz', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('file_name', 'text')
      .addColumn('sha256', 'text')
      .addColumn('bytes', 'bigint')
      .addColumn('fingerprint', 'text')
      .addColumn('items', 'integer')
      .addColumn('events', 'integer')
      .addColumn('failure', 'text')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('revision', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('binder_exports_organisation_idx')
      .on('binder_exports')
      .columns(['organisation_id', 'requested_at'])
      .execute();
    await db.schema
      .createIndex('binder_exports_status_idx')
      .on('binder_exports')
      .columns(['status', 'requested_at'])
      .execute();
  },
  handlers: {
    async BinderExportRequested(db, events) {
      await insertRows(
        db,
        'binder_exports',
        events.map(({ data, metadata, revision }) => ({
          id: data.exportId,
          organisation_id: metadata.organisationId,
          from_on: data.from,
          to_on: data.to,
          indicators: data.indicators,
          as_of_position: data.asOfPosition,
          as_of_recorded_at: data.asOfRecordedAt,
          requested_by: data.requestedBy,
          requested_at: metadata.occurredAt,
          status: 'requested' as const,
          file_name: null,
          sha256: null,
          bytes: null,
          fingerprint: null,
          items: null,
          events: null,
          failure: null,
          finished_at: null,
          revision,
        })),
      );
    },
    async BinderExportCompleted(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('binder_exports')
          .set({
            status: 'completed',
            file_name: data.fileName,
            sha256: data.sha256,
            bytes: data.bytes,
            fingerprint: data.fingerprint,
            items: data.items,
            events: data.events,
            finished_at: metadata.occurredAt,
            revision,
          })
          .where('id', '=', data.exportId)
          .execute();
      }
    },
    async BinderExportFailed(db, events) {
      for (const { data, metadata, revision } of events) {
        await db
          .updateTable('binder_exports')
          .set({ status: 'failed', failure: data.reason, finished_at: metadata.occurredAt, revision })
          .where('id', '=', data.exportId)
          .execute();
      }
    },
    async BinderExportDiscarded(db, events) {
      for (const { data, revision } of events) {
        await db
          .updateTable('binder_exports')
          .set({ status: 'discarded', revision })
          .where('id', '=', data.exportId)
          .execute();
      }
    },
  },
});
