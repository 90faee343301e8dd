import DataLoader from 'dataloader';
import { linksOfSessions, responsesOfSessions } from '../projections/feedback/queries';
import { sessionsOfActions } from '../projections/training/queries';
import type { AnyDb } from '../services/db/database';
import type { GraphQLContext } from './context';

const groupBy = <Row, Key extends keyof Row>(rows: Row[], key: Key, keys: readonly string[]) => {
  const groups = new Map<string, Row[]>(keys.map((id) => [id, []]));
  for (const row of rows) groups.get(String(row[key]))?.push(row);
  return keys.map((id) => groups.get(id) ?? []);
};

/** One set of batch loaders per request, scoped to the viewer's organisation. */
export const createLoaders = (db: AnyDb, organisationId: string): GraphQLContext['loaders'] => ({
  sessionsByAction: new DataLoader(async (ids) =>
    groupBy(await sessionsOfActions(db, organisationId, ids), 'training_action_id', ids),
  ),
  linksBySession: new DataLoader(async (ids) =>
    groupBy(await linksOfSessions(db, organisationId, ids), 'session_id', ids),
  ),
  responsesBySession: new DataLoader(async (ids) =>
    groupBy(await responsesOfSessions(db, organisationId, ids), 'session_id', ids),
  ),
});
