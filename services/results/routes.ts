import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { answerReviewDecider, thresholdDecider } from './decider';
import { answerReviewStream, FOLLOW_UP_KINDS, resultsSettingsStream } from './events';

const answerParams = z.object({ answerId: z.string().uuid() });
const changedResult = commandResult.extend({ changed: z.boolean() });

export const resultsRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/results/threshold',
    {
      schema: {
        tags: ['results'],
        summary:
          'Set the low-score threshold: satisfaction ratings and NPS at or under it are flagged to review (If-Match: its revision)',
        body: z.object({ ratingAtMost: z.number().int(), npsAtMost: z.number().int() }).strict(),
        response: { 200: changedResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const result = await runCommand(
        commandContext(request, viewer, deps),
        thresholdDecider,
        resultsSettingsStream(viewer.organisationId),
        { type: 'SetLowScoreThreshold', threshold: request.body },
      );
      return {
        id: viewer.organisationId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/results/answers/:answerId/review',
    {
      schema: {
        tags: ['results'],
        summary: 'Mark an answer (its scores and comments) as reviewed; marking it again changes nothing',
        params: answerParams,
        response: { 200: changedResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const { answerId } = request.params;
      const result = await runCommand(
        commandContext(request, viewer, deps),
        answerReviewDecider,
        answerReviewStream(answerId),
        {
          type: 'MarkAnswerReviewed',
          answerId,
          answerExists: await deps.reads.answerExists(viewer.organisationId, answerId),
          reviewedBy: viewer.userId,
        },
      );
      return {
        id: answerId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/results/answers/:answerId/follow-ups',
    {
      schema: {
        tags: ['results'],
        summary:
          'Start an improvement action or declare an incident from an answer: the request is recorded for the actions and incidents registers',
        params: answerParams,
        body: z.object({ kind: z.enum(FOLLOW_UP_KINDS), title: text(200) }).strict(),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const context = commandContext(request, viewer, deps);
      const { answerId } = request.params;
      const followUpId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'follow-up', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, answerReviewDecider, answerReviewStream(answerId), {
        type: 'RequestFollowUp',
        answerId,
        answerExists: await deps.reads.answerExists(viewer.organisationId, answerId),
        followUpId,
        kind: request.body.kind,
        title: request.body.title,
        requestedBy: viewer.userId,
      });
      const followUp = result.events.find((event) => event.type === 'AnswerFollowUpRequested');
      return created(reply, {
        id: followUp?.type === 'AnswerFollowUpRequested' ? followUp.data.followUpId : followUpId,
        revision: result.revision,
        position: result.position,
      });
    },
  );
};
