import type { ExpressionBuilder } from 'kysely';
import type { AccessTables } from '../../services/access/tables';
import {
  type ComplaintDates,
  type ComplaintDeadlineSettings,
  deadlineStatistics,
  deadlineStatus,
} from '../../services/complaints/deadlines';
import type { ComplaintStatus } from '../../services/complaints/decider';
import type { ComplainantGroup, ComplaintChannel } from '../../services/complaints/events';
import type { Db } from '../../services/db/database';
import { likePattern } from '../like';
import { type KeysetPage, pageDirection } from '../paging';
import type { TeamTables } from '../team/tables';
import { settingsOf } from './projection';
import type { ComplaintRow, ComplaintsTables } from './tables';

const tables = (db: Db) => db.withTables<ComplaintsTables>();

export type ComplaintKey = { receivedOn: string; id: string };

export interface ComplaintFilter {
  status?: ComplaintStatus | null;
  group?: ComplainantGroup | null;
  channel?: ComplaintChannel | null;
  ownerId?: string | null;
  /** Only those waiting, on `today`, for an acknowledgement or an answer past its due date (or only the others). */
  overdue?: boolean | null;
  /** Received on or after / on or before these Paris dates. */
  from?: string | null;
  to?: string | null;
  sessionId?: string | null;
  /**
   * Words found, whatever the case, in the reference, the training, the session or the site — and, when
   * `searchPersonal` says the reader may see them, in the complainant's name or the complaint's text.
   */
  search?: string | null;
  searchPersonal?: boolean;
}

/** Whether a row waits, on `today`, for a step past its due date (as deadlines.ts decides it). */
const overdueOn = (today: string) => (eb: ExpressionBuilder<ComplaintsTables, 'complaints'>) =>
  eb.and([
    eb('closed_unanswered_on', 'is', null),
    eb.or([
      eb.and([eb('acknowledged_on', 'is', null), eb('acknowledge_by', '<', today)]),
      eb.and([eb('answered_on', 'is', null), eb('answer_by', '<', today)]),
    ]),
  ]);

/** The longest search the register takes (a few words, not a document). */
export const MAX_COMPLAINT_SEARCH = 100;

/** The register's rows of an organisation matching a filter, in no particular order. */
const registerQuery = (db: Db, organisationId: string, filter: ComplaintFilter, today: string) => {
  let query = tables(db).selectFrom('complaints').selectAll().where('organisation_id', '=', organisationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.group) query = query.where('group', '=', filter.group);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId);
  if (filter.from) query = query.where('received_on', '>=', filter.from);
  if (filter.to) query = query.where('received_on', '<=', filter.to);
  if (filter.overdue === true) query = query.where(overdueOn(today));
  if (filter.overdue === false) query = query.where((eb) => eb.not(overdueOn(today)(eb)));
  const words = filter.search?.trim();
  if (words) {
    const pattern = likePattern(words);
    query = query.where((eb) =>
      eb.or([
        eb('reference', 'ilike', pattern),
        eb('training_title', 'ilike', pattern),
        eb('session_title', 'ilike', pattern),
        eb('site', 'ilike', pattern),
        ...(filter.searchPersonal
          ? [eb('complainant_name', 'ilike', pattern), eb('text', 'ilike', pattern)]
          : []),
      ]),
    );
  }
  return query;
};

/** An organisation's complaints register, latest received first, keyset-paginated on (received_on, id). */
export const listComplaints = (
  db: Db,
  organisationId: string,
  filter: ComplaintFilter,
  today: string,
  page: KeysetPage<ComplaintKey>,
) => {
  const { order, after } = pageDirection('desc', page);
  let query = registerQuery(db, organisationId, filter, today);
  if (page.cursor) {
    const { receivedOn, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('received_on', 'id'), after, eb.tuple(receivedOn, id)));
  }
  return query.orderBy('received_on', order).orderBy('id', order).limit(page.limit).execute();
};

/** Every row of the register matching a filter, latest received first (the export reads them all). */
export const registerRows = (db: Db, organisationId: string, filter: ComplaintFilter, today: string) =>
  registerQuery(db, organisationId, filter, today)
    .orderBy('received_on', 'desc')
    .orderBy('reference', 'desc')
    .execute();

/** The display names of these members of the organisation (others are left out). */
export const memberNames = (db: Db, organisationId: string, userIds: readonly string[]) =>
  db
    .withTables<TeamTables>()
    .selectFrom('team_members')
    .select(['user_id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', 'in', userIds)
    .execute();

/** The active members who may own a complaint (administrators and quality managers), by name. */
export const complaintHandlers = (db: Db, organisationId: string) =>
  db
    .withTables<TeamTables>()
    .selectFrom('team_members')
    .select(['user_id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where('role', 'in', ['admin', 'quality_manager'])
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();

/** One complaint of the organisation, or undefined (another organisation's is unknown here). */
export const findComplaint = (db: Db, organisationId: string, complaintId: string) =>
  tables(db)
    .selectFrom('complaints')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', complaintId)
    .executeTakeFirst();

/** The steps of the organisation's complaints among these, oldest first. */
export const stepsOfComplaints = (db: Db, organisationId: string, complaintIds: readonly string[]) =>
  tables(db)
    .selectFrom('complaint_steps')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('complaint_id')
    .orderBy('revision')
    .execute();

/** The organisation's complaint deadlines (the defaults until it sets its own). */
export const complaintSettings = (db: Db, organisationId: string): Promise<ComplaintDeadlineSettings> =>
  settingsOf(tables(db), organisationId);

/** The revision of the organisation's deadline settings, to send as If-Match; -1 while it has set none. */
export const complaintSettingsRevision = async (db: Db, organisationId: string): Promise<number> => {
  const row = await tables(db)
    .selectFrom('complaint_settings')
    .select('revision')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.revision ?? -1;
};

export const datesOf = (row: ComplaintRow): ComplaintDates => ({
  receivedOn: row.received_on,
  acknowledgedOn: row.acknowledged_on,
  answeredOn: row.answered_on,
  closedUnansweredOn: row.closed_unanswered_on,
});

/** A register row's acknowledgement and answer against the deadlines, seen on `today`. */
export const complaintDeadlines = (row: ComplaintRow, settings: ComplaintDeadlineSettings, today: string) =>
  deadlineStatus(datesOf(row), settings, today);

/** Deadline statistics over the complaints received in a period (inclusive Paris dates), seen on `today`. */
export const complaintStatistics = async (
  db: Db,
  organisationId: string,
  period: { from: string; to: string },
  today: string,
) => {
  const rows = await tables(db)
    .selectFrom('complaints')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('received_on', '>=', period.from)
    .where('received_on', '<=', period.to)
    .execute();
  const settings = await complaintSettings(db, organisationId);
  const countBy = <Key extends string>(keyOf: (row: ComplaintRow) => Key | null) => {
    const counts = new Map<Key, number>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  return {
    ...deadlineStatistics(rows.map(datesOf), settings, today),
    byGroup: countBy((row) => row.group),
    byChannel: countBy((row) => row.channel),
    byOutcome: countBy((row) => row.outcome),
  };
};

/** The register's counters over a filter: open complaints, those overdue today, and how many stand in each status. */
export const complaintCounters = async (
  db: Db,
  organisationId: string,
  filter: ComplaintFilter,
  today: string,
) => {
  const byStatus = await registerQuery(db, organisationId, filter, today)
    .clearSelect()
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const overdue = await registerQuery(db, organisationId, filter, today)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(overdueOn(today))
    .executeTakeFirstOrThrow();
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, Number(row.count)])) as Partial<
    Record<ComplaintStatus, number>
  >;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    total,
    open: total - (counts.closed ?? 0) - (counts.rejected ?? 0),
    overdue: Number(overdue.count),
    byStatus: counts,
  };
};

/**
 * Every organisation's acknowledgements and answers not done, due on or before `dueBy`, of complaints with an
 * owner still active (the deadline reminders' work list), with the owner's address.
 */
export const pendingComplaintSteps = async (db: Db, dueBy: string) => {
  const rows = await db
    .withTables<ComplaintsTables & AccessTables>()
    .selectFrom('complaints as c')
    .innerJoin('access_accounts as a', (join) =>
      join.onRef('a.user_id', '=', 'c.owner_id').onRef('a.organisation_id', '=', 'c.organisation_id'),
    )
    .select([
      'c.id',
      'c.organisation_id',
      'c.received_on',
      'c.acknowledged_on',
      'c.answered_on',
      'c.acknowledge_by',
      'c.answer_by',
      'a.email',
    ])
    .where('a.disabled_at', 'is', null)
    .where('c.closed_unanswered_on', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.acknowledged_on', 'is', null), eb('c.acknowledge_by', '<=', dueBy)]),
        eb.and([eb('c.answered_on', 'is', null), eb('c.answer_by', '<=', dueBy)]),
      ]),
    )
    .execute();
  return rows.flatMap((row) => {
    const base = {
      organisationId: row.organisation_id,
      complaintId: row.id,
      receivedOn: row.received_on,
      ownerEmail: row.email,
    };
    return [
      ...(row.acknowledged_on === null && row.acknowledge_by <= dueBy
        ? [{ ...base, step: 'acknowledgement' as const, dueOn: row.acknowledge_by }]
        : []),
      ...(row.answered_on === null && row.answer_by <= dueBy
        ? [{ ...base, step: 'answer' as const, dueOn: row.answer_by }]
        : []),
    ];
  });
};

/** The improvement actions asked for from the organisation's complaints among these, oldest first. */
export const improvementRequestsOf = (db: Db, organisationId: string, complaintIds: readonly string[]) =>
  tables(db)
    .selectFrom('complaint_improvement_requests')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('requested_at')
    .execute();

/** The files of the organisation's complaints among these, in the order received. */
export const attachmentsOfComplaints = (db: Db, organisationId: string, complaintIds: readonly string[]) =>
  tables(db)
    .selectFrom('complaint_attachments')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('received_at')
    .orderBy('attachment_id')
    .execute();

/** The organisation and generation an address of a public complaint page names, by the address's hash. */
export const complaintPageByAddressHash = (db: Db, addressHash: string) =>
  tables(db)
    .selectFrom('complaint_page_addresses')
    .selectAll()
    .where('address_hash', '=', addressHash)
    .executeTakeFirst();

/** The current generation of the organisation's public complaint page, or undefined before it has an address. */
export const currentComplaintPage = (db: Db, organisationId: string) =>
  tables(db)
    .selectFrom('complaint_page_addresses')
    .select(['generation'])
    .where('organisation_id', '=', organisationId)
    .where('replaced', '=', false)
    .executeTakeFirst();
