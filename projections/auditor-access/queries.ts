import type { Db } from '../../services/db/database';
import type { AuditorAccessTables } from './tables';

const tables = (db: Db) => db.withTables<AuditorAccessTables>();

/** The organisation's auditor links, latest granted first. */
export const auditorLinks = (db: Db, organisationId: string, limit: number) =>
  tables(db)
    .selectFrom('auditor_access_links')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('granted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** The recorded uses of some links of the organisation, latest first, by link. */
export const auditorLinkUses = async (db: Db, organisationId: string, linkIds: readonly string[]) => {
  const byLink = new Map<string, Awaited<ReturnType<typeof usesOf>>>();
  if (linkIds.length === 0) return byLink;
  for (const row of await usesOf(db, organisationId, linkIds)) {
    byLink.set(row.link_id, [...(byLink.get(row.link_id) ?? []), row]);
  }
  return byLink;
};

const usesOf = (db: Db, organisationId: string, linkIds: readonly string[]) =>
  tables(db)
    .selectFrom('auditor_access_uses')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('link_id', 'in', linkIds)
    .orderBy('used_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
