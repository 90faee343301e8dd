import type { Db } from '../../services/db/database';
import type { FeedbackTables } from './tables';

const feedback = (db: Db) => db.withTables<FeedbackTables>();

export const linksOfSessions = (db: Db, organisationId: string, sessionIds: readonly string[]) =>
  feedback(db)
    .selectFrom('feedback_links as l')
    .leftJoin('feedback_link_counts as c', 'c.link_id', 'l.id')
    .selectAll('l')
    .select((eb) => eb.fn.coalesce('c.responses', eb.lit(0)).as('response_count'))
    .where('l.organisation_id', '=', organisationId)
    .where('l.session_id', 'in', sessionIds)
    .orderBy('l.created_at')
    .execute();

export const responsesOfSessions = (db: Db, organisationId: string, sessionIds: readonly string[]) =>
  feedback(db)
    .selectFrom('feedback_responses')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('session_id', 'in', sessionIds)
    .orderBy('submitted_at', 'desc')
    .execute();

/** Links' answer counts, closures and session cancellations, as far as the read model knows: one probe each. */
export const linkStates = async (db: Db, linkIds: readonly string[]) => {
  const rows = await feedback(db)
    .selectFrom('feedback_links as l')
    .leftJoin('feedback_link_counts as c', 'c.link_id', 'l.id')
    .select(['l.id', 'l.closed_at', 'l.session_cancelled', 'c.responses'])
    .where('l.id', 'in', linkIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        responses: row.responses ?? 0,
        closed: row.closed_at !== null,
        sessionCancelled: row.session_cancelled,
      },
    ]),
  );
};

/** The organisation's answers: how many and their average rating (kept as counters by the projection). */
export const feedbackTotals = async (db: Db, organisationId: string) => {
  const row = await feedback(db)
    .selectFrom('feedback_counts')
    .select(['responses', 'rating_sum'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const count = row?.responses ?? 0;
  return { count, average: row && count > 0 ? Number(row.rating_sum) / count : null };
};

/** Answers per session (count and rating sum), for the sessions asked. */
export const feedbackCountsOfSessions = (db: Db, organisationId: string, sessionIds: readonly string[]) =>
  feedback(db)
    .selectFrom('feedback_session_counts')
    .select(['session_id', 'responses', 'rating_sum'])
    .where('organisation_id', '=', organisationId)
    .where('session_id', 'in', sessionIds)
    .execute();
