import type { Db } from '../../services/db/database';
import type { CurrentSessionContext } from '../../services/read-ports';
import type { OrganisationTables } from '../organisations/tables';
import { type KeysetPage, pageDirection } from '../paging';
import type { TrainingHistoryRow, TrainingTables } from './tables';

const training = (db: Db) => db.withTables<TrainingTables>();

export type TrainingActionKey = { createdAt: Date; id: string };

/** Training actions, newest first, keyset-paginated on (created_at, id); archived ones only when asked. */
export const listTrainingActions = (
  db: Db,
  organisationId: string,
  page: KeysetPage<TrainingActionKey>,
  options: { includeArchived?: boolean } = {},
) => {
  const { order, after } = pageDirection('desc', page);
  let query = training(db)
    .selectFrom('training_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (!options.includeArchived) query = query.where('archived', '=', false);
  if (page.cursor) {
    const { createdAt, id } = page.cursor;
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), after, eb.tuple(createdAt, id)));
  }
  return query.orderBy('created_at', order).orderBy('id', order).limit(page.limit).execute();
};

export const findTrainingAction = (db: Db, organisationId: string, id: string) =>
  training(db)
    .selectFrom('training_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();

export const sessionsOfActions = (db: Db, organisationId: string, actionIds: readonly string[]) =>
  training(db)
    .selectFrom('training_sessions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('training_action_id', 'in', actionIds)
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();

export const findSession = (db: Db, organisationId: string, id: string) =>
  training(db)
    .selectFrom('training_sessions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();

export const trainingActionsByIds = (db: Db, organisationId: string, ids: readonly string[]) =>
  training(db)
    .selectFrom('training_actions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();

/**
 * The history of actions (their own changes, `sessionIds` empty) or of sessions, oldest first, with the display
 * name of whoever made each change.
 */
export const trainingHistory = (
  db: Db,
  organisationId: string,
  of: { actionIds: readonly string[] } | { sessionIds: readonly string[] },
): Promise<TrainingHistoryRow[]> => {
  let query = db
    .withTables<TrainingTables & OrganisationTables>()
    .selectFrom('training_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .selectAll('h')
    .select('u.display_name as actor_name')
    .where('h.organisation_id', '=', organisationId);
  query =
    'actionIds' in of
      ? query.where('h.training_action_id', 'in', of.actionIds).where('h.session_id', 'is', null)
      : query.where('h.session_id', 'in', of.sessionIds);
  return query.orderBy('h.position').execute();
};

/** What a feedback link records about its session: the session, its action and its organisation's name. */
export const findSessionContext = async (
  db: Db,
  organisationId: string,
  sessionId: string,
): Promise<CurrentSessionContext | undefined> => {
  const row = await db
    .withTables<TrainingTables & OrganisationTables>()
    .selectFrom('training_sessions as s')
    .innerJoin('training_actions as a', 'a.id', 's.training_action_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select([
      's.id',
      's.training_action_id',
      's.title',
      's.starts_on',
      's.ends_on',
      's.site',
      's.cancelled',
      'a.title as training_title',
      'o.name as organisation_name',
    ])
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  return (
    row && {
      sessionId: row.id,
      trainingActionId: row.training_action_id,
      organisationName: row.organisation_name,
      trainingTitle: row.training_title,
      sessionTitle: row.title,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      site: row.site,
      cancelled: row.cancelled,
    }
  );
};

/** How many training actions and sessions the organisation has (kept as counters by the projection). */
export const countTraining = async (db: Db, organisationId: string) => {
  const row = await training(db)
    .selectFrom('training_counts')
    .select(['actions', 'sessions'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return { actions: row?.actions ?? 0, sessions: row?.sessions ?? 0 };
};
