import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRecentMap } from '../kernel/recent-map';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The key a signed-in session's writes are remembered under; none for anonymous requests (public forms). */
const sessionKeyOf = (request: FastifyRequest): string | undefined => {
  if (request.sessionId) return request.sessionId;
  return request.viewer ? `user:${request.viewer.organisationId}:${request.viewer.userId}` : undefined;
};

/**
 * Read-your-writes.
 * - A request may send `X-Min-Position: <position>` (what a command answered) to be served only once the read
 *   models have reached it, waiting at most the configured bound; `X-Min-Position-Reached` says whether they did.
 * - A signed-in session is also held, without the header, until the read models have reached the last position
 *   one of its commands answered in this process. So a client that creates a session and then plans a campaign
 *   for it is not told the session does not exist because a projection had not applied it yet. Across processes
 *   (several instances behind a load balancer) only the header carries it; the web app always sends it.
 */
export const readYourWritesPlugin = fp(
  async (
    app: FastifyInstance,
    deps: { waitForPosition(position: number): Promise<boolean>; maxSessions?: number },
  ) => {
    const lastWrites = createRecentMap<string, number>(deps.maxSessions ?? 10_000);
    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['x-min-position'];
      let asked = 0;
      if (header !== undefined) {
        asked = Number(header);
        if (!Number.isSafeInteger(asked) || asked < 0) {
          return reply
            .code(400)
            .send({ code: 'invalid_min_position', message: 'X-Min-Position must be a position' });
        }
      }
      const key = sessionKeyOf(request);
      const own = key === undefined ? 0 : (lastWrites.get(key) ?? 0);
      const position = Math.max(asked, own);
      const reached = position === 0 || (await deps.waitForPosition(position));
      if (header !== undefined) reply.header('x-min-position-reached', String(reached));
    });
    // A command's answer carries the position of its last event (see `created` and `commandResult`).
    app.addHook('preSerialization', async (request, reply, payload: unknown) => {
      if (READS.has(request.method) || reply.statusCode >= 300) return payload;
      const position = (payload as { position?: unknown } | null)?.position;
      if (typeof position !== 'number' || !Number.isSafeInteger(position)) return payload;
      const key = sessionKeyOf(request);
      if (key !== undefined && position > (lastWrites.get(key) ?? 0)) lastWrites.set(key, position);
      return payload;
    });
  },
  { name: 'read-your-writes' },
);
