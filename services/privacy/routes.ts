import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { notFound } from '../kernel/errors';
import { commandContext, errorResponses, typed } from '../kernel/http';
import { newId } from '../kernel/ids';
import type { SliceDeps } from '../slice';
import { exportDecider } from './decider';
import { SUBJECT_KINDS } from './declarations';
import { eraseSubject } from './erase';
import { ERASURE_REASONS, EXPORT_FORMATS, privacyExportStream } from './events';
import { buildSubjectExport } from './export';
import { renderSubjectExportHtml } from './export-html';
import { allPersonalData } from './registry';
import type { PrivacyTables } from './tables';

/** Most subjects one export names: one person's user account, invitations and messages. */
export const MAX_EXPORT_SUBJECTS = 200;

const subjectIdSchema = z
  .string()
  .regex(
    new RegExp(`^(${SUBJECT_KINDS.join('|')}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
  );

export const privacyRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);

  api.post(
    '/api/privacy/subjects/:subjectId/erase',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Erase a data subject’s personal data (deletes their key; the events stay, their fields read as erased)',
        params: z.object({ subjectId: subjectIdSchema }),
        body: z.object({ reason: z.enum(ERASURE_REASONS) }),
        response: {
          200: z.object({ subjectId: z.string(), revision: z.number().int(), position: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'privacy:erase');
      const { subjectId } = request.params;
      // Another organisation's subject answers exactly like an unknown one.
      if ((await deps.vault.organisationOf(subjectId)) !== viewer.organisationId) {
        throw notFound('subject_not_found', 'No personal data is recorded for this subject');
      }
      const result = await eraseSubject(deps, commandContext(request, viewer, deps), {
        subjectId,
        reason: request.body.reason,
        erasedBy: viewer.userId,
      });
      return { subjectId, revision: result.revision, position: result.position };
    },
  );

  api.post(
    '/api/privacy/exports',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Export everything held about data subjects (JSON for portability, or a page to read and print); recorded as PersonalDataExported',
        body: z.object({
          subjectIds: z.array(subjectIdSchema).min(1).max(MAX_EXPORT_SUBJECTS),
          format: z.enum(EXPORT_FORMATS),
        }),
        response: {
          200: z
            .string()
            .describe('The export: a JSON document or a self-contained HTML page, as an attachment'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'privacy:access');
      const subjectIds = [...new Set(request.body.subjectIds)].sort();
      const { format } = request.body;
      const rows = await deps.db
        .withTables<PrivacyTables>()
        .selectFrom('privacy_subjects')
        .select(['subject_id', 'organisation_id', 'erased_at'])
        .where('subject_id', 'in', subjectIds)
        .execute();
      const known = rows.filter((row) => row.organisation_id === viewer.organisationId);
      // Another organisation's subject answers exactly like an unknown one.
      if (known.length !== subjectIds.length) {
        throw notFound('subject_not_found', 'No personal data is recorded for this subject');
      }
      // Recorded first: an export that could not be recorded is not handed over.
      const exportId = newId();
      await runCommand(
        commandContext(request, viewer, deps),
        exportDecider,
        privacyExportStream(exportId),
        { type: 'RecordExport', exportId, subjectIds, format, exportedBy: viewer.userId },
        { usuallyNew: true },
      );
      const profile = await deps.reads.organisationPublicProfile(viewer.organisationId);
      const now = deps.clock.now();
      const data = await buildSubjectExport({
        db: deps.db,
        vault: deps.vault,
        declarations: allPersonalData,
        organisation: { id: viewer.organisationId, name: profile?.name ?? null },
        subjectIds,
        refs: await deps.reads.subjectEvents(viewer.organisationId, subjectIds),
        erased: new Set(known.filter((row) => row.erased_at !== null).map((row) => row.subject_id)),
        exportOutsideLog: deps.exportOutsideLog,
        now,
      });
      const day = now.toISOString().slice(0, 10);
      reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="donnees-personnelles-${day}.${format}"`);
      if (format === 'json') {
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
      }
      return reply
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        )
        .type('text/html; charset=utf-8')
        .send(renderSubjectExportHtml(data));
    },
  );
};
