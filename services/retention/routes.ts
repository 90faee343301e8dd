import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import { commandContext, errorResponses, typed } from '../kernel/http';
import type { SliceDeps } from '../slice';
import { retentionDecider } from './decider';
import { RETENTION_CATEGORIES, type RetentionCategory, retentionStream } from './events';

/** Any subset of the categories, each a number of months (the decider checks the bounds, with its own code). */
const periods = z
  .object(
    Object.fromEntries(RETENTION_CATEGORIES.map((category) => [category, z.number().optional()])) as Record<
      RetentionCategory,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();

export const retentionRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/retention/periods',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Set how long personal data of some categories is kept, in months (If-Match: the settings revision)',
        body: z.object({ periods }),
        response: {
          200: z.object({ revision: z.number().int(), position: z.number().int(), changed: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'organisation:manage');
      const context = commandContext(request, viewer, deps);
      // Two admins editing at once: the second gets a 409 with the current revision, never a silent overwrite.
      if (context.ifMatch === undefined) {
        throw badRequest('if_match_required', 'Send If-Match with the settings revision you last read');
      }
      const result = await runCommand(context, retentionDecider, retentionStream(viewer.organisationId), {
        type: 'SetRetentionPeriods',
        periods: request.body.periods,
      });
      return { revision: result.revision, position: result.position, changed: result.events.length > 0 };
    },
  );
};
