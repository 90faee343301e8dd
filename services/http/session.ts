import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessDeps, viewerForSession } from '../access/accounts';
import { SESSION_COOKIE } from '../access/routes';

/** Routes anyone may call: public forms, first setup, signing in. Every other command needs a member. */
const OPEN_COMMANDS = /^\/api\/(?:public\/|setup$|auth\/)/;

/**
 * Finds the signed-in user from the session cookie (a session past its lifetime or idle too long, or of a
 * deactivated account, finds nobody); members-only commands answer 401 before anything else.
 */
export const sessionPlugin = fp(
  async (app: FastifyInstance, deps: AccessDeps & { idleMinutes: number }) => {
    await app.register(cookie);
    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await viewerForSession(deps, token, deps.idleMinutes);
        request.viewer = session?.viewer;
        request.sessionId = session?.sessionId;
      }
      const path = request.url.split('?')[0] ?? '';
      if (!request.viewer && path.startsWith('/api/') && !OPEN_COMMANDS.test(path)) {
        return reply.code(401).send({ code: 'unauthenticated', message: 'Authentication required' });
      }
    });
  },
  { name: 'session' },
);
