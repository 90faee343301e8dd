import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { errorBody, typed } from '../kernel/http';
import { text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import {
  closeSession,
  consumeSetupToken,
  createOrganisationWithAdmin,
  openSession,
  restoreSetupToken,
  setupPending,
  verifyCredentials,
} from './accounts';

export const SESSION_COOKIE = 'sid';

const email = z.string().trim().toLowerCase().email().max(254);
const password = z.string().min(12, 'At least 12 characters').max(256);

export const accessRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const sessionTtlHours = deps.config.SESSION_TTL_HOURS;
  const cookieOptions = (expires: Date) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.COOKIE_SECURE,
    expires,
  });

  api.get(
    '/api/setup',
    {
      schema: {
        tags: ['access'],
        summary: 'Whether the first organisation still has to be created',
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: await setupPending(deps.db) }),
  );

  api.post(
    '/api/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Create the first organisation and its admin with the one-time setup token',
        body: z.object({
          token: z.string().min(10).max(200),
          organisationName: text(200).pipe(z.string().min(2)),
          name: text(200),
          email,
          password,
        }),
        response: {
          201: z.object({ organisationId: z.string(), userId: z.string(), position: z.number() }),
          401: errorBody,
          400: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      if (!(await consumeSetupToken(deps.db, token))) {
        throw new AppError(401, 'setup_token_invalid', 'This setup link is invalid or was already used');
      }
      let result: Awaited<ReturnType<typeof createOrganisationWithAdmin>>;
      try {
        result = await createOrganisationWithAdmin(deps, input);
      } catch (error) {
        await restoreSetupToken(deps.db, token);
        throw error;
      }
      const viewer = await verifyCredentials(deps, input.email, input.password);
      if (viewer) {
        const session = await openSession(deps, viewer, sessionTtlHours);
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
      }
      await deps.waitForPosition(result.position);
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Sign in with e-mail and password (sets the session cookie)',
        body: z.object({ email, password: z.string().min(1).max(256) }),
        response: {
          200: z.object({ userId: z.string(), organisationId: z.string(), role: z.string() }),
          400: errorBody,
          401: errorBody,
        },
      },
    },
    async (request, reply) => {
      const viewer = await verifyCredentials(deps, request.body.email, request.body.password);
      if (!viewer) {
        return reply.code(401).send({ code: 'invalid_credentials', message: 'Wrong e-mail or password' });
      }
      const session = await openSession(deps, viewer, sessionTtlHours);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
      return { userId: viewer.userId, organisationId: viewer.organisationId, role: viewer.role };
    },
  );

  api.post(
    '/api/auth/logout',
    { schema: { tags: ['access'], summary: 'Sign out (ends the session)' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await closeSession(deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
};
