import type { BinderJobTables } from '../../services/binder/jobs';
import type { Db } from '../../services/db/database';
import type { BinderTables } from './tables';

const binder = (db: Db) => db.withTables<BinderTables>();

/** An organisation's binder exports, newest first. */
export const binderExports = (db: Db, organisationId: string, limit: number) =>
  binder(db)
    .selectFrom('binder_exports')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** One export of the organisation's, or undefined (another organisation's is, here, none). */
export const findBinderExport = (db: Db, organisationId: string, exportId: string) =>
  binder(db)
    .selectFrom('binder_exports')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', exportId)
    .executeTakeFirst();

/** Exports waiting for their archive, oldest first: what the runner works through. */
export const requestedBinderExports = (db: Db, limit: number) =>
  binder(db)
    .selectFrom('binder_exports')
    .selectAll()
    .where('status', '=', 'requested')
    .orderBy('requested_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Completed exports whose file was made before `finishedBefore`: their keeping time is over. */
export const expiredBinderExports = (db: Db, finishedBefore: Date, limit: number) =>
  binder(db)
    .selectFrom('binder_exports')
    .select(['id', 'organisation_id', 'file_name'])
    .where('status', '=', 'completed')
    .where('finished_at', '<', finishedBefore)
    .orderBy('finished_at')
    .limit(limit)
    .execute();

/** How far each of these exports got, by id (absent: not started). */
export const binderProgressOf = async (db: Db, exportIds: readonly string[]) => {
  if (exportIds.length === 0) return new Map<string, { done: number; total: number; step: string }>();
  const rows = await db
    .withTables<BinderJobTables>()
    .selectFrom('binder_export_jobs')
    .select(['export_id', 'done', 'total', 'step'])
    .where('export_id', 'in', [...exportIds])
    .execute();
  return new Map(rows.map((row) => [row.export_id, { done: row.done, total: row.total, step: row.step }]));
};
