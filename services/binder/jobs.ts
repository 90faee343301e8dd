import type { Timestamp } from '../db/columns';
import type { Db } from '../db/database';
import type { NamedMigration } from '../db/migrate';

/**
 * Binders being written: which node holds each (claimed, kept alive by a heartbeat) and how far it got. Working
 * state, not facts: the log records the request and the outcome; a lost node's claim goes stale and another
 * node takes the export over.
 */
export type BinderJobTables = {
  binder_export_jobs: {
    export_id: string;
    organisation_id: string;
    claimed_by: string;
    heartbeat_at: Timestamp;
    done: number;
    total: number;
    step: string;
  };
};

export const binderJobsMigration: NamedMigration = {
  name: '0011_binder_export_jobs',
  async up(db) {
    await db.schema
      .createTable('binder_export_jobs')
      .addColumn('export_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('claimed_by', 'text', (column) => column.notNull())
      .addColumn('heartbeat_at', 'timestamptz', (column) => column.notNull())
      .addColumn('done', 'integer', (column) => column.notNull())
      .addColumn('total', 'integer', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .execute();
  },
};

const jobs = (db: Db) => db.withTables<BinderJobTables>();

/**
 * Takes an export for this runner: a new one, or one whose holder stopped beating before `staleBefore`. Answers
 * whether this runner holds it now (two runners racing: one wins).
 */
export const claimBinderJob = async (
  db: Db,
  claim: { exportId: string; organisationId: string; runner: string; now: Date; staleBefore: Date },
): Promise<boolean> => {
  const row = await jobs(db)
    .insertInto('binder_export_jobs')
    .values({
      export_id: claim.exportId,
      organisation_id: claim.organisationId,
      claimed_by: claim.runner,
      heartbeat_at: claim.now,
      done: 0,
      total: 0,
      step: 'queued',
    })
    .onConflict((oc) =>
      oc
        .column('export_id')
        .doUpdateSet({ claimed_by: claim.runner, heartbeat_at: claim.now, done: 0, step: 'queued' })
        .where('binder_export_jobs.heartbeat_at', '<', claim.staleBefore),
    )
    .returning('claimed_by')
    .executeTakeFirst();
  return row?.claimed_by === claim.runner;
};

/** Records how far a held export got (and keeps the claim alive). */
export const reportBinderProgress = (
  db: Db,
  progress: { exportId: string; runner: string; now: Date; done: number; total: number; step: string },
) =>
  jobs(db)
    .updateTable('binder_export_jobs')
    .set({ heartbeat_at: progress.now, done: progress.done, total: progress.total, step: progress.step })
    .where('export_id', '=', progress.exportId)
    .where('claimed_by', '=', progress.runner)
    .execute();

/** Forgets a finished export's working state. */
export const dropBinderJob = (db: Db, exportId: string) =>
  jobs(db).deleteFrom('binder_export_jobs').where('export_id', '=', exportId).execute();
