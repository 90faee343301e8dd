import type { FastifyInstance } from 'fastify';
import type { ProjectionRunner } from '../../projections/runner/runner';
import { isDatabaseUnavailable } from '../db/availability';
import type { Database } from '../db/database';

/** `GET /health`: the database and every projection's position, lag and last error. */
export const healthPlugin = async (
  app: FastifyInstance,
  deps: { database: Database; runner: ProjectionRunner },
) => {
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    try {
      const projections = await deps.runner.status();
      const healthy = projections.every((projection) => projection.lastError === null);
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        database: deps.database.kind,
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
