import type { Db } from '../../services/db/database';
import type { OrganisationTables } from './tables';

export const findOrganisation = (db: Db, organisationId: string) =>
  db
    .withTables<OrganisationTables>()
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirst();
