import {
  accessEventTypes,
  type OrganisationCreated,
  type UserRegistered,
} from '../../services/access/events';
import { execute } from '../../services/db/database';
import { defineProjection } from '../runner/projection';

export const organisationsProjection = defineProjection({
  name: 'organisations',
  version: 1,
  tables: ['organisations', 'users'],
  ddl: [
    `CREATE TABLE organisations (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE users (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL,
      email text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX users_organisation_idx ON users (organisation_id)',
  ],
  handles: accessEventTypes,
  async apply(tx, event) {
    const at = event.metadata.occurredAt;
    if (event.type === 'OrganisationCreated') {
      const data = event.data as OrganisationCreated['data'];
      await execute(tx, 'INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)', [
        data.organisationId,
        data.name,
        at,
      ]);
    } else {
      const data = event.data as UserRegistered['data'];
      await execute(
        tx,
        `INSERT INTO users (id, organisation_id, email, display_name, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [data.userId, event.metadata.organisationId, data.email, data.displayName, data.role, at],
      );
    }
  },
});
