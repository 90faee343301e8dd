import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { notFound } from '../kernel/errors';
import { commandContext, errorResponses, typed } from '../kernel/http';
import type { SliceDeps } from '../slice';
import { SUBJECT_KINDS } from './declarations';
import { eraseSubject } from './erase';
import { ERASURE_REASONS } from './events';

const subjectIdSchema = z
  .string()
  .regex(
    new RegExp(`^(${SUBJECT_KINDS.join('|')}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
  );

export const privacyRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/privacy/subjects/:subjectId/erase',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Erase a data subject’s personal data (deletes their key; the events stay, their fields read as erased)',
        params: z.object({ subjectId: subjectIdSchema }),
        body: z.object({ reason: z.enum(ERASURE_REASONS) }),
        response: {
          200: z.object({ subjectId: z.string(), revision: z.number().int(), position: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'privacy:erase');
      const { subjectId } = request.params;
      // Another organisation's subject answers exactly like an unknown one.
      if ((await deps.vault.organisationOf(subjectId)) !== viewer.organisationId) {
        throw notFound('subject_not_found', 'No personal data is recorded for this subject');
      }
      const result = await eraseSubject(deps, commandContext(request, viewer, deps), {
        subjectId,
        reason: request.body.reason,
        erasedBy: viewer.userId,
      });
      return { subjectId, revision: result.revision, position: result.position };
    },
  );
};
