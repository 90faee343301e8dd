import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AccessTables } from '../access/tables';
import { nonConformityStream } from '../audits/events';
import { complainantSubject, complaintStream } from '../complaints/events';
import { incidentStream, incidentSubject } from '../complaints/incident-events';
import { requirePermission, type Viewer } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import { mockAuditFindingActionStream } from '../mock-audit/events';
import { subjectId } from '../privacy/declarations';
import type { SliceDeps } from '../slice';
import { watchNoteStream } from '../watch/events';
import { type ActionCommand, actionDecider, MAX_ORIGINS } from './decider';
import {
  ACTION_PRIORITIES,
  ACTION_TYPES,
  type ActionContent,
  type ActionOrigin,
  actionStream,
  CANCEL_REASONS,
  EFFECTIVENESS_OUTCOMES,
  NOT_EFFECTIVE_NEXT,
  ORIGIN_TYPES,
} from './events';
import { actionEvidenceRoutes } from './evidence';

const originSchema = z.object({
  type: z.enum(ORIGIN_TYPES),
  id: z.string().uuid().nullish(),
  indicator: z.number().int().nullish(),
});

const contentSchema = z.object({
  title: text(300),
  description: optionalText(5000),
  type: z.enum(ACTION_TYPES),
  priority: z.enum(ACTION_PRIORITIES),
  ownerId: z.string().uuid(),
  dueOn: isoDate.nullish(),
  origins: z.array(originSchema).max(MAX_ORIGINS + 1),
});
type ContentInput = z.infer<typeof contentSchema>;

const params = z.object({ actionId: z.string().uuid() });
const stepResult = commandResult.extend({ changed: z.boolean() });

/**
 * The origins whose record lives in another slice's stream, and the subject of that record's personal data when an
 * action's title may quote it (a non-conformity's finding is its author's words: the action's author is subject).
 */
const RECORDED_ORIGINS: Partial<
  Record<ActionOrigin['type'], { stream(id: string): string; subject?(id: string): string }>
> = {
  complaint: {
    stream: complaintStream,
    subject: (id) => complainantSubject({ complaintId: id }),
  },
  incident: { stream: incidentStream, subject: (id) => incidentSubject({ incidentId: id }) },
  non_conformity: { stream: nonConformityStream },
  watch_note: { stream: watchNoteStream },
  mock_audit_finding: { stream: mockAuditFindingActionStream },
};

export const actionRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  /** An owner is an active member of the organisation who may act (an auditor only reads). */
  const checkOwner = async (organisationId: string, ownerId: string) => {
    const member = await deps.db
      .withTables<AccessTables>()
      .selectFrom('access_accounts')
      .select(['user_id', 'role'])
      .where('user_id', '=', ownerId)
      .where('organisation_id', '=', organisationId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!member || member.role === 'auditor') {
      throw badRequest('owner_not_member', 'The owner is an active member of the organisation who may act');
    }
  };

  /** Each origin naming a record names one of the organisation's (another's is unknown here). */
  const checkOrigins = async (organisationId: string, origins: readonly ActionOrigin[]) => {
    for (const origin of origins) {
      if (origin.id === null) continue;
      const recorded = RECORDED_ORIGINS[origin.type];
      if (recorded) {
        const first = (await deps.store.readStream(recorded.stream(origin.id)))[0];
        if (!first || first.metadata.organisationId !== organisationId) {
          throw notFound('origin_not_found', `No such ${origin.type} in this organisation`);
        }
      } else if (origin.type === 'feedback' && !(await deps.reads.answerExists(organisationId, origin.id))) {
        throw notFound('origin_not_found', 'No such answer in this organisation');
      }
    }
  };

  const contentOf = async (viewer: Viewer, input: ContentInput): Promise<ActionContent> => {
    const content: ActionContent = {
      ...input,
      dueOn: input.dueOn ?? null,
      origins: input.origins.map((origin) => ({
        type: origin.type,
        id: origin.id ?? null,
        indicator: origin.indicator ?? null,
      })),
    };
    await checkOwner(viewer.organisationId, content.ownerId);
    await checkOrigins(viewer.organisationId, content.origins);
    return content;
  };

  /** Whose data the title may quote: the complainant's or the incident's when it comes from one, else its author's. */
  const subjectOf = (viewer: Viewer, origins: readonly ActionOrigin[]) => {
    for (const origin of origins) {
      const recorded = RECORDED_ORIGINS[origin.type];
      if (recorded?.subject && origin.id) return recorded.subject(origin.id);
    }
    return subjectId('user', viewer.userId);
  };

  const run = (context: CommandContext, actionId: string, command: ActionCommand) =>
    runCommand(context, actionDecider, actionStream(actionId), command);

  await app.register(actionEvidenceRoutes(deps));

  api.post(
    '/api/improvement-actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Plan an improvement action: what, why (its origins), who owns it and by when',
        body: contentSchema,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'action:manage');
      const context = commandContext(request, viewer, deps);
      const actionId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'improvement-action', context.idempotencyKey)
        : newId();
      const content = await contentOf(viewer, request.body);
      const result = await run(context, actionId, {
        type: 'PlanAction',
        actionId,
        subject: subjectOf(viewer, content.origins),
        content,
        requestId: null,
        followUpOf: null,
        today: today(),
      });
      return created(reply, { id: actionId, revision: result.revision, position: result.position });
    },
  );

  const step = <Body extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: Body,
    commandOf: (input: z.infer<Body>, viewer: Viewer) => Promise<ActionCommand> | ActionCommand,
  ) =>
    api.post(
      `/api/improvement-actions/:actionId/${path}`,
      {
        schema: {
          tags: ['actions'],
          summary,
          params,
          body,
          response: { 200: stepResult, ...errorResponses },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, 'action:manage');
        const { actionId } = request.params;
        const context = commandContext(request, viewer, deps);
        const result = await run(context, actionId, await commandOf(request.body as z.infer<Body>, viewer));
        return {
          id: actionId,
          revision: result.revision,
          position: result.position,
          changed: result.events.length > 0,
        };
      },
    );

  step(
    'edit',
    'Change what the action says: title, description, type, priority, owner, due date, origins (replaced whole)',
    contentSchema,
    async (input, viewer) => ({
      type: 'EditAction',
      content: await contentOf(viewer, input),
      today: today(),
    }),
  );
  step('start', 'Start a scheduled action', z.object({}), () => ({ type: 'StartAction', today: today() }));
  step('progress-notes', 'Note how the action progresses', z.object({ note: text(5000) }), (input) => ({
    type: 'NoteProgress',
    note: input.note,
  }));
  step(
    'completion',
    'Mark the action done, with what was done',
    z.object({ summary: optionalText(5000) }),
    (input) => ({ type: 'CompleteAction', summary: input.summary, today: today() }),
  );
  step(
    'cancellation',
    'Cancel an open action, with the reason',
    z.object({ reason: z.enum(CANCEL_REASONS), note: optionalText(2000) }),
    (input) => ({ type: 'CancelAction', reason: input.reason, note: input.note }),
  );

  api.post(
    '/api/improvement-actions/:actionId/effectiveness-check',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Check whether a done action was effective: effective closes it; not effective reopens it, or closes it and starts a follow-up action linked to it',
        params,
        body: z.object({
          outcome: z.enum(EFFECTIVENESS_OUTCOMES),
          comment: text(5000),
          next: z.enum(NOT_EFFECTIVE_NEXT).nullish(),
        }),
        response: {
          200: stepResult.extend({ followUpActionId: z.string().uuid().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'action:manage');
      const { actionId } = request.params;
      const context = commandContext(request, viewer, deps);
      const { outcome, comment } = request.body;
      const next = outcome === 'effective' ? null : (request.body.next ?? null);
      const followUpActionId =
        next === 'follow_up' ? derivedId(viewer.organisationId, 'follow-up', actionId) : null;
      const result = await run(context, actionId, {
        type: 'CheckEffectiveness',
        today: today(),
        outcome,
        comment,
        next,
        followUpActionId,
      });
      let position = result.position;
      if (followUpActionId) {
        const history = await deps.store.readStream(actionStream(actionId));
        const state = history.reduce(
          (current, event) => actionDecider.evolve(current, event as never),
          actionDecider.initialState,
        );
        // The follow-up starts from what the action said, to schedule again; planned once (its id is derived).
        const planned = await run(
          { ...context, ifMatch: undefined, idempotencyKey: undefined },
          followUpActionId,
          {
            type: 'PlanAction',
            actionId: followUpActionId,
            subject: state.subject,
            content: { ...state.content!, dueOn: null },
            requestId: `follow-up:${actionId}`,
            followUpOf: actionId,
            today: today(),
          },
        );
        position = Math.max(position, planned.position);
      }
      return {
        id: actionId,
        revision: result.revision,
        position,
        changed: result.events.length > 0,
        followUpActionId,
      };
    },
  );
};
