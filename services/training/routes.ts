import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type TrainingCommand, trainingActionDecider } from './decider';
import { ACTION_CATEGORIES, trainingActionStream } from './events';

/** Why a change was made. Required where the change matters to an audit (dates, site, category, cancel). */
const reason = text(1000);
const optionalReason = optionalText(1000);

const actionParams = z.object({ trainingActionId: z.string().uuid() });
const sessionParams = z.object({ trainingActionId: z.string().uuid(), sessionId: z.string().uuid() });

/** A correction answers the action stream's revision; `changed` is false when it changed nothing. */
const correctionResult = commandResult.extend({ changed: z.boolean() });

export const trainingRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  /** Runs a correction on a training action's stream, as the signed-in manager. */
  const correct = async (
    request: FastifyRequest,
    trainingActionId: string,
    id: string,
    command: TrainingCommand,
  ) => {
    const viewer = requirePermission(request.viewer, 'training:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      trainingActionDecider,
      trainingActionStream(trainingActionId),
      command,
    );
    return { id, revision: result.revision, position: result.position, changed: result.events.length > 0 };
  };

  const correction = (summary: string) => ({
    tags: ['training'],
    summary: `${summary} (If-Match: the action's revision; a change that changes nothing appends nothing)`,
    response: { 200: correctionResult, ...errorResponses },
  });

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
    '/api/training-actions/:trainingActionId/rename',
    {
      schema: {
        ...correction('Rename a training action'),
        params: actionParams,
        body: z.object({ title: text(200), reason: optionalReason }),
      },
    },
    async (request) => {
      const { trainingActionId } = request.params;
      return correct(request, trainingActionId, trainingActionId, {
        type: 'RenameTrainingAction',
        ...request.body,
      });
    },
  );

  api.post(
    '/api/training-actions/:trainingActionId/category',
    {
      schema: {
        ...correction('Change the category of a training action and whether it is certifying'),
        params: actionParams,
        body: z.object({ category: z.enum(ACTION_CATEGORIES), certifying: z.boolean(), reason }),
      },
    },
    async (request) => {
      const { trainingActionId } = request.params;
      return correct(request, trainingActionId, trainingActionId, {
        type: 'RecategoriseTrainingAction',
        ...request.body,
      });
    },
  );

  for (const [verb, type] of [
    ['archive', 'ArchiveTrainingAction'],
    ['unarchive', 'UnarchiveTrainingAction'],
  ] as const) {
    api.post(
      `/api/training-actions/:trainingActionId/${verb}`,
      {
        schema: {
          ...correction(
            verb === 'archive'
              ? 'Archive a training action: it leaves the lists, its evidence stays'
              : 'Bring an archived training action back to the lists',
          ),
          params: actionParams,
          body: z.object({ reason: optionalReason }).default({ reason: null }),
        },
      },
      async (request) => {
        const { trainingActionId } = request.params;
        return correct(request, trainingActionId, trainingActionId, { type, ...request.body });
      },
    );
  }

  api.post(
    '/api/training-actions/:trainingActionId/sessions',
    {
      schema: {
        tags: ['training'],
        summary: 'Schedule a session of a training action',
        params: actionParams,
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

  const session = '/api/training-actions/:trainingActionId/sessions/:sessionId';

  api.post(
    `${session}/rename`,
    {
      schema: {
        ...correction('Rename a session'),
        params: sessionParams,
        body: z.object({ title: text(200), reason: optionalReason }),
      },
    },
    async (request) => {
      const { trainingActionId, sessionId } = request.params;
      return correct(request, trainingActionId, sessionId, {
        type: 'RenameSession',
        sessionId,
        ...request.body,
      });
    },
  );

  api.post(
    `${session}/reschedule`,
    {
      schema: {
        ...correction('Change the dates of a session (the end on or after the start)'),
        params: sessionParams,
        body: z.object({ startsOn: isoDate, endsOn: isoDate, reason }),
      },
    },
    async (request) => {
      const { trainingActionId, sessionId } = request.params;
      return correct(request, trainingActionId, sessionId, {
        type: 'RescheduleSession',
        sessionId,
        ...request.body,
      });
    },
  );

  api.post(
    `${session}/move`,
    {
      schema: {
        ...correction('Change where a session takes place'),
        params: sessionParams,
        body: z.object({ site: text(200), reason }),
      },
    },
    async (request) => {
      const { trainingActionId, sessionId } = request.params;
      return correct(request, trainingActionId, sessionId, {
        type: 'MoveSession',
        sessionId,
        ...request.body,
      });
    },
  );

  api.post(
    `${session}/cancel`,
    {
      schema: {
        ...correction('Cancel a session: its feedback links stop taking answers'),
        params: sessionParams,
        body: z.object({ reason }),
      },
    },
    async (request) => {
      const { trainingActionId, sessionId } = request.params;
      return correct(request, trainingActionId, sessionId, {
        type: 'CancelSession',
        sessionId,
        ...request.body,
      });
    },
  );

  for (const [verb, type] of [
    ['archive', 'ArchiveSession'],
    ['unarchive', 'UnarchiveSession'],
  ] as const) {
    api.post(
      `${session}/${verb}`,
      {
        schema: {
          ...correction(
            verb === 'archive'
              ? 'Archive a session: it leaves the lists, its evidence stays'
              : 'Bring an archived session back to the lists',
          ),
          params: sessionParams,
          body: z.object({ reason: optionalReason }).default({ reason: null }),
        },
      },
      async (request) => {
        const { trainingActionId, sessionId } = request.params;
        return correct(request, trainingActionId, sessionId, { type, sessionId, ...request.body });
      },
    );
  }
};
