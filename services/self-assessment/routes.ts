import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findEvidenceDocument } from '../../projections/documents/queries';
import { indicatorsOfEvidenceItem } from '../../projections/self-assessment/queries';
import { binderReferential } from '../binder/source';
import { requirePermission, type Viewer } from '../kernel/auth';
import { runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, errorResponses, typed } from '../kernel/http';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type SelfAssessmentCommand, selfAssessmentDecider } from './decider';
import { documentFileName, positionFor, preparatoryContent } from './document';
import { EVIDENCE_LINK_KINDS, type EvidenceLinkTarget, SELF_RATINGS, selfAssessmentStream } from './events';
import { renderPreparatoryDocx } from './render-docx';
import { renderPreparatoryPdf } from './render-pdf';

/** The longest approach, in characters. */
export const MAX_APPROACH_CHARACTERS = 20000;

const indicatorParams = z.object({ indicator: z.coerce.number().int().min(1).max(40) });
const evidenceBody = z.object({ kind: z.enum(EVIDENCE_LINK_KINDS), id: z.string().uuid() });
const result = z.object({
  indicator: z.number().int(),
  revision: z.number().int(),
  position: z.number().int(),
  changed: z.boolean(),
});
const documentQuery = z.object({
  asOf: isoDate.optional(),
  position: z.coerce.number().int().min(0).optional(),
});

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The self-assessment of each applicable indicator — its approach (each change a new version; If-Match names the
 * revision read), the evidence it links, its rating — and the preparatory document drawn from it, as a PDF or an
 * editable DOCX, as of any day.
 */
export const selfAssessmentRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const api = typed(app);
  const today = () => parisDate(deps.clock.now());

  const run = async (
    request: Parameters<typeof commandContext>[0],
    viewer: Viewer,
    indicator: number,
    command: (on: { indicator: number; applicable: readonly number[]; by: string }) => SelfAssessmentCommand,
  ) => {
    const { applicable } = await binderReferential(deps.db, viewer.organisationId, today());
    const outcome = await runCommand(
      commandContext(request, viewer, deps),
      selfAssessmentDecider,
      selfAssessmentStream(viewer.organisationId, indicator),
      command({ indicator, applicable, by: viewer.userId }),
    );
    return {
      indicator,
      revision: outcome.revision,
      position: outcome.position,
      changed: outcome.events.length > 0,
    };
  };

  /** A link names the organisation's own evidence (else 404), of this indicator (else 400). */
  const checkTarget = async (organisationId: string, indicator: number, target: EvidenceLinkTarget) => {
    const indicators =
      target.kind === 'document'
        ? (await findEvidenceDocument(deps.db, organisationId, target.id))?.indicators
        : await indicatorsOfEvidenceItem(deps.db, organisationId, target.id);
    if (!indicators || indicators.length === 0) {
      throw target.kind === 'document'
        ? notFound('evidence_document_not_found', 'No such evidence document')
        : notFound('evidence_item_not_found', 'No such evidence item');
    }
    if (!indicators.includes(indicator)) {
      throw badRequest(
        'evidence_of_another_indicator',
        `This evidence does not support indicator ${indicator}`,
        {
          indicator,
          indicators,
        },
      );
    }
  };

  api.post(
    '/api/self-assessment/:indicator/approach',
    {
      schema: {
        tags: ['self-assessment'],
        summary:
          'Write the approach of an indicator (formatted text: paragraphs, "- " lists, **bold**): a new version; If-Match with the revision read',
        params: indicatorParams,
        body: z.object({ text: text(MAX_APPROACH_CHARACTERS) }),
        response: { 200: result, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'self-assessment:manage');
      return run(request, viewer, request.params.indicator, (on) => ({
        type: 'WriteApproach',
        text: request.body.text,
        ...on,
      }));
    },
  );

  api.post(
    '/api/self-assessment/:indicator/evidence',
    {
      schema: {
        tags: ['self-assessment'],
        summary: 'Link an evidence document or an item of the indicator’s timeline to its self-assessment',
        params: indicatorParams,
        body: evidenceBody,
        response: { 200: result, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'self-assessment:manage');
      const { indicator } = request.params;
      await checkTarget(viewer.organisationId, indicator, request.body);
      return run(request, viewer, indicator, (on) => ({ type: 'LinkEvidence', target: request.body, ...on }));
    },
  );

  api.post(
    '/api/self-assessment/:indicator/evidence/unlink',
    {
      schema: {
        tags: ['self-assessment'],
        summary:
          'Unlink a piece of evidence from the indicator’s self-assessment (the link stays in the history)',
        params: indicatorParams,
        body: evidenceBody,
        response: { 200: result, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'self-assessment:manage');
      return run(request, viewer, request.params.indicator, (on) => ({
        type: 'UnlinkEvidence',
        target: request.body,
        ...on,
      }));
    },
  );

  api.post(
    '/api/self-assessment/:indicator/rating',
    {
      schema: {
        tags: ['self-assessment'],
        summary: 'Rate the organisation on the indicator (conform, partly, not yet) with an optional note',
        params: indicatorParams,
        body: z.object({ rating: z.enum(SELF_RATINGS), note: optionalText(2000) }),
        response: { 200: result, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'self-assessment:manage');
      return run(request, viewer, request.params.indicator, (on) => ({
        type: 'RateSelf',
        rating: request.body.rating,
        note: request.body.note,
        ...on,
      }));
    },
  );

  for (const format of ['pdf', 'docx'] as const) {
    api.get(
      `/api/self-assessment/document.${format}`,
      {
        schema: {
          tags: ['self-assessment'],
          summary: `The preparatory document as ${format === 'pdf' ? 'a PDF' : 'an editable DOCX'}, as of a Paris day (default today), or at an exact log position of that day`,
          querystring: documentQuery,
        },
      },
      async (request, reply) => {
        const viewer = requirePermission(request.viewer, 'audit:read');
        const now = today();
        const asOf = request.query.asOf ?? now;
        const at = await positionFor(deps.db, asOf, now, request.query.position ?? null);
        await deps.waitForPosition(at.position);
        const content = await preparatoryContent(deps.db, viewer.organisationId, asOf, at);
        const body =
          format === 'pdf' ? await renderPreparatoryPdf(content) : await renderPreparatoryDocx(content);
        return reply
          .header('content-type', format === 'pdf' ? 'application/pdf' : DOCX_TYPE)
          .header('content-disposition', `attachment; filename="${documentFileName(content, format)}"`)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('x-log-position', String(content.position))
          .send(body);
      },
    );
  }
};
