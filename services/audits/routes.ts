import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { nonConformitiesOf } from '../../projections/audits/queries';
import { findOrganisationProfile } from '../../projections/organisations/queries';
import type { EventStore } from '../eventstore/types';
import { requirePermission, type Viewer } from '../kernel/auth';
import { type CommandContext, type Decider, runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, text } from '../kernel/validation';
import { findIndicator, referentialVersionForDate } from '../referential';
import type { SliceDeps } from '../slice';
import { certificationCycle, NC_GRADES, withinSurveillanceWindow } from './cycle';
import { type AuditCommand, auditDecider } from './decider';
import {
  AUDIT_CANCEL_REASONS,
  AUDIT_KINDS,
  auditStream,
  nonConformityActionStream,
  nonConformityStream,
} from './events';
import { type NonConformityCommand, nonConformityActionDecider, nonConformityDecider } from './nc-decider';
import { auditReportRoutes } from './report-routes';

const auditParams = z.object({ auditId: z.string().uuid() });
const ncParams = z.object({ nonConformityId: z.string().uuid() });
const span = z.object({ plannedFrom: isoDate, plannedTo: isoDate });
const planResult = commandResult.extend({ outsideSurveillanceWindow: z.boolean() });
const changeResult = commandResult.extend({ changed: z.boolean() });

/** A stream's state as this organisation sees it: another organisation's stream reads as one that does not exist. */
const fold = async <State, Event extends { type: string; data: unknown }>(
  store: EventStore,
  organisationId: string,
  decider: Decider<State, never, Event>,
  streamId: string,
): Promise<State> => {
  const history = await store.readStream(streamId);
  if (history.length === 0 || history[0]!.metadata.organisationId !== organisationId)
    return decider.initialState;
  return history.reduce(
    (state, event) => decider.evolve(state, event as unknown as Event),
    decider.initialState,
  );
};

export const auditsRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  await app.register(auditReportRoutes(deps));
  const today = () => parisDate(deps.clock.now());

  /** Whether a surveillance audit over these days falls outside the certificate's window (false without one). */
  const outsideWindow = async (organisationId: string, kind: string, from: string, to: string) => {
    if (kind !== 'surveillance') return false;
    const issuedOn = (await findOrganisationProfile(deps.db, organisationId))?.certificate_issued_on;
    return issuedOn ? !withinSurveillanceWindow(certificationCycle(issuedOn), from, to) : false;
  };

  const auditCommand = async (request: FastifyRequest, auditId: string, command: AuditCommand) => {
    const viewer = requirePermission(request.viewer, 'audit:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      auditDecider,
      auditStream(auditId),
      command,
    );
    return { viewer, result };
  };
  const changed = (id: string, result: { revision: number; position: number; events: unknown[] }) => ({
    id,
    revision: result.revision,
    position: result.position,
    changed: result.events.length > 0,
  });

  api.post(
    '/api/audits',
    {
      schema: {
        tags: ['audits'],
        summary: 'Plan an audit (a surveillance audit outside months 14–22 is accepted, with a warning)',
        body: span.extend({ kind: z.enum(AUDIT_KINDS), certifierName: text(200) }),
        response: { 201: planResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const context = commandContext(request, viewer, deps);
      const auditId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'audit', context.idempotencyKey)
        : newId();
      const { kind, certifierName, plannedFrom, plannedTo } = request.body;
      const result = await runCommand(context, auditDecider, auditStream(auditId), {
        type: 'PlanAudit',
        auditId,
        kind,
        certifierName,
        plannedFrom,
        plannedTo,
      });
      const outsideSurveillanceWindow = await outsideWindow(
        viewer.organisationId,
        kind,
        plannedFrom,
        plannedTo,
      );
      reply.code(201).header('etag', `"${result.revision}"`);
      return { id: auditId, revision: result.revision, position: result.position, outsideSurveillanceWindow };
    },
  );

  api.post(
    '/api/audits/:auditId/reschedule',
    {
      schema: {
        tags: ['audits'],
        summary: 'Move a planned audit to other days',
        params: auditParams,
        body: span,
        response: { 200: planResult.extend({ changed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { viewer, result } = await auditCommand(request, request.params.auditId, {
        type: 'RescheduleAudit',
        ...request.body,
      });
      const state = await fold(
        deps.store,
        viewer.organisationId,
        auditDecider,
        auditStream(request.params.auditId),
      );
      return {
        ...changed(request.params.auditId, result),
        outsideSurveillanceWindow: await outsideWindow(
          viewer.organisationId,
          state.kind ?? '',
          request.body.plannedFrom,
          request.body.plannedTo,
        ),
      };
    },
  );

  api.post(
    '/api/audits/:auditId/cancel',
    {
      schema: {
        tags: ['audits'],
        summary: 'Cancel a planned audit',
        params: auditParams,
        body: z.object({ reason: z.enum(AUDIT_CANCEL_REASONS) }),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) => {
      const { result } = await auditCommand(request, request.params.auditId, {
        type: 'CancelAudit',
        reason: request.body.reason,
      });
      return changed(request.params.auditId, result);
    },
  );

  api.post(
    '/api/audits/:auditId/held',
    {
      schema: {
        tags: ['audits'],
        summary: 'Record that a planned audit took place; minors still open from earlier audits become major',
        params: auditParams,
        body: z.object({ heldFrom: isoDate, heldTo: isoDate }),
        response: { 200: changeResult.extend({ requalified: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const { viewer, result } = await auditCommand(request, request.params.auditId, {
        type: 'HoldAudit',
        ...request.body,
        today: today(),
      });
      const requalified = await requalifyOpenMinors(
        request,
        viewer,
        request.params.auditId,
        request.body.heldFrom,
      );
      return {
        ...changed(request.params.auditId, result),
        requalified: requalified.count,
        position: requalified.position ?? result.position,
      };
    },
  );

  /**
   * A minor still open when the next audit is held becomes major, recorded on each one's stream. The read model
   * lists the open minors once it shows every event so far; a retry (or a second call) requalifies nothing twice.
   */
  const requalifyOpenMinors = async (
    request: FastifyRequest,
    viewer: Viewer,
    auditId: string,
    heldOn: string,
  ) => {
    const context: CommandContext = {
      ...commandContext(request, viewer, deps),
      idempotencyKey: undefined,
      ifMatch: undefined,
    };
    await deps.waitForPosition((await deps.store.head()).position);
    const open = await nonConformitiesOf(deps.db, viewer.organisationId, { openOnly: true });
    let count = 0;
    let position: number | undefined;
    for (const nc of open) {
      if (nc.grade !== 'minor' || nc.audit_id === auditId || nc.notified_on >= heldOn) continue;
      const result = await runCommand(context, nonConformityDecider, nonConformityStream(nc.id), {
        type: 'Requalify',
        atAuditId: auditId,
        heldOn,
      });
      if (result.events.length > 0) {
        count++;
        position = result.position;
      }
    }
    return { count, position };
  };

  api.post(
    '/api/audits/:auditId/non-conformities',
    {
      schema: {
        tags: ['audits'],
        summary: 'Record a non-conformity the certifier notified at this audit',
        params: auditParams,
        body: z.object({
          indicator: z.number().int().min(1).max(99),
          grade: z.enum(NC_GRADES),
          finding: text(5000),
          notifiedOn: isoDate,
        }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const { auditId } = request.params;
      const audit = await fold(deps.store, viewer.organisationId, auditDecider, auditStream(auditId));
      if (!audit.auditId || !audit.kind) throw notFound('audit_not_found', 'No such audit');
      const { indicator, grade, finding, notifiedOn } = request.body;
      const referentialVersion = referentialVersionForDate(audit.heldFrom ?? notifiedOn);
      const known = findIndicator(indicator, referentialVersion);
      if (!known) {
        throw badRequest(
          'unknown_indicator',
          `Indicator ${indicator} is not in referential ${referentialVersion}`,
          {
            indicator,
            referentialVersion,
          },
        );
      }
      const context = commandContext(request, viewer, deps);
      const nonConformityId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'non-conformity', context.idempotencyKey)
        : newId();
      const command: NonConformityCommand = {
        type: 'RecordNonConformity',
        nonConformityId,
        audit: { auditId, kind: audit.kind, status: audit.status, heldFrom: audit.heldFrom },
        indicator,
        majorOnly: known.majorOnly,
        referentialVersion,
        grade,
        finding,
        notifiedOn,
        recordedBy: viewer.userId,
        today: today(),
      };
      const result = await runCommand(
        context,
        nonConformityDecider,
        nonConformityStream(nonConformityId),
        command,
      );
      return created(reply, { id: nonConformityId, revision: result.revision, position: result.position });
    },
  );

  const ncCommand = async (
    request: FastifyRequest,
    nonConformityId: string,
    command: NonConformityCommand,
  ) => {
    const viewer = requirePermission(request.viewer, 'audit:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      nonConformityDecider,
      nonConformityStream(nonConformityId),
      command,
    );
    return changed(nonConformityId, result);
  };

  api.post(
    '/api/non-conformities/:nonConformityId/action-plan',
    {
      schema: {
        tags: ['audits'],
        summary: 'Write or rewrite the action plan of an open non-conformity',
        params: ncParams,
        body: z.object({ actionPlan: text(5000) }),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    (request) =>
      ncCommand(request, request.params.nonConformityId, {
        type: 'SetActionPlan',
        actionPlan: request.body.actionPlan,
        writtenBy: request.viewer?.userId ?? '',
      }),
  );

  api.post(
    '/api/non-conformities/:nonConformityId/close',
    {
      schema: {
        tags: ['audits'],
        summary:
          'Close (lift) a non-conformity with the evidence; a major once its corrective action is effective',
        params: ncParams,
        body: z.object({ closedOn: isoDate, evidence: text(5000), effective: z.boolean() }),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    (request) =>
      ncCommand(request, request.params.nonConformityId, {
        type: 'CloseNonConformity',
        ...request.body,
        closedBy: request.viewer?.userId ?? '',
        today: today(),
      }),
  );

  api.post(
    '/api/non-conformities/:nonConformityId/action-requests',
    {
      schema: {
        tags: ['audits'],
        summary:
          'Ask for a corrective action from this non-conformity (the actions slice picks the request up)',
        params: ncParams,
        body: z.object({ title: text(300) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const { nonConformityId } = request.params;
      const nc = await fold(
        deps.store,
        viewer.organisationId,
        nonConformityDecider,
        nonConformityStream(nonConformityId),
      );
      if (!nc.nonConformityId) throw notFound('non_conformity_not_found', 'No such non-conformity');
      const context = commandContext(request, viewer, deps);
      const requestId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'non-conformity-action', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        nonConformityActionDecider,
        nonConformityActionStream(nonConformityId),
        {
          type: 'RequestCorrectiveAction',
          nonConformityId,
          requestId,
          title: request.body.title,
          requestedBy: viewer.userId,
          indicator: nc.indicator,
        },
      );
      return created(reply, { id: requestId, revision: result.revision, position: result.position });
    },
  );
};
