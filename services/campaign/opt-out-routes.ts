import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runCommand } from '../kernel/command';
import { isAppError, notFound } from '../kernel/errors';
import { errorBody, typed } from '../kernel/http';
import { createKeyLimiter, limitByKey } from '../kernel/key-limiter';
import type { SliceDeps } from '../slice';
import { campaignDecider } from './decider';
import { campaignStream } from './events';
import { CAMPAIGN_LINK_KEY_PURPOSE, verifyCampaignLinkToken } from './links';

/** The same answer as the answer form's for a link that does not exist. */
const linkNotFound = () => notFound('answer_link_not_found', 'This survey link does not exist');

/**
 * The link at the foot of every campaign message: the respondent asks for no more messages of this campaign.
 * Only a personal link names a respondent; any other token, a wrong secret or a respondent removed since looks
 * like a missing link. Saying it twice changes nothing and answers the same.
 */
export const campaignOptOutRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { store, clock, config, reads, vault } = deps;
  const key = vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE);

  // As on the public forms: each link has its own allowance and each address a larger one.
  const linkSelector = (request: FastifyRequest) =>
    String((request.params as { token?: unknown }).token ?? '').split('.')[1] ?? '';
  const publicLimits = {
    config: { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    preHandler: limitByKey(
      createKeyLimiter({ max: config.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      linkSelector,
    ),
  };

  api.post(
    '/api/public/answers/:token/opt-out',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary: 'Stop this campaign’s messages to the respondent of a personal link (safe to repeat)',
        params: z.object({ token: z.string().max(120) }),
        response: {
          200: z.object({ optedOut: z.literal(true), organisationName: z.string().nullable() }),
          404: errorBody,
          429: errorBody,
        },
      },
    },
    async (request) => {
      const verified = verifyCampaignLinkToken(key, request.params.token);
      if (verified?.kind !== 'personal') throw linkNotFound();
      const respondent = await reads.campaignRespondent(verified.id);
      if (!respondent || respondent.removed) throw linkNotFound();
      try {
        await runCommand(
          {
            store,
            clock,
            organisationId: respondent.organisationId,
            actor: { type: 'public' },
            correlationId: request.id,
          },
          campaignDecider,
          campaignStream(respondent.campaignId),
          { type: 'OptOut', respondentId: verified.id },
        );
      } catch (error) {
        if (isAppError(error) && error.status === 404) throw linkNotFound();
        throw error;
      }
      const organisation = await reads.organisationPublicProfile(respondent.organisationId);
      return { optedOut: true as const, organisationName: organisation?.name ?? null };
    },
  );
};
