import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AUDIENCES } from '../feedback/events';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { catalogueTemplate, TEMPLATE_KEYS } from './catalogue';
import { MAX_OPTIONS, MAX_QUESTIONS, type QuestionnaireCommand, questionnaireDecider } from './decider';
import { QUESTION_KINDS, QUESTION_PURPOSES, type QuestionnaireContent, questionnaireStream } from './events';

/** An id a form names a question or an option by: short, readable in exports, stable across versions. */
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lower-case letters, digits, - and _, at most 40');

const localised = (max: number) => z.object({ fr: text(max), en: optionalText(max) });
const optionalLocalised = (max: number) =>
  z
    .object({ fr: optionalText(max), en: optionalText(max) })
    .nullish()
    // A help or introduction left empty in French is no help at all.
    .transform((value) => (value?.fr ? { fr: value.fr, en: value.en } : null));

const contentSchema = z.object({
  title: localised(200),
  introduction: optionalLocalised(1000),
  audience: z.enum(AUDIENCES),
  questions: z
    .array(
      z.object({
        id: slug,
        kind: z.enum(QUESTION_KINDS),
        label: localised(300),
        help: optionalLocalised(300),
        required: z.boolean(),
        purpose: z.enum(QUESTION_PURPOSES),
        options: z
          .array(z.object({ id: slug, label: localised(150) }))
          .max(MAX_OPTIONS + 1)
          .default([]),
      }),
    )
    .max(MAX_QUESTIONS + 1),
}) satisfies z.ZodType<QuestionnaireContent, unknown>;

const params = z.object({ questionnaireId: z.string().uuid() });
const revisionResult = commandResult.extend({ changed: z.boolean() });

export const questionnaireRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  const run = async (request: FastifyRequest, questionnaireId: string, command: QuestionnaireCommand) => {
    const viewer = requirePermission(request.viewer, 'feedback:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      questionnaireDecider,
      questionnaireStream(questionnaireId),
      command,
    );
    return {
      id: questionnaireId,
      revision: result.revision,
      position: result.position,
      changed: result.events.length > 0,
    };
  };

  api.post(
    '/api/questionnaires',
    {
      schema: {
        tags: ['questionnaires'],
        summary:
          'Create a questionnaire: a copy of a ready one (`fromTemplate`), or written from scratch (`content`)',
        body: z.union([
          z.object({ fromTemplate: z.enum(TEMPLATE_KEYS) }).strict(),
          z.object({ content: contentSchema }).strict(),
        ]),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const context = commandContext(request, viewer, deps);
      const questionnaireId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'questionnaire', context.idempotencyKey)
        : newId();
      const { body } = request;
      // The schema admits only the catalogue's keys.
      const template = 'fromTemplate' in body ? catalogueTemplate(body.fromTemplate)! : undefined;
      const result = await runCommand(context, questionnaireDecider, questionnaireStream(questionnaireId), {
        type: 'CreateQuestionnaire',
        questionnaireId,
        content: 'content' in body ? body.content : template!.content,
        fromTemplate: template?.key ?? null,
      });
      return created(reply, { id: questionnaireId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/questionnaires/:questionnaireId/revisions',
    {
      schema: {
        tags: ['questionnaires'],
        summary:
          'Save a new version of a questionnaire (If-Match: its revision; saving the same content makes no version)',
        params,
        body: z.object({ content: contentSchema }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, request.params.questionnaireId, {
        type: 'ReviseQuestionnaire',
        content: request.body.content,
      }),
  );

  for (const [verb, type] of [
    ['archive', 'ArchiveQuestionnaire'],
    ['unarchive', 'UnarchiveQuestionnaire'],
  ] as const) {
    api.post(
      `/api/questionnaires/:questionnaireId/${verb}`,
      {
        schema: {
          tags: ['questionnaires'],
          summary:
            verb === 'archive'
              ? 'Stop offering a questionnaire for new campaigns (answers and campaigns keep it)'
              : 'Offer an archived questionnaire again',
          params,
          response: { 200: revisionResult, ...errorResponses },
        },
      },
      async (request) => run(request, request.params.questionnaireId, { type }),
    );
  }
};
