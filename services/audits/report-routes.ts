import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAudit } from '../../projections/audits/queries';
import { checkFiles, fileLimitsOf, type IncomingFile } from '../files/check';
import { sendStoredFile } from '../files/download';
import { discardFiles, readFile, storeCheckedFiles } from '../files/store';
import { acceptFileForms, receiveForm } from '../files/upload';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, errorBody, errorResponses, typed } from '../kernel/http';
import { parisDate } from '../kernel/paris-time';
import { isoDate } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { auditDecider } from './decider';
import { type AuditReportFile, auditStream } from './events';

/** The multipart field carrying the certifier's report. */
export const REPORT_FILE_FIELD = 'report';

const params = z.object({ auditId: z.string().uuid() });
const receivedFiles = new WeakMap<FastifyRequest, IncomingFile[]>();

/**
 * The report of a held audit: its receipt as JSON `{ receivedOn }`, or as multipart/form-data with `receivedOn` and
 * the file in `report` (checked by content, stored through the files port); and its download.
 */
export const auditReportRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const limits = { ...fileLimitsOf(deps.config), maxFiles: 1 };
  const today = () => parisDate(deps.clock.now());

  await app.register(async (forms) => {
    await acceptFileForms(forms);
    typed(forms).post(
      '/api/audits/:auditId/report',
      {
        async preValidation(request) {
          if (!request.isMultipart()) return;
          const form = await receiveForm(request, limits);
          const stray = form.files.find((file) => file.field !== REPORT_FILE_FIELD);
          if (stray) {
            throw badRequest('unexpected_file_field', `The report is sent as "${REPORT_FILE_FIELD}"`, {
              field: stray.field,
            });
          }
          request.body = { receivedOn: form.fields.receivedOn ?? '' };
          receivedFiles.set(request, form.files);
        },
        schema: {
          tags: ['audits'],
          summary:
            'Record that the certifier’s report of a held audit was received: JSON, or multipart/form-data with `receivedOn` and the file in `report`',
          params,
          body: z.object({ receivedOn: isoDate }),
          response: {
            200: commandResult.extend({ changed: z.boolean() }),
            413: errorBody,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, 'audit:manage');
        const context = commandContext(request, viewer, deps);
        const { auditId } = request.params;
        const checked = checkFiles(receivedFiles.get(request) ?? [], limits);
        const command = (report: AuditReportFile | null) => ({
          type: 'ReceiveReport' as const,
          receivedOn: request.body.receivedOn,
          report,
          today: today(),
        });
        // Refused before anything is stored: a report of an audit not held, or of another organisation's.
        const history = await deps.store.readStream(auditStream(auditId));
        const own = history.length > 0 && history[0]!.metadata.organisationId === viewer.organisationId;
        const state = own
          ? history.reduce(
              (current, event) => auditDecider.evolve(current, event as never),
              auditDecider.initialState,
            )
          : auditDecider.initialState;
        auditDecider.decide(command(null), state);
        const [stored] = await storeCheckedFiles(
          { db: deps.db, vault: deps.vault },
          { organisationId: viewer.organisationId },
          checked,
        );
        const report = stored
          ? {
              fileId: stored.fileId,
              fileName: stored.name,
              mediaType: stored.mediaType,
              sizeBytes: stored.size,
              sha256: stored.sha256,
            }
          : null;
        try {
          const result = await runCommand(context, auditDecider, auditStream(auditId), command(report));
          return {
            id: auditId,
            revision: result.revision,
            position: result.position,
            changed: result.events.length > 0,
          };
        } catch (error) {
          if (stored) await discardFiles(deps.db, viewer.organisationId, [stored.fileId]);
          throw error;
        }
      },
    );
  });

  typed(app).get(
    '/api/audits/:auditId/report-file',
    {
      schema: { tags: ['audits'], summary: 'The certifier’s report of an audit, as a download', params },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:read');
      const audit = await findAudit(deps.db, viewer.organisationId, request.params.auditId);
      if (!audit?.report) throw notFound('report_not_found', 'This audit has no report file');
      return sendStoredFile(
        reply,
        await readFile({ db: deps.db, vault: deps.vault }, viewer.organisationId, audit.report.fileId),
      );
    },
  );
};
