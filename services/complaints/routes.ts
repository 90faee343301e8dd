import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AccessTables } from '../access/tables';
import { sendStoredFile } from '../files/download';
import { readFile } from '../files/store';
import { acceptFileForms } from '../files/upload';
import { requirePermission, type Viewer } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText } from '../kernel/validation';
import { HOLIDAY_CALENDARS } from '../kernel/working-days';
import { ERASED } from '../privacy/declarations';
import type { SliceDeps } from '../slice';
import { complaintFileLimits, complaintForm, filesOf, receiveComplaint } from './attachments';
import { MAX_DEADLINE_WORKING_DAYS } from './deadlines';
import { type ComplaintCommand, complaintDecider } from './decider';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  type ComplaintAbout,
  type ComplaintEvent,
  complainantSubject,
  complaintStream,
} from './events';
import { complaintImprovementDecider, complaintImprovementStream } from './improvement';
import { intakeFields, longText } from './intake-fields';
import { complaintPageRoutes } from './public-routes';
import { complaintSettingsDecider, complaintSettingsStream } from './settings';

const intakeSchema = z.object({
  ...intakeFields,
  channel: z.enum(COMPLAINT_CHANNELS),
  postalAddress: optionalText(500),
  sessionId: z.string().uuid().nullish(),
  trainingActionId: z.string().uuid().nullish(),
  receivedOn: isoDate.optional(),
  // Files come as multipart parts (`attachments`) beside the complaint's JSON (`complaint`), never in JSON.
  attachments: z.array(z.never()).max(0).optional(),
  ownerId: z.string().uuid().nullish(),
});

const params = z.object({ complaintId: z.string().uuid() });
/** The Paris date a step happened, today unless said (a letter sent yesterday is recorded today). */
const on = isoDate.optional();

/** What a complaint is about, as the organisation names it now (a session or action of another is not found). */
export const aboutOf = async (
  deps: SliceDeps,
  organisationId: string,
  input: { sessionId?: string | null; trainingActionId?: string | null; site: string | null },
): Promise<ComplaintAbout> => {
  const site = input.site;
  if (input.sessionId) {
    const session = await deps.reads.sessionContext(organisationId, input.sessionId);
    if (!session) throw notFound('session_not_found', 'No such session');
    return {
      trainingActionId: session.trainingActionId,
      trainingTitle: session.trainingTitle,
      sessionId: session.sessionId,
      sessionTitle: session.sessionTitle,
      site,
    };
  }
  if (input.trainingActionId) {
    const title = await deps.reads.trainingActionTitle(organisationId, input.trainingActionId);
    if (title === undefined) throw notFound('training_action_not_found', 'No such training action');
    return {
      trainingActionId: input.trainingActionId,
      trainingTitle: title,
      sessionId: null,
      sessionTitle: null,
      site,
    };
  }
  return { trainingActionId: null, trainingTitle: null, sessionId: null, sessionTitle: null, site };
};

export const complaintRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());
  const limits = complaintFileLimits(deps.config);

  /** An owner is an active member of the organisation who may handle complaints. */
  const checkOwner = async (organisationId: string, ownerId: string) => {
    const member = await deps.db
      .withTables<AccessTables>()
      .selectFrom('access_accounts')
      .select(['user_id', 'role'])
      .where('user_id', '=', ownerId)
      .where('organisation_id', '=', organisationId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!member) throw badRequest('owner_not_member', 'The owner is an active member of the organisation');
    if (member.role !== 'admin' && member.role !== 'quality_manager') {
      throw badRequest('owner_cannot_handle', 'The owner is an administrator or a quality manager');
    }
  };

  /** The complainant as the complaint's first event says it (undefined when it is not this organisation's). */
  const complainantOf = async (organisationId: string, complaintId: string) => {
    const history = await deps.store.readStream(complaintStream(complaintId));
    const first = history[0];
    if (!first || first.metadata.organisationId !== organisationId) return undefined;
    const received = first as unknown as Extract<ComplaintEvent, { type: 'ComplaintReceived' }>;
    const { email, name, receivedOn } = received.data;
    return {
      email: email !== null && email !== ERASED ? email : null,
      name: name !== null && name !== ERASED ? name : null,
      receivedOn,
    };
  };

  const run = (context: CommandContext, complaintId: string, command: ComplaintCommand) =>
    runCommand(context, complaintDecider, complaintStream(complaintId), command);

  await app.register(async (forms) => {
    await acceptFileForms(forms);
    typed(forms).post(
      '/api/complaints',
      {
        preValidation: complaintForm(limits),
        schema: {
          tags: ['complaints'],
          summary:
            'Record a complaint received by any channel (an oral one written down, with its channel): who, about what, when, what it says; as JSON, or as multipart/form-data with the JSON in `complaint` and the files in `attachments`',
          body: intakeSchema,
          response: { 201: commandResult, 413: errorBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = requirePermission(request.viewer, 'complaint:record');
        const context = commandContext(request, viewer, deps);
        const complaintId = context.idempotencyKey
          ? derivedId(viewer.organisationId, 'complaint', context.idempotencyKey)
          : newId();
        const body = request.body;
        if (body.ownerId) await checkOwner(viewer.organisationId, body.ownerId);
        const about = await aboutOf(deps, viewer.organisationId, body);
        const result = await receiveComplaint(deps, context, {
          complaintId,
          today: today(),
          files: filesOf(request),
          limits,
          intake: {
            channel: body.channel,
            group: body.group,
            anonymous: body.anonymous,
            name: body.name,
            email: body.email,
            phone: body.phone,
            postalAddress: body.postalAddress,
            about,
            receivedOn: body.receivedOn ?? today(),
            text: body.text,
            ownerId: body.ownerId ?? null,
          },
        });
        return created(reply, { id: complaintId, revision: result.revision, position: result.position });
      },
    );
  });

  api.get(
    '/api/complaints/:complaintId/attachments/:attachmentId',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Download a file a complaint came with (those who handle complaints; sent as an attachment)',
        params: params.extend({ attachmentId: z.string().uuid() }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'complaint:handle');
      const { complaintId, attachmentId } = request.params;
      const file = await readFile(
        { db: deps.db, vault: deps.vault },
        viewer.organisationId,
        attachmentId,
        complainantSubject({ complaintId }),
      );
      return sendStoredFile(reply, file);
    },
  );

  await app.register(complaintPageRoutes(deps));

  /** A step of the handling: one route, one command, answered with the stream's revision and position. */
  const step = <Body extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: Body,
    commandOf: (input: z.infer<Body>, viewer: Viewer, complaintId: string) => Promise<ComplaintCommand>,
    after?: (input: z.infer<Body>, viewer: Viewer, complaintId: string, appended: boolean) => Promise<void>,
  ) =>
    api.post(
      `/api/complaints/:complaintId/${path}`,
      {
        schema: {
          tags: ['complaints'],
          summary,
          params,
          body,
          response: { 200: commandResult.extend({ changed: z.boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, 'complaint:handle');
        const { complaintId } = request.params;
        const context = commandContext(request, viewer, deps);
        // The route's schema parsed the body into this shape.
        const input = request.body as z.infer<Body>;
        const command = await commandOf(input, viewer, complaintId);
        const result = await run(context, complaintId, command);
        if (after) await after(input, viewer, complaintId, result.events.length > 0);
        return {
          id: complaintId,
          revision: result.revision,
          position: result.position,
          changed: result.events.length > 0,
        };
      },
    );

  /** Whether a message goes by e-mail: as asked, else whenever the complainant gave an address. */
  const byEmail = async (viewer: Viewer, complaintId: string, asked: boolean | undefined) => {
    if (asked !== undefined) return asked;
    return Boolean((await complainantOf(viewer.organisationId, complaintId))?.email);
  };

  /** Queues the message to the complainant; the key makes a retried request queue nothing new. */
  const mailComplainant = async (
    viewer: Viewer,
    complaintId: string,
    key: string,
    message:
      | { template: 'complaint_acknowledgement'; message: string }
      | { template: 'complaint_answer'; answer: string; rejected: boolean },
  ) => {
    const complainant = await complainantOf(viewer.organisationId, complaintId);
    if (!complainant?.email) return;
    const base = {
      organisationId: viewer.organisationId,
      to: complainant.email,
      locale: 'fr' as const,
      actor: { type: 'user' as const, id: viewer.userId },
      idempotencyKey: `complaint:${complaintId}:${key}`,
    };
    const person = { name: complainant.name, receivedOn: complainant.receivedOn };
    if (message.template === 'complaint_acknowledgement') {
      await deps.mail.queue({
        ...base,
        template: 'complaint_acknowledgement',
        params: { ...person, message: message.message },
      });
    } else {
      await deps.mail.queue({
        ...base,
        template: 'complaint_answer',
        params: { ...person, answer: message.answer, rejected: message.rejected },
      });
    }
  };

  const sendable = z.object({ on, sendByEmail: z.boolean().optional() });

  step(
    'acknowledgement',
    'Acknowledge receipt: sent by e-mail when the complainant gave an address, else given another way',
    sendable.extend({ message: longText(5000) }),
    async (input, viewer, complaintId) => ({
      type: 'AcknowledgeComplaint',
      message: input.message,
      sendByEmail: await byEmail(viewer, complaintId, input.sendByEmail),
      on: input.on ?? today(),
      today: today(),
    }),
    async (input, viewer, complaintId, appended) => {
      if (!appended || !(await byEmail(viewer, complaintId, input.sendByEmail))) return;
      await mailComplainant(viewer, complaintId, 'acknowledgement', {
        template: 'complaint_acknowledgement',
        message: input.message,
      });
    },
  );

  step(
    'analysis',
    'Record the causes found (a later analysis adds to the record)',
    z.object({ on, causes: longText(10_000) }),
    async (input) => ({
      type: 'AnalyseComplaint',
      causes: input.causes,
      on: input.on ?? today(),
      today: today(),
    }),
  );

  step(
    'answer',
    'Answer the complainant: sent by e-mail when they gave an address, else given another way',
    sendable.extend({ answer: longText(10_000) }),
    async (input, viewer, complaintId) => ({
      type: 'AnswerComplaint',
      answer: input.answer,
      sendByEmail: await byEmail(viewer, complaintId, input.sendByEmail),
      on: input.on ?? today(),
      today: today(),
    }),
    async (input, viewer, complaintId, appended) => {
      if (!appended || !(await byEmail(viewer, complaintId, input.sendByEmail))) return;
      await mailComplainant(viewer, complaintId, `answer:${input.on ?? today()}`, {
        template: 'complaint_answer',
        answer: input.answer,
        rejected: false,
      });
    },
  );

  step(
    'rejection',
    'Reject the complaint as unfounded, with the reasons the complainant receives',
    sendable.extend({ reasons: longText(10_000) }),
    async (input, viewer, complaintId) => ({
      type: 'RejectComplaint',
      reasons: input.reasons,
      sendByEmail: await byEmail(viewer, complaintId, input.sendByEmail),
      on: input.on ?? today(),
      today: today(),
    }),
    async (input, viewer, complaintId, appended) => {
      if (!appended || !(await byEmail(viewer, complaintId, input.sendByEmail))) return;
      await mailComplainant(viewer, complaintId, `rejection:${input.on ?? today()}`, {
        template: 'complaint_answer',
        answer: input.reasons,
        rejected: true,
      });
    },
  );

  step(
    'mediation/start',
    'Start a mediation: who mediates and why',
    z.object({ on, mediator: longText(300), reason: longText(5000) }),
    async (input) => ({
      type: 'StartMediation',
      mediator: input.mediator,
      reason: input.reason,
      on: input.on ?? today(),
      today: today(),
    }),
  );

  step(
    'mediation/end',
    'End the mediation in progress, with its result',
    z.object({ on, result: longText(5000) }),
    async (input) => ({
      type: 'EndMediation',
      result: input.result,
      on: input.on ?? today(),
      today: today(),
    }),
  );

  step(
    'reassignment',
    'Give the complaint to another member who handles complaints',
    z.object({ ownerId: z.string().uuid() }),
    async (input, viewer) => {
      await checkOwner(viewer.organisationId, input.ownerId);
      return { type: 'ReassignComplaint', ownerId: input.ownerId };
    },
  );

  step(
    'closure',
    'Close the complaint with its outcome (withdrawn at any time, otherwise once answered)',
    z.object({ on, outcome: z.enum(COMPLAINT_OUTCOMES), note: optionalText(5000) }),
    async (input) => ({
      type: 'CloseComplaint',
      outcome: input.outcome,
      note: input.note,
      on: input.on ?? today(),
      today: today(),
    }),
  );

  step(
    'reopening',
    'Reopen a closed or rejected complaint, with the reason',
    z.object({ on, reason: longText(5000) }),
    async (input) => ({
      type: 'ReopenComplaint',
      reason: input.reason,
      on: input.on ?? today(),
      today: today(),
    }),
  );

  api.post(
    '/api/complaints/:complaintId/improvement-requests',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Ask for an improvement action from this complaint (the actions slice picks the request up)',
        params,
        body: z.object({ title: longText(300) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'complaint:handle');
      const { complaintId } = request.params;
      if (!(await complainantOf(viewer.organisationId, complaintId))) {
        throw notFound('complaint_not_found', 'No such complaint');
      }
      const context = commandContext(request, viewer, deps);
      const requestId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'complaint-improvement', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        complaintImprovementDecider,
        complaintImprovementStream(complaintId),
        {
          type: 'RequestImprovement',
          complaintId,
          requestId,
          title: request.body.title,
          requestedBy: viewer.userId,
        },
      );
      return created(reply, { id: requestId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/complaint-settings',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'Set the complaint deadlines: acknowledge within N working days, answer within M, and the calendar',
        body: z.object({
          acknowledgeWithinWorkingDays: z.number().int().min(0).max(MAX_DEADLINE_WORKING_DAYS),
          answerWithinWorkingDays: z.number().int().min(0).max(MAX_DEADLINE_WORKING_DAYS),
          calendar: z.enum(HOLIDAY_CALENDARS),
        }),
        response: { 200: commandResult.extend({ changed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'complaint:handle');
      const result = await runCommand(
        commandContext(request, viewer, deps),
        complaintSettingsDecider,
        complaintSettingsStream(viewer.organisationId),
        { type: 'SetComplaintDeadlines', settings: request.body },
      );
      return {
        id: viewer.organisationId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );
};
