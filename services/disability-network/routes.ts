import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { disabilityNetworkDecider } from './decider';
import { DISABILITY_PARTNER_KINDS, disabilityNetworkStream } from './events';

const partnerSchema = z.object({
  kind: z.enum(DISABILITY_PARTNER_KINDS),
  name: text(200),
  contacts: z
    .array(
      z.object({
        name: text(150),
        role: optionalText(150),
        email: z
          .string()
          .trim()
          .email()
          .max(254)
          .nullish()
          .transform((value) => value ?? null),
        phone: optionalText(40),
      }),
    )
    .max(20)
    .default([]),
});
const partnerParams = z.object({ partnerId: z.string().uuid() });
const revisionResult = commandResult.extend({ changed: z.boolean() });

export const disabilityNetworkRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  const run = async (
    request: Parameters<typeof commandContext>[0],
    command: Parameters<typeof disabilityNetworkDecider.decide>[0],
  ) => {
    const viewer = requirePermission(request.viewer, 'watch:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      disabilityNetworkDecider,
      disabilityNetworkStream(viewer.organisationId),
      command,
    );
    return { viewer, result };
  };

  api.post(
    '/api/disability-network/partners',
    {
      schema: {
        tags: ['disability-network'],
        summary:
          'List a partner of the disability network (Cap emploi, MDPH, Agefiph, FIPHFP, other) and its contacts',
        body: partnerSchema,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const partnerId =
        typeof key === 'string' && request.viewer
          ? derivedId(request.viewer.organisationId, 'disability-partner', key)
          : newId();
      const { result } = await run(request, { type: 'ListPartner', partner: { partnerId, ...request.body } });
      return created(reply, { id: partnerId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/disability-network/partners/:partnerId',
    {
      schema: {
        tags: ['disability-network'],
        summary: 'Update a partner and its contacts',
        params: partnerParams,
        body: partnerSchema,
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const { partnerId } = request.params;
      const { viewer, result } = await run(request, {
        type: 'UpdatePartner',
        partner: { partnerId, ...request.body },
      });
      return {
        id: viewer.organisationId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/disability-network/partners/:partnerId/remove',
    {
      schema: {
        tags: ['disability-network'],
        summary: 'Remove a partner from the network (its meetings stay on record)',
        params: partnerParams,
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const { viewer, result } = await run(request, {
        type: 'RemovePartner',
        partnerId: request.params.partnerId,
      });
      return {
        id: viewer.organisationId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/disability-network/referent',
    {
      schema: {
        tags: ['disability-network'],
        summary: 'Set the disability referent (a member, or a person by name) and their trainings',
        body: z.object({
          memberId: z
            .string()
            .uuid()
            .nullish()
            .transform((value) => value ?? null),
          name: optionalText(150),
          trainings: z
            .array(z.object({ title: text(200), on: isoDate, provider: text(200) }))
            .max(50)
            .default([]),
        }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const { memberId } = request.body;
      if (memberId && request.viewer) {
        const members = await deps.reads.activeStaffAmong(request.viewer.organisationId, [memberId]);
        if (members.length === 0)
          throw badRequest(
            'referent_member_unknown',
            'Name an active member of the organisation (not an auditor)',
          );
      }
      const { viewer, result } = await run(request, {
        type: 'SetReferent',
        referentId: newId(),
        ...request.body,
        today: today(),
      });
      return {
        id: viewer.organisationId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.post(
    '/api/disability-network/meetings',
    {
      schema: {
        tags: ['disability-network'],
        summary: 'Record a meeting held with a partner of the network',
        body: z.object({
          meetingId: z.string().uuid().optional(),
          partnerId: z.string().uuid(),
          on: isoDate,
          subject: text(300),
          outcome: text(3000),
        }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The client's id makes a retry safe; the stored one is the organisation's own, so no other
      // organisation can name a meeting it cannot see.
      const meetingId =
        request.body.meetingId && request.viewer
          ? derivedId(request.viewer.organisationId, 'disability-meeting', request.body.meetingId)
          : newId();
      const { result } = await run(request, {
        type: 'RecordMeeting',
        ...request.body,
        meetingId,
        today: today(),
      });
      return created(reply, { id: meetingId, revision: result.revision, position: result.position });
    },
  );
};
