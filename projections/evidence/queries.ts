import type { Db } from '../../services/db/database';
import { type KeysetPage, pageDirection } from '../paging';
import type { EvidenceTables } from './tables';

const evidence = (db: Db) => db.withTables<EvidenceTables>();

export interface EvidencePeriod {
  /** Inclusive, as instants (the caller turns Paris calendar dates into instants). */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export type EvidenceItemKey = { occurredAt: Date; eventId: string };

const ofIndicatorInPeriod = (db: Db, organisationId: string, indicator: number, period: EvidencePeriod) => {
  let query = evidence(db)
    .selectFrom('evidence_items')
    .where('organisation_id', '=', organisationId)
    .where('indicator', '=', indicator);
  if (period.from) query = query.where('occurred_at', '>=', period.from);
  if (period.to) query = query.where('occurred_at', '<', period.to);
  return query;
};

/** An indicator's evidence, oldest first (or newest first), keyset-paginated on (occurred_at, event_id). */
export const evidenceTimeline = (
  db: Db,
  organisationId: string,
  indicator: number,
  period: EvidencePeriod,
  page: KeysetPage<EvidenceItemKey> & { newestFirst?: boolean },
) => {
  const { order, after } = pageDirection(page.newestFirst ? 'desc' : 'asc', page);
  let query = ofIndicatorInPeriod(db, organisationId, indicator, period).selectAll();
  if (page.cursor) {
    const { occurredAt, eventId } = page.cursor;
    query = query.where((eb) =>
      eb(eb.refTuple('occurred_at', 'event_id'), after, eb.tuple(occurredAt, eventId)),
    );
  }
  return query.orderBy('occurred_at', order).orderBy('event_id', order).limit(page.limit).execute();
};

/** How many items an indicator has over a period: from the counters when the period is all time. */
export const countEvidence = async (
  db: Db,
  organisationId: string,
  indicator: number,
  period: EvidencePeriod,
) => {
  if (!period.from && !period.to) {
    const row = await evidence(db)
      .selectFrom('evidence_counts')
      .select('items')
      .where('organisation_id', '=', organisationId)
      .where('indicator', '=', indicator)
      .executeTakeFirst();
    return row?.items ?? 0;
  }
  const row = await ofIndicatorInPeriod(db, organisationId, indicator, period)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

/** Items per indicator over a period, with the latest date: from the counters when the period is all time. */
export const evidenceSummary = async (db: Db, organisationId: string, period: EvidencePeriod) => {
  if (!period.from && !period.to) {
    const rows = await evidence(db)
      .selectFrom('evidence_counts')
      .select(['indicator', 'items', 'last_at'])
      .where('organisation_id', '=', organisationId)
      .orderBy('indicator')
      .execute();
    return rows.map((row) => ({ indicator: row.indicator, count: row.items, last_at: row.last_at }));
  }
  let query = evidence(db)
    .selectFrom('evidence_items')
    .select((eb) => [
      'indicator',
      eb.fn.countAll<number>().as('count'),
      eb.fn.max('occurred_at').as('last_at'),
    ])
    .where('organisation_id', '=', organisationId);
  if (period.from) query = query.where('occurred_at', '>=', period.from);
  if (period.to) query = query.where('occurred_at', '<', period.to);
  const rows = await query.groupBy('indicator').orderBy('indicator').execute();
  return rows.map((row) => ({ indicator: row.indicator, count: Number(row.count), last_at: row.last_at }));
};
