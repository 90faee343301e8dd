import { sql } from 'kysely';
import type { Db } from '../../services/db/database';
import type { EventStoreTables } from '../../services/eventstore/postgres';
import type { EvidencePeriod } from './queries';
import type { EvidenceTables } from './tables';

/**
 * What an audit binder reads: an indicator's items and the stored events behind them, up to a log position, so
 * the same position gives the same binder whatever was appended since. Items come from the timeline (as people
 * read them, erased fields scrubbed); events come from the log as stored (ciphertext stays ciphertext), which is
 * what the binder's hash chain covers.
 */
const evidence = (db: Db) => db.withTables<EvidenceTables>();
const log = (db: Db) => db.withTables<EventStoreTables>();

export interface BinderScope {
  organisationId: string;
  indicators: readonly number[];
  period: Required<EvidencePeriod>;
  asOfPosition: number;
}

/** The newest event recorded at or before `at` (null: the newest of all): where a binder "as of" then stops. */
export const logPositionAt = async (db: Db, at: Date | null) => {
  let query = log(db).selectFrom('es_events').select(['position', 'recorded_at']);
  if (at) query = query.where('recorded_at', '<=', at);
  const row = await query.orderBy('position', 'desc').limit(1).executeTakeFirst();
  return row && { position: Number(row.position), recordedAt: new Date(row.recorded_at) };
};

/** When the event at a position was recorded. */
export const recordedAtOf = async (db: Db, position: number) => {
  const row = await log(db)
    .selectFrom('es_events')
    .select('recorded_at')
    .where('position', '=', position)
    .executeTakeFirst();
  return row && new Date(row.recorded_at);
};

/** What a binder shows of an item: its subjects, session, site and category stay out (fewer columns to parse). */
const ITEM_COLUMNS = [
  'event_id',
  'indicator',
  'kind',
  'title',
  'summary',
  'source_type',
  'source_id',
  'position',
] as const;

/**
 * An instant as JavaScript's toISOString writes it (UTC, milliseconds cut, not rounded, as a Date would), formatted
 * by the database: a binder reads 100,000 of them, and parsing each into a Date only to print it back cost more.
 */
const isoText = (column: 'occurred_at' | 'recorded_at') =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const inScope = (db: Db, scope: BinderScope) =>
  evidence(db)
    .selectFrom('evidence_items')
    .where('organisation_id', '=', scope.organisationId)
    .where('indicator', 'in', [...scope.indicators])
    .where('occurred_at', '>=', scope.period.from)
    .where('occurred_at', '<', scope.period.to)
    .where('position', '<=', scope.asOfPosition);

/** Items per covered indicator in the scope (an indicator without any is absent). */
export const binderItemCounts = async (db: Db, scope: BinderScope): Promise<Map<number, number>> => {
  if (scope.indicators.length === 0) return new Map();
  const rows = await inScope(db, scope)
    .select((eb) => ['indicator', eb.fn.countAll<string | number>().as('count')])
    .groupBy('indicator')
    .execute();
  return new Map(rows.map((row) => [row.indicator, Number(row.count)]));
};

/** One page of an indicator's items in the scope, oldest first, after a keyset cursor. */
export const binderItemsPage = (
  db: Db,
  scope: BinderScope,
  indicator: number,
  after: { occurredAt: string; eventId: string } | null,
  limit: number,
) => {
  let query = inScope(db, { ...scope, indicators: [indicator] })
    .select(ITEM_COLUMNS)
    .select(isoText('occurred_at').as('occurred_at'));
  if (after) {
    query = query.where(
      sql<boolean>`(occurred_at, event_id) > (cast(${after.occurredAt} as timestamptz), ${after.eventId})`,
    );
  }
  // Qualified: a bare occurred_at in ORDER BY would name the text column above, not the indexed one.
  return query.orderBy('evidence_items.occurred_at').orderBy('event_id').limit(limit).execute();
};

/** An indicator's items in the scope counted per UTC hour (Paris hours too: its offsets are whole hours). */
export const binderHourlyCounts = async (db: Db, scope: BinderScope, indicator: number) => {
  const rows = await inScope(db, { ...scope, indicators: [indicator] })
    .select((eb) => [
      sql<Date | string>`date_trunc('hour', occurred_at)`.as('hour'),
      eb.fn.countAll<string | number>().as('count'),
    ])
    .groupBy(sql`date_trunc('hour', occurred_at)`)
    .orderBy(sql`date_trunc('hour', occurred_at)`)
    .execute();
  return rows.map((row) => ({ hour: new Date(row.hour).toISOString(), count: Number(row.count) }));
};

/** An indicator's `count` latest items in the scope, oldest first (the order `binderItemsPage` reads them in). */
export const binderLatestItems = async (db: Db, scope: BinderScope, indicator: number, count: number) =>
  (
    await inScope(db, { ...scope, indicators: [indicator] })
      .select(ITEM_COLUMNS)
      .select(isoText('occurred_at').as('occurred_at'))
      .orderBy('evidence_items.occurred_at', 'desc')
      .orderBy('event_id', 'desc')
      .limit(count)
      .execute()
  ).reverse();

/** One page of the stored events behind the scope's items, each once, by position, after a position. */
export const binderEventsPage = async (db: Db, scope: BinderScope, afterPosition: number, limit: number) => {
  if (scope.indicators.length === 0) return [];
  // One statement: the page's positions (distinct, ordered, limited) and the events at them.
  const positions = inScope(db, scope)
    .select('position')
    .distinct()
    .where('position', '>', afterPosition)
    .orderBy('position')
    .limit(limit);
  const rows = await log(db)
    .selectFrom('es_events')
    .select(['position', 'id', 'stream_id', 'stream_revision', 'type'])
    .select(isoText('recorded_at').as('recorded_at'))
    // As text: the binder hands them on to be written canonically, and never needs them parsed here.
    .select([sql<string>`data::text`.as('data'), sql<string>`metadata::text`.as('metadata')])
    .where('position', 'in', positions)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    ...row,
    position: Number(row.position),
    stream_revision: Number(row.stream_revision),
  }));
};
