import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { AppError, isAppError, notFound } from '../kernel/errors';
import { commandContext, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { createKeyLimiter, limitByKey } from '../kernel/key-limiter';
import { optionalText } from '../kernel/validation';
import { defaultPrivacyNotice } from '../organisation/privacy-notice';
import { type OrganisationPublicProfile, publicOrganisationBody } from '../read-ports';
import type { SliceDeps } from '../slice';
import {
  assertLinkOpen,
  assertSessionNotCancelled,
  feedbackLinkDecider,
  feedbackResponseDecider,
} from './decider';
import { AUDIENCES, feedbackLinkStream, feedbackResponseStream } from './events';
import { type CachedLink, createLinkCache } from './link-cache';
import { newLinkToken, parseLinkToken, secretMatches } from './link-token';

const linkNotFound = () => notFound('feedback_link_not_found', 'This feedback link does not exist');

export const feedbackRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { store, clock, config, reads } = deps;

  const links = createLinkCache({ maxEntries: 10_000 });

  /** Reads a link's stream: what it was opened with, and whether it was closed. */
  const readLink = async (linkId: string): Promise<CachedLink | undefined> => {
    const history = await store.readStream(feedbackLinkStream(linkId));
    const { link } = history.reduce(
      // The link's stream holds only the feedback slice's events.
      (state, event) => feedbackLinkDecider.evolve(state, event as never),
      feedbackLinkDecider.initialState,
    );
    return link && { link, organisationId: history[0]!.metadata.organisationId };
  };

  /**
   * Finds a link from its public token (any mismatch looks like a missing link), with what changes after it was
   * opened as the read model knows it: its answers, a close, its session's cancellation.
   */
  const loadLink = async (token: string) => {
    const parsed = parseLinkToken(token);
    if (!parsed) throw linkNotFound();
    const found = await links.get(parsed.linkId, () => readLink(parsed.linkId));
    if (!found || !secretMatches(parsed.secret, found.link.secretHash)) throw linkNotFound();
    const state = await reads.feedbackLinkState(parsed.linkId);
    return {
      link: state?.closed ? { ...found.link, closed: true } : found.link,
      organisationId: found.organisationId,
      answersSoFar: state?.responses ?? 0,
      sessionCancelled: state?.sessionCancelled ?? false,
    };
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
      links.forget(request.params.linkId);
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

  /** The organisation behind a link; before its profile reaches the read model, its name and the default notice. */
  const organisationOf = async (organisationId: string, name: string): Promise<OrganisationPublicProfile> =>
    (await reads.organisationPublicProfile(organisationId)) ?? {
      name,
      legalName: null,
      logoUrl: null,
      contactEmail: null,
      privacyNotice: { ...defaultPrivacyNotice(name, null), isDefault: true },
    };

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
            organisation: publicOrganisationBody,
          }),
          404: errorBody,
          409: errorBody,
          429: errorBody,
        },
      },
    },
    async (request) => {
      const { link, organisationId, sessionCancelled } = await loadLink(request.params.token);
      const organisation = await organisationOf(organisationId, link.session.organisationName);
      try {
        assertLinkOpen(link, clock.now());
        assertSessionNotCancelled(link, sessionCancelled);
      } catch (error) {
        // A closed or expired link's page still says whose it is and whom to contact.
        if (!isAppError(error)) throw error;
        throw new AppError(error.status, error.code, error.message, { ...error.details, organisation });
      }
      const { organisationName, trainingTitle, sessionTitle, startsOn, endsOn, site } = link.session;
      return {
        organisation,
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
      const { link, organisationId, answersSoFar, sessionCancelled } = await loadLink(request.params.token);
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
          sessionCancelled,
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
