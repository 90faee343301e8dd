import type { FastifyInstance } from 'fastify';
import type { ProjectionRunner } from '../../projections/runner/runner';
import { isDatabaseUnavailable } from '../db/availability';
import type { Database } from '../db/database';
import { type FeedStatus, feedStatus } from '../eventstore/feed-status';

/** Unknown (the query failed): the feed's horizon is information, never a reason for /health to fail. */
const FEED_UNKNOWN: FeedStatus = { heldBackMs: null, heldBy: null };

/**
 * `GET /health`: the database, whether the feed is held back by a long transaction on the server (and by whom),
 * and every projection's position, lag and last error.
 */
export const healthPlugin = async (
  app: FastifyInstance,
  deps: { database: Database; runner: ProjectionRunner },
) => {
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      const [projections, feed] = await Promise.all([
        deps.runner.status(),
        feedStatus(deps.database).catch(() => FEED_UNKNOWN),
      ]);
      const healthy = projections.every((projection) => projection.lastError === null);
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        database: deps.database.kind,
        feed,
        projections,
      });
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable', database: deps.database.kind, reason: 'database_unreachable' });
    }
  });
};
