import type { Executor } from '../../services/db/database';
import { execute } from '../../services/db/database';

export interface FeedbackLinkRow {
  id: string;
  session_id: string;
  audience: string;
  created_at: Date;
  expires_at: Date;
  closed_at: Date | null;
}

export interface FeedbackResponseRow {
  id: string;
  session_id: string;
  rating: number;
  comment: string | null;
  submitted_at: Date;
}

export const linksOfSessions = (db: Executor, organisationId: string, sessionIds: readonly string[]) =>
  execute<FeedbackLinkRow>(
    db,
    `SELECT id, session_id, audience, created_at, expires_at, closed_at FROM feedback_links
      WHERE organisation_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY created_at`,
    [organisationId, sessionIds],
  );

export const responsesOfSessions = (db: Executor, organisationId: string, sessionIds: readonly string[]) =>
  execute<FeedbackResponseRow>(
    db,
    `SELECT id, session_id, rating, comment, submitted_at FROM feedback_responses
      WHERE organisation_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY submitted_at DESC`,
    [organisationId, sessionIds],
  );

export const feedbackTotals = async (db: Executor, organisationId: string) =>
  (
    await execute<{ count: number; average: number | null }>(
      db,
      `SELECT count(*)::int AS count, avg(rating)::float8 AS average FROM feedback_responses WHERE organisation_id = $1`,
      [organisationId],
    )
  )[0]!;
