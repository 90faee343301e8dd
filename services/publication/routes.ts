import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { PublicResults } from '../read-ports';
import type { SliceDeps } from '../slice';
import { publicationDecider } from './decider';
import { publicationStream, type ResultsScope, type ResultsSnapshot } from './events';
import { publicResultsPaths } from './freshness';
import { type PageVariant, renderResultsPage } from './public-page';

const figuresSchema = z.object({
  trainees: z.number().int().min(0).max(10_000_000),
  respondents: z.number().int().min(0).max(10_000_000),
  satisfactionAverage: z.number().nullable().default(null),
  satisfiedShare: z.number().nullable().default(null),
  completionRate: z.number(),
  dropOutRate: z.number(),
  successRate: z.number().nullable().default(null),
});

const publishBody = z.object({
  label: text(120),
  periodFrom: isoDate,
  periodTo: isoDate,
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('organisation') }),
    z.object({ kind: z.literal('training_action'), trainingActionId: z.string().uuid() }),
  ]),
  figures: figuresSchema,
  note: optionalText(1000),
});

/** A public page's id: 128 random bits, URL-safe (22 characters). */
const newPublicId = () => randomBytes(16).toString('base64url');
const publicIdParams = z.object({ publicId: z.string().max(64) });
const isPublicId = (value: string) => /^[A-Za-z0-9_-]{22}$/.test(value);

const publicSnapshot = ({
  snapshotId,
  scope,
  current: _,
  ...snapshot
}: ResultsSnapshot & { current: boolean }) => ({
  id: snapshotId,
  ...snapshot,
  scope:
    scope.kind === 'organisation'
      ? { kind: scope.kind, title: null }
      : { kind: scope.kind, title: scope.trainingActionTitle },
});

const publicSnapshotSchema = z.object({
  id: z.string(),
  label: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  scope: z.object({ kind: z.enum(['organisation', 'training_action']), title: z.string().nullable() }),
  figures: figuresSchema.extend({
    satisfactionAverage: z.number().nullable(),
    satisfiedShare: z.number().nullable(),
    successRate: z.number().nullable(),
    responseRate: z.number(),
  }),
  note: z.string().nullable(),
  publishedOn: z.string(),
});

/** No script, no frame, no form: the page is text and one stylesheet in the document. */
const pagePolicy = (frameAncestors: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`;

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page introuvable</title></head>
<body><main><h1>Page introuvable</h1><p>Aucun résultat n’est publié à cette adresse.</p></main></body></html>
`;

export const publicationRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const { clock, config, reads } = deps;

  api.post(
    '/api/results-snapshots',
    {
      schema: {
        tags: ['publication'],
        summary:
          'Publish dated result figures (indicator 2); it supersedes the current snapshot of the same scope on the public page',
        body: publishBody,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'results:publish');
      const context = commandContext(request, viewer, deps);
      const { body } = request;
      let scope: ResultsScope = { kind: 'organisation' };
      if (body.scope.kind === 'training_action') {
        const { trainingActionId } = body.scope;
        const title = await reads.trainingActionTitle(viewer.organisationId, trainingActionId);
        if (title === undefined) throw notFound('training_action_not_found', 'No such training action');
        scope = { kind: 'training_action', trainingActionId, trainingActionTitle: title };
      }
      const snapshotId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'results-snapshot', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, publicationDecider, publicationStream(viewer.organisationId), {
        type: 'PublishResultsSnapshot',
        snapshot: {
          snapshotId,
          label: body.label,
          periodFrom: body.periodFrom,
          periodTo: body.periodTo,
          scope,
          figures: body.figures,
          note: body.note,
        },
        today: parisDate(clock.now()),
        newPublicId: newPublicId(),
      });
      return created(reply, { id: snapshotId, revision: result.revision, position: result.position });
    },
  );

  api.post(
    '/api/results-snapshots/:snapshotId/withdraw',
    {
      schema: {
        tags: ['publication'],
        summary: 'Take a snapshot off the public page, with a reason (it stays in the history)',
        params: z.object({ snapshotId: z.string().uuid() }),
        body: z.object({ reason: text(500) }),
        response: { 200: commandResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'results:publish');
      const result = await runCommand(
        commandContext(request, viewer, deps),
        publicationDecider,
        publicationStream(viewer.organisationId),
        {
          type: 'WithdrawResultsSnapshot',
          snapshotId: request.params.snapshotId,
          reason: request.body.reason,
        },
      );
      return { id: request.params.snapshotId, revision: result.revision, position: result.position };
    },
  );

  // Anyone may read published results: limited per address like the public forms, but not per page, since a
  // page framed on a busy website is read by many visitors.
  const publicLimits = {
    config: { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  };

  /** The results a public id names, with the organisation's name; undefined for any id that names none. */
  const load = async (
    publicId: string,
  ): Promise<{ results: PublicResults; organisationName: string } | undefined> => {
    if (!isPublicId(publicId)) return undefined;
    const results = await reads.publicResults(publicId);
    if (!results) return undefined;
    const profile = await reads.organisationPublicProfile(results.organisationId);
    return { results, organisationName: profile?.name ?? 'Organisme de formation' };
  };

  const sendPage = async (reply: FastifyReply, publicId: string, variant: PageVariant) => {
    const found = await load(publicId);
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', pagePolicy(variant === 'embed' ? '*' : "'self'"))
      .header('cache-control', 'public, max-age=300');
    if (variant === 'embed') {
      // Framed by the organisation's own website, whatever its address.
      reply.removeHeader('x-frame-options');
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    if (!found) return reply.code(404).header('cache-control', 'no-store').send(NOT_FOUND_PAGE);
    return reply.send(renderResultsPage({ ...found, variant, fullPath: publicResultsPaths(publicId).page }));
  };

  api.get(
    '/resultats/:publicId',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary: 'The organisation’s published results, as an HTML page (no account needed)',
        params: publicIdParams,
      },
    },
    (request, reply) => sendPage(reply, request.params.publicId, 'full'),
  );

  api.get(
    '/resultats/:publicId/integration',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary: 'The current results, compact, for a frame on the organisation’s website',
        params: publicIdParams,
      },
    },
    (request, reply) => sendPage(reply, request.params.publicId, 'embed'),
  );

  api.get(
    '/api/public/results/:publicId.json',
    {
      ...publicLimits,
      schema: {
        tags: ['public'],
        summary: 'The published results as JSON, readable from any website (CORS open for GET)',
        params: publicIdParams,
        response: {
          200: z.object({
            organisation: z.object({ name: z.string() }),
            page: z.string(),
            current: z.array(publicSnapshotSchema),
            previous: z.array(publicSnapshotSchema),
          }),
          404: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const { publicId } = request.params;
      reply
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', 'public, max-age=300');
      const found = await load(publicId);
      if (!found) throw notFound('results_not_found', 'No results are published at this address');
      const { results, organisationName } = found;
      return {
        organisation: { name: organisationName },
        page: publicResultsPaths(publicId).page,
        current: results.snapshots.filter((snapshot) => snapshot.current).map(publicSnapshot),
        previous: results.snapshots.filter((snapshot) => !snapshot.current).map(publicSnapshot),
      };
    },
  );
};
