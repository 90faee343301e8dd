import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission, type Viewer } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { MAX_AUDIENCE, watchNoteDecider } from './decider';
import { COMMUNICATION_CHANNELS, WATCH_IMPACTS, WATCH_THEMES, watchNoteStream } from './events';
import { MAX_EXPLOIT_WITHIN_DAYS, MIN_EXPLOIT_WITHIN_DAYS } from './exploitation';
import { watchImprovementDecider, watchImprovementStream } from './improvement';
import { watchSettingsDecider, watchSettingsStream } from './settings';

const webAddress = z
  .string()
  .trim()
  .max(1000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'An http or https address' });

const contentSchema = z.object({
  theme: z.enum(WATCH_THEMES),
  title: text(200),
  sourceName: text(200),
  sourceUrl: z
    .union([webAddress, z.literal('')])
    .nullish()
    .transform((value) => value || null),
  informationOn: isoDate,
  summary: text(5000),
});

const params = z.object({ noteId: z.string().uuid() });
const revisionResult = commandResult.extend({ changed: z.boolean() });

export const watchRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  /** A note's stream answers whose it is: another organisation's note is, here, no note. */
  const noteExists = async (organisationId: string, noteId: string) => {
    const first = (await deps.store.readStream(watchNoteStream(noteId)))[0];
    return first !== undefined && first.metadata.organisationId === organisationId;
  };

  api.post(
    '/api/watch-notes',
    {
      schema: {
        tags: ['watch'],
        summary: 'Record a watch note: its theme, source, the date of the information and a summary',
        body: contentSchema,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'watch:record');
      const context = commandContext(request, viewer, deps);
      const noteId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'watch-note', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, watchNoteDecider, watchNoteStream(noteId), {
        type: 'RecordNote',
        noteId,
        content: request.body,
        by: viewer.userId,
        today: today(),
      });
      return created(reply, { id: noteId, revision: result.revision, position: result.position });
    },
  );

  /** The steps on one note: each answers the note's new revision and whether it changed. */
  const step = <Body extends z.ZodTypeAny>(
    path: string,
    summary: string,
    permission: 'watch:record' | 'watch:manage',
    body: Body,
    command: (
      input: z.infer<Body>,
      viewer: Viewer,
    ) =>
      | Promise<Parameters<typeof watchNoteDecider.decide>[0]>
      | Parameters<typeof watchNoteDecider.decide>[0],
    options: { ifMatchRequired?: boolean } = {},
  ) =>
    api.post(
      `/api/watch-notes/:noteId/${path}`,
      {
        schema: {
          tags: ['watch'],
          summary,
          params,
          body,
          response: { 200: revisionResult, ...errorResponses },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, permission);
        const context = commandContext(request, viewer, deps);
        if (options.ifMatchRequired && context.ifMatch === undefined) {
          throw badRequest('if_match_required', 'Send If-Match with the note revision you last read');
        }
        const { noteId } = request.params as { noteId: string };
        const decided = await command(request.body as z.infer<Body>, viewer);
        const result = await runCommand(context, watchNoteDecider, watchNoteStream(noteId), decided);
        return {
          id: noteId,
          revision: result.revision,
          position: result.position,
          changed: result.events.length > 0,
        };
      },
    );

  step(
    'edits',
    'Edit a note’s theme, source, date or summary (If-Match required)',
    'watch:manage',
    contentSchema,
    (content, viewer) => ({ type: 'EditNote', content, by: viewer.userId, today: today() }),
    { ifMatchRequired: true },
  );

  step(
    'analyses',
    'Analyse a note: its impact, the analysis, the decision and the changes made',
    'watch:manage',
    z.object({
      impact: z.enum(WATCH_IMPACTS),
      analysis: text(5000),
      decision: text(2000),
      changes: optionalText(5000),
    }),
    (input, viewer) => ({ type: 'AnalyseNote', ...input, by: viewer.userId, today: today() }),
  );

  step(
    'communications',
    'Record that a note was passed on inside the organisation: to whom, when and how',
    'watch:manage',
    z.object({
      communicationId: z.string().uuid().optional(),
      memberIds: z
        .array(z.string().uuid())
        .max(MAX_AUDIENCE + 1)
        .default([]),
      groups: z
        .array(text(100))
        .max(MAX_AUDIENCE + 1)
        .default([]),
      channel: z.enum(COMMUNICATION_CHANNELS),
      communicatedOn: isoDate.optional(),
      message: optionalText(2000),
    }),
    async (input, viewer) => {
      const members = await deps.reads.membersAmong(viewer.organisationId, input.memberIds);
      const unknown = input.memberIds.filter((id) => !members.includes(id));
      if (unknown.length > 0) {
        throw badRequest('audience_member_unknown', 'Name members of the organisation only', { unknown });
      }
      return {
        type: 'CommunicateNote',
        communicationId: input.communicationId ?? newId(),
        audience: { memberIds: input.memberIds, groups: input.groups },
        channel: input.channel,
        communicatedOn: input.communicatedOn ?? today(),
        message: input.message,
        by: viewer.userId,
        today: today(),
      };
    },
  );

  step(
    'archive',
    'Archive an analysed note',
    'watch:manage',
    z.object({}).strict().default({}),
    (_input, viewer) => ({
      type: 'ArchiveNote',
      by: viewer.userId,
    }),
  );

  api.post(
    '/api/watch-notes/:noteId/improvement-requests',
    {
      schema: {
        tags: ['watch'],
        summary: 'Ask for an improvement action from this note (the actions slice picks the request up)',
        params,
        body: z.object({ title: text(300) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'watch:manage');
      const { noteId } = request.params;
      if (!(await noteExists(viewer.organisationId, noteId))) {
        throw notFound('watch_note_not_found', 'No such watch note');
      }
      const context = commandContext(request, viewer, deps);
      const requestId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'watch-improvement', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, watchImprovementDecider, watchImprovementStream(noteId), {
        type: 'RequestImprovement',
        noteId,
        requestId,
        title: request.body.title,
        requestedBy: viewer.userId,
      });
      return created(reply, { id: requestId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/watch-settings',
    {
      schema: {
        tags: ['watch'],
        summary: 'Set the watch delay: the calendar days within which a note should be analysed',
        body: z.object({
          exploitWithinDays: z.number().int().min(MIN_EXPLOIT_WITHIN_DAYS).max(MAX_EXPLOIT_WITHIN_DAYS),
        }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'watch:manage');
      const result = await runCommand(
        commandContext(request, viewer, deps),
        watchSettingsDecider,
        watchSettingsStream(viewer.organisationId),
        { type: 'SetWatchSettings', settings: request.body },
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
