import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessDeps, viewerForSession } from '../access/accounts';
import { SESSION_COOKIE } from '../access/routes';
import type { SessionResolver } from '../slice';

/** Routes anyone may call: public forms, first setup, signing in. Every other command needs a member. */
const OPEN_COMMANDS = /^\/api\/(?:public\/|setup$|auth\/)/;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds the signed-in user from the session cookie (a session past its lifetime or idle too long, or of a
 * deactivated account, finds nobody), else among the sessions slices open themselves (an auditor's link);
 * members-only commands answer 401 before anything else. A link session only reads: any other command answers
 * 403 here, whatever its route would allow the link's role.
 */
export const sessionPlugin = fp(
  async (
    app: FastifyInstance,
    deps: AccessDeps & { idleMinutes: number; otherSessions: readonly SessionResolver[] },
  ) => {
    await app.register(cookie);
    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        let session = await viewerForSession(deps, token, deps.idleMinutes);
        for (const resolve of deps.otherSessions) session ??= await resolve(token, request);
        request.viewer = session?.viewer;
        request.sessionId = session?.sessionId;
      }
      const path = request.url.split('?')[0] ?? '';
      if (!request.viewer && path.startsWith('/api/') && !OPEN_COMMANDS.test(path)) {
        return reply.code(401).send({ code: 'unauthenticated', message: 'Authentication required' });
      }
      if (
        request.viewer?.link &&
        !READS.has(request.method) &&
        !OPEN_COMMANDS.test(path) &&
        path !== '/graphql'
      ) {
        return reply.code(403).send({ code: 'read_only_access', message: 'An auditor link only reads' });
      }
    });
  },
  { name: 'session' },
);
