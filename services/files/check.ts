import { createHash } from 'node:crypto';
import { AppError, badRequest } from '../kernel/errors';
import { type AcceptedKind, type FileMediaType, sniffFile } from './sniff';

/** How much one request may bring: FILE_MAX_BYTES and FILES_MAX_PER_REQUEST by default (services/config.ts). */
export interface FileLimits {
  maxBytes: number;
  maxFiles: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 5 };

/** The limits a configuration sets. */
export const fileLimitsOf = (config: {
  FILE_MAX_BYTES: number;
  FILES_MAX_PER_REQUEST: number;
}): FileLimits => ({
  maxBytes: config.FILE_MAX_BYTES,
  maxFiles: config.FILES_MAX_PER_REQUEST,
});

/** A file as received: its bytes and the name the sender gave (never trusted for its type). */
export interface IncomingFile {
  bytes: Buffer;
  declaredName?: string;
}

export interface CheckedFile {
  bytes: Buffer;
  kind: AcceptedKind;
  mediaType: FileMediaType;
  sha256: string;
  name: string;
}

const MAX_NAME_LENGTH = 120;
const DEFAULT_NAME = 'fichier';
// Control and format characters (bidirectional overrides could show `exe.pdf` as `fdp.exe` or the reverse).
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\p{Cf}]/gu;

/** A name safe to keep and to offer back: no folder, no control character, at most 120 characters (extension kept). */
export const sanitiseName = (declared: string | undefined): string => {
  const base = (declared ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE_NAME_CHARACTERS, '').trim().replace(/^\.+/, '');
  const characters = [...cleaned];
  if (characters.length === 0) return DEFAULT_NAME;
  if (characters.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(cleaned)?.[0] ?? '';
  return (
    characters
      .slice(0, MAX_NAME_LENGTH - extension.length)
      .join('')
      .trimEnd() + extension
  );
};

export const tooLarge = (limits: FileLimits, size: number, index?: number) =>
  new AppError(413, 'file_too_large', `A file is at most ${Math.floor(limits.maxBytes / (1024 * 1024))} MB`, {
    maxBytes: limits.maxBytes,
    size,
    ...(index === undefined ? {} : { index }),
  });

export const tooManyFiles = (limits: FileLimits) =>
  badRequest('too_many_files', `At most ${limits.maxFiles} files may be sent at once`, {
    maxFiles: limits.maxFiles,
  });

/** Checks one file by its content: not empty, within the size limit, of a type we accept. */
export const checkFile = (file: IncomingFile, limits: FileLimits = DEFAULT_FILE_LIMITS, index?: number) => {
  const where = index === undefined ? {} : { index };
  if (file.bytes.length > limits.maxBytes) throw tooLarge(limits, file.bytes.length, index);
  const sniffed = sniffFile(file.bytes);
  if (!sniffed.accepted) {
    if (sniffed.kind === 'empty') throw badRequest('file_empty', 'A file is empty', where);
    throw badRequest(
      'file_type_unsupported',
      `This file is refused (found: ${sniffed.kind}); send a PDF, an image (PNG, JPEG, WebP), a text or an office document (DOCX, XLSX, PPTX, ODT, ODS)`,
      { ...where, detected: sniffed.kind },
    );
  }
  return {
    bytes: file.bytes,
    kind: sniffed.kind,
    mediaType: sniffed.mediaType,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    name: sanitiseName(file.declaredName),
  } satisfies CheckedFile;
};

/** Checks every file of a request before any is stored: the first refusal refuses them all. */
export const checkFiles = (files: readonly IncomingFile[], limits: FileLimits = DEFAULT_FILE_LIMITS) => {
  if (files.length > limits.maxFiles) throw tooManyFiles(limits);
  return files.map((file, index) => checkFile(file, limits, index));
};
