import type { Db } from '../../services/db/database';
import { normaliseEmail } from '../../services/privacy/declarations';
import { type KeysetPage, pageDirection } from '../paging';
import type { TeamTables } from '../team/tables';
import type { PrivacyRequestRow, SubjectAccessTables, SubjectEventRow } from './tables';

const index = (db: Db) => db.withTables<SubjectAccessTables>();

/** The subjects of the organisation whose events declare this address as theirs (erased ones no longer do). */
export const subjectsByEmail = async (db: Db, organisationId: string, email: string): Promise<string[]> => {
  const rows = await index(db)
    .selectFrom('privacy_subject_emails')
    .select('subject_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('email', '=', normaliseEmail(email))
    .orderBy('subject_id')
    .execute();
  return rows.map((row) => row.subject_id);
};

/** The events naming these subjects of the organisation, in log order (another organisation's: none). */
export const subjectEvents = async (
  db: Db,
  organisationId: string,
  subjectIds: readonly string[],
): Promise<(SubjectEventRow & { position: number })[]> => {
  if (subjectIds.length === 0) return [];
  const rows = await index(db)
    .selectFrom('privacy_subject_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('subject_id', 'in', [...subjectIds])
    .orderBy('position')
    .orderBy('subject_id')
    .execute();
  return rows.map((row) => ({ ...row, position: Number(row.position) }));
};

export interface SubjectSummary {
  subjectId: string;
  /** Events naming the subject, by type. */
  counts: { type: string; count: number; first: Date; last: Date }[];
  first: Date;
  last: Date;
  erased: boolean;
}

/** What is held about each subject: counts of events by type and their dates (one query). */
export const subjectSummaries = async (
  db: Db,
  organisationId: string,
  subjectIds: readonly string[],
): Promise<SubjectSummary[]> => {
  if (subjectIds.length === 0) return [];
  const rows = await index(db)
    .selectFrom('privacy_subject_events')
    .select(['subject_id', 'type'])
    .select((eb) => [
      eb.fn.countAll<string | number>().as('count'),
      eb.fn.min('occurred_at').as('first'),
      eb.fn.max('occurred_at').as('last'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('subject_id', 'in', [...subjectIds])
    .groupBy(['subject_id', 'type'])
    .orderBy('subject_id')
    .orderBy('type')
    .execute();
  const bySubject = new Map<string, SubjectSummary>();
  for (const row of rows) {
    const first = new Date(row.first);
    const last = new Date(row.last);
    const summary = bySubject.get(row.subject_id) ?? {
      subjectId: row.subject_id,
      counts: [],
      first,
      last,
      erased: false,
    };
    summary.counts.push({ type: row.type, count: Number(row.count), first, last });
    if (first < summary.first) summary.first = first;
    if (last > summary.last) summary.last = last;
    if (row.type === 'PersonalDataErased') summary.erased = true;
    bySubject.set(row.subject_id, summary);
  }
  return [...bySubject.values()];
};

export type PrivacyRequestKey = { occurredAt: Date; id: string };

/** The organisation's exports and erasures, newest first, keyset-paginated on (occurred_at, event_id). */
export const privacyRequests = (
  db: Db,
  organisationId: string,
  page: KeysetPage<PrivacyRequestKey>,
): Promise<PrivacyRequestWithActor[]> => {
  const { order, after } = pageDirection('desc', page);
  let query = db
    .withTables<SubjectAccessTables & TeamTables>()
    .selectFrom('privacy_requests as r')
    .leftJoin('team_members as a', 'a.user_id', 'r.actor_id')
    .selectAll('r')
    .select('a.display_name as actor_name')
    .where('r.organisation_id', '=', organisationId);
  if (page.cursor) {
    const { occurredAt, id } = page.cursor;
    query = query.where((eb) =>
      eb(eb.refTuple('r.occurred_at', 'r.event_id'), after, eb.tuple(occurredAt, id)),
    );
  }
  return query.orderBy('r.occurred_at', order).orderBy('r.event_id', order).limit(page.limit).execute();
};

export type PrivacyRequestWithActor = PrivacyRequestRow & { actor_name: string | null };

/** Whether subject access's index has seen these subjects in this organisation (the others are unknown here). */
export const knownSubjects = async (db: Db, organisationId: string, subjectIds: readonly string[]) => {
  if (subjectIds.length === 0) return new Set<string>();
  const rows = await index(db)
    .selectFrom('privacy_subject_events')
    .select('subject_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('subject_id', 'in', [...subjectIds])
    .execute();
  return new Set(rows.map((row) => row.subject_id));
};
