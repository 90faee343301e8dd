import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '../eventstore/types';
import { requirePermission } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { type CommandContext, runCommand } from '../kernel/command';
import { notFound } from '../kernel/errors';
import { commandContext, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { type FeedbackLinkState, feedbackLinkDecider, linkStatus } from './decider';
import { AUDIENCES, feedbackLinkStream, type SessionContext } from './events';
import { newLinkToken, parseLinkToken, secretMatches } from './link-token';

export interface FeedbackDeps {
  store: EventStore;
  clock: Clock;
  linkTtlDays: number;
  publicRateLimitPerMinute: number;
  /** The session as the organisation sees it, or undefined when it does not exist there. */
  findSession(organisationId: string, sessionId: string): Promise<SessionContext | undefined>;
}

const linkNotFound = () => notFound('feedback_link_not_found', 'This feedback link does not exist');

export const feedbackRoutes = (deps: FeedbackDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  /** Loads a link from its public token; any mismatch looks like a link that does not exist. */
  const loadLink = async (token: string) => {
    const parsed = parseLinkToken(token);
    if (!parsed) throw linkNotFound();
    const history = await deps.store.readStream(feedbackLinkStream(parsed.linkId));
    const state = history.reduce(
      (current, event) => feedbackLinkDecider.evolve(current, event as never),
      feedbackLinkDecider.initialState as FeedbackLinkState,
    );
    if (!state.link || !secretMatches(parsed.secret, state.link.secretHash)) throw linkNotFound();
    return { state, link: state.link, organisationId: history[0]!.metadata.organisationId };
  };

  api.post(
    '/api/sessions/:sessionId/feedback-links',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Open a public feedback link for a session (the token is shown once)',
        params: z.object({ sessionId: z.string().uuid() }),
        body: z.object({ audience: z.enum(AUDIENCES).default('learner') }).default({ audience: 'learner' }),
        response: {
          201: z.object({
            id: z.string(),
            token: z.string(),
            url: z.string(),
            expiresAt: z.string(),
            revision: z.number(),
            position: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const session = await deps.findSession(viewer.organisationId, request.params.sessionId);
      if (!session) throw notFound('session_not_found', 'No such session');
      const context = commandContext(request, viewer, deps);
      const linkId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'feedback-link', context.idempotencyKey)
        : newId();
      const { token, secretHash } = newLinkToken(linkId);
      const expiresAt = new Date(deps.clock.now().getTime() + deps.linkTtlDays * 86_400_000).toISOString();
      const result = await runCommand(context, feedbackLinkDecider, feedbackLinkStream(linkId), {
        type: 'OpenFeedbackLink',
        linkId,
        audience: request.body.audience,
        secretHash,
        expiresAt,
        session,
      });
      if (
        result.events.length === 0 ||
        (result.events[0]?.data as { secretHash?: string } | undefined)?.secretHash !== secretHash
      ) {
        // A replayed request: the secret was shown the first time and cannot be shown again.
        return reply.code(409).send({
          code: 'feedback_link_already_opened',
          message: 'This request already opened a link; its token cannot be shown again',
          details: { id: linkId },
        });
      }
      return reply.code(201).send({
        id: linkId,
        token,
        url: `/f/${token}`,
        expiresAt,
        revision: result.revision,
        position: result.position,
      });
    },
  );

  api.post(
    '/api/feedback-links/:linkId/close',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Close a feedback link: it accepts no more answers',
        params: z.object({ linkId: z.string().uuid() }),
        response: { 200: z.object({ revision: z.number(), position: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const result = await runCommand(
        commandContext(request, viewer, deps),
        feedbackLinkDecider,
        feedbackLinkStream(request.params.linkId),
        { type: 'CloseFeedbackLink' },
      );
      return { revision: result.revision, position: result.position };
    },
  );

  const publicLimits = {
    rateLimit: { max: deps.publicRateLimitPerMinute, timeWindow: '1 minute' },
  };
  const tokenParams = z.object({ token: z.string().max(100) });

  api.get(
    '/api/public/feedback/:token',
    {
      config: publicLimits,
      schema: {
        tags: ['public'],
        summary: 'What a respondent sees before answering (no account needed)',
        params: tokenParams,
        response: {
          200: z.object({
            organisationName: z.string(),
            trainingTitle: z.string(),
            sessionTitle: z.string(),
            startsOn: z.string(),
            endsOn: z.string(),
            site: z.string(),
            audience: z.enum(AUDIENCES),
          }),
          404: errorBody,
          409: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { state, link } = await loadLink(request.params.token);
      const status = linkStatus(state, deps.clock.now());
      if (status === 'closed') {
        return reply
          .code(409)
          .send({ code: 'feedback_link_closed', message: 'This feedback link is closed' });
      }
      if (status === 'expired') {
        return reply
          .code(409)
          .send({ code: 'feedback_link_expired', message: 'This feedback link has expired' });
      }
      const { organisationName, trainingTitle, sessionTitle, startsOn, endsOn, site } = link.session;
      return {
        organisationName,
        trainingTitle,
        sessionTitle,
        startsOn,
        endsOn,
        site,
        audience: link.audience,
      };
    },
  );

  api.post(
    '/api/public/feedback/:token',
    {
      config: publicLimits,
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['public'],
        summary: 'Answer a feedback form (safe to retry with the same submissionId)',
        params: tokenParams,
        body: z.object({
          submissionId: z.string().uuid(),
          rating: z.number().int().min(1).max(5),
          comment: z
            .string()
            .max(2000)
            .transform((value) => value.trim() || null)
            .nullish(),
        }),
        response: {
          201: z.object({ received: z.literal(true) }),
          400: errorBody,
          404: errorBody,
          409: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { link, organisationId } = await loadLink(request.params.token);
      const context: CommandContext = {
        store: deps.store,
        clock: deps.clock,
        organisationId,
        actor: { type: 'public' },
        correlationId: request.id,
      };
      await runCommand(context, feedbackLinkDecider, feedbackLinkStream(link.linkId), {
        type: 'SubmitFeedback',
        // Scoped to the link, so one respondent's id can never collide with another link's answer.
        responseId: derivedId(link.linkId, request.body.submissionId),
        rating: request.body.rating,
        comment: request.body.comment ?? null,
        now: deps.clock.now(),
      });
      return reply.code(201).send({ received: true });
    },
  );
};
