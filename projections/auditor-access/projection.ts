import { sql } from 'kysely';
import type { AuditorAccessEvent } from '../../services/auditor-access/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PersonalDataErased } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { defineProjection } from '../runner/projection';
import type { AuditorAccessTables } from './tables';

type Event = AuditorAccessEvent | PersonalDataErased;

/** Auditors' links as the admin lists them, and every recorded use of each. */
export const auditorAccessProjection = defineProjection<AuditorAccessTables, Event>({
  name: 'auditor_access',
  version: 1,
  tables: ['auditor_access_links', 'auditor_access_uses'],
  async create(db) {
    await db.schema
      .createTable('auditor_access_links')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('auditor_name', 'text', (column) => column.notNull())
      .addColumn('auditor_email', 'text', (column) => column.notNull())
      .addColumn('audit_id', 'uuid')
      .addColumn('from_on', 'date', (column) => column.notNull())
      .addColumn('until_on', 'date', (column) => column.notNull())
      .addColumn('valid_from', 'timestamptz', (column) => column.notNull())
      .addColumn('valid_until', 'timestamptz', (column) => column.notNull())
      .addColumn('binder_export_ids', 'jsonb')
      .addColumn('granted_at', 'timestamptz', (column) => column.notNull())
      .addColumn('granted_by', 'uuid', (column) => column.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('uses', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('last_used_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('auditor_access_links_organisation_idx')
      .on('auditor_access_links')
      .columns(['organisation_id', 'granted_at'])
      .execute();
    await db.schema
      .createTable('auditor_access_uses')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('link_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('used_at', 'timestamptz', (column) => column.notNull())
      .addColumn('what', 'text', (column) => column.notNull())
      .addColumn('binder_export_id', 'uuid')
      .addColumn('origin', 'text')
      .execute();
    await db.schema
      .createIndex('auditor_access_uses_link_idx')
      .on('auditor_access_uses')
      .columns(['link_id', 'used_at'])
      .execute();
  },
  handlers: {
    async AuditorAccessGranted(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('auditor_access_links')
          .values({
            id: data.linkId,
            organisation_id: metadata.organisationId,
            auditor_name: data.auditorName,
            auditor_email: data.auditorEmail,
            audit_id: data.auditId,
            from_on: data.fromDay,
            until_on: data.untilDay,
            valid_from: data.validFrom,
            valid_until: data.validUntil,
            binder_export_ids:
              data.binderExportIds === null ? null : (JSON.stringify(data.binderExportIds) as never),
            granted_at: metadata.occurredAt,
            granted_by: data.grantedBy,
            revoked_at: null,
            uses: 0,
            last_used_at: null,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },
    async AuditorAccessRevoked(db, events) {
      for (const { data, metadata } of events) {
        await db
          .updateTable('auditor_access_links')
          .set({ revoked_at: metadata.occurredAt })
          .where('id', '=', data.linkId)
          .where('organisation_id', '=', metadata.organisationId)
          .execute();
      }
    },
    async AuditorAccessUsed(db, events) {
      for (const { data, metadata } of events) {
        await db
          .insertInto('auditor_access_uses')
          .values({
            id: data.accessId,
            link_id: data.linkId,
            organisation_id: metadata.organisationId,
            used_at: metadata.occurredAt,
            what: data.what,
            binder_export_id: data.binderExportId,
            origin: data.origin,
          })
          .execute();
        await db
          .updateTable('auditor_access_links')
          .set((eb) => ({ uses: eb('uses', '+', 1), last_used_at: metadata.occurredAt }))
          .where('id', '=', data.linkId)
          .where('organisation_id', '=', metadata.organisationId)
          .execute();
      }
    },
    async PersonalDataErased(db, events) {
      const ids = subjectIdsOf(events, 'contact');
      if (ids.length === 0) return;
      const erased = sql<string>`${ERASED}::text`;
      await db
        .updateTable('auditor_access_links')
        .set({ auditor_name: erased, auditor_email: erased })
        .where('id', 'in', ids)
        .execute();
    },
  },
});
