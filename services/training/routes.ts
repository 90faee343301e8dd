import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '../eventstore/types';
import { requirePermission } from '../kernel/auth';
import type { Clock } from '../kernel/clock';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { isoDate } from '../kernel/validation';
import { trainingActionDecider } from './decider';
import { ACTION_CATEGORIES, type ActionCategory, trainingActionStream } from './events';

export interface TrainingDeps {
  store: EventStore;
  clock: Clock;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const trainingRoutes = (deps: TrainingDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/training-actions',
    {
      schema: {
        tags: ['training'],
        summary: 'Create a training action',
        body: z.object({
          title: text(200),
          category: z.enum(ACTION_CATEGORIES as [ActionCategory, ...ActionCategory[]]),
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
