import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { isoDate, optionalText, text } from '../kernel/validation';
import { ACTION_CATEGORIES } from '../referential';
import type { SliceDeps } from '../slice';
import { type OrganisationProfileCommand, organisationProfileDecider } from './decider';
import { AUDIT_KINDS, organisationProfileStream } from './events';
import { digitsOf } from './identifiers';
import { checkLogo } from './logo';
import { findLogo, storeLogo } from './logo-store';

/** Larger than a logo may be, so that an oversized one gets its own code (`logo_too_large`) rather than Fastify's. */
const LOGO_UPLOAD_LIMIT = 1024 * 1024;

const commandAnswer = z.object({ revision: z.number().int(), position: z.number().int() });
const answers = { response: { 200: commandAnswer, ...errorResponses } };

const identityBody = z.object({
  legalName: text(200),
  siret: z.string().max(40).transform(digitsOf),
  nda: optionalText(40).transform((value) => (value === null ? null : digitsOf(value))),
  address: z.object({
    street: text(200),
    complement: optionalText(200),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Expected a French postal code of 5 digits'),
    city: text(100),
  }),
  contactEmail: z.string().trim().toLowerCase().email().max(254),
});

const activitiesBody = z.object({
  categories: z.array(z.enum(ACTION_CATEGORIES)).max(ACTION_CATEGORIES.length),
  certifying: z.boolean().default(false),
  subcontracting: z.boolean().default(false),
  workBasedTraining: z.boolean().default(false),
  alternance: z.boolean().default(false),
  newEntrant: z.boolean().default(false),
});

const certificationBody = z.object({
  certifierName: text(200),
  certificateNumber: text(100),
  issuedOn: isoDate,
  expiresOn: isoDate,
  audits: z
    .array(z.object({ kind: z.enum(AUDIT_KINDS), on: isoDate }))
    .max(30)
    .default([]),
});

const privacyNoticeBody = z.object({
  controller: text(1000),
  purpose: text(2000),
  retention: text(1000),
  contact: text(1000),
});

const siteParams = z.object({ siteId: z.string().uuid() });

/**
 * The profile is one stream that many sections share: a change must name the revision it was made on, so two
 * admins editing at once get a 409 with the current revision instead of overwriting each other.
 */
const profileContext = (request: FastifyRequest, deps: SliceDeps): CommandContext => {
  const viewer = requirePermission(request.viewer, 'organisation:manage');
  const context = commandContext(request, viewer, deps);
  if (context.ifMatch === undefined) {
    throw badRequest('if_match_required', 'Send If-Match with the profile revision you last read');
  }
  return context;
};

export const organisationRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  const run = async (request: FastifyRequest, command: OrganisationProfileCommand) => {
    const context = profileContext(request, deps);
    const result = await runCommand(
      context,
      organisationProfileDecider,
      organisationProfileStream(context.organisationId),
      command,
    );
    return { revision: result.revision, position: result.position };
  };

  api.post(
    '/api/organisation/identity',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Record the legal identity: name, SIRET, NDA, address, public contact e-mail',
        body: identityBody,
        ...answers,
      },
    },
    (request) => run(request, { type: 'RecordIdentity', identity: request.body }),
  );

  api.post(
    '/api/organisation/activities',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Declare what the organisation runs (categories of action and conditions)',
        body: activitiesBody,
        ...answers,
      },
    },
    (request) => run(request, { type: 'DeclareActivities', activities: request.body }),
  );

  api.post(
    '/api/organisation/certification',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Record the Qualiopi certificate and the audit dates',
        body: certificationBody,
        ...answers,
      },
    },
    (request) => run(request, { type: 'RecordCertification', certification: request.body }),
  );

  api.post(
    '/api/organisation/privacy-notice',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Replace the privacy notice shown on public forms',
        body: privacyNoticeBody,
        ...answers,
      },
    },
    (request) => run(request, { type: 'UpdatePrivacyNotice', notice: request.body }),
  );

  api.post(
    '/api/organisation/sites',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a site',
        body: z.object({ name: text(200) }),
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = profileContext(request, deps);
      const siteId = context.idempotencyKey
        ? derivedId(context.organisationId, 'site', context.idempotencyKey)
        : newId();
      const result = await runCommand(
        context,
        organisationProfileDecider,
        organisationProfileStream(context.organisationId),
        { type: 'AddSite', siteId, name: request.body.name },
      );
      return created(reply, { id: siteId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/organisation/sites/:siteId/rename',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Rename a site',
        params: siteParams,
        body: z.object({ name: text(200) }),
        ...answers,
      },
    },
    (request) => run(request, { type: 'RenameSite', siteId: request.params.siteId, name: request.body.name }),
  );

  api.post(
    '/api/organisation/sites/:siteId/close',
    {
      schema: { tags: ['organisation'], summary: 'Close a site', params: siteParams, ...answers },
    },
    (request) => run(request, { type: 'CloseSite', siteId: request.params.siteId }),
  );

  api.post(
    '/api/organisation/logo/remove',
    { schema: { tags: ['organisation'], summary: 'Remove the logo', ...answers } },
    (request) => run(request, { type: 'RemoveLogo' }),
  );

  // The upload takes the file's bytes as the body, whatever type it claims: the type is read from the content.
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: LOGO_UPLOAD_LIMIT },
      (_request, body, done) => done(null, body),
    );
    typed(uploads).post(
      '/api/organisation/logo',
      {
        bodyLimit: LOGO_UPLOAD_LIMIT,
        schema: {
          tags: ['organisation'],
          summary: 'Upload the logo: the image file as the body (PNG, JPEG or WebP, at most 256 kB; no SVG)',
          response: { 200: commandAnswer, ...errorResponses, 413: errorBody },
        },
      },
      async (request) => {
        const context = profileContext(request, deps);
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw badRequest('logo_empty', 'Send the image file as the body');
        const logo = checkLogo(body);
        // The bytes first, under their hash: if the command is then refused, nothing names them.
        await storeLogo(deps.db, logo);
        const result = await runCommand(
          context,
          organisationProfileDecider,
          organisationProfileStream(context.organisationId),
          { type: 'ChangeLogo', sha256: logo.sha256, mediaType: logo.mediaType, size: logo.bytes.length },
        );
        return { revision: result.revision, position: result.position };
      },
    );
  });

  api.get(
    '/api/public/logos/:sha256',
    {
      config: { rateLimit: { max: deps.config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'An organisation logo by its hash (public, cached for a year: its address changes with it)',
        params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (request, reply) => {
      const logo = await findLogo(deps.db, request.params.sha256);
      if (!logo) throw notFound('logo_not_found', 'No such logo');
      return reply
        .header('content-type', logo.media_type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', `"${request.params.sha256}"`)
        .header('content-security-policy', "default-src 'none'")
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(Buffer.from(logo.bytes));
    },
  );
};
