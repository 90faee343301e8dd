import type { Db } from '../../services/db/database';
import type { ActionCategory } from '../../services/training/events';
import { type KeysetPage, pageDirection } from '../paging';
import type { EvidenceTables } from './tables';

const evidence = (db: Db) => db.withTables<EvidenceTables>();

export interface EvidencePeriod {
  /** Inclusive, as instants (the caller turns Paris calendar dates into instants). */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** A period, and the site of the session or the category of the action the items concern. */
export interface EvidenceFilter extends EvidencePeriod {
  site?: string;
  category?: ActionCategory;
}

export type EvidenceItemKey = { occurredAt: Date; eventId: string };

/** Whether the filter keeps every item: the counters then answer without reading any. */
const keepsAll = (filter: EvidenceFilter) => !filter.from && !filter.to && !filter.site && !filter.category;

const filtered = (db: Db, organisationId: string, filter: EvidenceFilter) => {
  let query = evidence(db).selectFrom('evidence_items').where('organisation_id', '=', organisationId);
  if (filter.site) query = query.where('site', '=', filter.site);
  if (filter.category) query = query.where('action_category', '=', filter.category);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<', filter.to);
  return query;
};

const ofIndicator = (db: Db, organisationId: string, indicator: number, filter: EvidenceFilter) =>
  filtered(db, organisationId, filter).where('indicator', '=', indicator);

/** An indicator's evidence, oldest first (or newest first), keyset-paginated on (occurred_at, event_id). */
export const evidenceTimeline = (
  db: Db,
  organisationId: string,
  indicator: number,
  filter: EvidenceFilter,
  page: KeysetPage<EvidenceItemKey> & { newestFirst?: boolean },
) => {
  const { order, after } = pageDirection(page.newestFirst ? 'desc' : 'asc', page);
  let query = ofIndicator(db, organisationId, indicator, filter).selectAll();
  if (page.cursor) {
    const { occurredAt, eventId } = page.cursor;
    query = query.where((eb) =>
      eb(eb.refTuple('occurred_at', 'event_id'), after, eb.tuple(occurredAt, eventId)),
    );
  }
  return query.orderBy('occurred_at', order).orderBy('event_id', order).limit(page.limit).execute();
};

/** How many items an indicator has under a filter: from the counters when the filter keeps everything. */
export const countEvidence = async (
  db: Db,
  organisationId: string,
  indicator: number,
  filter: EvidenceFilter,
) => {
  if (keepsAll(filter)) {
    const row = await evidence(db)
      .selectFrom('evidence_counts')
      .select('items')
      .where('organisation_id', '=', organisationId)
      .where('indicator', '=', indicator)
      .executeTakeFirst();
    return row?.items ?? 0;
  }
  const row = await ofIndicator(db, organisationId, indicator, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

export interface IndicatorEvidenceCount {
  indicator: number;
  count: number;
  first_at: Date | null;
  last_at: Date | null;
}

/** Items per indicator under a filter, with their first and last dates: from the counters when it keeps all. */
export const evidenceSummary = async (
  db: Db,
  organisationId: string,
  filter: EvidenceFilter,
): Promise<IndicatorEvidenceCount[]> => {
  if (keepsAll(filter)) {
    const rows = await evidence(db)
      .selectFrom('evidence_counts')
      .select(['indicator', 'items', 'first_at', 'last_at'])
      .where('organisation_id', '=', organisationId)
      .orderBy('indicator')
      .execute();
    return rows.map((row) => ({ ...row, count: row.items }));
  }
  const rows = await filtered(db, organisationId, filter)
    .select((eb) => [
      'indicator',
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('occurred_at').as('first_at'),
      eb.fn.max('occurred_at').as('last_at'),
    ])
    .groupBy('indicator')
    .orderBy('indicator')
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
};

/** One indicator's evidence under a filter: items and dates by kind, and sources by type. */
export const indicatorEvidence = async (
  db: Db,
  organisationId: string,
  indicator: number,
  filter: EvidenceFilter,
) => {
  const [kinds, sources] = await Promise.all([
    ofIndicator(db, organisationId, indicator, filter)
      .select((eb) => [
        'kind',
        eb.fn.countAll<number>().as('items'),
        eb.fn.min('occurred_at').as('first_at'),
        eb.fn.max('occurred_at').as('last_at'),
      ])
      .groupBy('kind')
      .orderBy('kind')
      .execute(),
    ofIndicator(db, organisationId, indicator, filter)
      .select((eb) => [
        'source_type',
        eb.fn.countAll<number>().as('items'),
        eb.fn.count<number>('source_id').distinct().as('sources'),
      ])
      .groupBy('source_type')
      .orderBy('source_type')
      .execute(),
  ]);
  const byKind = kinds.map((row) => ({ kind: row.kind, items: Number(row.items) }));
  const dates = kinds.flatMap((row) => [row.first_at, row.last_at]).map((at) => new Date(at).getTime());
  return {
    indicator,
    count: byKind.reduce((sum, row) => sum + row.items, 0),
    first_at: dates.length > 0 ? new Date(Math.min(...dates)) : null,
    last_at: dates.length > 0 ? new Date(Math.max(...dates)) : null,
    byKind,
    bySource: sources.map((row) => ({
      source_type: row.source_type,
      items: Number(row.items),
      sources: Number(row.sources),
    })),
  };
};

/** The sites of the organisation's sessions, in alphabetical order (what the filter by site offers). */
export const evidenceSites = async (db: Db, organisationId: string) => {
  const rows = await evidence(db)
    .selectFrom('evidence_sessions')
    .select('site')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .orderBy('site')
    .execute();
  return rows.map((row) => row.site);
};
