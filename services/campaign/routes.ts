import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AUDIENCES } from '../feedback/events';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type CampaignCommand, campaignDecider, MAX_REMINDERS, type NewRespondent } from './decider';
import { type CampaignTarget, campaignStream, SEND_ANCHORS } from './events';
import { CAMPAIGN_LINK_KEY_PURPOSE, campaignLinkPath, campaignLinkToken } from './links';
import { isEmail, MAX_FILE_BYTES, normaliseEmail, readRespondentFile } from './respondent-file';
import { addDays, sendDate } from './schedule';

const params = z.object({ campaignId: z.string().uuid() });
const respondentParams = params.extend({ respondentId: z.string().uuid() });
const changeResult = commandResult.extend({ changed: z.boolean() });

const planBody = z.object({
  questionnaireId: z.string().uuid(),
  audience: z.enum(AUDIENCES),
  target: z.union([
    z.object({ sessionId: z.string().uuid() }).strict(),
    z.object({ period: z.object({ label: text(100), from: isoDate, to: isoDate }) }).strict(),
  ]),
  send: z.object({
    anchor: z.enum(SEND_ANCHORS),
    offsetDays: z.number().int().min(-60).max(365).default(0),
    date: isoDate.nullish(),
  }),
  reminders: z.number().int().min(0).max(MAX_REMINDERS).default(1),
  reminderGapDays: z.number().int().min(2).max(30).default(7),
  /** Days the campaign stays open after sending (its closing date follows). */
  openDays: z.number().int().min(1).max(180).default(21),
  anonymous: z.boolean().default(false),
});

const respondentBody = z.object({
  email: text(254).transform(normaliseEmail).refine(isEmail, 'Not an e-mail address'),
  firstName: optionalText(100),
  lastName: text(100),
});

export const campaignRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  const run = async (request: FastifyRequest, campaignId: string, command: CampaignCommand) => {
    const viewer = requirePermission(request.viewer, 'feedback:manage');
    const result = await runCommand(
      commandContext(request, viewer, deps),
      campaignDecider,
      campaignStream(campaignId),
      command,
    );
    return {
      id: campaignId,
      revision: result.revision,
      position: result.position,
      changed: result.events.length > 0,
    };
  };

  /**
   * Respondent ids are derived from the request's Idempotency-Key when there is one (as `commandContext` checked
   * it), so a retry adds no one twice.
   */
  const withIds = (
    request: FastifyRequest,
    campaignId: string,
    people: Omit<NewRespondent, 'respondentId'>[],
  ) => {
    const { idempotencyKey } = commandContext(
      request,
      requirePermission(request.viewer, 'feedback:manage'),
      deps,
    );
    return people.map((person, index) => ({
      respondentId: idempotencyKey
        ? derivedId(campaignId, 'respondent', idempotencyKey, String(index))
        : newId(),
      ...person,
    }));
  };

  api.post(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary:
          'Plan a feedback campaign: a group, a questionnaire (its current version), a session or a period, when to send, reminders, how long it stays open',
        body: planBody,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'feedback:manage');
      const context = commandContext(request, viewer, deps);
      const { body } = request;
      const questionnaire = await deps.reads.questionnaireSummary(
        viewer.organisationId,
        body.questionnaireId,
      );
      if (!questionnaire) throw notFound('questionnaire_not_found', 'No such questionnaire');
      if (questionnaire.archived) {
        throw conflict('questionnaire_archived', 'This questionnaire is archived; unarchive it first');
      }
      let target: CampaignTarget;
      if ('sessionId' in body.target) {
        const session = await deps.reads.sessionContext(viewer.organisationId, body.target.sessionId);
        if (!session) throw notFound('session_not_found', 'No such session');
        if (session.cancelled) throw conflict('session_cancelled', 'This session was cancelled');
        target = {
          kind: 'session',
          sessionId: session.sessionId,
          trainingActionId: session.trainingActionId,
          sessionTitle: session.sessionTitle,
          trainingTitle: session.trainingTitle,
          startsOn: session.startsOn,
          endsOn: session.endsOn,
        };
      } else {
        target = { kind: 'period', ...body.target.period };
      }
      const sendOn = sendDate(target, body.send.anchor, body.send.offsetDays, body.send.date ?? null);
      if (!sendOn) {
        throw badRequest(
          body.send.anchor === 'date' ? 'send_date_missing' : 'send_anchor_needs_session',
          body.send.anchor === 'date'
            ? 'Give the sending date'
            : 'Only a session has a start and an end to send from',
        );
      }
      const campaignId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'campaign', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, campaignDecider, campaignStream(campaignId), {
        type: 'PlanCampaign',
        questionnaireAudience: questionnaire.audience,
        campaignId,
        audience: body.audience,
        questionnaireId: body.questionnaireId,
        questionnaireVersion: questionnaire.version,
        target,
        schedule: {
          anchor: body.send.anchor,
          offsetDays: body.send.anchor === 'date' ? 0 : body.send.offsetDays,
          sendOn,
          reminders: body.reminders,
          reminderGapDays: body.reminderGapDays,
          closesOn: addDays(sendOn, body.openDays),
        },
        anonymous: body.anonymous,
      });
      return created(reply, { id: campaignId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/campaigns/:campaignId/respondents',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Add respondents by hand (checked whole: one already asked adds nobody)',
        params,
        body: z.object({ respondents: z.array(respondentBody).min(1).max(200) }),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) => {
      const { campaignId } = request.params;
      const people = request.body.respondents.map((person) => ({ ...person, source: 'manual' as const }));
      const emails = people.map((person) => person.email.toLowerCase());
      if (new Set(emails).size !== emails.length) {
        throw badRequest('duplicate_email', 'The same address is given twice');
      }
      return run(request, campaignId, {
        type: 'AddRespondents',
        respondents: withIds(request, campaignId, people),
      });
    },
  );

  // The import takes the file's bytes as the body (CSV or XLSX, recognised from the content).
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
      (_request, body, done) => done(null, body),
    );
    typed(uploads).post(
      '/api/campaigns/:campaignId/respondents/import',
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags: ['campaigns'],
          summary:
            'Import respondents from a CSV (; separators, UTF-8 or Windows-1252) or XLSX file with a header row; a file with any bad line imports nothing and answers every bad line',
          params,
          response: {
            200: changeResult.extend({ added: z.number().int() }),
            ...errorResponses,
            413: errorBody,
          },
        },
      },
      async (request) => {
        const { campaignId } = request.params;
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw badRequest('empty_file', 'Send the file as the body');
        }
        const read = await readRespondentFile(body);
        if (!read.ok) {
          throw badRequest(
            read.fileError ?? 'respondent_lines_invalid',
            read.fileError
              ? 'This file cannot be imported'
              : 'Some lines of this file are wrong: nothing was imported',
            read.fileError === 'file_too_large'
              ? { fileError: read.fileError, maxBytes: MAX_FILE_BYTES }
              : read.fileError
                ? { fileError: read.fileError }
                : { problems: read.problems },
          );
        }
        const people = read.respondents.map(({ email, firstName, lastName }) => ({
          email,
          firstName,
          lastName,
          source: 'import' as const,
        }));
        const result = await run(request, campaignId, {
          type: 'AddRespondents',
          respondents: withIds(request, campaignId, people),
        });
        return { ...result, added: people.length };
      },
    );
  });

  api.post(
    '/api/campaigns/:campaignId/respondents/:respondentId/remove',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Remove a respondent (no more messages)',
        params: respondentParams,
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, request.params.campaignId, {
        type: 'RemoveRespondent',
        respondentId: request.params.respondentId,
      }),
  );

  api.post(
    '/api/campaigns/:campaignId/shared-links',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Open a shared link for a room (shown as a QR code); anyone holding it may answer',
        params,
        body: z.object({ label: text(100) }),
        response: {
          201: commandResult.extend({ token: z.string(), url: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const { idempotencyKey } = commandContext(
        request,
        requirePermission(request.viewer, 'feedback:manage'),
        deps,
      );
      const linkId = idempotencyKey ? derivedId(campaignId, 'shared-link', idempotencyKey) : newId();
      const result = await run(request, campaignId, {
        type: 'OpenSharedLink',
        linkId,
        label: request.body.label,
      });
      const token = campaignLinkToken(deps.vault.derivedKey(CAMPAIGN_LINK_KEY_PURPOSE), 'shared', linkId);
      return reply.code(201).send({
        id: linkId,
        revision: result.revision,
        position: result.position,
        token,
        url: campaignLinkPath(token),
      });
    },
  );

  api.post(
    '/api/campaigns/:campaignId/shared-links/:linkId/close',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Close a shared link: it takes no more answers',
        params: params.extend({ linkId: z.string().uuid() }),
        response: { 200: changeResult, ...errorResponses },
      },
    },
    async (request) =>
      run(request, request.params.campaignId, { type: 'CloseSharedLink', linkId: request.params.linkId }),
  );

  for (const [verb, command] of [
    ['close', { type: 'CloseCampaign', reason: 'closed_by_user' }],
    ['cancel', { type: 'CancelCampaign' }],
  ] as const) {
    api.post(
      `/api/campaigns/:campaignId/${verb}`,
      {
        schema: {
          tags: ['campaigns'],
          summary:
            verb === 'close' ? 'Close a campaign now (no more answers or reminders)' : 'Cancel a campaign',
          params,
          response: { 200: changeResult, ...errorResponses },
        },
      },
      async (request) => run(request, request.params.campaignId, command),
    );
  }
};
