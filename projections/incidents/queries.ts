import type {
  IncidentCategory,
  IncidentKind,
  IncidentSeverity,
} from '../../services/complaints/incident-events';
import type { Db } from '../../services/db/database';
import { likePattern } from '../like';
import { type KeysetPage, pageDirection } from '../paging';
import type { IncidentStatus, IncidentTables } from './tables';

const tables = (db: Db) => db.withTables<IncidentTables>();

export type IncidentKey = { occurredOn: string; id: string };

export interface IncidentFilter {
  kind?: IncidentKind | null;
  category?: IncidentCategory | null;
  severity?: IncidentSeverity | null;
  status?: IncidentStatus | null;
  sessionId?: string | null;
  /** Records that happened on or after this Paris date. */
  from?: string | null;
  /** Records that happened on or before this Paris date. */
  to?: string | null;
  /**
   * Words found, whatever the case, in the training, the session or the site — and, when `searchDetails` says
   * the reader may see them, in the description and the resolution.
   */
  search?: string | null;
  searchDetails?: boolean;
}

/** The longest search the register takes (a few words, not a document). */
export const MAX_INCIDENT_SEARCH = 100;

const filtered = (db: Db, organisationId: string, filter: IncidentFilter) => {
  let query = tables(db).selectFrom('incidents').where('organisation_id', '=', organisationId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId);
  if (filter.from) query = query.where('occurred_on', '>=', filter.from);
  if (filter.to) query = query.where('occurred_on', '<=', filter.to);
  const words = filter.search?.trim();
  if (words) {
    const pattern = likePattern(words);
    query = query.where((eb) =>
      eb.or([
        eb('training_title', 'ilike', pattern),
        eb('session_title', 'ilike', pattern),
        eb('site', 'ilike', pattern),
        ...(filter.searchDetails
          ? [eb('description', 'ilike', pattern), eb('resolution', 'ilike', pattern)]
          : []),
      ]),
    );
  }
  return query;
};

/** Every record matching the filter, latest first (the register's export). */
export const registerIncidentRows = (db: Db, organisationId: string, filter: IncidentFilter) =>
  filtered(db, organisationId, filter)
    .selectAll()
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** An organisation's difficulties and disruptions, latest first, keyset-paginated on (occurred_on, id). */
export const listIncidents = (
  db: Db,
  organisationId: string,
  filter: IncidentFilter,
  page: KeysetPage<IncidentKey>,
) => {
  const { order, after } = pageDirection('desc', page);
  let query = filtered(db, organisationId, filter).selectAll();
  if (page.cursor) {
    const { occurredOn, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('occurred_on', 'id'), after, eb.tuple(occurredOn, id)));
  }
  return query.orderBy('occurred_on', order).orderBy('id', order).limit(page.limit).execute();
};

export interface IncidentCounts {
  total: number;
  open: number;
  resolved: number;
  /** Open records of major severity. */
  majorOpen: number;
}

/** How many records match the filter, open, resolved, and major ones still open. */
export const countIncidents = async (
  db: Db,
  organisationId: string,
  filter: IncidentFilter,
): Promise<IncidentCounts> => {
  const row = await filtered(db, organisationId, filter)
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'open').as('open'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'resolved').as('resolved'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('status', '=', 'open'), w('severity', '=', 'major')]))
        .as('major_open'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    open: Number(row.open),
    resolved: Number(row.resolved),
    majorOpen: Number(row.major_open),
  };
};

/** One record of the organisation, or undefined (another organisation's is unknown here). */
export const findIncident = (db: Db, organisationId: string, incidentId: string) =>
  tables(db)
    .selectFrom('incidents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', incidentId)
    .executeTakeFirst();

/** Every step of the organisation's records among these, oldest first. */
export const stepsOfIncidents = (db: Db, organisationId: string, incidentIds: readonly string[]) =>
  tables(db)
    .selectFrom('incident_steps')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('incident_id', 'in', incidentIds)
    .orderBy('incident_id')
    .orderBy('revision')
    .execute();
