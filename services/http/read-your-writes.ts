import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Read-your-writes: a request may send `X-Min-Position: <position>` (what a command answered) to be served only
 * once the read models have reached it, waiting at most the configured bound.
 */
export const readYourWritesPlugin = fp(
  async (app: FastifyInstance, deps: { waitForPosition(position: number): Promise<boolean> }) => {
    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['x-min-position'];
      if (header === undefined) return;
      const position = Number(header);
      if (!Number.isSafeInteger(position) || position < 0) {
        return reply
          .code(400)
          .send({ code: 'invalid_min_position', message: 'X-Min-Position must be a position' });
      }
      const reached = position === 0 || (await deps.waitForPosition(position));
      reply.header('x-min-position-reached', String(reached));
    });
  },
  { name: 'read-your-writes' },
);
