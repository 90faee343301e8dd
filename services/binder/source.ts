import {
  type BinderScope,
  binderEventsPage,
  binderHourlyCounts,
  binderItemCounts,
  binderItemsPage,
  binderLatestItems,
} from '../../projections/evidence/binder';
import type { EvidenceItemRow } from '../../projections/evidence/tables';

import { findOrganisation, findOrganisationProfile } from '../../projections/organisations/queries';
import type { Db } from '../db/database';
import { startOfNextParisDay, startOfParisDay } from '../kernel/paris-time';
import { applicableIndicators, getReferential, referentialVersionForDate } from '../referential';
import type {
  BinderDocument,
  BinderIndicator,
  BinderItem,
  BinderRequest,
  BinderSource,
  ReadinessStatus,
} from './content';

const PAGE = 1000;

/** The columns of an item a binder reads. */
type BinderItemRow = Pick<
  EvidenceItemRow,
  'event_id' | 'kind' | 'title' | 'summary' | 'source_type' | 'source_id' | 'position'
> & { /** ISO 8601, formatted by the database. */ occurred_at: string };

/** Readiness per indicator as of the binder's date, when the readiness rules are wired in. */
export type BinderReadiness = (
  request: BinderRequest,
) => Promise<Map<number, { status: ReadinessStatus; reasons: readonly string[] }>>;

/** The evidence documents current at the binder's log position, when the documents slice is wired in. */
export type BinderDocuments = (request: BinderRequest) => AsyncIterable<BinderDocument>;

export interface BinderSourceDeps {
  db: Db;
  readiness?: BinderReadiness;
  documents?: BinderDocuments;
}

/** The referential version of the binder's date, and the indicators that apply to the organisation under it. */
export const binderReferential = async (db: Db, organisationId: string, day: string) => {
  const version = referentialVersionForDate(day);
  const referential = getReferential(version);
  if (!referential) throw new Error(`No referential ${version}`);
  const profile = await findOrganisationProfile(db, organisationId);
  const applicable = profile?.categories
    ? applicableIndicators(
        {
          categories: profile.categories,
          certifying: profile.certifying,
          subcontracting: profile.subcontracting,
          workBasedTraining: profile.work_based_training,
          alternance: profile.alternance,
          newEntrant: profile.new_entrant,
        },
        version,
      )
    : referential.criteria.flatMap((criterion) => criterion.indicators.map((indicator) => indicator.number));
  return { referential, applicable };
};

const scopeOf = (request: BinderRequest): BinderScope => ({
  organisationId: request.organisationId,
  indicators: request.indicators,
  period: { from: startOfParisDay(request.from), to: startOfNextParisDay(request.to) },
  asOfPosition: request.asOfPosition,
});

/**
 * Rows page by page after a key, each page asked for as soon as the one before arrives: the database reads the
 * next page while the binder formats this one (two pages in memory at most).
 */
async function* keysetPages<Row, Key, Out>(
  page: (after: Key) => Promise<Row[]>,
  keyOf: (last: Row) => Key,
  map: (row: Row) => Out,
  first: Key,
): AsyncGenerator<Out> {
  let pending: Promise<Row[]> | null = page(first);
  while (pending) {
    const rows: Row[] = await pending;
    const last = rows.at(-1);
    pending = last && rows.length >= PAGE ? page(keyOf(last)) : null;
    // A page asked for ahead and never awaited (the reader stopped early) must not be an unhandled rejection.
    pending?.catch(() => {});
    for (const row of rows) yield map(row);
  }
}

/**
 * A binder's source read from the read models and the log, up to the request's log position: the same request
 * reads the same data whatever happened since (except erasures, which scrub the readable parts and leave the
 * stored events, and so the hash chain, as they were).
 */
export const createBinderSource = async (
  deps: BinderSourceDeps,
  request: BinderRequest,
): Promise<BinderSource> => {
  const { db } = deps;
  const scope = scopeOf(request);
  const [organisation, profile, counts, readiness, { referential }] = await Promise.all([
    findOrganisation(db, request.organisationId),
    findOrganisationProfile(db, request.organisationId),
    binderItemCounts(db, scope),
    deps.readiness?.(request),
    binderReferential(db, request.organisationId, request.asOfRecordedAt.slice(0, 10)),
  ]);
  if (!organisation) throw new Error(`No organisation ${request.organisationId}`);
  const covered = new Set(request.indicators);
  const indicators: BinderIndicator[] = referential.criteria.flatMap((criterion) =>
    criterion.indicators
      .filter((indicator) => covered.has(indicator.number))
      .map((indicator) => ({
        number: indicator.number,
        criterion: criterion.number,
        criterionTitle: criterion.title,
        wording: indicator.title,
        majorOnly: indicator.majorOnly,
        readiness: readiness?.get(indicator.number),
        itemCount: counts.get(indicator.number) ?? 0,
      })),
  );
  indicators.sort((a, b) => a.number - b.number);

  const itemOf = (indicator: number, row: BinderItemRow): BinderItem => ({
    indicator,
    occurredAt: row.occurred_at,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    sourceType: row.source_type,
    sourceId: row.source_id,
    eventId: row.event_id,
    position: Number(row.position),
  });

  const items = (indicator: number): AsyncIterable<BinderItem> =>
    keysetPages(
      (after: { occurredAt: string; eventId: string } | null) =>
        binderItemsPage(db, scope, indicator, after, PAGE),
      (last) => ({ occurredAt: last.occurred_at, eventId: last.event_id }),
      (row) => itemOf(indicator, row),
      null,
    );

  const events = () =>
    keysetPages(
      (after: number) => binderEventsPage(db, scope, after, PAGE),
      (last) => last.position,
      (row) => ({
        position: row.position,
        eventId: row.id,
        streamId: row.stream_id,
        revision: row.stream_revision,
        type: row.type,
        recordedAt: row.recorded_at,
        data: row.data,
        metadata: row.metadata,
      }),
      0,
    );

  async function* noDocuments(): AsyncIterable<BinderDocument> {}

  return {
    request,
    organisation: {
      id: organisation.id,
      name: profile?.legal_name ?? organisation.name,
      siret: profile?.siret ?? null,
    },
    indicators,
    items,
    events,
    documents: () => deps.documents?.(request) ?? noDocuments(),
    hourlyCounts: (indicator) => binderHourlyCounts(db, scope, indicator),
    latest: async (indicator, count) =>
      (await binderLatestItems(db, scope, indicator, count)).map((row) => itemOf(indicator, row)),
  };
};
