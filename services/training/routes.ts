import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { isoDate, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { trainingActionDecider } from './decider';
import { ACTION_CATEGORIES, trainingActionStream } from './events';

export const trainingRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/training-actions',
    {
      schema: {
        tags: ['training'],
        summary: 'Create a training action',
        body: z.object({
          title: text(200),
          category: z.enum(ACTION_CATEGORIES),
          certifying: z.boolean().default(false),
        }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'training:manage');
      const context = commandContext(request, viewer, deps);
      const trainingActionId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'training-action', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        trainingActionDecider,
        trainingActionStream(trainingActionId),
        {
          type: 'CreateTrainingAction',
          trainingActionId,
          ...request.body,
        },
      );
      return created(reply, { id: trainingActionId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/training-actions/:trainingActionId/sessions',
    {
      schema: {
        tags: ['training'],
        summary: 'Schedule a session of a training action',
        params: z.object({ trainingActionId: z.string().uuid() }),
        body: z.object({ title: text(200), startsOn: isoDate, endsOn: isoDate, site: text(200) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'training:manage');
      const context = commandContext(request, viewer, deps);
      const { trainingActionId } = request.params;
      const sessionId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'session', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        trainingActionDecider,
        trainingActionStream(trainingActionId),
        {
          type: 'ScheduleSession',
          sessionId,
          ...request.body,
        },
      );
      return created(reply, { id: sessionId, revision: result.revision, position: result.position });
    },
  );
};
