import type { Executor } from '../../services/db/database';
import { execute } from '../../services/db/database';

export interface OrganisationRow {
  id: string;
  name: string;
  created_at: Date;
}

export const findOrganisation = async (db: Executor, organisationId: string) =>
  (await execute<OrganisationRow>(db, 'SELECT * FROM organisations WHERE id = $1', [organisationId]))[0];
