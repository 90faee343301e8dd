import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actionIdOfRequest } from '../actions/requests';
import { binderReferential } from '../binder/source';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { findingActionDecider, type MockAuditCommand, mockAuditDecider } from './decider';
import { FINDING_GRADES, mockAuditFindingActionStream, mockAuditStream } from './events';

const auditParams = z.object({ mockAuditId: z.string().uuid() });
const findingParams = auditParams.extend({ findingId: z.string().uuid() });
const indicator = z.number().int().min(1).max(99);
const changeResult = commandResult.extend({ changed: z.boolean() });
const actionResult = commandResult.extend({ findingId: z.string().uuid() });

/** The longest action title the actions slice takes. */
const ACTION_TITLE_MAX = 300;

/** The default title of the action a finding starts: the mock audit, the indicator and what was found. */
export const findingActionTitle = (indicatorNumber: number, finding: string) => {
  const title = `Audit à blanc, indicateur ${indicatorNumber} : ${finding.replace(/\s+/g, ' ').trim()}`;
  return title.length <= ACTION_TITLE_MAX ? title : `${title.slice(0, ACTION_TITLE_MAX - 1)}…`;
};

export const mockAuditRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  const command = async (request: FastifyRequest, mockAuditId: string, decided: MockAuditCommand) => {
    const viewer = requirePermission(request.viewer, 'audit:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      mockAuditDecider,
      mockAuditStream(mockAuditId),
      decided,
    );
    return {
      id: mockAuditId,
      revision: result.revision,
      position: result.position,
      changed: result.events.length > 0,
    };
  };

  api.post(
    '/api/mock-audits',
    {
      schema: {
        tags: ['mock-audits'],
        summary:
          'Start a mock audit (pre-audit) on the indicators that apply to the organisation, or on some of them',
        body: z
          .object({ indicators: z.array(indicator).min(1).max(99).optional() })
          .strict()
          .default({}),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const context = commandContext(request, viewer, deps);
      const startedOn = today();
      const { referential, applicable } = await binderReferential(deps.db, viewer.organisationId, startedOn);
      const asked = request.body.indicators ?? applicable;
      const outside = asked.filter((number) => !applicable.includes(number));
      if (outside.length > 0) {
        throw badRequest(
          'indicator_not_applicable',
          `Indicators ${outside.join(', ')} do not apply to this organisation`,
          { indicators: outside, applicable },
        );
      }
      // The auditor's order: criterion by criterion (1 to 7), each one's indicators in their order.
      const indicators = referential.criteria.flatMap((criterion) =>
        criterion.indicators.map((one) => one.number).filter((number) => asked.includes(number)),
      );
      const mockAuditId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'mock-audit', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, mockAuditDecider, mockAuditStream(mockAuditId), {
        type: 'StartMockAudit',
        mockAuditId,
        startedOn,
        referentialVersion: referential.version,
        indicators,
        startedBy: viewer.userId,
      });
      return created(reply, { id: mockAuditId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/mock-audits/:mockAuditId/checkpoints',
    {
      schema: {
        tags: ['mock-audits'],
        summary: 'Tick or untick one checkpoint of an indicator in scope',
        params: auditParams,
        body: z.object({ indicator, checkpoint: z.string().min(1).max(100), ticked: z.boolean() }).strict(),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) => {
      const { indicator: number, checkpoint, ticked } = request.body;
      return command(request, request.params.mockAuditId, {
        type: ticked ? 'TickCheckpoint' : 'UntickCheckpoint',
        indicator: number,
        checkpoint,
        by: request.viewer?.userId ?? '',
      });
    },
  );

  api.post(
    '/api/mock-audits/:mockAuditId/findings',
    {
      schema: {
        tags: ['mock-audits'],
        summary:
          'Record a finding on an indicator in scope: major, minor (refused on a major-only indicator) or observation',
        params: auditParams,
        body: z.object({ indicator, grade: z.enum(FINDING_GRADES), text: text(2000) }).strict(),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const context = commandContext(request, viewer, deps);
      const findingId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'mock-audit-finding', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        mockAuditDecider,
        mockAuditStream(request.params.mockAuditId),
        {
          type: 'RecordFinding',
          findingId,
          ...request.body,
          recordedBy: viewer.userId,
        },
      );
      return created(reply, { id: findingId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/mock-audits/:mockAuditId/findings/:findingId/withdraw',
    {
      schema: {
        tags: ['mock-audits'],
        summary: 'Withdraw a finding recorded by mistake (it stays in the history)',
        params: findingParams,
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) =>
      command(request, request.params.mockAuditId, {
        type: 'WithdrawFinding',
        findingId: request.params.findingId,
        withdrawnBy: request.viewer?.userId ?? '',
      }),
  );

  api.post(
    '/api/mock-audits/:mockAuditId/complete',
    {
      schema: {
        tags: ['mock-audits'],
        summary: 'Complete the mock audit: its findings are counted, nothing more is recorded on it',
        params: auditParams,
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) =>
      command(request, request.params.mockAuditId, {
        type: 'CompleteMockAudit',
        completedOn: today(),
        completedBy: request.viewer?.userId ?? '',
      }),
  );

  api.post(
    '/api/mock-audits/:mockAuditId/findings/:findingId/action',
    {
      schema: {
        tags: ['mock-audits'],
        summary:
          'Turn a finding into an improvement action in one step: 201 with the action id, 200 with the same id when asked again',
        params: findingParams,
        body: z
          .object({ title: optionalText(ACTION_TITLE_MAX) })
          .strict()
          .default({ title: null }),
        response: { 200: actionResult, 201: actionResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:manage');
      const { mockAuditId, findingId } = request.params;
      const history = await deps.store.readStream(mockAuditStream(mockAuditId));
      if (history.length === 0 || history[0]!.metadata.organisationId !== viewer.organisationId) {
        throw notFound('mock_audit_not_found', 'No such mock audit');
      }
      let recorded: { indicator: number; text: string } | undefined;
      let withdrawn = false;
      for (const event of history) {
        const data = event.data as { findingId?: string; indicator: number; text: string };
        if (data.findingId !== findingId) continue;
        if (event.type === 'MockAuditFindingRecorded') recorded = data;
        if (event.type === 'MockAuditFindingWithdrawn') withdrawn = true;
      }
      if (!recorded) throw notFound('finding_not_found', 'No such finding in this mock audit');
      if (withdrawn) throw conflict('finding_withdrawn', 'This finding was withdrawn');
      // One request per finding: its id, and so the action's, derived from the finding.
      const requestId = derivedId(viewer.organisationId, 'mock-audit-finding-action', findingId);
      const actionId = actionIdOfRequest(viewer.organisationId, requestId);
      const result = await runCommand(
        commandContext(request, viewer, deps),
        findingActionDecider,
        mockAuditFindingActionStream(findingId),
        {
          type: 'RequestFindingAction',
          mockAuditId,
          findingId,
          indicator: recorded.indicator,
          requestId,
          actionId,
          title: request.body.title ?? findingActionTitle(recorded.indicator, recorded.text),
          requestedBy: viewer.userId,
        },
      );
      reply.code(result.events.length > 0 ? 201 : 200).header('etag', `"${result.revision}"`);
      return { id: actionId, findingId, revision: result.revision, position: result.position };
    },
  );
};
