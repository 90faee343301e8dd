import type { AccessEvent } from '../../services/access/events';
import { ERASED } from '../../services/privacy/declarations';
import type { PrivacyEvent } from '../../services/privacy/events';
import { subjectIdsOf } from '../privacy';
import { defineProjection } from '../runner/projection';
import type { OrganisationTables } from './tables';

export const organisationsProjection = defineProjection<OrganisationTables, AccessEvent | PrivacyEvent>({
  name: 'organisations',
  version: 2,
  tables: ['organisations', 'users'],
  async create(db) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('display_name', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('users_organisation_idx').on('users').column('organisation_id').execute();
  },
  handlers: {
    async OrganisationCreated(db, events) {
      await db
        .insertInto('organisations')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.organisationId,
            name: data.name,
            created_at: metadata.occurredAt,
          })),
        )
        .execute();
    },
    async UserRegistered(db, events) {
      await db
        .insertInto('users')
        .values(
          events.map(({ data, metadata }) => ({
            id: data.userId,
            organisation_id: metadata.organisationId,
            email: data.email,
            display_name: data.displayName,
            role: data.role,
            created_at: metadata.occurredAt,
          })),
        )
        .execute();
    },
    // A user's e-mail and name are theirs: an erasure scrubs them, as a rebuild would read them.
    async PersonalDataErased(db, events) {
      const userIds = subjectIdsOf(events, 'user');
      if (userIds.length === 0) return;
      await db
        .updateTable('users')
        .set({ email: ERASED, display_name: ERASED })
        .where('id', 'in', userIds)
        .execute();
    },
  },
});
