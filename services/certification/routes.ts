import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type CertificationCommand, certificationDecider } from './decider';
import { TURNOVER_BANDS } from './duration';
import { certificationStream, JOURNEY_STEPS, STEP_STATES } from './events';
import { JOURNEY_KINDS } from './reduced-audit';

const journeyParams = z.object({ journeyId: z.string().uuid() });
/** At most a million euros, in cents: well above any certifier's quote, below any rounding trouble. */
const cents = z.number().int().min(0).max(100_000_000);
const revisionResult = commandResult.extend({ changed: z.boolean() });

export const certificationRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  const run = async (request: FastifyRequest, command: CertificationCommand) => {
    const viewer = requirePermission(request.viewer, 'audit:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      certificationDecider,
      certificationStream(viewer.organisationId),
      command,
    );
    return {
      id: viewer.organisationId,
      revision: result.revision,
      position: result.position,
      changed: result.events.length > 0,
    };
  };
  const clientDerived = (request: FastifyRequest, kind: string, clientId: string | undefined) =>
    // The client's id makes a retry safe; the stored one is the organisation's own.
    clientId && request.viewer ? derivedId(request.viewer.organisationId, kind, clientId) : newId();

  api.post(
    '/api/certification/journeys',
    {
      schema: {
        tags: ['certification'],
        summary: 'Start a certification journey: the initial certification or its renewal',
        body: z.object({ journeyId: z.string().uuid().optional(), kind: z.enum(JOURNEY_KINDS) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const journeyId = clientDerived(request, 'certification-journey', request.body.journeyId);
      const result = await run(request, {
        type: 'StartJourney',
        journeyId,
        kind: request.body.kind,
        today: today(),
      });
      return created(reply, { id: journeyId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/certification/journeys/:journeyId/steps',
    {
      schema: {
        tags: ['certification'],
        summary: 'Mark a step of the journey done (with its day), skipped (optional steps) or to do',
        params: journeyParams,
        body: z.object({
          step: z.enum(JOURNEY_STEPS),
          state: z.enum(STEP_STATES),
          on: isoDate.nullish().transform((value) => value ?? null),
        }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, {
        type: 'MarkStep',
        journeyId: request.params.journeyId,
        ...request.body,
        today: today(),
      }),
  );

  api.post(
    '/api/certification/journeys/:journeyId/certifier',
    {
      schema: {
        tags: ['certification'],
        summary: 'Choose the certifier of the journey',
        params: journeyParams,
        body: z.object({ name: text(200), accreditationRef: optionalText(100) }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, {
        type: 'ChooseCertifier',
        journeyId: request.params.journeyId,
        ...request.body,
        today: today(),
      }),
  );

  api.post(
    '/api/certification/journeys/:journeyId/quotes',
    {
      schema: {
        tags: ['certification'],
        summary: 'Record a certifier’s quote: initial audit and yearly follow-up, in euro cents before tax',
        params: journeyParams,
        body: z.object({
          quoteId: z.string().uuid().optional(),
          certifier: text(200),
          initialAuditCents: cents,
          yearlyFollowUpCents: cents,
          receivedOn: isoDate,
        }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { quoteId: clientId, ...quote } = request.body;
      const quoteId = clientDerived(request, 'certifier-quote', clientId);
      const result = await run(request, {
        type: 'RecordQuote',
        journeyId: request.params.journeyId,
        quoteId,
        ...quote,
        today: today(),
      });
      return created(reply, { id: quoteId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/certification/journeys/:journeyId/reduced-audit',
    {
      schema: {
        tags: ['certification'],
        summary: 'Choose the reduced audit (when eligible), or drop it',
        params: journeyParams,
        body: z.object({ reduced: z.boolean() }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, {
        type: 'ChooseReducedAudit',
        journeyId: request.params.journeyId,
        reduced: request.body.reduced,
      }),
  );

  api.post(
    '/api/certification/turnover-band',
    {
      schema: {
        tags: ['certification'],
        summary: 'Set the organisation’s training turnover band (it sets the audit duration)',
        body: z.object({ band: z.enum(TURNOVER_BANDS) }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => run(request, { type: 'SetTurnoverBand', band: request.body.band }),
  );

  api.post(
    '/api/certification/quality-label',
    {
      schema: {
        tags: ['certification'],
        summary: 'Declare the quality certification or label the organisation holds, or none',
        body: z.object({
          label: z.object({ name: text(200), heldSince: isoDate }).nullable(),
        }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, { type: 'DeclareQualityLabel', label: request.body.label, today: today() }),
  );
};
