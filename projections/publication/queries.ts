import type { Db } from '../../services/db/database';
import type { ResultsSnapshot } from '../../services/publication/events';
import type { PublicationTables, ResultsSnapshotRow } from './tables';

const tables = (db: Db) => db.withTables<PublicationTables>();

export type SnapshotStatus = 'current' | 'superseded' | 'withdrawn';

/** The organisation's public page, or undefined before its first publication. */
export const resultsPageOf = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('results_pages')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

/** The page a public id names, or undefined. */
export const resultsPageByPublicId = (db: Db, publicId: string) =>
  tables(db).selectFrom('results_pages').selectAll().where('public_id', '=', publicId).executeTakeFirst();

/** Every snapshot the organisation published, withdrawn ones too, newest first. */
export const snapshotsOf = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('results_snapshots')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('sequence', 'desc')
    .limit(1000)
    .execute();

/**
 * Each snapshot's standing: withdrawn, current (the newest of its scope not withdrawn) or superseded. Rows come
 * newest first, so the first one met per scope that was not withdrawn is current.
 */
export const statusOf = (rows: readonly ResultsSnapshotRow[]): Map<string, SnapshotStatus> => {
  const scopesWithCurrent = new Set<string>();
  const statuses = new Map<string, SnapshotStatus>();
  for (const row of [...rows].sort((a, b) => b.sequence - a.sequence)) {
    if (row.withdrawn_at) statuses.set(row.id, 'withdrawn');
    else if (scopesWithCurrent.has(row.scope_key)) statuses.set(row.id, 'superseded');
    else {
      scopesWithCurrent.add(row.scope_key);
      statuses.set(row.id, 'current');
    }
  }
  return statuses;
};

/** A row as the snapshot it records. */
export const snapshotOf = (row: ResultsSnapshotRow): ResultsSnapshot => ({
  snapshotId: row.id,
  label: row.label,
  periodFrom: row.period_from,
  periodTo: row.period_to,
  scope:
    row.training_action_id === null
      ? { kind: 'organisation' }
      : {
          kind: 'training_action',
          trainingActionId: row.training_action_id,
          trainingActionTitle: row.training_action_title ?? '',
        },
  figures: {
    trainees: row.trainees,
    respondents: row.respondents,
    responseRate: row.response_rate,
    satisfactionAverage: row.satisfaction_average,
    satisfiedShare: row.satisfied_share,
    completionRate: row.completion_rate,
    dropOutRate: row.drop_out_rate,
    successRate: row.success_rate,
  },
  note: row.note,
  publishedOn: row.published_on,
});
