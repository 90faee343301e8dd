import type { FastifyRequest } from 'fastify';
import type { CheckedFile, FileLimits, IncomingFile } from '../files/check';
import { checkFiles } from '../files/check';
import { discardFiles, type FilesDeps, storeCheckedFiles } from '../files/store';
import { receiveForm } from '../files/upload';
import { type CommandContext, runCommand } from '../kernel/command';
import { badRequest } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { SliceDeps } from '../slice';
import { checkIntake, complaintDecider, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './decider';
import {
  type ComplaintAttachment,
  type ComplaintIntake,
  type ComplaintReceived,
  complainantSubject,
  complaintStream,
} from './events';

/** The multipart field carrying the complaint's fields as JSON, and the one carrying its files. */
export const COMPLAINT_FIELD = 'complaint';
export const ATTACHMENTS_FIELD = 'attachments';

/** What one complaint may carry: the files port's limits, within what the complaint's decider accepts. */
export const complaintFileLimits = (config: {
  FILE_MAX_BYTES: number;
  FILES_MAX_PER_REQUEST: number;
}): FileLimits => ({
  maxBytes: Math.min(config.FILE_MAX_BYTES, MAX_ATTACHMENT_BYTES),
  maxFiles: Math.min(config.FILES_MAX_PER_REQUEST, MAX_ATTACHMENTS),
});

const receivedFiles = new WeakMap<FastifyRequest, IncomingFile[]>();

/**
 * A preValidation hook: a `multipart/form-data` request carries the complaint as JSON in the field `complaint`
 * and its files as `attachments`. The JSON becomes the body the route's schema validates; the files, read whole
 * within the limits, wait for the handler. A JSON request passes untouched (no files).
 */
export const complaintForm = (limits: FileLimits) =>
  async function readComplaintForm(request: FastifyRequest) {
    if (!request.isMultipart()) return;
    const form = await receiveForm(request, limits);
    const stray = form.files.find((file) => file.field !== ATTACHMENTS_FIELD);
    if (stray) {
      throw badRequest('unexpected_file_field', `Files are sent as "${ATTACHMENTS_FIELD}"`, {
        field: stray.field,
      });
    }
    const json = form.fields[COMPLAINT_FIELD];
    if (json === undefined) {
      throw badRequest(
        'complaint_field_missing',
        `Send the complaint as JSON in the field "${COMPLAINT_FIELD}"`,
      );
    }
    try {
      request.body = JSON.parse(json);
    } catch {
      throw badRequest('complaint_field_malformed', `The field "${COMPLAINT_FIELD}" is not valid JSON`);
    }
    receivedFiles.set(request, form.files);
  };

/** The files a request brought with its complaint (none for a JSON request). */
export const filesOf = (request: FastifyRequest): IncomingFile[] => receivedFiles.get(request) ?? [];

const attachmentsOf = (checked: readonly CheckedFile[], ids: readonly string[]): ComplaintAttachment[] =>
  checked.map((file, index) => ({
    attachmentId: ids[index]!,
    fileName: file.name,
    mediaType: file.mediaType,
    sizeBytes: file.bytes.length,
    sha256: file.sha256,
  }));

/**
 * Records a complaint with its files, all or nothing: every field and file is checked (content, size, count, the
 * decider's rules) before anything is written; the files are stored sealed with the complainant, then the
 * complaint is appended naming them; if that append is refused, or a concurrent retry recorded the complaint
 * first, the files stored here are removed. A retry of a recorded complaint (same idempotency key) stores nothing
 * and answers the first result.
 */
export const receiveComplaint = async (
  deps: SliceDeps,
  context: CommandContext,
  input: {
    complaintId: string;
    intake: Omit<ComplaintIntake, 'attachments'>;
    files: readonly IncomingFile[];
    limits: FileLimits;
    today: string;
  },
) => {
  const { complaintId, intake, today } = input;
  const stream = complaintStream(complaintId);
  const run = (attachments: ComplaintAttachment[]) =>
    runCommand(context, complaintDecider, stream, {
      type: 'ReceiveComplaint',
      complaintId,
      today,
      intake: { ...intake, attachments },
    });
  const existing = await deps.store.readStream(stream);
  if (existing.length > 0) return run([]);

  const checked = checkFiles(input.files, input.limits);
  checkIntake(
    {
      ...intake,
      attachments: attachmentsOf(
        checked,
        checked.map(() => newId()),
      ),
    },
    today,
  );
  const files: FilesDeps = { db: deps.db, vault: deps.vault };
  const stored = await storeCheckedFiles(
    files,
    { organisationId: context.organisationId, subject: complainantSubject({ complaintId }) },
    checked,
  );
  const storedIds = stored.map((file) => file.fileId);
  try {
    const result = await run(attachmentsOf(checked, storedIds));
    const received = result.events[0] as ComplaintReceived | undefined;
    const recorded = received?.data.attachments;
    const named = new Set(
      Array.isArray(recorded) ? recorded.map((attachment) => attachment.attachmentId) : [],
    );
    const orphans = storedIds.filter((id) => !named.has(id));
    await discardFiles(deps.db, context.organisationId, orphans);
    return result;
  } catch (error) {
    await discardFiles(deps.db, context.organisationId, storedIds);
    throw error;
  }
};
