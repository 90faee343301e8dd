import type { Db } from '../../services/db/database';
import type { FeedbackTables } from './tables';

const feedback = (db: Db) => db.withTables<FeedbackTables>();

export const linksOfSessions = (db: Db, organisationId: string, sessionIds: readonly string[]) =>
  feedback(db)
    .selectFrom('feedback_links')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('session_id', 'in', sessionIds)
    .orderBy('created_at')
    .execute();

export const responsesOfSessions = (db: Db, organisationId: string, sessionIds: readonly string[]) =>
  feedback(db)
    .selectFrom('feedback_responses')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('session_id', 'in', sessionIds)
    .orderBy('submitted_at', 'desc')
    .execute();

/** How many answers a link has received, as far as the read model knows. */
export const responseCountOfLink = async (db: Db, linkId: string) =>
  (
    await feedback(db)
      .selectFrom('feedback_links')
      .select('response_count')
      .where('id', '=', linkId)
      .executeTakeFirst()
  )?.response_count ?? 0;

export const feedbackTotals = async (db: Db, organisationId: string) => {
  const row = await feedback(db)
    .selectFrom('feedback_responses')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.avg<number | null>('rating').as('average')])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), average: row.average === null ? null : Number(row.average) };
};
