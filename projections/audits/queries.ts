import type { Db } from '../../services/db/database';
import type { AuditTables } from './tables';

const tables = (db: Db) => db.withTables<AuditTables>();

/** The organisation's audits, by planned day (latest first). */
export const auditsOf = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('audits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('planned_from', 'desc')
    .orderBy('id')
    .execute();

/** One audit of the organisation, or undefined (another organisation's is unknown here). */
export const findAudit = (db: Db, organisationId: string, auditId: string) =>
  tables(db)
    .selectFrom('audits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', auditId)
    .executeTakeFirst();

/** The organisation's non-conformities (of one audit, or only the open ones), by deadline. */
export const nonConformitiesOf = (
  db: Db,
  organisationId: string,
  filter: { auditId?: string | null; openOnly?: boolean } = {},
) => {
  let query = tables(db)
    .selectFrom('audit_non_conformities')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (filter.auditId) query = query.where('audit_id', '=', filter.auditId);
  if (filter.openOnly) query = query.where('open', '=', true);
  return query.orderBy('deadline').orderBy('indicator').orderBy('id').execute();
};

/** One non-conformity of the organisation, or undefined. */
export const findNonConformity = (db: Db, organisationId: string, nonConformityId: string) =>
  tables(db)
    .selectFrom('audit_non_conformities')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', nonConformityId)
    .executeTakeFirst();

/** The next audit not yet held (planned), its first day, or null. */
export const nextPlannedAudit = (db: Db, organisationId: string, today: string) =>
  tables(db)
    .selectFrom('audits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'planned')
    .where('planned_to', '>=', today)
    .orderBy('planned_from')
    .executeTakeFirst();

/** The end of the organisation's latest audit held on or before `today`, or undefined: a binder starts after it. */
export const lastHeldAuditEnd = async (db: Db, organisationId: string, today: string) => {
  const row = await tables(db)
    .selectFrom('audits')
    .select('held_to')
    .where('organisation_id', '=', organisationId)
    .where('held_to', 'is not', null)
    .where('held_to', '<=', today)
    .orderBy('held_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.held_to ?? undefined;
};
