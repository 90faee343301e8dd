import type { Db } from '../db/database';
import type { CheckedLogo } from './logo';
import type { OrganisationWriteTables } from './tables';

/** Keeps a logo's bytes under their hash; storing the same image again changes nothing. */
export const storeLogo = async (db: Db, logo: CheckedLogo): Promise<void> => {
  await db
    .withTables<OrganisationWriteTables>()
    .insertInto('organisation_logos')
    .values({ sha256: logo.sha256, media_type: logo.mediaType, bytes: logo.bytes, size: logo.bytes.length })
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .execute();
};

/** A stored logo by its hash. */
export const findLogo = (db: Db, sha256: string) =>
  db
    .withTables<OrganisationWriteTables>()
    .selectFrom('organisation_logos')
    .select(['media_type', 'bytes'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
