import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, requirePermission, type Viewer } from '../kernel/auth';
import { AppError, unauthorized } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import {
  closeSession,
  consumeSetupToken,
  createOrganisationWithAdmin,
  endSessions,
  openSession,
  restoreSetupToken,
  sessionsOf,
  setupPending,
  verifyCredentials,
} from './accounts';
import { changePassword, requestPasswordReset, resetPassword } from './passwords';
import { recordAccountFact } from './record';
import { signIn } from './sign-in';
import {
  acceptInvitation,
  changeRole,
  deactivate,
  invitationByToken,
  invite,
  reactivate,
  resendInvitation,
  revokeInvitation,
} from './team';

export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** The id of the signed-in session (null for sessions opened before sessions had ids). */
    sessionId?: string | null;
  }
}

const email = z.string().trim().toLowerCase().email().max(254);
const password = z.string().min(12, 'At least 12 characters').max(256);
const token = z.string().min(10).max(200);
const role = z.enum(ROLES);
const done = z.object({ done: z.literal(true) });

export const accessRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { config } = deps;
  const { mail } = deps;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const teamDeps = { ...deps, mail, publicUrl, invitationTtlDays: config.INVITATION_TTL_DAYS };
  const policy = {
    failuresBeforeDelay: config.SIGN_IN_FAILURES_BEFORE_DELAY,
    firstDelaySeconds: config.SIGN_IN_FIRST_DELAY_SECONDS,
    maxDelaySeconds: config.SIGN_IN_MAX_DELAY_MINUTES * 60,
  };

  // Work done after the answer (a reset mail, a notice): the app waits for it before closing.
  const pending = new Set<Promise<unknown>>();
  const later = (work: () => Promise<unknown>) => {
    const running = work()
      .catch((error: unknown) => app.log.error({ err: error }, 'background access work failed'))
      .finally(() => pending.delete(running));
    pending.add(running);
  };
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });

  const cookieOptions = (expires: Date) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE,
    expires,
  });

  /** Opens a new session for the member (ending the one the request came with: a sign-in rotates it). */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, viewer: Viewer) => {
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await closeSession(deps, previous);
    const session = await openSession(deps, viewer, {
      ttlHours: config.SESSION_TTL_HOURS,
      userAgent: request.headers['user-agent'],
    });
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(session.expiresAt));
  };

  const member = (request: FastifyRequest) => {
    if (!request.viewer) throw unauthorized();
    return request.viewer;
  };

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
          token,
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
      const { token: setupToken, ...input } = request.body;
      if (!(await consumeSetupToken(deps.db, setupToken))) {
        throw new AppError(401, 'setup_token_invalid', 'This setup link is invalid or was already used');
      }
      let result: Awaited<ReturnType<typeof createOrganisationWithAdmin>>;
      try {
        result = await createOrganisationWithAdmin(deps, input);
      } catch (error) {
        await restoreSetupToken(deps.db, setupToken);
        throw error;
      }
      const viewer = await verifyCredentials(deps, input.email, input.password);
      if (viewer) await startSession(request, reply, viewer);
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
        summary: 'Sign in with e-mail and password (sets a new session cookie)',
        description:
          'After repeated failures on one account, answers 429 `sign_in_throttled` with Retry-After, ' +
          'whatever the address the attempts come from.',
        body: z.object({ email, password: z.string().min(1).max(256) }),
        response: {
          200: z.object({ userId: z.string(), organisationId: z.string(), role: z.string() }),
          400: errorBody,
          401: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const viewer = await signIn(
        { ...deps, policy, mail, later },
        request.body.email,
        request.body.password,
      );
      await startSession(request, reply, viewer);
      return { userId: viewer.userId, organisationId: viewer.organisationId, role: viewer.role };
    },
  );

  api.post(
    '/api/auth/logout',
    { schema: { tags: ['access'], summary: 'Sign out (ends the session)' } },
    async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];
      if (sessionToken) await closeSession(deps, sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  // Password reset: the answer is the same whether an account uses the address or not, and it does not wait
  // for the work (which only happens for an account), so its timing tells nothing either.
  api.post(
    '/api/auth/password-reset',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Ask for a password reset link by mail',
        body: z.object({ email }),
        response: { 202: z.object({ accepted: z.literal(true) }), 400: errorBody },
      },
    },
    async (request, reply) => {
      const address = request.body.email;
      later(() =>
        requestPasswordReset(
          { ...deps, mail, publicUrl, ttlMinutes: config.PASSWORD_RESET_TTL_MINUTES },
          address,
        ),
      );
      return reply.code(202).send({ accepted: true });
    },
  );

  api.post(
    '/api/auth/password-reset/confirm',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Set a new password with a reset link (once; every session of the account ends)',
        body: z.object({ token, password }),
        response: { 200: done, 400: errorBody },
      },
    },
    async (request) => {
      const result = await resetPassword(deps, request.body.token, request.body.password);
      if (result) await deps.waitForPosition(result.position);
      return { done: true as const };
    },
  );

  api.post(
    '/api/auth/invitation',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'What an invitation link offers (the token in the body keeps it out of logs)',
        body: z.object({ token }),
        response: {
          200: z.object({ email: z.string(), role, expiresAt: z.string() }),
          400: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => {
      const invitation = await invitationByToken(deps.db, request.body.token);
      return {
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expires_at.toISOString(),
      };
    },
  );

  api.post(
    '/api/auth/invitation/accept',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Accept an invitation: choose a name and a password (signs in)',
        body: z.object({ token, name: text(200), password }),
        response: {
          201: z.object({ userId: z.string(), position: z.number() }),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(deps, {
        token: request.body.token,
        displayName: request.body.name,
        password: request.body.password,
        correlationId: request.id,
      });
      const viewer = await verifyCredentials(deps, result.email, request.body.password);
      if (viewer) await startSession(request, reply, viewer);
      await deps.waitForPosition(result.position);
      return reply.code(201).send({ userId: result.userId, position: result.position });
    },
  );

  // The signed-in member's own account.
  api.post(
    '/api/account/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Change one’s password (asks the current one; ends one’s other sessions)',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: password }),
        response: { 200: done, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = member(request);
      await changePassword(deps, viewer, {
        ...request.body,
        sessionId: request.sessionId ?? null,
        correlationId: request.id,
      });
      return { done: true as const };
    },
  );

  api.get(
    '/api/account/sessions',
    {
      schema: {
        tags: ['access'],
        summary: 'One’s open sessions, most recently used first',
        response: {
          200: z.object({
            sessions: z.array(
              z.object({
                id: z.string().nullable(),
                userAgent: z.string().nullable(),
                startedAt: z.string(),
                lastSeenAt: z.string(),
                current: z.boolean(),
              }),
            ),
          }),
          401: errorBody,
        },
      },
    },
    async (request) => {
      const viewer = member(request);
      const sessions = await sessionsOf(deps, viewer.userId, config.SESSION_IDLE_MINUTES);
      return {
        sessions: sessions.map((session) => ({
          id: session.id,
          userAgent: session.user_agent,
          startedAt: session.created_at.toISOString(),
          lastSeenAt: session.last_seen_at.toISOString(),
          current: session.id !== null && session.id === request.sessionId,
        })),
      };
    },
  );

  api.post(
    '/api/account/sessions/end-others',
    {
      schema: {
        tags: ['access'],
        summary: 'Sign out everywhere else (every session but this one ends)',
        response: { 200: z.object({ ended: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = member(request);
      const ended = await endSessions(deps.db, viewer.userId, request.sessionId ?? null);
      await recordAccountFact(
        {
          ...deps,
          organisationId: viewer.organisationId,
          actor: { type: 'user', id: viewer.userId },
          correlationId: request.id,
        },
        { type: 'EndOtherSessions', userId: viewer.userId, sessions: ended },
      );
      return { ended };
    },
  );

  // The team: admins only.
  api.post(
    '/api/team/invitations',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['team'],
        summary: 'Invite a colleague by mail, with a role',
        body: z.object({ email, role }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'team:manage');
      const context = commandContext(request, viewer, deps);
      const invitationId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'invitation', context.idempotencyKey)
        : newId();
      const result = await invite(teamDeps, context, viewer, { invitationId, ...request.body });
      return created(reply, { id: invitationId, revision: result.revision, position: result.position });
    },
  );

  const invitationParams = z.object({ invitationId: z.string().uuid() });
  const memberParams = z.object({ userId: z.string().uuid() });

  api.post(
    '/api/team/invitations/:invitationId/resend',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['team'],
        summary: 'Send a new link for a pending invitation (the earlier link stops working)',
        params: invitationParams,
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'team:manage');
      const { invitationId } = request.params;
      const result = await resendInvitation(
        teamDeps,
        commandContext(request, viewer, deps),
        viewer,
        invitationId,
      );
      return { id: invitationId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/team/invitations/:invitationId/revoke',
    {
      schema: {
        tags: ['team'],
        summary: 'Revoke a pending invitation (its link stops working)',
        params: invitationParams,
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'team:manage');
      const { invitationId } = request.params;
      const result = await revokeInvitation(
        teamDeps,
        commandContext(request, viewer, deps),
        viewer,
        invitationId,
      );
      return { id: invitationId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/team/members/:userId/role',
    {
      schema: {
        tags: ['team'],
        summary: 'Change a member’s role (the last active admin keeps theirs: 409 last_admin)',
        params: memberParams,
        body: z.object({ role }),
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'team:manage');
      const { userId } = request.params;
      const context = commandContext(request, viewer, deps);
      const result = await changeRole(context, deps.db, viewer, userId, request.body.role);
      return { id: userId, revision: result.revision, position: result.position };
    },
  );

  for (const [action, apply, summary] of [
    ['deactivate', deactivate, 'Deactivate a member (their sessions end at once; not the last active admin)'],
    ['reactivate', reactivate, 'Reactivate a member'],
  ] as const) {
    api.post(
      `/api/team/members/:userId/${action}`,
      {
        schema: {
          tags: ['team'],
          summary,
          params: memberParams,
          response: { 200: commandResult, ...errorResponses },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, 'team:manage');
        const { userId } = request.params;
        const result = await apply(commandContext(request, viewer, deps), deps.db, viewer, userId);
        return { id: userId, revision: result.revision, position: result.position };
      },
    );
  }
};
