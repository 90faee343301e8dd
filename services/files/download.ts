import type { FastifyReply } from 'fastify';
import { notFound } from '../kernel/errors';
import type { ReadFileResult } from './store';

// RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~; everything else percent-encoded from UTF-8.
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `Content-Disposition: attachment` naming the file: an ASCII fallback and the exact name (RFC 6266/5987). */
export const attachmentDisposition = (name: string) => {
  const fallback = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]|["\\%]/g, (character) => (/\p{M}/u.test(character) ? '' : '_'));
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
};

/**
 * Answers a stored file as a download: its type as sniffed, never rendered in the page's origin (attachment,
 * nosniff, a sandboxing CSP), not cached by shared caches. A missing or erased file answers 404 with its code.
 */
export const sendStoredFile = (reply: FastifyReply, result: ReadFileResult) => {
  if (result.status === 'not_found') throw notFound('file_not_found', 'No such file');
  if (result.status === 'erased') {
    throw notFound('file_erased', "This file was erased with its sender's personal data");
  }
  return reply
    .header('content-type', result.file.mediaType)
    .header('content-length', String(result.bytes.length))
    .header('content-disposition', attachmentDisposition(result.file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(result.bytes);
};
