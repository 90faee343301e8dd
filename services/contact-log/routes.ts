import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { contactLogDecider, MAX_PEOPLE } from './decider';
import {
  CONTACT_KINDS,
  type ContactContent,
  PARTNER_GROUPS,
  partnerContactStream,
  REMOVAL_REASONS,
} from './events';

const contentSchema = z.object({
  group: z.enum(PARTNER_GROUPS),
  partnerName: text(200),
  kind: z.enum(CONTACT_KINDS),
  contactOn: isoDate,
  people: z.array(z.object({ name: text(150), role: optionalText(150) })).max(MAX_PEOPLE + 1),
  said: text(5000),
  sessionId: z.string().uuid().nullish(),
  followUp: optionalText(2000),
});
type ContentInput = z.infer<typeof contentSchema>;

const params = z.object({ contactId: z.string().uuid() });
const revisionResult = commandResult.extend({ changed: z.boolean() });

export const contactLogRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  /** The content as the log records it: the session named is the organisation's, with its titles then. */
  const contentOf = async (organisationId: string, input: ContentInput): Promise<ContactContent> => {
    const { sessionId, ...rest } = input;
    if (!sessionId) return { ...rest, session: null };
    const session = await deps.reads.sessionContext(organisationId, sessionId);
    if (!session) throw notFound('session_not_found', 'No such session');
    return {
      ...rest,
      session: {
        sessionId: session.sessionId,
        trainingActionId: session.trainingActionId,
        trainingTitle: session.trainingTitle,
        sessionTitle: session.sessionTitle,
      },
    };
  };
  const today = () => parisDate(deps.clock.now());

  api.post(
    '/api/partner-contacts',
    {
      schema: {
        tags: ['contact-log'],
        summary: 'Log a contact with a funder or a company: who was met, how, when, and what they said',
        body: contentSchema,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'contact:log');
      const context = commandContext(request, viewer, deps);
      const contactId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'partner-contact', context.idempotencyKey)
        : newId();
      const content = await contentOf(viewer.organisationId, request.body);
      const result = await runCommand(context, contactLogDecider, partnerContactStream(contactId), {
        type: 'LogContact',
        contactId,
        content,
        today: today(),
      });
      return created(reply, { id: contactId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/partner-contacts/:contactId/corrections',
    {
      schema: {
        tags: ['contact-log'],
        summary: 'Correct a logged contact: a new revision (If-Match required: the revision it corrects)',
        params,
        body: contentSchema,
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'contact:manage');
      const context = commandContext(request, viewer, deps);
      if (context.ifMatch === undefined) {
        throw badRequest('if_match_required', 'Send If-Match with the contact revision you last read');
      }
      const { contactId } = request.params;
      const content = await contentOf(viewer.organisationId, request.body);
      const result = await runCommand(context, contactLogDecider, partnerContactStream(contactId), {
        type: 'CorrectContact',
        content,
        today: today(),
      });
      return {
        id: contactId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/partner-contacts/:contactId/remove',
    {
      schema: {
        tags: ['contact-log'],
        summary: 'Remove a logged contact, with a reason (its history is kept)',
        params,
        body: z.object({ reason: z.enum(REMOVAL_REASONS), note: optionalText(1000) }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'contact:manage');
      const { contactId } = request.params;
      const result = await runCommand(
        commandContext(request, viewer, deps),
        contactLogDecider,
        partnerContactStream(contactId),
        { type: 'RemoveContact', reason: request.body.reason, note: request.body.note },
      );
      return {
        id: contactId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );
};
