import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { notFound } from '../kernel/errors';
import { commandContext, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { createKeyLimiter, limitByKey } from '../kernel/key-limiter';
import { optionalText } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import {
  assertLinkOpen,
  assertSessionNotCancelled,
  type FeedbackLink,
  feedbackLinkDecider,
  feedbackResponseDecider,
} from './decider';
import { AUDIENCES, feedbackLinkStream, feedbackResponseStream } from './events';
import { newLinkToken, parseLinkToken, secretMatches } from './link-token';

const linkNotFound = () => notFound('feedback_link_not_found', 'This feedback link does not exist');

export const feedbackRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { store, clock, config, reads } = deps;

  /** Loads a link from its public token (one read of its stream); any mismatch looks like a missing link. */
  const loadLink = async (token: string): Promise<{ link: FeedbackLink; organisationId: string }> => {
    const parsed = parseLinkToken(token);
    if (!parsed) throw linkNotFound();
    const history = await store.readStream(feedbackLinkStream(parsed.linkId));
    const { link } = history.reduce(
      // The link's stream holds only the feedback slice's events.
      (state, event) => feedbackLinkDecider.evolve(state, event as never),
      feedbackLinkDecider.initialState,
    );
    if (!link || !secretMatches(parsed.secret, link.secretHash)) throw linkNotFound();
    return { link, organisationId: history[0]!.metadata.organisationId };
  };

  /** Whether the link's session was cancelled since the link was opened. */
  const sessionCancelled = async (organisationId: string, link: FeedbackLink) =>
    (await reads.sessionContext(organisationId, link.session.sessionId))?.cancelled ?? false;

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
      const current = await reads.sessionContext(viewer.organisationId, request.params.sessionId);
      if (!current) throw notFound('session_not_found', 'No such session');
      const { cancelled, ...session } = current;
      const context = commandContext(request, viewer, deps);
      const linkId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'feedback-link', context.idempotencyKey)
        : newId();
      const { token, secretHash } = newLinkToken(linkId);
      const expiresAt = new Date(
        clock.now().getTime() + config.FEEDBACK_LINK_TTL_DAYS * 86_400_000,
      ).toISOString();
      const result = await runCommand(context, feedbackLinkDecider, feedbackLinkStream(linkId), {
        type: 'OpenFeedbackLink',
        link: { linkId, audience: request.body.audience, secretHash, expiresAt, session },
        sessionCancelled: cancelled,
      });
      const opened = result.events[0];
      if (opened?.type !== 'FeedbackLinkOpened' || opened.data.secretHash !== secretHash) {
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

  // A class answers from one address: each link has its own allowance, and each address a larger one, so 60
  // learners behind one NAT all get through while a single address cannot hammer many links.
  const linkSelector = (request: FastifyRequest) =>
    String((request.params as { token?: unknown }).token ?? '').split('.')[0] ?? '';
  const publicLimits = {
    config: {
      rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
    },
    preHandler: limitByKey(
      createKeyLimiter({ max: config.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      linkSelector,
    ),
  };
  const tokenParams = z.object({ token: z.string().max(100) });

  api.get(
    '/api/public/feedback/:token',
    {
      ...publicLimits,
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
    async (request) => {
      const { link, organisationId } = await loadLink(request.params.token);
      assertLinkOpen(link, clock.now());
      assertSessionNotCancelled(link, await sessionCancelled(organisationId, link));
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
      ...publicLimits,
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['public'],
        summary: 'Answer a feedback form (safe to retry with the same submissionId)',
        params: tokenParams,
        body: z.object({
          submissionId: z.string().uuid(),
          rating: z.number().int().min(1).max(5),
          comment: optionalText(2000),
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
      const [cancelled, answersSoFar] = await Promise.all([
        sessionCancelled(organisationId, link),
        reads.feedbackLinkResponseCount(link.linkId),
      ]);
      // Scoped to the link, so one respondent's id can never collide with another link's answer.
      const responseId = derivedId(link.linkId, request.body.submissionId);
      const context: CommandContext = {
        store,
        clock,
        organisationId,
        actor: { type: 'public' },
        correlationId: request.id,
      };
      await runCommand(
        context,
        feedbackResponseDecider,
        feedbackResponseStream(responseId),
        {
          type: 'SubmitFeedback',
          responseId,
          rating: request.body.rating,
          comment: request.body.comment,
          link,
          sessionCancelled: cancelled,
          answersSoFar,
          now: clock.now(),
        },
        // An answer's stream is new unless this is a retry: skip reading it first.
        { usuallyNew: true },
      );
      return reply.code(201).send({ received: true });
    },
  );
};
