import type { Executor } from '../../services/db/database';
import { execute } from '../../services/db/database';

export interface TrainingActionRow {
  id: string;
  organisation_id: string;
  title: string;
  category: string;
  certifying: boolean;
  created_at: Date;
  revision: number;
}

export interface TrainingSessionRow {
  id: string;
  organisation_id: string;
  training_action_id: string;
  title: string;
  starts_on: string;
  ends_on: string;
  site: string;
  created_at: Date;
}

const SESSION_COLUMNS = `s.id, s.organisation_id, s.training_action_id, s.title,
  to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.site, s.created_at`;

/** Newest first, keyset-paginated on (created_at, id). */
export const listTrainingActions = (
  db: Executor,
  organisationId: string,
  page: { limit: number; before?: { createdAt: Date; id: string } },
) =>
  execute<TrainingActionRow>(
    db,
    `SELECT * FROM training_actions
      WHERE organisation_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [organisationId, page.before?.createdAt ?? null, page.before?.id ?? null, page.limit],
  );

export const findTrainingAction = async (db: Executor, organisationId: string, id: string) =>
  (
    await execute<TrainingActionRow>(
      db,
      'SELECT * FROM training_actions WHERE organisation_id = $1 AND id = $2',
      [organisationId, id],
    )
  )[0];

export const sessionsOfActions = (db: Executor, organisationId: string, actionIds: readonly string[]) =>
  execute<TrainingSessionRow>(
    db,
    `SELECT ${SESSION_COLUMNS} FROM training_sessions s
      WHERE s.organisation_id = $1 AND s.training_action_id = ANY($2::uuid[]) ORDER BY s.starts_on, s.created_at`,
    [organisationId, actionIds],
  );

export const findSession = async (db: Executor, organisationId: string, sessionId: string) =>
  (
    await execute<TrainingSessionRow & { training_title: string }>(
      db,
      `SELECT ${SESSION_COLUMNS}, a.title AS training_title
         FROM training_sessions s JOIN training_actions a ON a.id = s.training_action_id
        WHERE s.organisation_id = $1 AND s.id = $2`,
      [organisationId, sessionId],
    )
  )[0];

export const countTraining = async (db: Executor, organisationId: string) =>
  (
    await execute<{ actions: number; sessions: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM training_actions WHERE organisation_id = $1) AS actions,
              (SELECT count(*)::int FROM training_sessions WHERE organisation_id = $1) AS sessions`,
      [organisationId],
    )
  )[0]!;
