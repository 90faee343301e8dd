import type { Db } from '../../services/db/database';
import type { DisabilityNetworkTables } from './tables';

const tables = (db: Db) => db.withTables<DisabilityNetworkTables>();

/** The organisation's partners still in the network, by name. */
export const networkPartners = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('disability_partners')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('removed', '=', false)
    .orderBy('name')
    .orderBy('id')
    .execute();

/** The organisation's disability referent, if set. */
export const networkReferent = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('disability_referents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

/** The meetings held with the network, latest first. */
export const networkMeetings = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('disability_meetings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** The revision of the organisation's network, to send as If-Match; -1 while nothing was recorded. */
export const networkRevision = async (db: Db, organisationId: string): Promise<number> => {
  const row = await tables(db)
    .selectFrom('disability_networks')
    .select('revision')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row ? Number(row.revision) : -1;
};
