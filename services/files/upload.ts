import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, badRequest, isAppError } from '../kernel/errors';
import { DEFAULT_FILE_LIMITS, type FileLimits, type IncomingFile, tooLarge, tooManyFiles } from './check';

/** Largest text field of a form sent with files (a complaint's description fits many times over). */
export const FORM_FIELD_MAX_BYTES = 64 * 1024;
const FORM_MAX_FIELDS = 50;

/** A form received whole: its text fields and its files, nothing checked or stored yet. */
export interface ReceivedForm {
  fields: Record<string, string>;
  files: (IncomingFile & { field: string })[];
}

/**
 * Lets the routes of this scope take `multipart/form-data`: the text of a form and its files in one request, so a
 * dropped connection leaves nothing half-written. Register it in the scope of the routes that need it.
 */
export const acceptFileForms = async (app: FastifyInstance) => {
  await app.register(multipart, { throwFileSizeLimit: true });
};

const formTooLarge = () =>
  new AppError(
    413,
    'form_too_large',
    `A form holds at most ${FORM_MAX_FIELDS} fields of ${FORM_FIELD_MAX_BYTES / 1024} kB`,
  );

/** The multipart plugin's and the parser's failures, as our error shape: never a 500 for what a client sent. */
const asAppError = (error: unknown, limits: FileLimits, fileIndex: number): AppError => {
  if (isAppError(error)) return error;
  switch ((error as { code?: unknown }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(limits, limits.maxBytes + 1, fileIndex);
    case 'FST_FILES_LIMIT':
      return tooManyFiles(limits);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return formTooLarge();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return badRequest('multipart_expected', 'Send the form as multipart/form-data');
    case 'FST_MP_PREMATURE_CLOSE':
      return badRequest('upload_interrupted', 'The upload was interrupted; send the form again');
    default:
      return badRequest('multipart_malformed', 'The form could not be read');
  }
};

/**
 * Reads a whole multipart form into memory within the limits (each file at most `maxBytes`, at most `maxFiles`):
 * past them it answers 413 `file_too_large` or 400 `too_many_files` before anything is stored.
 */
export const receiveForm = async (
  request: FastifyRequest,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<ReceivedForm> => {
  const form: ReceivedForm = { fields: Object.create(null), files: [] };
  if (!request.isMultipart()) throw badRequest('multipart_expected', 'Send the form as multipart/form-data');
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxBytes,
        files: limits.maxFiles,
        fields: FORM_MAX_FIELDS,
        fieldSize: FORM_FIELD_MAX_BYTES,
        parts: limits.maxFiles + FORM_MAX_FIELDS,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // An empty file input of a browser form (nothing chosen) arrives as a nameless, empty part.
        if (bytes.length === 0 && !part.filename) continue;
        form.files.push({ field: part.fieldname, declaredName: part.filename, bytes });
      } else {
        if (part.valueTruncated) throw formTooLarge();
        form.fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    throw asAppError(error, limits, form.files.length);
  }
  return form;
};
