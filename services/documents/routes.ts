import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findEvidenceDocumentVersion } from '../../projections/documents/queries';
import { binderReferential } from '../binder/source';
import { checkFiles, fileLimitsOf, type IncomingFile } from '../files/check';
import { sendStoredFile } from '../files/download';
import { discardFiles, readFile, storeCheckedFiles } from '../files/store';
import { acceptFileForms, receiveForm } from '../files/upload';
import { requirePermission } from '../kernel/auth';
import { type CommandContext, runCommand } from '../kernel/command';
import { badRequest, notFound } from '../kernel/errors';
import { commandContext, commandResult, errorBody, errorResponses, typed } from '../kernel/http';
import { derivedId, newId } from '../kernel/ids';
import { parisDate } from '../kernel/paris-time';
import { isoDate, optionalText, text } from '../kernel/validation';
import type { SliceDeps } from '../slice';
import { type EvidenceDocumentCommand, evidenceDocumentDecider, MAX_VERSION } from './decider';
import { type DocumentFile, evidenceDocumentStream } from './events';

/** The multipart field carrying a version's file. */
export const DOCUMENT_FILE_FIELD = 'file';

/** A version as sent: JSON, or the text fields of a multipart form (indicators as "1, 22"). */
const versionBody = z.object({
  title: text(200),
  on: isoDate,
  version: z
    .number()
    .int()
    .min(1)
    .max(MAX_VERSION)
    .nullish()
    .transform((value) => value ?? null),
  indicators: z.array(z.number().int().min(1).max(40)).max(40),
  note: optionalText(2000),
});
type VersionBody = z.infer<typeof versionBody>;

/** A form's text fields as the version body (what is not a number stays one zod refuses). */
const fromForm = (fields: Record<string, string>) => ({
  title: fields.title ?? '',
  on: fields.on ?? '',
  version: fields.version?.trim() ? Number(fields.version) : null,
  indicators: (fields.indicators ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map(Number),
  note: fields.note ?? null,
});

const documentParams = z.object({ documentId: z.string().uuid() });
const versionParams = documentParams.extend({ version: z.coerce.number().int().min(1).max(MAX_VERSION) });
const revisionResult = commandResult.extend({ changed: z.boolean() });

const receivedFiles = new WeakMap<FastifyRequest, IncomingFile[]>();

/**
 * Evidence documents: a document added with its first version, new versions, withdrawal, and each version's file
 * as a download. A version is sent as multipart/form-data (its fields and the file in `file`, checked by content
 * and stored through the files port before the event names it).
 */
export const documentsRoutes = (deps: SliceDeps) => async (app: FastifyInstance) => {
  const limits = { ...fileLimitsOf(deps.config), maxFiles: 1 };
  const today = () => parisDate(deps.clock.now());

  /**
   * Stores the checked file, runs the command naming it, and drops the file again when the command is refused
   * or names another (a retried request answers its first upload's result).
   */
  const runUpload = async (
    request: FastifyRequest,
    context: CommandContext,
    documentId: string,
    command: (file: DocumentFile, applicable: readonly number[]) => EvidenceDocumentCommand,
  ) => {
    const { organisationId } = context;
    const [checked] = checkFiles(receivedFiles.get(request) ?? [], limits);
    if (!checked) {
      throw badRequest('file_missing', `Send the document's file as "${DOCUMENT_FILE_FIELD}"`);
    }
    const { applicable } = await binderReferential(deps.db, organisationId, today());
    const [stored] = await storeCheckedFiles({ db: deps.db, vault: deps.vault }, { organisationId }, [
      checked,
    ]);
    const file: DocumentFile = {
      fileId: stored!.fileId,
      fileName: stored!.name,
      mediaType: stored!.mediaType,
      size: stored!.size,
      sha256: stored!.sha256,
    };
    const discard = () => discardFiles(deps.db, organisationId, [file.fileId]);
    try {
      const result = await runCommand(
        context,
        evidenceDocumentDecider,
        evidenceDocumentStream(documentId),
        command(file, applicable),
      );
      const named = result.events.some(
        (event) => 'file' in event.data && event.data.file.fileId === file.fileId,
      );
      if (!named) await discard();
      return result;
    } catch (error) {
      await discard();
      throw error;
    }
  };

  const content = (body: VersionBody) => ({
    title: body.title,
    on: body.on,
    indicators: body.indicators,
    note: body.note,
  });

  await app.register(async (forms) => {
    await acceptFileForms(forms);
    const api = typed(forms);
    const preValidation = async (request: FastifyRequest) => {
      // Who may not add documents is answered before their file is read.
      requirePermission(request.viewer, 'document:manage');
      if (!request.isMultipart()) return;
      const form = await receiveForm(request, limits);
      const stray = form.files.find((file) => file.field !== DOCUMENT_FILE_FIELD);
      if (stray) {
        throw badRequest('unexpected_file_field', `The document's file is sent as "${DOCUMENT_FILE_FIELD}"`, {
          field: stray.field,
        });
      }
      request.body = fromForm(form.fields);
      receivedFiles.set(request, form.files);
    };

    api.post(
      '/api/evidence-documents',
      {
        preValidation,
        schema: {
          tags: ['documents'],
          summary:
            'Add an evidence document with its first version: multipart/form-data with title, on, indicators ("1, 22"), optional version and note, and the file in `file`',
          body: versionBody,
          response: { 201: commandResult, 413: errorBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = requirePermission(request.viewer, 'document:manage');
        const context = commandContext(request, viewer, deps);
        const documentId = context.idempotencyKey
          ? derivedId(viewer.organisationId, 'evidence-document', context.idempotencyKey)
          : newId();
        const result = await runUpload(request, context, documentId, (file, applicable) => ({
          type: 'AddDocument',
          documentId,
          content: content(request.body),
          version: request.body.version,
          file,
          applicable,
          by: viewer.userId,
          today: today(),
        }));
        return reply
          .code(201)
          .header('etag', `"${result.revision}"`)
          .send({ id: documentId, revision: result.revision, position: result.position });
      },
    );

    api.post(
      '/api/evidence-documents/:documentId/versions',
      {
        preValidation,
        schema: {
          tags: ['documents'],
          summary:
            'Add a new version of a document (the earlier ones stay in its history): the same form as a new document; If-Match with the revision read',
          params: documentParams,
          body: versionBody,
          response: { 200: revisionResult, 413: errorBody, ...errorResponses },
        },
      },
      async (request) => {
        const viewer = requirePermission(request.viewer, 'document:manage');
        const { documentId } = request.params;
        const context = commandContext(request, viewer, deps);
        const result = await runUpload(request, context, documentId, (file, applicable) => ({
          type: 'AddVersion',
          content: content(request.body),
          version: request.body.version,
          file,
          applicable,
          by: viewer.userId,
          today: today(),
        }));
        return {
          id: documentId,
          revision: result.revision,
          position: result.position,
          changed: result.events.length > 0,
        };
      },
    );
  });

  const api = typed(app);

  api.post(
    '/api/evidence-documents/:documentId/withdraw',
    {
      schema: {
        tags: ['documents'],
        summary: 'Withdraw a document, saying why: it is no longer current, and stays in the history',
        params: documentParams,
        body: z.object({ reason: text(1000) }),
        response: { 200: revisionResult, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePermission(request.viewer, 'document:manage');
      const { documentId } = request.params;
      const result = await runCommand(
        commandContext(request, viewer, deps),
        evidenceDocumentDecider,
        evidenceDocumentStream(documentId),
        { type: 'WithdrawDocument', reason: request.body.reason, by: viewer.userId, today: today() },
      );
      return {
        id: documentId,
        revision: result.revision,
        position: result.position,
        changed: result.events.length > 0,
      };
    },
  );

  api.get(
    '/api/evidence-documents/:documentId/versions/:version/file',
    {
      schema: {
        tags: ['documents'],
        summary: 'The file of one version of a document, as a download',
        params: versionParams,
      },
    },
    async (request, reply) => {
      const viewer = requirePermission(request.viewer, 'document:read');
      const { documentId, version } = request.params;
      const row = await findEvidenceDocumentVersion(deps.db, viewer.organisationId, documentId, version);
      if (!row) throw notFound('evidence_document_not_found', 'No such document version');
      return sendStoredFile(
        reply,
        await readFile({ db: deps.db, vault: deps.vault }, viewer.organisationId, row.file_id),
      );
    },
  );
};
