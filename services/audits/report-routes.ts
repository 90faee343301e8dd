import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actionsByOrigin } from '../../projections/actions/queries';
import { auditsOf, findAudit, nonConformitiesOf } from '../../projections/audits/queries';
import { findOrganisation, findOrganisationProfile } from '../../projections/organisations/queries';
import { checkFiles, fileLimitsOf, type IncomingFile } from '../files/check';
import { attachmentDisposition, sendStoredFile } from '../files/download';
import { discardFiles, readFile, storeCheckedFiles } from '../files/store';
import { acceptFileForms, receiveForm } from '../files/upload';
import { requirePermission } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, conflict, notFound } from '../kernel/errors';
import { commandContext, commandResult, errorBody, errorResponses, typed } from '../kernel/http';
import { parisDate } from '../kernel/paris-time';
import { pdfBuffer } from '../kernel/pdf';
import { isoDate } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type ActionPlanSource, actionPlanDocument } from './action-plan';
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

  typed(app).get(
    '/api/audits/:auditId/action-plan.pdf',
    {
      schema: {
        tags: ['audits'],
        summary:
          'The action plan for the certifier: the audit’s non-conformities, their deadlines and corrective actions (PDF, in French)',
        params,
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'audit:read');
      const { organisationId } = viewer;
      const audit = await findAudit(deps.db, organisationId, request.params.auditId);
      if (!audit) throw notFound('audit_not_found', 'No such audit');
      const rows = await nonConformitiesOf(deps.db, organisationId, { auditId: audit.id });
      if (rows.length === 0) {
        throw conflict(
          'audit_without_non_conformities',
          'This audit has no non-conformity to plan actions for',
        );
      }
      const [organisation, profile, audits] = await Promise.all([
        findOrganisation(deps.db, organisationId),
        findOrganisationProfile(deps.db, organisationId),
        auditsOf(deps.db, organisationId),
      ]);
      const end = audit.held_to ?? audit.planned_to;
      const next = audits
        .filter((other) => other.status === 'planned' && other.id !== audit.id && other.planned_from > end)
        .sort((a, b) => a.planned_from.localeCompare(b.planned_from))[0];
      const nonConformities: ActionPlanSource['nonConformities'] = await Promise.all(
        rows.map(async (nc) => ({
          indicator: nc.indicator,
          referentialVersion: nc.referential_version,
          grade: nc.grade,
          initialGrade: nc.initial_grade,
          finding: nc.finding,
          notifiedOn: nc.notified_on,
          deadline: nc.deadline,
          requalifiedOn: nc.requalified_on,
          actionPlan: nc.action_plan,
          open: nc.open,
          closedOn: nc.closed_on,
          evidence: nc.evidence,
          actions: (await actionsByOrigin(deps.db, organisationId, 'non_conformity', nc.id)).map(
            (action) => ({
              title: action.title,
              status: action.status,
              dueOn: action.due_on,
              doneOn: action.done_on,
              effectiveness: action.effectiveness,
            }),
          ),
        })),
      );
      const pdf = await pdfBuffer(
        actionPlanDocument({
          organisation: {
            name: profile?.legal_name ?? organisation?.name ?? '',
            siret: profile?.siret ?? null,
            nda: profile?.nda ?? null,
            certificateNumber: profile?.certificate_number ?? null,
          },
          audit: {
            kind: audit.kind,
            certifierName: audit.certifier_name,
            heldFrom: audit.held_from,
            heldTo: audit.held_to,
            plannedFrom: audit.planned_from,
            plannedTo: audit.planned_to,
          },
          nextAuditFrom: next?.planned_from ?? null,
          nonConformities,
          drawnAt: deps.clock.now().toISOString(),
        }),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          attachmentDisposition(`plan-actions-${audit.held_from ?? audit.planned_from}.pdf`),
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
