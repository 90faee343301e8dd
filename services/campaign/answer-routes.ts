import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../kernel/clock';
import { type CommandContext, runCommand } from '../kernel/command';
import { AppError, conflict, isAppError, notFound } from '../kernel/errors';
import { errorBody, typed } from '../kernel/http';
import { derivedId, hashToken } from '../kernel/ids';
import { createKeyLimiter, limitByKey } from '../kernel/key-limiter';
import { parisDate, startOfNextParisDay, startOfParisDay } from '../kernel/paris-time';
import { defaultPrivacyNotice } from '../organisation/privacy-notice';
import type { QuestionnaireContent } from '../questionnaire/events';
import { QUESTION_KINDS, QUESTION_PURPOSES } from '../questionnaire/events';
import {
  type CampaignForAnswer,
  type OrganisationPublicProfile,
  publicOrganisationBody,
} from '../read-ports';
import type { SliceDeps } from '../slice';
import { type CampaignAnswerSubmitted, campaignAnswerStream } from './answer-events';
import { assertCampaignTakesAnswers, campaignAnswerDecider, checkAnswers } from './answers';
import { campaignDecider } from './decider';
import { campaignStream } from './events';
import { CAMPAIGN_LINK_KEY_PURPOSE, verifyCampaignLinkToken } from './links';

const linkNotFound = () => notFound('answer_link_not_found', 'This survey link does not exist');

const localised = z.object({ fr: z.string(), en: z.string().nullable() });

const formBody = z.object({
  organisation: publicOrganisationBody,
  link: z.enum(['personal', 'shared']),
  anonymous: z.boolean(),
  audience: z.string(),
  targetLabel: z.string(),
  closesOn: z.string(),
  questionnaire: z.object({
    title: localised,
    introduction: localised.nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(QUESTION_KINDS),
        label: localised,
        help: localised.nullable(),
        required: z.boolean(),
        purpose: z.enum(QUESTION_PURPOSES),
        options: z.array(z.object({ id: z.string(), label: localised })),
      }),
    ),
  }),
});

/** At most this many versions of questionnaires kept in memory (a saved version never changes). */
const MAX_CACHED_VERSIONS = 500;

type Resolved = {
  campaignId: string;
  campaign: CampaignForAnswer;
} & (
  | { kind: 'personal'; respondentId: string; answered: boolean }
  | { kind: 'shared'; linkId: string; open: boolean; answers: number }
);

/**
 * The public side of a campaign: its form, read from a personal or a shared link, and the answer. A personal
 * link's answer is first marked on the campaign's stream (no reminder after it, no second answer), then stored in
 * its own stream; an anonymous campaign's answer names nobody and keeps the day only.
 */
export const campaignAnswerRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { clock, config, reads, vault } = deps;
  const key = vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE);

  const versions = new Map<string, QuestionnaireContent>();
  const questionnaireOf = async (campaign: CampaignForAnswer) => {
    const cacheKey = `${campaign.questionnaireId}:${campaign.questionnaireVersion}`;
    const cached = versions.get(cacheKey);
    if (cached) return cached;
    const content = await reads.questionnaireVersion(
      campaign.organisationId,
      campaign.questionnaireId,
      campaign.questionnaireVersion,
    );
    if (!content) throw linkNotFound();
    if (versions.size >= MAX_CACHED_VERSIONS) versions.delete(versions.keys().next().value as string);
    versions.set(cacheKey, content);
    return content;
  };

  /** A token's campaign and link; any mismatch (bad secret, unknown id) looks like a missing link. */
  const resolve = async (token: string): Promise<Resolved> => {
    const verified = verifyCampaignLinkToken(key, token);
    if (!verified) throw linkNotFound();
    if (verified.kind === 'personal') {
      const respondent = await reads.campaignRespondent(verified.id);
      if (!respondent || respondent.removed) throw linkNotFound();
      const campaign = await reads.campaignForAnswer(respondent.campaignId);
      if (!campaign) throw linkNotFound();
      return {
        kind: 'personal',
        respondentId: verified.id,
        answered: respondent.answered,
        campaignId: respondent.campaignId,
        campaign,
      };
    }
    const link = await reads.campaignSharedLink(verified.id);
    if (!link) throw linkNotFound();
    const campaign = await reads.campaignForAnswer(link.campaignId);
    if (!campaign) throw linkNotFound();
    return {
      kind: 'shared',
      linkId: verified.id,
      open: link.open,
      answers: link.answers,
      campaignId: link.campaignId,
      campaign,
    };
  };

  /** The organisation behind a link; before its profile reaches the read model, the default notice. */
  const organisationOf = async (organisationId: string): Promise<OrganisationPublicProfile> =>
    (await reads.organisationPublicProfile(organisationId)) ?? {
      name: '',
      legalName: null,
      logoUrl: null,
      contactEmail: null,
      privacyNotice: { ...defaultPrivacyNotice('', null), isDefault: true },
    };

  /** A refusal names the organisation (and its profile), so the page still says whose survey it is. */
  const naming = async <T>(
    organisation: OrganisationPublicProfile | (() => Promise<OrganisationPublicProfile>),
    run: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (!isAppError(error) || error.status !== 409) throw error;
      const profile = typeof organisation === 'function' ? await organisation() : organisation;
      throw new AppError(error.status, error.code, error.message, {
        ...error.details,
        organisation: profile,
        organisationName: profile.name,
      });
    }
  };

  /** Refusals a respondent may meet, each naming the organisation so they know whom to ask. */
  const assertAnswerable = (resolved: Resolved) => {
    assertCampaignTakesAnswers(
      { status: resolved.campaign.status, closesAt: startOfNextParisDay(resolved.campaign.closesOn) },
      clock.now(),
    );
    if (resolved.kind === 'shared' && !resolved.open) {
      throw conflict('shared_link_closed', 'This link is closed: it takes no more answers');
    }
  };

  // A class answers from one address: each link has its own allowance and each address a larger one, so a room
  // behind one NAT gets through while one address cannot hammer many links.
  const linkSelector = (request: FastifyRequest) =>
    String((request.params as { token?: unknown }).token ?? '').split('.')[1] ?? '';
  const publicLimits = {
    config: { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    preHandler: limitByKey(
      createKeyLimiter({ max: config.PUBLIC_LINK_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      linkSelector,
    ),
  };
  const tokenParams = z.object({ token: z.string().max(120) });

  api.get(
    '/api/public/answers/:token',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary: 'A survey as its respondent sees it, from a personal or a shared link (no account needed)',
        params: tokenParams,
        response: { 200: formBody, 404: errorBody, 409: errorBody, 429: errorBody },
      },
    },
    async (request) => {
      const resolved = await resolve(request.params.token);
      const organisation = await organisationOf(resolved.campaign.organisationId);
      await naming(organisation, async () => {
        assertAnswerable(resolved);
        if (resolved.kind === 'personal' && resolved.answered) {
          throw conflict('already_answered', 'You have already answered this survey: thank you!');
        }
      });
      const questionnaire = await questionnaireOf(resolved.campaign);
      return {
        organisation,
        link: resolved.kind,
        anonymous: resolved.campaign.anonymous,
        audience: resolved.campaign.audience,
        targetLabel: resolved.campaign.targetLabel,
        closesOn: resolved.campaign.closesOn,
        questionnaire: {
          title: questionnaire.title,
          introduction: questionnaire.introduction,
          questions: questionnaire.questions,
        },
      };
    },
  );

  api.post(
    '/api/public/answers/:token',
    {
      ...publicLimits,
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['public'],
        summary: 'Answer a survey (safe to retry with the same submissionId)',
        params: tokenParams,
        body: z.object({
          submissionId: z.string().uuid(),
          answers: z
            .record(z.string().max(64), z.unknown())
            .refine((answers) => Object.keys(answers).length <= 100, 'At most 100 answers'),
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
      const resolved = await resolve(request.params.token);
      const { campaign } = resolved;
      const now = clock.now();
      await naming(
        () => organisationOf(campaign.organisationId),
        () => store({ id: request.id, body: request.body }, resolved, now),
      );
      return reply.code(201).send({ received: true });
    },
  );

  /** Marks a personal link's respondent as answered, then stores the answer in its own stream. */
  const store = async (
    request: { id: string; body: { submissionId: string; answers: Record<string, unknown> } },
    resolved: Resolved,
    now: Date,
  ) => {
    const { campaign, campaignId } = resolved;
    assertAnswerable(resolved);
    const questionnaire = await questionnaireOf(campaign);
    // Everything the respondent sent is checked before anything is written.
    const checked = checkAnswers(questionnaire.questions, request.body.answers);
    const site = campaign.sessionId
      ? ((await reads.sessionContext(campaign.organisationId, campaign.sessionId))?.site ?? null)
      : null;
    const { submissionId } = request.body;
    // Anonymous: no correlation id ties the answer to the request that marked its respondent, and the answer's
    // time is its Paris day's midnight.
    const today = parisDate(now);
    const answerClock: Clock = campaign.anonymous ? { now: () => startOfParisDay(today) } : clock;
    const context: CommandContext = {
      store: deps.store,
      clock,
      organisationId: campaign.organisationId,
      actor: { type: 'public' },
      correlationId: campaign.anonymous ? undefined : request.id,
    };
    if (resolved.kind === 'personal') {
      await runCommand(context, campaignDecider, campaignStream(campaignId), {
        type: 'RecordAnswer',
        respondentId: resolved.respondentId,
        retryTag: hashToken(`${campaignId}:${submissionId}`),
      });
    }
    const answerId = derivedId(campaignId, 'answer', submissionId);
    const answer: CampaignAnswerSubmitted['data'] = {
      answerId,
      campaignId,
      questionnaireId: campaign.questionnaireId,
      questionnaireVersion: campaign.questionnaireVersion,
      audience: campaign.audience,
      sessionId: campaign.sessionId,
      trainingActionId: campaign.trainingActionId,
      site,
      targetLabel: campaign.targetLabel,
      respondentId: resolved.kind === 'personal' && !campaign.anonymous ? resolved.respondentId : null,
      channel: resolved.kind,
      sharedLinkId: resolved.kind === 'shared' ? resolved.linkId : null,
      answeredOn: today,
      ...checked,
    };
    await runCommand(
      { ...context, clock: answerClock },
      campaignAnswerDecider,
      campaignAnswerStream(answerId),
      {
        type: 'SubmitCampaignAnswer',
        campaign: { status: campaign.status, closesAt: startOfNextParisDay(campaign.closesOn) },
        now,
        answer,
        sharedLinkAnswers: resolved.kind === 'shared' ? resolved.answers : 0,
        sharedLinkMaxAnswers: config.SHARED_LINK_MAX_ANSWERS,
      },
      // An answer's stream is new unless this is a retry: skip reading it first.
      { usuallyNew: true },
    );
  };
};
