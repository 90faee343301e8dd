import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { incidentDecider } from '../complaints/incident-decider';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  INCIDENT_SEVERITIES,
  type IncidentSession,
  incidentStream,
} from '../complaints/incident-events';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';

const recordSchema = z
  .object({
    kind: z.enum(INCIDENT_KINDS),
    category: z.enum(INCIDENT_CATEGORIES),
    severity: z.enum(INCIDENT_SEVERITIES),
    sessionId: z.string().uuid().nullish(),
    site: optionalText(200),
    occurredOn: isoDate,
    description: text(5000),
  })
  .strict();

const params = z.object({ incidentId: z.string().uuid() });
/** A step's date defaults to today (Paris). */
const stepDate = isoDate.nullish();

export const incidentRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  /** The session named is the organisation's, with its titles at the time of the record. */
  const sessionOf = async (organisationId: string, sessionId: string | null | undefined) => {
    if (!sessionId) return null;
    const session = await deps.reads.sessionContext(organisationId, sessionId);
    if (!session) throw notFound('session_not_found', 'No such session');
    return {
      trainingActionId: session.trainingActionId,
      trainingTitle: session.trainingTitle,
      sessionId: session.sessionId,
      sessionTitle: session.sessionTitle,
    } satisfies IncidentSession;
  };

  api.post(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Record a difficulty or a disruption: kind, category, severity, session, site, what happened',
        body: recordSchema,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'incident:record');
      const context = commandContext(request, viewer, deps);
      const incidentId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'incident', context.idempotencyKey)
        : newId();
      const { sessionId, ...rest } = request.body;
      const session = await sessionOf(viewer.organisationId, sessionId);
      const result = await runCommand(context, incidentDecider, incidentStream(incidentId), {
        type: 'RecordIncident',
        incidentId,
        report: { ...rest, session },
        today: today(),
      });
      return created(reply, { id: incidentId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/incidents/:incidentId/measures',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Record a measure taken on an open difficulty or disruption (If-Match: its revision)',
        params,
        body: z.object({ measure: text(5000), takenOn: stepDate }).strict(),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'incident:record');
      const { incidentId } = request.params;
      const now = today();
      const result = await runCommand(
        commandContext(request, viewer, deps),
        incidentDecider,
        incidentStream(incidentId),
        {
          type: 'TakeIncidentMeasure',
          measure: request.body.measure,
          on: request.body.takenOn ?? now,
          today: now,
        },
      );
      return created(reply, { id: incidentId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/incidents/:incidentId/resolve',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Resolve a difficulty or disruption, saying how (If-Match: its revision)',
        params,
        body: z.object({ resolution: text(5000), resolvedOn: stepDate }).strict(),
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'incident:manage');
      const { incidentId } = request.params;
      const now = today();
      const result = await runCommand(
        commandContext(request, viewer, deps),
        incidentDecider,
        incidentStream(incidentId),
        {
          type: 'ResolveIncident',
          resolution: request.body.resolution,
          on: request.body.resolvedOn ?? now,
          today: now,
        },
      );
      return { id: incidentId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/incidents/:incidentId/reopen',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Reopen a resolved difficulty or disruption, with the reason (If-Match: its revision)',
        params,
        body: z.object({ reason: text(2000), reopenedOn: stepDate }).strict(),
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'incident:manage');
      const { incidentId } = request.params;
      const now = today();
      const result = await runCommand(
        commandContext(request, viewer, deps),
        incidentDecider,
        incidentStream(incidentId),
        {
          type: 'ReopenIncident',
          reason: request.body.reason,
          on: request.body.reopenedOn ?? now,
          today: now,
        },
      );
      return { id: incidentId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/incidents/:incidentId/improvement-requests',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Start an improvement action from a difficulty or disruption: the request is recorded for the actions register',
        params,
        body: z.object({ title: text(200) }).strict(),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'incident:manage');
      const context = commandContext(request, viewer, deps);
      const { incidentId } = request.params;
      const followUpId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'incident-improvement', incidentId, context.idempotencyKey)
        : newId();
      const result = await runCommand(context, incidentDecider, incidentStream(incidentId), {
        type: 'RequestIncidentImprovement',
        followUpId,
        title: request.body.title,
        requestedBy: viewer.userId,
      });
      return created(reply, { id: followUpId, revision: result.revision, position: result.position });
    },
  );
};
