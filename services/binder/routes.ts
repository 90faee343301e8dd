import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findBinderExport } from '../../projections/binder/queries';
import { logPositionAt } from '../../projections/evidence/binder';
import { attachmentDisposition } from '../files/download';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { AppError, badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, created, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate, startOfNextParisDay } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { binderExportDecider } from './decider';
import { binderExportStream } from './events';
import { defaultBinderFrom } from './period';
import { binderFilePath } from './runner';
import { binderReferential } from './source';
import { stateReadiness } from './stated-readiness';

const requestBody = z.object({
  /** First Paris day; default: the day after the last audit held, else a year before `to`. */
  from: isoDate.optional(),
  /** Last Paris day; default: today. */
  to: isoDate.optional(),
  /** Default: every indicator that applies to the organisation. */
  indicators: z.array(z.number().int().min(1).max(40)).max(40).optional(),
  /** Reproduce the binder as it was at the end of this Paris day (from the log); default: now. */
  asOf: isoDate.optional(),
});

const params = z.object({ exportId: z.string().uuid() });

export const binderRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/binder-exports',
    {
      schema: {
        tags: ['binder'],
        summary:
          'Export an audit binder for a period and indicators (default: since the last audit, every applicable indicator), as of a day; the archive is written in the background',
        body: requestBody,
        response: { 201: commandResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'binder:export');
      const context = commandContext(request, viewer, deps);
      const now = deps.clock.now();
      const today = parisDate(now);
      const body = request.body;
      if (body.asOf && body.asOf > today) {
        throw badRequest('as_of_in_future', 'A binder cannot be drawn as of a day to come', {
          asOf: body.asOf,
        });
      }
      const to = body.to ?? body.asOf ?? today;
      const from = body.from ?? (await defaultBinderFrom(deps.db, viewer.organisationId, to));
      // As of a past day: what the log held at its end (by the log's own dates); else all it holds now.
      const head = await logPositionAt(
        deps.db,
        body.asOf && body.asOf < today ? startOfNextParisDay(body.asOf) : null,
      );
      if (!head) throw badRequest('log_empty', 'Nothing was recorded by that day');
      const { applicable } = await binderReferential(deps.db, viewer.organisationId, today);
      const indicators = body.indicators ?? applicable;
      // Readiness is stated only for a binder of "now": the rules read today's read models, not a past day's.
      const statedNow = !body.asOf || body.asOf >= today;
      const readiness = statedNow
        ? await stateReadiness(deps.db, {
            organisationId: viewer.organisationId,
            from,
            to,
            indicators: [...new Set(indicators)].filter((n) => applicable.includes(n)).sort((a, b) => a - b),
            asOfPosition: head.position,
            asOfRecordedAt: head.recordedAt.toISOString(),
          })
        : null;
      const exportId = context.idempotencyKey
        ? derivedId(viewer.organisationId, 'binder-export', context.idempotencyKey)
        : newId();
      const result = await runCommand(context, binderExportDecider, binderExportStream(exportId), {
        type: 'RequestBinderExport',
        request: {
          exportId,
          from,
          to,
          indicators,
          asOfPosition: head.position,
          asOfRecordedAt: head.recordedAt.toISOString(),
          requestedBy: viewer.userId,
          readiness,
        },
        applicable,
        today,
      });
      return created(reply, { id: exportId, revision: result.revision, position: result.position });
    },
  );

  api.get(
    '/api/binder-exports/:exportId/download',
    { schema: { tags: ['binder'], summary: 'Download a finished audit binder (ZIP)', params } },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'binder:read');
      const row = await findBinderExport(deps.db, viewer.organisationId, request.params.exportId);
      if (!row) throw notFound('binder_not_found', 'No such binder');
      if (row.status === 'discarded') {
        throw new AppError(410, 'binder_discarded', 'This binder was removed after its keeping time');
      }
      if (row.status !== 'completed' || !row.file_name) {
        throw notFound('binder_not_ready', 'This binder is not written yet');
      }
      const path = binderFilePath(deps.config.DATA_DIR, row.organisation_id, row.id);
      const size = await stat(path).then(
        (stats) => stats.size,
        () => undefined,
      );
      if (size === undefined) throw new AppError(410, 'binder_discarded', 'This binder’s archive is gone');
      // Through an auditor's link: only the binders it covers, and each download is recorded on the link.
      await viewer.link?.recordBinderDownload(row.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(size))
        .header('content-disposition', attachmentDisposition(row.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('digest', `sha-256=${Buffer.from(row.sha256 ?? '', 'hex').toString('base64')}`)
        .send(createReadStream(path));
    },
  );
};
